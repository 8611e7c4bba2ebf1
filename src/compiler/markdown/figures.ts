// Figures: an image alone in its paragraph with a credit, as Quarto and Pandoc write it,
// `![Caption](file.png){credit="…" source="https://…" licence="CC BY 4.0"}`, becomes a
// `<figure>` whose `<figcaption>` holds the caption (Markdown and maths) and a credit line (the
// credit, the linked source, the licence). The image itself goes through the image rules
// (markdown/images.ts); every value here is deck text, escaped, and the source is an http(s) link.
import type { MarkdownIt, Renderer, StateCore, Token } from 'markdown-it'
import { escapeHtml } from '../../shared/html.ts'
import { classifyUrl } from '../../untrusted/index.ts'
import { lineOffset } from '../diagnostics.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { inlineOffsetMapper } from './positions.ts'

/** The attributes that make an image a figure, and the one that gives it its own alt text. */
export const FIGURE_ATTRIBUTES = ['credit', 'source', 'licence', 'license', 'fig-alt'] as const

/** The longest credit, licence or alt text, in characters. */
export const MAX_FIGURE_TEXT = 300

/** What the credit line says when the deck gives no licence. */
export const LICENCE_NOT_STATED = 'licence not stated'

/** A figure's credit line, as the close token carries it to the renderer. */
interface FigureMeta {
  caption: Token[]
  credit?: string
  source?: string
  licence?: string
}

const isFigureAttribute = (name: string): boolean =>
  (FIGURE_ATTRIBUTES as readonly string[]).includes(name)

/** The source link as people read it: no scheme, no trailing slash. */
const shownUrl = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '')

/** Whether a source may be linked: an absolute http(s) URL the browser reads the same way. */
function isWebLink(value: string): boolean {
  const url = classifyUrl(value)
  if (url.kind !== 'scheme' || (url.scheme !== 'https' && url.scheme !== 'http')) return false
  try {
    return new URL(value).host !== ''
  } catch {
    return false
  }
}

/** Body offset of `name=` after `from` (the attribute as written), or `from`. */
function attributeAt(env: RenderEnv, name: string, from: number): number {
  const at = env.body.slice(from).search(new RegExp(`\\b${name}\\s*=`))
  return at < 0 ? from : from + at
}

/** The image of a paragraph that holds one image and nothing else (spaces aside). */
function loneImage(inline: Token): Token | undefined {
  const kids = (inline.children ?? []).filter(
    (c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak',
  )
  return kids.length === 1 && kids[0]!.type === 'image' ? kids[0] : undefined
}

/** Removes the figure attributes from a token, returning them (the last of each name wins). */
function takeFigureAttributes(token: Token): Map<string, string> {
  const taken = new Map<string, string>()
  token.attrs =
    token.attrs?.filter(([name, value]) => {
      if (!isFigureAttribute(name)) return true
      taken.set(name, String(value))
      return false
    }) ?? null
  return taken
}

/** Core rule `deck_figures`: turns a credited lone image's paragraph into a figure. */
function findFigures(state: StateCore): void {
  const env = envOf(state.env)
  const tokens = state.tokens
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    // Figure attributes on a block (a paragraph, a heading): refused, with what to do instead.
    const onBlock = takeFigureAttributes(token)
    if (onBlock.size)
      reportAt(
        env,
        lineOffset(env.body, token.map?.[0] ?? 0),
        'figure-alone',
        `\`${[...onBlock.keys()][0]}=\` belongs to an image alone in its paragraph`,
        'error',
        'write ![Caption](file.png){credit="…" source="https://…" licence="…"} on a line of its own',
      )
    if (token.type !== 'inline' || !token.children) continue
    let searchFrom = 0
    let toBody: ((offset: number) => number) | undefined
    for (const child of token.children) {
      if (child.type !== 'image') continue
      const at = token.content.indexOf('![', searchFrom)
      searchFrom = at + 2
      const values = takeFigureAttributes(child)
      const offset = (toBody ??= inlineOffsetMapper(token, env.body))(Math.max(0, at))
      if (!values.size) {
        unreadAttributes(token.children, child, env, offset)
        continue
      }
      const open = tokens[i - 1]
      const close = tokens[i + 1]
      if (
        open?.type !== 'paragraph_open' ||
        close?.type !== 'paragraph_close' ||
        loneImage(token) !== child
      ) {
        reportAt(
          env,
          offset,
          'figure-alone',
          'a figure (an image with `credit=`, `source=` or `licence=`) must be alone in its paragraph',
          'error',
          'put the image on a line of its own, with a blank line before and after it',
        )
        continue
      }
      const meta = figureMeta(child, values, env, offset, () => new state.Token('text', '', 0))
      open.type = 'deck_figure_open'
      open.tag = 'figure'
      close.type = 'deck_figure_close'
      close.tag = 'figure'
      close.meta = { figure: meta }
    }
  }
}

const RE_UNREAD = /^\{[^}]*\b(?:credit|source|licen[cs]e|fig-alt)\s*=/

