import { readFileSync } from 'node:fs'
import type { ColdStartFigure, EngineColdStart } from './figures/cold-start.ts'
import { kb, markdownTable, mb, s, table, type Figures, type Results } from './report.ts'

type Cell = EngineColdStart['breakdown'][string]

const PHASES: [key: string, label: string][] = [
  ['html', 'HTML document: request → last byte'],
  ['scriptDownload', 'Script: request → last byte'],
  ['scriptRun', 'Script: compile and top-level run (last byte → DOMContentLoaded)'],
  ['canvasAt', 'Lightning canvas in the page (the first screen is drawn)'],
  ['indexedDbOpen', 'IndexedDB: open() → success'],
  ['fonts', 'Fonts: first request or FontFace.load() → last one in'],
  ['codeRequest', 'Device code: request sent → answer read'],
  ['codeAnswer', 'Device code: of which the emulator took (a duration, its own clock)'],
  ['qrLoad', 'QR image: src set or createImageBitmap → decoded'],
  ['qrUpload', 'QR image: texture upload (texImage2D)'],
  ['firstFrame', 'First frame with anything drawn'],
  ['codeFrame', 'First frame with the code'],
  ['codeAndQrFrame', 'First frame with the code and the QR'],
]

const cell = (value: Cell | undefined): string => {
  if (value === null || value === undefined) return 'not seen'
  if (typeof value === 'number') return `${value}`
  return `${value[0]} → ${value[1]} (${value[1] - value[0]})`
}

/** Where the cold start goes: medians per phase, one column per engine. */
export function breakdownTable(coldStart: ColdStartFigure): string {
  const engines = coldStart.engines
  const rows = [
    ['Phase (ms since navigation start; median of the app runs)', ...engines.map((e) => e.engine)],
    ...PHASES.map(([key, label]) => [label, ...engines.map((e) => cell(e.breakdown[key]))]),
    [
      'Texture uploads before the code + QR frame: count, ms inside texImage2D',
      ...engines.map(
        (e) => `${cell(e.breakdown.textureUploadCount)}, ${cell(e.breakdown.textureUploadMs)}`,
      ),
    ],
    ['Floor: first frame with its text', ...engines.map((e) => `${e.floorSpread.median}`)],
  ]
  return markdownTable(rows)
}

/** Each missed target as one computed sentence; "None." when all are met. */
function missed(figures: Figures): string {
  const lines: string[] = []
  for (const e of figures.coldStart.engines) {
    if (!e.met) {
      const allowed = e.floorSpread.median * e.target
      lines.push(
        `- Cold start in ${e.engine}: ${e.ratio.toFixed(2)}× the floor, target ${e.target}× ` +
          `(${s(e.appSpread.median)} against ${s(allowed)} allowed: ${s(e.appSpread.median - allowed)} over).`,
      )
    }
  }
  const { size, packages: pkg, memory: mem } = figures
  if (!size.jsMet)
    lines.push(
      `- Shipped JS: floor + ${kb(size.jsGzipOverFloor)} gzip, target + ${kb(size.targetOverFloorGzip)}.`,
    )
  if (!pkg.met)
    lines.push(
      `- TV package: .wgt floor + ${kb(pkg.wgtOverFloor)}, .ipk floor + ${kb(pkg.ipkOverFloor)}, target + ${kb(pkg.targetOverFloor)}.`,
    )
  if (!mem.met)
    lines.push(`- JS heap: grew ${mb(mem.growthBytes)}, target below ${mb(mem.targetBytes)}.`)
  for (const set of figures.approvalToHome)
    if (!set.met)
      lines.push(
        `- Approval → username at ${set.interval}: p95 ${s(set.latencyP95Ms)}, target ${s(set.targetP95Ms)}.`,
      )
  if (!figures.tokenRequests.met)
    lines.push('- Request discipline: see the two request rows above.')
  if (!figures.playback.met)
    lines.push(
      `- Playback: ${figures.playback.extraEvents} events beyond the allowed, ${figures.playback.otherRequests.length} other requests.`,
    )
  return lines.length ? lines.join('\n') : 'None.'
}

