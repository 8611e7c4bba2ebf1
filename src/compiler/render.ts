// Render: one slide's Markdown -> HTML with math, notes and attributes, plus its heading for the id.
import MarkdownIt, { type Token } from 'markdown-it'
import attrs from 'markdown-it-attrs'
import type { Diagnostic } from './diagnostics.ts'
import { containersPlugin } from './markdown/containers.ts'
import type { RenderEnv } from './markdown/env.ts'
import { imagesPlugin } from './markdown/images.ts'
import { mathPlugin } from './markdown/math.ts'
import { revealCommentsPlugin } from './markdown/reveal-comments.ts'
import type { SlideSource } from './split.ts'

/** One slide after rendering, before ids are assigned deck-wide. */
export interface RenderedSlide {
  source: SlideSource
  html: string
  /** Attributes for the `<section>` (from `<!-- .slide: -->`). */
  attrs: Record<string, string>
  /** Text of the slide's first heading, for its id. */
  heading?: string
  /** An id the author set on the slide or its first heading. */
  explicitId?: string
}

/**
 * The deck's markdown-it instance: the whole syntax as one ordered `.use()` chain (Marpit style).
 * HTML is allowed because reveal.js authors expect comments and small inline HTML.
 */
export function createMarkdown(): InstanceType<typeof MarkdownIt> {
  return new MarkdownIt({ html: true, linkify: false, typographer: false })
    .use(mathPlugin)
    .use(containersPlugin)
    .use(attrs, { allowedAttributes: ['id', 'class', /^data-/] })
    .use(revealCommentsPlugin)
    .use(imagesPlugin)
}

export interface RenderContext {
  md: ReturnType<typeof createMarkdown>
  assetsDir: string
  root: string
  /** The deck's macros: one object per deck, shared by its slides (KaTeX mutates it on `\gdef`). */
  macros: Record<string, string>
  diagnostics: Diagnostic[]
}

export function renderSlide(source: SlideSource, ctx: RenderContext): RenderedSlide {
  const env: RenderEnv = {
    file: source.file,
    startLine: source.startLine,
    body: source.body,
    diagnostics: ctx.diagnostics,
    slideAttrs: {},
    assetsDir: ctx.assetsDir,
    root: ctx.root,
    macros: ctx.macros,
  }
  const tokens = ctx.md.parse(source.body, env)
  const heading = firstHeading(tokens)
  let explicitId = env.slideAttrs.id
  if (heading?.open.attrGet('id')) {
    // The heading's `{#id}` names the slide; keeping it on the heading too would duplicate the id.
    explicitId ??= String(heading.open.attrGet('id'))
    heading.open.attrs = heading.open.attrs?.filter(([k]) => k !== 'id') ?? null
  }
  const html = ctx.md.renderer.render(tokens, ctx.md.options, env)
  const { id: _id, ...attrsWithoutId } = env.slideAttrs
  return { source, html, attrs: attrsWithoutId, heading: heading?.text, explicitId }
}

function firstHeading(tokens: Token[]): { open: Token; text: string } | undefined {
  const index = tokens.findIndex((t) => t.type === 'heading_open')
  if (index < 0) return undefined
  const inline = tokens[index + 1]
  const text = (inline?.children ?? [])
    .filter((c) => c.type === 'text' || c.type === 'code_inline' || c.type.startsWith('deck_math'))
    .map((c) => c.content)
    .join('')
    .trim()
  return { open: tokens[index]!, text }
}
