// `npm run present`: which session it serves, the URLs it prints (the presenter's with its secret,
// the followers' on the local network), a QR code of the follow URL, and one-line errors.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { NetworkInterfaceInfo } from 'node:os'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lanAddresses, presentLines, sessionToPresent } from '../../../src/cli/present.ts'
import { ROOT } from '../../../src/site/paths.ts'
import { rawGet } from '../../helpers/follow.ts'

const top = mkdtempSync(join(tmpdir(), 'present-cli-'))
const dist = join(top, 'dist')
for (const s of ['2024-01-02-old-talk', '2025-03-04-new-talk']) {
  mkdirSync(join(dist, s), { recursive: true })
  writeFileSync(join(dist, s, 'index.html'), `<!doctype html><title>${s}</title>`)
}
mkdirSync(join(dist, 'not-a-session'))
afterAll(() => rmSync(top, { recursive: true, force: true }))

const nic = (address: string, internal = false): NetworkInterfaceInfo =>
  ({ address, family: 'IPv4', internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo

describe('present: pure parts', () => {
  it('lists the LAN addresses, home and hotspot networks first, without loopback or IPv6', () => {
    expect(
      lanAddresses({
        lo: [nic('127.0.0.1', true)],
        docker0: [nic('172.17.0.1')],
        eth0: [nic('10.0.0.5'), { ...nic('fe80::1'), family: 'IPv6' } as NetworkInterfaceInfo],
        wlan0: [nic('192.168.43.20')],
      }),
    ).toEqual(['192.168.43.20', '10.0.0.5', '172.17.0.1'])
  })

  it('presents the newest built session, or the one named', () => {
    expect(sessionToPresent(dist)).toBe('2025-03-04-new-talk')
    expect(sessionToPresent(dist, '2024-01-02-old-talk')).toBe('2024-01-02-old-talk')
    expect(() => sessionToPresent(dist, '../etc')).toThrow(/no built session/)
    expect(() => sessionToPresent(join(top, 'missing'))).toThrow(/npm run build/)
  })

  it('prints the presenter URL with its secret and the follow URL on the network', () => {
    const out = presentLines({ port: 8080, secret: 's3cret' }, 'talk', ['192.168.1.5'])
    expect(out.lines[0]).toBe('presenter: http://localhost:8080/talk/?presenter=s3cret')
    expect(out.lines[1]).toBe('follow: http://192.168.1.5:8080/talk/?follow')
    expect(out.follow).toBe('http://192.168.1.5:8080/talk/?follow')
    const alone = presentLines({ port: 1, secret: 's' }, 'talk', [])
    expect(alone.follow).toBe('http://localhost:1/talk/?follow')
    expect(alone.lines.join('\n')).toMatch(/no local network/)
  })
})

/** Runs `npm run present` (what it runs) until it printed `until`, then stops it. */
function runPresent(
  args: string[],
  until: RegExp,
): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(ROOT, 'src/cli/present.ts'), ...args],
      { cwd: ROOT },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c
      if (until.test(out)) child.kill('SIGINT')
    })
    child.stderr.on('data', (c: Buffer) => (err += c))
    child.on('close', (code) => done({ out, err, code }))
  })
}

describe('npm run present', () => {
  it('prints both URLs and a QR code, serves the site, and stops on Ctrl+C', async () => {
    let served = 0
    const run = await new Promise<{ out: string; code: number | null }>((done) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', resolve(ROOT, 'src/cli/present.ts'), '--port', '0', '--dist', dist],
        { cwd: ROOT },
      )
      let out = ''
      child.stdout.on('data', (c: Buffer) => {
        out += c
        const m = /presenter: http:\/\/localhost:(\d+)\//.exec(out)
        if (m && /Ctrl\+C/.test(out) && !served) {
          served = Number(m[1])
          void rawGet(served, '/2025-03-04-new-talk/').then((r) => {
            served = r.status
            child.kill('SIGINT')
          })
        }
      })
      child.on('close', (code) => done({ out, code }))
    })
    expect(run.out).toMatch(
      /^presenter: http:\/\/localhost:\d+\/2025-03-04-new-talk\/\?presenter=[A-Za-z0-9_-]{22}$/m,
    )
    expect(run.out).toMatch(/^follow: http:\/\/[\d.a-z]+:\d+\/2025-03-04-new-talk\/\?follow/m)
    // The QR code: rows of block characters.
    // eslint-disable-next-line no-control-regex -- the terminal colour codes around each row
    const rows = run.out.split('\n').map((l) => l.replace(/\x1b\[\d+m/g, ''))
    expect(rows.filter((l) => /^[ █▀▄]{20,}$/.test(l)).length).toBeGreaterThan(10)
    expect(served).toBe(200)
    expect(run.code).toBe(0)
  }, 30_000)

  it('says how to build when there is no built site, and rejects a bad port', async () => {
    const missing = await runPresent(['--dist', join(top, 'nothing')], /$^/)
    expect(missing.err.trim()).toMatch(
      /^error: .*not found: build the site first with `npm run build`$/,
    )
    expect(missing.code).toBe(1)
    const port = await runPresent(['--port', 'x', '--dist', dist], /$^/)
    expect(port.err).toMatch(/--port takes a port number/)
    expect(port.code).toBe(2)
  }, 30_000)
})
