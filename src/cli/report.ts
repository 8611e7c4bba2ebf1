// Printing from a command: a compile's diagnostics (the terminal lines, plus GitHub Actions
// annotations inside CI; both formats live in src/compiler/diagnostics.ts), a failure's message,
// and paths, all escaped: nothing a deck or an argument holds prints as a second line, a terminal
// escape or a workflow command.
import {
  formatForTerminal,
  formatGithubAnnotation,
  hasErrors,
  printable,
  summary,
  type Diagnostic,
} from '../compiler/diagnostics.ts'
import { displayPath } from '../compiler/load.ts'

export { summary }

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

/** A path as a command prints it: relative to the working directory, escaped. */
export const shownPath = (absPath: string): string => printable(displayPath(absPath))

/**
 * The diagnostics an error carries: a DeckError's own, or those of the DeckErrors Vite's build
 * collected (it rethrows a plugin's error inside `errors`).
 */
export function diagnosticsOf(err: unknown): Diagnostic[] | undefined {
  const own = (e: unknown): Diagnostic[] =>
    e && typeof e === 'object' && Array.isArray((e as { diagnostics?: unknown }).diagnostics)
      ? (e as { diagnostics: Diagnostic[] }).diagnostics
      : []
  const nested = (err as { errors?: unknown })?.errors
  const all = [...own(err), ...(Array.isArray(nested) ? nested.flatMap(own) : [])]
  return all.length > 0 ? all : undefined
}

/**
 * Prints why a command failed: an authoring problem as its diagnostics (and annotations),
 * anything else as `error: message` — a few lines, each escaped, none starting with `::` (the
 * runner reads a workflow command after leading spaces, so a continuation line is defused).
 */
export function reportFailure(err: unknown): void {
  const diagnostics = diagnosticsOf(err)
  if (diagnostics) {
    report(diagnostics)
    console.error(`build failed (${summary(diagnostics)}); nothing was written`)
    return
  }
  const message = err instanceof Error ? err.message : String(err)
  const lines = message
    .split('\n')
    .slice(0, 8)
    .map((line) => printable(line).replace(/^(\s*):/, '$1\\x3a'))
  console.error(`error: ${lines.join('\n')}`)
}
