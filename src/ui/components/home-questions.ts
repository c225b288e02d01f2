import type { HomeNotice } from '../../app/home-feed.ts'
import type { PlaybackView } from '../../core/api/playback-reads.ts'
import { failureText } from '../failure-text.ts'
import { t } from '../i18n.ts'
import { fullTitle } from '../labels.ts'
import type { Question } from './ConfirmDialog.ts'

/** Holding OK or Info on a Continue-watching tile asks before the entry goes. */
export const removeQuestion = (view: PlaybackView): Question => ({
  title: t('home.removeTitle'),
  detail: fullTitle(view),
  confirm: t('home.remove'),
  cancel: t('common.cancel'),
})

/** A home notice's words, and whether it reports a failure (red, shown longer). */
export function noticeWords(notice: HomeNotice): { text: string; failed: boolean } {
  if (notice.kind === 'notInCatalog') return { text: t('home.notInCatalog'), failed: false }
  if (notice.kind === 'cannotRemove') return { text: t('home.cannotRemove'), failed: true }
  return { text: t('home.removeFailed', { reason: failureText(notice.error) }), failed: true }
}
