// Stage `load`: a deck folder -> its Markdown files in file-name order (the only stage that lists
// files), or the files a caller already holds.
import { loadDeckFiles } from '../load.ts'
import type { SourceFile } from '../source.ts'
import type { Roots } from '../../untrusted/index.ts'
import type { Stage } from './stage.ts'

export interface LoadInput {
  dir: string
  roots: Roots
  /** Files given in memory: nothing is read. */
  files?: SourceFile[]
}

export interface LoadOutput {
  files: SourceFile[]
}

export const loadStage: Stage<LoadInput, LoadOutput> = {
  name: 'load',
  run(input, diagnostics) {
    if (input.files) return { files: input.files }
    const loaded = loadDeckFiles(input.dir, input.roots)
    diagnostics.push(...loaded.diagnostics)
    return { files: loaded.files }
  },
}
