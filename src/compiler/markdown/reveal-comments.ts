// reveal.js comment attributes: `<!-- .slide: id="x" class="y" -->` and `<!-- .element: class="fragment" -->`.
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import { envOf, reportAt, type RenderEnv } from './env.ts'

const RE_COMMENT = /^\s*<!--\s*\.(slide|element):?([\s\S]*?)-->\s*$/
const RE_ATTR = /([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g
/** What these comments may set; event handlers and the like are refused. */
const RE_ALLOWED = /^(id|class|style|title|lang|data-[a-z0-9-]+|aria-[a-z-]+)$/

/** Parses `a="1" b=2 c` into attributes, reporting names outside the allow-list. */
function parseAttrs(text: string, report: (message: string) => void): [string, string][] {
  const out: [string, string][] = []
  for (const m of text.matchAll(RE_ATTR)) {
    const name = m[1]!.toLowerCase()
    if (!RE_ALLOWED.test(name)) {
      report(`attribute \`${name}\` is not allowed here (allowed: id, class, style, title, lang, data-*, aria-*)`)
      continue
    }
    out.push([name, m[2] ?? m[3] ?? m[4] ?? ''])
  }
  return out
}

function apply(token: Token, attrs: [string, string][]): void {
  for (const [name, value] of attrs) {
    if (name === 'class') token.attrJoin('class', value)
    else token.attrSet(name, value)
  }
}

function mergeSlideAttrs(env: RenderEnv, attrs: [string, string][]): void {
  for (const [name, value] of attrs) {
    env.slideAttrs[name] = name === 'class' && env.slideAttrs.class ? `${env.slideAttrs.class} ${value}` : value
  }
}

/** The opening token of the block that ends just before `index` (for `.element` on its own line). */
function previousBlock(tokens: Token[], index: number): Token | undefined {
  let depth = 0
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i]!
    if (t.nesting === -1) depth++
    else if (t.nesting === 1) {
      depth--
      if (depth === 0) return t
      if (depth < 0) return undefined
    } else if (depth === 0 && t.type !== 'inline') return t
  }
  return undefined
}

function process(state: StateCore): void {
  const env = envOf(state.env)
  const tokens = state.tokens
  const lineOffset = (line: number): number =>
    env.body.split('\n').slice(0, line).reduce((n, l) => n + l.length + 1, 0)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.type === 'html_block') {
      const m = RE_COMMENT.exec(token.content)
      if (!m) continue
      const at = lineOffset(token.map?.[0] ?? 0)
      const attrs = parseAttrs(m[2]!, (msg) => reportAt(env, at, 'comment-attribute', msg))
      if (m[1] === 'slide') mergeSlideAttrs(env, attrs)
      else {
        const target = previousBlock(tokens, i)
        if (target) apply(target, attrs)
        else reportAt(env, at, 'comment-attribute', '`.element` comment has no element before it')
      }
      token.content = ''
      continue
    }
    if (token.type !== 'inline' || !token.children) continue
    for (const child of token.children) {
      if (child.type !== 'html_inline') continue
      const m = RE_COMMENT.exec(child.content)
      if (!m) continue
      const at = lineOffset(token.map?.[0] ?? 0)
      const attrs = parseAttrs(m[2]!, (msg) => reportAt(env, at, 'comment-attribute', msg))
      if (m[1] === 'slide') mergeSlideAttrs(env, attrs)
      else {
        // The enclosing block; a tight list item's paragraph is hidden, so target the item.
        let open = tokens[i - 1]
        if (open?.hidden && tokens[i - 2]?.type === 'list_item_open') open = tokens[i - 2]
        if (open) apply(open, attrs)
      }
      child.content = ''
    }
  }
}

export function revealCommentsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'deck_reveal_comments', process)
}
