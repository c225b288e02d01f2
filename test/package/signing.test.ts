import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findTizenCli, tizenSigningFromEnv } from '../../scripts/package/tizen-signing.ts'
import { buildWgt } from '../../scripts/package/wgt.ts'

let work: string
let certificates: Record<string, string>

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'punchplay-signing-'))
  writeFileSync(join(work, 'author.p12'), 'not a real certificate')
  writeFileSync(join(work, 'distributor.p12'), 'not a real certificate')
  certificates = {
    TIZEN_AUTHOR_P12: join(work, 'author.p12'),
    TIZEN_AUTHOR_PASSWORD: 'author-pass-123',
    TIZEN_DISTRIBUTOR_P12: join(work, 'distributor.p12'),
    TIZEN_DISTRIBUTOR_PASSWORD: 'distributor-pass-456',
  }
  mkdirSync(join(work, 'dist'))
  writeFileSync(join(work, 'dist/index.html'), '<!doctype html>')
  writeFileSync(join(work, 'dist/punchplay.js'), '')
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

/**
 * Stands in for Tizen Studio's `tizen`: logs its arguments and, on `package`,
 * writes a .wgt into -o as the real one does, or fails echoing its arguments.
 */
function fakeTizenCli({ failPackage = false } = {}): string {
  const cli = join(work, 'tizen')
  writeFileSync(
    cli,
    `#!/usr/bin/env node
const fs = require('fs')
const args = process.argv.slice(2)
fs.appendFileSync(${JSON.stringify(join(work, 'calls.jsonl'))}, JSON.stringify(args) + '\\n')
if (args[0] === 'package') {
  if (${failPackage}) { console.error('cannot sign with', ${JSON.stringify(certificates.TIZEN_AUTHOR_PASSWORD)}); process.exit(3) }
  const out = args[args.indexOf('-o') + 1], stage = args[args.indexOf('--') + 1]
  fs.writeFileSync(out + '/PunchPlay TV.wgt', 'signed:' + fs.readdirSync(stage).sort().join(','))
}
`,
  )
  chmodSync(cli, 0o755)
  return cli
}

const calls = () =>
  readFileSync(join(work, 'calls.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string[])

const build = (env: NodeJS.ProcessEnv) =>
  buildWgt({
    distDir: join(work, 'dist'),
    outFile: join(work, 'out.wgt'),
    version: '1.2.3',
    description: 'test',
    env,
  })

describe('Tizen signing from the environment', () => {
  it('is off when no TIZEN_* certificate variable is set', () => {
    expect(tizenSigningFromEnv({})).toBeNull()
  })

  it('refuses a half-configured signer instead of shipping unsigned', () => {
    const partial = { ...certificates, TIZEN_DISTRIBUTOR_PASSWORD: '' }
    expect(() => tizenSigningFromEnv(partial)).toThrow(/missing TIZEN_DISTRIBUTOR_PASSWORD/)
  })

  it('refuses a certificate path that does not exist', () => {
    const env = { ...certificates, TIZEN_AUTHOR_P12: join(work, 'nope.p12') }
    expect(() => tizenSigningFromEnv(env)).toThrow(/TIZEN_AUTHOR_P12 points to .*nope\.p12/)
  })

  it('says what to install when certificates are given but the Tizen CLI is absent', async () => {
    expect(findTizenCli({ PATH: work })).toBeNull()
    await expect(build({ ...certificates, PATH: work })).rejects.toThrow(
      /Tizen Studio CLI was not found.*TIZEN_CLI/,
    )
    expect(existsSync(join(work, 'out.wgt'))).toBe(false)
  })

  it('finds `tizen` on PATH', () => {
    fakeTizenCli()
    expect(findTizenCli({ PATH: `/nonexistent:${work}` })).toBe(join(work, 'tizen'))
  })
})

describe('signing through the Tizen CLI', () => {
  it('registers a throw-away profile, packages with it and removes it', async () => {
    const result = await build({ ...certificates, TIZEN_CLI: fakeTizenCli() })

    expect(result).toEqual({ signed: true })
    expect(readFileSync(join(work, 'out.wgt'), 'utf8')).toBe(
      'signed:config.xml,icon.png,index.html,punchplay.js',
    )
    const [add, pack, remove, ...more] = calls()
    const profile = add![3]!
    expect(add).toEqual([
      'security-profiles',
      'add',
      '-n',
      profile,
      '-a',
      certificates.TIZEN_AUTHOR_P12,
      '-p',
      'author-pass-123',
      '-d',
      certificates.TIZEN_DISTRIBUTOR_P12,
      '-dp',
      'distributor-pass-456',
    ])
    expect(pack!.slice(0, 6)).toEqual(['package', '-t', 'wgt', '-s', profile, '-o'])
    expect(pack![7]).toBe('--')
    expect(remove).toEqual(['security-profiles', 'remove', '-n', profile])
    expect(more).toEqual([])
  })

  it('passes the CA certificates of a Samsung profile when given', async () => {
    const ca = { TIZEN_AUTHOR_CA: certificates.TIZEN_AUTHOR_P12!, TIZEN_DISTRIBUTOR_CA: work }
    await build({ ...certificates, ...ca, TIZEN_CLI: fakeTizenCli() })
    const add = calls()[0]!
    expect(add.slice(-4)).toEqual(['-c', ca.TIZEN_AUTHOR_CA, '-dc', ca.TIZEN_DISTRIBUTOR_CA])
  })

  it('fails without leaking a password and still removes the profile', async () => {
    const attempt = build({ ...certificates, TIZEN_CLI: fakeTizenCli({ failPackage: true }) })
    const error = (await attempt.catch((caught: unknown) => caught)) as Error
    expect(error.message).toMatch(/tizen package failed \(exit 3\)/)
    expect(error.message).toContain('cannot sign with ***')
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toMatch(/pass-\d{3}/)
    expect(calls().at(-1)!.slice(0, 2)).toEqual(['security-profiles', 'remove'])
    expect(existsSync(join(work, 'out.wgt'))).toBe(false)
  })
})
