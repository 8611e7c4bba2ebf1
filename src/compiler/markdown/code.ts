// Code fences: highlighted at build time by Shiki, with Slidev's line highlighting and steps.
//
// ```python {2|4-5|all} {lines:true}
//
// - The language's grammar is loaded the first time a deck uses it (markdown-it rules are sync:
//   Shiki's sync core with its JavaScript regex engine, and each grammar `require`d on demand —
//   Node >= 20.19 loads ES modules synchronously), so a deck pays only for its own languages.
// - Token colours are CSS variables for both themes (`--shiki-light`, `--shiki-dark`; Shiki's dual
//   themes with `defaultColor: false`); src/theme/code.css picks one per deck theme.
// - `{2|4-5|all}`: the first step shows with the slide, each further step is one reveal.js fragment
//   (an empty `.deck-code-step` in document order); src/runtime/code-steps.ts moves the highlight.
//   The print view and the reading view show the block whole, undimmed.
// - Highlighted blocks are cached on disk (`node_modules/.cache/deck-code/`, keyed by Shiki's
//   version, the highlighter's options, the language, the code and its steps): a build whose code
//   did not change loads no grammar (each build is a fresh process, and a grammar's first use costs
//   5-800 ms). Tokenizing has no per-line time limit: with Shiki's default (500 ms) a busy machine
//   gets a line's tokens cut short, wrong colours the cache would then keep.
// - Long lines wrap (never overflow); a line longer than fits is a `code-overflow` warning.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type { MarkdownIt, Token } from 'markdown-it'
import type { HighlighterCore, LanguageRegistration, ShikiTransformer } from 'shiki/core'
import { escapeHtml } from '../../shared/html.ts'
import { lineAt } from '../diagnostics.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { fenceLanguage } from './fence-info.ts'

const require = createRequire(import.meta.url)

/** The Shiki themes: GitHub's high-contrast pair meets WCAG AA on our code backgrounds. */
export const CODE_THEMES = {
  light: 'github-light-high-contrast',
  dark: 'github-dark-high-contrast',
}

/**
 * Options of every highlighted block, part of its cache key. `tokenizeTimeLimit: 0`: no per-line
 * time limit, so the colours never depend on how busy the machine is.
 */
export const HIGHLIGHT_OPTIONS = {
  engine: 'javascript',
  themes: CODE_THEMES,
  defaultColor: false,
  tokenizeTimeLimit: 0,
  /** Bumped when this file changes what it makes of Shiki's output (the line transformer). */
  format: 1,
} as const

/** Languages shown as plain text without a warning. */
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext'])

/**
 * Characters that fit on one line of a code block on the 1280x720 slide: 1200px of slide width
 * less the block's 2 x 20px padding, at 28.4px JetBrains Mono (advance 0.6em = 17.0px: 68 fit,
 * one is kept spare for the fallback face, DejaVu Sans Mono, 0.602em). In a column (two 1fr
 * columns, 40px gap) half of it less the gap.
 */
const COLUMNS_FULL = 67
const COLUMNS_HALF = 31
/** Width of the line-number gutter, in characters. */
const GUTTER = 4

let highlighter: HighlighterCore | undefined
/** Language id by name and alias (`py` -> `python`), from Shiki's list of bundled languages. */
let languageIds: Map<string, string> | undefined
const loaded = new Set<string>()

function shiki(): HighlighterCore {
  if (highlighter) return highlighter
  const { createHighlighterCoreSync } = require('shiki/core') as typeof import('shiki/core')
  const { createJavaScriptRegexEngine } =
    require('shiki/engine/javascript') as typeof import('shiki/engine/javascript')
  const theme = (name: string) =>
    (require(`@shikijs/themes/${name}`) as { default: import('shiki/core').ThemeRegistration })
      .default
  highlighter = createHighlighterCoreSync({
    themes: [theme(CODE_THEMES.light), theme(CODE_THEMES.dark)],
    langs: [],
    engine: createJavaScriptRegexEngine(),
  })
  return highlighter
}

/** The Shiki language id for a fence's language name, or undefined if Shiki has no such grammar. */
export function languageId(name: string): string | undefined {
  if (!languageIds) {
    const { bundledLanguagesInfo } = require('shiki/langs') as typeof import('shiki/langs')
    languageIds = new Map()
    for (const info of bundledLanguagesInfo) {
      languageIds.set(info.id, info.id)
      for (const alias of info.aliases ?? []) languageIds.set(alias, info.id)
    }
  }
  return languageIds.get(name.toLowerCase())
}

/** Loads a grammar (and the grammars it embeds) the first time a deck uses it. */
function ensureLanguage(id: string): void {
  if (loaded.has(id)) return
  const grammar = require(`@shikijs/langs/${id}`) as { default: LanguageRegistration[] }
  shiki().loadLanguageSync(grammar.default)
  loaded.add(id)
}

