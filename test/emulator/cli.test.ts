import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'

describe('npm run emulator (emulator/main.ts)', () => {
  it('prints one JSON line with its URLs when started with --json, then serves', async () => {
    const child = spawn(
      'node_modules/.bin/tsx',
      [
        'emulator/main.ts',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--json',
        '--min-poll-interval',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      const lines = createInterface({ input: child.stdout })
      const [line] = (await once(lines, 'line')) as [string]
      const started = JSON.parse(line) as { origin: string; apiBase: string; publicUrl: string }
      expect(started.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(started.apiBase).toBe(`${started.origin}/api/platform/v1`)
      expect(started.publicUrl).toBe(started.origin)

      const code = await fetch(`${started.apiBase}/auth/device/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'ppc_punchplaytv_dev' }),
      })
      expect(code.status).toBe(200)
      // The CLI is a dev tool: test control is on by default.
      expect((await fetch(`${started.origin}/__emulator/requests`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
    const [exitCode] = (await once(child, 'exit')) as [number | null]
    expect(exitCode).toBe(0)
  })

  it('starts in real-shapes mode with --real-shapes', async () => {
    const child = spawn(
      'node_modules/.bin/tsx',
      ['emulator/main.ts', '--port', '0', '--host', '127.0.0.1', '--json', '--real-shapes'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]
      const { origin } = JSON.parse(line) as { origin: string }
      const answer = await fetch(`${origin}/__emulator/config`)
      const { config } = (await answer.json()) as { config: { realShapes: boolean } }
      expect(config.realShapes).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    await once(child, 'exit')
  })
})
