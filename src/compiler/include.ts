// Includes: a slide that is only `{{< include path >}}` becomes the slides of that file (Quarto's
// shortcode), so slides every session repeats live once, e.g. in slides/_shared/.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import { displayPath, firstInvalidUtf8 } from './load.ts'
import { normaliseNewlines, type SourceFile } from './source.ts'
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
  /** The pipeline's split + front matter stages for an included file (its `section` only). */
  read: (
    file: SourceFile,
    diagnostics: Diagnostic[],
  ) => { slides: SlideSource[]; data?: { section?: string } }
}

/** Reads an included file as checked UTF-8 text, or reports why it cannot. */
function readIncluded(
  path: string,
  report: (code: string, message: string) => void,
): SourceFile | undefined {
  if (!existsSync(path) || !statSync(path).isFile()) {
    report('missing-include', `included file \`${displayPath(path)}\` not found`)
    return undefined
  }
  const bytes = readFileSync(path)
  if (firstInvalidUtf8(bytes) >= 0) {
    report('not-utf8', `included file \`${displayPath(path)}\` is not valid UTF-8`)
    return undefined
  }
  return { absPath: path, path: displayPath(path), text: normaliseNewlines(bytes.toString('utf8')) }
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
    const file = readIncluded(target, report)
    if (!file) continue
    ctx.files.push(target)
    const { slides: included, data } = ctx.read(file, ctx.diagnostics)
    out.push(...expandIncludes(included, data?.section ?? section, { ...ctx, stack: chain }))
  }
  return out
}
