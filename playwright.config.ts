import { defineConfig } from '@playwright/test'
import { chromiumArgs, findChromium } from './scripts/chromium-path.ts'

const executablePath = (await findChromium()) ?? undefined
const PREVIEW_PORT = Number(process.env.PUNCHPLAY_E2E_PORT ?? 4173)
/** The built app's default apiBase (settings.json) points here. */
const EMULATOR_PORT = Number(process.env.PUNCHPLAY_E2E_EMULATOR_PORT ?? 8787)

export default defineConfig<{ realShapes: boolean }>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PREVIEW_PORT}/`,
    viewport: { width: 1920, height: 1080 },
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [
    { name: 'default' },
    // Home and playback again, with the emulator answering as real servers do (issue 16).
    {
      name: 'real-shapes',
      testMatch: ['**/home.spec.ts', '**/playback.spec.ts'],
      use: { realShapes: true },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PREVIEW_PORT} --strictPort`,
      url: `http://127.0.0.1:${PREVIEW_PORT}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `npx tsx emulator/main.ts --host 127.0.0.1 --port ${EMULATOR_PORT}`,
      url: `http://127.0.0.1:${EMULATOR_PORT}/link`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
})
