import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { outputDir, packageVersion, wgtName } from './app-identity.ts'
import { buildIpk } from './ipk.ts'
import { buildWgt } from './wgt.ts'

/**
 * `npm run package` (after `npm run build`): dist/ into a Tizen .wgt and a
 * webOS .ipk under dist-packages/, both versioned from package.json.
 */
const version = packageVersion()
const { description } = JSON.parse(readFileSync('package.json', 'utf8')) as { description: string }
rmSync(outputDir, { recursive: true, force: true })
mkdirSync(outputDir, { recursive: true })

const wgt = join(outputDir, wgtName(version))
const { signed } = await buildWgt({
  distDir: 'dist',
  outFile: wgt,
  version,
  description,
  env: process.env,
})
const ipk = buildIpk({ distDir: 'dist', outDir: outputDir, version })

const kb = (path: string) => `${(statSync(path).size / 1024).toFixed(1)} KB`
console.log(`Tizen  ${wgt}  ${kb(wgt)}  ${signed ? 'signed' : 'unsigned'}`)
console.log(`webOS  ${ipk}  ${kb(ipk)}`)
