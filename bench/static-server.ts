import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StaticServer {
  origin: string
  close(): Promise<void>
}

/**
 * Serves each build under its own prefix (/app/, /floor/) from one loopback
 * origin, uncompressed and uncached as a TV reads its package from disk, so
 * app and floor load under identical conditions.
 */
export async function serveBuilds(roots: Record<string, string>, port = 0): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const [, prefix = '', ...rest] = path.split('/')
    const root = roots[prefix]
    const relative = normalize(rest.join('/') || 'index.html')
    if (!root || relative.startsWith('..')) {
      response.writeHead(404).end()
      return
    }
    readFile(join(root, relative)).then(
      (body) =>
        response
          .writeHead(200, {
            'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
          })
          .end(body),
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
