// Includes: a slide that is only `{{< include path >}}` becomes the slides of that file (Quarto's
// shortcode), so slides every session repeats live once, e.g. in slides/_shared/.
import { dirname, resolve } from 'node:path'
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import { displayPath, readSourceFile } from './load.ts'
import { lineOverBudget, type Roots } from '../untrusted/index.ts'
import type { SourceFile } from './source.ts'
import type { SlideSource } from './split.ts'

const RE_INCLUDE = /^\{\{<\s*include\s+(\S+?)\s*>\}\}$/

/** A slide after includes are expanded, with the section it belongs to. */
export interface ExpandedSlide {
  source: SlideSource
  section?: string
}

export interface IncludeContext {
  diagnostics: Diagnostic[]
  /** Absolute paths of every included file read (the dev server watches them). */
  files: string[]
  /** Files being included, outermost first, to report cycles. */
  stack: string[]
  /** Where included files may come from (src/untrusted/paths.ts). */
  roots: Roots
  /** What this expansion has produced so far, against {@link INCLUDE_LIMITS}; shared by the nesting. */
  budget: { slides: number; chars: number }
  /** The pipeline's split + front matter stages for an included file (its `section` only). */
  read: (
    file: SourceFile,
    diagnostics: Diagnostic[],
  ) => { slides: SlideSource[]; data?: { section?: string } }
}

/** How deep includes may nest, and how much one file may expand to (slides, characters). */
export const INCLUDE_LIMITS = { depth: 8, slides: 2000, chars: 4_000_000 }

/** Reads an included file through the file-access policy as checked UTF-8 text, or reports why not. */
function readIncluded(
  ref: string,
  fromDir: string,
  roots: Roots,
  report: (code: string, message: string) => void,
): SourceFile | undefined {
  const read = readSourceFile(ref, fromDir, roots)
  if ('code' in read) {
    if (read.code === 'missing-file')
      report('missing-include', `included file \`${displayPath(resolve(fromDir, ref))}\` not found`)
    else report(read.code, `include: ${read.message}`)
    return undefined
  }
  if (read.invalidAt) {
    report('not-utf8', `included file \`${read.file.path}\` is not valid UTF-8`)
    return undefined
  }
  if (read.longLine) {
    const over = lineOverBudget(read.longLine.length)
    report(
      over.code,
      `included file \`${read.file.path}\`, line ${read.longLine.line + 1}: ${over.message}`,
    )
    return undefined
  }
  return read.file
}

/**
 * Replaces each include slide by the included file's slides (recursively). The included file may
 * set its own `section`, which applies to its slides only; otherwise they keep the including one.
 */
export function expandIncludes(
  slides: SlideSource[],
  section: string | undefined,
  ctx: IncludeContext,
): ExpandedSlide[] {
  const out: ExpandedSlide[] = []
  for (const source of slides) {
    const match = RE_INCLUDE.exec(source.body.trim())
    if (!match) {
      out.push({ source, section })
      continue
    }
    const lines = source.body.split('\n')
    const lineIndex = lines.findIndex((l) => l.includes('{{<'))
    const report = (code: string, message: string, hint?: string): void => {
      ctx.diagnostics.push(
        diagnosticAtLine(
          source.file.path,
          source.startLine + lineIndex,
          lines[lineIndex]!.indexOf('{{<'),
          { code, message, hint },
        ),
      )
    }
    if (ctx.stack.length >= INCLUDE_LIMITS.depth) {
      report(
        'include-depth',
        `includes nest more than ${INCLUDE_LIMITS.depth} deep here`,
        'include the shared file directly instead of through another include',
      )
      continue
    }
    const target = resolve(dirname(source.file.absPath), match[1]!)
    const chain = [...ctx.stack, source.file.absPath]
    if (chain.includes(target)) {
      const names = [...chain.slice(chain.indexOf(target)), target].map((p) => displayPath(p))
      report(
        'include-cycle',
        `include cycle: ${names.join(' -> ')}`,
        'remove one of these includes',
      )
      continue
    }
    const file = readIncluded(match[1]!, dirname(source.file.absPath), ctx.roots, report)
    if (!file) continue
    ctx.budget.chars += file.text.length
    if (ctx.budget.chars > INCLUDE_LIMITS.chars) {
      report(
        'deck-too-large',
        `includes here expand the file past ${INCLUDE_LIMITS.chars.toLocaleString('en')} characters`,
        'include each shared file once',
      )
      continue
    }
    ctx.files.push(target)
    const { slides: included, data } = ctx.read(file, ctx.diagnostics)
    const expanded = expandIncludes(included, data?.section ?? section, { ...ctx, stack: chain })
    ctx.budget.slides += expanded.length
    if (ctx.budget.slides > INCLUDE_LIMITS.slides) {
      report(
        'deck-too-large',
        `includes here expand the file past ${INCLUDE_LIMITS.slides} slides`,
        'include each shared file once',
      )
      return out
    }
    out.push(...expanded)
  }
  return out
}
