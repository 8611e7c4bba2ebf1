// The site's search index, built at build time from the compiled decks: per slide its heading,
// text and notes as the reader sees them (what the browser would show as text, never markup),
// serialized by MiniSearch into one JSON file beside the home page.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import MiniSearch from 'minisearch'
import type { CompileResult } from '../compiler/index.ts'
import { readHtml } from '../untrusted/index.ts'
import { ROOT } from './paths.ts'
import {
  SEARCH_INDEX_FILE,
  SEARCH_OPTIONS,
  SEARCH_SCRIPT_FILE,
  type SearchDoc,
} from './search-shared.ts'

/** Elements whose content is no text a reader sees: code run by the page, TeX sources, drawings. */
const SKIP = new Set(['script', 'style', 'template', 'svg', 'annotation', 'noscript', 'iframe'])
/** Inline elements: no word break at their edges (`pass@<em>k</em>` is one word). */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'cite',
  'code',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'u',
  'math',
  'mi',
  'mo',
  'mn',
  'msub',
  'msup',
  'msubsup',
  'mrow',
  'mtext',
  'semantics',
])

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** A slide's heading, text and notes, as plain text. */
export interface SlideText {
  title: string
  text: string
  notes: string
}

/** Reads one compiled slide's HTML into the text a reader sees, notes apart. */
export function slideText(html: string): SlideText {
  const out = { title: '', text: '', notes: '' }
  // Per open element: whether it hides its content, opens the notes, or is the slide's heading.
  const stack: { name: string; hidden: boolean; notes: boolean; heading: boolean }[] = []
  let headingDone = false
  const state = () => ({
    hidden: stack.some((e) => e.hidden),
    notes: stack.some((e) => e.notes),
    heading: stack.some((e) => e.heading),
  })
  const add = (s: string): void => {
    const { hidden, notes, heading } = state()
    if (hidden) return
    // The heading is the title only: the text is what the slide says under it.
    if (notes) out.notes += s
    else if (heading) out.title += s
    else out.text += s
  }
  readHtml(html, {
    startTag(tag) {
      const attr = (n: string) => tag.attributes.find(([k]) => k === n)?.[1]
      const classes = (attr('class') ?? '').split(/\s+/)
      const outer = state()
      const heading = !headingDone && !outer.notes && !outer.hidden && /^h[1-3]$/.test(tag.name)
      stack.push({
        name: tag.name,
        hidden:
          SKIP.has(tag.name) || attr('aria-hidden') === 'true' || attr('hidden') !== undefined,
        notes: tag.name === 'aside' && classes.includes('notes'),
        heading,
      })
      if (!INLINE.has(tag.name)) add(' ')
    },
    endTag(name) {
      if (!INLINE.has(name)) add(' ')
      const i = stack.map((e) => e.name).lastIndexOf(name)
      if (i < 0) return
      if (stack.slice(i).some((e) => e.heading)) headingDone = true
      stack.length = i
    },
    text(text) {
      add(text)
    },
  })
  return { title: squash(out.title), text: squash(out.text), notes: squash(out.notes) }
}

/** The documents of every slide of every session. */
export function searchDocs(decks: { slug: string; result: CompileResult }[]): SearchDoc[] {
  return decks.flatMap(({ slug, result }) =>
    result.deck.slides.map((slide) => {
      const { title, text, notes } = slideText(slide.html)
      return {
        id: `${slug}/${slide.id}`,
        session: slug,
        slide: slide.id,
        title: title || result.deck.meta.title,
        sessionTitle: result.deck.meta.title,
        text,
        notes,
      }
    }),
  )
}

/** The serialized index (MiniSearch's JSON) of every slide of every session. */
export function buildSearchIndex(decks: { slug: string; result: CompileResult }[]): string {
  const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS)
  index.addAll(searchDocs(decks))
  return JSON.stringify(index)
}

/**
 * Bundles the home page's search module (search-client.ts with MiniSearch) into one minified
 * same-origin file, `search.js`, in the site folder `dir`.
 */
export async function writeSearchClient(dir: string): Promise<void> {
  // Loaded here, not at start-up: `check` never needs Vite.
  const { build } = await import('vite')
  await build({
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: resolve(ROOT, 'src/site/search-client.ts'),
        output: { format: 'es', entryFileNames: SEARCH_SCRIPT_FILE },
        checks: { bundlerTimings: false },
      },
    },
  })
}

/** Writes the search index of every slide of `decks` and the search module into `dir`. */
export async function writeSearch(
  dir: string,
  decks: { slug: string; result: CompileResult }[],
): Promise<void> {
  writeFileSync(resolve(dir, SEARCH_INDEX_FILE), buildSearchIndex(decks))
  await writeSearchClient(dir)
}
