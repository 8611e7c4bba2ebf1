// Printing diagnostics: one line each for people, plus GitHub Actions annotations inside CI.
import { formatDiagnostic, hasErrors, type Diagnostic } from '../compiler/diagnostics.ts'
import type { CompileResult } from '../compiler/index.ts'

/** Escapes workflow-command data (`%`, CR, LF) and, in properties, `:` and `,`. */
function escapeData(value: string, property = false): string {
  const out = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return property ? out.replace(/:/g, '%3A').replace(/,/g, '%2C') : out
}

/** `::error file=…,line=…,col=…,title=rule::message`: shown on the pull request's diff. */
export function annotation(d: Diagnostic): string {
  const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message
  const props = `file=${escapeData(d.file, true)},line=${d.line},col=${d.column + 1},title=${escapeData(d.code, true)}`
  return `::${d.severity} ${props}::${escapeData(message)}`
}

/** Prints every diagnostic (and its hint); returns whether there was no error. */
export function report(
  result: CompileResult,
  github = process.env.GITHUB_ACTIONS === 'true',
): boolean {
  for (const d of result.diagnostics) {
    console.error(formatDiagnostic(d))
    if (d.hint) console.error(`  hint: ${d.hint}`)
    if (github) console.log(annotation(d))
  }
  return !hasErrors(result.diagnostics)
}

/** `2 errors, 1 warning`. */
export function summary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
}
