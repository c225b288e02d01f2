import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Scope } from './options.ts'
import type { PlaybackSession } from './playback/session.ts'

export interface User {
  id: string
  username: string
  name: string | null
  email: string | null
}

export type DeviceCodeStatus = 'pending' | 'approved' | 'denied' | 'redeemed'

export interface DeviceCodeRecord {
  deviceCode: string
  userCode: string
  clientId: string
  scopes: Scope[]
  expiresAtMs: number
  status: DeviceCodeStatus
  userId?: string
  lastPollAtMs?: number
  slowDowns?: number
}

/** One approval of one app by one viewer; revoking it kills every token it issued. */
export interface Grant {
  id: string
  clientId: string
  userId: string
  scopes: Scope[]
  createdAtMs: number
  revoked: boolean
  deviceId?: string
  deviceName?: string
  linkedUserId?: string
  linkedUsername?: string
}

export interface AccessTokenRecord {
  tokenId: string
  grantId: string
  expiresAtMs: number
}

export interface RefreshTokenRecord {
  grantId: string
  expiresAtMs: number
  spent: boolean
}

export interface EmulatorState {
  users: Record<string, User>
  deviceCodes: Record<string, DeviceCodeRecord>
  grants: Record<string, Grant>
  accessTokens: Record<string, AccessTokenRecord>
  refreshTokens: Record<string, RefreshTokenRecord>
  /** Keyed by `${userId} ${playback_session_id}`. */
  sessions: Record<string, PlaybackSession>
  /** event_ids already applied, per user, for dedupe (§5.3). */
  seenEventIds: Record<string, string[]>
  /** Per-user counter behind the SSE `sequence` field. */
  sequences: Record<string, number>
  nextId: number
}

export const DEFAULT_USER: User = {
  id: 'user_1',
  username: 'sofa_viewer',
  name: 'Sofa Viewer',
  email: null,
}

export function createEmptyState(): EmulatorState {
  return {
    users: { [DEFAULT_USER.id]: { ...DEFAULT_USER } },
    deviceCodes: {},
    grants: {},
    accessTokens: {},
    refreshTokens: {},
    sessions: {},
    seenEventIds: {},
    sequences: {},
    nextId: 2,
  }
}

export function nextId(state: EmulatorState, prefix: string): string {
  const id = `${prefix}_${state.nextId}`
  state.nextId += 1
  return id
}

/** The phone form may name a viewer; an unknown name becomes a new account. */
export function userByName(state: EmulatorState, username?: string): User {
  const wanted = username?.trim() || DEFAULT_USER.username
  const existing = Object.values(state.users).find((user) => user.username === wanted)
  if (existing) return existing
  const created: User = { id: nextId(state, 'user'), username: wanted, name: null, email: null }
  state.users[created.id] = created
  return created
}

export function loadState(dataFile: string | undefined): EmulatorState {
  if (!dataFile || !existsSync(dataFile)) return createEmptyState()
  const parsed: unknown = JSON.parse(readFileSync(dataFile, 'utf8'))
  if (typeof parsed !== 'object' || parsed === null || !('users' in parsed)) {
    throw new Error(`${dataFile} is not an emulator data file`)
  }
  return { ...createEmptyState(), ...(parsed as Partial<EmulatorState>) }
}

export function saveState(dataFile: string | undefined, state: EmulatorState): void {
  if (dataFile) writeFileSync(dataFile, JSON.stringify(state, null, 2))
}
