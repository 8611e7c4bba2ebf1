// ```chart blocks (a named card) and the pass@k explorer at build time: diagnostics, the widget, its model.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { load, type CheerioAPI } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { compileFiles } from '../../src/compiler/index.ts'
import { expectedPassAtK, reachableShare } from '../../src/passk/index.ts'
import {
  compute,
  decodeState,
  DEFAULT_CONFIG,
  encodeState,
  normalise,
  successProbabilities,
} from '../../src/shared/explorer/model.ts'
import { compileText, formatAll, renderBody, ROOT } from '../helpers/deck.ts'

describe('```chart diagnostics', () => {
  const file = (body: string): string => `---\ntitle: T\n---\n## Slide\n\n${body}`

  it('reports an unknown chart name at its line, with a suggestion', () => {
    // Line 1-3 front matter, 4 heading, 5 blank, 6 fence, 7 the name.
    const result = compileText({ '01.md': file('```chart\nfigure-crd\n```\n') })
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toMatchObject({
      line: 7,
      column: 0,
      severity: 'error',
      code: 'chart-unknown',
      message: 'unknown chart `figure-crd`',
    })
    expect(result.diagnostics[0]!.hint).toContain('did you mean `figure-card`?')
  })

  it('reports a block that names no chart at the fence line', () => {
    const result = compileText({ '01.md': file('Text.\n\n```chart\n```\n') })
    expect(formatAll(result)).toBe(
      'deck/01.md:8:1: error: a ```chart block must name its chart on its first line [chart-unknown]',
    )
  })

  it('reports an unknown chart inside a list at the right line and column', () => {
    const result = compileText({ '01.md': file('- item\n\n  ```chart\n  nope\n  ```\n') })
    expect(formatAll(result)).toBe('deck/01.md:9:3: error: unknown chart `nope` [chart-unknown]')
  })

  /** Compiles one slide as a deck whose folder is `deck` (the figure card reads its data/ folder). */
  const inDeck = (deck: string, body: string): ReturnType<typeof compileFiles> =>
    compileFiles([{ absPath: resolve(deck, '01.md'), path: 'deck/01.md', text: file(body) }], {
      dir: deck,
      root: ROOT,
    })
  const deckWith = (figures: unknown): string => {
    const deck = mkdtempSync(resolve(tmpdir(), 'charts-'))
    mkdirSync(resolve(deck, 'data'))
    writeFileSync(resolve(deck, 'data/paper-figures.json'), JSON.stringify(figures))
    return deck
  }
  const FIGURE = {
    what: 'a plot',
    caption: 'A caption.',
    where: 'v1, §2',
    url: 'https://example.org/paper#F1',
  }

  it('reports bad options at their own lines', () => {
    const result = inDeck(
      deckWith({ source: 's', description: 'd', figures: { '1': FIGURE } }),
      '```chart\nfigure-card\nfigure: 0\nfigur: 1\nnonsense\n```\n',
    )
    expect(formatAll(result)).toBe(
      [
        'deck/01.md:8:1: error: chart `figure-card`: `figure` must be an integer from 1 to 999; got `0` [chart-option]',
        'deck/01.md:9:1: error: chart `figure-card`: unknown option `figur` [chart-option]',
        'deck/01.md:10:1: error: chart `figure-card`: expected an option as `key: value`, got `nonsense` [chart-option]',
      ].join('\n'),
    )
    expect(result.diagnostics[1]!.hint).toContain('did you mean `figure`?')
  })

  it("reports a missing or broken figures file as chart-data at the chart name, naming the deck's file", () => {
    const missing = inDeck(
      mkdtempSync(resolve(tmpdir(), 'charts-')),
      '```chart\nfigure-card\n```\n',
    )
    expect(formatAll(missing)).toBe(
      'deck/01.md:7:1: error: chart `figure-card`: data/paper-figures.json: not found [chart-data]',
    )
    const broken = inDeck(
      deckWith({ source: 's', description: 'd', figures: { '1': { ...FIGURE, url: 'http://x' } } }),
      '```chart\nfigure-card\n```\n',
    )
    expect(formatAll(broken)).toBe(
      'deck/01.md:7:1: error: chart `figure-card`: data/paper-figures.json: figures.1.url must be an https link [chart-data]',
    )
    const absent = inDeck(
      deckWith({ source: 's', description: 'd', figures: { '1': FIGURE } }),
      '```chart\nfigure-card\nfigure: 4\n```\n',
    )
    expect(formatAll(absent)).toBe(
      'deck/01.md:7:1: error: chart `figure-card`: data/paper-figures.json has no figure 4 (it has 1) [chart-data]',
    )
  })

  it('draws a card from the figures file of the deck it is in', () => {
    const result = inDeck(
      deckWith({ source: 's', description: 'd', figures: { '1': FIGURE } }),
      '```chart\nfigure-card\n```\n',
    )
    expect(formatAll(result)).toBe('')
    const $ = load(result.deck.slides[0]!.html)
    expect($('figure.deck-figure-card .deck-figure-what').text()).toBe('Figure 1: a plot')
    expect($('figure.deck-figure-card a').attr('href')).toBe(FIGURE.url)
  })

  it('leaves other fences to the code renderer', () => {
    const { html, result } = renderBody('```js\nlet chart = 1\n```\n\n```\nchart\n```\n')
    expect(formatAll(result)).toBe('')
    // Both blocks reach the code renderer (src/compiler/markdown/code.ts) as code, not as charts.
    const $ = load(html)
    expect($('pre code')).toHaveLength(2)
    expect($('pre code').first().text().trim()).toBe('let chart = 1')
    expect($('pre code').last().text().trim()).toBe('chart')
    expect($('figure.deck-chart, svg')).toHaveLength(0)
  })
})

