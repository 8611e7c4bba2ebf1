// docs/authoring.md's example of everything compiles as it says: no error, no warning.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { spellingOf } from '../../helpers/deck.ts'
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../../src/compiler/index.ts'
import { prerenderMermaid } from '../../../src/compiler/mermaid.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const TMP = resolve(ROOT, `.tmp/site-test-${process.pid}`)
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

describe('docs/authoring.md', () => {
  it('the example of everything compiles with no error or warning, spelling included', async () => {
    const text = readFileSync(resolve(ROOT, 'docs/authoring.md'), 'utf8')
    const section = text.indexOf('\n## One example of everything\n')
    expect(section).toBeGreaterThan(0)
    const start = text.indexOf('````markdown\n', section) + '````markdown\n'.length
    const example = text.slice(start, text.indexOf('````', start))
    const { writeFileSync } = await import('node:fs')
    const dir = resolve(TMP, 'contrib/slides/2025-08-14-example')
    mkdirSync(resolve(TMP, 'contrib/slides/_shared'), { recursive: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      resolve(TMP, 'contrib/slides/_shared/ground-rules.md'),
      readFileSync(resolve(ROOT, 'slides/_shared/ground-rules.md')),
    )
    writeFileSync(resolve(dir, '01-example.md'), example)
    // The references.bib example, as the session folder's bibliography.
    const bibStart = text.indexOf('```bibtex\n', start) + '```bibtex\n'.length
    writeFileSync(
      resolve(dir, 'references.bib'),
      text.slice(bibStart, text.indexOf('```', bibStart)),
    )
    await prerenderMermaid([dir], ROOT)
    const result = compileDeck(dir, { root: ROOT })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(result.deck.slides.map((s) => s.id)).toContain('questions')
    // Each feature of the reference reached the HTML: code steps, the diagram, citations, references.
    const html = result.deck.slides.map((s) => s.html).join('\n')
    expect(html).toMatch(
      /<div class="deck-code deck-code-numbered" data-lang="python" data-steps="3"/,
    )
    expect(html).toMatch(/<figure class="deck-mermaid"><svg /)
    expect(html).toContain('<span class="deck-cite">Kaplan et al. (2020)</span>')
    expect(html).toContain('(see also Chen et al., 2021, p. 2; Kaplan et al., 2020)')
    expect(html.match(/class="csl-entry"/g)).toHaveLength(2)
    expect(html).toContain('<annotation encoding="application/x-tex">x\\ </annotation>')
    expect(await spellingOf(result)).toEqual([])
  }, 60_000)
})
