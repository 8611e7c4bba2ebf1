// Citations and the references slide: tests/fixtures/citations/*.txt, one test per fixture. The
// expected part is the deck's HTML (slides joined by <hr data-slide-break>), then each diagnostic
// with its hint. The works cited are in tests/fixtures/decks/inline/references.bib.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compactMath, compileText, ROOT } from '../../helpers/deck.ts'
import { readFixtures } from '../../helpers/fixtures.ts'

describe('citations', () => {
  for (const f of readFixtures(resolve(ROOT, 'tests/fixtures/citations'))) {
    it(`${f.where} ${f.title}`, () => {
      const text = f.input.startsWith('---\n') ? f.input : `---\ntitle: T\n---\n${f.input}`
      const result = compileText({ '01.md': text })
      const html = compactMath(
        result.deck.slides.map((s) => s.html).join('<hr data-slide-break>\n'),
      )
      const diagnostics = result.diagnostics.map(
        (d) => formatDiagnostic(d) + (d.hint ? `\n  hint: ${d.hint}` : ''),
      )
      expect([html, ...diagnostics].join('\n')).toBe(f.expected)
    })
  }
})
