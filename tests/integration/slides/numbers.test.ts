// The session deck's numbers agree with the data files its charts draw (data/*.json in the session
// folder, each naming its source table): the data files hold the table values, the
// sampling-efficiency gap table and the series quoted in the notes come from them, and the
// references name every first author with initials.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { compile } from '../../../src/compiler/index.ts'
import { newestDeck } from '../../helpers/sessions.ts'
import { formatAll, ROOT } from '../../helpers/deck.ts'

/** A data file's rows: one per model and dataset, values in %. */
interface Row {
  model: string
  role: 'base' | 'rl'
  step?: number
  dataset: string
  'pass@1': number
  'pass@256': number
}
interface DataFile {
  source: string
  rows: Row[]
}

// The async compile draws the deck's Vega-Lite charts (in a worker thread) before rendering.
const result = await compile(newestDeck(), { root: ROOT })
const slide = (id: string): ReturnType<typeof load> => {
  const s = result.deck.slides.find((x) => x.id === id)
  if (!s) throw new Error(`no slide #/${id}`)
  return load(s.html, null, false)
}
const data = (file: string): DataFile =>
  JSON.parse(readFileSync(resolve(newestDeck(), 'data', file), 'utf8')) as DataFile
const algorithms = data('rl-algorithms.json')
const steps = data('grpo-steps.json')
/** Points, to one decimal, as the slides print them. */
const fixed = (x: number): string => (Math.round(x * 10) / 10).toFixed(1)
/** A model's value, by its name in the data file. */
const value = (
  table: DataFile,
  model: string,
  dataset: string,
  metric: 'pass@1' | 'pass@256',
): number => {
  const row = table.rows.find((x) => x.model === model && x.dataset === dataset)
  if (!row) throw new Error(`no row for ${model} on ${dataset}`)
  return row[metric]
}
/** The models of a data file, in its order. */
const models = (table: DataFile): string[] => [...new Set(table.rows.map((r) => r.model))]
const BASE = 'Qwen2.5-7B (base)'

describe('the sampling-efficiency gap slide', () => {
  it('compiles without problems', () => expect(formatAll(result)).toBe(''))

  const $ = slide('sampling-efficiency-gap')
  const header = $('table thead th')
    .toArray()
    .map((th) => $(th).text().trim())
  const rows = $('table tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .find('td')
        .toArray()
        .map((td) => $(td).text().trim()),
    )

  it('has one column per algorithm of the data file and one row per dataset shown', () => {
    const names = models(algorithms).filter((m) => m !== BASE)
    expect(header.slice(1)).toEqual(names)
    expect(rows.map((r) => r[0])).toEqual(['Omni-MATH-Test', 'MATH500'])
  })

  for (const dataset of ['Omni-MATH-Test', 'MATH500'])
    it(`${dataset}: each cell is the base model's pass@256 minus the algorithm's pass@1`, () => {
      const row = rows.find((r) => r[0] === dataset)!
      const base = value(algorithms, BASE, dataset, 'pass@256')
      const expected = header
        .slice(1)
        .map((name) => fixed(base - value(algorithms, name, dataset, 'pass@1')))
      expect(row.slice(1)).toEqual(expected)
    })

  it('names the values the paper’s text quotes differently from its table', () => {
    const text = $.root().text()
    const gap = (name: string): string =>
      fixed(
        value(algorithms, BASE, 'Omni-MATH-Test', 'pass@256') -
          value(algorithms, name, 'Omni-MATH-Test', 'pass@1'),
      )
    // The text: "from GRPO's 43.9 to RLOO's best 42.6"; the table: GRPO, RLOO, and DAPO's 42.6.
    // Quotes and apostrophes as the slide sets them (curly).
    expect(text).toContain('“from GRPO’s 43.9 to RLOO’s best 42.6”')
    expect(text).toContain(`gives ${gap('GRPO')} and ${gap('RLOO')} (${gap('DAPO')} is DAPO)`)
  })
})

describe('numbers quoted in the notes', () => {
  const notes = (id: string): string => slide(id)('aside.notes').text()
  const series = (dataset: string, metric: 'pass@1' | 'pass@256'): string =>
    models(steps)
      .map((m) => fixed(value(steps, m, dataset, metric)))
      .join(', ')

  it('the longer-RL question quotes Table 3’s training-set series', () => {
    const text = notes('question-longer-rl')
    expect(text).toContain(`pass@1 climbs ${series('Omni-MATH-Train', 'pass@1')} at steps`)
    expect(text).toContain(`pass@256 slips ${series('Omni-MATH-Train', 'pass@256')}`)
  })

  it('the conclusion’s pass@1 example uses held-out data (Omni-MATH-Test, MATH500)', () => {
    const text = notes('ccs-thoughts')
    const [first, last] = [models(steps)[0]!, models(steps).at(-1)!]
    for (const dataset of ['Omni-MATH-Test', 'MATH500']) {
      const from = fixed(value(steps, first, dataset, 'pass@1'))
      const to = fixed(value(steps, last, dataset, 'pass@1'))
      expect(text).toContain(`from ${from}% to ${to}%`)
    }
    expect(text).not.toContain(fixed(value(steps, last, 'Omni-MATH-Train', 'pass@1')))
  })
})

