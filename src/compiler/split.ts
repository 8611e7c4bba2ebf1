// Split: one Markdown file -> optional front matter and the slides it holds, with line positions.
import type { Token } from 'markdown-it'
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import { createMarkdown } from './render.ts'
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

const RE_SEPARATOR = /^---[ \t]*$/
const RE_FRONT_MATTER_END = /^(---|\.\.\.)[ \t]*$/
const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === ''

let blocks: ReturnType<typeof createMarkdown> | undefined

/**
 * The block tokens of a file's body, as the deck's own markdown-it reads them (fences wherever
 * CommonMark opens them, HTML blocks, `:::` containers, `$$` blocks). Only the block parser runs:
 * the render parses each slide again and reports what the block rules find there.
 */
function blockTokens(body: string, file: SourceFile, startLine: number): Token[] {
  blocks ??= createMarkdown()
  const env = { file, startLine, body, diagnostics: [] as Diagnostic[] }
  const tokens: Token[] = []
  blocks.block.parse(body, blocks, env, tokens)
  return tokens
}

/** Lines of a fence's content (markdown-it keeps each line's newline, the file's last maybe not). */
function contentLines(content: string): number {
  if (content === '') return 0
  const newlines = content.split('\n').length - 1
  return content.endsWith('\n') ? newlines : newlines + 1
}

/**
 * Splits a file into slides. Rules (pinned by tests/fixtures/split):
 * - a file that starts with a `---` line directly followed by a non-blank line opens front matter,
 *   closed by the next `---` or `...` line (pandoc's rule: `---` then a blank line is a separator);
 * - a `---` line with a blank line (or the start or end of the body) on both sides separates slides
 *   when markdown-it reads it as a thematic break of the document itself: never inside fenced code
 *   (a list item's or a block quote's too), an HTML block (a comment), a `:::` container or a `$$`
 *   block;
 * - a fence left open to the end of the file, and an HTML comment never closed, are errors (either
 *   would swallow every slide after it);
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

  const separators: number[] = []
  for (const token of blockTokens(lines.slice(bodyStart).join('\n'), file, bodyStart)) {
    if (!token.map) continue
    const line = bodyStart + token.map[0]
    const text = lines[line] ?? ''
    if (
      token.type === 'hr' &&
      token.level === 0 &&
      RE_SEPARATOR.test(text) &&
      (line === bodyStart || isBlank(lines[line - 1])) &&
      isBlank(lines[line + 1])
    )
      separators.push(line)
    else if (
      token.type === 'fence' &&
      contentLines(token.content) !== token.map[1] - token.map[0] - 2 &&
      lines.slice(bodyStart + token.map[1]).every(isBlank)
    )
      // No closing line (the content runs up to the fence's last line) and nothing after it.
      report(
        line,
        Math.max(0, text.indexOf(token.markup)),
        'unclosed-fence',
        `code fence ${token.markup} is never closed`,
        `add a closing ${token.markup} line`,
      )
    else if (
      token.type === 'html_block' &&
      /^[ \t]*<!--/.test(token.content) &&
      !token.content.includes('-->')
    )
      report(
        line,
        Math.max(0, text.indexOf('<!--')),
        'unclosed-comment',
        'HTML comment `<!--` is never closed',
        'add `-->`',
      )
  }

  const slides: SlideSource[] = []
  let slideStart = bodyStart
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
  for (const line of separators) {
    close(line)
    slideStart = line + 1
  }
  close(lines.length)
  return { frontMatter, slides, diagnostics }
}
