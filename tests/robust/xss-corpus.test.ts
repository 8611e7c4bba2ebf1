// The public XSS corpora (DOMPurify's test vectors, the HTML5 Security Cheatsheet's; see
// tests/fixtures/xss/README.md) as raw HTML in a slide and in speaker notes: each vector is either
// refused (an error at its own lines, so the build writes nothing) or built into a slide that holds
// nothing executable, remote or foreign, as a browser's parser (parse5) reads it. The built decks
// are walked in Chromium by tests/browser/xss-corpus.test.ts.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts'
import { compileFiles, type CompileResult } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { dangers, dompurifyVectors, h5scVectors, type Vector } from '../helpers/xss-corpus.ts'

const DIR = resolve(ROOT, 'tests/fixtures/decks/inline')
const VECTORS = [...dompurifyVectors(), ...h5scVectors()]

/** Where a vector goes: a slide's body, or its speaker notes. */
const PLACES = {
  slide: (payload: string) => ({ text: `## Vector\n\n${payload}\n`, firstLine: 3 }),
  notes: (payload: string) => ({ text: `## Vector\n\n::: notes\n${payload}\n:::\n`, firstLine: 4 }),
}

const fileOf = (i: number): string => `deck/v${String(i).padStart(3, '0')}.md`

/** One deck, one file per vector (files are split apart first: no vector can reach another). */
function compileAll(place: keyof typeof PLACES, vectors: Vector[]): CompileResult {
  return compileFiles(
    [
      { absPath: resolve(DIR, '000.md'), path: 'deck/000.md', text: '---\ntitle: T\n---\n# T\n' },
      ...vectors.map((v, i) => ({
        absPath: resolve(DIR, `${fileOf(i).slice(5)}`),
        path: fileOf(i),
        text: PLACES[place](v.payload.replace(/\r\n?/g, '\n')).text,
      })),
    ],
    { dir: DIR, root: ROOT },
  )
}

describe('the corpora', () => {
  it('hold every vector of both files', () => {
    expect(dompurifyVectors()).toHaveLength(213)
    expect(h5scVectors().map((v) => v.name)).toEqual(
      Array.from({ length: 139 }, (_, i) => `H5SC #${i + 1}`),
    )
  })
})

describe.each(Object.keys(PLACES) as (keyof typeof PLACES)[])(
  'each vector as raw HTML in the %s',
  { timeout: 60_000 },
  (place) => {
    it('is refused at its own lines, or built with nothing executable, remote or foreign', () => {
      const r = compileAll(place, VECTORS)
      const problems: string[] = []
      let refused = 0
      VECTORS.forEach((v, i) => {
        const file = fileOf(i)
        const slides = r.deck.slides.filter((s) => s.file === file)
        if (slides.length === 0) problems.push(`${v.name}: no slide`)
        for (const d of dangers(slides.map((s) => s.html).join('\n')))
          problems.push(`${v.name}: ${d}`)
        const errors = r.diagnostics.filter((d) => d.file === file && d.severity === 'error')
        if (errors.length > 0) refused++
        const first = PLACES[place]('').firstLine
        const last = first + v.payload.replace(/\r\n?/g, '\n').split('\n').length - 1
        for (const e of errors)
          if (e.line < first || e.line > last)
            problems.push(`${v.name}: error off the vector's lines: ${formatDiagnostic(e)}`)
      })
      expect(problems).toEqual([])
      // Nothing else in the deck failed.
      expect(
        r.diagnostics.filter((d) => d.severity === 'error' && !/^deck\/v\d{3}\.md$/.test(d.file)),
      ).toEqual([])
      console.log(
        `XSS corpora in the ${place}: ${VECTORS.length} vectors, ${refused} refused at their line, ${VECTORS.length - refused} built clean`,
      )
      expect({ refused, clean: VECTORS.length - refused }).toEqual({ refused: 89, clean: 263 })
    })
  },
)
