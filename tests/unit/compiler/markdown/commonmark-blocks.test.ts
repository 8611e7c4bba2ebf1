// What CommonMark says a fence's info string and an empty link destination mean, and where a
// slide break can be: read as markdown-it reads the document, never inside a block of it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it } from 'vitest'
import { findMermaidBlocks } from '../../../../src/compiler/mermaid.ts'
import { compileText, formatAll, renderBody } from '../../../helpers/deck.ts'

const compile = (body: string) => compileText({ '01-deck.md': `---\ntitle: T\n---\n${body}` })

describe("a fence's info string, decoded as CommonMark decodes it", () => {
  it('reads backslash escapes: ``` foo\\+bar is the language foo+bar', () => {
    const { html, result } = renderBody('``` foo\\+bar\nfoo\n```\n')
    expect(load(html)('div.deck-code').attr('data-lang')).toBe('foo+bar')
    expect(formatAll(result)).toContain('unknown language `foo+bar`')
  })

  it('reads entities: ``` p&#121;thon is highlighted as python', () => {
    const { html, result } = renderBody('``` p&#121;thon\nx = 1\n```\n')
    const $ = load(html)
    expect($('div.deck-code').attr('data-lang')).toBe('python')
    // Shiki's tokens: more than one span on the line, each coloured for both themes.
    expect($('span.line > span[style*="--shiki-light"]').length).toBeGreaterThan(1)
    expect(formatAll(result)).toBe('')
  })

  it('keeps the options after the decoded language: ``` p&#121;thon {2} highlights line 2', () => {
    const { html, result } = renderBody('``` p&#121;thon {2}\na = 1\nb = 2\n```\n')
    const $ = load(html)
    expect($('div.deck-code').attr('data-lang')).toBe('python')
    expect($('span.line.deck-hl').text()).toBe('b = 2')
    expect(formatAll(result)).toBe('')
  })

  describe('a Mermaid fence written with an entity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-fence-info-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    it('is found by the pre-pass that draws the diagrams', () => {
      writeFileSync(join(dir, '01.md'), '``` m&#101;rmaid\ngraph LR\n  A --> B\n```\n')
      expect(findMermaidBlocks([dir])).toEqual(['graph LR\n  A --> B\n'])
    })
  })
})

describe('an empty link destination', () => {
  it('keeps href="" as markdown-it does: [link]() is still a link', () => {
    const { html, result } = renderBody('[link]()\n')
    expect(html.trim()).toBe('<p><a href="">link</a></p>')
    expect(formatAll(result)).toBe('')
  })

  it('keeps href="" from a reference with <> as its destination', () => {
    const { html } = renderBody('[foo]: <>\n\n[foo]\n')
    expect(html.trim()).toBe('<p><a href="">foo</a></p>')
  })
})

describe('slide breaks are where markdown-it reads a thematic break of the document', () => {
  it('a fence on a list item line holds a separator, and is no unclosed fence', () => {
    const result = compile('- a\n- ```\n  b\n\n---\n\n  ```\n- c\n')
    // `---` at the margin ends the list item, so the fence closes there (CommonMark 5.2).
    expect(result.deck.slides).toHaveLength(2)
    const ok = compile('- a\n- ```\n  b\n\n  ---\n\n  ```\n- c\n')
    expect(ok.deck.slides).toHaveLength(1)
    expect(formatAll(ok)).toBe('')
  })

  it('a `::: notes` container holds a separator: the notes stay whole and unclosed-free', () => {
    const result = compile('# A\n\n::: notes\nOne.\n\n---\n\nTwo.\n:::\n\n---\n\n# B\n')
    expect(result.deck.slides).toHaveLength(2)
    expect(formatAll(result)).toBe('')
    const notes = load(result.deck.slides[0]!.html)('aside.notes')
    expect(notes.find('hr')).toHaveLength(1)
    expect(notes.text()).toContain('Two.')
  })

  it('a `$$` block holds a `---` line; one broken by a blank line is an error at its `$$`', () => {
    const whole = compile('$$\na\n---\nb\n$$\n')
    expect(whole.deck.slides).toHaveLength(1)
    expect(formatAll(whole)).toBe('')
    const broken = compile('$$\na\n\n---\n\nb\n$$\n')
    expect(formatAll(broken)).toContain(
      'deck/01-deck.md:4:1: error: display math `$$` is never closed',
    )
  })
})
