// docs/performance.md's latest run is the bench's record: the text between its markers is what
// bench/report.ts writes from bench/latest.json, and writing it changes nothing else of the page.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  benchMarkdown,
  LATEST_BEGIN,
  LATEST_END,
  PAGE,
  RECORD,
  withLatestRun,
  type BenchRecord,
} from '../../../bench/report.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const page = (): string => readFileSync(resolve(ROOT, PAGE), 'utf8')
const record = (): BenchRecord =>
  JSON.parse(readFileSync(resolve(ROOT, RECORD), 'utf8')) as BenchRecord

describe('docs/performance.md', () => {
  it("holds the latest run's table exactly as the bench writes it from bench/latest.json", () => {
    const text = page()
    const begin = text.indexOf(LATEST_BEGIN)
    const end = text.indexOf(LATEST_END)
    expect(begin).toBeGreaterThan(0)
    expect(end).toBeGreaterThan(begin)
    expect(text.slice(begin + LATEST_BEGIN.length, end).trim()).toBe(benchMarkdown(record()))
    expect(withLatestRun(text, record())).toBe(text)
  })

  it('the record is the run the bench printed (its own Markdown)', () => {
    const saved = JSON.parse(readFileSync(resolve(ROOT, RECORD), 'utf8')) as { markdown: string }
    expect(benchMarkdown(record())).toBe(saved.markdown)
  })
})

describe('withLatestRun', () => {
  const run = record()
  const doc = `# P\n\nBefore.\n\n${LATEST_BEGIN}\nold table\n${LATEST_END}\n\nAfter.\n`

  it('replaces only the text between the markers', () => {
    const out = withLatestRun(doc, run)
    expect(out.startsWith(`# P\n\nBefore.\n\n${LATEST_BEGIN}\n\n`)).toBe(true)
    expect(out.endsWith(`\n\n${LATEST_END}\n\nAfter.\n`)).toBe(true)
    expect(out).not.toContain('old table')
    expect(out).toContain(benchTableHead)
    expect(out).toContain(run.rows[0]!.metric)
  })

  it('says which misses the run had, or that every target was met', () => {
    expect(benchMarkdown({ ...run, misses: ['a miss'] })).toContain('Missed:\n- a miss')
    expect(benchMarkdown({ ...run, misses: [] })).toContain('Every target met.')
  })

  it('refuses a page without its markers, or with them twice or out of order', () => {
    expect(() => withLatestRun('# P\n', run)).toThrow(/markers/)
    expect(() => withLatestRun(`${LATEST_END}\n${LATEST_BEGIN}\n`, run)).toThrow(/markers/)
    expect(() => withLatestRun(`${doc}${LATEST_BEGIN}\n`, run)).toThrow(/markers/)
  })
})

const benchTableHead =
  '| metric | ours | reveal.js | Marp | ours / reveal.js | ours / Marp | target | met? |'

describe("docs/performance.md's growth table", () => {
  it('is what bench/growth.ts writes from bench/growth.json', async () => {
    const { GROWTH_BEGIN, GROWTH_END, GROWTH_RECORD, growthMarkdown, withGrowthRun } =
      await import('../../../bench/growth.ts')
    const growth = JSON.parse(readFileSync(resolve(ROOT, GROWTH_RECORD), 'utf8')) as Parameters<
      typeof growthMarkdown
    >[0]
    const text = page()
    const begin = text.indexOf(GROWTH_BEGIN)
    const end = text.indexOf(GROWTH_END)
    expect(begin).toBeGreaterThan(0)
    expect(end).toBeGreaterThan(begin)
    expect(text.slice(begin + GROWTH_BEGIN.length, end).trim()).toBe(growthMarkdown(growth))
    expect(withGrowthRun(text, growth)).toBe(text)
    // The record measured what it says: one session compiled after a one-slide edit.
    for (const size of growth.sizes) expect(size.rebuild.compiled).toBe(1)
  })
})
