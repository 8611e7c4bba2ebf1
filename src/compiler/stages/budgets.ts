// Stage `budgets`: the output budgets of the deck: elements per slide, bytes of its page.
import { checkOutputBudgets } from '../budgets.ts'
import type { RenderedSlide } from '../render.ts'
import type { Stage } from './stage.ts'

export const budgetsStage: Stage<{ slides: RenderedSlide[]; html: string[] }, void> = {
  name: 'budgets',
  run: ({ slides, html }, diagnostics) => checkOutputBudgets(slides, html, diagnostics),
}
