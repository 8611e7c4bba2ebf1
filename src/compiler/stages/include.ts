// Stage `include`: a slide that is only `{{< include path >}}` becomes the slides of that file.
import { FILE_KEYS } from '../frontmatter.ts'
import { expandIncludes, type ExpandedSlide } from '../include.ts'
import type { SlideSource } from '../split.ts'
import type { Roots } from '../../untrusted/index.ts'
import { splitAndParse } from './split.ts'
import type { Stage } from './stage.ts'

export interface IncludeInput {
  slides: SlideSource[]
  /** The section in force at the file's first slide. */
  section: string | undefined
  roots: Roots
}

export interface IncludeOutput {
  expanded: ExpandedSlide[]
  /** Absolute paths of the included files read. */
  included: string[]
}

export const includeStage: Stage<IncludeInput, IncludeOutput> = {
  name: 'include',
  run(input, diagnostics) {
    const included: string[] = []
    const expanded = expandIncludes(input.slides, input.section, {
      diagnostics,
      files: included,
      stack: [],
      read: (file, d) => splitAndParse(file, FILE_KEYS, d),
      roots: input.roots,
      budget: { slides: 0, chars: 0 },
    })
    return { expanded, included }
  },
}
