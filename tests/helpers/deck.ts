// Helpers to compile Markdown given as strings, and to show math compactly in expected HTML.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts'
import { compileFiles, type CompileResult } from '../../src/compiler/index.ts'
import { normaliseNewlines } from '../../src/compiler/source.ts'

export const ROOT = resolve(import.meta.dirname, '../..')
const FIXTURE_DIR = resolve(ROOT, 'tests/fixtures/decks/inline')

/** Compiles files given as `{ name: text }` as one deck (the first gets a title if it has none). */
export function compileText(files: Record<string, string>): CompileResult {
  const sources = Object.entries(files).map(([name, text]) => ({
    absPath: resolve(FIXTURE_DIR, name),
    path: `deck/${name}`,
    text: normaliseNewlines(text),
  }))
  return compileFiles(sources, { dir: FIXTURE_DIR, root: ROOT })
}

/** Compiles one slide body (behind a front matter that sets the title) and returns its HTML. */
export function renderBody(body: string): { html: string; result: CompileResult } {
  const result = compileText({ '01.md': `---\ntitle: T\n---\n${body}` })
  return { html: result.deck.slides.map((s) => s.html).join('<hr data-slide-break>\n'), result }
}

/**
 * Replaces each KaTeX rendering by `[$tex$]` / `[$$tex$$]`: the TeX exactly as KaTeX received it,
 * not HTML-escaped, so `<`, `>` and `&` in the TeX read as written.
 */
export function compactMath(html: string): string {
  const $ = load(html, null, false)
  const tex: string[] = []
  const stub = (el: Parameters<typeof $>[0], marks: string): void => {
    tex.push(`[${marks}${$(el).find('annotation').first().text()}${marks}]`)
    $(el).replaceWith(`\uE000${tex.length - 1}\uE000`)
  }
  $('.katex-display').each((_, el) => stub(el, '$$'))
  $('.katex').each((_, el) => stub(el, '$'))
  return $.html()
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => tex[Number(i)]!)
    .trim()
}

export const formatAll = (result: CompileResult): string =>
  result.diagnostics.map(formatDiagnostic).join('\n')

/** The spelling pass over every file a compiled deck read (what `npm run check` adds). */
export async function spellingOf(result: CompileResult): Promise<string[]> {
  const { checkSpelling } = await import('../../src/cli/spelling.ts')
  const files = result.deck.files.map((absPath) => ({
    absPath,
    path: absPath,
    text: readFileSync(absPath, 'utf8'),
  }))
  return (await checkSpelling(files, ROOT)).map(formatDiagnostic)
}
