// Stage `citations`: each slide's final HTML, its citations formatted (citation-js, cached on
// disk) and the references slide filled.
import { resolveCitations, type Bibliography } from '../citations.ts'
import type { RenderedSlide } from '../render.ts'
import type { DeckPlace } from './bibliography.ts'
import type { Stage } from './stage.ts'

export interface CitationsInput {
  slides: RenderedSlide[]
  deck: DeckPlace
  bibliography?: Bibliography
}

export const citationsStage: Stage<CitationsInput, { html: string[] }> = {
  name: 'citations',
  run: ({ slides, deck, bibliography }, diagnostics) => ({
    html: resolveCitations(
      slides,
      { dir: deck.dir, root: deck.root, csl: deck.meta.csl },
      diagnostics,
      bibliography,
    ),
  }),
}
