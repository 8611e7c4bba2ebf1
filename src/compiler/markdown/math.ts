// Math: `$...$` inline and `$$...$$` display math with pandoc's rules, typeset by KaTeX at build time.
import type { MarkdownIt, StateBlock, StateCore, StateInline, Token } from 'markdown-it'
import katex from 'katex'
import { escapeHtml } from '../../shared/html.ts'
import { offsetToLineCol } from '../diagnostics.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import {
  commandOffsets,
  DECK_STEPS,
  ExpansionTooLarge,
  FORMULA_MS,
  FORMULA_STEPS,
  guardFormula,
  lastMacroUse,
  REFUSED_COLOR,
  UNTRUSTED_COMMANDS,
} from '../../untrusted/index.ts'
import { inlineOffsetMapper } from './positions.ts'

/** Where a math token's TeX came from, so a KaTeX error can point at the offending character. */
interface MathMeta {
  /** Offset of the TeX in the parent inline token's content (inline math). */
  contentOffset?: number
  /** Maps an offset in the TeX to an offset in the slide body; set by the block rule or `locate`. */
  toBody?: (texOffset: number) => number
}

const DOLLAR = 0x24
const BACKSLASH = 0x5c
const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39

/**
 * Finds the end of `$…$` or `$$…$$` content from `start`; -1 if none. Inline math follows
 * pandoc's reader (`mathInlineWith` in Text/Pandoc/Parsing/Math.hs, https://pandoc.org/MANUAL.html#math):
 * a backslash and the character after it are one unit (so `$x\ $` closes: the space is escaped),
 * `\text{…}` with balanced braces is one unit (so `$\text{the $n$th}$` is one formula), a space
 * right before a `$` ends the attempt, and a closing `$` followed by a digit ends it too.
 */
function findClose(src: string, start: number, max: number, double: boolean): number {
  let escaped = -1 // offset of the last character a backslash escaped
  for (let pos = start; pos < max; pos++) {
    const code = src.charCodeAt(pos)
    if (code === BACKSLASH) {
      if (!double && src.startsWith('text{', pos + 1)) {
        const end = balancedBraces(src, pos + 5, max)
        if (end > 0) {
          pos = end - 1
          continue
        }
      }
      escaped = ++pos
      continue
    }
    if (code !== DOLLAR) continue
    if (double) {
      if (src.charCodeAt(pos + 1) === DOLLAR) return pos
      continue
    }
    // pandoc: the closing `$` has a non-space on its left and no digit right after it.
    const spaceBefore = isSpace(src.charCodeAt(pos - 1)) && escaped !== pos - 1
    if (!spaceBefore && !isDigit(src.charCodeAt(pos + 1))) return pos
    // A `$` that cannot close ends this attempt: `$5 and $10` stays text.
    return -1
  }
  return -1
}

/** End (exclusive) of the brace group opening at `open`, skipping backslash escapes; -1 if unclosed. */
function balancedBraces(src: string, open: number, max: number): number {
  let depth = 0
  for (let pos = open; pos < max; pos++) {
    const code = src.charCodeAt(pos)
    if (code === BACKSLASH) pos++
    else if (code === 0x7b) depth++
    else if (code === 0x7d && --depth === 0) return pos + 1
  }
  return -1
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state
  if (src.charCodeAt(pos) !== DOLLAR) return false
  const double = src.charCodeAt(pos + 1) === DOLLAR
  const open = double ? 2 : 1
  const start = pos + open
  // pandoc: the opening `$` must have a non-space character immediately to its right.
  if (start >= posMax || (!double && isSpace(src.charCodeAt(start)))) return false
  const end = findClose(src, start, posMax, double)
  if (end < 0 || end === start) return false
  if (!silent) {
    const token = state.push(double ? 'deck_math_display' : 'deck_math_inline', 'math', 0)
    token.content = src.slice(start, end)
    token.markup = double ? '$$' : '$'
    token.meta = { contentOffset: start } satisfies MathMeta
  }
  state.pos = end + open
  return true
}

