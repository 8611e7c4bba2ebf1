// Maths in a deck's SVG drawing: a `<text>` that is one `$…$` formula is typeset by KaTeX at build
// time, in a foreignObject placed as the text was; anything else stays text.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { formatAll, renderBody } from '../../../helpers/deck.ts'

describe('maths in SVG drawings', () => {
  it('typesets a text that is one formula, where the text was, in its colour', () => {
    const { html, result } = renderBody('![A drawing with a formula](figures/maths.svg)\n')
    expect(formatAll(result)).toBe('')
    const $ = load(html, null, false)
    const svg = $('svg.deck-svg')
    const math = svg.find('.deck-svg-math')
    expect(math).toHaveLength(1)
    // Centred on x = 100 (text-anchor from its group), baseline at y = 50 (a 2em strut above it);
    // the box reaches the drawing's left edge and as far to the right, never out of the viewBox.
    expect(math.attr('x')).toBe('0')
    expect(math.attr('width')).toBe('200')
    expect(math.attr('y')).toBe(String(50 - 2 * 22))
    const div = math.children('div')
    expect(div.attr('style')).toBe('font-size:22px;text-align:center;color:var(--deck-rl, #be185d)')
    expect(div.find('.katex .katex-html')).toHaveLength(1)
    expect(div.find('math annotation').text()).toBe('\\pi_\\theta(y \\mid x)')
    // Words beside a formula, and dollars that are prices, stay text.
    expect(svg.text()).toContain('$p(x_t)$ and words')
    expect(svg.text()).toContain('Price: $5 and $10')
    expect(svg.text()).not.toContain('$\\pi_\\theta')
  })

  it('reports bad and refused TeX at the image, leaves it text, and keeps no foreignObject of the file', () => {
    const { html, result } = renderBody('![A drawing](figures/bad-maths.svg)\n')
    const lines = formatAll(result).split('\n')
    expect(
      lines.map((l) => /^deck\/01\.md:4:1: (error|warning): .*\[([\w-]+)\]$/.exec(l)?.[2]).sort(),
    ).toEqual(['katex-parse', 'katex-untrusted', 'svg-removed'])
    expect(lines).toContain(
      "deck/01.md:4:1: warning: removed <foreignObject> element, <div> element from `figures/bad-maths.svg` (not allowed in a deck's SVG) [svg-removed]",
    )
    const $ = load(html, null, false)
    expect($('.deck-svg-math')).toHaveLength(0)
    expect(html).not.toMatch(/<a\b|href="javascript|>own</)
  })
})
