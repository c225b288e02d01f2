import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import type { ScenarioResult } from '../test/chaos/support/report.ts'

/**
 * Merges what `npm run chaos` wrote under reports/chaos/ into one JSON file and
 * the results table of RELIABILITY.md (between its two marker lines).
 */
const dir = 'reports/chaos'
const results: ScenarioResult[] = readdirSync(dir)
  .filter((name) => name.endsWith('.test.json'))
  .sort()
  .flatMap((name) => JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as ScenarioResult[])

const counts = (result: ScenarioResult) =>
  Object.entries(result.counts)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ')
const rows = results.map(
  (r) =>
    `| ${r.group} | ${r.name} | ${r.verdict === 'pass' ? 'pass' : '**FAIL**'} | ${r.rounds} | ${counts(r)} |`,
)
const passed = results.filter((r) => r.verdict === 'pass').length
const table = [
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}: ${passed} of ${results.length} scenarios pass.`,
  '',
  '| group | scenario | verdict | rounds | counts |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
].join('\n')

writeFileSync(
  `${dir}/summary.json`,
  JSON.stringify({ passed, total: results.length, results }, null, 2),
)
const doc = readFileSync('RELIABILITY.md', 'utf8')
const begin = '<!-- chaos-results:begin -->'
const end = '<!-- chaos-results:end -->'
const start = doc.indexOf(begin)
const stop = doc.indexOf(end)
if (start < 0 || stop < start) throw new Error('RELIABILITY.md has no chaos-results markers')
writeFileSync(
  'RELIABILITY.md',
  `${doc.slice(0, start + begin.length)}\n${table}\n${doc.slice(stop)}`,
)
console.log(table)
if (passed !== results.length) process.exit(1)
