import { parseArgs } from 'node:util'
import { startEmulator } from './server.ts'
import type { EmulatorOptions, PollViolation } from './server.ts'

const USAGE = `Usage: npm run emulator -- [flags]

  --port N               listen port (default 8787, 0 = any free port)
  --host H               listen address (default 0.0.0.0, so phones on the LAN can reach /link)
  --public-url URL       base URL phones use (default http://<LAN IPv4>:<port>)
  --expires-in SEC       device code lifetime (default 600)
  --interval SEC         send an "interval" field (the real API sends none)
  --min-poll-interval S  minimum gap between token polls of one code (default 5, 0 = off)
  --poll-violation KIND  rate_limited (429 + Retry-After, default) or slow_down (400)
  --access-ttl SEC       access token lifetime (default 3600)
  --refresh-ttl SEC      refresh token lifetime (default 31536000)
  --no-rotate            /auth/refresh keeps the refresh token instead of rotating it
  --opaque-tokens        mint tokens without the ppat_/pprt_ prefixes
  --real-shapes          answer reads and writes in real servers' shapes (bare lists, integer
                         ids, float seconds, 204 for nothing playing, empty-bodied writes)
  --data-file PATH       keep state in this JSON file across restarts
  --no-control           disable the /__emulator test-control routes
  --json                 print one JSON line {origin, apiBase, publicUrl} once listening
  --log                  log every request
`

function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0)
    throw new Error(`--${flag} needs a non-negative number`)
  return parsed
}

function pollViolation(value: string | undefined): PollViolation | undefined {
  if (value === undefined || value === 'rate_limited' || value === 'slow_down') return value
  throw new Error('--poll-violation must be rate_limited or slow_down')
}

function optionsFromArgs(args: string[]): { options: Partial<EmulatorOptions>; json: boolean } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'expires-in': { type: 'string' },
      interval: { type: 'string' },
      'min-poll-interval': { type: 'string' },
      'poll-violation': { type: 'string' },
      'access-ttl': { type: 'string' },
      'refresh-ttl': { type: 'string' },
      'no-rotate': { type: 'boolean' },
      'real-shapes': { type: 'boolean' },
      'opaque-tokens': { type: 'boolean' },
      'data-file': { type: 'string' },
      'no-control': { type: 'boolean' },
      json: { type: 'boolean' },
      log: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const candidates: Partial<EmulatorOptions> = {
    port: numberFlag('port', values.port),
    host: values.host,
    publicUrl: values['public-url'],
    deviceCodeTtlSec: numberFlag('expires-in', values['expires-in']),
    intervalSec: numberFlag('interval', values.interval),
    minPollIntervalSec: numberFlag('min-poll-interval', values['min-poll-interval']),
    pollViolation: pollViolation(values['poll-violation']),
    accessTokenTtlSec: numberFlag('access-ttl', values['access-ttl']),
    refreshTokenTtlSec: numberFlag('refresh-ttl', values['refresh-ttl']),
    rotateRefreshTokens: values['no-rotate'] ? false : undefined,
    realShapes: values['real-shapes'] ? true : undefined,
    opaqueTokens: values['opaque-tokens'] ? true : undefined,
    dataFile: values['data-file'],
    // A dev tool: test control is on unless switched off.
    controlEnabled: !values['no-control'],
    logger: values.log ?? false,
  }
  // Unset flags must not overwrite the defaults with undefined.
  const options = Object.fromEntries(
    Object.entries(candidates).filter(([, value]) => value !== undefined),
  ) as Partial<EmulatorOptions>
  return { options, json: values.json ?? false }
}

async function main(): Promise<void> {
  const { options, json } = optionsFromArgs(process.argv.slice(2))
  const emulator = await startEmulator(options)
  const { origin, apiBase, publicUrl } = emulator
  if (json) {
    process.stdout.write(`${JSON.stringify({ origin, apiBase, publicUrl })}\n`)
  } else {
    const lines = [
      'PunchPlay emulator is running',
      `  API base        ${apiBase}`,
      `  Phone link page ${publicUrl}/link`,
      `  Connected apps  ${publicUrl}/settings/connected-apps`,
    ]
    if (options.controlEnabled) {
      lines.push(`  Test control    ${origin}/__emulator/requests (this machine only)`)
    }
    lines.push(`Point the app at it: PUNCHPLAY_API_BASE=${apiBase}`)
    process.stdout.write(`${lines.join('\n')}\n`)
  }
  const shutdown = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
  process.exit(2)
})
