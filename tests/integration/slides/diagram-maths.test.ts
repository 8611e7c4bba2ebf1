// The session's drawings set their maths with KaTeX at build time (p(x_t | x_1 … x_{t−1}) on the
// language-model slide, π, a_t, s_{t+1}, r_{t+1} in the RL loop, π_θ, x, y and the reward in the
// RLVR loop): KaTeX markup in the drawing, no `$` left as text.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { compile } from '../../../src/compiler/index.ts'
import { formatAll } from '../../helpers/deck.ts'
import { newestDeck } from '../../helpers/sessions.ts'

const result = await compile(newestDeck())

describe("the session's drawings with maths", () => {
  it('compiles without problems', () => expect(formatAll(result)).toBe(''))

  for (const [id, texs] of [
    ['language-model', ['p(x_t \\mid x_1 \\ldots x_{t-1})']],
    ['reinforcement-learning', ['\\pi', 'a_t', 's_{t+1}', 'r_{t+1}']],
    ['verifiable-rewards', ['x', '\\pi_\\theta', 'y', 'r = V(x, y) \\in \\{0, 1\\}']],
  ] as const)
    it(`#/${id}: ${texs.join(', ')} are KaTeX in the drawing`, () => {
      const slide = result.deck.slides.find((s) => s.id === id)!
      const $ = load(slide.html, null, false)
      const svg = $('svg.deck-svg')
      const math = svg.find('.deck-svg-math .katex')
      expect(math).toHaveLength(texs.length)
      expect(math.find('.katex-html')).toHaveLength(texs.length)
      expect(math.find('annotation').map((_, a) => $(a).text()).get()).toEqual(texs)
      // Every other text of the drawing is words: no formula left in dollars.
      svg.find('.deck-svg-math').remove()
      expect(svg.text()).not.toMatch(/\$/)
    })
})
