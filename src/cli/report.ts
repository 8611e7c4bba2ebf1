// Printing a compile's diagnostics from a command: the terminal lines, plus GitHub Actions
// annotations inside CI (both formats live in src/compiler/diagnostics.ts).
import {
  formatForTerminal,
  formatGithubAnnotation,
  hasErrors,
  type Diagnostic,
} from '../compiler/diagnostics.ts'

export { summary } from '../compiler/diagnostics.ts'

/** Prints every diagnostic (and its hint); returns whether there was no error. */
export function report(
  diagnostics: readonly Diagnostic[],
  github = process.env.GITHUB_ACTIONS === 'true',
): boolean {
  for (const d of diagnostics) {
    console.error(formatForTerminal(d))
    if (github) console.log(formatGithubAnnotation(d))
  }
  return !hasErrors(diagnostics)
}
