import { Lightning } from '@lightningjs/sdk'
import type { ErrorReport } from '../../core/errors.ts'
import { backdrop } from '../components/Backdrop.ts'
import { DiagnosticsRow, ROW } from '../components/DiagnosticsRow.ts'
import { wordmark } from '../components/Wordmark.ts'
import { entryDetail, entryFacts } from '../diagnostics-text.ts'
import { t } from '../i18n.ts'
import { colors, fonts, radius, safeArea, textStyle, type } from '../theme.ts'
import { Page } from './Page.ts'
import { goBack } from './navigation.ts'

export interface DiagnosticsPageSpec extends Lightning.Component.TemplateSpec {
  Backdrop: object
  Header: object
  Title: object
  Lead: object
  List: { Rows: object }
  Empty: object
  Detail: {
    RequestLabel: object
    RequestId: object
    Facts: object
    BodyLabel: object
    Body: object
  }
}

const STRIDE = ROW.h + 14
const VISIBLE_ROWS = 5
/** Room around the rows for the focus ring inside the clipped list. */
const RING_ROOM = 12
const PANEL = { y: 670, w: safeArea.w, h: 340 } as const

/** Time and status on the first line, endpoint and client id on the second. */
const factLines = (facts: readonly string[]) =>
  [facts.slice(0, 2), facts.slice(2)].map((line) => line.join('   ·   ')).join('\n')

/**
 * The last failures, newest first, as PunchPlay support asks for them. Up and
 * Down choose an entry; the panel below shows it in full (request id, UTC
 * time, endpoint, client id, status, raw body with tokens removed).
 */
export class DiagnosticsPage
  extends Page<DiagnosticsPageSpec>
  implements Lightning.Component.ImplementTemplateSpec<DiagnosticsPageSpec>
{
  static override _template(): Lightning.Component.Template<DiagnosticsPageSpec> {
    const x = safeArea.left
    const wide = { wrap: PANEL.w - 64 }
    return {
      Backdrop: backdrop(),
      Header: { x, y: safeArea.top, ...wordmark() },
      Title: { x, y: 130, text: textStyle(type.title, colors.text, { bold: true }) },
      Lead: { x, y: 208, text: textStyle(type.small, colors.secondary, wide) },
      List: {
        x: x - RING_ROOM,
        y: 268 - RING_ROOM,
        w: ROW.w + RING_ROOM * 2,
        h: STRIDE * VISIBLE_ROWS + RING_ROOM,
        clipping: true,
        Rows: { x: RING_ROOM, y: RING_ROOM },
      },
      Empty: { x, y: 280, text: textStyle(type.body, colors.muted, wide) },
      Detail: {
        x,
        y: PANEL.y,
        visible: false,
        texture: Lightning.Tools.getRoundRect(
          PANEL.w,
          PANEL.h,
          radius.card,
          0,
          0,
          true,
          colors.surface,
        ),
        RequestLabel: { x: 32, y: 24, text: textStyle(type.caption, colors.muted) },
        RequestId: {
          x: 32,
          y: 56,
          // A request id of any length keeps to its line, above the facts.
          text: {
            ...textStyle(type.heading, colors.text, { ...wide, maxLines: 1 }),
            fontFace: fonts.code,
            wordBreak: true,
          },
        },
        Facts: {
          x: 32,
          y: 120,
          text: textStyle(type.small, colors.secondary, { ...wide, maxLines: 2, lineHeight: 38 }),
        },
        BodyLabel: { x: 32, y: 204, text: textStyle(type.caption, colors.muted) },
        Body: {
          x: 32,
          y: 236,
          text: {
            ...textStyle(type.caption, colors.text, { ...wide, maxLines: 3, lineHeight: 32 }),
            fontFace: fonts.code,
          },
        },
      },
    }
  }

  private _entries: readonly ErrorReport[] = []
  private _index = 0

  get announce(): string {
    return `${t('diagnostics.title')}. ${this._entries.length ? t('diagnostics.lead') : t('diagnostics.empty')}`
  }

  override _active(): void {
    this._entries = this.services.diagnostics.entries
    this._index = Math.min(this._index, Math.max(0, this._entries.length - 1))
    this.patch({
      Title: { text: { text: t('diagnostics.title') } },
      Lead: { text: { text: t('diagnostics.lead') } },
      Empty: { visible: this._entries.length === 0, text: { text: t('diagnostics.empty') } },
    })
    this.tag('List')!.tag('Rows')!.children = this._entries.map((entry, index) => ({
      type: DiagnosticsRow,
      y: index * STRIDE,
      entry,
    }))
    this._show()
  }

  override _getFocused(): Lightning.Component {
    const rows = this.tag('List')!.tag('Rows')!.children
    return (rows[this._index] as Lightning.Component | undefined) ?? this
  }

  override _handleUp(): void {
    this._move(-1)
  }

  override _handleDown(): void {
    this._move(1)
  }

  override _handleBack(): boolean {
    goBack()
    return true
  }

  private _move(step: number): void {
    const next = this._index + step
    if (next < 0 || next >= this._entries.length) return
    this._index = next
    this._show()
  }

  /** Scrolls the chosen row into view and fills the panel with its record. */
  private _show(): void {
    const entry = this._entries[this._index]
    const firstVisible = Math.max(0, this._index - (VISIBLE_ROWS - 1))
    this.tag('List')!
      .tag('Rows')!
      .setSmooth('y', RING_ROOM - firstVisible * STRIDE, {
        duration: 0.15,
      })
    if (!entry) return this.patch({ Detail: { visible: false } })
    this.patch({
      Detail: {
        visible: true,
        RequestLabel: { text: { text: t('diagnostics.requestId') } },
        RequestId: { text: { text: entry.requestId ?? t('diagnostics.none') } },
        Facts: { text: { text: factLines(entryFacts(entry)) } },
        BodyLabel: { text: { text: t('diagnostics.body') } },
        Body: { text: { text: entryDetail(entry) } },
      },
    })
  }
}
