import { copyFileSync, cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/**
 * What a TV never loads: the test-only inspector, source maps, test files, and
 * the store artwork (static/icons, static/splash), which each package carries
 * at its root under the names its manifest gives; the app itself never shows it.
 */
const leftOut = [
  /^lightning-inspect\.js$/,
  /\.map$/,
  /^(icons|splash)\//,
  /(^|\/)(tests?|__tests__)(\/|$)/,
  /\.(test|spec)\.[cm]?[jt]s$/,
  /(^|\/)\./,
]

export const isLeftOut = (path: string) => leftOut.some((pattern) => pattern.test(path))

export interface StageOptions {
  readonly distDir: string
  readonly stageDir: string
  /** Files to add at the package root: name in package → path on disk. */
  readonly extraFiles: Readonly<Record<string, string>>
  /** Generated files to add at the package root: name in package → contents. */
  readonly generated: Readonly<Record<string, string>>
}

/** Copies the build into a folder laid out as one TV package; returns its files, sorted. */
export function stageApp({ distDir, stageDir, extraFiles, generated }: StageOptions): string[] {
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error(`${distDir}/index.html is missing: run npm run build first`)
  cpSync(distDir, stageDir, {
    recursive: true,
    filter: (source) => {
      const path = relative(distDir, source).split(sep).join('/')
      return path === '' || !isLeftOut(path)
    },
  })
  for (const [name, source] of Object.entries(extraFiles))
    copyFileSync(source, join(stageDir, name))
  for (const [name, text] of Object.entries(generated)) writeFileSync(join(stageDir, name), text)
  return listFiles(stageDir)
}

export function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? listFiles(root, path) : [relative(root, path)]
    })
    .map((path) => path.split(sep).join('/'))
    .sort()
}
