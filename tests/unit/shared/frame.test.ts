// The frame's markup, written by the build and re-rendered by the runtime (src/shared/frame.ts).
import { describe, expect, it } from 'vitest'
import { deckFrameHtml, navHtml, slideTitleOf } from '../../../src/shared/frame.ts'

const slides = [
  { id: 'title', title: 'Title' },
  { id: 'a-1', section: 'A', title: 'One' },
  { id: 'a-2', section: 'A', title: 'Two & <three>' },
  { id: 'b-1', section: 'B', title: 'Four' },
]

describe('navHtml', () => {
  it('writes one section per group and one dot per slide in a section, the current one marked', () => {
    const html = navHtml(slides, 'Deck', 2)
    expect(html.match(/class="deck-nav-section[ "]/g)).toHaveLength(2)
    expect(html.match(/class="deck-nav-dot"/g)).toHaveLength(3)
    expect(html).toContain('data-index="2" aria-label="Slide 3: Two &amp; &lt;three&gt;"')
    expect(html.match(/aria-current="step"/g)).toHaveLength(1)
    expect(html).toMatch(/data-index="2"[^>]*aria-current="step"/)
    expect(html).toContain(
      '<li class="deck-nav-section current"><a class="deck-nav-name" href="#/a-1" aria-current="true">A</a>',
    )
  })

  it('marks nothing for -1', () => {
    expect(navHtml(slides, 'Deck', -1)).not.toContain('aria-current')
  })
})

describe('deckFrameHtml', () => {
  it('counts from slide 1, disables Previous, escapes the footer', () => {
    const html = deckFrameHtml(
      slides.map((s) => ({ ...s, html: `<h2>${s.title}</h2>` })),
      {
        title: 'A <long> title',
        shortTitle: 'Short & sweet',
        presenter: 'Ada',
        date: '2025-07-16',
      },
    )
    expect(html).toContain('<span class="deck-sr">Slide </span>1 / 4')
    expect(html).toMatch(/<button disabled class="deck-tool"[^>]*data-tool="prev"/)
    expect(html).not.toMatch(/<button disabled[^>]*data-tool="next"/)
    expect(html).toContain('<span class="deck-footer-title">Short &amp; sweet</span>')
    expect(html).toContain('<span class="deck-footer-date">July 16, 2025</span>')
    expect(html).toContain('href="?view=scroll#/title"')
  })
})

describe('slideTitleOf', () => {
  it('reads the first heading without tags, entities decoded, math once', () => {
    expect(slideTitleOf({ id: 'x', html: '<h2>Pass@<em>k</em> &amp; more</h2><h3>No</h3>' })).toBe(
      'Pass@k & more',
    )
    expect(
      slideTitleOf({
        id: 'x',
        html: '<h2>The <span class="katex"><span class="katex-mathml"><math><mi>k</mi></math></span><span class="katex-html">k</span></span> samples</h2>',
      }),
    ).toBe('The k samples')
  })

  it('falls back to the id', () => {
    expect(slideTitleOf({ id: 'slide-3', html: '<p>No heading</p>' })).toBe('slide-3')
  })
})
