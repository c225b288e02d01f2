import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { identity, ipkName, outputDir, wgtName } from '../../scripts/package/app-identity.ts'
import { readAr, readIpkApp, readTarGz, readZip, pngSize } from './support/archives.ts'
import { childrenNamed, parseXml, type XmlElement } from './support/xml.ts'

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
const wgtPath = `${outputDir}/${wgtName(version)}`
const ipkPath = `${outputDir}/${ipkName(version)}`

let wgt: Map<string, Buffer>
let webos: Map<string, Buffer>

beforeAll(async () => {
  // Unsigned on purpose: a developer's own TIZEN_* variables must not change what is tested.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('TIZEN_')),
  )
  await promisify(execFile)('npm', ['run', 'package'], { env, maxBuffer: 16 * 1024 * 1024 })
  wgt = await readZip(wgtPath)
  webos = await readIpkApp(ipkPath, identity.webos.id)
}, 240_000)

const text = (files: Map<string, Buffer>, name: string) => {
  const file = files.get(name)
  if (!file) throw new Error(`${name} is not in the package`)
  return file.toString('utf8')
}

/** What a TV must never receive: test tooling, source maps, secrets, signing material. */
function expectNothingExtra(files: Map<string, Buffer>) {
  const names = [...files.keys()]
  expect(names.filter((name) => /lightning-inspect|inspector/.test(name))).toEqual([])
  expect(names.filter((name) => /\.map$/.test(name))).toEqual([])
  expect(
    names.filter((name) => /(^|\/)(tests?|e2e|__tests__)\/|\.(test|spec)\./.test(name)),
  ).toEqual([])
  expect(names.filter((name) => /\.(p12|pem|key|crt|cer)$|(^|\/)\.env/.test(name))).toEqual([])
  expect(text(files, 'punchplay.js')).not.toMatch(/sourceMappingURL/)
  for (const [name, file] of files) {
    const content = file.toString('latin1')
    expect(content, name).not.toMatch(/client_?secret["']?\s*[:=]\s*["'`][^"'`]+/i)
    expect(content, name).not.toMatch(/\bpp(?:at|rt)_[A-Za-z0-9_-]{8,}/)
    expect(content, name).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/)
  }
}

function expectTheApp(files: Map<string, Buffer>) {
  const html = text(files, 'index.html')
  expect(html).toMatch(/<script defer[^>]* src="\.\/punchplay\.js"><\/script>/)
  expect(html).not.toMatch(/type="module"/)
  expect(files.get('punchplay.js')?.equals(readFileSync('dist/punchplay.js'))).toBe(true)
  expect([...files.keys()].filter((name) => name.startsWith('fonts/')).length).toBeGreaterThan(0)
  // Fonts are fetched from index.html while the script loads: each from inside the package.
  const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="font"/g)]
  expect(preloads.map(([, href]) => href).sort()).toEqual(
    [...files.keys()].filter((name) => name.endsWith('.woff2')).sort(),
  )
  // The sample titles stream from the emulator: no package carries a video.
  expect([...files.keys()].filter((name) => /\.(mp4|webm|m4v|mov)$/.test(name))).toEqual([])
}

describe('Tizen .wgt', () => {
  const config = () => parseXml(text(wgt, 'config.xml'))
  const one = (parent: XmlElement, name: string) => {
    const found = childrenNamed(parent, name)
    expect(found, name).toHaveLength(1)
    return found[0]!
  }

  it('is a widget for Samsung TVs with a stable id and the package.json version', () => {
    const widget = config()
    expect(widget.name).toBe('widget')
    expect(widget.attributes).toMatchObject({
      xmlns: 'http://www.w3.org/ns/widgets',
      'xmlns:tizen': 'http://tizen.org/ns/widgets',
      id: 'https://punchplay.tv/tv',
      version,
    })
    const application = one(widget, 'tizen:application').attributes
    expect(application).toEqual({
      id: 'PnchPlyTV1.PunchPlayTV',
      package: 'PnchPlyTV1',
      // Tizen 5.0 (Samsung 2019) runs Chromium 63, the oldest engine the real-engine suite proves.
      required_version: '5.0',
    })
    expect(application.package).toMatch(/^[A-Za-z0-9]{10}$/)
    expect(application.id!.startsWith(`${application.package}.`)).toBe(true)
    expect(one(widget, 'tizen:profile').attributes.name).toBe('tv-samsung')
    expect(one(widget, 'name').text).toBe('PunchPlay TV')
  })

  it('opens index.html, reaches the network and reads the remote', () => {
    const widget = config()
    expect(one(widget, 'content').attributes.src).toBe('index.html')
    expect(one(widget, 'access').attributes).toEqual({ origin: '*', subdomains: 'true' })
    const privileges = childrenNamed(widget, 'tizen:privilege').map((p) => p.attributes.name)
    expect(privileges.sort()).toEqual([
      'http://tizen.org/privilege/internet',
      'http://tizen.org/privilege/tv.inputdevice',
    ])
    expect(one(widget, 'tizen:setting').attributes).toMatchObject({
      'screen-orientation': 'landscape',
      'context-menu': 'disable',
      'background-support': 'disable',
      encryption: 'disable',
      'install-location': 'auto',
      'hwkey-event': 'enable',
    })
    const metadata = childrenNamed(widget, 'tizen:metadata').map((m) => m.attributes)
    expect(metadata).toContainEqual({
      key: 'http://samsung.com/tv/metadata/use.voiceguide',
      value: 'true',
    })
  })

  it('carries its 512x423 icon at the path config.xml names', () => {
    const src = one(config(), 'icon').attributes.src!
    expect(pngSize(wgt.get(src)!)).toEqual({ width: 512, height: 423 })
  })

  it('holds the built app and nothing a TV should not get', () => {
    expectTheApp(wgt)
    expectNothingExtra(wgt)
    expect([...wgt.keys()].filter((name) => /signature/.test(name))).toEqual([])
  })
})

describe('webOS .ipk', () => {
  const appinfo = () => JSON.parse(text(webos, 'appinfo.json')) as Record<string, unknown>

  it('is a Debian-style ar archive of control and data as webOS installs them', async () => {
    const members = readAr(readFileSync(ipkPath))
    expect(members.map((member) => member.name)).toEqual([
      'debian-binary',
      'control.tar.gz',
      'data.tar.gz',
    ])
    expect(members[0]!.data.toString()).toBe('2.0\n')
    const control = text(await readTarGz(members[1]!.data), 'control')
    expect(control).toMatch(new RegExp(`^Package: ${identity.webos.id}$`, 'm'))
    expect(control).toMatch(new RegExp(`^Version: ${version}$`, 'm'))
  })

  it('has an appinfo.json with the id, version and TV settings', () => {
    expect(appinfo()).toMatchObject({
      id: 'tv.punchplay.app',
      version,
      vendor: 'PunchPlay',
      type: 'web',
      main: 'index.html',
      title: 'PunchPlay TV',
      resolution: '1920x1080',
      disableBackHistoryAPI: true,
      supportsAudioGuidance: true,
      bgColor: '#0B0F14',
    })
  })

  it('carries the icons and splash appinfo.json names, at webOS sizes', () => {
    const info = appinfo()
    const size = (key: string) => pngSize(webos.get(String(info[key]))!)
    expect(size('icon')).toEqual({ width: 80, height: 80 })
    expect(size('largeIcon')).toEqual({ width: 130, height: 130 })
    expect(size('splashBackground')).toEqual({ width: 1920, height: 1080 })
  })

  it('holds the built app and nothing a TV should not get', () => {
    expectTheApp(webos)
    expectNothingExtra(webos)
  })
})

describe('both packages', () => {
  it('ship the same app files, each with its own manifest and artwork', () => {
    const own = /^(config\.xml|appinfo\.json|icon\.png|largeIcon\.png|splash\.png)$/
    const app = (files: Map<string, Buffer>) => [...files.keys()].filter((n) => !own.test(n)).sort()
    expect(app(webos)).toEqual(app(wgt))
    for (const name of app(wgt)) expect(webos.get(name)?.equals(wgt.get(name)!), name).toBe(true)
  })
})
