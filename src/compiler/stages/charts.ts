// Stage `charts`: draws the deck's ```vega-lite charts that are not drawn yet (or whose data files
// changed) with Vega-Lite and Vega, in a locked-down child process, into the store the render
// stage reads. Asynchronous like `diagrams`; a compile that may not draw (`draw: false`) skips it:
// a chart not drawn before is then the render's `vega-lite-missing` error.
import { prerenderVegaLite, type VegaLiteStats } from '../markdown/vega-lite.ts'
import type { MaybePromise, Stage } from './stage.ts'

export interface ChartsInput {
  /** The deck folder: its Markdown and the shared slides beside it are searched for charts. */
  dir: string
  root: string
  draw: boolean
}

export type ChartsOutput = VegaLiteStats | undefined

export const chartsStage: Stage<ChartsInput, MaybePromise<ChartsOutput>> = {
  name: 'charts',
  run: (input) => (input.draw ? prerenderVegaLite([input.dir], input.root) : undefined),
}
