import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ZipFile } from 'yazl'
import { listFiles } from './stage.ts'

// A fixed time and order make two builds of the same dist/ byte-identical.
const fixedTime = new Date('2020-01-01T00:00:00Z')

/** Zips a folder's files (no directory entries, as Tizen's own packager does). */
export async function zipFolder(folder: string, outFile: string): Promise<void> {
  const zip = new ZipFile()
  for (const path of listFiles(folder)) {
    zip.addFile(join(folder, path), path, { mtime: fixedTime, mode: 0o100644 })
  }
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(outFile))
}
