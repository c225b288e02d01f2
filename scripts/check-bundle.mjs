import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Holds dist/ to what a TV can open from file://: one classic script with a
 * relative path, syntax no newer than ES2019, and no secret inside.
 */
const dist = 'dist'
const problems = []
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

const esCheck = (args) =>
  execFileSync(join('node_modules', '.bin', 'es-check'), args, { stdio: 'inherit' })
try {
  esCheck(['es2019', ...scriptsInDist.map((name) => join(dist, name))])
  // Built-ins past ES2019 are allowed only where core-js polyfills them (src/polyfills.ts).
  esCheck([
    'es2019',
    join(dist, 'punchplay.js'),
    '--checkFeatures',
    '--ignorePolyfillable',
    'core-js',
  ])
} catch {
  problems.push('es-check found syntax or built-ins newer than ES2019')
}

if (problems.length) {
  console.error(`dist/ is not fit for a TV:\n  - ${problems.join('\n  - ')}`)
  process.exit(1)
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
console.log(`dist/ checked: one classic script (${kb(bundle.length)}), ES2019, no secret`)
