// Includes: `{{< include >}}` slides shared between sessions (src/compiler/include.ts).
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const MULTI = resolve(ROOT, 'tests/fixtures/sites/multi/slides')
const errors = (dir: string): string[] =>
  compileDeck(dir, { root: ROOT }).diagnostics.map(formatDiagnostic)

describe('includes', () => {
  it('puts the shared slides in every deck that includes them, with their section', () => {
    for (const slug of ['2025-01-09-attention', '2025-02-13-scaling-laws']) {
      const { deck, diagnostics } = compileDeck(resolve(MULTI, slug), { root: ROOT })
      expect(diagnostics).toEqual([])
      const rules = deck.slides.find((s) => s.id === 'house-rules')
      expect(rules?.section).toBe('Ground rules')
      expect(rules?.file).toBe('tests/fixtures/sites/multi/slides/_shared/rules.md')
      expect(deck.files).toContain(resolve(MULTI, '_shared/rules.md'))
    }
    const attention = compileDeck(resolve(MULTI, '2025-01-09-attention'), { root: ROOT }).deck
    expect(attention.slides.map((s) => [s.id, s.section])).toEqual([
      ['attention', undefined],
      ['house-rules', 'Ground rules'],
      ['scaled-attention', 'Paper'],
    ])
  })

  it('reports a missing include and a broken slide link at their positions', () => {
    expect(errors(resolve(MULTI, '2025-03-06-broken'))).toEqual([
      'tests/fixtures/sites/multi/slides/2025-03-06-broken/02-errors.md:1:1: error: included file `tests/fixtures/sites/multi/slides/_shared/missing.md` not found [missing-include]',
      'tests/fixtures/sites/multi/slides/2025-03-06-broken/02-errors.md:7:17: error: link to `#/no-such-slide`, but no slide has the id `no-such-slide` [broken-link]',
    ])
  })

  it('reports an include cycle instead of looping', () => {
    const dir = resolve(ROOT, 'tests/fixtures/sites/cycle/slides/2025-01-01-cycle')
    expect(errors(dir)).toEqual([
      'tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/b.md:5:1: error: include cycle: tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/a.md -> tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/b.md -> tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/a.md [include-cycle]',
    ])
  })
})