/**
 * markdown-it-attrs reads no `{…}` with an HTML entity or tag inside: it stays text after the
 * image. A figure's attributes must never vanish into the slide's text unnoticed.
 */
function unreadAttributes(children: Token[], image: Token, env: RenderEnv, offset: number): void {
  const next = children[children.indexOf(image) + 1]
  if (next?.type !== 'text' || !RE_UNREAD.test(next.content)) return
  const brace = env.body.indexOf('{', offset)
  reportAt(
    env,
    brace < 0 ? offset : brace,
    'figure-attribute',
    "the figure's `{…}` cannot be read: it holds an HTML entity (`&amp;`) or tag",
    'error',
    'write the characters themselves: credit="Smith & Jones"',
  )
}

/** The caption as plain text for the image's alt: words, code and the TeX of maths. */
function plainCaption(tokens: Token[]): string {
  return tokens
    .map((t) =>
      t.type === 'text' || t.type === 'code_inline' || t.type.startsWith('deck_math')
        ? t.content
        : t.type === 'softbreak' || t.type === 'hardbreak'
          ? ' '
          : plainCaption(t.children ?? []),
    )
    .join('')
}

/** Checks a figure's values and returns what its credit line shows. */
function figureMeta(
  image: Token,
  values: Map<string, string>,
  env: RenderEnv,
  offset: number,
  textToken: () => Token,
): FigureMeta {
  const meta: FigureMeta = { caption: image.children ?? [] }
  const text = (name: string): string | undefined => {
    const value = values.get(name)
    if (value === undefined) return undefined
    const clean = value.replace(/\s+/g, ' ').trim()
    if (clean === '' || clean.length > MAX_FIGURE_TEXT) {
      reportAt(
        env,
        attributeAt(env, name, offset),
        'figure-attribute',
        clean === ''
          ? `the figure's \`${name}=\` is empty`
          : `the figure's \`${name}=\` has ${clean.length} characters, more than ${MAX_FIGURE_TEXT}`,
        'error',
        'a short line: who made it, where it is, under which licence',
      )
      return undefined
    }
    return clean
  }
  meta.credit = text('credit')
  if (values.has('credit') === false)
    reportAt(
      env,
      offset,
      'figure-credit',
      'the figure has no `credit=`: say whose it is',
      'error',
      'credit="Yue et al. (2025), Fig. 1", or credit="Our own drawing"',
    )
  const licenceName = values.has('licence') ? 'licence' : 'license'
  meta.licence = text(licenceName)
  if (!values.has('licence') && !values.has('license'))
    reportAt(
      env,
      offset,
      'figure-licence',
      `the figure has no \`licence=\`: its credit line reads "${LICENCE_NOT_STATED}"`,
      'warning',
      'licence="CC BY 4.0" (the licence the source grants), or licence="Used with permission"',
    )
  const source = values.get('source')?.trim()
  if (source !== undefined) {
    if (isWebLink(source)) meta.source = source
    else
      reportAt(
        env,
        attributeAt(env, 'source', offset),
        'figure-source',
        `the figure's \`source=\` must be an http:// or https:// link, not \`${source.slice(0, 80)}\``,
        'error',
        'source="https://arxiv.org/abs/…" (the page the figure is on)',
      )
  }
  // The alt text: Quarto's `fig-alt`, or the caption's words (its maths as TeX).
  const alt = text('fig-alt') ?? plainCaption(meta.caption).trim()
  if (alt) {
    const altToken = textToken()
    altToken.content = alt
    image.children = [altToken]
    image.content = alt
  }
  return meta
}

/** The `<figcaption>`: the caption, then the credit line (credit · source · licence). */
function figcaption(meta: FigureMeta, renderer: Renderer, options: object, env: RenderEnv): string {
  const caption = renderer.renderInline(meta.caption, options as never, env).trim()
  const parts: string[] = []
  if (meta.credit) parts.push(`<span class="deck-figure-by">${escapeHtml(meta.credit)}</span>`)
  if (meta.source)
    parts.push(`<a href="${escapeHtml(meta.source)}">${escapeHtml(shownUrl(meta.source))}</a>`)
  parts.push(
    `<span class="deck-figure-licence">${escapeHtml(meta.licence ?? LICENCE_NOT_STATED)}</span>`,
  )
  return (
    `<figcaption class="deck-figure-caption">` +
    (caption ? `<span class="deck-figure-text">${caption}</span>` : '') +
    `<span class="deck-figure-credit">${parts.join(' · ')}</span></figcaption>`
  )
}

export function figuresPlugin(md: MarkdownIt): void {
  md.core.ruler.push('deck_figures', findFigures)
  md.renderer.rules.deck_figure_open = () => '<figure class="deck-figure">'
  md.renderer.rules.deck_figure_close = (tokens, idx, options, env, self) =>
    `${figcaption((tokens[idx]!.meta as { figure: FigureMeta }).figure, self, options, envOf(env))}</figure>\n`
}
