// Stage `render`: each slide's Markdown -> HTML (markdown-it and the deck's rules: math, code,
// diagrams from the cache, charts, citations as placeholders, the sanitizer).
import type { ExpandedSlide } from '../include.ts'
import type { RenderContext, RenderedSlide } from '../render.ts'
import type { SlideSource } from '../split.ts'
import type { Stage } from './stage.ts'

export interface RenderInput {
  expanded: ExpandedSlide[]
  /** The minutes the file plans for its slides (split evenly among them), if it plans any. */
  minutes?: number
  /** The deck's render context (markdown-it, paths, macros). */
  base: Omit<RenderContext, 'diagnostics'>
  /** Renders one slide (tests wrap it to count renders). */
  render: (source: SlideSource, ctx: RenderContext) => RenderedSlide
}

export interface RenderOutput {
  rendered: { slide: RenderedSlide; section?: string }[]
}

export const renderStage: Stage<RenderInput, RenderOutput> = {
  name: 'render',
  run({ expanded, minutes, base, render }, diagnostics) {
    const ctx: RenderContext = { ...base, diagnostics }
    const rendered = expanded.map((e) => ({ slide: render(e.source, ctx), section: e.section }))
    // The speaker view's pacing reads each slide's share as `data-minutes`.
    if (minutes !== undefined) {
      const share = rendered.length ? minutes / rendered.length : 0
      for (const { slide } of rendered)
        slide.attrs = { ...slide.attrs, 'data-minutes': String(Math.round(share * 100) / 100) }
    }
    return { rendered }
  },
}
