// The present server: only the presenter's secret moves the followers, at most 200 followers,
// position messages rate-limited and small, and only the built site's own files served.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  fileToServe,
  RateLimit,
  secretMatches,
  startPresentServer,
  type PresentServer,
} from '../../../src/present/server.ts'
import { MAX_POSITION_BYTES, type FollowPosition } from '../../../src/shared/follow.ts'
import { openStream, postPosition, rawGet, rawHead, type Stream } from '../../helpers/follow.ts'

const at = (h: number, f = -1): FollowPosition => ({ deck: 'talk', id: `s${h}`, h, v: 0, f })

let top: string
let site: string
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'present-test-'))
  site = join(top, 'dist')
  mkdirSync(join(site, 'talk', 'assets'), { recursive: true })
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>')
  writeFileSync(join(site, 'talk', 'index.html'), '<!doctype html><title>talk</title>')
  writeFileSync(join(site, 'talk', 'assets', 'a.js'), 'export {}')
  writeFileSync(join(site, '.env'), 'SECRET=1')
  writeFileSync(join(top, 'outside.txt'), 'outside the site')
  symlinkSync(join(top, 'outside.txt'), join(site, 'link-out.txt'))
  symlinkSync(join(site, 'talk', 'assets', 'a.js'), join(site, 'link-in.js'))
  symlinkSync(top, join(site, 'dir-out'))
})
afterAll(() => rmSync(top, { recursive: true, force: true }))

let running: PresentServer | undefined
const streams: Stream[] = []
afterEach(async () => {
  for (const s of streams.splice(0)) s.close()
  await running?.close()
  running = undefined
})
async function start(options: Partial<Parameters<typeof startPresentServer>[0]> = {}) {
  running = await startPresentServer({ root: site, host: '127.0.0.1', ...options })
  return running
}
async function follower(port: number): Promise<Stream> {
  const s = await openStream(port)
  streams.push(s)
  return s
}

describe('secretMatches', () => {
  it('accepts the secret only, whole', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ'
    expect(secretMatches(secret, secret)).toBe(true)
    for (const wrong of [undefined, '', secret.slice(0, -1), `${secret}x`, secret.toUpperCase()])
      expect(secretMatches(wrong, secret)).toBe(false)
    expect(secretMatches('', '')).toBe(false)
  })
})

describe('RateLimit', () => {
  it('lets a burst through, then the rate, per client', () => {
    let now = 0
    const limit = new RateLimit(3, 2, () => now)
    expect([1, 2, 3, 4].map(() => limit.take('a'))).toEqual([true, true, true, false])
    expect(limit.take('b')).toBe(true)
    now = 499
    expect(limit.take('a')).toBe(false)
    now = 500
    expect(limit.take('a')).toBe(true)
    expect(limit.take('a')).toBe(false)
  })
})

describe('fileToServe', () => {
  it('serves files and folders (index.html) inside the site', () => {
    expect(fileToServe('/talk/', site)).toBe(join(site, 'talk', 'index.html'))
    expect(fileToServe('/talk/assets/a.js', site)).toBe(join(site, 'talk', 'assets', 'a.js'))
    expect(fileToServe('/link-in.js', site)).toBe(join(site, 'talk', 'assets', 'a.js'))
  })

  it('refuses traversal, NUL, denied names and symlinks out of the site', () => {
    for (const path of [
      '/../outside.txt',
      '/talk/../../outside.txt',
      '/%2e%2e/outside.txt',
      '/talk/%2E%2E/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/..%5coutside.txt',
      '/talk%00/index.html',
      '/.env',
      '/link-out.txt',
      '/dir-out/outside.txt',
      '/missing.html',
    ])
      expect(fileToServe(path, site), path).toBeUndefined()
  })
})

