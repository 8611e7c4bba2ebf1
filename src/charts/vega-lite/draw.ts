// Vega-Lite and Vega run in a child process of their own, with a heap limit and with V8's code
// generation from strings turned off (`--disallow-code-generation-from-strings`: no `Function`, no
// `eval`, whoever asks), and every job has a deadline. A spec that makes Vega loop or allocate
// without end (a tick count of a hundred million, say) ends that process, never the build, and is
// reported as over its time or memory limit. (A worker thread's heap limit is not enough: an
// allocation too large for it aborts the whole process.) The process compiles a Vega-Lite spec to
// Vega, then draws a checked Vega spec to SVG with the AST interpreter (`expr:
// expressionInterpreter`), a loader that refuses every load, and the scene's size counted before
// it is serialised. One process serves every chart of a build and holds the build open only while
// it has work.
import { createRequire } from 'node:module'
import { spawn, type ChildProcess } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { ADVANCE, ADVANCE_CHARS, ADVANCE_OTHER, ADVANCE_ROOM } from './advance.ts'
import { ChartProblem, figure } from './problem.ts'
import type { ChartLimits } from './limits.ts'

const require = createRequire(import.meta.url)

/** The drawing process's code (a CommonJS script: it imports the ES modules by URL). */
const WORKER = String.raw`
const parentPort = {
  postMessage: (m) => {
    if (m.id !== current) return
    current = undefined
    process.send(m)
  },
  on: (e, f) => process.on(e, f),
}
process.on('disconnect', () => process.exit(0))
let modules
const silent = () => {}
console.log = console.info = console.warn = console.error = console.debug = silent
const collect = (into) => {
  const logger = {
    level() { return logger },
    error(...a) { into.push(a.map(String).join(' ')) },
    warn(...a) { into.push(a.map(String).join(' ')) },
    info: silent,
    debug: silent,
  }
  return logger
}
const refuse = async () => { throw new Error('charts load nothing') }
const loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse }
function countItems(node, limit) {
  let n = 0
  const stack = [node]
  while (stack.length) {
    const item = stack.pop()
    n++
    if (n > limit) return n
    if (item && Array.isArray(item.items)) for (const c of item.items) stack.push(c)
  }
  return n
}
// Text widths in the deck's font (Inter's advance widths, advance.ts) in place of Vega's
// estimate without a canvas (0.8em a character, which makes every label and title far wider than
// drawn and the chart too wide for the slide).
const ADVANCE_CHARS = ${JSON.stringify(ADVANCE_CHARS)}
const ADVANCE = ${JSON.stringify(ADVANCE)}
const advance = new Map([...ADVANCE_CHARS].map((ch, i) => [ch, [ADVANCE[0][i], ADVANCE[1][i]]]))
const textWidth = (item, text) => {
  const t = text == null ? '' : String(text).trim()
  const size = item.fontSize != null ? +item.fontSize || 0 : 11
  const bold = item.fontWeight === 'bold' || +item.fontWeight >= 600 ? 1 : 0
  let w = 0
  for (const ch of t) w += (advance.get(ch)?.[bold] ?? ${ADVANCE_OTHER}) / 1000
  return w * size * ${ADVANCE_ROOM}
}
// An error Vega throws where nothing awaits it (an async step of the SVG renderer) fails the
// current job, not the process.
let current
const failCurrent = (err) => {
  if (current !== undefined) parentPort.postMessage({ id: current, error: String((err && err.message) || err) })
  current = undefined
}
process.on('uncaughtException', failCurrent)
process.on('unhandledRejection', failCurrent)
// Vega, Vega-Lite and the interpreter load once, at start; the parent's deadlines start after.
const urls = JSON.parse(process.env.DECK_VEGA_URLS)
modules = Promise.all([import(urls.vega), import(urls.vegaLite), import(urls.interpreter)]).then(
  (m) => {
    m[0].textMetrics.width = textWidth
    process.send({ ready: true })
    return m
  },
  (err) => {
    process.send({ ready: false, error: String((err && err.message) || err) })
    process.exit(1)
  },
)
parentPort.on('message', async (job) => {
  current = job.id
  try {
    const [vega, vl, interpreter] = await modules
    if (job.kind === 'compile') {
      const warnings = []
      const out = vl.compile(job.spec, { config: job.config, logger: collect(warnings) })
      parentPort.postMessage({ id: job.id, vega: out.spec, warnings })
      return
    }
    const errors = []
    const runtime = vega.parse(job.vega, null, { ast: true })
    const view = new vega.View(runtime, {
      renderer: 'none',
      expr: interpreter.expressionInterpreter,
      logger: collect(errors),
      loader,
    })
    await view.runAsync()
    const items = countItems(view.scenegraph().root, job.maxItems)
    if (items > job.maxItems) {
      view.finalize()
      parentPort.postMessage({ id: job.id, items })
      return
    }
    const svg = await view.toSVG()
    view.finalize()
    parentPort.postMessage({ id: job.id, svg, items, errors })
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String((err && err.message) || err) })
  }
})
`

