// `npm run bench`: our build against two baselines on the same slides, side by side in one run —
// reveal.js's documented in-browser Markdown + KaTeX setup, and Marp CLI 4.5.1 (pinned in
// bench/marp/, `npm ci` there) — for the session, a generated 300-slide deck and a generated
// 36-slide maths deck in plain CommonMark (bench/deck-generator.ts); prints a Markdown
// table (every figure with its same-run ratios), writes JSON to bench/results/, copies the run's
// record to bench/latest.json and writes the table into docs/performance.md (bench/report.ts).
//
// What is measured (medians; sizes in kB = 1000 bytes):
// - cold loads (BENCH_RUNS, default 5, per page; the three sides interleaved, after one untimed
//   warm-up load each), each in a new browser context (empty cache) at 1280x720, pages served
//   from 127.0.0.1 by bench/serve.ts (each text file gzipped once, as a static host does):
//   - first contentful paint (Paint Timing), and the first slide shown: the first frame in which
//     slide 1 is laid out in the window, no font is loading and (for the baselines, whose slides
//     need their script) the deck is ready, then its paint (bench/browser.ts);
//   - bytes: response bodies as transferred (Resource Timing encodedBodySize) finished by then;
//   - JS and CSS requested before the deck was ready, raw and gzip, and everything loaded by the
//     end of the step-through;
//   - step-through: ArrowRight presses from the first slide to the last, transitions and
//     fragments off, each timed in the page from the key event to the next slide painted
//     (bench/step.ts): the walk (their sum), and the p50 and p95 of every step of every load;
// - cold build: `node build/cli/main.js build --slides <deck>` (what `npm run build` runs) and
//   `npm run build` itself (npm and its pre-step included), each a fresh process (BENCH_BUILDS,
//   default 3), against Marp CLI's build of the same slides;
// - check: `node build/cli/main.js check --slides <session>` (spelling included), fresh process;
// - rebuild: one slide file of the 300-slide deck edited, the incremental compiler recompiles and
//   the slides' HTML is assembled;
// - dev server: save a slide file of the 300-slide deck -> the edited slide painted in the open
//   page (bench/hmr.ts);
// - Lighthouse 12.2.3, desktop config (simulated throttling), on the session, ours and the
//   reveal.js baseline (BENCH_LIGHTHOUSE=0 skips it).
import { loadavg, tmpdir } from 'node:os'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { launchChromium } from '../src/cli/chromium.ts'
import { generateBaseline } from './baseline/generate.ts'
import { coldLoad, type LoadSample, type Side } from './browser.ts'
import {
  coldBuild,
  coldCheck,
  coldNpmBuild,
  compileCli,
  measureRebuild,
  type BuildSample,
  type RebuildResult,
} from './build.ts'
import { generateDeck, generateMathsDeck } from './deck-generator.ts'
import { measureHmr, type HmrResult } from './hmr.ts'
import { runLighthouse, type LighthouseResult } from './lighthouse.ts'
import { buildMarp, generateMarp, marpInstalled } from './marp/generate.ts'
import {
  benchMarkdown,
  hostFacts,
  RECORD,
  writePerformancePage,
  type Machine,
  type Row,
} from './report.ts'
import { serveStatic, type Server } from './serve.ts'

const ROOT = resolve(import.meta.dirname, '..')
const SESSION = resolve(ROOT, 'slides/2025-07-16-rlvr-reasoning')
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5))
const BUILDS = Math.max(1, Number(process.env.BENCH_BUILDS ?? 3))
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== '0'
const EDITS = 7
/** Stepping through 300 slides takes a while: the 300-slide deck steps until this is spent. */
const STEP_BUDGET_MS = Number(process.env.BENCH_STEP_BUDGET_MS ?? 120_000)
const SIDES: Side[] = ['ours', 'baseline', 'marp']
const NAMES: Record<Side, string> = { ours: 'ours', baseline: 'reveal.js', marp: 'Marp' }

