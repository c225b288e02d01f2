import type { ScenarioContext } from './report.ts'
import type { App, Tv, TvOptions } from './rig.ts'
import { holds, type Check } from './verdict.ts'

/** Access tokens live an hour (§3.2) and are refreshed 5 minutes before they end. */
export const UNTIL_REFRESH_MS = 56 * 60_000

/** A TV whose viewer paired from the pairing page and sees home read. */
export async function pairedTv(
  context: ScenarioContext,
  options?: TvOptions,
): Promise<{ tv: Tv; app: App }> {
  const tv = context.tv(options)
  const app = await tv.launch()
  await app.pair()
  await tv.until(() => app.homeRead, 60_000)
  return { tv, app }
}

/** The viewer comes back to home (or presses Try again): both reads run now. */
export async function readHome(app: App, withinMs = 60_000): Promise<boolean> {
  app.services.screens.home.reload()
  return (
    (await app.tv.until(() => app.homeRead || homeFailed(app), withinMs)) !== null && app.homeRead
  )
}

export const homeFailed = (app: App) =>
  app.homeView?.nowPlaying.kind === 'failed' || app.homeView?.continueWatching.kind === 'failed'

/** The TV is switched off and on: what the next start finds. */
export async function restartChecks(tv: Tv): Promise<{ app: App; checks: Check[] }> {
  const app = await tv.restart()
  await tv.until(() => app.homeRead || app.page === 'pairing', 60_000)
  const session = app.services.sessionState.current
  return {
    app,
    checks: [
      holds(
        'after a restart the viewer is still signed in',
        'signed in',
        session.status === 'disconnected' ? `disconnected (${session.reason})` : session.status,
        session.status === 'signed-in',
      ),
      holds('after a restart home reads answer', 'both read', describeHome(app), app.homeRead),
    ],
  }
}

export function describeHome(app: App): string {
  const view = app.homeView
  if (app.page !== 'home' || !view) return `on ${app.page}`
  return `now playing ${view.nowPlaying.kind}, continue watching ${view.continueWatching.kind}`
}

/** Refresh answers the emulator logged, by status. */
export async function refreshStatuses(context: ScenarioContext): Promise<number[]> {
  return (await context.emu.requests('/auth/refresh')).map((request) => request.status)
}
