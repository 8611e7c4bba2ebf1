// Figures: `![Caption](file){credit= source= licence=}` as a <figure> with a caption and a credit line.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { formatAll, renderBody, ROOT } from '../../../helpers/deck.ts'

const FIG = 'figures/fixture-plot.png'

describe('figures', () => {
  it('render a <figure> whose figcaption holds the caption and the credit line', () => {
    const { html, result } = renderBody(
      `## A figure\n\n![Score of *two* models, $k$ samples](${FIG}){credit="Fixture & Co., Fig. 1" source="https://example.org/paper?x=1&y=2" licence="CC BY 4.0"}\n`,
    )
    expect(formatAll(result)).toBe('')
    const $ = load(html, null, false)
    const figure = $('figure.deck-figure')
    expect(figure).toHaveLength(1)
    expect(figure.find('> img').attr('src')).toMatch(/^\.\/deck-assets\/fixture-plot-[\w-]+\.png$/)
    expect(figure.find('> img').attr('alt')).toBe('Score of two models, k samples')
    const caption = figure.find('> figcaption.deck-figure-caption')
    expect(caption.find('.deck-figure-text em').text()).toBe('two')
    expect(caption.find('.deck-figure-text .katex')).toHaveLength(1)
    const credit = caption.find('.deck-figure-credit')
    expect(credit.text()).toBe('Fixture & Co., Fig. 1 · example.org/paper?x=1&y=2 · CC BY 4.0')
    expect(credit.find('a').attr('href')).toBe('https://example.org/paper?x=1&y=2')
    // No figure attribute is left on the image.
    expect(figure.find('img').attr('credit')).toBeUndefined()
    expect(html).not.toMatch(/\b(credit|source|licence)=/)
  })

  it('take Quarto’s fig-alt as the alt text, and `license` as well as `licence`', () => {
    const { html, result } = renderBody(
      `![Caption](${FIG}){credit="Me" license="CC0" fig-alt="Bars rising with k"}\n`,
    )
    expect(formatAll(result)).toBe('')
    const $ = load(html, null, false)
    expect($('img').attr('alt')).toBe('Bars rising with k')
    expect($('.deck-figure-text').text()).toBe('Caption')
    expect($('.deck-figure-credit').text()).toBe('Me · CC0')
  })

  it('say "licence not stated" with a warning when there is no licence', () => {
    const { html, result } = renderBody(`## F\n\n![Caption](${FIG}){credit="Someone"}\n`)
    expect(load(html, null, false)('.deck-figure-credit').text()).toBe(
      'Someone · licence not stated',
    )
    expect(formatAll(result)).toBe(
      'deck/01.md:6:1: warning: the figure has no `licence=`: its credit line reads "licence not stated" [figure-licence]',
    )
  })

  it('leave an image without figure attributes a plain image', () => {
    const { html, result } = renderBody(`![Just an image](${FIG})\n`)
    expect(formatAll(result)).toBe('')
    expect(html).toMatch(
      /^<p><img src="\.\/deck-assets\/fixture-plot-[\w-]+\.png" alt="Just an image"><\/p>/,
    )
  })

  it('escape every value, and keep the caption to what Markdown makes', () => {
    const { html, result } = renderBody(
      `![<script>alert(1)</script> cap](${FIG}){credit="5 < 6 & 'x' > 2" licence="it's (c) <2025>"}\n`,
    )
    // Raw HTML in the caption is raw HTML in a slide: through the sanitizer, which says so.
    expect(formatAll(result)).toBe(
      'deck/01.md:4:3: warning: removed <script> element from raw HTML (not on the allow-list) [html-removed]',
    )
    const $ = load(html, null, false)
    expect($('script')).toHaveLength(0)
    expect($('img').attr('alt')).toBe('alert(1) cap')
    expect($('.deck-figure-by').text()).toBe("5 < 6 & 'x' > 2")
    expect(html).toContain('5 &lt; 6 &amp; ')
    expect($('.deck-figure-licence').text()).toBe("it's (c) <2025>")
  })

  it('keep markup written in the attributes out of the page', () => {
    // Markdown reads a tag inside the braces as raw HTML, so this is no figure: its HTML goes
    // through the slide's sanitizer like any raw HTML.
    const { html } = renderBody(
      `![C](${FIG}){credit="<img src=x onerror=alert(1)>" licence="</figure><script>alert(1)</script>"}\n`,
    )
    expect(html).not.toMatch(/onerror|<script|<\/figure>/)
  })
})

