import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { resolveBuildSettings } from './scripts/build-settings.ts'
import { BUILD_TARGET } from './scripts/engine-floor.ts'
import { fontFaces } from './src/ui/theme.ts'

const require = createRequire(import.meta.url)

/**
 * TV runtimes open index.html from file://, where module scripts are blocked:
 * the page must load one classic script (toolchain-notes, "TV engines").
 */
function classicScript(): Plugin {
  return {
    name: 'punchplay-classic-script',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml(html) {
      return html
        .replace(/<script type="module" crossorigin/g, '<script defer')
        .replace(/<script type="module"/g, '<script defer')
    },
  }
}

/**
 * The fonts are fetched while the script still downloads and parses, not when
 * main.ts runs. `crossorigin` because font loads are CORS requests: without
 * it the browser would not reuse the preloaded response.
 */
function preloadFonts(): Plugin {
  return {
    name: 'punchplay-preload-fonts',
    transformIndexHtml: () =>
      fontFaces.map((face) => ({
        tag: 'link',
        attrs: { rel: 'preload', href: face.url, as: 'font', type: 'font/woff2', crossorigin: '' },
        injectTo: 'head' as const,
      })),
  }
}

/**
 * The inspector mirrors the canvas into DOM nodes for end-to-end tests. It is
 * copied beside the bundle as its own classic script and loaded only when the
 * URL asks for it, so the TV path never downloads or parses it.
 */
function inspectorBesideBundle(): Plugin {
  return {
    name: 'punchplay-inspector-file',
    apply: 'build',
    writeBundle(options) {
      const outDir = options.dir ?? resolve('dist')
      const core = dirname(require.resolve('@lightningjs/core/package.json'))
      const source = resolve(core, 'devtools/lightning-inspect.es5.js')
      mkdirSync(outDir, { recursive: true })
      copyFileSync(source, resolve(outDir, 'lightning-inspect.js'))
    },
  }
}

export default defineConfig(() => {
  const settings = resolveBuildSettings(process.env)
  return {
    base: './',
    publicDir: 'static',
    define: {
      __PUNCHPLAY_BUILD__: JSON.stringify(settings),
    },
    plugins: [classicScript(), preloadFonts(), inspectorBesideBundle()],
    server: { host: '0.0.0.0', port: 8080, strictPort: false },
    build: {
      target: BUILD_TARGET,
      outDir: 'dist',
      emptyOutDir: true,
      modulePreload: false,
      cssCodeSplit: false,
      assetsInlineLimit: 0,
      sourcemap: false,
      reportCompressedSize: false,
      rolldownOptions: {
        output: {
          format: 'iife' as const,
          codeSplitting: false,
          entryFileNames: 'punchplay.js',
          assetFileNames: 'assets/[name][extname]',
        },
      },
    },
    test: {
      include: [
        'test/unit/**/*.test.ts',
        'test/emulator/**/*.test.ts',
        'test/chaos/**/*.test.ts',
        'test/package/**/*.test.ts',
      ],
      environment: 'node',
      setupFiles: ['test/setup/console-guard.ts'],
      testTimeout: 20_000,
      hookTimeout: 30_000,
      coverage: {
        provider: 'v8' as const,
        include: ['src/core/**/*.ts'],
        reporter: ['text-summary', 'text'],
        thresholds: { lines: 90 },
      },
    },
  }
})