let shikiVersion: string | undefined
function version(): string {
  shikiVersion ??= (
    JSON.parse(
      readFileSync(join(dirname(dirname(require.resolve('shiki'))), 'package.json'), 'utf8'),
    ) as { version: string }
  ).version
  return shikiVersion
}

/** The disk cache's key of a block: Shiki's version, the highlighter's options and the input. */
export function highlightKey(
  input: unknown,
  options: object = HIGHLIGHT_OPTIONS,
  shikiVersion: string = version(),
): string {
  return createHash('sha256')
    .update(JSON.stringify([shikiVersion, options, input]))
    .digest('hex')
    .slice(0, 32)
}

/** Where the highlighted blocks of a project are cached. */
export const highlightCacheDir = (root: string): string =>
  resolve(root, 'node_modules/.cache/deck-code')

/** A highlighted block from the disk cache, or `highlight()`'s result, written there. */
function cachedHighlight(root: string, input: unknown, highlight: () => string): string {
  const dir = highlightCacheDir(root)
  const path = join(dir, `${highlightKey(input)}.html`)
  try {
    return readFileSync(path, 'utf8')
  } catch {
    // not cached yet
  }
  const html = highlight()
  try {
    mkdirSync(dir, { recursive: true })
    const tmp = `${path}.${process.pid}.tmp`
    writeFileSync(tmp, html)
    renameSync(tmp, path)
  } catch {
    // A read-only tree still builds; it just highlights again next time.
  }
  return html
}

/** What a fence's info string asks for: `lang {steps} {options}`. */
export interface CodeInfo {
  lang: string
  /** Each step's highlighted lines (1-based); `all` for every line. Empty: no highlighting. */
  steps: (number[] | 'all')[]
  lineNumbers: boolean
  /** Problems with the info string, with the column in it. */
  problems: { at: number; message: string; hint: string }[]
}

const RE_INFO = /^(\S*)\s*(.*)$/
const RE_BRACES = /\{([^{}]*)\}/g
const RE_RANGE = /^(\d+)(?:-(\d+))?$/

/** Parses `python {2|4-5|all} {lines:true}` (Slidev's syntax). */
export function parseCodeInfo(info: string): CodeInfo {
  const [, lang = '', rest = ''] = RE_INFO.exec(info.trim()) ?? []
  const result: CodeInfo = { lang, steps: [], lineNumbers: false, problems: [] }
  const restAt = info.indexOf(rest, lang.length)
  let seen = 0
  for (const match of rest.matchAll(RE_BRACES)) {
    const body = match[1]!.trim()
    const at = restAt + (match.index ?? 0)
    seen += match[0].length
    if (body.includes(':')) {
      for (const part of body.split(',')) {
        const [key = '', value = ''] = part.split(':').map((s) => s.trim())
        if (key === 'lines' && (value === 'true' || value === 'false'))
          result.lineNumbers = value === 'true'
        else
          result.problems.push({
            at,
            message: `unknown code block option \`${part.trim()}\``,
            hint: 'the only option is `{lines:true}` (line numbers)',
          })
      }
      continue
    }
    for (const step of body.split('|')) {
      const s = step.trim()
      if (s === 'all' || s === '*') {
        result.steps.push('all')
        continue
      }
      const lines: number[] = []
      for (const piece of s.split(',')) {
        const m = RE_RANGE.exec(piece.trim())
        const from = Number(m?.[1])
        const to = Number(m?.[2] ?? m?.[1])
        if (!m || from < 1 || to < from) {
          result.problems.push({
            at,
            message: `cannot read the line range \`${piece.trim()}\` in \`{${body}}\``,
            hint: 'write lines as `{2|4-5|all}`: steps separated by `|`, lines by `,`',
          })
          return { ...result, steps: [] }
        }
        for (let n = from; n <= to; n++) lines.push(n)
      }
      result.steps.push(lines)
    }
  }
  if (rest.replace(RE_BRACES, '').trim() !== '' || (rest.trim() !== '' && seen === 0))
    result.problems.push({
      at: restAt,
      message: `cannot read \`${rest.trim()}\` after the language`,
      hint: 'after the language write `{2|4-5|all}` (lines) and/or `{lines:true}`',
    })
  return result
}

/**
 * The fence's info string as written, and the body offsets of the opening marker and of the info
 * string. Read from the source line: markdown-it-attrs takes a trailing `{…}` off `token.info`.
 */
