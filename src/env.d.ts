import type { BuildSettings } from '../scripts/build-settings.ts'

declare global {
  /** settings.json with environment overrides, resolved and checked at build time. */
  const __PUNCHPLAY_BUILD__: BuildSettings

  interface Window {
    attachInspector?(lightning: unknown): void
  }
}
