import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import CDP from 'chrome-remote-interface'
import { engineArgs, firstPage, listeningPort } from '../test/real-engines/engine.ts'
import { fromRemoteInterface, type Cdp } from './cdp.ts'

export interface EngineTv {
  cdp: Cdp
  close(): Promise<void>
}

/**
 * A real TV-generation Chromium (scripts/tv-engines.ts) as the bench drives
 * it: a new process with a new profile for every cold start (empty IndexedDB
 * and cache), launched with the real-engine suite's flags, 1920x1080.
 */
export async function openEngineTv(executable: string, cpuThrottle: number): Promise<EngineTv> {
  const profile = mkdtempSync(join(tmpdir(), 'punchplay-bench-engine-'))
  const child = spawn(executable, [...engineArgs(profile), 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const close = async () => {
    child.kill('SIGKILL')
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve))
    rmSync(profile, { recursive: true, force: true })
  }
  try {
    const port = await listeningPort(child)
    const client = await CDP({ port, host: '127.0.0.1', target: await firstPage(port) })
    const cdp = fromRemoteInterface(client)
    await cdp.send('Page.enable')
    await cdp.send('Runtime.enable')
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width: 1920,
      height: 1080,
      deviceScaleFactor: 1,
      mobile: false,
    })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle })
    return {
      cdp,
      close: async () => {
        await client.close().catch(() => undefined)
        await close()
      },
    }
  } catch (error) {
    await close()
    throw error
  }
}
