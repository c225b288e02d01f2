import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import CDP from 'chrome-remote-interface'
import { PNG } from 'pngjs'

/**
 * One real TV-generation Chromium, headless at 1920x1080 with WebGL through
 * OSMesa, driven over the DevTools protocol (Playwright cannot attach to these
 * builds). A fresh profile per launch: every run is a first start.
 */
export interface EngineSession {
  /** `navigator.userAgent`'s Chrome version, as the engine reports itself. */
  readonly version: string
  /** Uncaught exceptions the page threw, as the engine describes them. */
  readonly pageErrors: string[]
  /** Everything the page wrote to its console. */
  readonly consoleLines: string[]
  open(url: string): Promise<void>
  evaluate<T>(expression: string): Promise<T>
  /** A remote key: keydown and keyup with the TV's keyCode, as Lightning reads them. */
  press(keyCode: number): Promise<void>
  screenshot(): Promise<PNG>
  screenshotBytes(): Promise<Buffer>
  close(): Promise<void>
}

const DEVTOOLS_LINE = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//

export function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = ''
    const timer = setTimeout(
      () => reject(new Error(`no DevTools port within 20 s:\n${seen}`)),
      20_000,
    )
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      const match = DEVTOOLS_LINE.exec(seen)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`engine exited with ${code} before DevTools listened:\n${seen}`))
    })
  })
}

/** DevTools listens a moment before the start page's target exists. */
export async function firstPage(port: number): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const page = (await CDP.List({ port, host: '127.0.0.1' })).find(
      (target) => target.type === 'page',
    )
    if (page) return page.id
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the engine opened no page within 10 s')
}

/** The flags every launch uses: headless at 1920x1080, WebGL through OSMesa, a given fresh profile. */
export function engineArgs(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--use-gl=osmesa',
    '--window-size=1920,1080',
    '--hide-scrollbars',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    // A packaged TV app reads its own files from file://, which these desktop builds refuse by default.
    '--allow-file-access-from-files',
  ]
}

export async function launchEngine(executable: string): Promise<EngineSession> {
  const profile = mkdtempSync(join(tmpdir(), 'punchplay-engine-'))
  const child = spawn(executable, [...engineArgs(profile), 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const kill = () => {
    child.kill('SIGKILL')
    rmSync(profile, { recursive: true, force: true })
  }
  let client: CDP.Client
  try {
    const port = await listeningPort(child)
    client = await CDP({ port, host: '127.0.0.1', target: await firstPage(port) })
  } catch (error) {
    // An engine that never became drivable must not outlive its test.
    kill()
    throw error
  }
  const { Page, Runtime, Input, Emulation } = client
  const pageErrors: string[] = []
  Runtime.exceptionThrown(({ exceptionDetails }) =>
    pageErrors.push(exceptionDetails.exception?.description ?? exceptionDetails.text),
  )
  const consoleLines: string[] = []
  Runtime.consoleAPICalled(({ args }) =>
    consoleLines.push(args.map((arg) => String(arg.value ?? arg.description ?? '')).join(' ')),
  )
  await Promise.all([Page.enable(), Runtime.enable()])
  await Emulation.setDeviceMetricsOverride({
    width: 1920,
    height: 1080,
    deviceScaleFactor: 1,
    mobile: false,
  })

  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await Runtime.evaluate({
      expression,
      returnByValue: true,
      awaitPromise: true,
    })
    if (exceptionDetails) {
      throw new Error(
        `page threw: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      )
    }
    return result.value as T
  }
  const screenshotBytes = async () =>
    Buffer.from((await Page.captureScreenshot({ format: 'png' })).data, 'base64')

  const agent = await evaluate<string>('navigator.userAgent')
  return {
    pageErrors,
    consoleLines,
    version: /Chrome\/([\d.]+)/.exec(agent)?.[1] ?? agent,
    async open(url) {
      await Page.navigate({ url })
      await Page.loadEventFired()
    },
    evaluate,
    async press(keyCode) {
      for (const type of ['rawKeyDown', 'keyUp'] as const) {
        await Input.dispatchKeyEvent({
          type,
          windowsVirtualKeyCode: keyCode,
          nativeVirtualKeyCode: keyCode,
        })
      }
    },
    screenshotBytes,
    screenshot: async () => PNG.sync.read(await screenshotBytes()),
    async close() {
      await client.close().catch(() => undefined)
      child.kill('SIGKILL')
      await new Promise((resolve) =>
        child.exitCode === null ? child.once('exit', resolve) : resolve(null),
      )
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
