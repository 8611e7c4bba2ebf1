// Spelling: slide prose checked with cspell and the project dictionary, as positioned warnings.
// A file's result is cached on disk by its prose (the text with everything else masked out), the
// settings and dictionaries, and the versions of cspell and its dictionaries: a `check` after an
// edit of code, math or a diagram, not of prose, loads no cspell (its dictionaries take seconds).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createRequire } from 'node:module'
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

type CspellLib = typeof import('cspell-lib')
type Settings = Awaited<ReturnType<CspellLib['readSettings']>>

let settingsPromise: Promise<Settings> | undefined
let cspellPromise: Promise<CspellLib> | undefined

const require = createRequire(import.meta.url)

/** The English dictionaries' cspell settings (packages of their own). */
const DICTIONARIES = ['@cspell/dict-en_us', '@cspell/dict-en-gb-mit']

/**
 * cspell.json plus the two English dictionaries, without cspell's default configuration: that
 * loads some twenty more (software terms, companies, npm, HTML…) and took 0.6 s of every `check`.
 * The session's result was the same with and without them.
 */
async function slideSettings(root: string): Promise<Settings> {
  const { mergeSettings, readSettings } = await (cspellPromise ??= import('cspell-lib'))
  const [first, ...rest] = await Promise.all([
    ...DICTIONARIES.map((d) => readSettings(require.resolve(`${d}/cspell-ext.json`))),
    readSettings(resolve(root, 'cspell.json')),
  ])
  return mergeSettings(first!, ...rest, { loadDefaultConfiguration: false })
}

/** One unknown word: where it starts in the file, and cspell's first suggestion. */
interface Issue {
  offset: number
  text: string
  suggestion?: string
}

/** The version in the package.json above a resolved module file. */
function versionAbove(file: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name && pkg.version) return `${pkg.name}@${pkg.version}`
    } catch {
      // no package.json here: one folder up
    }
  }
  return file
}

/**
 * What every file's result depends on besides its prose: cspell's and the dictionaries' versions,
 * cspell.json and the files of the dictionaries it defines, and how prose is masked.
 */
function settingsFingerprint(root: string): string {
  const hash = createHash('sha256')
  hash.update(versionAbove(fileURLToPath(import.meta.resolve('cspell-lib'))))
  for (const d of DICTIONARIES) hash.update(versionAbove(require.resolve(`${d}/cspell-ext.json`)))
  hash.update(RE_NOT_PROSE.map(String).join('\n'))
  const config = resolve(root, 'cspell.json')
  const text = readFileSync(config, 'utf8')
  hash.update(text)
  const { dictionaryDefinitions = [] } = JSON.parse(text) as {
    dictionaryDefinitions?: { path?: string }[]
  }
  for (const { path } of dictionaryDefinitions) {
    if (!path) continue
    try {
      hash.update(readFileSync(resolve(dirname(config), path)))
    } catch {
      hash.update(`missing ${path}`)
    }
  }
  return hash.digest('hex')
}

/** Where results are cached (`node_modules/.cache/deck-spelling/` in the CLI). */
export const spellingCacheDir = (root: string): string =>
  resolve(root, 'node_modules/.cache/deck-spelling')

/**
 * The prose of masked text with each blank run as one character (a newline if it holds one), and
 * where each of its characters is in the masked text: a longer diagram or formula makes a longer
 * blank, not other prose.
 */
function proseOf(masked: string): { prose: string; at: number[] } {
  const at: number[] = []
  let prose = ''
  for (const m of masked.matchAll(/\s+|\S+/g)) {
    const run = m[0]
    if (/\S/.test(run)) {
      prose += run
      for (let i = 0; i < run.length; i++) at.push(m.index + i)
    } else {
      prose += run.includes('\n') ? '\n' : ' '
      at.push(m.index)
    }
  }
  return { prose, at }
}

