// Mermaid at build time: the SVG sanitiser, the pre-pass (Chromium, once per new diagram) and its
// cache, and the positioned errors the sync render reports from it.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import {
  closeMermaidBrowser,
  findMermaidBlocks,
  keepMermaidWarm,
  mermaidCacheDir,
  prerenderMermaid,
  sanitizeSvg,
} from '../../../src/compiler/mermaid.ts'

const roots: string[] = []
// One Chromium draws the diagrams of every test, as for a command over several decks.
keepMermaidWarm(60_000)
afterAll(async () => {
  await closeMermaidBrowser()
  keepMermaidWarm(0)
  roots.forEach((r) => rmSync(r, { recursive: true, force: true }))
})

/** A project root with one deck whose second file is `body`. */
function project(body: string): { root: string; deck: string } {
  const root = mkdtempSync(join(tmpdir(), 'deck-mermaid-'))
  roots.push(root)
  const deck = join(root, 'slides', '2025-01-01-d')
  mkdirSync(deck, { recursive: true })
  writeFileSync(join(deck, '01-title.md'), '---\ntitle: Diagrams\n---\n\n# Diagrams\n')
  writeFileSync(join(deck, '02-body.md'), body)
  return { root, deck }
}

const messages = (root: string, deck: string): string[] =>
  compileDeck(deck, { root }).diagnostics.map(formatDiagnostic)

describe('sanitizeSvg', () => {
  it('removes scripts, foreignObject, event handlers, external references and CSS outside the drawing', () => {
    const svg =
      '<svg id="a" onload="x()"><style>@import url(https://e.org/a.css); #a .n{fill:url(#g);stroke:url(https://e.org/x)} #a .m{fill:url(#g)} body{display:none} #a{position:fixed}</style>' +
      '<script>alert(1)</script><foreignObject><div>hi</div></foreignObject>' +
      '<g onclick="y()"><use href="#m"/><a href="https://e.org"><text>t</text></a>' +
      '<image href="https://e.org/i.png"/><path xlink:href="javascript:z()"/></g></svg>'
    const out = sanitizeSvg(svg)
    expect(out).not.toMatch(
      /script|foreignObject|onload|onclick|https:|javascript|@import|<image|<a\b|body|fixed/i,
    )
    expect(out).toContain('#a .m{fill:url(#g)}')
    // Sibling combinators reach the page beside the drawing: refused, escapes too.
    const siblings = sanitizeSvg(
      '<svg id="a"><style>#a ~ div{display:none} #a + p{color:red} #a\\~x{x:y} #a .k{fill:red}</style></svg>',
    )
    expect(siblings).not.toMatch(/display:none|color:red|x:y/)
    expect(siblings).toContain('#a .k{fill:red}')
    expect(out).toMatch(/<use href="#m"(\/>|><\/use>)/)
    expect(out).toContain('<text>t</text>')
  })
})

