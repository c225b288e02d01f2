import { execFileSync } from 'node:child_process'
import { brotliDecompressSync } from 'node:zlib'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The real Chromium builds of 2019–2020 TVs, shipped as brotli-packed headless
 * shells inside three npm aliases of chrome-aws-lambda (package.json). They are
 * unpacked once into a cache outside node_modules, so `npm ci` does not cost
 * another unpack.
 */
export interface TvEngine {
  /** The npm alias in package.json. */
  readonly id: 'chromium-64' | 'chromium-68' | 'chromium-69'
  readonly major: number
  /** The TVs whose engine this is, or is the nearest build of (toolchain-notes.md). */
  readonly stands_for: string
}

export const TV_ENGINES: readonly TvEngine[] = [
  { id: 'chromium-64', major: 64, stands_for: 'Tizen 5.0, Samsung 2019 (Chromium 63)' },
  { id: 'chromium-68', major: 68, stands_for: 'webOS 5, LG 2020 (Chromium 68)' },
  { id: 'chromium-69', major: 69, stands_for: 'Tizen 5.5, Samsung 2020 (Chromium 69)' },
]

const OSMESA = '/usr/lib/x86_64-linux-gnu/libOSMesa.so.8'

function cacheRoot(env: NodeJS.ProcessEnv): string {
  return (
    env.PUNCHPLAY_ENGINE_CACHE ??
    join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'punchplay-tv-engines')
  )
}

/** WebGL in these headless shells comes only through OSMesa (Debian's libosmesa6). */
function ensureOsMesa(): void {
  if (existsSync(OSMESA)) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/etc/debian_version')) {
    throw new Error(
      `No ${OSMESA}: install Debian's libosmesa6 (the TV engines draw WebGL through it)`,
    )
  }
  console.log('Installing Debian package "libosmesa6" for the TV engines’ WebGL…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'libosmesa6'], {
    stdio: 'inherit',
    env,
  })
}

/** The path of the engine's executable, unpacked on first use. */
export function ensureEngine(engine: TvEngine, env: NodeJS.ProcessEnv = process.env): string {
  ensureOsMesa()
  const packageDir = join('node_modules', engine.id)
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string
  }
  const dir = join(cacheRoot(env), `${engine.id}-${manifest.version}`)
  const binary = join(dir, 'chromium')
  if (!existsSync(binary)) {
    const packed = readdirSync(join(packageDir, 'bin')).find((name) => name.endsWith('.br'))
    if (!packed) throw new Error(`${packageDir}/bin holds no packed Chromium`)
    mkdirSync(dir, { recursive: true })
    const partial = `${binary}.partial-${process.pid}`
    writeFileSync(partial, brotliDecompressSync(readFileSync(join(packageDir, 'bin', packed))))
    chmodSync(partial, 0o755)
    renameSync(partial, binary)
  }
  // The shells dlopen "libosmesa.so" from their own folder.
  const link = join(dir, 'libosmesa.so')
  if (!existsSync(link)) symlinkSync(OSMESA, link)
  return binary
}