/**
 * Offset where a line of a `$$` block starts: after the block's own indentation (list item, `> `),
 * keeping any further indentation so the TeX reaches KaTeX as written.
 */
function texLineStart(state: StateBlock, line: number): number {
  const s = state.bMarks[line]! + state.tShift[line]!
  const extra = Math.min(state.sCount[line]! - state.blkIndent, state.tShift[line]!)
  return extra > 0 && /^ +$/.test(state.src.slice(s - extra, s)) ? s - extra : s
}

function mathBlock(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const lineStart = state.bMarks[startLine]! + state.tShift[startLine]!
  const lineEnd = state.eMarks[startLine]!
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false
  if (state.src.slice(lineStart, lineStart + 2) !== '$$') return false
  const first = state.src.slice(lineStart + 2, lineEnd)
  const sameLineClose = first.indexOf('$$')
  let content: string
  let lastLine = startLine
  const starts = [lineStart + 2]
  if (sameLineClose >= 0) {
    // `$$ x $$` on one line: a block only if nothing follows the closing `$$`.
    if (first.slice(sameLineClose + 2).trim() !== '') return false
    content = first.slice(0, sameLineClose)
  } else {
    const parts = [first]
    let closed = false
    for (let line = startLine + 1; line < endLine; line++) {
      const e = state.eMarks[line]!
      // pandoc: display math holds no blank line; a less indented line ends the container.
      if (state.bMarks[line]! + state.tShift[line]! >= e) break
      if (state.sCount[line]! < state.blkIndent) break
      const s = texLineStart(state, line)
      const text = state.src.slice(s, e)
      const close = text.indexOf('$$')
      lastLine = line
      starts.push(s)
      if (close >= 0) {
        if (text.slice(close + 2).trim() !== '') return false
        parts.push(text.slice(0, close))
        closed = true
        break
      }
      parts.push(text)
    }
    if (!closed) {
      if (!silent) {
        reportAt(
          envOf(state.env),
          lineStart,
          'unclosed-math',
          'display math `$$` is never closed',
          'error',
          'add a closing `$$`',
        )
      }
      return false
    }
    content = parts.join('\n')
  }
  if (content.trim() === '') return false
  if (silent) return true
  const token = state.push('deck_math_block', 'math', 0)
  token.block = true
  token.content = content
  token.markup = '$$'
  token.map = [startLine, lastLine + 1]
  token.meta = { toBody: lineMapper(content, starts) } satisfies MathMeta
  state.line = lastLine + 1
  return true
}

/** Core rule: gives inline math tokens their body offset, for positioned KaTeX errors. */
function locate(state: StateCore): void {
  const env = envOf(state.env)
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue
    let toBody: ((offset: number) => number) | undefined
    for (const child of block.children) {
      const meta = child.meta as MathMeta | null
      if (meta?.contentOffset === undefined) continue
      const mapper = (toBody ??= inlineOffsetMapper(block, env.body))
      const start = meta.contentOffset
      meta.toBody = (texOffset) => mapper(start + texOffset)
    }
  }
}

/**
 * Typeset formulas of a deck, keyed by display mode and TeX: decks repeat formulas, and KaTeX's
 * output depends only on those and the deck's macros (one object per deck, hence the WeakMap).
 * Only clean renders are kept (no warning to replay), and none once the deck defines a macro.
 */
const renderCache = new WeakMap<object, Map<string, string>>()
const RE_DEFINES =
  /\\(g?def|x?def|edef|let|global|(re)?newcommand|providecommand|DeclareMathOperator)\b/

