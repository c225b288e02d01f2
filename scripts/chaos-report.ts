import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { cpus, loadavg } from 'node:os'
import { format, resolveConfig } from 'prettier'
import type { FileReport, ScenarioResult } from '../test/chaos/support/report.ts'

/**
 * `npm run chaos` runs this twice: with --clear before the matrix (so no
 * figure of an earlier run survives), then after it, to merge what each
 * scenario file wrote under reports/chaos/ into summary.json and the
 * results section of RELIABILITY.md. Every figure printed comes from those
 * files: what the run measured. Exits 1 when a scenario failed or a file
 * of the matrix reported nothing.
 */
const dir = 'reports/chaos'
const matrixDir = 'test/chaos'

if (process.argv.includes('--clear')) {
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}

const files = readdirSync(matrixDir)
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
const silent = files.filter((name) => !existsSync(`${dir}/${basename(name, '.ts')}.json`))
const reports = files
  .filter((name) => !silent.includes(name))
  .map(
    (name) =>
      JSON.parse(readFileSync(`${dir}/${basename(name, '.ts')}.json`, 'utf8')) as FileReport,
  )
const results: ScenarioResult[] = reports.flatMap((report) => [...report.results])
const commits = [...new Set(reports.map((report) => report.commit))].join(', ') || 'no commit'

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
const passed = results.filter((r) => r.verdict === 'pass').length
const rounds = [...new Set(results.map((r) => r.rounds))].join(', ')

/** A figure per round, or one when every round measured the same. */
function measured(result: ScenarioResult, index: number): string {
  const values = result.checks.map((round) => round[index]?.measured ?? '—')
  return new Set(values).size === 1 ? values[0]! : values.join(' / ')
}

const summary = [
  '| group | scenario | finding it reproduces | verdict | rounds run |',
  '| --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.group} | ${cell(r.name)} | ${cell(r.finding ?? '—')} | ${r.verdict === 'pass' ? 'pass' : '**FAIL**'} | ${r.checks.length} of ${r.rounds} |`,
  ),
]

const details = results.flatMap((r) => {
  const first = r.checks[0] ?? []
  const rows = first.map(
    (check, index) =>
      `| ${cell(check.name)} | ${cell(check.limit)} | ${cell(measured(r, index))} | ${r.checks.every((round) => round[index]?.ok) ? 'ok' : '**over**'} |`,
  )
  return [
    '',
    `**${cell(r.name)}** (${r.group}) — ${r.verdict === 'pass' ? 'pass' : 'FAIL'}`,
    '',
    ...(rows.length
      ? ['| check | limit | measured | |', '| --- | --- | --- | --- |', ...rows]
      : [`Stopped before measuring: ${cell(r.error ?? 'no figures')}`]),
  ]
})

const section = [
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, measured at ${commits}, on ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'} (load average ${loadavg()[0]!.toFixed(1)} when reported), Node ${process.version}, ${rounds} round(s) per scenario: **${passed} of ${results.length} scenarios pass**.`,
  ...(silent.length
    ? ['', `Files that reported nothing (crashed or skipped): ${silent.join(', ')}.`]
    : []),
  '',
  ...summary,
  '',
  '### Every limit and what was measured',
  '',
  'Figures separated by “/” are the rounds in order; one figure means every round measured it.',
  ...details,
].join('\n')

writeFileSync(
  `${dir}/summary.json`,
  JSON.stringify({ passed, total: results.length, silent, results }, null, 2),
)
const doc = readFileSync('RELIABILITY.md', 'utf8')
const begin = '<!-- chaos-results:begin -->'
const end = '<!-- chaos-results:end -->'
const start = doc.indexOf(begin)
const stop = doc.indexOf(end)
if (start < 0 || stop < start) throw new Error('RELIABILITY.md has no chaos-results markers')
const next = `${doc.slice(0, start + begin.length)}\n\n${section}\n\n${doc.slice(stop)}`
const options = (await resolveConfig('RELIABILITY.md')) ?? {}
writeFileSync('RELIABILITY.md', await format(next, { ...options, filepath: 'RELIABILITY.md' }))
process.stdout.write(`${passed} of ${results.length} scenarios pass; RELIABILITY.md written\n`)
if (passed !== results.length || silent.length > 0) process.exit(1)
