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

/** Offsets at which the lines of `text` start; the last text asked for is cached (rules ask often). */
let cache: { text: string; starts: number[] } | undefined
export function lineStarts(text: string): number[] {
  if (cache?.text !== text) {
    const starts = [0]
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
    cache = { text, starts }
  }
  return cache.starts
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
