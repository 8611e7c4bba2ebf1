// Charts and the explorer at build time: SVG with title/desc/table, numbers from the data files, diagnostics.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { load, type CheerioAPI } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { CHARTS } from '../../src/charts/index.ts'
import { COLOURS, LIGHT_COLOURS } from '../../src/shared/colours.ts'
import { compileDeck, compileFiles } from '../../src/compiler/index.ts'
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

interface MetricFile {
  source: string
  metrics: string[]
  datasets: Record<string, string>
  models: { name: string; step?: number; values: Record<string, Record<string, number>> }[]
}
const data = (file: string): unknown =>
  JSON.parse(readFileSync(resolve(ROOT, 'assets/data', file), 'utf8')) as unknown
const rlAlgorithms = data('rl-algorithms.json') as MetricFile
const grpoSteps = data('grpo-steps.json') as MetricFile
const aime = data('aime24-coverage.json') as Record<string, unknown> & {
  problems: number
  both: number
  baseOnly: number
  rlOnly: number
  neither: number
  base: { solved: number }
  rl: { solved: number }
}

/** Renders one chart block (with option lines) and returns its HTML loaded in cheerio. */
function chart(name: string, ...options: string[]): CheerioAPI {
  const { html, result } = renderBody(['```chart', name, ...options, '```', ''].join('\n'))
  expect(formatAll(result)).toBe('')
  return load(html)
}

/** The rows of the figure's data table, as text cells. */
const tableRows = ($: CheerioAPI): string[][] =>
  $('figure table tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .find('th,td')
        .toArray()
        .map((c) => $(c).text()),
    )

/** The SVG charts (a figure card is HTML around a QR code: tests/unit/charts/figure-card.test.ts). */
const SVG_CHARTS = Object.entries(CHARTS)
  .filter(([, spec]) => 'render' in spec)
  .map(([name]) => name)

