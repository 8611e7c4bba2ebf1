// `npm run bench`: our build against reveal.js's documented in-browser Markdown + KaTeX setup, for
// the session and a generated 300-slide deck, side by side in one run; prints a Markdown table
// and writes JSON to bench/results/.
//
// What is measured (medians; sizes in kB = 1000 bytes):
// - cold loads (BENCH_RUNS, default 5, per page; ours and the baseline interleaved, after one
//   untimed warm-up load each), each in a new browser context (empty cache) at 1280x720, pages
//   served from 127.0.0.1 by bench/serve.ts (each text file gzipped once, as a static host does):
//   - first slide with math: navigation start to the deck being shown (ours: html[data-deck-ready];
//     baseline: the math plugin has typeset the slides), then the fonts in use and two frames;
//   - bytes: response bodies as transferred (Resource Timing encodedBodySize), the page included;
//   - JS and CSS requested before the deck was ready, raw and gzip (zlib default level, from the
//     served files), and everything loaded by the end of the step-through;
//   - step-through: deck.next() from the first slide to the last, transitions and fragments off,
//     awaiting slidechanged and forcing layout each time;
// - cold build: `node --import vite --import tsx src/cli/main.ts build --slides <session>` in a fresh process (BENCH_BUILDS,
//   default 3); the time the CLI reports itself (compile + Vite) is shown alongside;
// - rebuild: one slide file of the 300-slide deck edited, src/compiler/incremental.ts recompiles
//   (that file re-rendered, ids and links redone) and the slides' HTML is re-assembled;
// - Lighthouse 12.2.3, desktop config (simulated throttling), on the session, ours and baseline
//   (BENCH_LIGHTHOUSE=0 skips it).
// The baseline has no build step and no rebuild (the browser does that work on every load).
import { cpus, loadavg, platform, release, totalmem, tmpdir } from 'node:os'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { launchChromium } from '../src/cli/chromium.ts'
import { generateBaseline } from './baseline/generate.ts'
import { coldLoad, type LoadSample, type Side } from './browser.ts'
import { coldBuild, measureRebuild, type BuildSample, type RebuildResult } from './build.ts'
import { generateDeck } from './deck-generator.ts'
import { runLighthouse, type LighthouseResult } from './lighthouse.ts'
import { serveStatic, type Server } from './serve.ts'

const ROOT = resolve(import.meta.dirname, '..')
const SESSION = resolve(ROOT, 'slides/2025-07-16-rlvr-reasoning')
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5))
const BUILDS = Math.max(1, Number(process.env.BENCH_BUILDS ?? 3))
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== '0'
const EDITS = 7
/** Stepping through 300 slides takes tens of seconds: the 300-slide deck steps until this is spent. */
const STEP_BUDGET_MS = Number(process.env.BENCH_STEP_BUDGET_MS ?? 100_000)

const TARGETS = {
  shownRatio: 0.7,
  bytesToShown: 400_000,
  jsGzipToShown: 60_000,
  stepRatio: 1 / 3,
  coldBuildMs: 2000,
  rebuildMs: 150,
  lighthouse: { performance: 95, accessibility: 100, 'best-practices': 100 } as Record<
    string,
    number
  >,
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

interface Machine {
  cpu: string
  cores: number
  memoryGB: number
  os: string
  node: string
  chromium: string
  loadAverageAtStart: string
  loadAverageAtEnd: string
}

function machine(chromium: string, loadAtStart: number): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8')
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? '?'
  return {
    cpu: model,
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1e9),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    loadAverageAtStart: loadAtStart.toFixed(2),
    loadAverageAtEnd: loadavg()[0]!.toFixed(2),
  }
}

interface DeckRun {
  name: string
  slides: number
  ours: { dir: string; samples: LoadSample[] }
  baseline: { dir: string; samples: LoadSample[] }
}

interface Row {
  metric: string
  ours: string
  baseline: string
  ratio: string
  target: string
  met: string
}

