// Stage `ids`: every slide's stable id, unique in the deck: explicit, else its heading's slug,
// else `<file>-<n>`.
import { assignIds } from '../ids.ts'
import type { RenderedSlide } from '../render.ts'
import type { Stage } from './stage.ts'

export const idsStage: Stage<{ slides: RenderedSlide[] }, { ids: string[] }> = {
  name: 'ids',
  run: ({ slides }, diagnostics) => ({ ids: assignIds(slides, diagnostics) }),
}