export function memoryDetail(m: Figures['memory']): string {
  const visits = Object.entries(m.counts.visits)
    .map(([page, n]) => `${page} ${n}`)
    .join(', ')
  return (
    `Between the two readings: ${m.counts.screenChanges} screen changes (entered: ${visits}); ` +
    `${m.counts.deviceCodes} device codes asked for, ${m.counts.declinedCodes} declined on the phone, ` +
    `${m.counts.signOutRevokes} sign-outs (revokes the emulator received), ${m.counts.completedPairings} pairings completed. ` +
    `Timers pending ${m.first.intervals + m.first.timeouts} → ${m.last.intervals + m.last.timeouts}, ` +
    `JS event listeners ${m.first.jsEventListeners} → ${m.last.jsEventListeners}, ` +
    `live WebGL textures ${m.first.webglTextures} → ${m.last.webglTextures}, ` +
    `DOM nodes ${m.first.domNodes} → ${m.last.domNodes}.`
  )
}

function machineText({ machine: m }: Results): string {
  return (
    `${m.os}, ${m.kernel}, ${m.cpuCount} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ` +
    `Debian's Chromium ${m.chromium} (headless, WebGL through SwiftShader; for the cold starts compositing on its GPU path through SwiftShader too, which chrome://gpu calls "${m.coldStartCompositing}"), real Chromium ${m.chromium68} ` +
    `(headless shell, WebGL through OSMesa), Lightning SDK ${m.lightningSdk} / core ${m.lightningCore}, Vite ${m.vite}.`
  )
}

function loadText({ machine: { loadAverage: l } }: Results): string {
  return (
    `1-minute load average ${l.atStart} at the start, median ${l.median} and highest ${l.max} ` +
    `over ${l.samples} samples, ${l.atEnd} at the end.`
  )
}

const FIGURES: (keyof Figures)[] = [
  'coldStart',
  'size',
  'packages',
  'memory',
  'approvalToHome',
  'tokenRequests',
  'playback',
]

function complete(figures: Partial<Figures>): Figures {
  const absent = FIGURES.filter((name) => figures[name] === undefined)
  if (absent.length)
    throw new Error(`BENCHMARKS.md needs every figure; not measured: ${absent.join(', ')}`)
  return figures as Figures
}

/** BENCHMARKS.md: bench/BENCHMARKS.template.md with every {{slot}} filled from this run. */
export function benchmarksMarkdown(results: Results): string {
  if (!results.publishable || !results.commit.sha)
    throw new Error('a run on a dirty tree or unknown commit cannot write BENCHMARKS.md')
  const figures = complete(results.figures)
  const cold = figures.coldStart.engines
  const slots: Record<string, string> = {
    commit: results.commit.sha,
    date: results.generatedAt.slice(0, 10),
    minutes: (results.durationSec / 60).toFixed(1),
    table: table(results),
    breakdown: breakdownTable(figures.coldStart),
    missed: missed(figures),
    repeated: figures.coldStart.repeated.length
      ? `${figures.coldStart.repeated.length} start(s) failed and were run again: ${figures.coldStart.repeated.join('; ')}.`
      : 'No start failed or had to be run again.',
    memory: memoryDetail(figures.memory),
    machine: machineText(results),
    load: loadText(results),
    runs: String(cold[0]!.runs),
    throttle: String(cold[0]!.cpuThrottle),
    engines: cold.map((e) => `${e.engine} ${e.version}`).join(' and '),
  }
  const template = readFileSync(new URL('./BENCHMARKS.template.md', import.meta.url), 'utf8')
  const used = new Set<string>()
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = slots[name]
    if (value === undefined) throw new Error(`BENCHMARKS.template.md: no figure for {{${name}}}`)
    used.add(name)
    return value
  })
  const unused = Object.keys(slots).filter((name) => !used.has(name))
  if (unused.length) throw new Error(`BENCHMARKS.template.md never shows: ${unused.join(', ')}`)
  return filled
}
