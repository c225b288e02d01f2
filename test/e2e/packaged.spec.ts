import type { Page } from '@playwright/test'
import { expect, test } from './support/test.ts'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { identity, packageVersion } from '../../scripts/package/app-identity.ts'
import { buildIpk } from '../../scripts/package/ipk.ts'
import { buildWgt } from '../../scripts/package/wgt.ts'
import { readIpkApp, readZip } from '../package/support/archives.ts'
import { brightShare, onScreenText, screenPixels } from './support/tv.ts'

/**
 * The packages a TV installs, unpacked and served over http (desktop Chromium
 * will not run the app from file://). They are built here from the same dist/
 * the other specs test, with the same code as `npm run package`, unsigned.
 */
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
}

async function serve(files: Map<string, Buffer>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).slice(1)
    const file = files.get(path || 'index.html')
    if (!file) return void response.writeHead(404).end()
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
    response.end(file)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }
}

const packages = new Map<string, Map<string, Buffer>>()
const servers: Server[] = []
let work: string

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'punchplay-packaged-'))
  const version = packageVersion()
  const wgt = join(work, 'app.wgt')
  await buildWgt({ distDir: 'dist', outFile: wgt, version, description: 'test', env: {} })
  const ipk = buildIpk({ distDir: 'dist', outDir: work, version })
  packages.set('Tizen .wgt', await readZip(wgt))
  packages.set('webOS .ipk', await readIpkApp(ipk, identity.webos.id))
})

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  rmSync(work, { recursive: true, force: true })
})

/** Opens a served package; `problems` collects page errors and package files that failed. */
async function open(page: Page, files: Map<string, Buffer>, query = '') {
  const { url, server } = await serve(files)
  servers.push(server)
  const problems: string[] = []
  // Only the package's own files count: the API is the emulator's business, not the package's.
  const ours = (address: string) => address.startsWith(url)
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('requestfailed', (request) => {
    if (ours(request.url())) problems.push(`failed: ${request.url()}`)
  })
  page.on('response', (response) => {
    if (ours(response.url()) && response.status() >= 400)
      problems.push(`${response.status()}: ${response.url()}`)
  })
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await page.goto(`${url}index.html${query}`)
  return { problems, scripts }
}

for (const name of ['Tizen .wgt', 'webOS .ipk']) {
  test(`the ${name} boots over http to a full-size, drawn screen`, async ({ page }) => {
    const { problems, scripts } = await open(page, packages.get(name)!)

    const canvas = page.locator('canvas')
    await expect(canvas).toHaveCount(1)
    await expect(canvas).toHaveAttribute('width', '1920')
    await expect(canvas).toHaveAttribute('height', '1080')
    // Light text on a dark background: some pixels bright, most not.
    const brightness = async () => brightShare(await screenPixels(page), 160)
    await expect.poll(brightness).toBeGreaterThan(0.005)
    expect(await brightness()).toBeLessThan(0.5)
    // Time for a late start-up failure (a missing file, a script error) to show.
    await page.waitForTimeout(1000)

    expect(scripts).toEqual(['/punchplay.js'])
    expect(problems).toEqual([])
  })
}

test('the packaged app boots to the pairing page', async ({ page }) => {
  // Packages ship no inspector; this copy lends it one from dist/ to read the screen.
  const files = new Map(packages.get('Tizen .wgt'))
  expect(files.has('lightning-inspect.js')).toBe(false)
  files.set('lightning-inspect.js', readFileSync('dist/lightning-inspect.js'))
  const { problems } = await open(page, files, '?inspector=1')

  await expect(onScreenText(page, 'Sign in to PunchPlay')).toBeVisible()
  await expect(onScreenText(page, 'Starting…')).toHaveCount(0)
  expect(problems).toEqual([])
})
