// The CommonMark 0.31.2 spec examples: the deck's compiler renders each as plain markdown-it 15
// does, apart from a listed set of differences, each with its reason and a check that it is the
// intended or a reported one.
import { createRequire } from 'node:module'
import { load, type CheerioAPI } from 'cheerio'
import type { AnyNode, Element } from 'domhandler'
import MarkdownIt from 'markdown-it'
import { afterAll, describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/compiler/diagnostics.ts'
import { QUOTES } from '../../../src/compiler/markdown/typography.ts'
import { renderBody } from '../../helpers/deck.ts'

interface Example {
  markdown: string
  html: string
  section: string
  number: number
}

// commonmark-spec is CommonJS without types: its `tests` are the spec's examples, in order.
const SPEC = (createRequire(import.meta.url)('commonmark-spec') as { tests: Example[] }).tests
/**
 * The same options as src/compiler/render.ts's createMarkdown, and no plugin: markdown-it's
 * typographer with the deck's quotes, without its `replacements` rule (the deck has its own).
 */
const plain = new MarkdownIt({ html: true, linkify: false, typographer: true, quotes: QUOTES })
plain.core.ruler.disable('replacements')
/** markdown-it's whole typographer, `replacements` included. */
const typographer = new MarkdownIt({
  html: true,
  linkify: false,
  typographer: true,
  quotes: QUOTES,
})

interface Case {
  /** markdown-it's HTML. */
  ref: string
  /** The compiler's HTML (slides joined by `<hr data-slide-break>`, see tests/helpers/deck.ts). */
  ours: string
  slides: number
  diagnostics: Diagnostic[]
}

const cases = new Map<number, Case>()
/** Renders an example both ways (once); the spec writes a tab as `→`. */
function caseOf(n: number): Case {
  let c = cases.get(n)
  if (c) return c
  const example = SPEC[n - 1]!
  const markdown = example.markdown.replaceAll('→', '\t')
  const { html, result } = renderBody(markdown)
  c = {
    ref: plain.render(markdown),
    ours: html,
    slides: result.deck.slides.length,
    diagnostics: result.diagnostics,
  }
  cases.set(n, c)
  return c
}

/**
 * HTML as comparable text: parsed (by the browser's HTML parser, parse5, or by htmlparser2, the
 * sanitizer's, which closes an unclosed tag where its parent ends), attributes sorted, whitespace
 * runs outside `<pre>` read as one space and dropped next to block tags.
 */
function canon(
  html: string,
  {
    parser = 'parse5',
    comments = true,
  }: { parser?: 'parse5' | 'htmlparser2'; comments?: boolean } = {},
): string {
  const parse = (text: string): CheerioAPI =>
    parser === 'parse5'
      ? load(text, null, false)
      : load(text, { xml: { xmlMode: false, decodeEntities: true } }, false)
  let $ = parse(html)
  if (!comments) {
    // Dropped, then parsed again, so the text on both sides of a comment is one text.
    $('*')
      .add($.root())
      .contents()
      .filter((_, n) => n.type === 'comment')
      .remove()
    $ = parse($.html())
  }
  const walk = (nodes: AnyNode[], pre: boolean): string =>
    nodes
      .map((n) => {
        if (n.type === 'text') return pre ? n.data : n.data.replace(/\s+/g, ' ')
        if (n.type === 'comment') return `<!--${n.data}-->`
        if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
          const attrs = Object.entries(n.attribs)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => ` ${k}="${v}"`)
            .join('')
          return `<${n.name}${attrs}>${walk(n.children, pre || n.name === 'pre')}</${n.name}>`
        }
        return ''
      })
      .join('')
  return walk($.root().contents().toArray(), false)
    .replace(
      / ?(<\/?(?:p|li|ul|ol|h\d|blockquote|pre|hr|table|thead|tbody|tr|td|th|div)\b[^>]*>) ?/g,
      '$1',
    )
    .trim()
}

const matches = (c: Case): boolean => canon(c.ours) === canon(c.ref)
const codes = (c: Case, code: string): Diagnostic[] => c.diagnostics.filter((d) => d.code === code)

