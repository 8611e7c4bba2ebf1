// The dev server's live-update decision (src/vite/hmr.ts): only the slides that changed, every
// slide when they no longer line up, a reload when the page around the slides changed.
import { describe, expect, it } from 'vitest'
import type { CompiledDeck } from '../../../src/compiler/index.ts'
import { diffDeck, shownDeck, type ShownDeck } from '../../../src/vite/hmr.ts'

const deck = (slides: string[], meta: Partial<CompiledDeck['meta']> = {}): CompiledDeck => ({
  dir: '/decks/2025-01-09-x',
  meta: { title: 'A deck', ...meta },
  slides: slides.map((html, i) => ({
    id: `s${i + 1}`,
    html: `<p>${html}</p>\n`,
    attrs: {},
    file: '2025-01-09-x/01.md',
    line: i * 4 + 1,
  })),
  files: [],
  assets: [],
})

const shown = (slides: string[], meta: Partial<CompiledDeck['meta']> = {}): ShownDeck =>
  shownDeck(deck(slides, meta))

describe('shownDeck', () => {
  it("is each slide's <section>, as the page has it, and the page around them", () => {
    const { slides, page } = shown(['One', 'Two'])
    expect(slides).toEqual([
      '<section id="s1" data-source="2025-01-09-x/01.md:1">\n<p>One</p>\n</section>',
      '<section id="s2" data-source="2025-01-09-x/01.md:5">\n<p>Two</p>\n</section>',
    ])
    expect(page).toContain('A deck')
  })
})

describe('diffDeck', () => {
  const before = shown(['One', 'Two', 'Three'])

  it('sends only the slides whose HTML changed, by position', () => {
    const after = shown(['One', 'Deux', 'Three'])
    expect(diffDeck(before, after)).toEqual({
      type: 'changed',
      changed: [{ index: 1, html: after.slides[1] }],
    })
  })

  it('sends each changed slide when several changed', () => {
    const after = shown(['Un', 'Two', 'Trois'])
    expect(diffDeck(before, after)).toEqual({
      type: 'changed',
      changed: [
        { index: 0, html: after.slides[0] },
        { index: 2, html: after.slides[2] },
      ],
    })
  })

  it('sends nothing for a save that changed nothing', () => {
    expect(diffDeck(before, shown(['One', 'Two', 'Three']))).toEqual({ type: 'none' })
  })

  it('sends every slide when one was added or removed (they no longer line up)', () => {
    const added = shown(['One', 'One and a half', 'Two', 'Three'])
    expect(diffDeck(before, added)).toEqual({ type: 'slides', slides: added.slides })
    const removed = shown(['One', 'Three'])
    expect(diffDeck(before, removed)).toEqual({ type: 'slides', slides: removed.slides })
  })

  it('sends every slide when what the pages have is not known', () => {
    expect(diffDeck(undefined, before)).toEqual({ type: 'slides', slides: before.slides })
  })

  it.each([
    ['the title', { title: 'Another deck' }],
    ['the presenter', { presenter: 'Ada' }],
    ['the date', { date: '2025-01-10' }],
    ['the language', { lang: 'fr' }],
    ['the duration', { duration: 45 }],
    ['the group', { group: 'Reading is fun' }],
  ])('reloads the pages when the headmatter changed (%s), the slides changed or not', (_, meta) => {
    expect(diffDeck(before, shown(['One', 'Two', 'Three'], meta))).toEqual({ type: 'reload' })
    expect(diffDeck(before, shown(['One', 'Two'], meta))).toEqual({ type: 'reload' })
  })
})
