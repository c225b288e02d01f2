import type { ColdStartEngine } from '../cold-start-engines.ts'
import type { Emulator } from '../emulator.ts'
import { probes, type Probe } from '../screen-probes.ts'
import { readTimeline, timelineScript, type Span, type StartTimeline } from '../start-timeline.ts'
import { median, round } from '../stats.ts'
import { CPU_THROTTLE, watchScreen } from '../tv-browser.ts'

export const COLD_START_TARGET = 1.3

/** Median, min and max of a set of runs, in ms. */
export interface Spread {
  median: number
  min: number
  max: number
}

export interface AppStart {
  /** Navigation start → first presented frame with the code and the QR's modules. */
  codeAndQrMs: number
  /** → first frame with anything drawn. */
  firstFrameMs: number | null
  /** → first frame with the code (the QR may still be missing). */
  codeMs: number | null
  timeline: StartTimeline
  /** The emulator's own time to answer the device code request. */
  codeAnswerMs: number | null
}

export interface EngineColdStart {
  engine: string
  version: string
  runs: number
  cpuThrottle: number
  app: AppStart[]
  floorMs: number[]
  appSpread: Spread
  floorSpread: Spread
  ratio: number
  target: number
  met: boolean
  /** Medians over the app's runs: [start, end] ms since navigation start, per phase. */
  breakdown: Record<string, [number, number] | number | null>
}

export interface ColdStartFigure {
  method: string
  engines: EngineColdStart[]
  /** Starts that failed (engine launch, a probe timing out) and were run again: none is dropped silently. */
  repeated: string[]
}

/** A failed start is run again this many times before the whole figure fails. */
const RETRIES = 2

const spread = (values: number[]): Spread => ({
  median: round(median(values)),
  min: round(Math.min(...values)),
  max: round(Math.max(...values)),
})

/** Navigation start (performance.timeOrigin) to the first presented frame passing the probe. */
async function coldStart(
  engine: ColdStartEngine,
  url: string,
  probe: Probe,
  what: string,
  marks: Record<string, Probe>,
) {
  const tv = await engine.open()
  try {
    // The Page domain must be on in this session for its scripts to run on the next document.
    await tv.cdp.send('Page.enable')
    await tv.cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: timelineScript })
    const watch = await watchScreen(tv.cdp, probe, 60_000, `${what} (${engine.label})`, marks)
    try {
      await tv.cdp.send('Page.navigate', { url })
      const shownAt = await watch.seen
      const { result } = await tv.cdp.send<{ result: { value: number } }>('Runtime.evaluate', {
        expression: 'performance.timeOrigin',
        returnByValue: true,
      })
      const origin = result.value
      if (shownAt < origin) throw new Error(`${what} seen before the page loaded`)
      const since = (at: number | undefined) => (at === undefined ? null : round(at - origin))
      return {
        ms: shownAt - origin,
        marks: Object.fromEntries(
          Object.keys(marks).map((name) => [name, since(watch.marks[name])]),
        ),
        timeline: await readTimeline(tv.cdp, shownAt - origin),
      }
    } finally {
      await watch.stop()
    }
  } finally {
    await tv.close()
  }
}

function medianSpan(spans: Span[]): [number, number] | null {
  const present = spans.filter((span): span is [number, number] => span !== null)
  if (present.length === 0) return null
  return [round(median(present.map((s) => s[0]))), round(median(present.map((s) => s[1])))]
}

function medianOf(values: (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null)
  return present.length ? round(median(present)) : null
}

