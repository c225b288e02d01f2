import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageVersion } from '../../scripts/package/app-identity.ts'
import { isLeftOut } from '../../scripts/package/stage.ts'
import { tizenConfigXml } from '../../scripts/package/tizen-config.ts'
import { childrenNamed, parseXml } from './support/xml.ts'

function versionOf(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'punchplay-version-'))
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ version }))
    return packageVersion(join(dir, 'package.json'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('package version', () => {
  it('takes x.y.z from package.json', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+$/)
    expect(versionOf('1.20.300')).toBe('1.20.300')
  })

  it.each(['1.0.0-beta.1', '1.0', '256.0.0', '1.256.0', '01.0.0', 'x'])(
    'refuses %s, which a TV store would not take',
    (version) => expect(() => versionOf(version)).toThrow(/not x\.y\.z/),
  )
})

describe('config.xml', () => {
  it('stays well-formed whatever the description says', () => {
    const widget = parseXml(tizenConfigXml('1.0.0', 'Fish & chips <b>"now"</b>'))
    expect(childrenNamed(widget, 'description')[0]!.text).toBe('Fish & chips <b>"now"</b>')
  })
})

describe('what packages leave out', () => {
  it.each([
    'lightning-inspect.js',
    'punchplay.js.map',
    'icons/tizen-icon-512x423.png',
    'splash/webos-splash-1920x1080.png',
    'test/fixture.json',
    'home.spec.js',
    '.DS_Store',
  ])('%s', (path) => expect(isLeftOut(path)).toBe(true))

  it.each(['index.html', 'punchplay.js', 'fonts/OFL.txt', 'assets/icons/play.png'])(
    'keeps %s',
    (path) => expect(isLeftOut(path)).toBe(false),
  )
})
