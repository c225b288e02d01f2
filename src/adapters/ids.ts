import { v4 } from 'uuid'
import type { Ids } from '../core/ports.ts'

/** uuid falls back to crypto.getRandomValues where randomUUID is missing (Chrome < 92). */
export const randomIds: Ids = { uuid: () => v4() }
