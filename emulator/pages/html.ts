import type { Scope } from '../options.ts'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}

/** Consent wording for each scope, in the viewer's terms. */
export const SCOPE_WORDS: Record<Scope, string> = {
  'profile:read': 'see your PunchPlay profile',
  'playback:read': "see what you're watching and your progress",
  'playback:write': 'update your watch progress from this TV',
  'events:read': 'get live updates when playback changes',
}

/** `body` must already be escaped. Inline styles only: a phone on the LAN has no internet. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · PunchPlay (emulator)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:0 auto;padding:1.5rem;line-height:1.5;color:#1b1b1f}
h1{font-size:1.4rem}input,button{font-size:1.1rem;padding:.7rem;width:100%;box-sizing:border-box;margin:.3rem 0}
input[name=code],input[name=user_code]{text-transform:uppercase;letter-spacing:.2em;text-align:center}
button{border:0;border-radius:.4rem;background:#5b3cc4;color:#fff}button.secondary{background:#e4e1ec;color:#1b1b1f}
.error{color:#b3261e}.muted{color:#5f5d66;font-size:.9rem}li{margin:.4rem 0}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
<p class="muted">PunchPlay emulator: a local stand-in for punchplay.tv.</p>
</body>
</html>
`
}

/** What a post without this browser's form token gets (see csrf.ts). */
export const FORM_REFUSED = page(
  'Please try again',
  `<p>This form did not come from a page opened in this browser, or it was opened too long ago,
so nothing was changed.</p>
<p>Open the page again and repeat your choice: <a href="/link">connect a TV</a> ·
<a href="/settings/connected-apps">connected apps</a>.</p>`,
)

/** Form fields arrive as strings (urlencoded) or, from scripts, as JSON. */
export function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const value: unknown = (body as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}