/** Bytes of fonts inlined as data: URLs in the CSS files under `dir` (or the files listed). */
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
    .filter((f) => f.endsWith('.css'))
    .map((f) => resolve(dir, f))

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`
const ms = (value: number): string => `${Math.round(value)} ms`
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '—')
const yes = (ok: boolean): string => (ok ? 'yes' : '**no**')

/** The medians of a page's samples, by field (step-through fields over the loads that stepped). */
function medians(samples: LoadSample[]): Record<string, number> {
  const pick = (f: (s: LoadSample) => number): number => median(samples.map(f))
  const stepped = samples.flatMap((s) => (s.step ? [s.step] : []))
  const pickStep = (f: (s: NonNullable<LoadSample['step']>) => number): number =>
    stepped.length ? median(stepped.map(f)) : NaN
  return {
    shownMs: pick((s) => s.shownMs),
    readyMs: pick((s) => s.readyMs),
    htmlEndMs: pick((s) => s.htmlEndMs),
    domInteractiveMs: pick((s) => s.domInteractiveMs),
    bytesToShown: pick((s) => s.bytesToShown),
    requestsToShown: pick((s) => s.requestsToShown),
    jsRawToShown: pick((s) => s.jsToShown.raw),
    jsGzipToShown: pick((s) => s.jsToShown.gzip),
    cssRawToShown: pick((s) => s.cssToShown.raw),
    cssGzipToShown: pick((s) => s.cssToShown.gzip),
    stepSamples: stepped.length,
    bytesTotal: pickStep((s) => s.bytesTotal),
    jsRawTotal: pickStep((s) => s.jsTotal.raw),
    jsGzipTotal: pickStep((s) => s.jsTotal.gzip),
    cssRawTotal: pickStep((s) => s.cssTotal.raw),
    cssGzipTotal: pickStep((s) => s.cssTotal.gzip),
    stepMs: pickStep((s) => s.ms),
    steps: pickStep((s) => s.steps),
    katex: pick((s) => s.katex),
    katexFirstSlide: pick((s) => s.katexFirstSlide),
    katexErrors: pick((s) => s.katexErrors),
  }
}

function deckRows(run: DeckRun): { rows: Row[]; misses: string[] } {
  const o = medians(run.ours.samples)
  const b = medians(run.baseline.samples)
  const rows: Row[] = []
  const misses: string[] = []
  const row = (
    metric: string,
    ours: string,
    base: string,
    r: string,
    target = '',
    ok?: boolean,
  ): void => {
    rows.push({
      metric: `${run.name}: ${metric}`,
      ours,
      baseline: base,
      ratio: r,
      target,
      met: ok === undefined ? '' : yes(ok),
    })
    if (ok === false) misses.push(`${run.name}: ${metric} — ours ${ours}, target ${target}`)
  }
  row(
    'first slide with math shown',
    ms(o.shownMs!),
    ms(b.shownMs!),
    ratio(o.shownMs!, b.shownMs!),
    `≤ ${TARGETS.shownRatio}x baseline`,
    o.shownMs! <= TARGETS.shownRatio * b.shownMs!,
  )
  row(
    'transferred to show the first slide',
    kB(o.bytesToShown!),
    kB(b.bytesToShown!),
    ratio(o.bytesToShown!, b.bytesToShown!),
    `≤ ${kB(TARGETS.bytesToShown)}`,
    o.bytesToShown! <= TARGETS.bytesToShown,
  )
  row(
    'JS gzip before the first slide',
    kB(o.jsGzipToShown!),
    kB(b.jsGzipToShown!),
    ratio(o.jsGzipToShown!, b.jsGzipToShown!),
    `≤ ${kB(TARGETS.jsGzipToShown)}`,
    o.jsGzipToShown! <= TARGETS.jsGzipToShown,
  )
  row(
    'JS raw before the first slide',
    kB(o.jsRawToShown!),
    kB(b.jsRawToShown!),
    ratio(o.jsRawToShown!, b.jsRawToShown!),
  )
  row(
    'CSS raw / gzip before the first slide',
    `${kB(o.cssRawToShown!)} / ${kB(o.cssGzipToShown!)}`,
    `${kB(b.cssRawToShown!)} / ${kB(b.cssGzipToShown!)}`,
    ratio(o.cssGzipToShown!, b.cssGzipToShown!),
  )
  row('requests to show the first slide', `${o.requestsToShown}`, `${b.requestsToShown}`, '')
  const phases = (m: Record<string, number>): string =>
    [m.htmlEndMs!, m.domInteractiveMs!, m.readyMs!].map((v) => Math.round(v)).join(' / ')
  row('page received / parsed / deck ready (ms)', phases(o), phases(b), '')
  row(
    'transferred in all (load + every slide)',
    kB(o.bytesTotal!),
    kB(b.bytesTotal!),
    ratio(o.bytesTotal!, b.bytesTotal!),
  )
  row(
    'JS raw / gzip in all',
    `${kB(o.jsRawTotal!)} / ${kB(o.jsGzipTotal!)}`,
    `${kB(b.jsRawTotal!)} / ${kB(b.jsGzipTotal!)}`,
    ratio(o.jsGzipTotal!, b.jsGzipTotal!),
  )
  row(
    'CSS raw / gzip in all',
    `${kB(o.cssRawTotal!)} / ${kB(o.cssGzipTotal!)}`,
    `${kB(b.cssRawTotal!)} / ${kB(b.cssGzipTotal!)}`,
    ratio(o.cssGzipTotal!, b.cssGzipTotal!),
  )
  row(
    `step through all ${run.slides} slides (median of ${o.stepSamples} / ${b.stepSamples})`,
    ms(o.stepMs!),
    ms(b.stepMs!),
    ratio(o.stepMs!, b.stepMs!),
    '≤ 0.33x baseline',
    o.stepMs! <= TARGETS.stepRatio * b.stepMs!,
  )
  const oursFonts = inlinedFontBytes(cssFiles(run.ours.dir))
  const baseFonts = inlinedFontBytes([
    ...cssFiles(resolve(run.baseline.dir, 'reveal')),
    resolve(run.baseline.dir, 'katex/dist/katex.min.css'),
  ])
  // reveal.js's white/black themes inline ~575 kB of Source Sans Pro; Vite inlines assets under
  // 4 kB, which takes one small KaTeX glyph font (KaTeX_Size3, 3.6 kB) into our CSS.
  const revealTheme = cssFiles(run.ours.dir).some((f) =>
    readFileSync(f, 'utf8').includes('Source Sans Pro'),
  )
  row(
    'fonts inlined in CSS (data: URLs)',
    kB(oursFonts),
    kB(baseFonts),
    '',
    'no reveal.js theme fonts (< 10 kB)',
    !revealTheme && oursFonts < 10_000,
  )
  row(
    'math typeset (.katex; on slide 1; errors)',
    `${o.katex}; ${o.katexFirstSlide}; ${o.katexErrors}`,
    `${b.katex}; ${b.katexFirstSlide}; ${b.katexErrors}`,
    '',
  )
  return { rows, misses }
}

function table(rows: Row[]): string {
  const head = ['metric', 'ours', 'baseline', 'ratio', 'target', 'met?']
  const lines = rows.map((r) => [r.metric, r.ours, r.baseline, r.ratio, r.target, r.met])
  const fmt = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [fmt(head), fmt(head.map(() => '---')), ...lines.map(fmt)].join('\n')
}

async function main(): Promise<void> {
  const started = performance.now()
  const loadAtStart = loadavg()[0]!
  const tmp = mkdtempSync(resolve(tmpdir(), 'rif-bench-'))
  const sites: Server[] = []
  try {
    log(`work folder ${tmp}`)
    const generated = generateDeck(resolve(tmp, 'deck300'), { slides: 300 })

    log(`cold builds: the session x${BUILDS}, the 300-slide deck x1`)
    const sessionOut = resolve(tmp, 'ours-session')
    const builds: BuildSample[] = []
    for (let i = 0; i < BUILDS; i++) builds.push(coldBuild(SESSION, sessionOut))
    const deckOut = resolve(tmp, 'ours-deck300')
    const deckBuild = coldBuild(generated.dir, deckOut)

    log('baselines: reveal.js markdown + math (KaTeX, self-hosted) + notes')
    const baseSession = generateBaseline(SESSION, resolve(tmp, 'baseline-session'))
    const baseDeck = generateBaseline(generated.dir, resolve(tmp, 'baseline-deck300'))

    log(`rebuild after one slide edit (300-slide deck) x${EDITS}`)
    const rebuild: RebuildResult = measureRebuild(generated.dir, generated.files, EDITS)

    const serve = async (dir: string): Promise<string> => {
      const site = await serveStatic(dir)
      sites.push(site)
      return site.url
    }
    const runs: DeckRun[] = [
      {
        name: 'session',
        slides: baseSession.slides,
        ours: { dir: sessionOut, samples: [] },
        baseline: { dir: baseSession.dir, samples: [] },
      },
      {
        name: '300-slide deck',
        slides: baseDeck.slides,
        ours: { dir: deckOut, samples: [] },
        baseline: { dir: baseDeck.dir, samples: [] },
      },
    ]
    const urls = new Map<string, string>()
    for (const run of runs)
      for (const side of ['ours', 'baseline'] as Side[])
        urls.set(run[side].dir, await serve(run[side].dir))

    const browser = await launchChromium()
    const chromium = browser.version()
    try {
      for (const run of runs) {
        for (const side of ['ours', 'baseline'] as Side[]) {
          const dir = run[side].dir
          await coldLoad(browser, side, urls.get(dir)!, dir, false) // warm-up, not counted
        }
        // Every load steps through the session; the 300-slide deck until the budget is spent.
        const stepStarted = performance.now()
        for (let i = 0; i < RUNS; i++) {
          const step =
            run.slides < 100 || i === 0 || performance.now() - stepStarted < STEP_BUDGET_MS
          for (const side of ['ours', 'baseline'] as Side[]) {
            const dir = run[side].dir
            const sample = await coldLoad(browser, side, urls.get(dir)!, dir, step)
            run[side].samples.push(sample)
            log(
              `${run.name} ${side} #${i + 1}: shown ${ms(sample.shownMs)}, ${kB(sample.bytesToShown)}` +
                (sample.step ? `, step ${ms(sample.step.ms)} (${sample.step.steps} steps)` : '') +
                (sample.errors.length ? `, errors: ${sample.errors.join('; ')}` : ''),
            )
          }
        }
      }
    } finally {
      await browser.close()
    }

    const lighthouse: Record<string, LighthouseResult> = {}
    if (LIGHTHOUSE)
      for (const [name, dir] of [
        ['ours', runs[0]!.ours.dir],
        ['baseline', runs[0]!.baseline.dir],
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
    const buildWall = median(builds.map((b) => b.wallMs))
    const buildReported = median(builds.map((b) => b.reportedMs))
    const coldOk = buildWall < TARGETS.coldBuildMs
    rows.push({
      metric: `session: cold build (fresh process; CLI-reported compile + Vite)`,
      ours: `${ms(buildWall)} (${ms(buildReported)})`,
      baseline: 'no build',
      ratio: '',
      target: `< ${ms(TARGETS.coldBuildMs)}`,
      met: yes(coldOk),
    })
    if (!coldOk) misses.push(`session: cold build — ${ms(buildWall)}, target < 2000 ms`)
    rows.push({
      metric: '300-slide deck: cold build (fresh process; CLI-reported)',
      ours: `${ms(deckBuild.wallMs)} (${ms(deckBuild.reportedMs)})`,
      baseline: 'no build',
      ratio: '',
      target: '',
      met: '',
    })
    const rebuildMs = median(rebuild.samples.map((s) => s.ms))
    const renderedFiles = median(rebuild.samples.map((s) => s.rendered.length))
    const rebuildOk = rebuildMs < TARGETS.rebuildMs
    rows.push({
      metric: `300-slide deck: rebuild after one slide file edit (files re-rendered; full compile)`,
      ours: `${ms(rebuildMs)} (${renderedFiles}; ${ms(rebuild.fullCompileMs)})`,
      baseline: 'no build',
      ratio: '',
      target: `< ${ms(TARGETS.rebuildMs)}, 1 file`,
      met: yes(rebuildOk && renderedFiles === 1),
    })
    if (!rebuildOk) misses.push(`300-slide deck: rebuild — ${ms(rebuildMs)}, target < 150 ms`)
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
        ours: score(o),
        baseline: score(b),
        ratio: '',
        target: `≥ ${target}`,
        met: ok === undefined ? (o ? '**no** (no score)' : 'not run') : yes(ok),
      })
      if (ok !== true && o)
        misses.push(
          `session: Lighthouse ${category} — ${o.error ?? score(o)}, target ≥ ${target}` +
            (o.failed?.length
              ? ` (below 90: ${o.failed.filter((f) => f.startsWith(category)).join(', ')})`
              : ''),
        )
    }

    const info = machine(chromium, loadAtStart)
    const date = new Date().toISOString()
    const markdown = [
      `Bench of ${date.slice(0, 10)} on ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB, ` +
        `${info.os}, Node ${info.node}, Chromium ${info.chromium}; load average ` +
        `${info.loadAverageAtStart} at start, ${info.loadAverageAtEnd} at end. Medians of ${RUNS} ` +
        `cold loads per page; kB = 1000 bytes.`,
      '',
      table(rows),
      '',
      misses.length ? `Missed:\n${misses.map((m) => `- ${m}`).join('\n')}` : 'Every target met.',
    ].join('\n')
    console.log(markdown)

    const results = resolve(ROOT, 'bench/results')
    mkdirSync(results, { recursive: true })
    const json = {
      date,
      machine: info,
      settings: { runs: RUNS, builds: BUILDS, edits: EDITS, lighthouse: LIGHTHOUSE },
      targets: TARGETS,
      decks: runs.map((r) => ({
        name: r.name,
        slides: r.slides,
        ours: { medians: medians(r.ours.samples), samples: r.ours.samples },
        baseline: { medians: medians(r.baseline.samples), samples: r.baseline.samples },
      })),
      builds: {
        session: { samples: builds, medianWallMs: buildWall, medianReportedMs: buildReported },
        deck300: deckBuild,
        rebuild: { ...rebuild, medianMs: rebuildMs },
      },
      lighthouse,
      rows,
      misses,
      markdown,
      totalMs: Math.round(performance.now() - started),
    }
    const file = resolve(results, `bench-${date.replace(/[:.]/g, '-')}.json`)
    writeFileSync(file, JSON.stringify(json, null, 2))
    writeFileSync(resolve(results, 'latest.json'), JSON.stringify(json, null, 2))
    log(`wrote ${basename(file)} and latest.json in bench/results/ (${ms(json.totalMs)} in all)`)
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
