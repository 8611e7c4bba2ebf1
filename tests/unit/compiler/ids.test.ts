// Slide ids: from the first heading, explicit ({#id} or .slide comment), or `<file>-<n>`; unique and stable.
import { describe, expect, it } from 'vitest'
import { compileText, formatAll } from '../../helpers/deck.ts'

const TITLE = '---\ntitle: T\n---\n'
const ids = (files: Record<string, string>): string[] =>
  compileText(files).deck.slides.map((s) => s.id)
/** One file `01-talk.md` with the given slides, separated by `---`. */
const deck = (...slides: string[]): Record<string, string> => ({
  '01-talk.md': TITLE + slides.join('\n\n---\n\n'),
})

describe('slide ids', () => {
  it('come from the first heading, slugged like GitHub does', () => {
    expect(ids(deck('# Hello, World!', '## Pass@k: a *fair* metric', '### `x` & $y$'))).toEqual([
      'hello-world',
      'passk-a-fair-metric',
      'x--y',
    ])
  })

  it('number repeated headings -1, -2', () => {
    expect(ids(deck('## Results', '## Results', '## Results'))).toEqual([
      'results',
      'results-1',
      'results-2',
    ])
  })

  it('are set by a .slide comment or a heading {#id}, and the heading then has no id', () => {
    const result = compileText(deck('<!-- .slide: id="start" -->\n# Intro', '## Method {#how}'))
    expect(result.deck.slides.map((s) => s.id)).toEqual(['start', 'how'])
    expect(result.deck.slides[1]!.html).toBe('<h2>Method</h2>\n')
    expect(formatAll(result)).toBe('')
  })

  it('report a duplicate explicit id where the second one is written', () => {
    const result = compileText({
      '01-a.md': `${TITLE}<!-- .slide: id="x" -->\n# A`,
      '02-b.md': '# B {#x}\n',
    })
    expect(formatAll(result)).toBe(
      'deck/02-b.md:1:6: error: slide id `x` is already used by the slide at deck/01-a.md:4 [duplicate-id]',
    )
  })

  it('must be non-empty and without spaces; a bad one is reported and replaced', () => {
    const result = compileText(deck('<!-- .slide: id="" -->\n# A', '<!-- .slide: id="b c" -->\nx'))
    expect(result.deck.slides.map((s) => s.id)).toEqual(['a', 'talk-2'])
    expect(formatAll(result)).toBe(
      [
        'deck/01-talk.md:4:14: error: slide id "" must be non-empty and without spaces [invalid-id]',
        'deck/01-talk.md:9:14: error: slide id "b c" must be non-empty and without spaces [invalid-id]',
      ].join('\n'),
    )
  })

  it('without a heading are `<file stem without number>-<n>`, n the place in the file', () => {
    const result = compileText({
      '01-intro.md': `${TITLE}# Intro\n\n---\n\nNo heading here.`,
      '02-methods.md': 'Plain.\n\n---\n\nAlso plain.\n',
      '03.md': 'Just text.\n',
    })
    expect(result.deck.slides.map((s) => s.id)).toEqual([
      'intro',
      'intro-2',
      'methods-1',
      'methods-2',
      'slide-1',
    ])
  })

  it('ignore headings in speaker notes', () => {
    expect(ids(deck('Text.\n\n::: notes\n## Remember\n:::'))).toEqual(['talk-1'])
  })

  it('never collide: generated ids step around explicit ones', () => {
    const result = compileText(
      deck(
        '## Results',
        '<!-- .slide: id="results-1" -->\nText.',
        'No heading.',
        '## Results',
        '<!-- .slide: id="results" -->\nMore.',
        '<!-- .slide: id="talk-3" -->\nx',
      ),
    )
    const got = result.deck.slides.map((s) => s.id)
    expect(got).toEqual(['results-2', 'results-1', 'talk-3-1', 'results-3', 'results', 'talk-3'])
    expect(new Set(got).size).toBe(got.length)
    expect(formatAll(result)).toBe('')
  })

  it('of later slides do not change when a slide is inserted before them', () => {
    const later = ['## Results', '<!-- .slide: id="fin" -->\nThe end.', '## Results', 'Plain.']
    const before = ids(deck('## Intro', ...later))
    for (const inserted of ['No heading.', '## Other', '<!-- .slide: id="extra" -->\nx']) {
      const after = ids(deck('## Intro', inserted, ...later))
      // Heading-based and explicit ids stay; only `<file>-<n>` ids may move with their place.
      expect(after.slice(2, 5)).toEqual(before.slice(1, 4))
    }
  })

  it('of slides in a later file do not depend on the slides of earlier files', () => {
    const later = { '02-b.md': '## Results\n\n---\n\n## Summary {#sum}\n' }
    const a = ids({ '01-a.md': `${TITLE}# A`, ...later })
    const b = ids({ '01-a.md': `${TITLE}# A\n\n---\n\nMore text.\n\n---\n\nAnd more.`, ...later })
    expect(a.slice(-2)).toEqual(['results', 'sum'])
    expect(b.slice(-2)).toEqual(['results', 'sum'])
  })
})
