// Stage `split`: one file -> its slides (at `---` separators) and its front matter's data.
import type { DeckMeta } from '../../shared/deck-meta.ts'
import type { Diagnostic } from '../diagnostics.ts'
import { DECK_KEYS, FILE_KEYS, parseFrontMatter } from '../frontmatter.ts'
import type { SourceFile } from '../source.ts'
import { splitFile, type SlideSource } from '../split.ts'
import type { Stage } from './stage.ts'

export type FrontMatterData = NonNullable<ReturnType<typeof parseFrontMatter>['data']>

/** A file's slides after split and front matter: what both a deck file and an included file need. */
export function splitAndParse(
  file: SourceFile,
  keys: readonly string[],
  diagnostics: Diagnostic[],
): { slides: SlideSource[]; data?: FrontMatterData } {
  const split = splitFile(file)
  diagnostics.push(...split.diagnostics)
  if (!split.frontMatter) return { slides: split.slides }
  const fm = parseFrontMatter(split.frontMatter.text, file.path, split.frontMatter.firstLine, keys)
  diagnostics.push(...fm.diagnostics)
  return { slides: split.slides, data: fm.data }
}

export interface SplitInput {
  file: SourceFile
  /** The deck's first file: its front matter is the deck's. */
  first: boolean
}

export interface SplitOutput {
  slides: SlideSource[]
  /** The first file's front matter: the deck's metadata. */
  frontMatter?: Partial<DeckMeta>
  /** The section this file's front matter starts, if it sets one. */
  section?: string
  /** The minutes this file's front matter plans for its slides. */
  minutes?: number
}

export const splitStage: Stage<SplitInput, SplitOutput> = {
  name: 'split',
  run({ file, first }, diagnostics) {
    const { slides, data } = splitAndParse(file, first ? DECK_KEYS : FILE_KEYS, diagnostics)
    if (!data) return { slides }
    return {
      slides,
      frontMatter: first ? data : undefined,
      section: data.section,
      minutes: data.minutes,
    }
  },
}