/** Where the worker finds Vega, Vega-Lite and the interpreter (this checkout's node_modules). */
const urls = (): Record<string, string> => ({
  vega: pathToFileURL(require.resolve('vega')).href,
  vegaLite: pathToFileURL(require.resolve('vega-lite')).href,
  interpreter: pathToFileURL(require.resolve('vega-interpreter')).href,
})

interface Pending {
  resolve(value: Record<string, unknown>): void
  reject(err: Error): void
}

let worker:
  { child: ChildProcess; heapMb: number; ready: Promise<void>; failed(e: Error): void } | undefined

/** How long the drawing process may take to start and load Vega (a busy machine is slow). */
const START_MS = 60_000
const pending = new Map<number, Pending>()
let nextId = 1
/** Jobs run one at a time: a deadline then measures one chart. */
let queue: Promise<unknown> = Promise.resolve()

function stopWorker(reason: ChartProblem): void {
  const w = worker
  worker = undefined
  if (w) {
    w.failed(reason)
    w.child.kill('SIGKILL')
  }
  for (const p of pending.values()) p.reject(reason)
  pending.clear()
}

/** Lets the build exit while the process waits for work. */
function idle(child: ChildProcess, waiting: boolean): void {
  if (waiting) {
    child.ref()
    child.channel?.ref()
  } else {
    child.unref()
    child.channel?.unref()
  }
}

function getWorker(limits: ChartLimits): ChildProcess {
  if (worker && worker.heapMb !== limits.heapMb)
    stopWorker(new ChartProblem(0, 'draw', 'restarted'))
  if (!worker) {
    const heapMb = limits.heapMb
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${heapMb}`,
        '--disallow-code-generation-from-strings',
        '--input-type=commonjs',
        '-e',
        WORKER,
      ],
      {
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        serialization: 'advanced',
        env: { PATH: process.env.PATH ?? '', DECK_VEGA_URLS: JSON.stringify(urls()) },
      },
    )
    let started!: () => void
    let failed!: (e: Error) => void
    const ready = new Promise<void>((resolve, reject) => {
      started = resolve
      failed = reject
    })
    // Nobody may be waiting yet: a failure is still reported to whoever waits next.
    ready.catch(() => undefined)
    const startTimer = setTimeout(
      () =>
        stopWorker(
          new ChartProblem(0, 'draw', `Vega did not start within ${figure(START_MS / 1000)} s`),
        ),
      START_MS,
    )
    startTimer.unref()
    child.on('message', (m: Record<string, unknown>) => {
      if ('ready' in m) {
        clearTimeout(startTimer)
        if (m.ready) started()
        else failed(new ChartProblem(0, 'draw', `Vega could not start: ${String(m.error)}`))
        if (pending.size === 0) idle(child, false)
        return
      }
      const p = pending.get(m.id as number)
      pending.delete(m.id as number)
      p?.resolve(m)
      if (pending.size === 0) idle(child, false)
    })
    child.on('error', (err) => {
      if (worker?.child === child)
        stopWorker(new ChartProblem(0, 'draw', `Vega could not start: ${err.message}`))
    })
    child.on('exit', (code, signal) => {
      if (worker?.child !== child) return
      // V8 aborts (SIGABRT, or exit code 134) when the heap limit is reached.
      stopWorker(
        signal === 'SIGABRT' || code === 134
          ? new ChartProblem(
              0,
              'limit-memory',
              `drawing the chart needed more than ${figure(heapMb)} MB of memory, a chart's limit`,
            )
          : new ChartProblem(0, 'draw', `Vega stopped (${signal ?? `exit code ${code}`})`),
      )
    })
    worker = { child, heapMb, ready, failed }
  }
  return worker.child
}

