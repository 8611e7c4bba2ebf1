// Citations, deck-wide: resolves every `[@key]` / `@key` (parsed by markdown/citations.ts) against
// references.bib in the session folder and slides/_shared/, formats them with citation-js (APA
// author-date, or the deck's `csl:` style), and fills the `::: references` slide with the works
// cited, linked by DOI or arXiv URL. Runs after ids, over every slide (like the link check).
//
// The .bib files and the style are deck input: read through the file-access policy, never quoted
// in an error, and their keys are data. citation-js receives each work under an id of ours
// (`deck-ref-<n>`), never a key the deck chose: a key such as `__proto__` or `constructor` is a key
// like any other, not a property of the processor's registries.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { escapeHtml } from '../shared/html.ts'
import {
  deckRoots,
  isPrototypeKey,
  readDeckFile,
  readHtml,
  type Refusal,
  type Roots,
} from '../untrusted/index.ts'
import { diagnosticAtLine, type Diagnostic } from './diagnostics.ts'
import { closest } from './frontmatter.ts'
import {
  RE_CITE_PLACEHOLDER,
  REFERENCES_MARKER,
  type CiteItem,
  type CitationUse,
} from './markdown/citations.ts'
import type { RenderedSlide } from './render.ts'

const require = createRequire(import.meta.url)

/** A CSL-JSON item, as citation-js reads BibTeX into. */
interface CslItem {
  id: string
  DOI?: string
  URL?: string
  [field: string]: unknown
}

interface CiteInstance {
  data: CslItem[]
  format(kind: 'citation' | 'bibliography', options: Record<string, unknown>): string
}
interface CitationJs {
  Cite: new (data: unknown) => CiteInstance
  plugins: {
    config: { get(name: '@csl'): { styles: { add(name: string, xml: string): void } } }
  }
}

/** The versions of citation-js (part of the cache key: a new version formats again). */
const CITATION_JS = [
  '@citation-js/core',
  '@citation-js/plugin-bibtex',
  '@citation-js/plugin-csl',
].map((name) => {
  try {
    const main = require.resolve(name)
    let dir = dirname(main)
    while (!dir.endsWith(name.split('/')[1]!) && dirname(dir) !== dir) dir = dirname(dir)
    return `${name}@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version}`
  } catch {
    return name
  }
})

let citationJs: CitationJs | undefined
/** citation-js, loaded the first time a deck cites something (decks without citations never do). */
function cjs(): CitationJs {
  if (citationJs) return citationJs
  const core = require('@citation-js/core') as CitationJs
  require('@citation-js/plugin-bibtex')
  require('@citation-js/plugin-csl')
  citationJs = core
  return core
}

/** The bibliography files of a deck, most specific first. */
export function bibliographyFiles(deckDir: string): string[] {
  return [resolve(deckDir, 'references.bib'), resolve(deckDir, '..', '_shared', 'references.bib')]
}

