// The output budgets of a whole deck (src/untrusted/budgets.ts holds the limits): elements per
// slide and the bytes of the deck's page, each an error at the slide that goes over.
import { pageOverBudget, slideOverBudget } from '../untrusted/index.ts'
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import type { RenderedSlide } from './render.ts'

/** Checks each slide's final HTML (`html[i]` for `slides[i]`) and the deck's page against the budgets. */
export function checkOutputBudgets(
  slides: readonly RenderedSlide[],
  html: readonly string[],
  diagnostics: Diagnostic[],
): void {
  const at = (i: number, spec: { code: string; message: string; hint?: string }): Diagnostic =>
    diagnosticAtLine(slides[i]!.source.file.path, slides[i]!.source.startLine, 0, spec)
  html.forEach((h, i) => {
    const over = slideOverBudget(h)
    if (over)
      diagnostics.push(at(i, { ...over, hint: 'split the slide, or draw the data as a chart' }))
  })
  const page = pageOverBudget(html.map((h, i) => h + JSON.stringify(slides[i]!.attrs)))
  if (page)
    diagnostics.push(
      at(page.slide, {
        ...page.budget,
        hint: 'make the deck smaller: shorter lines, fewer or smaller slides',
      }),
    )
}
