// Render: one slide's Markdown -> HTML with math, notes and attributes, plus its heading for the id.
import MarkdownIt, { type Token } from 'markdown-it'
import attrs from 'markdown-it-attrs'
import type { Diagnostic } from './diagnostics.ts'
import { attributesPlugin } from './markdown/attributes.ts'
import { chartsPlugin } from './markdown/charts.ts'
import { citationsPlugin, type CitationUse } from './markdown/citations.ts'
import { codePlugin } from './markdown/code.ts'
import { containersPlugin } from './markdown/containers.ts'
import type { RenderEnv } from './markdown/env.ts'
import { FIGURE_ATTRIBUTES, figuresPlugin } from './markdown/figures.ts'
import { imagesPlugin } from './markdown/images.ts'
import { mathPlugin } from './markdown/math.ts'
import { mermaidPlugin } from './markdown/mermaid.ts'
import { vegaLitePlugin } from './markdown/vega-lite.ts'
import { lineAt } from './diagnostics.ts'
import { tablePositionsPlugin } from './markdown/positions.ts'
import { revealCommentsPlugin } from './markdown/reveal-comments.ts'
import { sanitizePlugin } from './markdown/sanitize.ts'
import { typographyPlugin } from './markdown/typography.ts'
import { emptyRecord, type PublishedAsset, type Roots } from '../untrusted/index.ts'
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
  /** Where that id is written: its offset in the slide's body. */
  explicitIdOffset?: number
  /** The slide's citations, resolved deck-wide by src/compiler/citations.ts. */
  citations?: CitationUse[]
  /** The files the slide loads, as the build publishes them. */
  assets: PublishedAsset[]
}

/**
 * The deck's markdown-it instance: the whole syntax as one ordered `.use()` chain (Marpit style).
 * HTML is allowed because reveal.js authors expect comments and small inline HTML. Prose gets
 * curly quotes and dashes (markdown/typography.ts turns markdown-it's typographer on).
 */
export function createMarkdown(): InstanceType<typeof MarkdownIt> {
  return (
    new MarkdownIt({ html: true, linkify: false, typographer: false })
      .use(tablePositionsPlugin)
      .use(mathPlugin)
      .use(citationsPlugin)
      .use(containersPlugin)
      .use(attrs, { allowedAttributes: ['id', 'class', /^data-/, ...FIGURE_ATTRIBUTES] })
      .use(revealCommentsPlugin)
      .use(imagesPlugin)
      .use(figuresPlugin)
      .use(attributesPlugin)
      .use(codePlugin)
      .use(mermaidPlugin)
      .use(chartsPlugin)
      .use(vegaLitePlugin)
      .use(typographyPlugin)
      // Last: it wraps the final renderers above and sanitises the slide's whole HTML.
      .use(sanitizePlugin)
  )
}

export interface RenderContext {
  md: ReturnType<typeof createMarkdown>
  assetsDir: string
  root: string
  /** The folders the deck may read (src/compiler/policy.ts). */
  roots: Roots
  /** Inline published assets as data: URLs (the single-file build). */
  inlineAssets: boolean
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
    slideAttrs: emptyRecord<string>(),
    assetsDir: ctx.assetsDir,
    root: ctx.root,
    roots: ctx.roots,
    inlineAssets: ctx.inlineAssets,
    assets: [],
    macros: ctx.macros,
  }
  const tokens = ctx.md.parse(source.body, env)
  const heading = firstHeading(tokens)
  let explicitId = env.slideAttrs.id
  let idAt = env.slideIdAt
  const headingId = heading?.open.attrGet('id')
  if (heading && headingId) {
    // The heading's `{#id}` names the slide; keeping it on the heading too would duplicate the id.
    if (explicitId === undefined) {
      explicitId = String(headingId)
      const line = lineAt(source.body, heading.open.map?.[0] ?? 0)
      idAt = line.start + Math.max(0, line.text.lastIndexOf(`#${explicitId}`))
    }
    heading.open.attrs = heading.open.attrs?.filter(([k]) => k !== 'id') ?? null
  }
  const html = ctx.md.renderer.render(tokens, ctx.md.options, env)
  const attrs = { ...env.slideAttrs }
  delete attrs.id
  const explicitIdOffset = explicitId !== undefined ? idAt : undefined
  return {
    source,
    html,
    attrs,
    assets: env.assets,
    heading: heading?.text,
    explicitId,
    explicitIdOffset,
    citations: env.citations,
  }
}

/** The slide's first heading, not counting headings in its speaker notes (not on the slide). */
function firstHeading(tokens: Token[]): { open: Token; text: string } | undefined {
  let notes = 0
  const index = tokens.findIndex((t) => {
    if (t.type === 'container_notes_open') notes++
    else if (t.type === 'container_notes_close') notes--
    return t.type === 'heading_open' && notes === 0
  })
  if (index < 0) return undefined
  const inline = tokens[index + 1]
  const text = (inline?.children ?? [])
    .filter((c) => c.type === 'text' || c.type === 'code_inline' || c.type.startsWith('deck_math'))
    .map((c) => c.content)
    .join('')
    .trim()
  return { open: tokens[index]!, text }
}