/** Turns each Shiki block back into markdown-it's `<pre><code>`, checking its language. */
function unhighlight(c: Case): { ours: string; ref: string } {
  const $ = load(c.ours, null, false)
  $('div.deck-code').each((_, el) => {
    const lines = $(el)
      .find('pre > code > span.line')
      .toArray()
      .map((line) => $(line).text())
    const code = $('<code></code>')
      .text(lines.join('\n'))
      .attr('data-lang', $(el).attr('data-lang') ?? '')
    $(el).replaceWith($('<pre></pre>').append(code))
  })
  const ref = load(c.ref, null, false)
  const ours = $('pre > code').toArray()
  const theirs = ref('pre > code').toArray()
  expect(ours).toHaveLength(theirs.length)
  theirs.forEach((el, i) => {
    const mine = $(ours[i]!)
    const lang = mine.attr('data-lang')
    if (lang === undefined) return // an indented code block: markdown-it's own rendering
    const code = ref(el)
    const want = /^language-(.*)$/.exec(code.attr('class') ?? '')?.[1]
    // markdown-it's language (its info string decoded: `foo\+bar` is `foo+bar`) is the block's
    // data-lang, 'text' when there is none, or the compiler said it does not know that language.
    if (want === undefined) expect(lang).toBe('text')
    else if (lang !== want)
      expect(codes(c, 'code-language').map((d) => d.message)).toContain(
        `unknown language \`${want}\`: the block is shown as plain text`,
      )
    mine.removeAttr('data-lang')
    code.removeAttr('class')
    code.text(code.text().replace(/\n$/, ''))
  })
  return { ours: $.html(), ref: ref.html() }
}

/** Names of the elements and `element@attribute` pairs in `html`, counted. */
function inventory(html: string): Map<string, number> {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } }, false)
  const seen = new Map<string, number>()
  const add = (k: string): void => void seen.set(k, (seen.get(k) ?? 0) + 1)
  for (const el of $('*').toArray() as Element[]) {
    add(el.name)
    for (const a of Object.keys(el.attribs)) add(`${el.name}@${a}`)
  }
  return seen
}

interface Difference {
  /** Why the compiler's HTML differs from markdown-it's. */
  reason: string
  examples: number[]
  /** Asserts the difference is the intended or a reported one. */
  check: (c: Case, n: number) => void
}

/**
 * Each difference from plain markdown-it, with its reason. An example may have more than one; it
 * is checked against each. An example listed here must differ (a stale entry fails), and every
 * example not listed must match.
 */