/** The targets. */
const TARGETS = {
  /** The walk through every slide: no slower than reveal.js's runtime on the same deck. */
  stepRatio: 1,
  /** Each step within a frame: the 95th percentile of every step of every load. */
  stepP95Ms: 16.7,
  /** `npm run build` of one deck, against Marp CLI's build of it. */
  buildVsMarp: 0.6,
  /** First slide shown within this of first contentful paint: the two coincide. */
  shownAfterFcpMs: 20,
  coldBuildMs: 500,
  checkMs: 2000,
  rebuildMs: 150,
  hmrMs: 100,
  lighthouse: { performance: 95, accessibility: 100, 'best-practices': 100 } as Record<
    string,
    number
  >,
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  if (sorted.length === 0) return NaN
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The `p`th percentile (nearest rank) of `values`. */
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

function machine(chromium: string, loadAtStart: number[]): Machine {
  const { loadAverageAtStart, loadAverageAtEnd, ...host } = hostFacts(loadAtStart)
  return { ...host, chromium, loadAverageAtStart, loadAverageAtEnd }
}

type PerSide<T> = Record<Side, T>

interface DeckRun {
  name: string
  slides: number
  dirs: Partial<PerSide<string>>
  samples: PerSide<LoadSample[]>
}

/** Bytes of fonts inlined as data: URLs in the CSS files listed. */
function inlinedFontBytes(files: string[]): number {
  let bytes = 0
  for (const file of files)
    for (const m of readFileSync(file, 'utf8').matchAll(
      /url\(\s*["']?data:(?:font\/|application\/(?:x-)?font)[^)]*\)/g,
    ))
      bytes += m[0].length
  return bytes
}

const cssFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.css') && !f.includes('node_modules'))
    .map((f) => resolve(dir, f))

const kB = (bytes: number): string =>
  Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : '—'
const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : '—')
const ms1 = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '—')
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : ''
const yes = (ok: boolean): string => (ok ? 'yes' : '**no**')

/** The medians of a page's samples, by field (step-through fields over the loads that stepped). */
function medians(samples: LoadSample[]): Record<string, number> {
  const pick = (f: (s: LoadSample) => number): number => median(samples.map(f))
  const stepped = samples.flatMap((s) => (s.step ? [s.step] : []))
  const pickStep = (f: (s: NonNullable<LoadSample['step']>) => number): number =>
    median(stepped.map(f))
  return {
    fcpMs: pick((s) => s.fcpMs),
    shownMs: pick((s) => s.shownMs),
    shownAfterFcpMs: pick((s) => s.shownMs - s.fcpMs),
    readyMs: pick((s) => s.readyMs),
    htmlEndMs: pick((s) => s.htmlEndMs),
    domInteractiveMs: pick((s) => s.domInteractiveMs),
    bytesToShown: pick((s) => s.bytesToShown),
    bytesIdle: pick((s) => s.bytesIdle),
    requestsToShown: pick((s) => s.requestsToShown),
    jsRawToShown: pick((s) => s.jsToShown.raw),
    jsGzipToShown: pick((s) => s.jsToShown.gzip),
    cssRawToShown: pick((s) => s.cssToShown.raw),
    cssGzipToShown: pick((s) => s.cssToShown.gzip),
    stepSamples: stepped.length,
    bytesTotal: pickStep((s) => s.bytesTotal),
    jsGzipTotal: pickStep((s) => s.jsTotal.gzip),
    cssGzipTotal: pickStep((s) => s.cssTotal.gzip),
    stepMs: pickStep((s) => s.ms),
    stepMedianMs: pickStep((s) => s.medianMs),
    // Every step of every load that stepped, pooled.
    stepP50Ms: percentile(
      stepped.flatMap((s) => s.times),
      50,
    ),
    stepP95Ms: percentile(
      stepped.flatMap((s) => s.times),
      95,
    ),
    steps: pickStep((s) => s.steps),
    katex: pick((s) => s.katex),
    katexFirstSlide: pick((s) => s.katexFirstSlide),
    katexErrors: pick((s) => s.katexErrors),
  }
}

function makeRow(
  metric: string,
  values: Partial<PerSide<number>>,
  format: (v: number) => string,
  target = '',
  ok?: boolean,
): Row {
  const v = (side: Side): number => values[side] ?? NaN
  return {
    metric,
    values: {
      ours: format(v('ours')),
      baseline: values.baseline === undefined ? '' : format(v('baseline')),
      marp: values.marp === undefined ? '' : format(v('marp')),
    },
    vsReveal: ratio(v('ours'), v('baseline')),
    vsMarp: ratio(v('ours'), v('marp')),
    target,
    met: ok === undefined ? '' : yes(ok),
  }
}

function deckRows(run: DeckRun): { rows: Row[]; misses: string[] } {
  const m = Object.fromEntries(SIDES.map((s) => [s, medians(run.samples[s])])) as PerSide<
    Record<string, number>
  >
  const has = (side: Side): boolean => run.samples[side].length > 0
  const field = (key: string): Partial<PerSide<number>> =>
    Object.fromEntries(SIDES.filter(has).map((s) => [s, m[s][key]!]))
  const rows: Row[] = []
  const misses: string[] = []
  const row = (
    metric: string,
    key: string,
    format: (v: number) => string,
    target = '',
    ok?: boolean,
  ): void => {
    const r = makeRow(`${run.name}: ${metric}`, field(key), format, target, ok)
    rows.push(r)
    if (ok === false) misses.push(`${r.metric}: ours ${r.values.ours}, target ${target}`)
  }
  const o = m.ours
  row('first contentful paint', 'fcpMs', ms)
  row(
    'first slide with math shown',
    'shownMs',
    ms,
    `≤ FCP + ${TARGETS.shownAfterFcpMs} ms`,
    o.shownAfterFcpMs! <= TARGETS.shownAfterFcpMs,
  )
  row('first slide shown − FCP', 'shownAfterFcpMs', ms)
  const marpIdle = has('marp') ? m.marp.bytesIdle! : NaN
  row(
    'transferred to show the first slide',
    'bytesToShown',
    kB,
    has('marp') ? `< Marp's transfer at idle (${kB(marpIdle)})` : '',
    has('marp') ? o.bytesToShown! < marpIdle : undefined,
  )
  row(
    'transferred at idle (before any step)',
    'bytesIdle',
    kB,
    has('marp') ? '≤ Marp' : '',
    has('marp') ? o.bytesIdle! <= marpIdle : undefined,
  )
  row('JS gzip before the first slide', 'jsGzipToShown', kB)
  row('CSS gzip before the first slide', 'cssGzipToShown', kB)
  row('requests to show the first slide', 'requestsToShown', (v) => String(Math.round(v)))
  row('page received (ms)', 'htmlEndMs', ms)
  row('page parsed, domInteractive (ms)', 'domInteractiveMs', ms)
  row('deck ready (ms)', 'readyMs', ms)
  row('transferred in all (load + every slide)', 'bytesTotal', kB)
  row('JS gzip in all', 'jsGzipTotal', kB)
  row('CSS gzip in all', 'cssGzipTotal', kB)
  const b = m.baseline
  const stepVsReveal = o.stepMs! / b.stepMs!
  const walk = o.steps === run.slides - 1 ? `all ${run.slides} slides` : `${o.steps} steps`
  row(
    `step through ${walk}, ArrowRight, the walk (median of ${o.stepSamples} / ${b.stepSamples} / ${m.marp.stepSamples} loads)`,
    'stepMs',
    ms,
    `≤ ${TARGETS.stepRatio}x reveal.js`,
    stepVsReveal <= TARGETS.stepRatio,
  )
  row('one step, key to next paint, p50 (every step of every load)', 'stepP50Ms', ms1)
  row(
    'one step, key to next paint, p95',
    'stepP95Ms',
    ms1,
    `< ${TARGETS.stepP95Ms} ms`,
    o.stepP95Ms! < TARGETS.stepP95Ms,
  )
  row('math on the page (on slide 1; errors)', 'katex', (v) => String(Math.round(v)))
  const oursFonts = inlinedFontBytes(cssFiles(run.dirs.ours!))
  rows.push({
    metric: `${run.name}: fonts inlined in CSS (data: URLs)`,
    values: {
      ours: kB(oursFonts),
      baseline: kB(
        inlinedFontBytes([
          ...cssFiles(resolve(run.dirs.baseline!, 'reveal')),
          resolve(run.dirs.baseline!, 'katex/dist/katex.min.css'),
        ]),
      ),
      marp: '',
    },
    vsReveal: '',
    vsMarp: '',
    target: '< 10 kB',
    met: yes(oursFonts < 10_000),
  })
  if (oursFonts >= 10_000) misses.push(`${run.name}: fonts inlined ${kB(oursFonts)}`)
  return { rows, misses }
}

async function main(): Promise<void> {
  const started = performance.now()
  const loadAtStart = loadavg()
  const tmp = mkdtempSync(resolve(tmpdir(), 'rif-bench-'))
  const sites: Server[] = []
  const withMarp = marpInstalled()
  if (!withMarp)
    log('Marp CLI is not installed: run `npm ci` in bench/marp for the second baseline')
  try {
    log(`work folder ${tmp}; load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`)
    compileCli()
    const generated = generateDeck(resolve(tmp, 'deck300'), { slides: 300 })
    const maths = generateMathsDeck(resolve(tmp, 'maths'))
    const decks = [
      { name: 'session', dir: SESSION },
      { name: '300-slide deck', dir: generated.dir },
      { name: 'maths deck', dir: maths.dir },
    ]

    log(`cold builds: each deck x${BUILDS}, ours (CLI, npm run build) and Marp interleaved`)
    const builds: { ours: BuildSample[]; npm: number[]; marp: number[] }[] = []
    const runs: DeckRun[] = []
    for (const [i, deck] of decks.entries()) {
      const out = resolve(tmp, `ours-${i}`)
      const base = generateBaseline(deck.dir, resolve(tmp, `baseline-${i}`))
      const marp = withMarp ? generateMarp(deck.dir, resolve(tmp, `marp-${i}`)) : undefined
      const b = { ours: [] as BuildSample[], npm: [] as number[], marp: [] as number[] }
      for (let k = 0; k < BUILDS; k++) {
        b.ours.push(coldBuild(deck.dir, out))
        b.npm.push(coldNpmBuild(deck.dir, out))
        if (marp) b.marp.push(buildMarp(marp))
      }
      builds.push(b)
      runs.push({
        name: deck.name,
        slides: base.slides,
        dirs: { ours: out, baseline: base.dir, ...(marp ? { marp: marp.dir } : {}) },
        samples: { ours: [], baseline: [], marp: [] },
      })
    }

    log(`npm run check's command on the session x${BUILDS}`)
    const checks: number[] = []
    for (let k = 0; k < BUILDS; k++) checks.push(coldCheck(SESSION))

    log(`rebuild after one slide edit (300-slide deck) x${EDITS}`)
    const rebuild: RebuildResult = measureRebuild(generated.dir, generated.files, EDITS)

    const urls = new Map<string, string>()
    for (const run of runs)
      for (const dir of Object.values(run.dirs)) {
        const site = await serveStatic(dir)
        sites.push(site)
        urls.set(dir, site.url)
      }

    const browser = await launchChromium()
    const chromium = browser.version()
    let hmr: HmrResult = { samples: [], errors: [] }
    try {
      for (const run of runs) {
        const sides = SIDES.filter((s) => run.dirs[s])
        for (const side of sides) {
          const dir = run.dirs[side]!
          await coldLoad(browser, side, urls.get(dir)!, dir, false) // warm-up, not counted
        }
        // Every load steps through the session; the 300-slide deck until the budget is spent.
        const stepStarted = performance.now()
        for (let i = 0; i < RUNS; i++) {
          const step =
            run.slides < 100 || i === 0 || performance.now() - stepStarted < STEP_BUDGET_MS
          for (const side of sides) {
            const dir = run.dirs[side]!
            const sample = await coldLoad(browser, side, urls.get(dir)!, dir, step)
            run.samples[side].push(sample)
            log(
              `${run.name} ${NAMES[side]} #${i + 1}: FCP ${ms(sample.fcpMs)}, shown ${ms(sample.shownMs)}, ${kB(sample.bytesToShown)}` +
                (sample.step
                  ? `, step ${ms(sample.step.ms)} (${sample.step.steps} steps, median ${ms1(sample.step.medianMs)})`
                  : '') +
                (sample.errors.length ? `, errors: ${sample.errors.join('; ')}` : ''),
            )
          }
        }
      }
      log('dev server: save a slide file -> painted (300-slide deck)')
      hmr = await measureHmr(browser, generated.dir, generated.files, EDITS)
      log(`  ${hmr.samples.map((s) => ms(s)).join(', ')}`)
    } finally {
      await browser.close()
    }

    const lighthouse: Record<string, LighthouseResult> = {}
    if (LIGHTHOUSE)
      for (const [name, dir] of [
        ['ours', runs[0]!.dirs.ours!],
        ['baseline', runs[0]!.dirs.baseline!],
      ] as const) {
        log(`Lighthouse on the session, ${name}`)
        lighthouse[name] = await runLighthouse(urls.get(dir)!)
        const r = lighthouse[name]
        log(r.error ? `  failed: ${r.error}` : `  ${JSON.stringify(r.scores)} in ${ms(r.ms)}`)
      }

    // The table.
    const rows: Row[] = []
    const misses: string[] = []
    for (const run of runs) {
      const d = deckRows(run)
      rows.push(...d.rows)
      misses.push(...d.misses)
    }
    const push = (row: Row): void => {
      rows.push(row)
      if (row.met === '**no**')
        misses.push(`${row.metric}: ours ${row.values.ours}, target ${row.target}`)
    }
    for (const [i, run] of runs.entries()) {
      const wall = median(builds[i]!.ours.map((b) => b.wallMs))
      const marp = median(builds[i]!.marp)
      push(
        makeRow(
          `${run.name}: cold build, fresh process (median of ${BUILDS})`,
          { ours: wall, ...(withMarp ? { marp } : {}) },
          ms,
          i === 0 ? `< ${ms(TARGETS.coldBuildMs)}` : '',
          i === 0 ? wall < TARGETS.coldBuildMs : undefined,
        ),
      )
      const npm = median(builds[i]!.npm)
      push(
        makeRow(
          `${run.name}: cold build, \`npm run build\` (npm and its pre-step included; median of ${BUILDS})`,
          { ours: npm, ...(withMarp ? { marp } : {}) },
          ms,
          withMarp ? `≤ ${TARGETS.buildVsMarp}x Marp` : '',
          withMarp ? npm <= TARGETS.buildVsMarp * marp : undefined,
        ),
      )
      push(
        makeRow(
          `${run.name}: cold build, as the CLI reports it (compile + page)`,
          { ours: median(builds[i]!.ours.map((b) => b.reportedMs)) },
          ms,
        ),
      )
    }
    const checkMs = median(checks)
    push(
      makeRow(
        `session: npm run check's command, fresh process (median of ${BUILDS})`,
        { ours: checkMs },
        ms,
        `< ${ms(TARGETS.checkMs)}`,
        checkMs < TARGETS.checkMs,
      ),
    )
    const rebuildMs = median(rebuild.samples.map((s) => s.ms))
    const renderedFiles = median(rebuild.samples.map((s) => s.rendered.length))
    push({
      ...makeRow(
        `300-slide deck: rebuild after one slide file edit (files re-rendered: ${renderedFiles}; full compile ${ms(rebuild.fullCompileMs)})`,
        { ours: rebuildMs },
        ms,
        `< ${ms(TARGETS.rebuildMs)}, 1 file`,
      ),
      met: yes(rebuildMs < TARGETS.rebuildMs && renderedFiles === 1),
    })
    const hmrMs = median(hmr.samples)
    push(
      makeRow(
        `300-slide deck: dev server, slide file saved -> new slide painted (median of ${hmr.samples.length})`,
        { ours: hmrMs },
        ms,
        `< ${ms(TARGETS.hmrMs)}`,
        hmrMs < TARGETS.hmrMs,
      ),
    )
    for (const category of Object.keys(TARGETS.lighthouse)) {
      const o = lighthouse.ours
      const b = lighthouse.baseline
      const score = (r: LighthouseResult | undefined): string =>
        !r ? 'not run' : r.error ? 'error' : String(r.scores?.[category] ?? '—')
      const target = TARGETS.lighthouse[category]!
      const value = o?.scores?.[category]
      const ok = typeof value === 'number' ? value >= target : undefined
      rows.push({
        metric: `session: Lighthouse ${category}`,
        values: { ours: score(o), baseline: score(b), marp: '' },
        vsReveal: '',
        vsMarp: '',
        target: `≥ ${target}`,
        met: ok === undefined ? (o ? '**no** (no score)' : 'not run') : yes(ok),
      })
      if (ok !== true && o)
        misses.push(`session: Lighthouse ${category} — ${o.error ?? score(o)}, target ≥ ${target}`)
    }

    const info = machine(chromium, loadAtStart)
    const date = new Date().toISOString()
    const markdown = benchMarkdown({ date, machine: info, settings: { runs: RUNS }, rows, misses })
    console.log(markdown)

    const results = resolve(ROOT, 'bench/results')
    mkdirSync(results, { recursive: true })
    const json = {
      date,
      machine: info,
      settings: {
        runs: RUNS,
        builds: BUILDS,
        edits: EDITS,
        lighthouse: LIGHTHOUSE,
        marp: withMarp,
      },
      targets: TARGETS,
      decks: runs.map((r) => ({
        name: r.name,
        slides: r.slides,
        sides: Object.fromEntries(
          SIDES.map((s) => [s, { medians: medians(r.samples[s]), samples: r.samples[s] }]),
        ),
      })),
      builds: { decks: builds, checks, rebuild: { ...rebuild, medianMs: rebuildMs } },
      hmr,
      lighthouse,
      rows,
      misses,
      markdown,
      totalMs: Math.round(performance.now() - started),
    }
    const file = resolve(results, `bench-${date.replace(/[:.]/g, '-')}.json`)
    writeFileSync(file, JSON.stringify(json, null, 2))
    writeFileSync(resolve(results, 'latest.json'), JSON.stringify(json, null, 2))
    // Formatted as `npm run lint` wants the tracked record (short arrays on one line).
    const { format, resolveConfig } = await import('prettier')
    const record = resolve(ROOT, RECORD)
    const options = { ...(await resolveConfig(record)), parser: 'json' }
    writeFileSync(record, await format(JSON.stringify(json, null, 2), options))
    writePerformancePage(ROOT)
    log(
      `wrote ${basename(file)} and latest.json in bench/results/, ${RECORD} and its table in docs/performance.md (${ms(json.totalMs)} in all)`,
    )
  } finally {
    for (const site of sites) await site.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err))
    process.exit(1)
  },
)
