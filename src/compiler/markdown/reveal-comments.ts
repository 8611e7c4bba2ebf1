// reveal.js comment attributes: `<!-- .slide: id="x" class="y" -->` and `<!-- .element: class="fragment" -->`.
import type { MarkdownIt, StateCore, Token } from 'markdown-it'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { inlineOffsetMapper } from './positions.ts'

const RE_COMMENT = /^\s*<!--\s*\.(slide|element):?([\s\S]*?)-->\s*$/d
const RE_ATTR = /([^\s=]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g
/** What these comments may set; event handlers and the like are refused. */
const RE_ALLOWED = /^(id|class|style|title|lang|data-[a-z0-9-]+|aria-[a-z-]+)$/

/** An attribute of a comment and the offset of its name in the comment's token content. */
type Attr = [name: string, value: string, at: number]

/**
 * Parses the attributes of a `.slide`/`.element` comment matched by RE_COMMENT in `content`
 * (`a="1" b=2 c`), reporting names outside the allow-list at their offset in `content`.
 */
function parseAttrs(m: RegExpExecArray, report: (at: number, message: string) => void): Attr[] {
  const out: Attr[] = []
  const from = m.indices![2]![0]
  for (const a of m[2]!.matchAll(RE_ATTR)) {
    const name = a[1]!.toLowerCase()
    if (!RE_ALLOWED.test(name)) {
      report(
        from + a.index,
        `attribute \`${name}\` is not allowed here (allowed: id, class, style, title, lang, data-*, aria-*)`,
      )
      continue
    }
    out.push([name, a[2] ?? a[3] ?? a[4] ?? '', from + a.index])
  }
  return out
}

function apply(token: Token, attrs: Attr[]): void {
  for (const [name, value] of attrs) {
    if (name === 'class') token.attrJoin('class', value)
    else token.attrSet(name, value)
  }
}

/** Merges `.slide` attributes; `toBody` maps comment offsets to the body (for the id's place). */
function mergeSlideAttrs(env: RenderEnv, attrs: Attr[], toBody: (at: number) => number): void {
  for (const [name, value, at] of attrs) {
    if (name === 'id') env.slideIdAt = toBody(at)
    env.slideAttrs[name] =
      name === 'class' && env.slideAttrs.class ? `${env.slideAttrs.class} ${value}` : value
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

/** Core rule `deck_reveal_comments`: moves each comment's attributes onto its slide or element. */
function applyRevealComments(state: StateCore): void {
  const env = envOf(state.env)
  const tokens = state.tokens
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.type === 'html_block') {
      const m = RE_COMMENT.exec(token.content)
      if (!m) continue
      const toBody = inlineOffsetMapper(token, env.body)
      const report = (at: number, msg: string): void =>
        reportAt(env, toBody(at), 'comment-attribute', msg)
      const attrs = parseAttrs(m, report)
      if (m[1] === 'slide') mergeSlideAttrs(env, attrs, toBody)
      else {
        const target = previousBlock(tokens, i)
        if (target) apply(target, attrs)
        else report(token.content.indexOf('<!--'), '`.element` comment has no element before it')
      }
      token.content = ''
      continue
    }
    if (token.type !== 'inline' || !token.children) continue
    let searchFrom = 0
    let toBody: ((offset: number) => number) | undefined
    token.children.forEach((child, c) => {
      if (child.type !== 'html_inline') return
      const at = token.content.indexOf(child.content, searchFrom)
      searchFrom = at + child.content.length
      const m = RE_COMMENT.exec(child.content)
      if (!m) return
      const mapper = (toBody ??= inlineOffsetMapper(token, env.body))
      const inContent = (offset: number): number => mapper(Math.max(0, at) + offset)
      const attrs = parseAttrs(m, (offset, msg) =>
        reportAt(env, inContent(offset), 'comment-attribute', msg),
      )
      if (m[1] === 'slide') mergeSlideAttrs(env, attrs, inContent)
      else {
        // The enclosing block; a tight list item's paragraph is hidden, so target the item.
        let open = tokens[i - 1]
        if (open?.hidden && tokens[i - 2]?.type === 'list_item_open') open = tokens[i - 2]
        if (open) apply(open, attrs)
      }
      child.content = ''
      // `text <!-- .element: ... -->`: the space before the comment goes with it.
      const before = token.children![c - 1]
      if (before?.type === 'text') before.content = before.content.trimEnd()
    })
  }
}

export function revealCommentsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'deck_reveal_comments', applyRevealComments)
}
