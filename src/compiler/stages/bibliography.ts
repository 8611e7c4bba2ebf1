// Stage `bibliography`: the deck's .bib files and its `csl:` style, read through the file-access
// policy when the deck cites a work or has a references slide (the `citations` stage reports).
import type { DeckMeta } from '../../shared/deck-meta.ts'
import { loadBibliography, type Bibliography } from '../citations.ts'
import type { RenderedSlide } from '../render.ts'
import type { Stage } from './stage.ts'

/** Where the deck is and what its front matter says. */
export interface DeckPlace {
  dir: string
  root: string
  meta: Partial<DeckMeta>
}

export interface BibliographyInput {
  slides: RenderedSlide[]
  deck: DeckPlace
}

export interface BibliographyOutput {
  /** Undefined when the deck neither cites nor lists references (nothing is read). */
  bibliography?: Bibliography
}

export const bibliographyStage: Stage<BibliographyInput, BibliographyOutput> = {
  name: 'bibliography',
  run: ({ slides, deck }) => ({
    bibliography: loadBibliography(slides, { dir: deck.dir, root: deck.root, csl: deck.meta.csl }),
  }),
}