/**
 * Starts the drawing process if needed and waits until it has loaded Vega: a chart's deadline
 * counts from then, so a slow start on a busy machine is never a chart over its time limit.
 */
export async function drawingReady(limits: ChartLimits): Promise<void> {
  getWorker(limits)
  idle(worker!.child, true)
  try {
    await worker!.ready
  } finally {
    if (worker && pending.size === 0) idle(worker.child, false)
  }
}

/** Runs one job in the drawing process under the deadline `deadline` (a `performance.now()` time). */
function run(
  job: Record<string, unknown>,
  limits: ChartLimits,
  deadline: number,
): Promise<Record<string, unknown>> {
  const next = queue.then(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const left = deadline - performance.now()
        if (left <= 0) {
          reject(timeUp(limits))
          return
        }
        const child = getWorker(limits)
        const id = nextId++
        const timer = setTimeout(() => stopWorker(timeUp(limits)), left)
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer)
            resolve(v)
          },
          reject: (e) => {
            clearTimeout(timer)
            reject(e)
          },
        })
        idle(child, true)
        child.send({ ...job, id })
      }),
  )
  queue = next.catch(() => undefined)
  return next
}

const timeUp = (limits: ChartLimits): ChartProblem =>
  new ChartProblem(
    0,
    'limit-time',
    `drawing the chart took more than ${figure(limits.ms / 1000)} s, a chart's limit`,
  )

/** Vega's message in one line, without a stack or a path of the machine. */
const oneLine = (message: string): string =>
  message
    .split('\n')[0]!
    .replace(/(file:\/\/)?\/[^\s'"]+/g, '…')
    .slice(0, 240)

/** Compiles a Vega-Lite spec to Vega in the drawing process; warnings are Vega-Lite's. */
export async function compileInWorker(
  spec: unknown,
  config: unknown,
  limits: ChartLimits,
  deadline: number,
): Promise<{ vega: unknown; warnings: string[] }> {
  const out = await run({ kind: 'compile', spec, config }, limits, deadline)
  if (typeof out.error === 'string')
    throw new ChartProblem(0, 'spec-compile', `Vega-Lite: ${oneLine(out.error)}`)
  return { vega: out.vega, warnings: (out.warnings as string[]).map(oneLine) }
}

/** Draws a checked Vega spec to an SVG string in the drawing process. */
export async function drawInWorker(
  vega: unknown,
  limits: ChartLimits,
  deadline: number,
): Promise<{ svg: string; items: number; errors: string[] }> {
  const out = await run({ kind: 'draw', vega, maxItems: limits.items }, limits, deadline)
  if (typeof out.error === 'string')
    throw new ChartProblem(0, 'draw', `Vega: ${oneLine(out.error)}`)
  if (typeof out.svg !== 'string')
    throw new ChartProblem(
      0,
      'limit-items',
      `the chart draws more than ${figure(limits.items)} items (marks, ticks, labels); a chart may draw at most ${figure(limits.items)}`,
    )
  return { svg: out.svg, items: out.items as number, errors: (out.errors as string[]).map(oneLine) }
}

/** Ends the drawing process (tests, and a build that wants to exit at once). */
export async function closeChartWorker(): Promise<void> {
  const w = worker
  if (!w) return
  const exited = new Promise((resolve) => w.child.once('exit', resolve))
  stopWorker(new ChartProblem(0, 'draw', 'closed'))
  await exited
}
