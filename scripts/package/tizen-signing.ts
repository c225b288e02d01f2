import { execFileSync } from 'node:child_process'
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

export interface TizenSigning {
  readonly authorP12: string
  readonly authorPassword: string
  readonly distributorP12: string
  readonly distributorPassword: string
  /** Samsung-issued profiles also name the CA certificates that come with them. */
  readonly authorCa: string | undefined
  readonly distributorCa: string | undefined
}

const required = [
  'TIZEN_AUTHOR_P12',
  'TIZEN_AUTHOR_PASSWORD',
  'TIZEN_DISTRIBUTOR_P12',
  'TIZEN_DISTRIBUTOR_PASSWORD',
] as const

/**
 * Signing is opt-in: no variable set means an unsigned package. Some but not
 * all set is a mistake worth stopping for, not a reason to ship unsigned.
 */
export function tizenSigningFromEnv(env: NodeJS.ProcessEnv): TizenSigning | null {
  const missing = required.filter((name) => !env[name])
  if (missing.length === required.length) return null
  if (missing.length) {
    throw new Error(
      `Tizen signing needs all of ${required.join(', ')}; missing ${missing.join(', ')}`,
    )
  }
  for (const name of [
    'TIZEN_AUTHOR_P12',
    'TIZEN_DISTRIBUTOR_P12',
    'TIZEN_AUTHOR_CA',
    'TIZEN_DISTRIBUTOR_CA',
  ]) {
    const path = env[name]
    if (path && !existsSync(path))
      throw new Error(`${name} points to ${path}, which does not exist`)
  }
  return {
    authorP12: env.TIZEN_AUTHOR_P12!,
    authorPassword: env.TIZEN_AUTHOR_PASSWORD!,
    distributorP12: env.TIZEN_DISTRIBUTOR_P12!,
    distributorPassword: env.TIZEN_DISTRIBUTOR_PASSWORD!,
    authorCa: env.TIZEN_AUTHOR_CA || undefined,
    distributorCa: env.TIZEN_DISTRIBUTOR_CA || undefined,
  }
}

/** The Tizen Studio CLI: TIZEN_CLI if set, else `tizen` on PATH; null when neither. */
export function findTizenCli(env: NodeJS.ProcessEnv): string | null {
  if (env.TIZEN_CLI) return existsSync(env.TIZEN_CLI) ? env.TIZEN_CLI : null
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'tizen')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not in this PATH entry.
    }
  }
  return null
}

/**
 * Runs the CLI without letting the passwords (in its arguments, and perhaps in
 * what it prints) reach an error message or a log.
 */
function runQuietly(cli: string, args: string[], what: string, secrets: string[]): void {
  try {
    execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const output = error as { stdout?: Buffer; stderr?: Buffer; status?: number }
    const said = `${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? ''}`
    const redacted = secrets.reduce((text, secret) => text.split(secret).join('***'), said)
    // eslint-disable-next-line preserve-caught-error -- the cause's message holds the passwords
    throw new Error(`tizen ${what} failed (exit ${output.status ?? '?'}):\n${redacted.trim()}`)
  }
}

/**
 * Tizen's signature (XML-DSig author-signature.xml and signature1.xml over
 * every file) is made by Tizen Studio's own packager, the tool Samsung
 * supports, through a throw-away security profile.
 */
export function signWithTizenCli(
  stageDir: string,
  outFile: string,
  signing: TizenSigning,
  cli: string,
): void {
  const profile = `punchplaytv-${process.pid}`
  const outDir = mkdtempSync(join(tmpdir(), 'punchplay-signed-'))
  const add = ['security-profiles', 'add', '-n', profile]
  add.push('-a', signing.authorP12, '-p', signing.authorPassword)
  add.push('-d', signing.distributorP12, '-dp', signing.distributorPassword)
  if (signing.authorCa) add.push('-c', signing.authorCa)
  if (signing.distributorCa) add.push('-dc', signing.distributorCa)
  const secrets = [signing.authorPassword, signing.distributorPassword]
  try {
    runQuietly(cli, add, 'security-profiles add', secrets)
    const pack = ['package', '-t', 'wgt', '-s', profile, '-o', outDir, '--', stageDir]
    runQuietly(cli, pack, 'package', secrets)
    const made = readdirSync(outDir).filter((name) => name.endsWith('.wgt'))
    if (made.length !== 1) throw new Error(`tizen package wrote ${made.length} .wgt files, not 1`)
    copyFileSync(join(outDir, made[0]!), outFile)
  } finally {
    try {
      runQuietly(cli, ['security-profiles', 'remove', '-n', profile], 'profile removal', secrets)
    } catch {
      // The profile may never have been added; nothing to clean up then.
    }
    rmSync(outDir, { recursive: true, force: true })
  }
}
