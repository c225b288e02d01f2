import { defineConfig, type Plugin } from 'vite'
import { BUILD_TARGET } from '../../scripts/engine-floor.ts'

/**
 * Builds the floor exactly as the root vite.config.ts builds the app (the same
 * engine floor, one classic IIFE script, relative paths), so the two differ only in
 * what the app adds on top of the SDK.
 */
function classicScript(): Plugin {
  return {
    name: 'floor-classic-script',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: (html) =>
      html.replace(/<script type="module"( crossorigin)?/g, '<script defer'),
  }
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  plugins: [classicScript()],
  build: {
    target: BUILD_TARGET,
    emptyOutDir: true,
    modulePreload: false,
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: { format: 'iife' as const, codeSplitting: false, entryFileNames: 'floor.js' },
    },
  },
})
