import { randomUUID } from 'node:crypto'
import type { Ids } from '../../src/core/ports.ts'

/** Real random uuids, as the app's adapter makes them. */
export const testIds: Ids = { uuid: () => randomUUID() }
