// Links between slides: every `#/id` link must name a slide of the deck.
import { diagnosticAt, type Diagnostic } from './diagnostics.ts'
import type { RenderedSlide } from './render.ts'

const RE_SLIDE_LINK = /href="#\/([^"/?]+)[^"]*"/g

/** Reports each `[text](#/id)` whose id is not a slide id, at the link target in the source. */
export function checkSlideLinks(
  slides: RenderedSlide[],
  ids: string[],
  diagnostics: Diagnostic[],
): void {
  const known = new Set(ids)
  for (const slide of slides) {
    let searchFrom = 0
    for (const m of slide.html.matchAll(RE_SLIDE_LINK)) {
      const id = decodeURIComponent(m[1]!)
      if (known.has(id) || /^\d+$/.test(id)) continue
      const at = slide.source.body.indexOf(`#/${m[1]}`, searchFrom)
      searchFrom = Math.max(searchFrom, at + 1)
      diagnostics.push(
        diagnosticAt(
          {
            file: slide.source.file.path,
            text: slide.source.body,
            firstLine: slide.source.startLine,
          },
          Math.max(0, at),
          {
            code: 'broken-link',
            message: `link to \`#/${id}\`, but no slide has the id \`${id}\``,
            hint: 'use an id shown in the address bar on that slide, or set one with <!-- .slide: id="…" -->',
          },
          at >= 0 ? m[1]!.length + 2 : undefined,
        ),
      )
    }
  }
}
