import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError, ProtocolError } from '../../src/core/errors.ts'
import { failureText } from '../../src/ui/failure-text.ts'
import { connectedAppsUrl, displayUrl, minutesSeconds, scopeWords } from '../../src/ui/words.ts'

const context = {
  method: 'POST',
  endpoint: '/auth/device/code',
  clientId: 'c',
  at: '2026-11-28T12:00:00Z',
}

describe('words on screen', () => {
  it('shortens the verification address to what a viewer types', () => {
    expect(displayUrl('https://punchplay.tv/link/')).toBe('punchplay.tv/link')
    expect(displayUrl('http://192.168.1.5:8787/link')).toBe('192.168.1.5:8787/link')
  })

  it('counts down in minutes and seconds, never below zero', () => {
    expect(minutesSeconds(468_000)).toBe('7:48')
    expect(minutesSeconds(5_001)).toBe('0:06')
    expect(minutesSeconds(-10)).toBe('0:00')
  })

  it('names scopes in plain words and keeps unknown ones readable', () => {
    expect(scopeWords('profile:read  events:read lists:read')).toEqual([
      'see your PunchPlay profile',
      'get live updates when playback changes',
      'lists:read',
    ])
  })

  it('explains failures in viewer words with the code and request id for support', () => {
    const limited = new ApiError('rate_limited', 'x', context, 429, 'ppreq_1', null, null, 1500)
    expect(failureText(limited)).toBe(
      'Too many codes were asked for from this network. Try again in 25 min. (rate_limited · ppreq_1)',
    )
    expect(failureText(new NetworkError('x', context))).toBe(
      "Can't reach PunchPlay. Check the TV's internet connection. (network_error)",
    )
    expect(failureText(new ProtocolError('html_page', 'x', context, 502, null, '<html>'))).toMatch(
      /can't read/,
    )
    expect(failureText(new Error('boom'))).toBe('Something went wrong. Try again.')
  })

  it('says "too many codes" only when the code request was refused, not for any 429', () => {
    const elsewhere = { ...context, method: 'GET', endpoint: '/playback/in-progress' }
    const busy = new ApiError('rate_limited', 'x', elsewhere, 429, 'ppreq_2', null, null, 90)
    expect(failureText(busy)).toBe(
      'PunchPlay is getting too many requests from this network. Try again in 2 min. (rate_limited · ppreq_2)',
    )
    const refresh = { ...context, endpoint: '/auth/refresh' }
    const later = new ApiError('rate_limited', 'x', refresh, 429, null, null)
    expect(failureText(later)).not.toMatch(/codes/)
    expect(failureText(later)).toMatch(/Try again later/)
    const codes = new ApiError('rate_limited', 'x', context, 429, null, null)
    expect(failureText(codes)).toMatch(/^Too many codes were asked for from this network/)
  })

  it('links to the connected-apps page of the PunchPlay the app talks to', () => {
    expect(connectedAppsUrl('https://punchplay.tv/api/platform/v1')).toBe(
      'https://punchplay.tv/settings/connected-apps',
    )
    expect(connectedAppsUrl('http://127.0.0.1:8787/api/platform/v1')).toBe(
      'http://127.0.0.1:8787/settings/connected-apps',
    )
  })
})
