// Diagnostics: the one factory (offset or line -> file:line:column) and the one set of formatters
// (terminal line, GitHub annotation, code frame for Vite's overlay). Every stage and command uses them.

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
  /** 0-based column just past the offending text, when it is known and on the same line. */
  endColumn?: number
  severity: Severity
  /** Stable kebab-case rule id, e.g. `katex-parse`. Tests assert it. */
  code: string
  message: string
  /** One line on how to fix it. */
  hint?: string
}

/** What a stage says about a problem; where it is comes from the factory's other arguments. */
export interface DiagnosticSpec {
  code: string
  message: string
  hint?: string
  /** @defaultValue `'error'` */
  severity?: Severity
}

/** A passage of a file: `text` starts at the 0-based line `firstLine` of `file`. */
export interface Passage {
  file: string
  text: string
  /** @defaultValue 0 (the passage is the whole file) */
  firstLine?: number
}

/** Offsets at which the lines of `text` start; the last text asked for is cached (rules ask often). */
let startsCache: { text: string; starts: number[] } | undefined
export function lineStarts(text: string): number[] {
  if (startsCache?.text !== text) {
    const starts = [0]
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
    startsCache = { text, starts }
  }
  return startsCache.starts
}

/** Offset at which the 0-based `line` of `text` starts; a line past the end maps to the end. */
export function lineOffset(text: string, line: number): number {
  const starts = lineStarts(text)
  return line < starts.length ? starts[Math.max(0, line)]! : text.length
}

/** The 0-based `line` of `text` (without its newline) and the offset it starts at. */
export function lineAt(text: string, line: number): { start: number; text: string } {
  const start = lineOffset(text, line)
  const end = text.indexOf('\n', start)
  return { start, text: text.slice(start, end < 0 ? undefined : end) }
}

/** 0-based line and column of `offset` in `text`. An offset past the end maps to the end. */
export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length))
  const starts = lineStarts(text)
  // The last line start at or before `end` (binary search: diagnostics may be many).
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= end) lo = mid
    else hi = mid - 1
  }
  return { line: lo, column: end - starts[lo]! }
}

/** A diagnostic at a 0-based `line` and `column` of `file` (the one place that adds 1 to a line). */
export function diagnosticAtLine(
  file: string,
  line: number,
  column: number,
  spec: DiagnosticSpec,
  endColumn?: number,
): Diagnostic {
  const d: Diagnostic = {
    file,
    line: Math.max(0, line) + 1,
    column: Math.max(0, column),
    severity: spec.severity ?? 'error',
    code: spec.code,
    message: spec.message,
  }
  if (endColumn !== undefined && endColumn > d.column) d.endColumn = endColumn
  if (spec.hint !== undefined) d.hint = spec.hint
  return d
}

/** A diagnostic at `offset` in a passage, optionally `length` characters long. */
export function diagnosticAt(
  where: Passage,
  offset: number,
  spec: DiagnosticSpec,
  length?: number,
): Diagnostic {
  const { line, column } = offsetToLineCol(where.text, offset)
  const lineEnd = where.text.indexOf('\n', Math.max(0, offset))
  const fits = length !== undefined && (lineEnd < 0 || offset + length <= lineEnd)
  return diagnosticAtLine(
    where.file,
    (where.firstLine ?? 0) + line,
    column,
    spec,
    fits ? column + length : undefined,
  )
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
 * Text that came from a deck, made safe to print: control characters (ANSI escapes, CR, LF, tabs
 * and the rest of C0/C1, plus the Unicode line separators) become visible `\xNN`/`\uNNNN`
 * escapes, so a deck can never print a second line or a terminal command.
 */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => {
      const code = c.charCodeAt(0)
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`
    },
  )
}

/** `path:line:column: severity: message [code]` — the format editors and CI annotations parse. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${printable(d.file)}:${d.line}:${d.column + 1}: ${d.severity}: ${printable(d.message)} [${printable(d.code)}]`
}

/** The diagnostic line and, indented under it, its hint: what the terminal shows. */
export function formatForTerminal(d: Diagnostic): string {
  return d.hint ? `${formatDiagnostic(d)}\n  hint: ${printable(d.hint)}` : formatDiagnostic(d)
}

/** Escapes workflow-command data (`%`, CR, LF) and, in properties, `:` and `,` (GitHub's rules). */
function escapeWorkflowData(value: string, property = false): string {
  const out = printable(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return property ? out.replace(/:/g, '%3A').replace(/,/g, '%2C') : out
}

/** `::error file=…,line=…,col=…,title=rule::message`: shown on the pull request's diff. */
export function formatGithubAnnotation(d: Diagnostic): string {
  const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message
  const end = d.endColumn !== undefined ? `,endColumn=${d.endColumn + 1}` : ''
  const props = `file=${escapeWorkflowData(d.file, true)},line=${d.line},col=${d.column + 1}${end},title=${escapeWorkflowData(d.code, true)}`
  return `::${d.severity} ${props}::${escapeWorkflowData(message)}`
}

/**
 * A code frame for Vite's overlay and terminal: two lines of context either side, the line with a
 * `>` and a caret line under the column (Babel's and Vite's shape).
 */
export function codeFrame(
  text: string,
  d: Pick<Diagnostic, 'line' | 'column' | 'endColumn'>,
): string {
  const lines = text.split('\n')
  const at = Math.min(Math.max(d.line - 1, 0), Math.max(lines.length - 1, 0))
  const from = Math.max(0, at - 2)
  const to = Math.min(lines.length - 1, at + 2)
  const width = String(to + 1).length
  const out: string[] = []
  for (let i = from; i <= to; i++) {
    const gutter = String(i + 1).padStart(width)
    out.push(`${i === at ? '>' : ' '} ${gutter} | ${printable(lines[i] ?? '')}`)
    if (i === at) {
      const caret = '^'.repeat(Math.max(1, (d.endColumn ?? d.column + 1) - d.column))
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(d.column)}${caret}`)
    }
  }
  return out.join('\n')
}

/** `2 errors, 1 warning`. */
export function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
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

  /**
   * @param absFile absolute path of the first error's file (Vite's `id`)
   * @param text that file's text, for the code frame
   */
  constructor(diagnostics: Diagnostic[], absFile: string, text?: string) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    const first = errors[0] ?? diagnostics[0]
    if (!first) throw new TypeError('DeckError needs at least one diagnostic')
    super(errors.map(formatDiagnostic).join('\n'))
    this.code = first.code
    this.id = absFile
    this.loc = { file: absFile, line: first.line, column: first.column }
    this.frame = text === undefined ? '' : codeFrame(text, first)
    this.diagnostics = diagnostics
    // The message already says where; a stack would only point into the compiler.
    this.stack = ''
  }
}
