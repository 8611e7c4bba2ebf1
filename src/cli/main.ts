// The command line: `build` and `check` a deck folder, printing `path:line:column: error: message`.
import { basename, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { printable, sortDiagnostics } from '../compiler/diagnostics.ts'
import { createIncrementalCompiler, type CompileResult } from '../compiler/index.ts'
import { normaliseNewlines, type SourceFile } from '../compiler/source.ts'
import { displayPath } from '../compiler/load.ts'
import { closeMermaidBrowser, keepMermaidWarm } from '../compiler/mermaid.ts'
import { report, reportFailure, shownPath, summary } from './report.ts'
import {
  assembleDeck,
  buildSite,
  compileSite,
  compileSiteReusing,
  writeAtomically,
  type SiteDeck,
} from '../site/build.ts'
import { ROOT } from '../site/paths.ts'

const USAGE = `usage:
  npm run build                                       build the site: dist/index.html + dist/<session>/
  npm run build -- --slides <deck-dir> [--out <dir>]  build one deck into <dir>/index.html (default dist/<deck>/)
  npm run check [-- --slides <deck-dir>]              validate every deck (or one) without writing`

/** A failure we explain in one line; anything else is a bug and still prints without a stack. */
class UsageError extends Error {}

/**
 * Compiles one deck: the whole pipeline (src/compiler/pipeline.ts), its new Mermaid diagrams
 * drawn first. Says how many it drew; with DECK_TIMINGS=1, what each stage took.
 */
async function compileOne(dir: string): Promise<CompileResult> {
  const compiler = createIncrementalCompiler(dir, { root: ROOT })
  const result = await compiler.run()
  const { diagrams, timings } = compiler.stats
  if (diagrams && diagrams.rendered > 0)
    console.log(
      `drew ${diagrams.rendered} Mermaid diagram${diagrams.rendered === 1 ? '' : 's'} in ${diagrams.ms} ms`,
    )
  if (process.env.DECK_TIMINGS === '1')
    console.log(
      `${shownPath(dir)}: ${timings.map((t) => `${t.name} ${Math.round(t.ms)} ms`).join(', ')}`,
    )
  return result
}

const compileAll = (): Promise<SiteDeck[]> => compileSite(resolve(ROOT, 'slides'), compileOne)

/** A build replaces its output folder whole: it says so before it starts. */
function sayReplacing(out: string): void {
  if (existsSync(out))
    console.log(
      `replacing ${shownPath(out)}/ (the previous build there) once the new one is complete`,
    )
}

async function buildOne(slidesDir: string, outArg: string | undefined): Promise<number> {
  const started = performance.now()
  const result = await compileOne(slidesDir)
  if (!report(result.diagnostics)) {
    console.error(`build failed (${summary(result.diagnostics)}); nothing was written`)
    return 1
  }
  // Without --out, the deck's own folder of the site: the home page and other sessions stay.
  const out = resolve(outArg ?? resolve(ROOT, 'dist', basename(resolve(slidesDir))))
  sayReplacing(out)
  await writeAtomically(out, (dir) => assembleDeck(dir, result))
  const ms = Math.round(performance.now() - started)
  console.log(
    `built ${result.deck.slides.length} slides into ${shownPath(out)}/ in ${ms} ms (${summary(result.diagnostics)})`,
  )
  return 0
}

async function buildAll(outArg: string | undefined): Promise<number> {
  const started = performance.now()
  const out = resolve(outArg ?? resolve(ROOT, 'dist'))
  // A session whose inputs and tool are unchanged since the last build keeps its folder of it.
  const decks = await compileSiteReusing(out, compileOne)
  const results = decks.map((d) => d.result)
  const ok = results.map((r) => report(r.diagnostics)).every(Boolean)
  const total = summary(results.flatMap((r) => r.diagnostics))
  if (!ok) {
    console.error(`build failed (${total}); nothing was written`)
    return 1
  }
  sayReplacing(out)
  await buildSite(decks, out)
  const ms = Math.round(performance.now() - started)
  const slides = results.reduce((n, r) => n + r.deck.slides.length, 0)
  const reused = decks.filter((d) => d.reused).length
  const plural = (n: number) => `${n} session${n === 1 ? '' : 's'}`
  console.log(
    `built ${plural(decks.length)} (${slides} slides) and the home page into ${shownPath(out)}/ in ${ms} ms (${total}); ${plural(decks.length - reused)} compiled, ${reused} unchanged since the last build`,
  )
  return 0
}

/** Adds spelling warnings for every file the decks read (each file once). */
async function withSpelling(results: CompileResult[]): Promise<void> {
  // The spelling pass: only `check` needs it, so `build` does not import it.
  const { checkSpelling, spellingCacheDir } = await import('./spelling.ts')
  const cacheDir = spellingCacheDir(ROOT)
  const seen = new Set<string>()
  for (const result of results) {
    const files = result.deck.files
      .filter((f) => !seen.has(f) && seen.add(f))
      .map((absPath) => ({
        absPath,
        path: displayPath(absPath),
        text: normaliseNewlines(readFileSync(absPath, 'utf8')),
      }))
    result.diagnostics = sortDiagnostics([
      ...result.diagnostics,
      ...(await checkSpelling(files, ROOT, { cacheDir })),
    ])
  }
}

/** The Markdown files under `dir` (two folders deep: a deck's, or every deck's), as read now. */
function markdownUnder(dir: string, depth = 2): SourceFile[] {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries.flatMap((e) => {
    const absPath = join(dir, e.name)
    if (e.isDirectory()) return depth > 0 ? markdownUnder(absPath, depth - 1) : []
    if (!e.isFile() || !e.name.endsWith('.md')) return []
    const text = normaliseNewlines(readFileSync(absPath, 'utf8'))
    return [{ absPath, path: displayPath(absPath), text }]
  })
}

async function check(slidesDir: string | undefined): Promise<number> {
  // When some prose is new to the spelling cache, cspell loads its dictionaries (one word
  // checked) while the decks compile and a new Mermaid diagram is drawn in Chromium: the two take
  // seconds each, on different processes. Prose checked before needs no cspell.
  const warm = import('./spelling.ts').then((spelling) => {
    const files = markdownUnder(slidesDir ?? resolve(ROOT, 'slides'))
    const cacheDir = spelling.spellingCacheDir(ROOT)
    if (spelling.spellingNeedsCspell(files, ROOT, { cacheDir })) return spelling.warmSpelling(ROOT)
  })
  warm.catch(() => undefined)
  const decks = slidesDir
    ? [{ dir: slidesDir, result: await compileOne(slidesDir) }]
    : await compileAll()
  await warm.catch(() => undefined)
  await withSpelling(decks.map((d) => d.result))
  let ok = true
  for (const d of decks) {
    const good = report(d.result.diagnostics)
    ok &&= good
    const line = `${shownPath(d.dir)}: ${d.result.deck.slides.length} slides, ${summary(d.result.diagnostics)}`
    if (good) console.log(line)
    else console.error(line)
  }
  return ok ? 0 : 1
}

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        slides: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    // Node's message quotes the argument: one escaped line, whatever the argument holds.
    throw new UsageError(printable((err as Error).message))
  }
  const [command] = parsed.positionals
  if (parsed.values.help) {
    console.log(USAGE)
    return 0
  }
  const slidesDir = parsed.values.slides ? resolve(parsed.values.slides) : undefined
  if (command === 'build')
    return slidesDir ? buildOne(slidesDir, parsed.values.out) : buildAll(parsed.values.out)
  if (command === 'check') {
    if (parsed.values.out) throw new UsageError('check writes nothing; --out is for build')
    return check(slidesDir)
  }
  throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}`)
}

// One browser draws the Mermaid diagrams of every deck a command compiles; closed at the end.
keepMermaidWarm(60_000)
main(process.argv.slice(2))
  .finally(closeMermaidBrowser)
  .then(
    (code) => process.exit(code),
    (err: unknown) => {
      reportFailure(err)
      if (err instanceof UsageError) console.error(USAGE)
      process.exit(1)
    },
  )
