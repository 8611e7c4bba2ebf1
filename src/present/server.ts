// The follow-along server of `npm run present`: one Node process serves the built site (dist/) on
// the local network and relays the presenter's position to the followers' pages as server-sent
// events. Only a request carrying the presenter's secret can set the position (compared in constant
// time); everything else is bounded: the number of followers, the rate and size of position
// messages, and the files served (only regular files under the site's folder, after every symlink
// is followed).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, realpathSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve } from 'node:path'
import QRCode from 'qrcode'
import {
  FOLLOW_EVENTS,
  FOLLOW_LINK,
  FOLLOW_POSITION,
  FOLLOW_QR,
  MAX_POSITION_BYTES,
  readPosition,
  samePosition,
  type FollowPosition,
} from '../shared/follow.ts'
import {
  contentSecurityPolicy,
  decodeRequestPath,
  inlineScripts,
  isDenied,
  isInside,
} from '../untrusted/index.ts'
import { CONTENT_TYPES } from './content-types.ts'

/** How a present server is started. */
export interface PresentOptions {
  /** The built site's folder (dist/). */
  root: string
  /** 0: any free port. */
  port?: number
  /** The address to listen on (every interface by default: phones on the network reach it). */
  host?: string
  /** The presenter's secret (a fresh random one by default). */
  secret?: string
  /** At most this many followers at once; one more gets 503. */
  maxFollowers?: number
  /** Position messages: a burst of this many, then `ratePerSecond` (per client address). */
  burst?: number
  ratePerSecond?: number
}

/** A running present server. */
export interface PresentServer {
  server: Server
  port: number
  secret: string
  /** The followers listening now. */
  followers(): number
  /** The presenter's last position, if any. */
  position(): FollowPosition | undefined
  /** The URL followers open: the title slide of the presenter's window shows it as a QR code. */
  setFollowUrl(url: string): void
  close(): Promise<void>
}

export const DEFAULT_MAX_FOLLOWERS = 200

/** Headers of every answer: no sniffing, no referrer (a presenter's URL holds its secret). */
const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
} as const

/**
 * A file that is not a page never runs as one (a browser opening an SVG by its URL); a PDF keeps
 * the browser's viewer (a sandboxed PDF is not shown).
 */
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

/** Whether `given` is the secret, in time that does not depend on where they differ. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()
  // Both sides hashed: equal lengths for timingSafeEqual, whatever was sent.
  const ok = timingSafeEqual(digest(given ?? ''), digest(secret))
  return ok && given !== undefined && secret.length > 0
}

/** A token bucket per client address (a bounded table: the oldest entry goes first). */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxClients = 1000,
  ) {}

  /** Whether `client` may send one more message now (and counts it). */
  take(client: string): boolean {
    const t = this.now()
    let bucket = this.buckets.get(client)
    if (!bucket) {
      if (this.buckets.size >= this.maxClients)
        this.buckets.delete(this.buckets.keys().next().value!)
      bucket = { tokens: this.burst, at: t }
      this.buckets.set(client, bucket)
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.perSecond)
    bucket.at = t
    if (bucket.tokens < 1) return false
    bucket.tokens -= 1
    return true
  }
}

/** The presenter's secret: 128 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(16).toString('base64url')

/**
 * The file a request path names under `realRoot` (a real path), or undefined when it must not be
 * served: a `..` segment, NUL, a name the deny list has, anything outside the folder once symlinks
 * are followed, or nothing there. A folder gives its index.html.
 */
export function fileToServe(pathname: string, realRoot: string): string | undefined {
  const decoded = decodeRequestPath(pathname)
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return undefined
  let file = resolve(realRoot, `.${decoded}`)
  if (!isInside(file, realRoot) || isDenied(file)) return undefined
  try {
    if (statSync(file).isDirectory()) file = resolve(file, 'index.html')
    const real = realpathSync(file)
    if (!isInside(real, realRoot) || isDenied(real) || !statSync(real).isFile()) return undefined
    return real
  } catch {
    return undefined
  }
}

/** Reads a request body of at most `max` bytes; undefined when it is larger. */
function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((done, fail) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > max) {
      req.resume()
      return done(undefined)
    }
    const chunks: Buffer[] = []
    let size = 0
    // A body that trickles in is dropped after a few seconds.
    req.setTimeout(5000, () => req.destroy())
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        req.removeAllListeners('data')
        req.resume()
        done(undefined)
      } else chunks.push(chunk)
    })
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/

