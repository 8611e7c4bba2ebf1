// Source text helpers: the one place that turns offsets into line and column.

/** A Markdown file of a deck, as read from disk. */
export interface SourceFile {
  /** Absolute path, used for Vite ids and resolving images. */
  absPath: string
  /** Path printed in diagnostics (relative to the working directory). */
  path: string
  /** Text with line endings normalised to `\n`. */
  text: string
}

/** Normalises CRLF and lone CR to LF and strips a UTF-8 byte-order mark; offsets refer to the result. */
export function normaliseNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/** 0-based line and column of `offset` in `text`. An offset past the end maps to the end. */
export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length))
  let line = 0
  let lineStart = 0
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart }
}
