// Stage `links`: every `#/id` link of the deck points at one of its slides.
import { checkSlideLinks } from '../links.ts'
import type { RenderedSlide } from '../render.ts'
import type { Stage } from './stage.ts'

export const linksStage: Stage<{ slides: RenderedSlide[]; ids: string[] }, void> = {
  name: 'links',
  run: ({ slides, ids }, diagnostics) => checkSlideLinks(slides, ids, diagnostics),
}