describe('prerenderMermaid', () => {
  it('draws a diagram once: themed, sanitised inline SVG; the next build launches no browser', async () => {
    const { root, deck } = project(
      '## Loop\n\n```mermaid\nflowchart LR\n  A[Prompt] --> B{Verifier}\n  B -->|correct| C[Reward]\n```\n',
    )
    const first = await prerenderMermaid([deck], root)
    expect(first).toMatchObject({ blocks: 1, rendered: 1, launched: true })
    expect(readdirSync(mermaidCacheDir(root))).toHaveLength(1)
    const again = await prerenderMermaid([deck], root)
    expect(again).toMatchObject({ blocks: 1, rendered: 0, launched: false })

    const result = compileDeck(deck, { root })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    const html = result.deck.slides[1]!.html
    expect(html).toMatch(
      /^<h2>Loop<\/h2>\n<figure class="deck-mermaid"><svg width="\d+" height="\d+"/,
    )
    for (const label of ['Prompt', 'Verifier', 'correct', 'Reward'])
      expect(html).toMatch(new RegExp(`<text[^>]*>(<tspan[^>]*>)*${label}`))
    expect(html).toContain('var(--deck-ink)')
    expect(html).toContain("font-family:'Inter Variable'")
    expect(html).not.toMatch(
      /<script|<foreignObject|\son\w+=|#fa000\d|https?:\/\/(?!www\.w3\.org)/i,
    )
  }, 60_000)

  it('reports a syntax error at the diagram line Mermaid names', async () => {
    const { root, deck } = project(
      '## Broken\n\nText.\n\n```mermaid\nflowchart LR\n  A --> B\n  B --> ((\n```\n',
    )
    await prerenderMermaid([deck], root)
    const out = messages(root, deck)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(
      /\/slides\/2025-01-01-d\/02-body\.md:8:3: error: Mermaid: unexpected PS \(expected .*\) \[mermaid-syntax\]$/,
    )
  }, 60_000)

  it('a diagram the slide must shrink below 20px labels is a mermaid-size warning', async () => {
    const chain = Array.from({ length: 14 }, (_, i) => `N${i}[Step ${i}]`).join(' --> ')
    const { root, deck } = project(`## Wide\n\n\`\`\`mermaid\nflowchart LR\n  ${chain}\n\`\`\`\n`)
    await prerenderMermaid([deck], root)
    const out = messages(root, deck)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(
      /02-body\.md:3:1: warning: the diagram \(\d+x\d+px\) is shrunk to fit the slide: its labels would be \d+\.\dpx, under 20px \[mermaid-size\]$/,
    )
  }, 60_000)

  it('without a browser, the error at the block says how to install one', async () => {
    const { root, deck } = project('## D\n\n```mermaid\nflowchart LR\n  A --> B\n```\n')
    const saved = process.env.CHROME_PATH
    // The browser the tests above kept open is closed: the next draw must launch one.
    await closeMermaidBrowser()
    process.env.CHROME_PATH = join(root, 'no-such-chromium')
    try {
      const stats = await prerenderMermaid([deck], root)
      expect(stats).toMatchObject({ blocks: 1, rendered: 0, launched: false })
      const [message] = messages(root, deck)
      expect(message).toMatch(/\/slides\/2025-01-01-d\/02-body\.md:3:1: error: /)
      expect(message).toContain('apt-get install -y chromium')
      expect(message).toContain('CHROME_PATH')
      expect(message).toContain('[mermaid-missing]')
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH
      else process.env.CHROME_PATH = saved
    }
  })

  it('a block the pre-pass never saw is an error at its fence', () => {
    const { root, deck } = project('## D\n\n  ```mermaid\n  flowchart LR\n    A --> B\n  ```\n')
    const out = messages(root, deck)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(
      /\/slides\/2025-01-01-d\/02-body\.md:3:3: error: this Mermaid diagram has not been drawn yet \[mermaid-missing\]$/,
    )
  })
})

