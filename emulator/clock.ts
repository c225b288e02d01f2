/** Wall time plus an offset tests can push forward, so expiry needs no real waiting. */
export class EmulatorClock {
  private offsetMs = 0

  now(): number {
    return Date.now() + this.offsetMs
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000
  }

  reset(): void {
    this.offsetMs = 0
  }
}
