// Typography of prose: curly quotes and apostrophes (markdown-it's smartquotes), en and em dashes
// and the ellipsis, and hyphenated names (a model or version name) kept on one line. Only text
// tokens change: code, maths, raw HTML, attributes and link targets are other tokens or attributes,
// and a bare URL written in prose is set aside before the rules run, so it stays as written.
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import { escapeHtml } from '../../shared/html.ts'
import { readHtml } from '../../untrusted/index.ts'

/** English quotes: double open/close, single open/close (the single close is the apostrophe). */
export const QUOTES = '“”‘’'

/** A bare URL or `www.` address in prose, up to white space or a closing bracket or quote. */
const BARE_URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>()[\]{}"'`]+/gi

/**
 * A hyphenated name: letters, digits and dots joined by single hyphens (`Model2.5-7B`,
 * `Net-3.1-8B`, `Solver-R1`), not inside a longer word.
 */
const HYPHENATED =
  /(?<![\p{L}\p{N}\-_@/])[\p{L}\p{N}][\p{L}\p{N}.]*(?:-[\p{L}\p{N}][\p{L}\p{N}.]*)+/gu

/** A name longer than this may wrap: kept on one line it could overflow a phone's column. */
const NAME_MAX = 32

/**
 * Whether a hyphenated token is a name to keep whole: it has a digit, or a capital letter after
 * its first character (`DeepNet-R1`, `Big-Medium-3`, `RL-Zoo`); `long-term` may still wrap.
 */
export function isName(token: string): boolean {
  return token.length <= NAME_MAX && (/\p{N}/u.test(token) || /\p{Lu}/u.test(token.slice(1)))
}

/** The ranges of bare URLs in a text. */
function urlRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(BARE_URL)].map((m) => [m.index, m.index + trimUrl(m[0]).length])
}

/** A URL without the sentence punctuation after it. */
function trimUrl(url: string): string {
  return url.replace(/[.,;:!?]+$/, '')
}

/**
 * The dash and ellipsis replacements of markdown-it's typographer (its `replacements` rule),
 * without `(c)`, `(tm)`, `(r)` and `+-`: a list's `(c)` in prose stays a letter.
 */
export function dashes(text: string): string {
  if (!/--|\.\.\./.test(text)) return text
  return text
    .replace(/\.{3}/g, '…')
    .replace(/(^|[^-])---(?=[^-]|$)/gm, '$1—')
    .replace(/(^|\s)--(?=\s|$)/gm, '$1–')
    .replace(/(^|[^-\s])--(?=[^-\s]|$)/gm, '$1–')
}

/** Runs `fn` over each inline token's children. */
function eachInline(state: StateCore, fn: (children: Token[]) => Token[]): void {
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.children) block.children = fn(block.children)
  }
}

/** Splits each text token at bare URLs: the URLs become `text_special` tokens no rule rewrites. */
function protectUrls(state: StateCore): void {
  eachInline(state, (children) =>
    children.flatMap((token) => {
      if (token.type !== 'text' || !/[:.]/.test(token.content)) return [token]
      const ranges = urlRanges(token.content)
      if (!ranges.length) return [token]
      const out: Token[] = []
      let at = 0
      const piece = (type: string, content: string): void => {
        if (!content) return
        const t = new state.Token(type, '', 0)
        t.content = content
        if (type === 'text_special') t.info = 'url'
        out.push(t)
      }
      for (const [from, to] of ranges) {
        piece('text', token.content.slice(at, from))
        piece('text_special', token.content.slice(from, to))
        at = to
      }
      piece('text', token.content.slice(at))
      return out
    }),
  )
}

/** Core rule: dashes and the ellipsis in text tokens, not inside an autolink's text. */
function replaceDashes(state: StateCore): void {
  eachInline(state, (children) => {
    let autolink = 0
    for (const token of children) {
      if (token.type === 'link_open' && token.info === 'auto') autolink++
      else if (token.type === 'link_close' && token.info === 'auto') autolink--
      else if (token.type === 'text' && autolink === 0) token.content = dashes(token.content)
    }
    return children
  })
}

/**
 * A straight quote that markdown-it's smartquotes left (it found no partner: `Yue et al.'s`,
 * `'90s`, a quote that opens in one paragraph and closes in the next) as its curly form: a single
 * quote is always the apostrophe (an elision or a closing quote), a double quote opens after white
 * space, an opening bracket or the start of the text, and closes elsewhere.
 */