const RE_BIB_ENTRY = /@\w+\s*\{\s*([^,\s]+)\s*,([^]*?)(?=\n\s*@|$)/g

/** arXiv's BibTeX has `eprint` + `archivePrefix = {arXiv}`, which CSL drops: keep them as a URL. */
function arxivIds(text: string): Map<string, string> {
  const ids = new Map<string, string>()
  for (const m of text.matchAll(RE_BIB_ENTRY)) {
    const body = m[2]!
    const eprint = /\beprint\s*=\s*[{"]\s*([^}"\s]+)/i.exec(body)?.[1]
    const isArxiv =
      /\barchivePrefix\s*=\s*[{"]\s*arxiv/i.test(body) ||
      /^\d{4}\.\d{4,5}(v\d+)?$/.test(eprint ?? '')
    if (eprint && isArxiv) ids.set(m[1]!, eprint)
  }
  return ids
}

/** A bibliography file as read: its path (display, relative to the root) and its text. */
interface BibFile {
  path: string
  text: string
}

/** The most bytes of a .bib file or a .csl style. */
const MAX_BIBLIOGRAPHY_BYTES = 4 * 1024 * 1024

/**
 * The deck's .bib files that exist, most specific first, read through the file-access policy; a
 * file the policy refuses (a link out of the deck's folders, a FIFO, …) is a refusal, never read.
 */
function readBibFiles(
  deckDir: string,
  root: string,
  roots: Roots,
): { files: BibFile[]; refused: { ref: string; refusal: Refusal }[] } {
  const files: BibFile[] = []
  const refused: { ref: string; refusal: Refusal }[] = []
  for (const abs of bibliographyFiles(deckDir)) {
    const ref = relative(deckDir, abs)
    const read = readDeckFile(ref, deckDir, roots, { maxBytes: MAX_BIBLIOGRAPHY_BYTES })
    if (!('code' in read))
      files.push({ path: relative(root, abs), text: read.bytes.toString('utf8') })
    else if (read.code !== 'missing-file') refused.push({ ref, refusal: read })
  }
  return { files, refused }
}

/** Where citation-js's BibTeX parser stopped (`… at line 3 col 7:`), 0-based, if it says. */
function bibErrorPlace(message: string): { line: number; column: number } {
  const m = / at line (\d+) col (\d+)/.exec(message)
  return m ? { line: Number(m[1]) - 1, column: Number(m[2]) - 1 } : { line: 0, column: 0 }
}

/**
 * What a BibTeX error says without quoting the file: the grammar's expectation when it names one
 * (`expected "rbrace"`), never the text citation-js shows around it.
 */
function bibErrorText(message: string): string {
  if (/not supported or recognized/i.test(message))
    return 'not a BibTeX file (no `@type{key, field = {…}}` entry)'
  const expected = /^expected "([a-z]+)"/i.exec(message)?.[1]
  return expected ? `BibTeX syntax error (expected "${expected}")` : 'BibTeX syntax error'
}

/** A value of citation-js's CSL-JSON, rebuilt without prototype-named keys (own data only). */
function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) if (!isPrototypeKey(k)) out[k] = plainValue(v)
  return out
}

/** Parses the .bib files (the session's entries win over the shared ones); errors per file. */
function parseBibliography(files: BibFile[]): {
  entries: Map<string, CslItem>
  errors: { path: string; message: string; line: number; column: number }[]
} {
  const entries = new Map<string, CslItem>()
  const errors: { path: string; message: string; line: number; column: number }[] = []
  for (const file of files) {
    let items: CslItem[] = []
    try {
      items = new (cjs().Cite)(file.text).data.map((d) => ({
        ...(plainValue(d) as CslItem),
        id: String(d.id),
      }))
    } catch (err) {
      const raw = err instanceof Error ? err.message : String(err)
      errors.push({ path: file.path, message: bibErrorText(raw), ...bibErrorPlace(raw) })
    }
    const arxiv = arxivIds(file.text)
    for (const item of items) {
      const id = arxiv.get(item.id)
      if (id && !item.DOI && !item.URL) item.URL = `https://arxiv.org/abs/${id}`
      if (!entries.has(item.id)) entries.set(item.id, item)
    }
  }
  return { entries, errors }
}

/** pandoc's locator labels, as CSL locator labels; anything else is kept as a suffix. */
const LABELS: [RegExp, string][] = [
  [/^(?:p|pp|page|pages)\.?\s*/i, 'page'],
  [/^(?:chap|chaps|ch|chapter|chapters)\.?\s*/i, 'chapter'],
  [/^(?:sec|secs|section|sections|§§?)\.?\s*/i, 'section'],
  [/^(?:fig|figs|figure|figures)\.?\s*/i, 'figure'],
  [/^(?:para|paragraph|paragraphs|¶¶?)\.?\s*/i, 'paragraph'],
  [/^(?:l|ll|line|lines)\.\s*/i, 'line'],
  [/^(?:n|nn|note|notes)\.\s*/i, 'note'],
  [/^(?:vol|vols|volume|volumes)\.?\s*/i, 'volume'],
]

/** One work of a citation as citation-js takes it, under the processor id of its key. */
function citeItem(item: CiteItem, idOf: (key: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: idOf(item.key) }
  if (item.prefix) out.prefix = `${item.prefix} `
  if (item.suppressAuthor) out['suppress-author'] = true
  if (item.locator) {
    const label = LABELS.find(([re]) => re.test(item.locator!))
    const rest = label ? item.locator.replace(label[0], '') : ''
    if (label && /^[\dIVXLCivxlc]/.test(rest)) {
      out.label = label[1]
      out.locator = rest
    } else out.suffix = `, ${item.locator}`
  }
  return out
}

/** BibTeX's `and others` as "et al." (citation-js reads it as an author named "others"). */
const etAl = (html: string): string =>
  html.replace(/(,)? (?:&#38;|&amp;|&) others(?:\.(?=\s))?/g, (_m, comma?: string) =>
    comma ? ', et al.' : ' et al.',
  )

/**
 * Links the DOIs and URLs a formatted reference prints; DOIs and arXiv pages read short
 * (`doi:10.…`, `arXiv:2504.13837`) so a slide holds the list.
 */
const linkUrls = (html: string): string =>
  html.replace(/https?:\/\/[^\s<>"]+[^\s<>".,;)]/g, (url) => {
    const text = url
      .replace(/^https?:\/\/(?:dx\.)?doi\.org\//, 'doi:')
      .replace(/^https?:\/\/arxiv\.org\/abs\//, 'arXiv:')
    return `<a href="${url}">${text}</a>`
  })

/** The references slide's list marker, and its slide. */
function referencesSlides(html: string[]): number[] {
  return html.flatMap((h, i) => (h.includes(REFERENCES_MARKER) ? [i] : []))
}

/** Where a front-matter key is written in the deck's first file (0-based line), for a diagnostic. */
function keyLine(slide: RenderedSlide | undefined, key: string): number {
  const lines = slide?.source.file.text.split('\n') ?? []
  return Math.max(
    0,
    lines.findIndex((l) => l.startsWith(`${key}:`)),
  )
}

/** What formatting a deck's citations gives: cached on disk, so a warm build loads no citation-js. */
interface Formatted {
  /** The keys the .bib files define. */
  keys: string[]
  /** .bib files citation-js cannot read: where it stopped, and what it expected. */
  bibErrors: { path: string; message: string; line: number; column: number }[]
  /** Each citation's text, in order; null when it names an unknown key. */
  texts: (string | null)[]
  /** The references list of the works cited (first citation first; the style sorts). */
  bibliography: string
}

/** Cached formatting results: `node_modules/.cache/deck-citations/<sha>.json`. */
function cached(root: string, input: unknown, compute: () => Formatted): Formatted {
  const key = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32)
  const dir = resolve(root, 'node_modules/.cache/deck-citations')
  const path = join(dir, `${key}.json`)
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Formatted
  } catch {
    // not cached yet
  }
  const result = compute()
  try {
    mkdirSync(dir, { recursive: true })
    writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(result))
    renameSync(`${path}.${process.pid}.tmp`, path)
  } catch {
    // A read-only tree still builds; it formats again next time.
  }
  return result
}

