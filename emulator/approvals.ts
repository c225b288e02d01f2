import type { EmulatorContext } from './context.ts'
import { normalizeUserCode } from './ids.ts'
import type { RegisteredClient } from './options.ts'
import { userByName } from './state.ts'
import type { DeviceCodeRecord, User } from './state.ts'

export interface PendingRequest {
  record: DeviceCodeRecord
  client: RegisteredClient
}

/** A code the viewer can still act on: known, undecided and not expired. */
export function findPending(ctx: EmulatorContext, typed: string): PendingRequest | undefined {
  const userCode = normalizeUserCode(typed)
  const record = Object.values(ctx.state.deviceCodes).find(
    (candidate) =>
      candidate.userCode === userCode &&
      candidate.status === 'pending' &&
      candidate.expiresAtMs > ctx.now(),
  )
  const client = record && ctx.client(record.clientId)
  return record && client ? { record, client } : undefined
}

export type Decision = 'approve' | 'deny'

export interface DecisionResult extends PendingRequest {
  user: User
}

/** What the phone page does on Approve/Deny; undefined when the code is unusable. */
export function decide(
  ctx: EmulatorContext,
  typed: string,
  decision: Decision,
  username?: string,
  grantedScope?: string,
): DecisionResult | undefined {
  const pending = findPending(ctx, typed)
  if (!pending) return undefined
  // A viewer may grant less than was asked (a consent screen with unticked scopes).
  if (grantedScope !== undefined) {
    const granted = new Set(grantedScope.split(/\s+/))
    pending.record.scopes = pending.record.scopes.filter((scope) => granted.has(scope))
  }
  const user = userByName(ctx.state, username)
  pending.record.status = decision === 'approve' ? 'approved' : 'denied'
  pending.record.userId = user.id
  ctx.persist()
  return { ...pending, user }
}
