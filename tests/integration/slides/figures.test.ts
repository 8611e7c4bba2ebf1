// The session deck shows the paper's figures: a slide naming "Figure N" has a graphic on it, and
// every diagram fits the box the theme gives it, so its text stays at 20 px or more.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { smallestTextSize } from '../../../src/compiler/graphic-text.ts'
import { compile } from '../../../src/compiler/index.ts'
import { newestDeck } from '../../helpers/sessions.ts'
import { formatAll } from '../../helpers/deck.ts'

const result = await compile(newestDeck())
const slides = result.deck.slides.map((s) => {
  const $ = load(s.html, null, false)
  $('aside.notes').remove()
  return { id: s.id, $, text: $.root().text() }
})

/** A graphic: a chart or figure card, or a diagram image. */
const GRAPHIC = 'figure.deck-chart, figure.deck-figure-card, img[src$=".svg"], svg[role="img"]'

describe('every slide that names a figure of the paper shows one', () => {
  it('compiles without problems', () => expect(formatAll(result)).toBe(''))

  const naming = slides.filter((s) => /\bFigure \d+\b/.test(s.text))
  it('finds the slides that name figures (Figures 1, 2, 3 and 7 at least)', () => {
    const named = new Set(naming.flatMap((s) => s.text.match(/\bFigure \d+\b/g) ?? []))
    for (const n of [1, 2, 3, 7]) expect(named).toContain(`Figure ${n}`)
  })

  for (const s of naming)
    it(`#/${s.id} has a chart, a diagram or a figure card`, () =>
      expect(s.$(GRAPHIC).length).toBeGreaterThan(0))

  it('never quotes a figure caption without its card ("> **Figure N:**")', () => {
    for (const s of slides)
      for (const q of s.$('blockquote').toArray())
        expect(s.$(q).text(), `#/${s.id}`).not.toMatch(/^\s*Figure \d+:/)
  })
})

describe('the deck’s diagrams fit their box on the slide', () => {
  // Diagrams are inlined (sanitised) so they take the deck's font and theme: read the <svg> itself.
  const diagrams = slides.flatMap((s) =>
    s.$('svg.deck-svg')
      .toArray()
      .map((svg) => ({ s, svg }) as const),
  )
  it('finds the inlined diagrams', () => expect(diagrams.length).toBeGreaterThanOrEqual(5))

  for (const { s, svg } of diagrams) {
    const label = s.$(svg).attr('aria-label') ?? ''
    const inColumn = s.$(svg).parents('.column').length > 0
    it(`#/${s.id}: “${label}” ${inColumn ? 'in a column' : 'on the slide'}`, () => {
      const markup = s.$.html(svg)
      const width = Number(s.$(svg).attr('width'))
      const height = Number(s.$(svg).attr('height'))
      // theme.css: diagrams at most 100% wide and 370 px tall (400 px in a column of 580 px).
      const [boxW, boxH] = inColumn ? [580, 400] : [1200, 370]
      expect(width).toBeLessThanOrEqual(boxW)
      expect(height).toBeLessThanOrEqual(boxH)
      const smallest = smallestTextSize(markup, width)
      expect(smallest!.size, `"${smallest!.text}"`).toBeGreaterThanOrEqual(20)
      // Theme colours through CSS variables; a bare colour only as a fallback.
      expect(markup.replace(/var\(--deck-[a-z-]+, #[0-9a-f]{6}\)/gi, '')).not.toMatch(
        /#[0-9a-f]{3,6}\b/i,
      )
    })
  }
})
