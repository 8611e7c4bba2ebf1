// Typography of prose: curly quotes, apostrophes, dashes and unbroken names in text, and nothing
// changed in code, maths, URLs, attributes or raw HTML.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import {
  curlMarkupText,
  curlQuotes,
  dashes,
  isName,
} from '../../../../src/compiler/markdown/typography.ts'
import { compactMath, formatAll, renderBody } from '../../../helpers/deck.ts'

const render = (body: string): string => {
  const { html, result } = renderBody(body)
  expect(formatAll(result)).toBe('')
  return compactMath(html).trim()
}

describe('prose', () => {
  it('gets curly quotes and apostrophes', () => {
    expect(render(`"Hello," she said. It's 'fine', isn't it?`)).toBe(
      '<p>“Hello,” she said. It’s ‘fine’, isn’t it?</p>',
    )
  })

  it('gets en and em dashes and the ellipsis', () => {
    expect(render('pages 10--12 -- then --- wait...')).toBe('<p>pages 10–12 – then — wait…</p>')
  })

  it('curls quotes in headings, lists, tables, emphasis and link text', () => {
    const html = render(
      `# It's "here"\n\n- a "b"\n\n| "h" |\n|---|\n| it's |\n\n*"e"* [the "t"](https://a.org/x)`,
    )
    expect(html).toContain('<h1>It’s “here”</h1>')
    expect(html).toContain('<li>a “b”</li>')
    expect(html).toContain('“h”')
    expect(html).toContain('it’s')
    expect(html).toContain('<em>“e”</em>')
    expect(html).toContain('<a href="https://a.org/x">the “t”</a>')
  })

  it('keeps a quote next to maths the right way round', () => {
    expect(render('"$x$" and "$y$".')).toBe('<p>“[$x$]” and “[$y$]”.</p>')
  })

  it('keeps (c), (r), (tm) and +- as written', () => {
    expect(render("options (a), (b), (c); (r) (tm) +- -- it's")).toBe(
      '<p>options (a), (b), (c); (r) (tm) +- – it’s</p>',
    )
  })

  it('curls the quotes smartquotes leaves without a partner', () => {
    expect(render(`Yue et al.'s notation, the '90s, 'tis; "open\n\nclose" (and "x`)).toBe(
      '<p>Yue et al.’s notation, the ’90s, ’tis; “open</p>\n<p>close” (and “x</p>',
    )
    expect(render('`a`"s" *b*\'s')).toBe('<p><code>a</code>”s” <em>b</em>’s</p>')
  })

  it('keeps an escaped quote straight', () => {
    expect(render('a \\"b\\" "c"')).toBe('<p>a "b" “c”</p>')
  })
})

describe('left as written', () => {
  it('inline code', () => {
    expect(render('"p" `"x" -- it\'s...`')).toBe('<p>“p” <code>"x" -- it\'s...</code></p>')
  })

  it('fenced and indented code', () => {
    const html = render('"p"\n\n```\n"code" -- it\'s...\n```\n\n    "indented" -- x')
    expect(html).toContain('<p>“p”</p>')
    expect(html).toContain('"code" -- it\'s...')
    expect(html).toContain('"indented" -- x')
    expect(html.replace('<p>“p”</p>', '')).not.toMatch(/[“”‘’–—…]/)
  })

  it('inline and display maths', () => {
    expect(render(`$"a" -- b'...$ and "p"\n\n$$\nf'(x) -- "y"...\n$$`)).toBe(
      `<p>[$"a" -- b'...$] and “p”</p>\n<div class="math-display">[$$\nf'(x) -- "y"...\n$$]</div>`,
    )
  })

  it('bare URLs, autolinks and link targets and titles', () => {
    const html = render(
      'it\'s https://example.com/a--b/c...d and www.a.org/x--y. <https://x.org/q--r> [l](https://a.org/--x "it\'s --")',
    )
    expect(html).toBe(
      '<p>it’s https://example.com/a--b/c...d and www.a.org/x--y. <a href="https://x.org/q--r">https://x.org/q--r</a> <a href="https://a.org/--x" title="it\'s --">l</a></p>',
    )
  })

  it('attributes and raw HTML attributes', () => {
    const html = render(
      `Text {data-x="a--b's"}\n\n<span title="a -- 'b'...">"in" html</span>\n\n<div title="x--'y'">\n\nblock\n\n</div>`,
    )
    const $ = load(html, null, false)
    expect($('p[data-x]').attr('data-x')).toBe("a--b's")
    expect($('span[title]').attr('title')).toBe("a -- 'b'...")
    expect($('span[title]').text()).toBe('“in” html')
    expect($('div').attr('title')).toBe("x--'y'")
  })
})

