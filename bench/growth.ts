// `npm run bench:growth`: how the site's build, PDFs and check grow with the number of sessions.
// For each size (GROWTH_SIZES, default 1,10,50) it makes a project copy with that many sessions
// (bench/growth-site.ts: copies of the first session, each with its own date, title and text) in
// a temporary folder, and times, each in a fresh process as `npm run …` runs it:
//
//   - the cold build (`node build/cli/main.js build`, nothing cached: no dist/, no cache folder);
//   - the rebuild after one slide of one session is edited (and how many sessions it compiled),
//     and a rebuild with nothing changed;
//   - `npm run pdf` cold (every session printed) and after another one-slide edit and build (how
//     many PDFs it printed again); only for sizes up to GROWTH_PDF_MAX (default 10): printing 50
//     sessions cold takes many minutes on 2 cores;
//   - `npm run check` (spelling included).
//
// Wall time and CPU time (user + system of the process and every process it waited for, from
// /usr/bin/time; Chromium's page processes among them, since it runs with --no-zygote and waits
// for its renderers itself) are both recorded: on a shared machine the wall time swings with the
// load, the CPU time much less. The record goes to bench/growth.json and its table into
// docs/performance.md between the growth markers (`node --import tsx bench/growth.ts --report`
// writes the table again from the record alone).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { editOneSlide, makeGrowthSite } from './growth-site.ts'
import { hostFacts, type Host } from './report.ts'

const ROOT = resolve(import.meta.dirname, '..')
export const GROWTH_RECORD = 'bench/growth.json'
export const GROWTH_PAGE = 'docs/performance.md'
export const GROWTH_BEGIN =
  '<!-- bench:growth:begin (written by npm run bench:growth from bench/growth.json) -->'
export const GROWTH_END = '<!-- bench:growth:end -->'

/** The targets of a site that grows, on the 2-core machine. */
export const GROWTH_TARGETS = { coldBuild50Ms: 60_000, rebuildMs: 3_000, pdfsAfterEdit: 1 }

/** One timed command: wall and CPU milliseconds, and what it printed. */
export interface Timed {
  wallMs: number
  /**
   * User + system time of the process and its waited-for children (not Chromium's page
   * processes); NaN without /usr/bin/time.
   */
  cpuMs: number
  /** The load average (1 min) when it started. */
  load: number
}

export interface GrowthSize {
  sessions: number
  slides: number
  coldBuild: Timed
  rebuild: Timed & { compiled: number }
  unchanged: Timed & { compiled: number }
  pdfCold?: Timed & { printed: number }
  pdfAfterEdit?: Timed & { printed: number; kept: number }
  check: Timed
}

export interface GrowthRecord {
  date: string
  machine: Host
  pdfMax: number
  sizes: GrowthSize[]
  misses: string[]
}

const TIME = '/usr/bin/time'

/** Runs `args` with node in `cwd`, timed; throws with its output when it fails. */
function run(cwd: string, args: string[]): Timed & { stdout: string } {
  const timeFile = join(cwd, '.time')
  const withTime = existsSync(TIME)
  const load = loadavg()[0]!
  const started = performance.now()
  const child = withTime
    ? spawnSync(TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, ...args], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      })
    : spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const wallMs = performance.now() - started
  if (child.status !== 0)
    throw new Error(`${args.join(' ')} failed in ${cwd}:\n${child.stderr}${child.stdout}`)
  let cpuMs = NaN
  if (withTime) {
    const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ')
    cpuMs = (Number(user) + Number(system)) * 1000
  }
  return { wallMs, cpuMs, load, stdout: child.stdout }
}

const BUILD = ['build/cli/main.js', 'build']
const CHECK = ['build/cli/main.js', 'check']
const PDF = ['--import', 'tsx', 'src/cli/pdf.ts']

const timed = ({ wallMs, cpuMs, load }: Timed): Timed => ({ wallMs, cpuMs, load })

/** How many sessions a build says it compiled (`…; N sessions compiled, M unchanged …`). */
function compiledOf(stdout: string): number {
  const m = /(\d+) sessions? compiled/.exec(stdout)
  if (!m) throw new Error(`the build did not say what it compiled:\n${stdout}`)
  return Number(m[1])
}

const count = (stdout: string, word: string): number =>
  stdout.split('\n').filter((line) => line.startsWith(`${word} `)).length

