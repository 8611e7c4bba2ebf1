// Bench server: serves a built folder from 127.0.0.1 like a static host, each text file gzipped
// once and kept (Vite's preview server gzips on every request, which on a busy 2-core machine took
// up to a second for the 300-slide page and measured the server, not the page).
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CONTENT_TYPES } from '../src/present/content-types.ts'

/** Compressed by static hosts; fonts (woff, woff2) and images already are. */
const COMPRESS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.ttf', '.txt'])

export interface Server {
  url: string
  close: () => Promise<void>
}

/** Serves `dir` on 127.0.0.1 (a free port); resolves with its URL (trailing slash). */
export async function serveStatic(dir: string): Promise<Server> {
  const root = resolve(dir)
  const cache = new Map<string, { body: Buffer; gzip?: Buffer }>()
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = resolve(root, `.${path}`)
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end()
      return
    }
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = resolve(file, 'index.html')
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    const ext = extname(file)
    let entry = cache.get(file)
    if (!entry) {
      const body = readFileSync(file)
      entry = { body, gzip: COMPRESS.has(ext) && body.length >= 1024 ? gzipSync(body) : undefined }
      cache.set(file, entry)
    }
    const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    const body = gzip ? entry.gzip! : entry.body
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