describe('hyphenated names', () => {
  it('are kept on one line', () => {
    expect(render('Qwen2.5-7B, LLaMA-3.1-8B and Code-R1. Mistral-Medium-3 or DeepSeek-R1.')).toBe(
      '<p><span class="nowrap">Qwen2.5-7B</span>, <span class="nowrap">LLaMA-3.1-8B</span> and ' +
        '<span class="nowrap">Code-R1</span>. <span class="nowrap">Mistral-Medium-3</span> or ' +
        '<span class="nowrap">DeepSeek-R1</span>.</p>',
    )
  })

  it('only in prose: not in code, maths, URLs or ordinary hyphenated words', () => {
    expect(
      render('`Qwen2.5-7B` $A-1$ https://h.co/Qwen/Qwen2.5-7B long-term well-known GPT-4o'),
    ).toBe(
      '<p><code>Qwen2.5-7B</code> [$A-1$] https://h.co/Qwen/Qwen2.5-7B long-term well-known ' +
        '<span class="nowrap">GPT-4o</span></p>',
    )
  })

  it('are told from words', () => {
    expect(['GPT-4o', 'Code-R1', 'RL-Zoo', 'Self-Consistency', 'pass-1'].map(isName)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ])
    expect(['long-term', 'Long-term', 'x'.repeat(20) + '-' + 'Y'.repeat(20)].map(isName)).toEqual([
      false,
      false,
      false,
    ])
  })

  it('keep their text in the heading that names the slide', () => {
    const { result } = renderBody('# Code-R1 results')
    expect(result.deck.slides[0]!.id).toBe('code-r1-results')
  })
})

describe('dashes()', () => {
  it('follows markdown-it: three hyphens an em dash, two an en dash, more unchanged', () => {
    expect(dashes('a---b a--b a -- b ---- ....')).toBe('a—b a–b a – b ---- ….')
  })
})

describe('text of drawings and figures', () => {
  it('curls a plain string by each quote’s place', () => {
    expect(curlQuotes(`the base model's pass@256`)).toBe('the base model’s pass@256')
    expect(curlQuotes(`tokens "The moon orbits the" go in`)).toBe(
      'tokens “The moon orbits the” go in',
    )
    expect(curlQuotes(`'fine' and the '90s, the models' runs`)).toBe(
      '‘fine’ and the ’90s, the models’ runs',
    )
    expect(curlQuotes('no quotes at all')).toBe('no quotes at all')
  })

  it('changes text runs only: never tags, attributes, style, code or maths', () => {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg"><style>text{font-family:"Inter"}</style>` +
      `<title>it's "here"</title><text x="1" data-q="a'b">model&apos;s &quot;x&quot;</text>` +
      `<g><text>a</text><rect/><text>'b'</text></g></svg>`
    expect(curlMarkupText(svg, 'svg')).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg"><style>text{font-family:"Inter"}</style>` +
        `<title>it’s “here”</title><text x="1" data-q="a'b">model’s “x”</text>` +
        `<g><text>a</text><rect/><text>‘b’</text></g></svg>`,
    )
    const html =
      `<figure><figcaption>the paper's <code>f'(x)</code> ` +
      `<span class="katex"><annotation>f'</annotation></span> after's</figcaption></figure>`
    expect(curlMarkupText(html)).toBe(
      `<figure><figcaption>the paper’s <code>f'(x)</code> ` +
        `<span class="katex"><annotation>f'</annotation></span> after’s</figcaption></figure>`,
    )
  })
})