function log(message: string): void {
  process.stderr.write(`[growth ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

/** Measures one size in a fresh project copy. */
export function measureSize(sessions: number, pdfMax: number): GrowthSize {
  const dir = mkdtempSync(join(tmpdir(), `growth-${sessions}-`))
  try {
    log(`${sessions} sessions: making the project copy in ${dir}`)
    const site = makeGrowthSite(dir, sessions)
    const edited = site.sessions[Math.floor(sessions / 2)]!
    log(`${sessions} sessions: cold build`)
    const cold = run(dir, BUILD)
    const slides = Number(/\((\d+) slides\)/.exec(cold.stdout)?.[1] ?? NaN)
    editOneSlide(edited, 1)
    log(`${sessions} sessions: rebuild after a one-slide edit`)
    const rebuild = run(dir, BUILD)
    // The edit is in the page: the rebuild compiled the edited session, not another one.
    const page = readFileSync(resolve(dir, 'dist', basename(edited), 'index.html'), 'utf8')
    if (!page.includes('(edit 1)'))
      throw new Error(`the rebuild did not show the edit of ${edited}`)
    const unchanged = run(dir, BUILD)
    const size: GrowthSize = {
      sessions,
      slides,
      coldBuild: timed(cold),
      rebuild: { ...timed(rebuild), compiled: compiledOf(rebuild.stdout) },
      unchanged: { ...timed(unchanged), compiled: compiledOf(unchanged.stdout) },
      check: { wallMs: NaN, cpuMs: NaN, load: NaN },
    }
    if (sessions <= pdfMax) {
      log(`${sessions} sessions: npm run pdf, cold`)
      const pdfCold = run(dir, PDF)
      editOneSlide(edited, 2)
      run(dir, BUILD)
      log(`${sessions} sessions: npm run pdf after a one-slide edit`)
      const pdfAgain = run(dir, PDF)
      size.pdfCold = { ...timed(pdfCold), printed: count(pdfCold.stdout, 'wrote') }
      size.pdfAfterEdit = {
        ...timed(pdfAgain),
        printed: count(pdfAgain.stdout, 'wrote'),
        kept: count(pdfAgain.stdout, 'kept'),
      }
    }
    log(`${sessions} sessions: npm run check`)
    size.check = timed(run(dir, CHECK))
    return size
  } finally {
    if (process.env.GROWTH_KEEP !== '1') rmSync(dir, { recursive: true, force: true })
  }
}

const seconds = (ms: number): string => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '')
const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}x` : ''

/** The targets a record missed, in words. */
export function growthMisses(sizes: GrowthSize[]): string[] {
  const misses: string[] = []
  for (const s of sizes) {
    if (s.sessions === 50 && s.coldBuild.wallMs >= GROWTH_TARGETS.coldBuild50Ms)
      misses.push(`50-session cold build: ${seconds(s.coldBuild.wallMs)} wall, target < 60 s`)
    if (s.rebuild.wallMs >= GROWTH_TARGETS.rebuildMs)
      misses.push(
        `${s.sessions}-session rebuild after a one-slide edit: ${seconds(s.rebuild.wallMs)} wall, target < 3 s`,
      )
    if (s.rebuild.compiled !== 1)
      misses.push(`${s.sessions}-session rebuild compiled ${s.rebuild.compiled} sessions, not 1`)
    if (s.pdfAfterEdit && s.pdfAfterEdit.printed !== GROWTH_TARGETS.pdfsAfterEdit)
      misses.push(
        `${s.sessions}-session npm run pdf after a one-slide edit printed ${s.pdfAfterEdit.printed} PDFs, not 1`,
      )
  }
  return misses
}

/** The record as Markdown: the machine, one row per measure, one column per size. */
export function growthMarkdown(record: GrowthRecord): string {
  const m = record.machine
  const sizes = record.sizes
  const cell = (t: Timed | undefined): string =>
    t ? `${seconds(t.wallMs)} (CPU ${seconds(t.cpuMs)}; load ${t.load.toFixed(1)})` : 'not run'
  const growth = (pick: (s: GrowthSize) => Timed | undefined): string => {
    const runs = sizes.map(pick)
    const parts: string[] = []
    for (let i = 1; i < runs.length; i++) {
      const [a, b] = [runs[i - 1], runs[i]]
      if (a && b) parts.push(`${ratio(b.cpuMs, a.cpuMs)} CPU`)
    }
    return parts.join(', ')
  }
  const head = [
    'measure',
    ...sizes.map((s) => `${s.sessions} session${s.sessions === 1 ? '' : 's'}`),
    'growth (CPU, size to size)',
  ]
  const rows: [string, (s: GrowthSize) => Timed | undefined, (s: GrowthSize) => string][] = [
    ['cold build', (s) => s.coldBuild, () => ''],
    ['rebuild after a one-slide edit', (s) => s.rebuild, (s) => `, ${s.rebuild.compiled} compiled`],
    ['rebuild, nothing changed', (s) => s.unchanged, (s) => `, ${s.unchanged.compiled} compiled`],
    [
      '`npm run pdf`, cold',
      (s) => s.pdfCold,
      (s) => (s.pdfCold ? `, ${s.pdfCold.printed} printed` : ''),
    ],
    [
      '`npm run pdf` after a one-slide edit',
      (s) => s.pdfAfterEdit,
      (s) =>
        s.pdfAfterEdit ? `, ${s.pdfAfterEdit.printed} printed, ${s.pdfAfterEdit.kept} kept` : '',
    ],
    ['`npm run check`', (s) => s.check, () => ''],
  ]
  const fmt = (cells: string[]): string => `| ${cells.join(' | ')} |`
  const table = [
    fmt(head),
    fmt(head.map(() => '---')),
    fmt(['slides', ...sizes.map((s) => String(s.slides)), '']),
    ...rows.map(([name, pick, extra]) =>
      fmt([
        name,
        ...sizes.map((s) => {
          const t = pick(s)
          return t ? `${cell(t)}${extra(s)}` : 'not run'
        }),
        growth(pick),
      ]),
    ),
  ].join('\n')
  return [
    `Growth bench of ${record.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu}, ${m.cores} cores, ` +
      `${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average (1, 5, 15 min) ` +
      `${m.loadAverageAtStart} at the start, ${m.loadAverageAtEnd} at the end. Each cell: wall ` +
      `time (CPU time: user + system of the command and the processes it waited for, Chromium's ` +
      `page processes among them; the 1-minute load average when it started). PDFs measured up to ${record.pdfMax} sessions.`,
    '',
    table,
    '',
    record.misses.length
      ? `Missed (wall time):\n${record.misses.map((miss) => `- ${miss}`).join('\n')}`
      : 'Every target met.',
    '',
    `The targets are wall times on this machine. In CPU time, which the load swings much less: ${cpuAgainstTargets(sizes)}.`,
  ].join('\n')
}

/** The targets read against CPU time rather than wall time. */
function cpuAgainstTargets(sizes: GrowthSize[]): string {
  const parts: string[] = []
  const fifty = sizes.find((s) => s.sessions === 50)
  if (fifty) parts.push(`the 50-session cold build took ${seconds(fifty.coldBuild.cpuMs)}`)
  parts.push(
    `the one-slide rebuild ${sizes.map((s) => `${seconds(s.rebuild.cpuMs)} at ${s.sessions}`).join(', ')}`,
  )
  return parts.join('; ')
}

/** The page with the text between the growth markers replaced by the record's Markdown. */
export function withGrowthRun(page: string, record: GrowthRecord): string {
  const begin = page.indexOf(GROWTH_BEGIN)
  const end = page.indexOf(GROWTH_END)
  if (begin < 0 || end < begin || page.indexOf(GROWTH_BEGIN, begin + 1) >= 0)
    throw new Error(`${GROWTH_PAGE} must hold ${GROWTH_BEGIN} and ${GROWTH_END} once, in order`)
  return `${page.slice(0, begin + GROWTH_BEGIN.length)}\n\n${growthMarkdown(record)}\n\n${page.slice(end)}`
}

function writePage(record: GrowthRecord): void {
  const file = resolve(ROOT, GROWTH_PAGE)
  writeFileSync(file, withGrowthRun(readFileSync(file, 'utf8'), record))
}

async function main(): Promise<void> {
  if (process.argv.includes('--report')) {
    writePage(JSON.parse(readFileSync(resolve(ROOT, GROWTH_RECORD), 'utf8')) as GrowthRecord)
    return
  }
  const sizesArg = process.env.GROWTH_SIZES ?? '1,10,50'
  const sizes = sizesArg.split(',').map((s) => Number(s.trim()))
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`GROWTH_SIZES must be whole numbers, got ${sizesArg}`)
  const pdfMax = Number(process.env.GROWTH_PDF_MAX ?? 10)
  // The copies take the CLI and shell of this checkout: compiled first if a source changed.
  const cli = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (cli.status !== 0) throw new Error('compiling the CLI failed')
  const loadAtStart = loadavg()
  const results: GrowthSize[] = []
  for (const n of sizes) results.push(measureSize(n, pdfMax))
  const record: GrowthRecord = {
    date: new Date().toISOString(),
    machine: hostFacts(loadAtStart),
    pdfMax,
    sizes: results,
    misses: growthMisses(results),
  }
  writeFileSync(resolve(ROOT, GROWTH_RECORD), `${JSON.stringify(record, null, 2)}\n`)
  writePage(record)
  console.log(growthMarkdown(record))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