/** The processor's id of the `n`th work of the bibliography (never a key the deck chose). */
const processorId = (n: number): string => `deck-ref-${n}`

/** Formats the citations with citation-js (the slow part: its first citation builds the style). */
function format(
  files: BibFile[],
  style: { name: string; xml?: string },
  uses: CitationUse[],
): Formatted {
  const { entries, errors } = parseBibliography(files)
  if (style.xml) cjs().plugins.config.get('@csl').styles.add(style.name, style.xml)
  // Keys to the processor's ids and back: a Map, so no key is ever a property name.
  const ids = new Map<string, string>()
  const keysOf = new Map<string, string>()
  for (const key of entries.keys()) {
    const id = processorId(ids.size)
    ids.set(key, id)
    keysOf.set(id, key)
  }
  const idOf = (key: string): string => ids.get(key)!
  const items = (keys: string[]): CslItem[] =>
    keys.map((k) => ({ ...entries.get(k)!, id: idOf(k), 'citation-key': k }))
  const registry = entries.size > 0 ? new (cjs().Cite)(items([...entries.keys()])) : undefined
  const memo = new Map<string, string>()
  const cited: string[] = []
  const texts = uses.map((use) => {
    const known = use.items.every((i) => entries.has(i.key))
    for (const i of use.items) if (entries.has(i.key) && !cited.includes(i.key)) cited.push(i.key)
    return known && registry ? formatUse(registry, use, style.name, memo, idOf) : null
  })
  const bibliography =
    cited.length > 0
      ? linkUrls(
          etAl(
            new (cjs().Cite)(items(cited)).format('bibliography', {
              template: style.name,
              format: 'html',
              lang: 'en-US',
            }),
          ),
        ).replace(
          /(data-csl-entry-id=")(deck-ref-\d+)(")/g,
          (_m, a: string, id: string, b: string) => `${a}${escapeHtml(keysOf.get(id) ?? '')}${b}`,
        )
      : ''
  return { keys: [...entries.keys()], bibErrors: errors, texts, bibliography }
}

