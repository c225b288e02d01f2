export type FaultKind =
  'status' | 'html' | 'malformed' | 'empty' | 'drop' | 'latency' | 'body' | 'huge'

export interface FaultSpec {
  /** API path suffix such as '/auth/device/token', or '*' for every API route. */
  route: string
  method?: string
  kind: FaultKind
  status?: number
  /** Error code for kind 'status'; defaults to the usual code for the status. */
  error?: string
  latencyMs?: number
  retryAfterSec?: number
  /** For kind 'body': the raw answer and its content type. */
  body?: string
  contentType?: string
  /** For kind 'huge': how big the (HTML) answer is; 10 MB by default. */
  sizeBytes?: number
  count: number
}

/** Faults armed through /__emulator/faults, each used for its next `count` matching requests. */
export class FaultTable {
  private faults: FaultSpec[] = []

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec })
  }

  /** Preflights are left alone unless asked for: a broken preflight hides the real fault. */
  take(method: string, apiPath: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (f) =>
        (f.route === '*' || f.route === apiPath) &&
        (f.method ? f.method.toUpperCase() === method : method !== 'OPTIONS'),
    )
    if (!fault) return undefined
    fault.count -= 1
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault)
    return fault
  }

  list(): FaultSpec[] {
    return this.faults.map((f) => ({ ...f }))
  }

  clear(): void {
    this.faults = []
  }
}