/** Starts the server; resolves once it listens. */
export async function startPresentServer(options: PresentOptions): Promise<PresentServer> {
  const realRoot = realpathSync(resolve(options.root))
  const secret = options.secret ?? newSecret()
  const maxFollowers = options.maxFollowers ?? DEFAULT_MAX_FOLLOWERS
  const limit = new RateLimit(options.burst ?? 40, options.ratePerSecond ?? 20)
  const followers = new Set<ServerResponse>()
  let last: FollowPosition | undefined
  let follow: { url: string; qr: Promise<string> } | undefined
  /** Page CSPs by file (a page's inline scripts, if any, by hash). */
  const pageCsp = new Map<string, string>()

  const send = (res: ServerResponse, status: number, text = '', headers = {}): void => {
    res.writeHead(status, { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    res.end(text)
  }

  const events = (req: IncomingMessage, res: ServerResponse): void => {
    if (followers.size >= maxFollowers)
      return send(res, 503, 'too many followers\n', { 'Retry-After': '10' })
    res.writeHead(200, {
      ...COMMON,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    })
    // Reconnect a second after the server went away; then the last position, if there is one.
    res.write(`retry: 1000\n\n`)
    if (last) res.write(`data: ${JSON.stringify(last)}\n\n`)
    followers.add(res)
    req.socket.setNoDelay(true)
    const drop = (): void => void followers.delete(res)
    res.on('close', drop)
    res.on('error', drop)
  }

  const broadcast = (position: FollowPosition): void => {
    const message = `data: ${JSON.stringify(position)}\n\n`
    for (const res of followers) res.write(message)
  }

  const post = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const client = req.socket.remoteAddress ?? ''
    if (!limit.take(client)) {
      req.resume()
      return send(res, 429, 'too many messages\n', { 'Retry-After': '1' })
    }
    const key = BEARER.exec(String(req.headers.authorization ?? ''))?.[1]
    if (!secretMatches(key, secret)) {
      req.resume()
      return send(res, 403, 'only the presenter moves the deck\n')
    }
    const body = await readBody(req, MAX_POSITION_BYTES)
    if (body === undefined) return send(res, 413, 'too large\n')
    let position: FollowPosition | undefined
    try {
      position = readPosition(JSON.parse(body))
    } catch {
      position = undefined
    }
    if (!position) return send(res, 400, 'not a position\n')
    if (!samePosition(position, last)) {
      last = position
      broadcast(position)
    }
    res.writeHead(204, COMMON)
    res.end()
  }

  const file = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const path = fileToServe(pathname, realRoot)
    if (!path) return send(res, 404, 'not found\n')
    const ext = extname(path).toLowerCase()
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream'
    const head = req.method === 'HEAD'
    if (ext === '.html') {
      // A page gets the policy the build wrote into it, as a header too.
      const html = await readFile(path, 'utf8')
      let csp = pageCsp.get(path)
      if (!csp) pageCsp.set(path, (csp = contentSecurityPolicy(inlineScripts(html))))
      const body = Buffer.from(html)
      res.writeHead(200, {
        ...COMMON,
        'Content-Type': type,
        'Content-Length': body.length,
        'Content-Security-Policy': csp,
        'X-Frame-Options': 'SAMEORIGIN',
      })
      res.end(head ? undefined : body)
      return
    }
    res.writeHead(200, {
      ...COMMON,
      'Content-Type': type,
      'Content-Length': statSync(path).size,
      ...(ext === '.pdf' ? {} : { 'Content-Security-Policy': FILE_CSP }),
    })
    if (head) return void res.end()
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  const server = createServer((req, res) => {
    let pathname: string
    try {
      pathname = new URL(req.url ?? '/', 'http://present').pathname
    } catch {
      return send(res, 400, 'bad request\n')
    }
    const run = async (): Promise<void> => {
      if (pathname === FOLLOW_POSITION) {
        if (req.method !== 'POST') return send(res, 405, 'POST only\n', { Allow: 'POST' })
        return post(req, res)
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'GET only\n', { Allow: 'GET, HEAD' })
      if (pathname === FOLLOW_EVENTS)
        return req.method === 'HEAD'
          ? send(res, 200, '', { 'Content-Type': 'text/event-stream' })
          : events(req, res)
      if (pathname === FOLLOW_LINK || pathname === FOLLOW_QR) {
        if (!follow) return send(res, 404, 'no follow URL\n')
        const qr = pathname === FOLLOW_QR
        const body = Buffer.from(qr ? await follow.qr : JSON.stringify({ url: follow.url }))
        res.writeHead(200, {
          ...COMMON,
          'Content-Type': qr ? 'image/svg+xml' : 'application/json',
          'Content-Length': body.length,
          'Content-Security-Policy': FILE_CSP,
        })
        return void res.end(req.method === 'HEAD' ? undefined : body)
      }
      return file(req, res, pathname)
    }
    run().catch(() => {
      if (!res.headersSent) send(res, 500, 'server error\n')
      else res.destroy()
    })
  })
  // Followers' streams stay open: no request timeout for them, and a stream is no idle socket.
  server.requestTimeout = 0
  server.headersTimeout = 10_000
  server.maxHeadersCount = 50
  // A comment every 20 s keeps a stream open through proxies and phones' power saving.
  const ping = setInterval(() => {
    for (const res of followers) res.write(': ping\n\n')
  }, 20_000)
  ping.unref()

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', fail)
      done()
    })
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    secret,
    followers: () => followers.size,
    position: () => last,
    setFollowUrl: (url) => {
      follow = {
        url,
        qr: QRCode.toString(url, {
          type: 'svg',
          margin: 2,
          errorCorrectionLevel: 'M',
          color: { dark: '#000000ff', light: '#ffffffff' },
        }),
      }
    },
    close: () =>
      new Promise<void>((done) => {
        clearInterval(ping)
        for (const res of followers) res.destroy()
        followers.clear()
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
