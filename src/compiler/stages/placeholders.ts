// Stage `placeholders`: no placeholder text of the new-deck template is left in the deck's files.
import { checkPlaceholders } from '../placeholders.ts'
import type { RenderedSlide } from '../render.ts'
import type { Stage } from './stage.ts'

export const placeholdersStage: Stage<{ slides: RenderedSlide[] }, void> = {
  name: 'placeholders',
  run: ({ slides }, diagnostics) =>
    checkPlaceholders(
      slides.map((slide) => slide.source.file),
      diagnostics,
    ),
}
