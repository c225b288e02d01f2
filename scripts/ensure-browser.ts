import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { findChromium } from './chromium-path.ts'

/**
 * Makes sure the end-to-end tests have a browser. On Debian as root it installs
 * the chromium package; anywhere else it says exactly what to install.
 */
const found = await findChromium()
if (found) {
  console.log(`e2e browser: ${found}`)
  process.exit(0)
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
if (isRoot && existsSync('/etc/debian_version')) {
  console.log('No Chromium found: installing Debian package "chromium" with apt-get…')
  const run = (args: string[]) =>
    execFileSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
  run(['update'])
  run(['install', '-y', '--no-install-recommends', 'chromium'])
  if (await findChromium()) process.exit(0)
}

console.error(
  [
    'No Chromium for the end-to-end tests.',
    'Install one of:',
    '  - Debian/Ubuntu: sudo apt-get install chromium   (gives /usr/bin/chromium)',
    '  - or set PUNCHPLAY_CHROMIUM=/path/to/chrome-or-chromium',
    '  - or, with internet access, npx playwright install chromium',
  ].join('\n'),
)
process.exit(1)