describe('```passk-explorer at build time', () => {
  const explorer = (...options: string[]): CheerioAPI => {
    const { html, result } = renderBody(['```passk-explorer', ...options, '```', ''].join('\n'))
    expect(formatAll(result)).toBe('')
    return load(html)
  }

  it('renders a static chart, numbers and the KaTeX formula; the sliders wait for the runtime', () => {
    const $ = explorer()
    const root = $('.passk-explorer')
    expect(root).toHaveLength(1)
    expect(root.attr('data-state')).toBe('b10-90_r30-70')
    expect(root.attr('data-kmax')).toBe('1024')
    const svg = root.find('svg[role="img"]')
    expect(svg.find('title').text()).toContain('illustrative')
    expect(svg.find('desc').text()).toContain('Illustrative model, not data from the paper')
    expect(root.find('.katex .katex-mathml annotation').text()).toContain(String.raw`\text{pass@}k`)
    expect(root.find('[data-explorer-status]').text()).toBe('Base overtakes RL at k = 52')
    expect(root.find('caption').text()).toBe('Illustrative model, not the paper’s data')
    const form = root.find('form[data-explorer-controls]')
    expect(form.attr('hidden')).toBeDefined()
    expect(form.attr('data-prevent-swipe')).toBeDefined()
    const inputs = form.find('input[type="range"]')
    expect(inputs).toHaveLength(4)
    inputs.each((_, input) => {
      expect($(`label[for="${$(input).attr('id')}"]`)).toHaveLength(1)
    })
    expect($.html()).not.toMatch(/<script|\son[a-z]+=/i)
  })

  it('takes its defaults from the block', () => {
    const $ = explorer(
      'base-pass1: 5',
      'base-solvable: 95',
      'rl-pass1: 40',
      'rl-solvable: 60',
      'kmax: 256',
    )
    const root = $('.passk-explorer')
    expect(root.attr('data-state')).toBe('b5-95_r40-60')
    expect(root.attr('data-kmax')).toBe('256')
    expect(root.find('input[name="rl-pass1"]').attr('value')).toBe('40')
    const r = compute(decodeState('b5-95_r40-60')!, { ...DEFAULT_CONFIG, kMax: 256 })
    expect(root.find('[data-explorer-status]').text()).toBe(
      `Base overtakes RL at k = ${r.crossover!.k}`,
    )
    expect(root.find('tbody tr').eq(1).text()).toContain('pass@256')
  })

  it('reports bad explorer options', () => {
    const result = compileText({
      '01.md':
        '---\ntitle: T\n---\n```passk-explorer\nrl-pass1: 80\nkmax: 1000\ncolour: red\n```\n',
    })
    expect(formatAll(result)).toBe(
      [
        "deck/01.md:5:1: error: passk-explorer: `rl-pass1` (80) is above `rl-solvable` (70); pass@1 can't exceed the share of problems ever solved [chart-option]",
        'deck/01.md:6:1: error: passk-explorer: `kmax` must be an integer power of 2 from 16 to 65536; got `1000` [chart-option]',
        'deck/01.md:7:1: error: passk-explorer: unknown option `colour` [chart-option]',
      ].join('\n'),
    )
  })
})