const DIFFERENCES: Record<string, Difference> = {
  highlightedCode: {
    reason:
      'fenced code is highlighted at build time by Shiki (src/compiler/markdown/code.ts): a ' +
      '`div.deck-code` around `pre.shiki`, one `span.line` per line; turned back into ' +
      "`<pre><code>` the slide is markdown-it's, and its language is markdown-it's or a " +
      'code-language warning says it is unknown',
    examples: [
      19, 24, 34, 119, 120, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 135, 136,
      137, 139, 140, 141, 142, 143, 144, 146, 147, 212, 237, 263, 278, 318, 321, 324,
    ],
    check: (c) => {
      const { ours, ref } = unhighlight(c)
      expect(canon(ours)).toBe(canon(ref))
    },
  },
  dashes: {
    reason:
      'prose gets en and em dashes for `--` and `---` (src/compiler/markdown/typography.ts): ' +
      "the slide is markdown-it's with its whole typographer, `replacements` rule included",
    examples: [46, 55, 87, 106],
    check: (c, n) => {
      const markdown = SPEC[n - 1]!.markdown.replaceAll('→', '\t')
      expect(canon(c.ours)).toBe(canon(typographer.render(markdown)))
    },
  },
  unpairedQuotes: {
    reason:
      "a straight quote markdown-it's smartquotes leaves (no partner in its paragraph) is curled " +
      'by its place (src/compiler/markdown/typography.ts `unpairedQuotes`): read with every ' +
      "quote straight, the slide is markdown-it's, and it has fewer straight quotes",
    examples: [91, 197, 343, 620, 622, 650],
    check: (c) => {
      const straight = (html: string): string => html.replace(/[‘’]/g, "'").replace(/[“”]/g, '"')
      const count = (html: string): number => (html.match(/['"]/g) ?? []).length
      expect(straight(canon(c.ours))).toBe(straight(canon(c.ref)))
      expect(count(canon(c.ours))).toBeLessThan(count(canon(c.ref)))
    },
  },
  slideSeparator: {
    reason:
      '`---` between blank lines separates slides (the split rule of src/compiler/split.ts): ' +
      'where markdown-it writes `<hr>` for it, the compiler starts a new slide; read as `<hr>`, ' +
      "the slides are markdown-it's HTML",
    examples: [104],
    check: (c) => {
      expect(c.slides).toBe(2)
      expect(canon(c.ours.replace('<hr data-slide-break>', '<hr>'))).toBe(canon(c.ref))
    },
  },
  balanced: {
    reason:
      'a tag left open (`<a href="…">` with no `</a>`) is closed where its block ends: the ' +
      'sanitizer keeps every slide one balanced fragment, where a browser would ' +
      "carry the open `<a>` past the paragraph (the HTML standard's adoption agency); parsed as " +
      "the sanitizer's parser (htmlparser2) balances it, markdown-it's HTML is the same",
    examples: [187, 344, 476, 477, 494, 613, 614, 615, 616, 629, 630, 631, 642, 643],
    check: (c, n) => {
      if (DIFFERENCES.removedReported!.examples.includes(n)) return // checked there
      expect(canon(c.ours, { parser: 'htmlparser2', comments: false })).toBe(
        canon(c.ref, { parser: 'htmlparser2', comments: false }),
      )
    },
  },
  comments: {
    reason:
      'HTML comments are dropped, unreported: a comment shows nothing on a slide, and the ' +
      'comments the deck reads (`<!-- .slide: -->`, `<!-- .element: -->`) are consumed before; ' +
      '`<?…?>`, `<!…>` and `<![CDATA[…]]>` are comments to an HTML parser (htmlparser2 reads ' +
      '`<![CDATA[` to its `]]>`, a browser to the first `>`, so example 629 also loses `&<]]>`)',
    examples: [177, 179, 180, 182, 183, 308, 309, 625, 626, 627, 628, 629],
    check: (c, n) => {
      const parser = DIFFERENCES.balanced!.examples.includes(n) ? 'htmlparser2' : 'parse5'
      expect(canon(c.ours, { parser, comments: false })).toBe(
        canon(c.ref, { parser, comments: false }),
      )
    },
  },
  removedReported: {
    reason:
      'raw HTML off the allow-list (`<script>`, `<style>`, `<textarea>`, unknown elements and ' +
      'attributes) is removed by the sanitizer (src/compiler/markdown/sanitize.ts), each removal an ' +
      'html-removed warning at its file:line:column; every element and attribute of ' +
      "markdown-it's HTML that the slide lacks is named by one, and the slide adds none",
    examples: [
      150, 163, 169, 170, 171, 172, 173, 176, 178, 201, 491, 524, 536, 613, 614, 615, 616, 617,
    ],
    check: (c) => {
      const removed = codes(c, 'html-removed').map((d) => d.message)
      expect(removed.length).toBeGreaterThan(0)
      const ours = inventory(c.ours)
      const ref = inventory(c.ref)
      for (const [name, count] of ref) {
        if ((ours.get(name) ?? 0) >= count) continue
        const [tag, attr] = name.split('@')
        // An attribute goes with its element.
        const named =
          removed.some((m) => m.includes(`<${tag}> element`)) ||
          (attr !== undefined &&
            removed.some((m) => m.includes(`\`${attr}\` attribute on <${tag}>`)))
        expect(named, `${name} is gone, and no html-removed warning names it`).toBe(true)
      }
      for (const [name, count] of ours) expect(count).toBeLessThanOrEqual(ref.get(name) ?? 0)
    },
  },
  imagePolicy: {
    reason:
      "an image is a file inside the deck's folders that exists: `/url`, " +
      '`train.jpg` and the like are errors (missing-image, path-outside) at the image, and the ' +
      "`<img>` keeps no source; without its src, the slide is markdown-it's",
    examples: [
      475, 517, 520, 531, 572, 573, 574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 585, 586,
      587, 588, 589, 591,
    ],
    check: (c) => {
      const errors = c.diagnostics.filter(
        (d) => d.severity === 'error' && ['missing-image', 'path-outside'].includes(d.code),
      )
      expect(errors.length).toBeGreaterThanOrEqual(load(c.ref, null, false)('img[src]').length)
      const ours = load(c.ours, null, false)
      for (const el of ours('img').toArray())
        expect(['', undefined]).toContain(ours(el).attr('src'))
      const noSrc = (html: string): string => {
        const $ = load(html, null, false)
        $('img').removeAttr('src')
        return $.html()
      }
      expect(canon(noSrc(c.ours))).toBe(canon(noSrc(c.ref)))
    },
  },
  linkSchemes: {
    reason:
      'a link may be https:, http:, mailto: or #/slide-id: `irc:`, `a+b+c:`, ' +
      '`localhost:` and other schemes are url-scheme errors naming the URL, and the link loses ' +
      "its href; without those hrefs the slide is markdown-it's",
    examples: [596, 598, 599, 601],
    check: (c) => {
      const errors = codes(c, 'url-scheme')
      const $ = load(c.ref, null, false)
      $('a[href]').each((_, el) => {
        const href = $(el).attr('href')!
        expect(errors.some((d) => d.message.includes(`\`${href}\``))).toBe(true)
        $(el).removeAttr('href')
      })
      expect(canon(c.ours)).toBe(canon($.html()))
    },
  },
}

/**
 * Examples the per-block raw-HTML sanitizer regressed with 0 warnings (it cleaned each HTML block
 * on its own and emptied allowed wrappers): the whole-slide sanitizer renders them as
 * markdown-it does. They are checked like every unlisted example, and named here so a regression
 * says what it is.
 */
const FIXED_BY_WHOLE_SLIDE_SANITIZER = [148, 152, 155, 167, 184, 188, 190, 191]

/** Examples whose last fence has no closing line: the end of the document closes it. */
const FENCE_RUNS_TO_END = [126, 127, 137, 139, 237]

const listed = new Set(Object.values(DIFFERENCES).flatMap((d) => d.examples))
const results = { matching: 0, differing: 0 }

describe('CommonMark 0.31.2 spec examples', () => {
  it('has all 652 examples', () => {
    expect(SPEC).toHaveLength(652)
  })

  for (const example of SPEC) {
    const n = example.number
    if (listed.has(n)) continue
    const fixed = FIXED_BY_WHOLE_SLIDE_SANITIZER.includes(n)
    it(`example ${n} (${example.section}) renders as markdown-it${fixed ? ' (FIXED_BY_WHOLE_SLIDE_SANITIZER)' : ''}`, () => {
      const c = caseOf(n)
      expect(canon(c.ours)).toBe(canon(c.ref))
      results.matching++
    })
  }

  for (const [name, difference] of Object.entries(DIFFERENCES)) {
    describe(`differs: ${name}, because ${difference.reason}`, () => {
      for (const n of difference.examples) {
        it(`example ${n} (${SPEC[n - 1]!.section})`, () => {
          const c = caseOf(n)
          expect(matches(c), `example ${n} now matches markdown-it: take it off ${name}`).toBe(
            false,
          )
          difference.check(c, n)
        })
      }
    })
  }

  it('reports an unclosed fence only where the fence runs to the end of the document', () => {
    // CommonMark closes such a fence at the end of the document; a deck reports it, because in a
    // file of slides it would swallow every slide after it. A fence closed by its list item or
    // block quote (examples 318, 324) is no error.
    const unclosed = SPEC.filter((e) => codes(caseOf(e.number), 'unclosed-fence').length > 0)
    expect(unclosed.map((e) => e.number)).toEqual(FENCE_RUNS_TO_END)
    for (const n of FENCE_RUNS_TO_END) {
      const tokens = plain.parse(SPEC[n - 1]!.markdown, {})
      const fence = tokens.filter((t) => t.type === 'fence').at(-1)!
      expect(fence.map![1]).toBe(SPEC[n - 1]!.markdown.replace(/\n$/, '').split('\n').length)
    }
  })

  it("reads no example as math: no `$` in the spec pairs by pandoc's rules", () => {
    const withDollar = SPEC.filter((e) => e.markdown.includes('$'))
    expect(withDollar.length).toBeGreaterThan(0)
    for (const e of withDollar) expect(caseOf(e.number).ours).not.toContain('class="katex')
  })

  afterAll(() => {
    results.differing = listed.size
    console.log(
      `CommonMark 0.31.2: ${results.matching} of ${SPEC.length} examples render as markdown-it 15 ` +
        `does; ${listed.size} differ for a listed reason: ` +
        Object.entries(DIFFERENCES)
          .map(([name, d]) => `${name} ${d.examples.length}`)
          .join(', ') +
        ` (examples in two lists: ${Object.values(DIFFERENCES).reduce((s, d) => s + d.examples.length, 0) - listed.size})`,
    )
  })
})