function fenceInfo(token: Token, env: RenderEnv): { info: string; fence: number; infoAt: number } {
  const { start, text } = lineAt(env.body, token.map?.[0] ?? 0)
  const marker = Math.max(0, text.search(/[`~]/))
  const after = marker + token.markup.length
  const info = text.slice(after)
  const lead = info.length - info.trimStart().length
  return { info: info.trim(), fence: start + marker, infoAt: start + after + lead }
}

/** Whether the fence sits in a `::: column` (half the slide's width). */
function inColumn(tokens: Token[], idx: number): boolean {
  let depth = 0
  for (let i = idx - 1; i >= 0; i--) {
    const t = tokens[i]!
    if (t.type === 'container_column_close') depth++
    else if (t.type === 'container_column_open') {
      if (depth === 0) return true
      depth--
    }
  }
  return false
}

const visibleLength = (line: string): number => line.replace(/\t/g, '    ').length

/** Renders one code fence (any language but the ones other plugins take). */
function codeFence(tokens: Token[], idx: number, env: RenderEnv): string {
  const token = tokens[idx]!
  const written = fenceInfo(token, env)
  const parsed = parseCodeInfo(written.info)
  const info = { ...parsed, lang: fenceLanguage(parsed.lang) }
  const offsets = { fence: written.fence, info: written.infoAt }
  for (const p of info.problems)
    reportAt(env, offsets.info + p.at, 'code-lines', p.message, 'warning', p.hint)
  const code = token.content.replace(/\n$/, '')
  const lines = code.split('\n')
  const id = PLAIN.has(info.lang) ? undefined : languageId(info.lang)
  if (!PLAIN.has(info.lang) && !id)
    reportAt(
      env,
      offsets.info,
      'code-language',
      `unknown language \`${info.lang}\`: the block is shown as plain text`,
      'warning',
      'use a language Shiki knows (python, ts, js, bash, json, yaml, …), or `text`',
    )
  const steps = info.steps.filter((s) => {
    const past = s !== 'all' && s.find((n) => n > lines.length)
    if (past)
      reportAt(
        env,
        offsets.info,
        'code-lines',
        `line ${past} is past the end of the block (${lines.length} lines)`,
        'warning',
        'line numbers count from 1 at the line after the fence',
      )
    return !past
  })
  const fits =
    (inColumn(tokens, idx) ? COLUMNS_HALF : COLUMNS_FULL) - (info.lineNumbers ? GUTTER : 0)
  const longest = lines.reduce(
    (m, l, i) => (visibleLength(l) > visibleLength(lines[m]!) ? i : m),
    0,
  )
  if (visibleLength(lines[longest] ?? '') > fits)
    reportAt(
      env,
      offsets.fence,
      'code-overflow',
      `line ${longest + 1} of the code block has ${visibleLength(lines[longest]!)} characters; about ${fits} fit on the slide, so it wraps`,
      'warning',
      'break the line, or shorten it',
    )

  // Each line: the steps (0-based) in which it is highlighted.
  const stepsOf = (line: number): number[] =>
    steps.flatMap((s, i) => (s === 'all' || s.includes(line) ? [i] : []))
  const mark: ShikiTransformer = {
    line(node, line) {
      if (steps.length === 0) return
      const on = stepsOf(line)
      node.properties['data-hl'] = on.join(' ')
      if (on.includes(0)) this.addClassToHast(node, 'deck-hl')
    },
  }
  let pre: string
  if (id) {
    pre = cachedHighlight(env.root, [id, code, steps], () => {
      ensureLanguage(id)
      return shiki().codeToHtml(code, {
        lang: id,
        themes: HIGHLIGHT_OPTIONS.themes,
        defaultColor: HIGHLIGHT_OPTIONS.defaultColor,
        tokenizeTimeLimit: HIGHLIGHT_OPTIONS.tokenizeTimeLimit,
        transformers: [mark],
      })
    })
  } else {
    const body = lines
      .map((l, i) => {
        if (steps.length === 0) return `<span class="line">${escapeHtml(l)}</span>`
        const on = stepsOf(i + 1)
        const cls = on.includes(0) ? 'line deck-hl' : 'line'
        return `<span class="${cls}" data-hl="${on.join(' ')}">${escapeHtml(l)}</span>`
      })
      .join('\n')
    pre = `<pre class="shiki deck-code-plain" tabindex="0"><code>${body}</code></pre>`
  }
  // Lines are blocks (for highlight bars and numbers): the newlines between them would add rows.
  pre = pre.replace(/<\/span>\n<span class="line/g, '</span><span class="line')
  const classes = ['deck-code', ...(info.lineNumbers ? ['deck-code-numbered'] : [])]
  const stepAttrs = steps.length > 0 ? ` data-steps="${steps.length}" data-step="0"` : ''
  const fragments = steps
    .slice(1)
    .map(() => '<span class="fragment deck-code-step" aria-hidden="true"></span>')
    .join('')
  const lang = id ?? (info.lang || 'text')
  return `<div class="${classes.join(' ')}" data-lang="${escapeHtml(lang)}"${stepAttrs}>${pre}${fragments}</div>\n`
}

/** Registers the code fence renderer on `md` (fences other plugins do not claim). */
export function codePlugin(md: MarkdownIt): void {
  md.renderer.rules.fence = (tokens, idx, _options, env) => codeFence(tokens, idx, envOf(env))
}
