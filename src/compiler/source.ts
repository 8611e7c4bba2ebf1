// Source files: what a deck's Markdown file is once read, with its line endings normalised.

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
