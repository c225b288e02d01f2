import { chromium } from '@playwright/test'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { artwork, identity } from './app-identity.ts'

/**
 * Draws the store icons and the webOS splash in static/ from one design: the
 * PunchPlay mark (a play triangle in the accent colour) and the wordmark in the
 * app's own font. Run by hand after a design change; its output is committed:
 *   npx tsx scripts/package/draw-art.ts
 */
interface Art {
  readonly file: string
  readonly width: number
  readonly height: number
  readonly mark: number
  readonly wordmark: number
}

const art: Art[] = [
  { file: artwork.tizen['icon.png'], width: 512, height: 423, mark: 190, wordmark: 58 },
  { file: artwork.webos['icon.png'], width: 80, height: 80, mark: 52, wordmark: 0 },
  { file: artwork.webos['largeIcon.png'], width: 130, height: 130, mark: 84, wordmark: 0 },
  { file: artwork.webos['splash.png'], width: 1920, height: 1080, mark: 260, wordmark: 96 },
]

const { background, accent, text } = identity.colors
const font = readFileSync('static/fonts/atkinson-hyperlegible-next-latin-700-normal.woff2')

// A play triangle with softened corners, nudged right so it looks centred.
const markSvg = (size: number) => `
  <svg width="${size}" height="${size}" viewBox="0 0 100 100">
    <path d="M30 14 Q24 10.5 24 17.5 V82.5 Q24 89.5 30 86 L86 54 Q92 50 86 46 Z"
      fill="${accent}" stroke="${accent}" stroke-width="6" stroke-linejoin="round"/>
  </svg>`

// A flat background, not the app's gradient: Chromium dithers gradients, which no PNG compresses.
const page = ({ width, height, mark, wordmark }: Art) => `<!doctype html>
<style>
  @font-face { font-family: Brand; font-weight: 700; src: url(data:font/woff2;base64,${font.toString('base64')}) }
  html, body { margin: 0; width: ${width}px; height: ${height}px; overflow: hidden }
  body { display: flex; flex-direction: column; align-items: center; justify-content: center;
    gap: ${Math.round(wordmark * 0.45)}px; background: ${background} }
  svg { display: block }
  p { margin: 0; font: 700 ${wordmark}px Brand; color: ${text}; letter-spacing: -0.01em }
  b { color: ${accent} }
</style>
${markSvg(mark)}
${wordmark ? '<p>Punch<b>Play</b> TV</p>' : ''}`

// Same browser choice as the end-to-end tests, without Playwright's download.
const executablePath =
  process.env.PUNCHPLAY_CHROMIUM ||
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] })
try {
  for (const item of art) {
    const tab = await browser.newPage({ viewport: { width: item.width, height: item.height } })
    await tab.setContent(page(item))
    await tab.evaluate(() => document.fonts.ready)
    writeFileSync(item.file, await tab.screenshot())
    console.log(`${item.file}  ${item.width}x${item.height}`)
    await tab.close()
  }
} finally {
  await browser.close()
}
