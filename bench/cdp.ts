import type { CDPSession } from '@playwright/test'
import type CDP from 'chrome-remote-interface'

type Handler = (params: never) => void

/**
 * The few DevTools protocol calls the bench makes, over either driver:
 * Playwright's session for Debian's Chromium, chrome-remote-interface for the
 * real Chromium 68 (Playwright cannot attach to it). Results are untyped on
 * purpose: the two protocol versions differ, and each caller reads only the
 * fields both engines send.
 */
export interface Cdp {
  send<T = unknown>(method: string, params?: object): Promise<T>
  on(event: string, handler: Handler): void
  off(event: string, handler: Handler): void
}

export function fromPlaywright(session: CDPSession): Cdp {
  // Playwright types each method's params; the bench passes them through as the protocol names them.
  const loose = session as unknown as {
    send(method: string, params?: object): Promise<unknown>
    on(event: string, handler: Handler): void
    off(event: string, handler: Handler): void
  }
  return {
    send: <T>(method: string, params?: object) => loose.send(method, params) as Promise<T>,
    on: (event, handler) => loose.on(event, handler),
    off: (event, handler) => loose.off(event, handler),
  }
}

export function fromRemoteInterface(client: CDP.Client): Cdp {
  const loose = client as unknown as {
    send(method: string, params?: object): Promise<unknown>
    on(event: string, handler: Handler): void
    removeListener(event: string, handler: Handler): void
  }
  return {
    send: <T>(method: string, params?: object) => loose.send(method, params) as Promise<T>,
    on: (event, handler) => loose.on(event, handler),
    off: (event, handler) => loose.removeListener(event, handler),
  }
}