/** How a file is checked: its prose, and its cache file's key (when caching). */
function plan(file: SourceFile, root: string, fingerprint: string | undefined) {
  const text = maskNonProse(file.text)
  const { prose, at } = proseOf(text)
  const key =
    fingerprint &&
    createHash('sha256')
      .update(`${fingerprint}\0${relative(root, file.absPath || resolve(root, file.path))}\0`)
      .update(prose)
      .digest('hex')
      .slice(0, 32)
  return { text, at, key }
}

function readCached(dir: string, key: string): Issue[] | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as Issue[]
  } catch {
    return undefined
  }
}

function writeCached(dir: string, key: string, issues: Issue[]): void {
  try {
    mkdirSync(dir, { recursive: true })
    const path = join(dir, `${key}.json`)
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(issues))
    renameSync(`${path}.${process.pid}.tmp`, path)
  } catch {
    // A read-only tree still checks; it checks again next time.
  }
}

/** Options of {@link checkSpelling}. */
export interface SpellingOptions {
  /** A folder of cached results to read and add to (none: every file is checked by cspell). */
  cacheDir?: string
}

/**
 * Whether checking `files` needs cspell (some file's result is not in `cacheDir`): the CLI then
 * loads cspell's dictionaries early, beside the compile.
 */
export function spellingNeedsCspell(
  files: SourceFile[],
  root: string,
  { cacheDir }: SpellingOptions = {},
): boolean {
  if (!cacheDir) return true
  const fingerprint = settingsFingerprint(root)
  return files.some((f) => readCached(cacheDir, plan(f, root, fingerprint).key!) === undefined)
}

/** Loads cspell and its dictionaries (one word checked), for a check to come. */
export async function warmSpelling(root: string): Promise<void> {
  await checkSpelling([{ absPath: resolve(root, 'warm.md'), path: 'warm.md', text: 'warm' }], root)
}

/** Checks every file; each unknown word is a `spelling` warning with a suggestion. */
export async function checkSpelling(
  files: SourceFile[],
  root: string,
  { cacheDir }: SpellingOptions = {},
): Promise<Diagnostic[]> {
  const fingerprint = cacheDir ? settingsFingerprint(root) : undefined
  const out: Diagnostic[] = []
  for (const file of files) {
    const { text, at, key } = plan(file, root, fingerprint)
    // Cached offsets are into the prose (see proseOf); at[i] is prose offset i in this file.
    const cached = cacheDir && key ? readCached(cacheDir, key) : undefined
    let issues = cached?.map((i) => ({ ...i, offset: at[i.offset] ?? 0 }))
    if (!issues) {
      issues = await cspellIssues(file, text, root)
      if (cacheDir && key) {
        const proseAt = new Map(at.map((offset, i) => [offset, i]))
        const portable = issues.map((i) => ({ ...i, offset: proseAt.get(i.offset) ?? -1 }))
        if (portable.every((i) => i.offset >= 0)) writeCached(cacheDir, key, portable)
      }
    }
    for (const issue of issues)
      out.push(
        diagnosticAt(
          { file: file.path, text: file.text },
          issue.offset,
          {
            severity: 'warning',
            code: 'spelling',
            message: `unknown word \`${issue.text}\`${issue.suggestion ? `; did you mean \`${issue.suggestion}\`?` : ''}`,
            hint: 'fix the spelling, or add the word to slides/_shared/dictionary.txt',
          },
          issue.text.length,
        ),
      )
  }
  return out
}

/** cspell's unknown words in a file's prose (`text`, offsets as in the file). */
async function cspellIssues(file: SourceFile, text: string, root: string): Promise<Issue[]> {
  // cspell.json at the root: English plus slides/_shared/dictionary.txt (editors read it too).
  settingsPromise ??= slideSettings(root)
  const settings = await settingsPromise
  const { spellCheckDocument } = await (cspellPromise ??= import('cspell-lib'))
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
  return result.issues.map((issue) => ({
    offset: issue.offset,
    text: issue.text,
    ...(issue.suggestions?.[0] ? { suggestion: issue.suggestions[0] } : {}),
  }))
}
