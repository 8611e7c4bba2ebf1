// The session deck's numbers agree with the data files they come from (assets/data/*.json, each
// with its source table): the sampling-efficiency gap table, the pass@1 and pass@256 series quoted
// in the notes, and the references name every first author with initials.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import type { MetricTable } from '../../../src/charts/data.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import { newestDeck } from '../../helpers/sessions.ts'
import { formatAll, ROOT } from '../../helpers/deck.ts'

const result = compileDeck(newestDeck(), { root: ROOT })
const slide = (id: string): ReturnType<typeof load> => {
  const s = result.deck.slides.find((x) => x.id === id)
  if (!s) throw new Error(`no slide #/${id}`)
  return load(s.html, null, false)
}
const data = (file: string): MetricTable =>
  JSON.parse(readFileSync(resolve(ROOT, 'assets/data', file), 'utf8')) as MetricTable
const algorithms = data('rl-algorithms.json')
const steps = data('grpo-steps.json')
/** Points, to one decimal, as the slides print them. */
const fixed = (x: number): string => (Math.round(x * 10) / 10).toFixed(1)
/** A model's value, by its name in the data file. */
const value = (table: MetricTable, model: string, dataset: string, metric: string): number => {
  const m = table.models.find((x) => x.name === model)
  if (!m) throw new Error(`no model ${model}`)
  return m.values[dataset]![metric]!
}
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
    const names = algorithms.models.filter((m) => m.role === 'rl').map((m) => m.name)
    expect(header.slice(1)).toEqual(names)
    expect(rows.map((r) => r[0])).toEqual(['Omni-MATH-Test', 'MATH500'])
  })

  for (const [label, dataset] of [
    ['Omni-MATH-Test', 'omni-math-test'],
    ['MATH500', 'math500'],
  ] as const)
    it(`${label}: each cell is the base model's pass@256 minus the algorithm's pass@1`, () => {
      expect(algorithms.datasets[dataset]).toMatch(new RegExp(`^${label}\\b`))
      const row = rows.find((r) => r[0] === label)!
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
        value(algorithms, BASE, 'omni-math-test', 'pass@256') -
          value(algorithms, name, 'omni-math-test', 'pass@1'),
      )
    // The text: "from GRPO's 43.9 to RLOO's best 42.6"; the table: GRPO, RLOO, and DAPO's 42.6.
    // Quotes and apostrophes as the slide sets them (curly).
    expect(text).toContain('“from GRPO’s 43.9 to RLOO’s best 42.6”')
    expect(text).toContain(`gives ${gap('GRPO')} and ${gap('RLOO')} (${gap('DAPO')} is DAPO)`)
  })
})

describe('numbers quoted in the notes', () => {
  const notes = (id: string): string => slide(id)('aside.notes').text()
  const series = (dataset: string, metric: string): string =>
    steps.models.map((m) => fixed(m.values[dataset]![metric]!)).join(', ')

  it('the longer-RL question quotes Table 3’s training-set series', () => {
    const text = notes('question-longer-rl')
    expect(text).toContain(`pass@1 climbs ${series('omni-math-train', 'pass@1')} at steps`)
    expect(text).toContain(`pass@256 slips ${series('omni-math-train', 'pass@256')}`)
  })

  it('the conclusion’s pass@1 example uses held-out data (Omni-MATH-Test, MATH500)', () => {
    const text = notes('ccs-thoughts')
    const first = steps.models[0]!
    const last = steps.models.at(-1)!
    for (const dataset of ['omni-math-test', 'math500']) {
      const from = fixed(first.values[dataset]!['pass@1']!)
      const to = fixed(last.values[dataset]!['pass@1']!)
      expect(text).toContain(`from ${from}% to ${to}%`)
    }
    expect(text).not.toContain(fixed(last.values['omni-math-train']!['pass@1']!))
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
