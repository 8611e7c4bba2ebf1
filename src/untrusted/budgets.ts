// Budgets on what a deck builds into: a page an attendee's phone and the PDF step can open. Each
// figure is counted where it is made, and going over is an error at the place that made it,
// naming the figure and the limit (docs/security.md lists them).
import { countStartTags } from './tokenizer.ts'

/**
 * The limits. Each is far above what the July session and a generated 300-slide deck need (the
 * measured figures are in docs/security.md), and far below what makes a browser struggle.
 */
export const BUDGETS = {
  /** Characters of one source line (Markdown, included files). */
  lineChars: 10_000,
  /** Bytes of one deck's slides as the page carries them. */
  pageBytes: 8_000_000,
  /** Elements of one slide (its HTML, notes included). */
  slideElements: 10_000,
  /** Rows of one chart data file (entries of its largest list or map). */
  dataRows: 1_000,
  /** Bytes of one chart data file. */
  dataBytes: 1_000_000,
  /** Elements of one drawn chart (marks, labels, its data table). */
  chartMarks: 5_000,
} as const

/** One figure over its budget: what was counted and where, for the caller's diagnostic. */
export interface OverBudget {
  code: string
  message: string
}

/** The first line of `text` longer than the budget: its 0-based index and length, if any. */
export function overlongLine(
  text: string,
  limit: number = BUDGETS.lineChars,
): { line: number; length: number } | undefined {
  let line = 0
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    if (end - start > limit) return { line, length: end - start }
    start = end + 1
    line++
  }
  return undefined
}

/** The diagnostic text for a line over {@link BUDGETS.lineChars}. */
export function lineOverBudget(length: number): OverBudget {
  return {
    code: 'budget-line-chars',
    message: `line has ${length.toLocaleString('en')} characters; a line may have at most ${BUDGETS.lineChars.toLocaleString('en')}`,
  }
}

/**
 * How many elements `html` has (start tags, read by the one tokenizer). With `atMost`, a count up
 * to it may be an upper bound (cheap); one above it is exact.
 */
export function countElements(html: string, atMost?: number): number {
  return countStartTags(html, atMost)
}

/** A slide over {@link BUDGETS.slideElements}, or undefined. */
export function slideOverBudget(html: string): OverBudget | undefined {
  if (html.length < BUDGETS.slideElements * 3) return undefined
  const n = countElements(html, BUDGETS.slideElements)
  return n > BUDGETS.slideElements
    ? {
        code: 'budget-slide-elements',
        message: `slide builds into ${n.toLocaleString('en')} elements; a slide may have at most ${BUDGETS.slideElements.toLocaleString('en')}`,
      }
    : undefined
}

/**
 * The first slide at which the deck's page passes {@link BUDGETS.pageBytes} (UTF-8 bytes of the
 * slides' HTML and attributes, in order), with the total, or undefined.
 */
export function pageOverBudget(
  slides: readonly string[],
): { slide: number; bytes: number; budget: OverBudget } | undefined {
  let bytes = 0
  let crossed: number | undefined
  slides.forEach((html, i) => {
    bytes += Buffer.byteLength(html)
    if (crossed === undefined && bytes > BUDGETS.pageBytes) crossed = i
  })
  if (crossed === undefined) return undefined
  return {
    slide: crossed,
    bytes,
    budget: {
      code: 'budget-page-bytes',
      message: `the deck's slides build into ${bytes.toLocaleString('en')} bytes, passing ${BUDGETS.pageBytes.toLocaleString('en')} (the page's limit) at this slide`,
    },
  }
}

/** The rows of a data file: entries of its largest list or map (the root itself excepted). */
export function countRows(json: unknown): number {
  let most = 0
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > 4) return
    const children = Array.isArray(value) ? value : Object.values(value)
    if (depth > 0) most = Math.max(most, children.length)
    for (const child of children) visit(child, depth + 1)
  }
  visit(json, 0)
  return most
}

/** A data file over {@link BUDGETS.dataRows}, or undefined. */
export function dataOverBudget(json: unknown, file: string): OverBudget | undefined {
  const rows = countRows(json)
  return rows > BUDGETS.dataRows
    ? {
        code: 'budget-data-rows',
        message: `${file} has ${rows.toLocaleString('en')} rows; a data file may have at most ${BUDGETS.dataRows.toLocaleString('en')}`,
      }
    : undefined
}

/** A drawn chart over {@link BUDGETS.chartMarks}, or undefined. */
export function chartOverBudget(html: string, name: string): OverBudget | undefined {
  const n = countElements(html, BUDGETS.chartMarks)
  return n > BUDGETS.chartMarks
    ? {
        code: 'budget-chart-marks',
        message: `chart \`${name}\` draws ${n.toLocaleString('en')} marks; a chart may draw at most ${BUDGETS.chartMarks.toLocaleString('en')}`,
      }
    : undefined
}
