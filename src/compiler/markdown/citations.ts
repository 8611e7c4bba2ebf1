// Citations in pandoc's syntax: `[@key]`, `[see @key, p. 3]`, `[@a; -@b]` and `@key` in running
// text, and the `::: references` slide. Here they are only parsed and located; the deck stage
// (src/compiler/citations.ts) resolves them against references.bib and formats them.
import type { MarkdownIt, StateCore, StateInline, Token } from 'markdown-it'
import container from 'markdown-it-container'
import { escapeHtml } from '../../shared/html.ts'
import { offsetToLineCol } from '../diagnostics.ts'
import { envOf, type RenderEnv } from './env.ts'
import { inlineOffsetMapper } from './positions.ts'

/** One work cited inside a citation. */
export interface CiteItem {
  key: string
  /** Text before `@key` inside the brackets (`see`). */
  prefix?: string
  /** Text after the comma (`p. 3`). */
  locator?: string
  /** `-@key`: the year only, as in "Yue et al. say (2025)". */
  suppressAuthor?: boolean
  /** Where `@key` is: 1-based line, 0-based column in the file. */
  line: number
  column: number
}

/** One citation as written: a bracketed group or a bare `@key` in the text. */
export interface CitationUse {
  /** `paren`: `[@a; @b]` -> (A, 2020; B, 2021); `narrative`: `@a` -> A (2020). */
  mode: 'paren' | 'narrative'
  items: CiteItem[]
  file: string
}

/** The marker a references slide's container leaves for the deck stage. */
export const REFERENCES_MARKER = '<!--deck:references-->'
/** A citation's placeholder; the deck stage replaces it (its content is the source text). */
export const RE_CITE_PLACEHOLDER = /<span class="deck-cite" data-deck-cite="(\d+)">[^<]*<\/span>/g

/**
 * pandoc's citation key: starts with a letter, digit or `_`; inner punctuation (`:.#$%&-+?<>~/`)
 * only when a word character follows, so `@yue2025.` at a sentence's end is `yue2025`.
 */
const RE_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*/u
const RE_WORD_BEFORE = /[\p{L}\p{N}_.+-]/u
const AT = 0x40

interface CiteMeta {
  mode: CitationUse['mode']
  items: (Omit<CiteItem, 'line' | 'column'> & { offset: number })[]
  /** Set by the core rule: each item's offset in the slide body. */
  bodyOffsets?: number[]
}

/** `@key` in running text: at a word's start (so `name@example.org` is not a citation). */
function citeBare(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state
  if (src.charCodeAt(pos) !== AT) return false
  if (pos > 0 && RE_WORD_BEFORE.test(src[pos - 1]!)) return false
  const key = RE_KEY.exec(src.slice(pos + 1))?.[0]
  if (!key) return false
  if (!silent) {
    const token = state.push('deck_cite', 'span', 0)
    token.content = src.slice(pos, pos + 1 + key.length)
    token.meta = { mode: 'narrative', items: [{ key, offset: pos }] } satisfies CiteMeta
  }
  state.pos = pos + 1 + key.length
  return true
}

/** `[…@key…; …]`: every `;`-separated part names one key; not a link (`](` or `][`). */
function citeBracket(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state
  if (src.charCodeAt(pos) !== 0x5b /* [ */) return false
  const end = src.indexOf(']', pos + 1)
  if (end < 0 || end > posMax) return false
  const inner = src.slice(pos + 1, end)
  if (!inner.includes('@') || inner.includes('[')) return false
  const next = src[end + 1]
  if (next === '(' || next === '[') return false
  const items: CiteMeta['items'] = []
  let partStart = pos + 1
  for (const part of inner.split(';')) {
    const m = /^(\s*)(.*?)(-?)@/.exec(part)
    const prefix = m?.[2] ?? ''
    // The `@` starts a key only after a space or the start (so an e-mail address is no citation).
    if (!m || (prefix !== '' && !/\s$/.test(prefix))) return false
    const at = m[0].length - 1
    const key = RE_KEY.exec(part.slice(at + 1))?.[0]
    if (!key) return false
    const rest = part.slice(at + 1 + key.length)
    if (rest.trim() !== '' && !/^\s*,/.test(rest)) return false
    const locator = rest.replace(/^\s*,\s*/, '').trim()
    items.push({
      key,
      prefix: prefix.trim() || undefined,
      locator: locator || undefined,
      suppressAuthor: m[3] === '-' || undefined,
      offset: partStart + at,
    })
    partStart += part.length + 1
  }
  if (!silent) {
    const token = state.push('deck_cite', 'span', 0)
    token.content = src.slice(pos, end + 1)
    token.meta = { mode: 'paren', items } satisfies CiteMeta
  }
  state.pos = end + 1
  return true
}

/** Core rule: gives each cited key its offset in the slide body, for positioned diagnostics. */
function locate(state: StateCore): void {
  const env = envOf(state.env)
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue
    let mapper: ((offset: number) => number) | undefined
    for (const child of block.children) {
      if (child.type !== 'deck_cite') continue
      const meta = child.meta as unknown as CiteMeta
      mapper ??= inlineOffsetMapper(block, env.body)
      meta.bodyOffsets = meta.items.map((i) => mapper!(i.offset))
    }
  }
}

function renderCite(tokens: Token[], idx: number, env: RenderEnv): string {
  const token = tokens[idx]!
  const meta = token.meta as unknown as CiteMeta
  const uses = (env.citations ??= [])
  uses.push({
    mode: meta.mode,
    file: env.file.path,
    items: meta.items.map(({ offset, ...item }, i) => {
      const { line, column } = offsetToLineCol(env.body, meta.bodyOffsets?.[i] ?? offset)
      return { ...item, line: env.startLine + line + 1, column }
    }),
  })
  return `<span class="deck-cite" data-deck-cite="${uses.length - 1}">${escapeHtml(token.content)}</span>`
}

/** `references` or `{.references}` after the colons. */
const isReferences = (params: string): boolean =>
  /^(references|\{\.references\})$/.test(params.trim())

/** Registers the citation rules and the `::: references` container on `md`. */
export function citationsPlugin(md: MarkdownIt): void {
  // Before `link`: `[@key]` would otherwise be tried as a link (and then be text).
  md.inline.ruler.before('link', 'deck_cite_bracket', citeBracket)
  md.inline.ruler.before('link', 'deck_cite', citeBare)
  md.core.ruler.after('inline', 'deck_cite_locate', locate)
  md.renderer.rules.deck_cite = (tokens, idx, _o, env) => renderCite(tokens, idx, envOf(env))
  md.use(container, 'references', {
    validate: isReferences,
    render: (tokens: Token[], idx: number) =>
      tokens[idx]!.nesting === 1
        ? `<div class="deck-references">${REFERENCES_MARKER}\n`
        : '</div>\n',
  })
}
