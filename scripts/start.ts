import { createServer } from 'vite'
import { startEmulator } from '../emulator/server.ts'

/**
 * `npm start`: the PunchPlay emulator on :8787 (reachable from a phone on the
 * same network) and the TV app's dev server on :8080, side by side.
 */
const emulator = await startEmulator({ host: '0.0.0.0', port: 8787, controlEnabled: true })
const app = await createServer({ server: { host: '0.0.0.0', port: 8080 } })
await app.listen()

const appUrl = app.resolvedUrls?.local[0] ?? 'http://127.0.0.1:8080/'
console.log(
  [
    '',
    `  PunchPlay TV app      ${appUrl}   (open at 1920x1080; add ?inspector=1 to mirror the canvas)`,
    `  PunchPlay emulator    ${emulator.apiBase}`,
    `  Phone approval page   ${emulator.publicUrl}/link`,
    '',
    '  Ctrl+C stops both.',
    '',
  ].join('\n'),
)

const stop = async () => {
  await Promise.allSettled([app.close(), emulator.close()])
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