/** Typesets one formula; a KaTeX error becomes a diagnostic at the offending character. */
export function renderTex(
  tex: string,
  displayMode: boolean,
  env: RenderEnv,
  toBody: (texOffset: number) => number,
): string {
  let cache = renderCache.get(env.macros)
  if (!cache) renderCache.set(env.macros, (cache = new Map()))
  if (RE_DEFINES.test(tex)) cache.set('\0defines', '')
  const cacheable = !cache.has('\0defines')
  const key = `${displayMode ? 'D' : 'I'}${tex}`
  const hit = cacheable ? cache.get(key) : undefined
  if (hit !== undefined) return hit
  let warned = false
  const guard = guardFormula(tex, env.macros)
  const failed = `<code class="deck-math-error">${escapeHtml(tex)}</code>`
  try {
    const html = katex.renderToString(tex, {
      displayMode,
      output: 'htmlAndMathml',
      throwOnError: true,
      // Trust is off: the guard records each command KaTeX asks about, reported below.
      trust: guard.trust,
      errorColor: REFUSED_COLOR,
      macros: guard.macros as Record<string, string>,
      // A second wall behind the guard's step budget (every expansion is at least one step).
      maxExpand: FORMULA_STEPS,
      maxSize: 100,
      strict: (code: string, message: string, token?: { loc?: { start: number } }) => {
        // `\htmlClass` and its kind: trust is off, so each is already a katex-untrusted error.
        if (code === 'htmlExtension') return 'ignore'
        const at = toBody(token?.loc?.start ?? 0)
        reportAt(env, at, 'katex-strict', `KaTeX: ${message} (${code})`, 'warning')
        warned = true
        return 'ignore'
      },
    })
    if (guard.untrusted.length > 0 || html.includes(REFUSED_COLOR)) {
      reportUntrusted(tex, guard.untrusted, env, toBody)
      return failed
    }
    if (cacheable && !warned) cache.set(key, html)
    return html
  } catch (err) {
    if (guard.untrusted.length > 0) reportUntrusted(tex, guard.untrusted, env, toBody)
    if (err instanceof ExpansionTooLarge || isTooManyExpansions(err)) {
      guard.restore()
      reportTooLarge(tex, err, env, toBody)
      return failed
    }
    const parse = err instanceof katex.ParseError ? err : undefined
    const position = parse ? positionInTex(parse, tex) : 0
    const message = parse ? parse.rawMessage : err instanceof Error ? err.message : String(err)
    reportAt(
      env,
      toBody(position ?? 0),
      'katex-parse',
      `KaTeX: ${message}${position === undefined ? ' (in the expansion of a macro)' : ''}`,
      'error',
      'fix the TeX; it is passed to KaTeX exactly as written',
    )
    return failed
  }
}

/** What to write instead of each untrusted command. */
const UNTRUSTED_HINTS: Record<string, string> = {
  '\\href': 'write a Markdown link outside the formula: [text](https://…)',
  '\\url': 'write a Markdown link outside the formula: <https://…>',
  '\\includegraphics': 'use a Markdown image outside the formula: ![alt](file.png)',
}
const HTML_HINT = 'style the math from outside: `{.class}` after it, or a `::: class` container'

/**
 * Reports each untrusted command at the place it is written: KaTeX's `trust` callback gets no
 * position, so the n-th call for a command is matched to the n-th time the TeX writes it; a command
 * the TeX does not write came from a macro and is reported at the formula's start.
 */
function reportUntrusted(
  tex: string,
  asked: readonly string[],
  env: RenderEnv,
  toBody: (texOffset: number) => number,
): void {
  const written = new Map<string, number[]>()
  for (const command of UNTRUSTED_COMMANDS) written.set(command, commandOffsets(tex, command))
  const report = (command: string, offset: number | undefined): void =>
    reportAt(
      env,
      toBody(offset ?? 0),
      'katex-untrusted',
      `KaTeX: \`${command}\` is not allowed in slides (KaTeX's trust is off)` +
        (offset === undefined ? ' (in the expansion of a macro)' : ''),
      'error',
      UNTRUSTED_HINTS[command] ?? HTML_HINT,
      offset === undefined ? undefined : command.length,
    )
  for (const command of asked) report(command, written.get(command)?.shift())
  // KaTeX refuses some without asking `trust` (a URL whose protocol it cannot read).
  if (asked.length === 0) {
    const rest = [...written].flatMap(([command, offsets]) =>
      offsets.map((o) => [command, o] as const),
    )
    rest.sort((a, b) => a[1] - b[1])
    if (rest.length === 0) report('\\href', undefined)
    for (const [command, offset] of rest) report(command, offset)
  }
}

