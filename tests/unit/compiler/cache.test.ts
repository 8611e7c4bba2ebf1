// Incremental compile: after any edit its result deep-equals compileDeck's, and only changed files
// are rendered again.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { generateDeck } from '../../../bench/deck-generator.ts'
import { compileDeck, compileFiles } from '../../../src/compiler/index.ts'
import {
  createIncrementalCompiler,
  createIncrementalFilesCompiler,
  type IncrementalCompiler,
} from '../../../src/compiler/index.ts'
import { renderSlide } from '../../../src/compiler/render.ts'
import { ROOT } from '../../helpers/deck.ts'

const TMP = mkdtempSync(resolve(tmpdir(), 'rif-incremental-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

/** An incremental compiler on `dir` that counts renders per source file (display path). */
function counting(
  dir: string,
  root = ROOT,
): { compiler: IncrementalCompiler; renders: Map<string, number> } {
  const renders = new Map<string, number>()
  const compiler = createIncrementalCompiler(dir, {
    root,
    renderSlide: (source, ctx) => {
      renders.set(source.file.path, (renders.get(source.file.path) ?? 0) + 1)
      return renderSlide(source, ctx)
    },
  })
  return { compiler, renders }
}

/** Compiles incrementally, checks the result against compileDeck, returns the files rendered. */
function step(
  compiler: IncrementalCompiler,
  renders: Map<string, number>,
  dir: string,
  root = ROOT,
): string[] {
  renders.clear()
  const result = compiler.compile()
  expect(result).toEqual(compileDeck(dir, { root }))
  return [...renders.keys()].map((p) => p.split('/').pop()!).sort()
}

const TITLE = '---\ntitle: T\nmacros:\n  "\\\\R": "\\\\mathbb{R}"\n---\n'

describe('incremental compile', () => {
  let dir: string
  const write = (name: string, text: string): void => writeFileSync(resolve(dir, name), text)
  const edit = (name: string, from: string, to: string): void => {
    const text = readFileSync(resolve(dir, name), 'utf8')
    if (!text.includes(from)) throw new Error(`${from} not in ${name}`)
    write(name, text.replace(from, to))
  }

  beforeEach((ctx) => {
    dir = resolve(TMP, ctx.task.name.replace(/\W+/g, '-'))
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    write('01-title.md', `${TITLE}# Title $\\R$\n\n---\n\n## Results\n\nSee [the end](#/end).`)
    write('02-a.md', '---\nsection: Part A\n---\n\n## Results\n\n$x^2$\n\n---\n\nno heading')
    write('03-b.md', '## Method {#method}\n\n$$\n\\R^n\n$$\n\n::: notes\nSay $y$\n:::')
    write('04-c.md', '## End {#end}\n\nBack to [the method](#/method).')
  })

  it('renders every file once, then none while nothing changes', () => {
    const { compiler, renders } = counting(dir)
    expect(step(compiler, renders, dir)).toEqual(['01-title.md', '02-a.md', '03-b.md', '04-c.md'])
    expect(step(compiler, renders, dir)).toEqual([])
  })

  it('re-renders only the edited file; ids elsewhere still follow deck order', () => {
    const { compiler, renders } = counting(dir)
    step(compiler, renders, dir)
    // 02-a's `## Results` is `results-1` until the first file's heading goes away.
    edit('01-title.md', '## Results', '## Findings')
    expect(step(compiler, renders, dir)).toEqual(['01-title.md'])
    expect(compiler.compile().deck.slides.map((s) => s.id)).toContain('results')
    edit('03-b.md', '$$\n\\R^n\n$$', '$$\n\\R^{n+1}\n$$')
    expect(step(compiler, renders, dir)).toEqual(['03-b.md'])
  })

  it('re-renders files after a section change, and all files after a macro change', () => {
    const { compiler, renders } = counting(dir)
    step(compiler, renders, dir)
    edit('02-a.md', 'Part A', 'Part B')
    expect(step(compiler, renders, dir)).toEqual(['02-a.md', '03-b.md', '04-c.md'])
    edit('01-title.md', '\\\\mathbb{R}', '\\\\mathbf{R}')
    expect(step(compiler, renders, dir)).toEqual(['01-title.md', '02-a.md', '03-b.md', '04-c.md'])
  })

  it('follows added, removed and renamed files, and a new first file', () => {
    const { compiler, renders } = counting(dir)
    step(compiler, renders, dir)
    write('025-new.md', '## New\n\n$z$')
    expect(step(compiler, renders, dir)).toEqual(['025-new.md'])
    unlinkSync(resolve(dir, '025-new.md'))
    expect(step(compiler, renders, dir)).toEqual([])
    write('00-first.md', `${TITLE}# Before`)
    // The old first file's front matter is now an error (deck keys), and it is no longer first.
    expect(step(compiler, renders, dir)).toEqual(['00-first.md', '01-title.md'])
    unlinkSync(resolve(dir, '00-first.md'))
    expect(step(compiler, renders, dir)).toEqual(['01-title.md'])
  })

  it('reports errors like compileDeck, and keeps re-rendering a file until it is fixed', () => {
    const { compiler, renders } = counting(dir)
    step(compiler, renders, dir)
    edit('03-b.md', '\\R^n', '\\frac{1}{')
    edit('04-c.md', '{#end}', '{#method}')
    expect(step(compiler, renders, dir)).toEqual(['03-b.md', '04-c.md'])
    expect(step(compiler, renders, dir)).toEqual(['03-b.md'])
    edit('03-b.md', '\\frac{1}{', '\\R^n')
    expect(step(compiler, renders, dir)).toEqual(['03-b.md'])
    write('01-title.md', '# No front matter')
    expect(step(compiler, renders, dir)).toEqual(['01-title.md', '02-a.md', '03-b.md', '04-c.md'])
  })

  it('re-renders a file when a file it includes changes', () => {
    // Includes come from the deck's folders only: slides/_shared/ beside the deck.
    mkdirSync(resolve(dir, '../_shared'), { recursive: true })
    const name = `shared-${Date.now()}.md`
    const shared = resolve(dir, '../_shared', name)
    writeFileSync(shared, '## Shared\n\n$s$')
    write('02-a.md', `## Results\n\n---\n\n{{< include ../_shared/${name} >}}`)
    const { compiler, renders } = counting(dir)
    step(compiler, renders, dir)
    expect(step(compiler, renders, dir)).toEqual([])
    writeFileSync(shared, '## Shared\n\n$t$')
    // The including file's own slide and the included one.
    expect(step(compiler, renders, dir)).toEqual(['02-a.md', shared.split('/').pop()])
    expect(compiler.stats.rendered.map((p) => p.split('/').pop())).toEqual(['02-a.md'])
    rmSync(shared)
    expect(step(compiler, renders, dir)).toEqual(['02-a.md'])
  })

  it('picks up an image created after the slide that shows it', () => {
    write('04-c.md', '## End {#end}\n\n![A dot](dot.svg)')
    const { compiler, renders } = counting(dir, TMP)
    expect(step(compiler, renders, dir, TMP)).toContain('04-c.md')
    expect(compiler.compile().diagnostics.map((d) => d.code)).toEqual(['missing-image'])
    write('dot.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>')
    expect(step(compiler, renders, dir, TMP)).toContain('04-c.md')
    expect(compiler.compile().diagnostics).toEqual([])
  })

  it('renders every time files after a \\gdef (it changes the macros later files see)', () => {
    write('02-a.md', '## Define\n\n$\\gdef\\half{\\frac12}$ and $\\half$')
    const { compiler, renders } = counting(dir)
    step(compiler, renders, dir)
    expect(step(compiler, renders, dir)).toEqual(['02-a.md', '03-b.md', '04-c.md'])
  })

  it('equals compileFiles on decks given in memory', () => {
    const files = (texts: string[]): Parameters<typeof compileFiles>[0] =>
      texts.map((text, i) => ({
        absPath: resolve(dir, `0${i}.md`),
        path: `deck/0${i}.md`,
        text,
      }))
    const inc = createIncrementalFilesCompiler({ dir, root: ROOT })
    const decks = [
      [`${TITLE}## A\n\n---\n\n## A`, '## A {#a-1}\n\n---\n\n<!-- .slide: id="x y" -->\ntext'],
      [`${TITLE}## A\n\n---\n\n## B`, '## A {#a-1}\n\n---\n\n<!-- .slide: id="x" -->\n[l](#/nope)'],
      ['## no title', '---\ntitle: late\n---\n$\\frac{$'],
    ]
    for (const texts of decks)
      expect(inc.compile(files(texts))).toEqual(compileFiles(files(texts), { dir, root: ROOT }))
  })

  it('re-renders one file of the 300-slide bench deck after one edit', () => {
    const deck = generateDeck(resolve(dir, 'deck300'))
    const { compiler, renders } = counting(deck.dir)
    step(compiler, renders, deck.dir)
    const name = deck.files[17]!
    const path = resolve(deck.dir, name)
    writeFileSync(path, readFileSync(path, 'utf8').replace('## ', '## Edited '))
    expect(step(compiler, renders, deck.dir)).toEqual([name])
    expect([...renders.values()]).toEqual([5])
    expect(compiler.stats.reused).toHaveLength(deck.files.length - 1)
  }, 60_000)
})