describe('maths in labels', () => {
  it('typesets $$…$$ with the deck’s KaTeX at build time: KaTeX markup, no raw $$', async () => {
    const { root, deck } = project(
      '## Sampling\n\n```mermaid\nflowchart LR\n  P["Policy $$\\pi_\\theta$$"] --> T["$$p(x_t \\mid x_1 \\ldots x_{t-1})$$"]\n  T --> N[Next token]\n```\n',
    )
    expect(await prerenderMermaid([deck], root)).toMatchObject({ blocks: 1, rendered: 1 })
    const result = compileDeck(deck, { root })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    const $ = load(result.deck.slides[1]!.html, null, false)
    const svg = $('figure.deck-mermaid > svg')
    expect(svg).toHaveLength(1)
    expect($.html()).not.toContain('$$')
    // KaTeX's HTML (in KaTeX's fonts, by the deck's CSS) and MathML, one formula per label.
    // Each label is HTML in a foreignObject (cheerio's selectors read tag names in lower case,
    // the parsed SVG keeps `foreignObject`: compare names).
    const labels = svg
      .find('*')
      .filter((_, e) => (e as { tagName: string }).tagName === 'foreignObject')
    expect(labels.length).toBeGreaterThanOrEqual(3)
    const formulas = svg.find('.katex')
    expect(formulas).toHaveLength(2)
    expect(formulas.find('.katex-html').length).toBe(2)
    expect(formulas.eq(0).find('math').text()).toBe('πθ')
    expect(
      formulas
        .eq(1)
        .find('math mi')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(expect.arrayContaining(['p', 'x', 't']))
    // Plain labels stay HTML text; nothing active came through.
    expect(labels.text()).toContain('Next token')
    expect($.html()).not.toMatch(
      /<script|<img|<a\b|\son\w+=|javascript:|https?:\/\/(?!www\.w3\.org)/i,
    )
  }, 60_000)

  it('a formula Mermaid cannot hand to KaTeX whole (a `<` in it) is an error, not raw $$', async () => {
    const { root, deck } = project('```mermaid\nflowchart LR\n  A["$$x_{<t}$$"] --> B\n```\n')
    await prerenderMermaid([deck], root)
    expect(messages(root, deck)).toEqual([
      expect.stringMatching(
        /02-body\.md:1:1: error: a `\$\$…\$\$` formula in this diagram was not typeset: its `\$\$` would show as written \[mermaid-math\]$/,
      ),
    ])
  }, 60_000)

  it('a formula KaTeX refuses (\\href: trust is off) is a diagram error', async () => {
    const { root, deck } = project(
      '```mermaid\nflowchart LR\n  A["$$\\href{javascript:alert(1)}{x}$$"] --> B\n```\n',
    )
    await prerenderMermaid([deck], root)
    expect(messages(root, deck)).toEqual([
      expect.stringMatching(
        /02-body\.md:1:1: error: a formula in this diagram uses `\\href`, which KaTeX does not allow in a deck \[mermaid-math\]$/,
      ),
    ])
    expect(compileDeck(deck, { root }).deck.slides[1]!.html).not.toMatch(/<a\b|href=/)
  }, 60_000)
})

describe('sanitizeSvg with label HTML (a diagram with maths)', () => {
  it('keeps label HTML and KaTeX output in a foreignObject, and nothing active', () => {
    const svg =
      '<svg id="a"><foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml" style="display:table-cell"><span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi mathvariant="normal">x</mi></math></span>' +
      '<img src="https://e.org/x.png" onerror="x()"/><a href="javascript:y()">l</a><iframe src="https://e.org"></iframe><script>z()</script><br><p style="background:url(https://e.org/t)">t</p></div></foreignObject></svg>'
    const out = sanitizeSvg(svg, true)
    expect(out).toContain('<foreignObject width="10" height="10">')
    expect(out).toContain('<mi mathvariant="normal">x</mi>')
    expect(out).toContain('<span class="katex">')
    expect(out).not.toMatch(/<img|onerror|<a\b|javascript|<iframe|<script|https:\/\/e\.org/)
    // Without maths, a foreignObject is removed whole.
    expect(sanitizeSvg(svg)).not.toMatch(/foreignObject|katex|<math/)
  })
})

describe('findMermaidBlocks', () => {
  it('walks real folders only: a link to a folder (even to /) is never followed', () => {
    const { root, deck } = project('```mermaid\ngraph TD; A-->B\n```\n')
    const outside = mkdtempSync(join(tmpdir(), 'deck-mermaid-outside-'))
    roots.push(outside)
    writeFileSync(join(outside, 'x.md'), '```mermaid\ngraph TD; Secret-->Leak\n```\n')
    mkdirSync(join(deck, 'notes'))
    writeFileSync(join(deck, 'notes', 'y.md'), '```mermaid\ngraph TD; C-->D\n```\n')
    symlinkSync(outside, join(deck, 'linked'))
    symlinkSync('/', join(deck, 'root'))
    const started = performance.now()
    const blocks = findMermaidBlocks([deck, root])
    expect(performance.now() - started).toBeLessThan(2000)
    expect(blocks.sort()).toEqual(['graph TD; A-->B\n', 'graph TD; C-->D\n'])
  })
})