/** The phases of the app's start, each the median over its runs. */
function breakdownOf(app: AppStart[]): EngineColdStart['breakdown'] {
  const t = app.map((run) => run.timeline)
  return {
    html: medianSpan(t.map((x) => x.html)),
    scriptDownload: medianSpan(t.map((x) => x.scriptDownload)),
    scriptRun: medianSpan(t.map((x) => x.scriptRun)),
    canvasAt: medianOf(t.map((x) => x.canvasAt)),
    indexedDbOpen: medianSpan(t.map((x) => x.indexedDbOpen)),
    fonts: medianSpan(t.map((x) => x.fonts)),
    codeRequest: medianSpan(t.map((x) => x.codeRequest)),
    codeAnswer: medianOf(app.map((run) => run.codeAnswerMs)),
    qrLoad: medianSpan(t.map((x) => x.qrLoad)),
    qrUpload: medianSpan(t.map((x) => x.qrUpload)),
    textureUploadCount: medianOf(t.map((x) => x.textureUploads.count)),
    textureUploadMs: medianOf(t.map((x) => x.textureUploads.ms)),
    firstFrame: medianOf(app.map((run) => run.firstFrameMs)),
    codeFrame: medianOf(app.map((run) => run.codeMs)),
    codeAndQrFrame: round(median(app.map((run) => run.codeAndQrMs))),
  }
}

/**
 * Figure 1, in every engine: app and floor alternate run by run, and the
 * engines take turns, so a slow spell on this shared machine hits all of them
 * rather than one. Within a round the order flips (app first, then floor
 * first) so neither always runs on a browser that has just been busy.
 */
export async function measureColdStart(
  engines: ColdStartEngine[],
  origin: string,
  emulator: Emulator,
  runs: number,
  progress: (line: string) => void,
): Promise<ColdStartFigure> {
  const results = engines.map(() => ({ app: [] as AppStart[], floorMs: [] as number[] }))
  const repeated: string[] = []
  const withRetries = async (what: string, start: () => Promise<void>) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await start()
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        if (attempt >= RETRIES) throw error
        repeated.push(`${what}: ${reason}`)
        progress(`${what} failed (${reason}); running it again`)
      }
    }
  }
  const marks = { firstFrame: probes.anything, code: probes.code }
  for (let run = 1; run <= runs; run++) {
    for (const [i, engine] of engines.entries()) {
      const appRun = async () => {
        await emulator.resetTo({ intervalSec: null, minPollIntervalSec: 5 })
        const start = await coldStart(
          engine,
          `${origin}/app/`,
          probes.codeAndQr,
          'code and QR',
          marks,
        )
        results[i]!.app.push({
          codeAndQrMs: round(start.ms),
          firstFrameMs: start.marks.firstFrame ?? null,
          codeMs: start.marks.code ?? null,
          timeline: start.timeline,
          codeAnswerMs: await emulator.codeAnswerMs(),
        })
      }
      const floorRun = async () => {
        const start = await coldStart(
          engine,
          `${origin}/floor/`,
          probes.floorText,
          'floor text',
          {},
        )
        results[i]!.floorMs.push(round(start.ms))
      }
      const app = () => withRetries(`app run ${run} in ${engine.label}`, appRun)
      const floor = () => withRetries(`floor run ${run} in ${engine.label}`, floorRun)
      if (run % 2) await app().then(floor)
      else await floor().then(app)
      progress(
        `cold start ${run}/${runs} ${engine.label}: app ${results[i]!.app.at(-1)!.codeAndQrMs} ms, ` +
          `floor ${results[i]!.floorMs.at(-1)} ms`,
      )
    }
  }
  return {
    method:
      'navigation start (performance.timeOrigin) to the first presented frame (CDP screencast, 480x270, compositor timestamps) showing the code and the QR modules (app) or the text (floor); a fresh browser context (Debian Chromium) or a fresh process and profile (Chromium 68) per run; phases from an init script and Navigation/Resource Timing in the same runs',
    engines: engines.map((engine, i) => {
      const { app, floorMs } = results[i]!
      const appMs = app.map((run) => run.codeAndQrMs)
      const ratio = median(appMs) / median(floorMs)
      return {
        engine: engine.label,
        version: engine.version,
        runs,
        cpuThrottle: CPU_THROTTLE,
        app,
        floorMs,
        appSpread: spread(appMs),
        floorSpread: spread(floorMs),
        ratio: round(ratio, 2),
        target: COLD_START_TARGET,
        met: ratio <= COLD_START_TARGET,
        breakdown: breakdownOf(app),
      }
    }),
    repeated,
  }
}