export function unpairedQuotes(text: string, before = ' '): string {
  if (!/['"]/.test(text)) return text
  let out = ''
  let prev = before
  for (const ch of text) {
    if (ch === "'") out += QUOTES[3]
    else if (ch === '"') out += /[\s([{\u2014\u2013]/u.test(prev) ? QUOTES[0] : QUOTES[1]
    else out += ch
    prev = ch
  }
  return out
}

const RE_WORD = /[\p{L}\p{N}]/u
const RE_OPENS = /[\s([{\u2014\u2013]/u

/**
 * Curly quotes in a plain string (a drawing's text, where no Markdown pairs them): a double quote
 * opens after white space, a bracket, a dash or the string's start and closes elsewhere; a single
 * quote opens (‘) where a double would and a later single quote closes it, and is the apostrophe
 * (’) everywhere else (`it's`, `'90s`, `models'`).
 */
export function curlQuotes(text: string): string {
  if (!/['"]/.test(text)) return text
  const chars = [...text]
  return chars
    .map((ch, i) => {
      const prev = chars[i - 1] ?? ' '
      const opens = RE_OPENS.test(prev)
      if (ch === '"') return opens ? QUOTES[0] : QUOTES[1]
      if (ch !== "'") return ch
      // Not before a word, or before a year's digits (`'90s`): the apostrophe.
      if (!opens || !RE_WORD.test(chars[i + 1] ?? '') || /\p{N}/u.test(chars[i + 1]!))
        return QUOTES[3]
      // An opening quote when a closing one follows: after a non-space, not inside a word.
      const closes = chars.some(
        (c, j) =>
          j > i + 1 && c === "'" && !/\s/u.test(chars[j - 1]!) && !RE_WORD.test(chars[j + 1] ?? ''),
      )
      return closes ? QUOTES[2] : QUOTES[3]
    })
    .join('')
}

/** Elements whose text is code, maths source or style: their quotes are not typography. */
const LITERAL = new Set(['style', 'script', 'code', 'pre', 'annotation', 'kbd', 'samp'])

/** The character references a quote may be written as in markup. */
const RE_QUOTE_REFS = /&(?:quot|apos|#0*3[49]|#x0*2[27]);/gi

/**
 * Curly quotes in the text of a drawing or a figure's markup (an SVG, a chart's figure with its
 * caption and table): only text runs change, never a tag, an attribute, a `<style>`, code, or
 * maths (KaTeX's HTML and its TeX annotation).
 */
export function curlMarkupText(markup: string, mode: 'html' | 'svg' = 'html'): string {
  if (!/['"]|&(?:quot|apos|#)/i.test(markup)) return markup
  const edits: [start: number, end: number, text: string][] = []
  const literal: boolean[] = []
  readHtml(
    markup,
    {
      startTag: (tag) => {
        const cls = tag.attributes.find(([n]) => n === 'class')?.[1] ?? ''
        literal.push(
          literal.at(-1) === true || LITERAL.has(tag.name.toLowerCase()) || /\bkatex/.test(cls),
        )
      },
      // Every element ends once, a self-closing one and one the parser closes included.
      endTag: () => {
        literal.pop()
      },
      text: (_, start, end) => {
        if (literal.at(-1)) return
        const raw = markup.slice(start, end)
        if (!/['"]|&(?:quot|apos|#)/i.test(raw)) return
        const plain = raw.replace(RE_QUOTE_REFS, (ref) => (/quot|34|22/i.test(ref) ? '"' : "'"))
        const curled = curlQuotes(plain)
        if (curled !== raw) edits.push([start, end, curled])
      },
    },
    mode,
  )
  let out = markup
  for (const [start, end, text] of edits.reverse())
    out = out.slice(0, start) + text + out.slice(end)
  return out
}

/** Core rule (after smartquotes): the straight quotes it left, in text outside autolinks. */
function replaceUnpaired(state: StateCore): void {
  eachInline(state, (children) => {
    let autolink = 0
    // The character before a token: white space at a paragraph's start or after a line break,
    // a letter after code, maths or anything else drawn inline.
    let before = ' '
    for (const token of children) {
      if (token.type === 'link_open' && token.info === 'auto') autolink++
      else if (token.type === 'link_close' && token.info === 'auto') autolink--
      else if (token.type === 'text' && autolink === 0)
        token.content = unpairedQuotes(token.content, before)
      if (token.type === 'softbreak' || token.type === 'hardbreak') before = ' '
      else if (token.content) before = token.content.at(-1)!
    }
    return children
  })
}

interface NameMeta {
  deckName?: boolean
}

/** Core rule (after text tokens are joined): hyphenated names in prose become their own tokens. */
function markNames(state: StateCore): void {
  eachInline(state, (children) => {
    let autolink = 0
    return children.flatMap((token) => {
      if (token.type === 'link_open' && token.info === 'auto') autolink++
      else if (token.type === 'link_close' && token.info === 'auto') autolink--
      if (token.type !== 'text' || autolink > 0 || !token.content.includes('-')) return [token]
      const urls = urlRanges(token.content)
      const out: Token[] = []
      let at = 0
      const piece = (content: string, name: boolean): void => {
        if (!content) return
        const t = new state.Token('text', '', 0)
        t.content = content
        if (name) t.meta = { deckName: true } satisfies NameMeta
        out.push(t)
      }
      for (const m of token.content.matchAll(HYPHENATED)) {
        const name = m[0].replace(/\.+$/, '')
        const from = m.index
        if (!isName(name) || urls.some(([a, b]) => from < b && from + name.length > a)) continue
        piece(token.content.slice(at, from), false)
        piece(name, true)
        at = from + name.length
      }
      if (at === 0) return [token]
      piece(token.content.slice(at), false)
      return out
    })
  })
}

/**
 * Registers the typography rules. markdown-it's `typographer` option turns on its smartquotes
 * rule (with `QUOTES`) and its `replacements` rule, which this plugin replaces by `deck_dashes`.
 */
export function typographyPlugin(md: MarkdownIt): void {
  md.set({ typographer: true, quotes: QUOTES })
  md.core.ruler.disable('replacements')
  md.core.ruler.before('replacements', 'deck_protect_urls', protectUrls)
  md.core.ruler.after('replacements', 'deck_dashes', replaceDashes)
  md.core.ruler.after('smartquotes', 'deck_unpaired_quotes', replaceUnpaired)
  md.core.ruler.after('text_join', 'deck_names', markNames)
  const text = md.renderer.rules.text!
  md.renderer.rules.text = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!
    return (token.meta as NameMeta | null)?.deckName
      ? `<span class="nowrap">${escapeHtml(token.content)}</span>`
      : text(tokens, idx, options, env, self)
  }
}