describe('every chart', () => {
  for (const name of SVG_CHARTS) {
    it(`${name}: an accessible inline SVG at slide scale, theme colours, a data table, no script`, () => {
      const $ = chart(name)
      const svg = $('figure.deck-chart > svg')
      expect(svg).toHaveLength(1)
      expect(svg.attr('role')).toBe('img')
      const [titleId, descId] = (svg.attr('aria-labelledby') ?? '').split(' ')
      expect($(`svg > title#${titleId}`).text()).not.toBe('')
      expect($(`svg > desc#${descId}`).text()).toContain(
        'Source: Yue et al. (2025), arXiv:2504.13837v2',
      )
      // Drawn 1:1: the viewBox is the size on the slide, so font sizes are px on the slide.
      expect(svg.attr('viewBox')).toBe(`0 0 ${svg.attr('width')} ${svg.attr('height')}`)
      expect(Number(svg.attr('width'))).toBeLessThanOrEqual(1232)
      expect(Number(svg.attr('height'))).toBeLessThanOrEqual(460)
      const sizes = [
        svg.attr('font-size'),
        ...$('svg [font-size]').map((_, e) => $(e).attr('font-size')),
      ]
      for (const size of sizes) expect(Number(size)).toBeGreaterThanOrEqual(20)
      const markup = $.html()
      expect(markup).not.toMatch(/<script|\son[a-z]+=|javascript:/i)
      expect(markup).not.toMatch(/font-family:(?!inherit)|font-family="/)
      // Colours through the theme's CSS variables; a bare colour only as a variable's fallback.
      const light: string[] = Object.values(LIGHT_COLOURS)
      for (const [, fallback] of markup.matchAll(/var\(--deck-[a-z-]+, (#[0-9a-f]{6})\)/gi))
        expect(light).toContain(fallback!.toLowerCase())
      expect(markup.replace(/var\(--deck-[a-z-]+, #[0-9a-f]{6}\)/gi, '')).not.toMatch(
        /#[0-9a-f]{3,6}\b|rgb\(/i,
      )
      // The data table alternative: a real table with a caption citing the source, and headers.
      const table = $('figure .deck-chart-data table')
      expect(table).toHaveLength(1)
      expect(table.find('caption').text()).toContain('arXiv:2504.13837v2')
      expect(table.find('thead th[scope="col"]').length).toBeGreaterThan(1)
      expect(table.find('tbody th[scope="row"]').length).toBeGreaterThan(1)
      // The SVG is well-formed XML.
      expect(() => load(svg.toString(), { xml: true })).not.toThrow()
    })
  }

  it('gives two charts on one page different ids', () => {
    const { html } = renderBody('```chart\ngrpo-steps\n```\n\n```chart\ngrpo-steps\n```\n')
    const ids = load(html)('[id]')
      .map((_, e) => load(html)(e).attr('id'))
      .get()
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('chart numbers come from assets/data', () => {
  it('every data file names its source: paper version and table', () => {
    for (const file of [
      'rl-algorithms.json',
      'grpo-steps.json',
      'aime24-coverage.json',
      'livecodebench-coverage.json',
    ]) {
      const { source } = data(file) as { source: string }
      expect(source).toMatch(/arXiv:2504\.13837v2, .*Table \d/)
    }
  })

  for (const dataset of Object.keys(rlAlgorithms.datasets)) {
    it(`rl-algorithms, ${dataset}: table, labels and description match v2 Table 2`, () => {
      const $ = chart('rl-algorithms', `dataset: ${dataset}`)
      const expected = rlAlgorithms.models.map((m) => [
        m.name,
        m.values[dataset]!['pass@1']!.toFixed(1),
        m.values[dataset]!['pass@256']!.toFixed(1),
      ])
      expect(tableRows($)).toEqual(expected)
      const labels = $('svg text')
        .map((_, e) => $(e).text())
        .get()
      for (const [, a, b] of expected) expect(labels).toEqual(expect.arrayContaining([a, b]))
      expect($('svg desc').text()).toContain(rlAlgorithms.datasets[dataset])
    })
  }

  it('rl-algorithms: exactly the paper’s values on Omni-MATH-Train', () => {
    expect(tableRows(chart('rl-algorithms'))).toEqual([
      ['Qwen2.5-7B (base)', '9.9', '67.2'],
      ['GRPO', '26.1', '66.3'],
      ['PPO', '27.2', '65.8'],
      ['ReMax', '24.4', '65.5'],
      ['RLOO', '28.6', '66.4'],
      ['Reinforce++', '28.2', '67.7'],
      ['DAPO', '31.4', '66.1'],
    ])
    // The honesty caveat is in the description: one algorithm is above the base at pass@256.
    expect(chart('rl-algorithms')('svg desc').text()).toContain('Reinforce++ is above it')
  })

  for (const dataset of Object.keys(grpoSteps.datasets)) {
    it(`grpo-steps, ${dataset}: table matches v2 Table 3`, () => {
      const $ = chart('grpo-steps', `dataset: ${dataset}`)
      expect(tableRows($)).toEqual(
        grpoSteps.models.map((m) => [
          m.name,
          String(m.step),
          m.values[dataset]!['pass@1']!.toFixed(1),
          m.values[dataset]!['pass@256']!.toFixed(1),
        ]),
      )
    })
  }

  it('grpo-steps: pass@1 rises from 9.9 to 42.5 while pass@256 falls from 67.2 to 64.3', () => {
    const $ = chart('grpo-steps')
    expect(tableRows($).map((r) => r.slice(1))).toEqual([
      ['0', '9.9', '67.2'],
      ['150', '26.1', '66.3'],
      ['300', '33.6', '65.3'],
      ['450', '42.5', '64.3'],
    ])
    const labels = $('svg text')
      .map((_, e) => $(e).text())
      .get()
    expect(labels).toContain('pass@1 (+32.6)')
    expect(labels).toContain('pass@256 (−2.9)')
  })

  it('aime24-coverage: 30 squares per model, counts from v2 Table 4 that add up', () => {
    const $ = chart('aime24-coverage')
    expect(aime.both + aime.baseOnly).toBe(aime.base.solved)
    expect(aime.both + aime.rlOnly).toBe(aime.rl.solved)
    expect(aime.both + aime.baseOnly + aime.rlOnly + aime.neither).toBe(aime.problems)
    expect(tableRows($)).toEqual([
      ['Solved by both', '19'],
      ['Base model only', '4'],
      ['RL model only', '0'],
      ['Neither', '7'],
      ['Base total (Qwen2.5-7B-Base)', '23'],
      ['RL total (SimpleRL-Qwen2.5-7B)', '19'],
    ])
    expect($('svg rect')).toHaveLength(60)
    expect($(`svg rect[fill="${COLOURS.base}"]`)).toHaveLength(23)
    expect($(`svg rect[fill="${COLOURS.rl}"]`)).toHaveLength(19)
    expect($('svg desc').text()).toContain('0 by the RL model only')
  })
})

describe('```chart diagnostics', () => {
  const file = (body: string): string => `---\ntitle: T\n---\n## Slide\n\n${body}`

  it('reports an unknown chart name at its line, with a suggestion', () => {
    // Line 1-3 front matter, 4 heading, 5 blank, 6 fence, 7 the name.
    const result = compileText({ '01.md': file('```chart\nrl-algoritms\n```\n') })
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toMatchObject({
      line: 7,
      column: 0,
      severity: 'error',
      code: 'chart-unknown',
      message: 'unknown chart `rl-algoritms`',
    })
    expect(result.diagnostics[0]!.hint).toContain('did you mean `rl-algorithms`?')
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

  it('reports bad options at their own lines and still draws the chart', () => {
    const result = compileText({
      '01.md': file(
        '```chart\ngrpo-steps\nheight: 9000\ndatset: math500\ndataset: gsm8k\nnonsense\n```\n',
      ),
    })
    expect(formatAll(result)).toBe(
      [
        'deck/01.md:8:1: error: chart `grpo-steps`: `height` must be an integer from 240 to 460; got `9000` [chart-option]',
        'deck/01.md:9:1: error: chart `grpo-steps`: unknown option `datset` [chart-option]',
        'deck/01.md:10:1: error: chart `grpo-steps`: `dataset` must be one of omni-math-train, omni-math-test, math500; got `gsm8k` [chart-option]',
        'deck/01.md:11:1: error: chart `grpo-steps`: expected an option as `key: value`, got `nonsense` [chart-option]',
      ].join('\n'),
    )
    expect(result.diagnostics[1]!.hint).toContain('did you mean `dataset`?')
    expect(result.deck.slides[0]!.html).toContain('<svg')
  })

  it('reports broken data as chart-data at the chart name', () => {
    const assets = mkdtempSync(resolve(tmpdir(), 'charts-'))
    mkdirSync(resolve(assets, 'data'))
    writeFileSync(
      resolve(assets, 'data/aime24-coverage.json'),
      JSON.stringify({ ...aime, both: 18 }),
    )
    const result = compileFiles(
      [
        {
          absPath: resolve(ROOT, 'x/01.md'),
          path: 'deck/01.md',
          text: file('```chart\naime24-coverage\n```\n'),
        },
      ],
      { dir: resolve(ROOT, 'x'), root: ROOT, assetsDir: assets },
    )
    expect(formatAll(result)).toBe(
      'deck/01.md:7:1: error: chart `aime24-coverage`: assets/data/aime24-coverage.json: both + baseOnly must equal base.solved [chart-data]',
    )
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
    expect(root.find('caption').text()).toBe("Illustrative model, not the paper's data")
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
  it('has the chart slides and the explorer slide, and compiles without problems', () => {
    const text = readFileSync(resolve(ROOT, 'slides/2025-07-16-rlvr-reasoning/04-paper.md'), 'utf8')
    // aime24-coverage and livecodebench-coverage are the two strips `coverage` draws together.
    for (const name of ['rl-algorithms', 'grpo-steps', 'coverage', 'figure-card'])
      expect(text).toContain(`\`\`\`chart\n${name}\n`)
    expect(text).toContain('```passk-explorer')
    // The whole deck: its references.bib resolves the slides' citations.
    const result = compileDeck(resolve(ROOT, 'slides/2025-07-16-rlvr-reasoning'))
    expect(formatAll(result)).toBe('')
    expect(result.deck.slides.map((s) => s.id)).toContain('passk-explorer')
  })
})
