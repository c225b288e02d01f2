import type { Page } from '@playwright/test'
import type { Cdp } from './cdp.ts'

export interface LiveCounters {
  intervals: number
  timeouts: number
  webglTextures: number
}

interface BenchWindow {
  __benchLive: { intervals: Set<number>; timeouts: Set<number>; textures: number }
}

/**
 * Runs in the page before the app (addInitScript): counts intervals not yet
 * cleared, timeouts not yet fired or cleared, and WebGL textures not yet
 * deleted. A leak of timers or textures shows up here before it shows in the heap.
 */
function installLiveCounters(): void {
  const live = { intervals: new Set<number>(), timeouts: new Set<number>(), textures: 0 }
  ;(window as unknown as BenchWindow).__benchLive = live
  const native = {
    setInterval: window.setInterval.bind(window),
    setTimeout: window.setTimeout.bind(window),
    clearInterval: window.clearInterval.bind(window),
  }
  const forget = ((id?: number) => {
    if (id === undefined) return
    live.intervals.delete(id)
    live.timeouts.delete(id)
    native.clearInterval(id)
  }) as typeof window.clearInterval
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = native.setInterval(handler, ms, ...args)
    live.intervals.add(id)
    return id
  }) as typeof window.setInterval
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = native.setTimeout(() => {
      live.timeouts.delete(id)
      if (typeof handler === 'function') handler(...args)
    }, ms)
    live.timeouts.add(id)
    return id
  }) as typeof window.setTimeout
  // Browsers share one id pool between the two kinds; so do their clear functions.
  window.clearInterval = forget
  window.clearTimeout = forget
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    const create = proto.createTexture
    const remove = proto.deleteTexture
    proto.createTexture = function (this: WebGLRenderingContext) {
      live.textures++
      return create.call(this)
    }
    proto.deleteTexture = function (this: WebGLRenderingContext, texture: WebGLTexture | null) {
      if (texture) live.textures--
      remove.call(this, texture)
    }
  }
}

/**
 * The page script. tsx compiles with esbuild's keepNames, which wraps named
 * functions in a __name() helper the page does not have: give it one.
 */
export const liveCountersScript = `var __name = (fn) => fn;(${installLiveCounters.toString()})()`

export interface MemoryReading extends LiveCounters {
  heapUsedBytes: number
  jsEventListeners: number
  domNodes: number
}

/** Heap after two full collections (so only what is still reachable counts), plus counters. */
export async function readMemory(page: Page, cdp: Cdp): Promise<MemoryReading> {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage')
  const dom = await cdp.send<{ jsEventListeners: number; nodes: number }>('Memory.getDOMCounters')
  const live = await page.evaluate(() => {
    const counters = (window as unknown as BenchWindow).__benchLive
    return {
      intervals: counters.intervals.size,
      timeouts: counters.timeouts.size,
      webglTextures: counters.textures,
    }
  })
  return {
    heapUsedBytes: usedSize,
    jsEventListeners: dom.jsEventListeners,
    domNodes: dom.nodes,
    ...live,
  }
}
