// Stage `title`: a deck whose first file sets no `title` (a folder of plain Markdown, as in Marp
// and reveal-md) is titled by its first heading, else its folder's name, with a warning.
import { basename, dirname } from 'node:path'
import type { DeckMeta } from '../../shared/deck-meta.ts'
import { diagnosticAtLine } from '../diagnostics.ts'
import type { SourceFile } from '../source.ts'
import type { SlideSource } from '../split.ts'
import type { Stage } from './stage.ts'

/** An ATX heading's text, the first in a slide body (`# Title {#id}` gives `Title`). */
const RE_HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+\{[^}]*\})?[ \t#]*$/m

export interface TitleInput {
  file: SourceFile
  first: boolean
  slides: SlideSource[]
  frontMatter?: Partial<DeckMeta>
  /** Whether the file has an error already (then no title is guessed). */
  broken: boolean
}

export interface TitleOutput {
  frontMatter?: Partial<DeckMeta>
}

export const titleStage: Stage<TitleInput, TitleOutput> = {
  name: 'title',
  run(input, diagnostics) {
    const { file, first, slides, frontMatter, broken } = input
    if (!first || frontMatter?.title !== undefined || broken) return { frontMatter }
    const heading = slides
      .map((slide) => RE_HEADING.exec(slide.body)?.[1])
      .find((t): t is string => t !== undefined)
    const title = heading ?? basename(dirname(file.absPath))
    diagnostics.push(
      diagnosticAtLine(file.path, 0, 0, {
        severity: 'warning',
        code: 'missing-title',
        message: `the deck has no \`title\` in its first file's front matter; using ${JSON.stringify(title)}`,
        hint: 'start the first file with ---, title: …, ---',
      }),
    )
    return { frontMatter: { ...frontMatter, title } }
  },
}
