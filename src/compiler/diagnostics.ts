// Diagnostics: positioned problems found in a deck, and their one-line text form.

/** How bad a problem is: errors fail `build` and `check`, warnings are printed only. */
export type Severity = 'error' | 'warning'

/**
 * A problem at a place in a source file. `line` is 1-based and `column` 0-based (Rollup's `loc`,
 * which Vite's overlay reads); the text form prints `column + 1` so terminals can link it.
 */
export interface Diagnostic {
  /** Path as printed: relative to the working directory, POSIX separators. */
  file: string
  line: number
  column: number
  severity: Severity
  /** Stable kebab-case rule id, e.g. `katex-parse`. Tests assert it. */
  code: string
  message: string
  /** One line on how to fix it. */
  hint?: string
}

/** `path:line:column: severity: message [code]` — the format editors and CI annotations parse. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column + 1}: ${d.severity}: ${d.message} [${d.code}]`
}

/** Sorts by file, line, column so output is stable whatever order the stages found them in. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code),
  )
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error')
}

/**
 * The error a failed compile raises inside Vite: it fills the fields Vite's terminal and error
 * overlay show (`plugin`, `id`, `loc`, `frame`) and keeps every diagnostic for our CLI.
 */
export class DeckError extends Error {
  override name = 'DeckError'
  readonly plugin = 'deck'
  readonly code: string
  readonly id: string
  readonly loc: { file: string; line: number; column: number }
  readonly frame: string
  readonly diagnostics: Diagnostic[]

  constructor(diagnostics: Diagnostic[], absFile: string, frame = '') {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    const first = errors[0] ?? diagnostics[0]
    if (!first) throw new TypeError('DeckError needs at least one diagnostic')
    super(errors.map(formatDiagnostic).join('\n'))
    this.code = first.code
    this.id = absFile
    this.loc = { file: absFile, line: first.line, column: first.column }
    this.frame = frame
    this.diagnostics = diagnostics
    // The message already says where; a stack would only point into the compiler.
    this.stack = ''
  }
}
