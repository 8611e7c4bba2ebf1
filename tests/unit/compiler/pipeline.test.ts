// The pipeline (src/compiler/pipeline.ts): every stage in one order, each timed, the same stages
// whether the compile may draw diagrams (asynchronous) or not (synchronous).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compile, compileDeck, createIncrementalCompiler } from '../../../src/compiler/index.ts'
import { STAGE_ORDER } from '../../../src/compiler/pipeline.ts'
import { drive, step, type Stage, type StageTiming } from '../../../src/compiler/stages/stage.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A project root with one deck of `files`. */
function project(files: Record<string, string>): { root: string; deck: string } {
  const root = mkdtempSync(join(tmpdir(), 'deck-pipeline-'))
  dirs.push(root)
  const deck = join(root, 'slides', '2025-01-01-d')
  mkdirSync(deck, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(deck, name), text)
  return { root, deck }
}

const CITING = {
  '01.md':
    '---\ntitle: T\n---\n\n# A {#a}\n\nSee [B](#/b) and [@k].\n\n---\n\n# B\n\n::: references\n:::\n',
  'references.bib': '@article{k, title = {A Work}, author = {Doe, Jane}, year = {2020}}\n',
}

describe('the pipeline', () => {
  it('runs every stage once, in the order it names, and times each', () => {
    const { root, deck } = project(CITING)
    const compiler = createIncrementalCompiler(deck, { root })
    const result = compiler.compile()
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(compiler.stats.timings.map((t) => t.name)).toEqual([...STAGE_ORDER])
    for (const t of compiler.stats.timings) expect(t.ms).toBeGreaterThanOrEqual(0)
    expect(result.deck.slides[1]!.html).toContain('Doe')
    // citation-js loads on a deck's first citation: seconds on a busy machine.
  }, 30_000)

  it('runs no file stage for a file whose inputs did not change', () => {
    const { root, deck } = project(CITING)
    const compiler = createIncrementalCompiler(deck, { root })
    compiler.compile()
    compiler.compile()
    expect(compiler.stats.reused).toHaveLength(1)
    const names = compiler.stats.timings.map((t) => t.name)
    expect(names).not.toContain('render')
    expect(names).toEqual(
      STAGE_ORDER.filter((n) => !['split', 'title', 'include', 'render'].includes(n)),
    )
  })

  it('gives the same deck asynchronously (diagrams drawn) as synchronously', async () => {
    const { root, deck } = project(CITING)
    const pending = compile(deck, { root })
    expect(pending).toBeInstanceOf(Promise)
    expect(await pending).toEqual(compileDeck(deck, { root }))
  })

  it('reports a deck folder that cannot be read, after the same stages', async () => {
    const root = mkdtempSync(join(tmpdir(), 'deck-pipeline-'))
    dirs.push(root)
    const result = await compile(join(root, 'nowhere'), { root })
    expect(result.diagnostics.map((d) => d.code)).toEqual(['deck-missing'])
  })
})

describe('the stage runner', () => {
  const timings: StageTiming[] = []
  const double: Stage<number, number> = { name: 'double', run: (n) => n * 2 }
  const later: Stage<number, Promise<number>> = {
    name: 'later',
    run: (n) => new Promise((done) => setTimeout(() => done(n + 1), 5)),
  }
  function* steps(async: boolean) {
    const a = yield* step(double, 1, [], timings)
    const b = async ? yield* step(later, a, [], timings) : a + 1
    return yield* step(double, b, [], timings)
  }

  it('runs synchronously while every stage answers at once', () => {
    expect(drive(steps(false))).toBe(6)
  })

  it('waits for a stage that answers with a promise, then goes on', async () => {
    const out = drive(steps(true))
    expect(out).toBeInstanceOf(Promise)
    expect(await out).toBe(6)
    expect(timings.find((t) => t.name === 'later')!.ms).toBeGreaterThanOrEqual(4)
  })
})