describe('the present server', () => {
  it('serves the site with the pages’ security headers, and nothing outside it', async () => {
    const { port } = await start()
    const page = await rawGet(port, '/talk/')
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toMatch(/connect-src 'self'/)
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    const js = await rawGet(port, '/talk/assets/a.js')
    expect(js.headers['content-type']).toMatch(/^text\/javascript/)
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/link-out.txt', '/.env'])
      expect((await rawGet(port, path)).status, path).toBe(404)
  })

  it('sends the presenter’s positions to every follower, and only the presenter’s', async () => {
    const server = await start({ secret: 'the-secret' })
    const a = await follower(server.port)
    const b = await follower(server.port)
    expect(a.status).toBe(200)
    const received = Promise.all([a.next(), b.next()])
    expect(await postPosition(server.port, at(3, 1), 'the-secret')).toBe(204)
    expect((await received).map((d) => JSON.parse(d))).toEqual([at(3, 1), at(3, 1)])
    // A follower (no secret, a wrong one, a guess of the right length) moves nobody.
    for (const key of [undefined, '', 'the-secreT', 'not-the-secret'])
      expect(await postPosition(server.port, at(9), key), String(key)).toBe(403)
    expect(server.position()).toEqual(at(3, 1))
    expect(a.messages).toHaveLength(1)
    // A newcomer gets the position now.
    const c = await follower(server.port)
    expect(JSON.parse(await c.next())).toEqual(at(3, 1))
  })

  it('serves the follow URL and its QR code once the CLI has set it', async () => {
    const server = await start()
    expect((await rawGet(server.port, '/_follow/qr.svg')).status).toBe(404)
    server.setFollowUrl('http://192.168.1.5:8080/talk/?follow')
    const link = await rawGet(server.port, '/_follow/link')
    expect(JSON.parse(link.body)).toEqual({ url: 'http://192.168.1.5:8080/talk/?follow' })
    const qr = await rawGet(server.port, '/_follow/qr.svg')
    expect(qr.status).toBe(200)
    expect(qr.headers['content-type']).toBe('image/svg+xml')
    expect(qr.body).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/)
    expect(qr.body).not.toMatch(/<script/i)
  })

  it('refuses bodies that are large or not positions', async () => {
    const server = await start({ secret: 'k' })
    const big = JSON.stringify({ ...at(1), pad: 'x'.repeat(MAX_POSITION_BYTES) })
    expect(await postPosition(server.port, big, 'k')).toBe(413)
    for (const bad of ['{', '[]', '{"deck":"talk","id":"x","h":-1,"v":0,"f":0}', '"x"'])
      expect(await postPosition(server.port, bad, 'k'), bad).toBe(400)
    expect(
      await postPosition(server.port, { ...at(1), id: '<script>' } as FollowPosition, 'k'),
    ).toBe(400)
    expect(server.position()).toBeUndefined()
    expect((await rawGet(server.port, '/_follow/position')).status).toBe(405)
  })

  it('rate-limits position messages', async () => {
    const server = await start({ secret: 'k', burst: 5, ratePerSecond: 1 })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push(await postPosition(server.port, at(i), 'k'))
    expect(statuses.slice(0, 5)).toEqual([204, 204, 204, 204, 204])
    expect(statuses.slice(5)).toEqual([429, 429, 429])
  })

  it('takes 200 followers, all of whom receive a step, and refuses the 201st', async () => {
    const server = await start({ secret: 'k' })
    const all = await Promise.all(Array.from({ length: 200 }, () => follower(server.port)))
    expect(all.every((s) => s.status === 200)).toBe(true)
    expect(server.followers()).toBe(200)
    const extra = await follower(server.port)
    expect(extra.status).toBe(503)
    const received = Promise.all(all.map((s) => s.next()))
    expect(await postPosition(server.port, at(7, 2), 'k')).toBe(204)
    const messages = await received
    expect(messages.map((m) => JSON.parse(m))).toEqual(all.map(() => at(7, 2)))
    // A HEAD request is no follower.
    expect((await rawHead(server.port, '/_follow/events')).status).toBe(200)
    expect(server.followers()).toBe(200)
    // One leaves: a newcomer is let in.
    all[0]!.close()
    await expect.poll(() => server.followers()).toBe(199)
    expect((await follower(server.port)).status).toBe(200)
  })
})
