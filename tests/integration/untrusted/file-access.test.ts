// Every file a deck names goes through the one file-access function (src/untrusted/paths.ts,
// readDeckFile). This lists each front-matter key and syntax that names a file, and attacks each
// with a symlink out of the project, a `../` path out, an absolute path and a FIFO (which must not
// hang the build), asserting the exact positioned outcome, and that no output or message holds a
// byte of the file outside. No key or syntax names a font file: fonts come from the project's own
// dependencies only. (Here because a FIFO is made with `mkfifo`, a child process.)
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { closeChartWorker } from '../../../src/charts/vega-lite/index.ts'
import {
  compileDeck,
  createIncrementalCompiler,
  type CompileResult,
} from '../../../src/compiler/index.ts'
import { findMermaidBlocks } from '../../../src/compiler/mermaid.ts'
import { deckErrorOf } from '../../../src/vite/context.ts'

const TMP = mkdtempSync(join(tmpdir(), 'deck-file-access-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

/** The secret every attack aims at: a file of the machine outside the project. */
const CANARY = 'OCANARY-7c21-SECRET'
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAAABJRU5ErkJggg==',
  'base64',
)
mkdirSync(join(TMP, 'outside'))
for (const ext of ['md', 'png', 'svg', 'mp4', 'csl', 'bib', 'json'])
  writeFileSync(
    join(TMP, 'outside', `secret.${ext}`),
    ext === 'png' ? Buffer.concat([png, Buffer.from(CANARY)]) : `${CANARY}\n`,
  )

/** A project of its own (slides/ with its _shared/ folder) for each case. */
let n = 0
function project(): { root: string; deck: string } {
  const root = join(TMP, `p${++n}`)
  mkdirSync(join(root, 'slides/_shared'), { recursive: true })
  const deck = join(root, 'slides/2025-01-01-attack')
  mkdirSync(join(deck, 'parts'), { recursive: true })
  return { root, deck }
}

const fifo = (path: string): void => {
  const made = spawnSync('mkfifo', [path])
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`)
}

type Attack = 'symlink out' | '../ out' | 'absolute path' | 'FIFO'
const ATTACKS: Attack[] = ['symlink out', '../ out', 'absolute path', 'FIFO']

/** What the policy answers for each attack, after the path the deck wrote. */
const WHY: Record<Attack, string> = {
  'symlink out': "is a link to a file outside the deck's folders [path-outside]",
  '../ out': "is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]",
  'absolute path':
    "is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]",
  FIFO: 'is not a regular file (a pipe, a socket or a device is never read) [not-a-file]',
}

/**
 * A syntax that names a file: the file's extension, the deck's files naming `path`, and the
 * error line expected (`file:line:col` and what the message says before the path).
 */
interface Channel {
  syntax: string
  ext: string
  files: (path: string) => Record<string, string>
  at: string
  what: string
}

const slide = (body: string) => (p: string) => ({ '02-a.md': `## A\n\n${body.replace('%', p)}\n` })

const CHANNELS: Channel[] = [
  {
    syntax: '{{< include path >}}',
    ext: 'md',
    files: (p) => ({ '02-a.md': `{{< include ${p} >}}\n` }),
    at: '02-a.md:1:1',
    what: 'include:',
  },
  {
    syntax: '![alt](path.png)',
    ext: 'png',
    files: slide('![x](%)'),
    at: '02-a.md:3:1',
    what: 'image',
  },
  {
    syntax: '![alt](path.svg) (inlined)',
    ext: 'svg',
    files: slide('![x](%)'),
    at: '02-a.md:3:1',
    what: 'image',
  },
  {
    syntax: '<img src>',
    ext: 'png',
    files: slide('<img src="%" alt="x">'),
    at: '02-a.md:3:11',
    what: '<img src>',
  },
  {
    syntax: '<img srcset>',
    ext: 'png',
    files: slide('<img srcset="% 2x" alt="x">'),
    at: '02-a.md:3:14',
    what: '<img srcset>',
  },
  {
    syntax: '<video src>',
    ext: 'mp4',
    files: slide('<video src="%"></video>'),
    at: '02-a.md:3:13',
    what: '<video src>',
  },
  {
    syntax: '<video poster>',
    ext: 'png',
    files: slide('<video poster="%"></video>'),
    at: '02-a.md:3:16',
    what: '<video poster>',
  },
  {
    syntax: '<!-- .slide: data-background-image -->',
    ext: 'png',
    files: slide('<!-- .slide: data-background-image="%" -->'),
    at: '02-a.md:3:37',
    what: '<section data-background-image>',
  },
  {
    syntax: '<!-- .slide: data-background-video -->',
    ext: 'mp4',
    files: slide('<!-- .slide: data-background-video="%" -->'),
    at: '02-a.md:3:37',
    what: '<section data-background-video>',
  },
  {
    syntax: '<!-- .slide: data-background="x.png" -->',
    ext: 'png',
    files: slide('<!-- .slide: data-background="%" -->'),
    at: '02-a.md:3:31',
    what: '<section data-background>',
  },
  {
    syntax: '{data-src=path}',
    ext: 'png',
    files: slide('Text {data-src=%}'),
    at: '02-a.md:3:16',
    what: '<p data-src>',
  },
  {
    syntax: 'style="…url(path)…"',
    ext: 'png',
    files: slide('<div style="background:url(%)">a</div>'),
    at: '02-a.md:3:13',
    what: '`style` url()',
  },
  {
    syntax: 'style="…image-set(\'path\' 1x)…"',
    ext: 'png',
    files: slide('<div style="background-image:image-set(\'%\' 1x)">a</div>'),
    at: '02-a.md:3:13',
    what: '`style` url()',
  },
  {
    syntax: 'csl: (front matter)',
    ext: 'csl',
    files: (p) => ({
      '01-title.md': `---\ntitle: T\ncsl: ${p}\n---\n# T\n\nSee [@a].\n`,
      'references.bib': '@article{a, title={A}, year={2020}}\n',
    }),
    at: '01-title.md:3:1',
    what: 'the citation style',
  },
]

/** The path an attack writes, after preparing what it needs in the deck. */
function aim(attack: Attack, deck: string, ext: string): string {
  const target = join(TMP, 'outside', `secret.${ext}`)
  if (attack === 'symlink out') symlinkSync(target, join(deck, `parts/link.${ext}`))
  if (attack === 'FIFO') fifo(join(deck, `parts/fifo.${ext}`))
  return {
    'symlink out': `parts/link.${ext}`,
    '../ out': `../../../outside/secret.${ext}`,
    'absolute path': target,
    FIFO: `parts/fifo.${ext}`,
  }[attack]
}

/** Compiles, with a bound on time (a FIFO read would block forever). */
function compile(root: string, deck: string): CompileResult {
  const started = performance.now()
  const result = compileDeck(deck, { root })
  expect(performance.now() - started).toBeLessThan(30_000)
  return result
}

const errors = (r: CompileResult): string[] =>
  r.diagnostics
    .filter((d) => d.severity === 'error')
    .map(formatDiagnostic)
    .map((l) => l.replace(/^.*\/slides\/2025-01-01-attack\//, ''))

/** Nothing of the file outside reached the output or a message. */
function expectNothingRead(r: CompileResult): void {
  const out = JSON.stringify([r.deck.slides, r.diagnostics])
  expect(out).not.toContain(CANARY)
  for (const asset of r.deck.assets)
    expect(Buffer.from(asset.bytes).toString('latin1')).not.toContain(CANARY)
}

describe('every syntax that names a file, attacked four ways', () => {
  for (const channel of CHANNELS)
    for (const attack of ATTACKS)
      it(`${channel.syntax}: ${attack}`, () => {
        const { root, deck } = project()
        const path = aim(attack, deck, channel.ext)
        const files = channel.files(path)
        if (!('01-title.md' in files)) files['01-title.md'] = '---\ntitle: T\n---\n# T\n'
        for (const [name, text] of Object.entries(files)) writeFileSync(join(deck, name), text)
        const r = compile(root, deck)
        // `csl:` takes a plain name in the session folder: the front matter refuses `../` and `/`.
        const expected =
          channel.ext === 'csl' && (attack === '../ out' || attack === 'absolute path')
            ? '01-title.md:3:6: error: `csl` must name a `.csl` citation style file in the session folder, e.g. `ieee.csl` [front-matter-type]'
            : `${channel.at}: error: ${channel.what} \`${path}\` ${WHY[attack]}`
        expect(errors(r)).toEqual([expected])
        expectNothingRead(r)
      })
})

/** Files named by place, not by a path the deck writes: `../` and absolute paths do not apply. */
describe('files a deck names by their place', () => {
  const cite = { '01-title.md': '---\ntitle: T\n---\n# T\n\nSee [@a].\n' }

  it.each([
    [
      'symlink out',
      "02-leak.md:1:1: error: `02-leak.md` is a link to a file outside the deck's folders [path-outside]",
    ],
    [
      'FIFO',
      '02-leak.md:1:1: error: `02-leak.md` is not a regular file (a pipe, a socket or a device is never read) [not-a-file]',
    ],
  ] as const)('a Markdown file of the deck folder: %s', (attack, line) => {
    const { root, deck } = project()
    writeFileSync(join(deck, '01-title.md'), '---\ntitle: T\n---\n# T\n')
    if (attack === 'FIFO') fifo(join(deck, '02-leak.md'))
    else symlinkSync(join(TMP, 'outside/secret.md'), join(deck, '02-leak.md'))
    const r = compile(root, deck)
    expect(errors(r)).toEqual([line])
    expectNothingRead(r)
  })

  it.each([
    [
      'references.bib',
      'symlink out',
      "01-title.md:6:6: error: the bibliography `references.bib` is a link to a file outside the deck's folders [path-outside]",
    ],
    [
      'references.bib',
      'FIFO',
      '01-title.md:6:6: error: the bibliography `references.bib` is not a regular file (a pipe, a socket or a device is never read) [not-a-file]',
    ],
    [
      '../_shared/references.bib',
      'symlink out',
      "01-title.md:6:6: error: the bibliography `../_shared/references.bib` is a link to a file outside the deck's folders [path-outside]",
    ],
    [
      '../_shared/references.bib',
      'FIFO',
      '01-title.md:6:6: error: the bibliography `../_shared/references.bib` is not a regular file (a pipe, a socket or a device is never read) [not-a-file]',
    ],
  ] as const)('the bibliography %s: %s, reported at the first citation', (name, attack, line) => {
    const { root, deck } = project()
    for (const [file, text] of Object.entries(cite)) writeFileSync(join(deck, file), text)
    if (attack === 'FIFO') fifo(join(deck, name))
    else symlinkSync(join(TMP, 'outside/secret.bib'), join(deck, name))
    const r = compile(root, deck)
    // The other errors: with no bibliography read, `@a` is an unknown key.
    expect(errors(r).filter((l) => !l.includes('[citation-unknown]'))).toEqual([line])
    expectNothingRead(r)
  })

  it.each([
    [
      'symlink out',
      "02-a.md:4:1: error: chart `figure-card`: data/paper-figures.json: `data/paper-figures.json` is a link to a file outside the deck's folders [chart-data]",
    ],
    [
      'FIFO',
      '02-a.md:4:1: error: chart `figure-card`: data/paper-figures.json: `data/paper-figures.json` is not a regular file (a pipe, a socket or a device is never read) [chart-data]',
    ],
  ] as const)("a card's data file (the deck's data/paper-figures.json): %s", (attack, line) => {
    const { root, deck } = project()
    writeFileSync(join(deck, '01-title.md'), '---\ntitle: T\n---\n# T\n')
    writeFileSync(join(deck, '02-a.md'), '## A\n\n```chart\nfigure-card\n```\n')
    mkdirSync(join(deck, 'data'))
    const data = join(deck, 'data/paper-figures.json')
    if (attack === 'FIFO') fifo(data)
    else symlinkSync(join(TMP, 'outside/secret.json'), data)
    const r = compile(root, deck)
    expect(errors(r)).toEqual([line])
    expectNothingRead(r)
  })
})

describe("the Mermaid pre-pass (it reads every deck's Markdown before the compile)", () => {
  it('skips a FIFO and a link out instead of blocking on them or reading through them', () => {
    const { deck } = project()
    writeFileSync(
      join(deck, '01-title.md'),
      '---\ntitle: T\n---\n# T\n\n```mermaid\ngraph LR\n  a --> b\n```\n',
    )
    fifo(join(deck, '02-pipe.md'))
    writeFileSync(
      join(TMP, 'outside', 'diagram.md'),
      '```mermaid\ngraph LR\n  secret --> leak\n```\n',
    )
    symlinkSync(join(TMP, 'outside', 'diagram.md'), join(deck, '03-link.md'))
    const started = performance.now()
    expect(findMermaidBlocks([deck])).toEqual(['graph LR\n  a --> b\n'])
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

describe("the dev server's error overlay (a code frame of the first error's file)", () => {
  it('shows no frame of a refused file: neither a link out nor a FIFO is read', () => {
    const { root, deck } = project()
    writeFileSync(join(deck, '01-title.md'), '---\ntitle: T\n---\n# T\n')
    symlinkSync(join(TMP, 'outside/secret.md'), join(deck, '02-leak.md'))
    fifo(join(deck, '03-pipe.md'))
    const r = compile(root, deck)
    const refused = r.diagnostics.filter((d) => d.severity === 'error')
    expect(refused.map((d) => d.code)).toEqual(['path-outside', 'not-a-file'])
    for (const d of refused) {
      const started = performance.now()
      const error = deckErrorOf([d])
      expect(performance.now() - started).toBeLessThan(10_000)
      expect(error.frame).toBe('')
      expect(error.message).not.toContain(CANARY)
    }
    // A file of the deck still gets its frame.
    writeFileSync(join(deck, '04-ok.md'), '## A\n\n$\\frac{1}{$\n')
    const broken = compile(root, deck).diagnostics.find((d) => d.code === 'katex-parse')!
    expect(deckErrorOf([broken]).frame).toContain('\\frac{1}{')
  })
})

describe("a Vega-Lite chart's data.url (drawn by the pipeline's `charts` stage)", () => {
  afterAll(() => closeChartWorker())
  for (const attack of ATTACKS)
    it(`data.url: ${attack}`, async () => {
      const { root, deck } = project()
      const path = aim(attack, deck, 'json')
      const spec = JSON.stringify({
        data: { url: path },
        mark: 'bar',
        encoding: { x: { field: 'a', type: 'nominal' } },
      })
      writeFileSync(join(deck, '01-title.md'), '---\ntitle: T\n---\n# T\n')
      writeFileSync(join(deck, '02-a.md'), `## A\n\n\`\`\`vega-lite\n${spec}\n\`\`\`\n`)
      const started = performance.now()
      const r = await createIncrementalCompiler(deck, { root }).run()
      expect(performance.now() - started).toBeLessThan(60_000)
      const lines = errors(r)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^02-a\.md:4:\d+: error: .*\[vega-lite-data-refused\]$/)
      expectNothingRead(r)
    })
})
