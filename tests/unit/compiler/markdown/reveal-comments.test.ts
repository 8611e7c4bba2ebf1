// `.slide` comments: attributes and id of the slide's `<section>` (render fixtures show only its inside).
import { describe, expect, it } from 'vitest'
import { renderSection } from '../../../../src/compiler/assemble.ts'
import { compileText, formatAll } from '../../../helpers/deck.ts'

const compile = (body: string) => compileText({ '01-deck.md': `---\ntitle: T\n---\n${body}` })

describe('<!-- .slide: --> comments', () => {
  it('set the id and the attributes of the section', () => {
    const result = compile('<!-- .slide: id="x" class="y" data-background-color="#fff" -->\n# A')
    const slide = result.deck.slides[0]!
    expect(slide.id).toBe('x')
    expect(slide.attrs).toEqual({ class: 'y', 'data-background-color': '#fff' })
    expect(renderSection(slide)).toMatch(
      /^<section id="x" class="y" data-background-color="#fff" data-source="deck\/01-deck.md:4">/,
    )
    expect(formatAll(result)).toBe('')
  })

  it('apply to their own slide only, anywhere in it, inline too', () => {
    const result = compile(
      '# A\n\n<!-- .slide: class="dark" -->\n\n---\n\n# B\n\n---\n\nText <!-- .slide: data-state="s" -->',
    )
    expect(result.deck.slides.map((s) => s.attrs)).toEqual([
      { class: 'dark' },
      {},
      { 'data-state': 's' },
    ])
    expect(result.deck.slides[2]!.html).toBe('<p>Text</p>\n')
  })

  it('add up: classes join, other attributes take the last value', () => {
    const result = compile(
      '<!-- .slide: class="a" data-x="1" -->\n<!-- .slide: class="b" data-x="2" -->\n# A',
    )
    expect(result.deck.slides[0]!.attrs).toEqual({ class: 'a b', 'data-x': '2' })
  })

  it('accept single quotes and bare values', () => {
    const result = compile("<!-- .slide: data-a='1 2' data-b=3 data-c -->\n# A")
    expect(result.deck.slides[0]!.attrs).toEqual({ 'data-a': '1 2', 'data-b': '3', 'data-c': '' })
  })

  it('refuse event handlers and other attribute names, at their column', () => {
    const result = compile('# A\n\n<!-- .slide: class="ok" onclick="go()" src=x -->')
    expect(result.deck.slides[0]!.attrs).toEqual({ class: 'ok' })
    expect(formatAll(result)).toBe(
      [
        'deck/01-deck.md:6:25: error: attribute `onclick` is not allowed here (allowed: id, class, style, title, lang, data-*, aria-*) [comment-attribute]',
        'deck/01-deck.md:6:40: error: attribute `src` is not allowed here (allowed: id, class, style, title, lang, data-*, aria-*) [comment-attribute]',
      ].join('\n'),
    )
  })

  it('leave section attributes alone when a .element comment marks a block', () => {
    const result = compile('- a <!-- .element: class="fragment" -->\n- b')
    expect(result.deck.slides[0]!.attrs).toEqual({})
    expect(result.deck.slides[0]!.html).toBe(
      '<ul>\n<li class="fragment">a</li>\n<li>b</li>\n</ul>\n',
    )
  })
})
