// Split: one Markdown file -> optional front matter and the slides it holds, with line positions.
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import type { SourceFile } from './source.ts'

/** One slide's Markdown and where it came from. */
export interface SlideSource {
  file: SourceFile
  /** 0-based line of the slide body's first line in the file. */
  startLine: number
  /** The slide's Markdown (lines `startLine` up to the separator). */
  body: string
}

export interface SplitResult {
  /** YAML text of the front matter, if the file has one. */
  frontMatter?: { text: string; firstLine: number }
  slides: SlideSource[]
  diagnostics: Diagnostic[]
}

const RE_FENCE = /^ {0,3}(`{3,}|~{3,})/
/** An HTML block comment (CommonMark type 2): `<!--` at the start of a line, up to 3 spaces in. */
const RE_COMMENT_OPEN = /^ {0,3}<!--/
const RE_SEPARATOR = /^---[ \t]*$/
const RE_FRONT_MATTER_END = /^(---|\.\.\.)[ \t]*$/
const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === ''

/**
 * Splits a file into slides. Rules (pinned by tests/fixtures/split):
 * - a file that starts with a `---` line directly followed by a non-blank line opens front matter,
 *   closed by the next `---` or `...` line (pandoc's rule: `---` then a blank line is a separator);
 * - a `---` line with a blank line (or the start or end of the body) on both sides separates slides;
 * - separators inside fenced code or an HTML block comment never split (a `<!--` inside a line,
 *   e.g. in a code span, is inline HTML at most, which cannot span the blank lines around a `---`);
 * - a slide that holds only blank lines is reported at its extra `---` and dropped.
 */
export function splitFile(file: SourceFile): SplitResult {
  const lines = file.text.split('\n')
  const diagnostics: Diagnostic[] = []
  const report = (
    line: number,
    column: number,
    code: string,
    message: string,
    hint?: string,
  ): void => {
    diagnostics.push(diagnosticAtLine(file.path, line, column, { code, message, hint }))
  }
  let bodyStart = 0
  let frontMatter: SplitResult['frontMatter']
  if (RE_SEPARATOR.test(lines[0] ?? '') && !isBlank(lines[1])) {
    const end = lines.findIndex((l, i) => i > 0 && RE_FRONT_MATTER_END.test(l))
    if (end < 0) {
      report(
        0,
        0,
        'unclosed-front-matter',
        'front matter opened here is never closed',
        'add a line `---` after the YAML',
      )
      return { slides: [], diagnostics }
    }
    frontMatter = { text: lines.slice(1, end).join('\n'), firstLine: 1 }
    bodyStart = end + 1
  }

  const slides: SlideSource[] = []
  let slideStart = bodyStart
  let fence: { marker: string; line: number } | undefined
  let commentLine: number | undefined
  const close = (end: number): void => {
    const body = lines.slice(slideStart, end).join('\n')
    // The separator that made the empty slide: the one closing it, else (at the end of the file)
    // the one opening it, else (a blank file) its first line.
    const extra = end < lines.length ? end : slideStart > bodyStart ? slideStart - 1 : slideStart
    if (body.trim() !== '') slides.push({ file, startLine: slideStart, body })
    else
      diagnostics.push(
        diagnosticAtLine(file.path, Math.min(extra, lines.length - 1), 0, {
          severity: 'warning',
          code: 'empty-slide',
          message: 'empty slide: nothing between these separators',
          hint: 'remove the extra `---` line',
        }),
      )
  }
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!
    if (fence) {
      const m = RE_FENCE.exec(line)
      if (
        m &&
        m[1]![0] === fence.marker[0] &&
        m[1]!.length >= fence.marker.length &&
        line.trim() === m[1]
      )
        fence = undefined
      continue
    }
    if (commentLine !== undefined) {
      if (line.includes('-->')) commentLine = undefined
      continue
    }
    const fenceOpen = RE_FENCE.exec(line)
    if (fenceOpen) {
      // A backtick fence's info string may not contain backticks (CommonMark 4.5).
      const info = line.slice(line.indexOf(fenceOpen[1]!) + fenceOpen[1]!.length)
      if (fenceOpen[1]![0] === '~' || !info.includes('`'))
        fence = { marker: fenceOpen[1]!, line: i }
      continue
    }
    // markdown-it ends an HTML block comment on the first line holding `-->`, this one included.
    if (RE_COMMENT_OPEN.test(line) && !line.includes('-->')) {
      commentLine = i
      continue
    }
    if (
      RE_SEPARATOR.test(line) &&
      (i === bodyStart || isBlank(lines[i - 1])) &&
      isBlank(lines[i + 1])
    ) {
      close(i)
      slideStart = i + 1
    }
  }
  if (fence)
    report(
      fence.line,
      line0Indent(lines[fence.line]!),
      'unclosed-fence',
      `code fence ${fence.marker} is never closed`,
      `add a closing ${fence.marker} line`,
    )
  if (commentLine !== undefined)
    report(
      commentLine,
      lines[commentLine]!.indexOf('<!--'),
      'unclosed-comment',
      'HTML comment `<!--` is never closed',
      'add `-->`',
    )
  close(lines.length)
  return { frontMatter, slides, diagnostics }
}

function line0Indent(line: string): number {
  return line.length - line.trimStart().length
}
