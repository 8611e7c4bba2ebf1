// Bench builds: cold builds through the real CLI (a fresh process each), and the rebuild of one
// edited slide file with the incremental compiler (compile + the slides' HTML assembled).
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderSlides } from '../src/compiler/assemble.ts'
import { hasErrors } from '../src/compiler/diagnostics.ts'
import { compileDeck } from '../src/compiler/index.ts'
import { createIncrementalCompiler } from '../src/compiler/index.ts'

const ROOT = resolve(import.meta.dirname, '..')

export interface BuildSample {
  /** Wall time of the process, from spawn to exit (what `npm run build` costs, minus npm). */
  wallMs: number
  /** The time the CLI reports itself (compile and the page written), without Node start-up. */
  reportedMs: number
}

/** Compiles the CLI into build/ if a source changed (what `npm run build` does first). */
export function compileCli(): void {
  const run = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`compiling the CLI failed:\n${run.stderr}${run.stdout}`)
}

/** `node build/cli/main.js build --slides <deck> --out <out>` (as `npm run build`), timed. */
export function coldBuild(deck: string, out: string): BuildSample {
  const started = performance.now()
  const run = spawnSync(
    process.execPath,
    ['build/cli/main.js', 'build', '--slides', deck, '--out', out],
    { cwd: ROOT, encoding: 'utf8' },
  )
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new Error(`build of ${deck} failed:\n${run.stderr}${run.stdout}`)
  const reported = /in (\d+) ms/.exec(run.stdout)
  return { wallMs, reportedMs: reported ? Number(reported[1]) : NaN }
}

/**
 * `npm run build -- --slides <deck> --out <out>` in a fresh process: what a person types, npm's own
 * start and the `prebuild` step included. Wall ms.
 */
export function coldNpmBuild(deck: string, out: string): number {
  const started = performance.now()
  const run = spawnSync('npm', ['run', 'build', '--silent', '--', '--slides', deck, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const wallMs = performance.now() - started
  if (run.status !== 0)
    throw new Error(`npm run build of ${deck} failed:\n${run.stderr}${run.stdout}`)
  return wallMs
}

/** `node build/cli/main.js check --slides <deck>` (as `npm run check`, spelling included): wall ms. */
export function coldCheck(deck: string): number {
  const started = performance.now()
  const run = spawnSync(process.execPath, ['build/cli/main.js', 'check', '--slides', deck], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  const wallMs = performance.now() - started
  if (run.status !== 0) throw new Error(`check of ${deck} failed:\n${run.stderr}${run.stdout}`)
  return wallMs
}

export interface RebuildResult {
  /** compileDeck of the whole deck, nothing cached (ms). */
  fullCompileMs: number
  /** One per edit: incremental compile + renderSlides (ms), and the files re-rendered. */
  samples: { ms: number; file: string; rendered: string[] }[]
}

/**
 * Edits one slide file at a time (a heading gets a word, as an author would) and times the
 * incremental compile plus the assembly of every slide's `<section>` HTML. Each result is checked
 * against compileDeck once at the end.
 */
export function measureRebuild(deckDir: string, files: string[], edits: number): RebuildResult {
  let started = performance.now()
  compileDeck(deckDir, { root: ROOT })
  const fullCompileMs = performance.now() - started
  const compiler = createIncrementalCompiler(deckDir, { root: ROOT })
  const warm = compiler.compile()
  if (hasErrors(warm.diagnostics)) throw new Error('the generated deck has errors')
  const samples: RebuildResult['samples'] = []
  let last = warm
  for (let i = 0; i < edits; i++) {
    // Spread over the deck, never the first file (whose front matter changes everything).
    const name = files[1 + Math.floor(((files.length - 1) * (i + 0.5)) / edits)]!
    const path = resolve(deckDir, name)
    writeFileSync(path, readFileSync(path, 'utf8').replace('## ', `## Edit ${i} `))
    started = performance.now()
    last = compiler.compile()
    const html = renderSlides(last.deck)
    const ms = performance.now() - started
    if (html.length === 0) throw new Error('no slides assembled')
    samples.push({ ms, file: name, rendered: [...compiler.stats.rendered] })
  }
  const full = compileDeck(deckDir, { root: ROOT })
  if (JSON.stringify(full) !== JSON.stringify(last))
    throw new Error('incremental compile differs from compileDeck')
  return { fullCompileMs, samples }
}
