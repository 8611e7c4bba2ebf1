// `npm run present`: serves the built site (dist/) on the local network from this one process and
// prints the presenter's URL (it holds the secret that drives), the followers' URL and a QR code
// of it. Phones that open the follow URL follow the presenter's slide and fragment live.
import { existsSync, readdirSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import QRCode from 'qrcode'
import { RE_SESSION } from '../compiler/sessions.ts'
import { startPresentServer, type PresentServer } from '../present/server.ts'
import { FOLLOW_PARAM, PRESENTER_PARAM } from '../shared/follow.ts'
import { ROOT } from '../site/paths.ts'
import { runAsMain } from './each-deck.ts'

const USAGE = `usage: npm run present [-- --port N] [--deck <session>] [--dist <dir>]
  serves the built site (run \`npm run build\` first) on the local network and prints
  presenter: <url>   open it on the presenting machine: it drives (keep it to yourself)
  follow: <url>      phones open it (or scan the QR code) and follow the presenter
  --port N     the port (default 8080; 0 picks a free one)
  --deck <s>   the session to present (default the newest one in dist/)
  --dist <dir> the built site (default dist/)`

const DEFAULT_PORT = 8080

/** A failure explained in one line. */
class PresentError extends Error {}

/**
 * The machine's addresses on the local network (IPv4, not loopback), home and hotspot networks
 * first (192.168/16, then 10/8, then 172.16/12, then the rest).
 */
export function lanAddresses(
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): string[] {
  const rank = (a: string): number =>
    a.startsWith('192.168.')
      ? 0
      : a.startsWith('10.')
        ? 1
        : /^172\.(1[6-9]|2\d|3[01])\./.test(a)
          ? 2
          : 3
  return Object.values(interfaces)
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address)
    .sort((a, b) => rank(a) - rank(b))
}

/** The session to present: the one named, else the newest built one. */
export function sessionToPresent(dist: string, deck?: string): string {
  if (!existsSync(dist))
    throw new PresentError(`${dist}/ not found: build the site first with \`npm run build\``)
  if (deck) {
    if (!RE_SESSION.test(deck) || !existsSync(resolve(dist, deck, 'index.html')))
      throw new PresentError(
        `no built session "${deck}" in ${dist}/: build it with \`npm run build\``,
      )
    return deck
  }
  const built = readdirSync(dist)
    .filter((d) => RE_SESSION.test(d) && existsSync(resolve(dist, d, 'index.html')))
    .sort()
  if (!built.length)
    throw new PresentError(
      `no built session in ${dist}/: build the site first with \`npm run build\``,
    )
  return built[built.length - 1]!
}

/** The lines `npm run present` prints: the presenter's URL, the follow URLs. */
export function presentLines(
  server: Pick<PresentServer, 'port' | 'secret'>,
  session: string,
  lan: string[],
): { presenter: string; follow: string; lines: string[] } {
  const url = (host: string, query: string): string =>
    `http://${host}:${server.port}/${session}/?${query}`
  const presenter = url('localhost', `${PRESENTER_PARAM}=${server.secret}`)
  const local = url('localhost', FOLLOW_PARAM)
  const follow = lan.length ? url(lan[0]!, FOLLOW_PARAM) : local
  const lines = [`presenter: ${presenter}`, `follow: ${follow}`]
  if (lan.length) lines.push(`follow: ${local}   (on this machine)`)
  else
    lines.push(
      'no local network found: only this machine can follow (join a Wi-Fi network or start a hotspot)',
    )
  for (const other of lan.slice(1)) lines.push(`also reachable at http://${other}:${server.port}/`)
  return { presenter, follow, lines }
}

export async function main(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        deck: { type: 'string' },
        dist: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`error: --port takes a port number (0-65535), not "${values.port}"`)
    return 2
  }
  const dist = resolve(values.dist ?? resolve(ROOT, 'dist'))
  let session: string
  try {
    session = sessionToPresent(dist, values.deck)
  } catch (err) {
    if (!(err instanceof PresentError)) throw err
    console.error(`error: ${err.message}`)
    return 1
  }
  let server: PresentServer
  try {
    server = await startPresentServer({ root: dist, port })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      console.error(`error: port ${port} is in use: pick another with --port N`)
      return 1
    }
    if (code === 'EACCES') {
      console.error(`error: port ${port} needs more rights: pick one above 1023 with --port N`)
      return 1
    }
    throw err
  }
  const { follow, lines } = presentLines(server, session, lanAddresses())
  server.setFollowUrl(follow)
  console.log(lines.join('\n'))
  console.log(await QRCode.toString(follow, { type: 'terminal', small: true }))
  console.log('Ctrl+C stops the server.')
  await new Promise<void>((done) => {
    const stop = (): void => void server.close().then(done)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}

runAsMain(import.meta.url, main, USAGE, () => false)
