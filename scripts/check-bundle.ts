import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHROME_FLOOR, checkAgainstFloor, polyfilledFeatures } from './engine-floor.ts'

/**
 * Holds dist/ to what a TV can open from file://: one classic script with a
 * relative path, nothing past the engine floor (Chromium 63) but what
 * src/polyfills.ts fills, and no secret inside.
 */
const dist = 'dist'
const problems: string[] = []
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])

if (scripts.length !== 1)
  problems.push(`index.html must load exactly one script, found ${scripts.length}`)
for (const tag of scripts) {
  if (/type="module"/.test(tag)) problems.push(`module script in index.html: ${tag}`)
  if (!/src="\.\//.test(tag)) problems.push(`script path is not relative: ${tag}`)
}
if (/(?:src|href)="\/(?!\/)/.test(html)) problems.push('index.html has a root-absolute asset path')

const scriptsInDist = readdirSync(dist).filter((name) => name.endsWith('.js'))
const expected = ['lightning-inspect.js', 'punchplay.js']
if (scriptsInDist.sort().join() !== expected.join()) {
  problems.push(`dist/ should hold only ${expected.join(', ')}; found ${scriptsInDist.join(', ')}`)
}

const bundle = readFileSync(join(dist, 'punchplay.js'), 'utf8')
if (/client_?secret["']?\s*[:=]\s*["'`][^"'`]+/i.test(bundle))
  problems.push('the bundle holds a client secret')
if (/\bppat_[A-Za-z0-9_-]{8,}|\bpprt_[A-Za-z0-9_-]{8,}/.test(bundle))
  problems.push('the bundle holds a token')

const allowed = polyfilledFeatures(readFileSync(join('src', 'polyfills.ts'), 'utf8'))
const floor = checkAgainstFloor(
  scriptsInDist.map((name) => join(dist, name)),
  allowed,
)
if (!floor.ok) {
  console.error(floor.output)
  problems.push(
    `es-check found syntax or built-ins past Chromium ${CHROME_FLOOR} that nothing fills`,
  )
}

if (problems.length) {
  console.error(`dist/ is not fit for a TV:\n  - ${problems.join('\n  - ')}`)
  process.exit(1)
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
console.log(
  `dist/ checked: one classic script (${kb(bundle.length)}), Chromium ${CHROME_FLOOR} with ${allowed.length} polyfilled built-ins, no secret`,
)
