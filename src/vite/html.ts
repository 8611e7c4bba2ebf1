// deck:html — puts a compiled deck into index.html: the slides, the page title and the deck's metadata.
import { basename } from 'node:path'
import type { Plugin } from 'vite'
import { pageTitle, renderSlides } from '../compiler/assemble.ts'
import { hasErrors } from '../compiler/diagnostics.ts'
import type { CompiledDeck } from '../compiler/index.ts'
import { deckFrameHtml } from '../shared/frame.ts'
import { escapeHtml } from '../shared/html.ts'
import { deckErrorOf, printWarnings, type DeckContext } from './context.ts'
import { SLIDES_BEGIN, SLIDES_END } from './csp.ts'

/** Fills the placeholders of index.html with the deck. */
export function injectDeck(html: string, deck: CompiledDeck): string {
  const meta = { ...deck.meta, slug: basename(deck.dir) }
  const head = [
    meta.paper?.citation
      ? `<meta name="description" content="${escapeHtml(meta.paper.citation)}" />`
      : '',
    // Not executed (so no CSP exception): the runtime reads it for the footer and speaker view.
    `<script type="application/json" id="deck-meta">${JSON.stringify(meta).replace(/</g, '\\u003c')}</script>`,
  ].join('\n    ')
  return (
    html
      .replace(/<html lang="[^"]*">/, `<html lang="${escapeHtml(meta.lang ?? 'en')}">`)
      .replace(/<title>[^<]*<\/title>/, `<title>${pageTitle(deck)}</title>`)
      .replace('<!--deck:head-->', head)
      // Markers the CSP step reads: between them is deck content, whose scripts are never hashed.
      .replace('<!--deck:slides-->', `${SLIDES_BEGIN}${renderSlides(deck)}${SLIDES_END}`)
      // The frame too, so the first paint has it before any script runs.
      .replace('<!--deck:frame-->', deckFrameHtml(deck.slides, deck.meta))
  )
}

/**
 * `deck:html`: compiles the page's deck and injects it; a compile error is Vite's error. It runs
 * after Vite's own HTML processing (`order: 'post'`), so slide HTML is never Vite input: no
 * `%ENV%` replacement, no URL resolution or inlining of anything a deck wrote.
 */
export function htmlPlugin(ctx: DeckContext, onError: () => void): Plugin {
  return {
    name: 'deck:html',
    transformIndexHtml: {
      order: 'post',
      async handler(html, hook) {
        if (!html.includes('<!--deck:slides-->')) return html
        const dir = ctx.deckForUrl(hook.originalUrl ?? hook.path)
        if (!dir) throw new Error(`no deck for ${hook.originalUrl ?? hook.path}`)
        const result = await ctx.compile(dir)
        // A result the CLI compiled was reported there already.
        if (result !== ctx.options.compiled) printWarnings(result)
        if (hasErrors(result.diagnostics)) {
          onError()
          throw deckErrorOf(result.diagnostics)
        }
        return injectDeck(html, result.deck)
      },
    },
  }
}