/** Whether `xml` is a CSL style: an XML document whose root element is `<style>`. */
function isCslStyle(xml: string): boolean {
  let root: string | undefined
  readHtml(xml, { startTag: (tag) => void (root ??= tag.name) }, 'svg')
  return root === 'style'
}

/** Where a deck's citations are resolved: its folder, the project root, its `csl:` style. */
export interface BibliographyDeck {
  dir: string
  root: string
  csl?: string
  roots?: Roots
}

/** The deck's bibliography as read: its .bib files, those refused, and its `csl:` style's read. */
export interface Bibliography {
  files: BibFile[]
  refused: { ref: string; refusal: Refusal }[]
  csl?: ReturnType<typeof readDeckFile>
}

/**
 * Reads the bibliography files of a deck that cites works or has a references slide (a deck that
 * does neither reads none), through the file-access policy: nothing is reported here.
 */
export function loadBibliography(
  slides: readonly RenderedSlide[],
  deck: BibliographyDeck,
): Bibliography | undefined {
  const cites = slides.some((s) => (s.citations ?? []).length > 0)
  if (!cites && referencesSlides(slides.map((s) => s.html)).length === 0) return undefined
  const roots = deck.roots ?? deckRoots(deck.root, deck.dir, resolve(deck.root, 'assets'))
  const { files, refused } = readBibFiles(deck.dir, deck.root, roots)
  const csl = deck.csl
    ? readDeckFile(deck.csl, deck.dir, roots, { maxBytes: MAX_BIBLIOGRAPHY_BYTES })
    : undefined
  return { files, refused, csl }
}

/**
 * Formats every citation of the deck and fills its references slide; returns each slide's HTML.
 * Unknown keys are errors at the key; citing without a `::: references` slide is a warning.
 * `loaded` is the deck's bibliography as read (read here when not given).
 */