describe('figure errors', () => {
  const errors = (body: string): string => formatAll(renderBody(`## F\n\n${body}\n`).result)

  it('refuse a source that is not an http(s) link, at the attribute', () => {
    for (const source of [
      'javascript:alert(1)',
      'JaVaScRiPt:x',
      'data:text/html,x',
      '//evil.example',
      'file:///etc/passwd',
      'docs/x.html',
      'https://',
    ])
      expect(errors(`![C](${FIG}){credit="A" source="${source}" licence="CC0"}`)).toMatch(
        /^deck\/01\.md:6:\d+: error: the figure's `source=` must be an http:\/\/ or https:\/\/ link, not `.*` \[figure-source\]$/,
      )
    const { html } = renderBody(
      `![C](${FIG}){credit="A" source="javascript:alert(1)" licence="CC0"}\n`,
    )
    expect(html).not.toMatch(/javascript/)
  })

  it('point at the column of the source attribute', () => {
    expect(errors(`![C](${FIG}){credit="A" source="ftp://x" licence="CC0"}`)).toBe(
      "deck/01.md:6:43: error: the figure's `source=` must be an http:// or https:// link, not `ftp://x` [figure-source]",
    )
  })

  it('need a credit', () => {
    expect(errors(`![C](${FIG}){source="https://example.org" licence="CC0"}`)).toBe(
      'deck/01.md:6:1: error: the figure has no `credit=`: say whose it is [figure-credit]',
    )
  })

  it('refuse empty and overlong values', () => {
    expect(errors(`![C](${FIG}){credit="  " licence="CC0"}`)).toBe(
      "deck/01.md:6:32: error: the figure's `credit=` is empty [figure-attribute]",
    )
    expect(errors(`![C](${FIG}){credit="A" licence="${'x'.repeat(301)}"}`)).toMatch(
      /error: the figure's `licence=` has 301 characters, more than 300 \[figure-attribute\]$/,
    )
  })

  it('need the image alone in its paragraph', () => {
    expect(errors(`Text ![C](${FIG}){credit="A" licence="CC0"} more`)).toBe(
      'deck/01.md:6:6: error: a figure (an image with `credit=`, `source=` or `licence=`) must be alone in its paragraph [figure-alone]',
    )
    expect(errors('A paragraph {credit="A"}')).toBe(
      'deck/01.md:6:1: error: `credit=` belongs to an image alone in its paragraph [figure-alone]',
    )
  })

  it('report a missing image through the image rules', () => {
    expect(errors(`![C](figures/nope.png){credit="A" licence="CC0"}`)).toMatch(/\[missing-image\]/)
    expect(errors(`![C](https://example.org/x.png){credit="A" licence="CC0"}`)).toMatch(
      /\[remote-image\]|\[remote-load\]/,
    )
    expect(errors(`![C](../../../../../etc/passwd){credit="A" licence="CC0"}`)).toMatch(
      /\[path-outside\]|\[missing-image\]/,
    )
  })

  it('say when the braces cannot be read (an HTML entity inside)', () => {
    expect(errors(`![C](${FIG}){credit="A &amp; B" licence="CC0"}`)).toBe(
      "deck/01.md:6:31: error: the figure's `{…}` cannot be read: it holds an HTML entity (`&amp;`) or tag [figure-attribute]",
    )
  })

  it('need alt text', () => {
    expect(errors(`![](${FIG}){credit="A" licence="CC0"}`)).toMatch(/\[image-alt\]/)
  })
})

describe('the example of docs/authoring.md', () => {
  it('compiles with no problem, and shows its caption and credit line', () => {
    const doc = readFileSync(resolve(ROOT, 'docs/authoring.md'), 'utf8')
    const section = doc.slice(doc.indexOf('## Figures'))
    const example = /```markdown\n(!\[[^\n]*)\n```/.exec(section)![1]!
    // The example's figure is the paper's; the test's is a fixture image of its own.
    const { html, result } = renderBody(`## F\n\n${example.replace(/\]\([^)]*\)/, `](${FIG})`)}\n`)
    expect(formatAll(result)).toBe('')
    const $ = load(html, null, false)
    expect($('figure.deck-figure > figcaption .deck-figure-credit').text()).toBe(
      'Yue et al. (2025), Figure 2 · arxiv.org/abs/2504.13837 · CC BY 4.0',
    )
    expect($('.deck-figure-text .katex')).toHaveLength(2)
  })
})
