// Template placeholders: text `npm run new` writes (src/site/template/) that the presenter is meant
// to replace. Each one left is a `template-placeholder` warning at its line, so `check`, the build
// and the dev server say so, instead of the home page silently listing "Your Name".
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import type { SourceFile } from './source.ts'

/** A placeholder: what to look for on a line, and what to write instead. */
export interface Placeholder {
  find: string | RegExp
  hint: string
}

/** Every placeholder of src/site/template/ (a test checks each is still in the template). */
export const PLACEHOLDERS: readonly Placeholder[] = [
  { find: 'Your Name', hint: "write the presenter's name" },
  { find: 'Author, A., & Author, B.', hint: "write the paper's authors" },
  { find: 'Title of the paper', hint: "write the paper's title" },
  { find: /^\s*url:\s*https:\/\/arxiv\.org\/?\s*$/, hint: "write the paper's own URL" },
  {
    find: 'What you will say on this slide, in two to five sentences.',
    hint: 'write the notes for this slide, or remove the `::: notes` block',
  },
  { find: 'What the audience needs to know first', hint: 'write the background' },
  { find: 'What problem does the paper address?', hint: 'write the question the paper asks' },
  { find: 'The key finding, with its number and source', hint: 'write the main result' },
  { find: 'Author et al., Table 1', hint: 'cite the real source of the number' },
  { find: 'What you think of the paper', hint: 'write your view of the paper' },
  { find: 'Where to read more.', hint: 'write the notes, or remove the `::: notes` block' },
]

/** Warns about each placeholder left in `files` (each file once), at its line and column. */
export function checkPlaceholders(files: readonly SourceFile[], diagnostics: Diagnostic[]): void {
  const seen = new Set<string>()
  for (const file of files) {
    if (seen.has(file.absPath)) continue
    seen.add(file.absPath)
    file.text.split('\n').forEach((line, i) => {
      for (const p of PLACEHOLDERS) {
        const column =
          typeof p.find === 'string'
            ? line.indexOf(p.find)
            : p.find.test(line)
              ? line.search(/\S/)
              : -1
        if (column < 0) continue
        const what = typeof p.find === 'string' ? p.find : line.trim()
        diagnostics.push(
          diagnosticAtLine(file.path, i, column, {
            severity: 'warning',
            code: 'template-placeholder',
            message: `\`${what}\` is a placeholder from \`npm run new\``,
            hint: p.hint,
          }),
        )
      }
    })
  }
}
