import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { format, resolveConfig } from 'prettier'
import type { ColdStartFigure, EngineColdStart, Spread } from './figures/cold-start.ts'
import type { MemoryFigure } from './figures/memory.ts'
import type { PackageFigure } from './figures/packages.ts'
import type { PairingSet } from './figures/pairing.ts'
import type { PlaybackFigure } from './figures/playback.ts'
import type { RequestFigure } from './figures/request-discipline.ts'
import type { SizeFigure } from './figures/size.ts'
import type { CommitState, Machine } from './machine.ts'

export interface Results {
  generatedAt: string
  durationSec: number
  commit: CommitState
  /** False when the run was allowed on a dirty tree or unknown commit: never for BENCHMARKS.md. */
  publishable: boolean
  machine: Machine
  /** A development run may measure only some (PUNCHPLAY_BENCH_ONLY); a publishable run has all. */
  figures: Partial<Figures>
}

export interface Figures {
  coldStart: ColdStartFigure
  size: SizeFigure
  packages: PackageFigure
  memory: MemoryFigure
  approvalToHome: PairingSet[]
  tokenRequests: RequestFigure
  playback: PlaybackFigure
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`
export const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const signed = (text: string, value: number) => (value >= 0 ? `+${text}` : text)
const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
const spreadText = ({ median, min, max }: Spread) => `${s(median)} (${s(min)}–${s(max)})`

export function markdownTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n')
}

function coldStartRow(engine: EngineColdStart): string[] {
  return [
    `Cold start → code + QR, ${engine.engine} ${engine.version} (median (min–max) of ${engine.runs} each, CPU ${engine.cpuThrottle}×)`,
    spreadText(engine.appSpread),
    `${spreadText(engine.floorSpread)} (first text)`,
    `≤ ${engine.target}× floor`,
    `${engine.ratio.toFixed(2)}× ${verdict(engine.met)}`,
  ]
}

/** The figures of the issue's target table first, then the ones kept from earlier issues. */
export function table({ figures }: Results): string {
  const {
    coldStart,
    size,
    packages: pkg,
    memory: mem,
    approvalToHome,
    tokenRequests: req,
  } = figures
  const play = figures.playback
  const rows: string[][] = [['Figure', 'App', 'Floor', 'Target', 'Result']]
  if (coldStart) rows.push(...coldStart.engines.map(coldStartRow))
  if (size)
    rows.push([
      'Shipped JS, gzip (raw)',
      `${kb(size.app.jsGzip)} (${kb(size.app.jsRaw)})`,
      `${kb(size.floor.jsGzip)} (${kb(size.floor.jsRaw)})`,
      `≤ floor + ${kb(size.targetOverFloorGzip)}`,
      `${signed(kb(size.jsGzipOverFloor), size.jsGzipOverFloor)} ${verdict(size.jsMet)}`,
    ])
  if (pkg)
    rows.push([
      'TV package, .wgt / .ipk',
      `${kb(pkg.app.wgt)} / ${kb(pkg.app.ipk)}`,
      `${kb(pkg.floor.wgt)} / ${kb(pkg.floor.ipk)}`,
      `≤ floor + ${kb(pkg.targetOverFloor)}`,
      `${signed(kb(pkg.wgtOverFloor), pkg.wgtOverFloor)} / ${signed(kb(pkg.ipkOverFloor), pkg.ipkOverFloor)} ${verdict(pkg.met)}`,
    ])
  if (mem)
    rows.push([
      `JS heap, first → after ${mem.counts.screenChanges} screen changes, ${mem.counts.declinedCodes} declined codes, ${mem.counts.signOutRevokes} sign-out/re-pair cycles`,
      `${mb(mem.first.heapUsedBytes)} → ${mb(mem.last.heapUsedBytes)}`,
      '',
      `growth < ${mb(mem.targetBytes)}`,
      `${signed(mb(mem.growthBytes), mem.growthBytes)} ${verdict(mem.met)}`,
    ])
  for (const set of approvalToHome ?? [])
    rows.push([
      `Approval → username, ${set.interval} interval (p50 / p95 of ${set.samples.length})`,
      `${s(set.latencyP50Ms)} / ${s(set.latencyP95Ms)}`,
      '',
      `p95 ≤ ${s(set.targetP95Ms)}`,
      verdict(set.met),
    ])
  if (req)
    rows.push(
      [
        `Token requests over ceil(wait / interval), ${req.pairings} pairings`,
        `${req.excessPolls} extra; ${req.pairingsBelowMinimum} with one fewer (first poll ${s(req.firstPollLateMedianMs)} late)`,
        '',
        '0 extra',
        verdict(req.excessPolls === 0),
      ],
      [
        'Requests after approval / expiry / leaving',
        `${req.afterApproval} / ${req.afterExpiry} (+${req.codesAfterExpiry} codes) / ${req.afterLeaving}`,
        '',
        '0 / 0 / 0',
        verdict(
          req.afterApproval + req.afterExpiry + req.codesAfterExpiry + req.afterLeaving === 0,
        ),
      ],
    )
  if (play)
    rows.push([
      `Playback events per minute (${play.title}, ${play.playedSec} s)`,
      `${play.eventsPerMinute} (${Object.entries(play.events)
        .map(([action, count]) => `${count} ${action}`)
        .join(', ')}); ${play.otherRequests.length} other requests`,
      '',
      `≤ ${play.expectedEvents} events (start, heartbeats, stop), 0 other`,
      `${play.extraEvents} extra ${verdict(play.met)}`,
    ])
  return markdownTable(rows)
}

/** Written as Prettier would, so `npm run lint` stays clean after a run. */
export async function writeFormatted(path: string, text: string): Promise<void> {
  const options = await resolveConfig(path)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, await format(text, { ...options, filepath: path }))
}

export const writeResults = (path: string, results: Results) =>
  writeFormatted(path, JSON.stringify(results))
