import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { format, resolveConfig } from 'prettier'
import type { ColdStartFigure } from './figures/cold-start.ts'
import { PAIRING_CYCLES, SCREEN_CHANGES, type MemoryFigure } from './figures/memory.ts'
import type { PairingSet } from './figures/pairing.ts'
import type { PlaybackFigure } from './figures/playback.ts'
import type { RequestFigure } from './figures/request-discipline.ts'
import type { SizeFigure } from './figures/size.ts'
import type { Machine } from './machine.ts'

export interface Results {
  generatedAt: string
  durationSec: number
  machine: Machine
  figures: {
    coldStart: ColdStartFigure
    size: SizeFigure
    approvalToHome: PairingSet[]
    tokenRequests: RequestFigure
    memory: MemoryFigure
    playback: PlaybackFigure
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const signed = (text: string, value: number) => (value >= 0 ? `+${text}` : text)
const verdict = (met: boolean) => (met ? 'met' : 'MISSED')

/** The figures as a Markdown table, ready to paste into BENCHMARKS.md. */
export function table({ figures }: Results): string {
  const { coldStart: cold, size, approvalToHome, tokenRequests: req, memory: mem } = figures
  const play = figures.playback
  const rows: string[][] = [
    ['#', 'Figure', 'App', 'Floor', 'Target', 'Result'],
    [
      '1',
      `Cold start → code + QR (median of ${cold.runs}, CPU ${cold.cpuThrottle}×)`,
      s(cold.appMedianMs),
      `${s(cold.floorMedianMs)} (first text)`,
      `≤ ${cold.target}× floor`,
      `${cold.ratio}× ${verdict(cold.met)}`,
    ],
    [
      '2',
      'Shipped JS, raw / gzip',
      `${kb(size.app.jsRaw)} / ${kb(size.app.jsGzip)}`,
      `${kb(size.floor.jsRaw)} / ${kb(size.floor.jsGzip)}`,
      `≤ floor + ${kb(size.targetOverFloorGzip)} gzip`,
      `${signed(kb(size.jsGzipOverFloor), size.jsGzipOverFloor)} ${verdict(size.jsMet)}`,
    ],
    [
      '2',
      'Whole dist, raw / gzip',
      `${kb(size.app.totalRaw)} / ${kb(size.app.totalGzip)}`,
      `${kb(size.floor.totalRaw)} / ${kb(size.floor.totalGzip)}`,
      `≤ floor + ${kb(size.targetOverFloorGzip)} gzip`,
      `${signed(kb(size.totalGzipOverFloor), size.totalGzipOverFloor)} ${verdict(size.totalMet)}`,
    ],
    ...approvalToHome.map((set) => [
      '3',
      `Approval → username, ${set.interval} (p50 / p95 of ${set.samples.length})`,
      `${s(set.latencyP50Ms)} / ${s(set.latencyP95Ms)}`,
      '',
      `p95 ≤ ${s(set.targetP95Ms)}`,
      verdict(set.met),
    ]),
    [
      '4',
      `Token requests over ceil(wait / interval), ${req.pairings} pairings`,
      `${req.excessPolls} extra; ${req.pairingsBelowMinimum} with one fewer (first poll ${s(req.firstPollLateMedianMs)} late)`,
      '',
      '0 extra',
      verdict(req.excessPolls === 0),
    ],
    [
      '4',
      'Requests after approval / expiry / leaving',
      `${req.afterApproval} / ${req.afterExpiry} (+${req.codesAfterExpiry} codes) / ${req.afterLeaving}`,
      '',
      '0 / 0 / 0',
      verdict(req.afterApproval + req.afterExpiry + req.codesAfterExpiry + req.afterLeaving === 0),
    ],
    [
      '5',
      `JS heap: warm-up → ${PAIRING_CYCLES} pairing cycles; home → ${SCREEN_CHANGES} screen changes`,
      `${mb(mem.afterWarmUp.heapUsedBytes)} → ${mb(mem.afterPairingCycles.heapUsedBytes)}; ${mb(mem.homeAfterWarmUp.heapUsedBytes)} → ${mb(mem.afterScreenChanges.heapUsedBytes)}`,
      '',
      `growth < ${mb(mem.targetBytes)}`,
      `${signed(mb(mem.growthBytes), mem.growthBytes)} ${verdict(mem.met)}`,
    ],
    [
      '6',
      `Playback events per minute (${play.title}, ${play.playedSec} s)`,
      `${play.eventsPerMinute} (${Object.entries(play.events)
        .map(([action, count]) => `${count} ${action}`)
        .join(', ')}); ${play.otherRequests.length} other requests`,
      '',
      `≤ ${play.expectedEvents} events (start, 15 s heartbeats, stop), 0 other`,
      `${play.extraEvents} extra ${verdict(play.met)}`,
    ],
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n')
}

/** Written as Prettier would, so `npm run lint` stays clean after a run. */
export async function writeResults(path: string, results: Results): Promise<void> {
  const options = await resolveConfig(path)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, await format(JSON.stringify(results), { ...options, filepath: path }))
}