/** v2 Appendix Tables 2 and 3 as printed: per model, pass@1 and pass@256 on Omni-MATH-Train, Omni-MATH-Test, MATH500. */
const TABLE_2: Record<string, number[]> = {
  'Qwen2.5-7B (base)': [9.9, 67.2, 10.2, 69.1, 34.5, 96.2],
  GRPO: [26.1, 66.3, 25.1, 68.3, 74.4, 97.2],
  PPO: [27.2, 65.8, 26.8, 69.2, 75.2, 97.2],
  ReMax: [24.4, 65.5, 23.8, 67.5, 73.5, 96.6],
  RLOO: [28.6, 66.4, 28.1, 69.2, 75.0, 97.4],
  'Reinforce++': [28.2, 67.7, 28.0, 69.7, 75.4, 96.8],
  DAPO: [31.4, 66.1, 26.5, 67.0, 75.6, 96.4],
}
const TABLE_3: Record<string, number[]> = {
  'Qwen2.5-7B (base)': [9.9, 67.2, 10.2, 69.1, 34.5, 96.2],
  'GRPO, step 150': [26.1, 66.3, 25.1, 68.3, 74.4, 97.2],
  'GRPO, step 300': [33.6, 65.3, 27.1, 66.6, 75.4, 96.0],
  'GRPO, step 450': [42.5, 64.3, 28.3, 63.9, 76.3, 95.4],
}
const DATASETS = ['Omni-MATH-Train', 'Omni-MATH-Test', 'MATH500']

describe('the chart data files hold the paper’s table values', () => {
  for (const [file, table, name] of [
    ['rl-algorithms.json', TABLE_2, 'Table 2'],
    ['grpo-steps.json', TABLE_3, 'Table 3'],
  ] as const)
    it(`${file}: v2 ${name}, every model and dataset, and names its source`, () => {
      const d = data(file)
      expect(d.source).toContain('2504.13837v2')
      expect(d.source).toContain(name)
      expect(models(d)).toEqual(Object.keys(table))
      expect(d.rows).toHaveLength(Object.keys(table).length * DATASETS.length)
      for (const [model, values] of Object.entries(table))
        DATASETS.forEach((dataset, i) => {
          expect(value(d, model, dataset, 'pass@1'), `${model} ${dataset}`).toBe(values[2 * i])
          expect(value(d, model, dataset, 'pass@256'), `${model} ${dataset}`).toBe(values[2 * i + 1])
        })
    })

  it('grpo-steps.json: the steps are 0, 150, 300 and 450', () => {
    expect([...new Set(steps.rows.map((r) => r.step))]).toEqual([0, 150, 300, 450])
  })

  interface Coverage {
    source: string
    benchmarks: {
      benchmark: string
      source: string
      problems?: number
      base: { solved: number }
      rl: { solved: number }
      both: number
      baseOnly: number
      rlOnly: number
      neither?: number
    }[]
    rows: { benchmark: string; problem: number; group: string; role: string; solved: string }[]
  }
  const coverage = JSON.parse(
    readFileSync(resolve(newestDeck(), 'data/coverage.json'), 'utf8'),
  ) as Coverage

  it('coverage.json: v2 Tables 4 and 5 counts, and one row per problem and model that tallies to them', () => {
    expect(coverage.source).toContain('Tables 4 and 5')
    const counts = coverage.benchmarks.map((b) => [
      b.benchmark,
      b.problems,
      b.base.solved,
      b.rl.solved,
      b.both,
      b.baseOnly,
      b.rlOnly,
      b.neither,
    ])
    // Counted from the solved-problem indices of v2 Table 4 (AIME24) and Table 5 (LiveCodeBench,
    // which lists only solved problems: no total, no "neither").
    expect(counts).toEqual([
      ['AIME24', 30, 23, 19, 19, 4, 0, 7],
      ['LiveCodeBench 400–450', undefined, 23, 20, 19, 4, 1, undefined],
    ])
    for (const b of coverage.benchmarks) {
      const rows = coverage.rows.filter((r) => r.benchmark === b.benchmark)
      const solved = (role: string): number =>
        rows.filter((r) => r.role === role && r.solved === 'yes').length
      const group = (g: string): number => rows.filter((r) => r.group === g).length / 2
      expect([solved('base'), solved('rl')], b.benchmark).toEqual([b.base.solved, b.rl.solved])
      expect([group('both'), group('base only'), group('RL only'), group('neither')]).toEqual([
        b.both,
        b.baseOnly,
        b.rlOnly,
        b.neither ?? 0,
      ])
      const both = rows.filter((r) => r.group === 'both')
      expect(both.every((r) => r.solved === 'yes')).toBe(true)
    }
  })
})

describe('the references slide', () => {
  const $ = slide('references')
  const entries = $('.csl-entry')
    .toArray()
    .map((e) => $(e).text().trim())

  it('lists the works cited, each first author with initials ("Liu, M., et al.", not "Liu, et al.")', () => {
    expect(entries.length).toBeGreaterThanOrEqual(5)
    for (const entry of entries) expect(entry).toMatch(/^[^,()]+, (?:[A-Z]\.)+[,. ]/)
    expect(entries.join('\n')).not.toMatch(/\b\w+, et al\./)
  })
})
