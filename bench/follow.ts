// Follow-along latency: `npm run present` (the real CLI, its own process) serving the built site on
// 127.0.0.1, FOLLOWERS server-sent-event streams (200 by default, the server's cap) opened from
// this process, and STEPS positions posted with the presenter's secret, one every INTERVAL ms.
// For every step and follower: the time from the POST being sent to that follower's stream
// receiving the step. Prints p50/p95/p99/max over all of them (and per-step worst), as JSON too.
//
//   node --import tsx bench/follow.ts            (after `npm run build`)
//   FOLLOWERS=200 STEPS=100 INTERVAL=100 node --import tsx bench/follow.ts
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { ROOT } from '../src/site/paths.ts'
import { openStream, postPosition, type Stream } from '../tests/helpers/follow.ts'

const FOLLOWERS = Number(process.env.FOLLOWERS ?? 200)
const STEPS = Number(process.env.STEPS ?? 100)
const INTERVAL = Number(process.env.INTERVAL ?? 100)

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const round = (ms: number): number => Math.round(ms * 100) / 100

const child = spawn(
  process.execPath,
  ['--import', 'tsx', resolve(ROOT, 'src/cli/present.ts'), '--port', '0'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
)
const { port, secret, deck } = await new Promise<{ port: number; secret: string; deck: string }>(
  (done, fail) => {
    let out = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c
      const m = /presenter: http:\/\/localhost:(\d+)\/([^/]+)\/\?presenter=([\w-]+)/.exec(out)
      if (m) done({ port: Number(m[1]), deck: m[2]!, secret: m[3]! })
    })
    child.on('exit', (code) => fail(new Error(`npm run present exited (${code}): build first?`)))
  },
)

try {
  const streams: Stream[] = await Promise.all(
    Array.from({ length: FOLLOWERS }, () => openStream(port)),
  )
  const refused = streams.filter((s) => s.status !== 200).length
  if (refused) throw new Error(`${refused} of ${FOLLOWERS} followers were refused`)
  const all: number[] = []
  const worst: number[] = []
  for (let step = 0; step < STEPS; step++) {
    const received = Promise.all(streams.map((s) => s.next()))
    const sent = performance.now()
    const status = await postPosition(port, { deck, id: '', h: step + 1, v: 0, f: -1 }, secret)
    if (status !== 204) throw new Error(`step ${step}: the server answered ${status}`)
    await received
    const times = streams.map((s) => s.messages[s.messages.length - 1]!.at - sent)
    all.push(...times)
    worst.push(Math.max(...times))
    await new Promise((r) => setTimeout(r, INTERVAL))
  }
  for (const s of streams) s.close()
  all.sort((a, b) => a - b)
  worst.sort((a, b) => a - b)
  const result = {
    followers: FOLLOWERS,
    steps: STEPS,
    samples: all.length,
    p50: round(percentile(all, 50)),
    p95: round(percentile(all, 95)),
    p99: round(percentile(all, 99)),
    max: round(all[all.length - 1]!),
    lastFollowerP50: round(percentile(worst, 50)),
    lastFollowerP95: round(percentile(worst, 95)),
  }
  console.log(
    `${FOLLOWERS} followers, ${STEPS} steps on 127.0.0.1: step-to-follower latency ` +
      `p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, max ${result.max} ms; ` +
      `last follower of a step p50 ${result.lastFollowerP50} ms, p95 ${result.lastFollowerP95} ms`,
  )
  console.log(JSON.stringify(result))
} finally {
  child.kill('SIGINT')
}
