// Citations, deck-wide: resolves every `[@key]` / `@key` (parsed by markdown/citations.ts) against
// references.bib in the session folder and slides/_shared/, formats them with citation-js (APA
// author-date, or the deck's `csl:` style), and fills the `::: references` slide with the works
// cited, linked by DOI or arXiv URL. Runs after ids, over every slide (like the link check).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
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

/** The deck's .bib files that exist, most specific first. */
function readBibFiles(deckDir: string, root: string): BibFile[] {
  return bibliographyFiles(deckDir).flatMap((abs) => {
    const stat = statSync(abs, { throwIfNoEntry: false })
    return stat?.isFile() ? [{ path: relative(root, abs), text: readFileSync(abs, 'utf8') }] : []
  })
}

/** Parses the .bib files (the session's entries win over the shared ones); errors per file. */
function parseBibliography(files: BibFile[]): {
  entries: Map<string, CslItem>
  errors: { path: string; message: string }[]
} {
  const entries = new Map<string, CslItem>()
  const errors: { path: string; message: string }[] = []
  for (const file of files) {
    let items: CslItem[] = []
    try {
      items = new (cjs().Cite)(file.text).data.map((d) => ({ ...d }))
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!
      errors.push({ path: file.path, message })
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

function citeItem(item: CiteItem): Record<string, unknown> {
  const out: Record<string, unknown> = { id: item.key }
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
  /** .bib files citation-js cannot read. */
  bibErrors: { path: string; message: string }[]
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

/** Formats the citations with citation-js (the slow part: its first citation builds the style). */
function format(
  files: BibFile[],
  style: { name: string; xml?: string },
  uses: CitationUse[],
): Formatted {
  const { entries, errors } = parseBibliography(files)
  if (style.xml) cjs().plugins.config.get('@csl').styles.add(style.name, style.xml)
  const registry = entries.size > 0 ? new (cjs().Cite)([...entries.values()]) : undefined
  const memo = new Map<string, string>()
  const cited: string[] = []
  const texts = uses.map((use) => {
    const known = use.items.every((i) => entries.has(i.key))
    for (const i of use.items) if (entries.has(i.key) && !cited.includes(i.key)) cited.push(i.key)
    return known && registry ? formatUse(registry, use, style.name, memo) : null
  })
  const bibliography =
    cited.length > 0
      ? linkUrls(
          etAl(
            new (cjs().Cite)(cited.map((k) => entries.get(k)!)).format('bibliography', {
              template: style.name,
              format: 'html',
              lang: 'en-US',
            }),
          ),
        )
      : ''
  return { keys: [...entries.keys()], bibErrors: errors, texts, bibliography }
}

/**
 * Formats every citation of the deck and fills its references slide; returns each slide's HTML.
 * Unknown keys are errors at the key; citing without a `::: references` slide is a warning.
 */
export function resolveCitations(
  slides: RenderedSlide[],
  deck: { dir: string; root: string; csl?: string },
  diagnostics: Diagnostic[],
): string[] {
  const html = slides.map((s) => s.html)
  const uses = slides.flatMap((s, i) => (s.citations ?? []).map((use, n) => ({ use, slide: i, n })))
  const refSlides = referencesSlides(html)
  if (uses.length === 0 && refSlides.length === 0) return html

  const files = readBibFiles(deck.dir, deck.root)
  const where = files.map((f) => f.path).join(' or ')
  let style: { name: string; xml?: string } = { name: 'apa' }
  if (deck.csl) {
    try {
      const xml = readFileSync(resolve(deck.dir, deck.csl), 'utf8')
      style = { name: `deck-${createHash('sha1').update(xml).digest('hex').slice(0, 12)}`, xml }
    } catch {
      diagnostics.push(
        diagnosticAtLine(slides[0]?.source.file.path ?? deck.dir, keyLine(slides[0], 'csl'), 0, {
          code: 'csl-missing',
          message: `the citation style \`${deck.csl}\` is not a file in the session folder`,
          hint: 'put the .csl file next to the slides (styles: https://github.com/citation-style-language/styles)',
        }),
      )
    }
  }
  const written = uses.map(({ use }) => ({
    mode: use.mode,
    file: '',
    items: use.items.map((i) => ({ ...i, line: 0, column: 0 })),
  }))
  const result = cached(deck.root, [CITATION_JS, files, style, written], () =>
    format(files, style, written),
  )

  for (const e of result.bibErrors)
    diagnostics.push(
      diagnosticAtLine(e.path, 0, 0, {
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
): string {
  const key = JSON.stringify([template, use.mode, use.items.map(citeItem)])
  const hit = memo.get(key)
  if (hit !== undefined) return hit
  const format = (entry: Record<string, unknown>[]): string =>
    etAl(registry.format('citation', { template, format: 'html', lang: 'en-US', entry })).trim()
  let text: string
  if (use.mode === 'narrative') {
    const item = citeItem(use.items[0]!)
    const author = format([{ ...item, 'author-only': true }])
    const year = format([{ ...item, 'suppress-author': true }])
    text = `${author} ${year}`
  } else text = format(use.items.map(citeItem))
  memo.set(key, text)
  return text
}