/** KaTeX's own `maxExpand` error (a second wall; the guard's budget normally trips first). */
function isTooManyExpansions(err: unknown): boolean {
  return err instanceof katex.ParseError && err.rawMessage.startsWith('Too many expansions')
}

function reportTooLarge(
  tex: string,
  err: unknown,
  env: RenderEnv,
  toBody: (texOffset: number) => number,
): void {
  const limit = err instanceof ExpansionTooLarge ? err.limit : 'formula'
  const position = err instanceof ExpansionTooLarge ? err.position : lastMacroUse(tex, tex.length)
  const why = {
    formula: `more than ${FORMULA_STEPS.toLocaleString('en')} steps in this formula`,
    deck: `the deck's formulas together take more than ${DECK_STEPS.toLocaleString('en')} steps`,
    time: `more than ${FORMULA_MS / 1000} s in this formula`,
  }[limit]
  reportAt(
    env,
    toBody(position),
    'katex-too-large',
    `KaTeX: macro expansion too large (${why})`,
    'error',
    'a macro expands to too much TeX: look for a recursive definition, or one that doubles its argument',
  )
}

/**
 * Where in `tex` a KaTeX error is: its `position` counts in the text of the token's lexer, which is
 * a macro's body when the error comes from a macro's expansion. KaTeX's message quotes that text
 * around the position; rebuilding the message from `tex` tells whether it was `tex`. Returns
 * undefined for an error inside a macro's body, 0 for one without a position.
 */
function positionInTex(
  err: InstanceType<typeof katex.ParseError>,
  tex: string,
): number | undefined {
  const start = err.position
  if (start === undefined || !Number.isInteger(start)) return 0
  const end = start + (err.length ?? 0)
  if (end > tex.length) return undefined
  const where = start === tex.length ? ' at end of input: ' : ` at position ${start + 1}: `
  const left = start > 15 ? '…' + tex.slice(start - 15, start) : tex.slice(0, start)
  const right = end + 15 < tex.length ? tex.slice(end, end + 15) + '…' : tex.slice(end)
  const underlined = tex.slice(start, end).replace(/[^]/g, '$&\u0332')
  const rebuilt = `KaTeX parse error: ${err.rawMessage}${where}${left}${underlined}${right}`
  return err.message === rebuilt ? start : undefined
}

/** Maps an offset in multi-line TeX to the body, given each TeX line's start offset in the body. */
function lineMapper(tex: string, starts: number[]): (texOffset: number) => number {
  return (texOffset) => {
    const { line, column } = offsetToLineCol(tex, texOffset)
    return starts[Math.min(line, starts.length - 1)]! + column
  }
}

function renderToken(tokens: Token[], idx: number, env: RenderEnv, display: boolean): string {
  const token = tokens[idx]!
  const meta = token.meta as MathMeta
  return renderTex(token.content, display, env, meta.toBody ?? (() => 0))
}

/** Registers the math rules on `md`. */
export function mathPlugin(md: MarkdownIt): void {
  // Before `escape`, so `\\`, `\{` and `\,` inside math reach KaTeX untouched; `\$` outside math
  // is still handled by `escape` because this rule only starts at a `$`.
  md.inline.ruler.before('escape', 'deck_math_inline', mathInline)
  md.block.ruler.before('fence', 'deck_math_block', mathBlock, {
    alt: ['paragraph', 'reference', 'blockquote', 'list'],
  })
  md.core.ruler.after('inline', 'deck_math_locate', locate)
  md.renderer.rules.deck_math_inline = (tokens, idx, _o, env) =>
    renderToken(tokens, idx, envOf(env), false)
  md.renderer.rules.deck_math_display = (tokens, idx, _o, env) =>
    renderToken(tokens, idx, envOf(env), true)
  md.renderer.rules.deck_math_block = (tokens, idx, _o, env) =>
    `<div class="math-display">${renderToken(tokens, idx, envOf(env), true)}</div>\n`
}
