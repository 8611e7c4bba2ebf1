// Positions of inline content: markdown-it's inline tokens have no offsets, so map them back.
import type { MarkdownIt, Token } from 'markdown-it'
import { lineStarts } from '../diagnostics.ts'
import { wrapBlockRule } from './wrap-rule.ts'

/**
 * Table cells: for each cell's inline token, the body offset of every character of its content.
 * markdown-it gives cell tokens no `map`, and a cell's text is not found reliably by searching its
 * line (two cells may hold the same text, and `\|` loses its backslash), so the table rule is
 * wrapped to record where each cell came from while the block state still knows.
 */
const cellOffsets = new WeakMap<Token, number[]>()

/**
 * markdown-it's table row split (`escapedSplit` after `getLine(...).trim()`), keeping the body
 * offset of each character: returns the cells' trimmed text as offset arrays.
 */
function splitRow(src: string, start: number, end: number): number[][] {
  while (end > start && /\s/.test(src[end - 1]!)) end--
  while (start < end && /\s/.test(src[start]!)) start++
  const cells: number[][] = []
  let current: number[] = []
  let escaped = false
  for (let pos = start; pos < end; pos++) {
    const ch = src.charCodeAt(pos)
    if (ch === 0x7c /* | */) {
      if (!escaped) {
        cells.push(current)
        current = []
      } else {
        current.pop() // `\|` is a literal pipe: the backslash is dropped
        current.push(pos)
      }
    } else current.push(pos)
    escaped = ch === 0x5c /* \ */
  }
  cells.push(current)
  if (cells.length && cells[0]!.length === 0) cells.shift()
  if (cells.length && cells[cells.length - 1]!.length === 0) cells.pop()
  return cells.map((cell) => {
    let a = 0
    let b = cell.length
    while (a < b && /\s/.test(src[cell[a]!]!)) a++
    while (b > a && /\s/.test(src[cell[b - 1]!]!)) b--
    return cell.slice(a, b)
  })
}

/** Wraps markdown-it's `table` rule to record each cell's source offsets (see `cellOffsets`). */
export function tablePositionsPlugin(md: MarkdownIt): void {
  // Without the rule to wrap, cells map to the start of their row's line.
  wrapBlockRule(md, 'table', (table) => (state, startLine, endLine, silent) => {
    const from = state.tokens.length
    if (!table(state, startLine, endLine, silent)) return false
    if (silent) return true
    let cells: number[][] = []
    let cell = 0
    for (const token of state.tokens.slice(from)) {
      if (token.type === 'tr_open' && token.map) {
        const line = token.map[0]
        const start = state.bMarks[line]! + state.tShift[line]!
        cells = splitRow(state.src, start, state.eMarks[line]!)
        cell = 0
      } else if (token.type === 'inline') cellOffsets.set(token, cells[cell++] ?? [])
    }
    return true
  })
}

/**
 * Returns a function mapping an offset in `inline.content` to an offset in `body`.
 * markdown-it strips list markers, `>` and indentation from each line before inline parsing, so
 * each content line is found again on its source line: it is the end of that line (paragraph
 * lines map 1:1 to source lines, a heading to its one line). Table cells use the offsets recorded
 * by `tablePositionsPlugin`. Best effort: a line not found maps to its first non-blank character.
 */
export function inlineOffsetMapper(inline: Token, body: string): (offset: number) => number {
  const cell = cellOffsets.get(inline)
  if (cell) {
    return (offset) =>
      cell.length === 0
        ? 0
        : offset < cell.length
          ? cell[Math.max(0, offset)]!
          : cell[cell.length - 1]! + 1 + (offset - cell.length)
  }
  const map = inline.map
  const bodyLines = lineStarts(body)
  const contentLines = inline.content.split('\n')
  const starts: number[] = []
  let searchFrom = map ? map[0] : 0
  for (const text of contentLines) {
    const lineNo = Math.min(searchFrom, bodyLines.length - 1)
    const lineStart = bodyLines[lineNo]!
    const lineEnd = lineNo + 1 < bodyLines.length ? bodyLines[lineNo + 1]! - 1 : body.length
    const source = body.slice(lineStart, lineEnd)
    const probe = text.trim()
    // The content is what is left of the line after its prefix (`> `, `- `, `## `), so search
    // from the right: `1. 1.` holds the text `1.` at column 3, not 0.
    const at = probe ? source.lastIndexOf(probe) : -1
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
}
