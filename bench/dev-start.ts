// Bench of `npm start`: from starting `vite` (a new process, as a contributor runs it) to the
// newest session's page HTML received, to its first paint, and to the deck ready (reveal.js
// started), in one clock (Node's and the page's epoch milliseconds on the same machine).
//
//   node --import tsx bench/dev-start.ts [runs] [--cold] [--after=<ms>] [--prof=<dir>] [--root=<dir>]
//
// `--cold` deletes Vite's dependency cache (node_modules/.vite) and the compiler's caches
// (node_modules/.cache/deck-*) before each run: a fresh clone's first start.
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { launchChromium } from '../src/cli/chromium.ts'
import { ROOT } from '../src/site/paths.ts'
import { newestDeck } from '../tests/helpers/sessions.ts'

/** `--root=<dir>`: another checkout of the project to start (to compare with this one). */
const PROJECT = resolve(process.argv.find((a) => a.startsWith('--root='))?.slice(7) ?? ROOT)

/** `--after=<ms>`: opens the page that long after the server says where it is (as a person). */
const AFTER = Number(process.argv.find((a) => a.startsWith('--after='))?.slice(8) ?? 0)

/** `--prof=<dir>`: writes the dev server's CPU profile (node --cpu-prof) into `<dir>`. */
const PROFILE = process.argv.find((a) => a.startsWith('--prof='))?.slice('--prof='.length)

const now = (): number => performance.timeOrigin + performance.now()

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command's name).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return NaN
  }
}

interface Sample {
  /** The dev server's CPU time until the page was ready (busy machines stretch wall time). */
  cpuMs: number
  listenMs: number
  htmlMs: number
  /** From the page's request to its HTML received. */
  requestMs: number
  paintMs: number
  /** Slide 1 painted in its styles and fonts: main.ts then asks for the rest of the runtime. */
  styledMs: number
  readyMs: number
}

/** Starts `vite` on a free port; resolves with its URL and the process once it listens. */
function startVite(port: number): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []),
      resolve(PROJECT, 'node_modules/vite/bin/vite.js'),
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: PROJECT, env: { ...process.env, BROWSER: 'none', NO_COLOR: '1' } },
  )
  let out = ''
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      const url = /Local:\s+(http:\/\/\S+)/.exec(out)?.[1]
      if (url) {
        child.stdout.off('data', onData)
        const exited = new Promise<void>((r) => child.once('exit', () => r()))
        done({ url, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.on('exit', (code) => fail(new Error(`vite exited (${code}):\n${out}`)))
  })
}

async function run(port: number, cold: boolean): Promise<Sample> {
  if (cold) {
    rmSync(resolve(PROJECT, 'node_modules/.vite'), { recursive: true, force: true })
    for (const cache of ['deck-code', 'deck-citations', 'deck-mermaid'])
      rmSync(resolve(PROJECT, 'node_modules/.cache', cache), { recursive: true, force: true })
  }
  // The browser is up first: its start is not the dev server's.
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  const started = now()
  const vite = await startVite(port)
  const listenMs = now() - started
  try {
    if (AFTER) await new Promise((r) => setTimeout(r, AFTER))
    await page.goto(`${vite.url}${basename(newestDeck())}/`, { timeout: 120_000 })
    await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 120_000 })
    const cpu = cpuMs(vite.pid)
    const timing = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]
      const ready = performance.getEntriesByName('deck-ready')[0]
      const deck = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('/runtime/deck.ts'))
      return { origin: performance.timeOrigin, request: nav.requestStart, html: nav.responseEnd, paint: fcp ? fcp.startTime : NaN, styled: deck ? deck.startTime : NaN, ready: ready ? ready.startTime : NaN }
    })()`)) as {
      origin: number
      request: number
      html: number
      paint: number
      styled: number
      ready: number
    }
    return {
      cpuMs: cpu,
      listenMs,
      htmlMs: timing.origin + timing.html - started,
      requestMs: timing.html - timing.request,
      paintMs: timing.origin + timing.paint - started,
      styledMs: timing.origin + timing.styled - started,
      readyMs: timing.origin + timing.ready - started,
    }
  } finally {
    await vite.stop()
    await browser.close()
  }
}

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3)
const cold = process.argv.includes('--cold')
const samples: Sample[] = []
for (let i = 0; i < runs; i++) {
  const sample = await run(5230 + i, cold)
  samples.push(sample)
  console.log(
    `run ${i + 1}${cold ? ' (cold caches)' : ''}: listening ${sample.listenMs.toFixed(0)} ms, ` +
      `page HTML ${sample.htmlMs.toFixed(0)} ms (${sample.requestMs.toFixed(0)} ms after its request), first paint ${sample.paintMs.toFixed(0)} ms, ` +
      `slide 1 styled ${sample.styledMs.toFixed(0)} ms, deck ready ${sample.readyMs.toFixed(0)} ms ` +
      `(server CPU ${sample.cpuMs.toFixed(0)} ms)`,
  )
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(
  `median of ${runs}: page HTML ${median(samples.map((s) => s.htmlMs)).toFixed(0)} ms ` +
    `(${median(samples.map((s) => s.requestMs)).toFixed(0)} ms after its request), ` +
    `first paint ${median(samples.map((s) => s.paintMs)).toFixed(0)} ms, ` +
    `slide 1 styled ${median(samples.map((s) => s.styledMs)).toFixed(0)} ms, ` +
    `deck ready ${median(samples.map((s) => s.readyMs)).toFixed(0)} ms, ` +
    `server CPU ${median(samples.map((s) => s.cpuMs)).toFixed(0)} ms`,
)
