// Spelling: slide prose checked with cspell and the project dictionary, as positioned warnings.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequire } from 'node:module'
import { mergeSettings, readSettings, spellCheckDocument } from 'cspell-lib'
import { diagnosticAt, type Diagnostic } from '../compiler/diagnostics.ts'
import type { SourceFile } from '../compiler/source.ts'

/**
 * What is not prose: front matter keys, fenced and inline code, math, HTML tags and comments,
 * link targets, attribute blocks and container fences. Masked with spaces, so offsets stay right.
 */
const RE_NOT_PROSE = [
  /^---\n[\s\S]*?\n(---|\.\.\.)$/m, // front matter (its values are checked below)
  /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(^ {0,3}\1[^\n]*$|$(?![\s\S]))/gm,
  /\$\$[\s\S]*?\$\$/g,
  /(?<![\\$])\$(?=\S)(?:\\.|[^$\\\n])*?(?<=\S)\$(?!\d)/g,
  /`+[^`\n]*`+/g,
  /<!--[\s\S]*?-->/g,
  /<\/?[a-zA-Z][^>]*>/g,
  /\]\([^)\s]*\)/g,
  /https?:\/\/\S+/g,
  /\{[.#][^}\n]*\}/g,
  /^:{3,}.*$/gm,
  /\{\{<[^>]*>\}\}/g,
]

export function maskNonProse(text: string): string {
  let out = text
  const blank = (m: string): string => m.replace(/[^\n]/g, ' ')
  const frontMatter = /^---\n[\s\S]*?\n(---|\.\.\.)$/m.exec(out)
  for (const re of RE_NOT_PROSE) out = out.replace(re, blank)
  if (frontMatter && frontMatter.index === 0) {
    // Put back the prose values of the front matter (titles, names, citations), line by line.
    const fm = frontMatter[0]
      .split('\n')
      .map((line) => {
        const prose =
          /^(\s*(?:title|shortTitle|group|presenter|description|section|citation):\s*)(.*)$/.exec(
            line,
          )
        return prose ? blank(prose[1]!) + prose[2]! : blank(line)
      })
      .join('\n')
    out = fm + out.slice(fm.length)
  }
  return out
}

let settingsPromise: ReturnType<typeof readSettings> | undefined

const require = createRequire(import.meta.url)

/**
 * cspell.json plus the two English dictionaries, without cspell's default configuration: that
 * loads some twenty more (software terms, companies, npm, HTML…) and took 0.6 s of every `check`.
 * The session's result was the same with and without them.
 */
async function slideSettings(root: string): ReturnType<typeof readSettings> {
  const parts = await Promise.all([
    readSettings(require.resolve('@cspell/dict-en_us/cspell-ext.json')),
    readSettings(require.resolve('@cspell/dict-en-gb-mit/cspell-ext.json')),
    readSettings(resolve(root, 'cspell.json')),
  ])
  return mergeSettings(...parts, { loadDefaultConfiguration: false })
}

/** Checks every file; each unknown word is a `spelling` warning with a suggestion. */
export async function checkSpelling(files: SourceFile[], root: string): Promise<Diagnostic[]> {
  // cspell.json at the root: English plus slides/_shared/dictionary.txt (editors read it too).
  settingsPromise ??= slideSettings(root)
  const settings = await settingsPromise
  const out: Diagnostic[] = []
  for (const file of files) {
    const text = maskNonProse(file.text)
    const document = {
      uri: pathToFileURL(file.absPath || resolve(root, file.path)).href,
      text,
      languageId: 'markdown',
      locale: 'en,en-GB',
    }
    const result = await spellCheckDocument(
      document,
      { generateSuggestions: true, noConfigSearch: true },
      settings,
    )
    for (const issue of result.issues) {
      const suggestion = issue.suggestions?.[0]
      out.push(
        diagnosticAt(
          { file: file.path, text: file.text },
          issue.offset,
          {
            severity: 'warning',
            code: 'spelling',
            message: `unknown word \`${issue.text}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
            hint: 'fix the spelling, or add the word to slides/_shared/dictionary.txt',
          },
          issue.text.length,
        ),
      )
    }
  }
  return out
}
