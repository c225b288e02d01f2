import { readFile } from 'node:fs/promises'
import { buffer } from 'node:stream/consumers'
import { Parser, type ReadEntry } from 'tar'
import { fromBufferPromise } from 'yauzl'

/** Every file of a zip (a .wgt), by its path inside. */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await fromBufferPromise(await readFile(path), { lazyEntries: true })
  const files = new Map<string, Buffer>()
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue
    files.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)))
  }
  return files
}

/**
 * The members of a Unix `ar` archive (an .ipk is one), in order. No npm package
 * reads ar well enough to be worth a dependency; the format is 60-byte headers.
 */
export function readAr(archive: Buffer): Array<{ name: string; data: Buffer }> {
  if (archive.subarray(0, 8).toString('latin1') !== '!<arch>\n')
    throw new Error('not an ar archive')
  const members: Array<{ name: string; data: Buffer }> = []
  let offset = 8
  while (offset + 60 <= archive.length) {
    const header = archive.subarray(offset, offset + 60).toString('latin1')
    if (header.slice(58, 60) !== '`\n') throw new Error(`bad ar header at ${offset}`)
    const size = Number(header.slice(48, 58).trim())
    const name = header.slice(0, 16).trim().replace(/\/$/, '')
    members.push({ name, data: archive.subarray(offset + 60, offset + 60 + size) })
    offset += 60 + size + (size % 2)
  }
  return members
}

/** Every file of a .tar.gz, by its path inside without a leading `./`. */
export async function readTarGz(archive: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  const reads: Array<Promise<void>> = []
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      if (entry.type !== 'File') return entry.resume()
      const path = entry.path.replace(/^\.\//, '')
      reads.push(buffer(entry).then((data) => void files.set(path, data)))
    },
  })
  await new Promise<void>((resolve, reject) => {
    parser.on('end', resolve)
    parser.on('error', reject)
    parser.end(archive)
  })
  await Promise.all(reads)
  return files
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** Files an .ipk installs for the app, by their path inside the app folder. */
export async function readIpkApp(path: string, appId: string): Promise<Map<string, Buffer>> {
  const data = readAr(await readFile(path)).find((member) => member.name === 'data.tar.gz')
  if (!data) throw new Error(`${path} has no data.tar.gz`)
  const prefix = `usr/palm/applications/${appId}/`
  const app = new Map<string, Buffer>()
  for (const [name, file] of await readTarGz(data.data)) {
    if (name.startsWith(prefix)) app.set(name.slice(prefix.length), file)
  }
  return app
}
