// Stage `diagrams`: draws the deck's Mermaid diagrams that are not cached yet (in Chromium, the
// one asynchronous stage) into the cache the render stage reads. A compile that may not launch a
// browser (`draw: false`) skips it: a diagram missing from the cache is then the render's
// `mermaid-missing` error.
import { prerenderMermaid, type PrerenderStats } from '../mermaid.ts'
import type { MaybePromise, Stage } from './stage.ts'

export interface DiagramsInput {
  /** The deck folder: its Markdown and the shared slides beside it are searched for diagrams. */
  dir: string
  root: string
  draw: boolean
}

export type DiagramsOutput = PrerenderStats | undefined

export const diagramsStage: Stage<DiagramsInput, MaybePromise<DiagramsOutput>> = {
  name: 'diagrams',
  run: (input) => (input.draw ? prerenderMermaid([input.dir], input.root) : undefined),
}