describe('the explorer model', () => {
  it('builds per-problem success with the pass@1 and solvable share the sliders set', () => {
    for (const [pass1, solvable] of [
      [10, 90],
      [30, 70],
      [1, 100],
      [50, 50],
      [99, 100],
    ] as const) {
      const p = successProbabilities({ pass1, solvable }, 1)
      expect(expectedPassAtK(p, 1)).toBeCloseTo(pass1 / 100, 9)
      expect(reachableShare(p)).toBeCloseTo(solvable / 100, 12)
    }
  })

  it('keeps pass@1 at or below the solvable share, giving way on the other slider', () => {
    expect(normalise({ pass1: 80, solvable: 60 }, 'pass1')).toEqual({ pass1: 80, solvable: 80 })
    expect(normalise({ pass1: 80, solvable: 60 }, 'solvable')).toEqual({ pass1: 60, solvable: 60 })
    expect(normalise({ pass1: 0, solvable: 120 })).toEqual({ pass1: 1, solvable: 100 })
  })

  it('round-trips its state through the URL form and rejects junk', () => {
    const s = { base: { pass1: 7, solvable: 88 }, rl: { pass1: 45, solvable: 61 } }
    expect(encodeState(s)).toBe('b7-88_r45-61')
    expect(decodeState(encodeState(s))).toEqual(s)
    expect(decodeState('b7-88')).toBeUndefined()
    expect(decodeState('<script>')).toBeUndefined()
    expect(decodeState(null)).toBeUndefined()
    expect(decodeState('b90-10_r30-70')).toEqual({
      base: { pass1: 90, solvable: 90 },
      rl: { pass1: 30, solvable: 70 },
    })
  })

  it('marks where the curves cross, checked against a scan of every k', () => {
    const r = compute(decodeState('b10-90_r30-70')!, DEFAULT_CONFIG)
    const k = r.crossover!.k
    expect(r.crossover!.ahead).toBe('a')
    expect(r.at('base', k)).toBeGreaterThan(r.at('rl', k))
    for (let j = 1; j < k; j++) expect(r.at('base', j)).toBeLessThanOrEqual(r.at('rl', j))
    // Same reach for both: the RL model stays ahead, no crossover.
    expect(compute(decodeState('b10-90_r30-90')!, DEFAULT_CONFIG).crossover).toBeUndefined()
  })
})

describe('the session deck uses the charts', () => {
  it('draws its data charts as Vega-Lite blocks, its figures as cards, and has the explorer', () => {
    const text = readFileSync(resolve(ROOT, 'slides/2025-07-16-rlvr-reasoning/04-paper.md'), 'utf8')
    expect(text.match(/^```vega-lite/gm)).toHaveLength(3)
    expect(text.match(/^```chart\nfigure-card\n/gm)).toHaveLength(3)
    expect(text).toContain('```passk-explorer')
  })
})
