// Positions of inline content: markdown-it's inline tokens have no offsets, so map them back.

/**
 * Returns a function mapping an offset in `inline.content` to an offset in `body`.
 * markdown-it strips list markers, `>` and indentation from each line before inline parsing, so
 * each content line is found again on its source line (paragraph lines map 1:1 to source lines,
 * a table cell or heading to its one line). Best effort: a line not found maps to its first
 * non-blank character.
 */
export function inlineOffsetMapper(inline: Token, body: string): (offset: number) => number {
  const map = inline.map
  const lineStarts = [0]
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const contentLines = inline.content.split('\n')
  const starts: number[] = []
  let searchFrom = map ? map[0] : 0
  for (const text of contentLines) {
    const lineNo = Math.min(searchFrom, lineStarts.length - 1)
    const lineStart = lineStarts[lineNo]!
    const lineEnd = lineNo + 1 < lineStarts.length ? lineStarts[lineNo + 1]! - 1 : body.length
    const source = body.slice(lineStart, lineEnd)
    const probe = text.trim()
    const at = probe ? source.indexOf(probe) : -1
    const lead = text.length - text.trimStart().length
    starts.push(lineStart + (at >= 0 ? at - lead : source.length - source.trimStart().length))
    searchFrom = lineNo + 1
  }
  return (offset: number): number => {
    let rest = offset
    for (let i = 0; i < contentLines.length; i++) {
      const len = contentLines[i]!.length
      if (rest <= len || i === contentLines.length - 1) return starts[i]! + rest
      rest -= len + 1
    }
    return starts[0]!
  }
}import type { Token } from 'markdown-it'