export function resolveCitations(
  slides: RenderedSlide[],
  deck: BibliographyDeck,
  diagnostics: Diagnostic[],
  loaded: Bibliography | undefined = loadBibliography(slides, deck),
): string[] {
  const html = slides.map((s) => s.html)
  const uses = slides.flatMap((s, i) => (s.citations ?? []).map((use, n) => ({ use, slide: i, n })))
  const refSlides = referencesSlides(html)
  if (!loaded || (uses.length === 0 && refSlides.length === 0)) return html

  // A refusal about the deck's files is reported where the deck uses them (its first citation,
  // else its references slide): never at the refused file, whose text nothing may show.
  const firstUse = uses[0]?.use.items[0]
  const useAt = (spec: { code: string; message: string; hint?: string }): Diagnostic =>
    firstUse
      ? diagnosticAtLine(uses[0]!.use.file, firstUse.line - 1, firstUse.column, spec)
      : diagnosticAtLine(
          slides[refSlides[0]!]!.source.file.path,
          slides[refSlides[0]!]!.source.startLine,
          0,
          spec,
        )
  const { files, refused } = loaded
  for (const { ref, refusal } of refused)
    diagnostics.push(
      useAt({
        code: refusal.code,
        message: `the bibliography ${refusal.message}`,
        hint: `${ref} must be a file of the deck's folders`,
      }),
    )
  const where = files.map((f) => f.path).join(' or ')
  let style: { name: string; xml?: string } = { name: 'apa' }
  const cslAt = (spec: { code: string; message: string; hint?: string }): Diagnostic =>
    diagnosticAtLine(slides[0]?.source.file.path ?? deck.dir, keyLine(slides[0], 'csl'), 0, spec)
  if (deck.csl) {
    const read = loaded.csl ?? { code: 'missing-file', message: 'not read' }
    const xml = 'code' in read ? undefined : read.bytes.toString('utf8')
    if ('code' in read && read.code === 'missing-file')
      diagnostics.push(
        cslAt({
          code: 'csl-missing',
          message: `the citation style \`${deck.csl}\` is not a file in the session folder`,
          hint: 'put the .csl file next to the slides (styles: https://github.com/citation-style-language/styles)',
        }),
      )
    else if ('code' in read)
      diagnostics.push(cslAt({ code: read.code, message: `the citation style ${read.message}` }))
    else if (!isCslStyle(xml!))
      diagnostics.push(
        cslAt({
          code: 'csl-invalid',
          message: `the citation style \`${deck.csl}\` is not a CSL style (an XML file whose root element is <style>)`,
          hint: 'download the style from https://github.com/citation-style-language/styles',
        }),
      )
    else style = { name: `deck-${createHash('sha1').update(xml!).digest('hex').slice(0, 12)}`, xml }
  }
  const written = uses.map(({ use }) => ({
    mode: use.mode,
    file: '',
    items: use.items.map((i) => ({ ...i, line: 0, column: 0 })),
  }))
  let result: Formatted
  try {
    result = cached(deck.root, [CITATION_JS, files, style, written], () =>
      format(files, style, written),
    )
  } catch {
    // citation-js's message may quote the style or the .bib: it is never shown.
    diagnostics.push(
      style.xml
        ? cslAt({
            code: 'csl-invalid',
            message: `the citation style \`${deck.csl}\` cannot format these citations`,
            hint: 'download the style from https://github.com/citation-style-language/styles',
          })
        : useAt({
            code: 'citation-format',
            message: 'citation-js cannot format these citations',
            hint: `check the entries of ${where || 'references.bib'}`,
          }),
    )
    return html.map((h) => h.replace(/ data-deck-cite="\d+"/g, ''))
  }

  for (const e of result.bibErrors)
    diagnostics.push(
      diagnosticAtLine(e.path, e.line, e.column, {
        code: 'bib-syntax',
        message: `citation-js cannot read this BibTeX file: ${e.message}`,
        hint: 'check the braces and commas of each @entry{key, field = {…}, …}',
      }),
    )
  const keys = new Set(result.keys)
  uses.forEach(({ use, slide, n }, u) => {
    for (const item of use.items) {
      if (keys.has(item.key)) continue
      const guess = closest(item.key, result.keys)
      diagnostics.push(
        diagnosticAtLine(use.file, item.line - 1, item.column, {
          code: 'citation-unknown',
          message: `unknown citation key \`@${item.key}\`${where ? ` (not in ${where})` : ''}`,
          hint: guess
            ? `did you mean \`@${guess}\`?`
            : where
              ? `add an entry \`@article{${item.key}, …}\` to ${files[0]!.path}`
              : `create ${relative(deck.root, bibliographyFiles(deck.dir)[0]!)} with the works the deck cites`,
        }),
      )
    }
    const text = result.texts[u]
    if (text === null || text === undefined) return
    html[slide] = html[slide]!.replace(RE_CITE_PLACEHOLDER, (m, i: string) =>
      Number(i) === n ? `<span class="deck-cite">${text}</span>` : m,
    )
  })
  // Unresolved placeholders keep their source text, without the placeholder's marker.
  for (let i = 0; i < html.length; i++) html[i] = html[i]!.replace(/ data-deck-cite="\d+"/g, '')

  const first = uses[0]?.use.items[0]
  if (first && refSlides.length === 0)
    diagnostics.push(
      diagnosticAtLine(uses[0]!.use.file, first.line - 1, first.column, {
        severity: 'warning',
        code: 'references-missing',
        message: 'the deck cites works but has no references slide',
        hint: 'add a slide with `::: references` and `:::`: it lists every work cited',
      }),
    )
  for (const i of refSlides) {
    if (result.bibliography === '')
      diagnostics.push(
        diagnosticAtLine(slides[i]!.source.file.path, slides[i]!.source.startLine, 0, {
          severity: 'warning',
          code: 'references-empty',
          message: 'the references slide lists nothing: the deck cites no work',
          hint: 'cite works with `[@key]` or `@key` (keys from references.bib)',
        }),
      )
    html[i] = html[i]!.replace(REFERENCES_MARKER, result.bibliography)
  }
  return html
}

/** One citation's text: `(A, 2020; B, 2021, p. 3)`, or `A (2020)` for a bare `@key`. */
function formatUse(
  registry: CiteInstance,
  use: CitationUse,
  template: string,
  memo: Map<string, string>,
  idOf: (key: string) => string,
): string {
  const citeItem_ = (item: CiteItem): Record<string, unknown> => citeItem(item, idOf)
  const key = JSON.stringify([template, use.mode, use.items.map(citeItem_)])
  const hit = memo.get(key)
  if (hit !== undefined) return hit
  const format = (entry: Record<string, unknown>[]): string =>
    etAl(registry.format('citation', { template, format: 'html', lang: 'en-US', entry })).trim()
  let text: string
  if (use.mode === 'narrative') {
    const item = citeItem_(use.items[0]!)
    const author = format([{ ...item, 'author-only': true }])
    const year = format([{ ...item, 'suppress-author': true }])
    text = `${author} ${year}`
  } else text = format(use.items.map(citeItem_))
  memo.set(key, text)
  return text
}
