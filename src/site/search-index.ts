// The site's search index, built at build time from the compiled decks: per slide its heading,
// text and notes as the reader sees them (what the browser would show as text, never markup),
// serialized by MiniSearch into one JSON file beside the home page.
import {
  copyFileSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
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
/** Inline elements: no word break at their edges (`top-<em>k</em>` is one word). */
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

/** The documents of every slide of every session (those a session knows already, as they are). */
export function searchDocs(
  decks: { slug: string; result: CompileResult; search?: SearchDoc[] }[],
): SearchDoc[] {
  return decks.flatMap(
    ({ slug, result, search }) =>
      search ??
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
export function buildSearchIndex(
  decks: { slug: string; result: CompileResult; search?: SearchDoc[] }[],
): string {
  const index = new MiniSearch<SearchDoc>(SEARCH_OPTIONS)
  index.addAll(searchDocs(decks))
  return JSON.stringify(index)
}

/** Where the search module is bundled once, and reused while its sources are unchanged. */
export const SEARCH_CLIENT_DIR = resolve(ROOT, 'build/search-client')

/** The files the bundle is made from: its modules, and the lock file (MiniSearch's version). */
const CLIENT_INPUTS = [
  'src/site/search-client.ts',
  'src/site/search-shared.ts',
  'package-lock.json',
]

/** The inputs' sizes and times, as the bundle's stamp. */
export function clientStamp(): string {
  return JSON.stringify(
    CLIENT_INPUTS.map((file) => {
      const stat = statSync(resolve(ROOT, file))
      return [file, stat.size, stat.mtimeMs]
    }),
  )
}

/**
 * Bundles the home page's search module (search-client.ts with MiniSearch) with Vite into one
 * minified same-origin file, `search.js`, in `dir`.
 */
export async function bundleSearchClient(dir: string): Promise<void> {
  // Loaded here, not at start-up: `check`, and a build with the bundle ready, never need Vite.
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

/**
 * Copies the search module into the site folder `dir`: bundled once into
 * {@link SEARCH_CLIENT_DIR}, again only when one of its inputs changed.
 */
export async function writeSearchClient(dir: string, cache = SEARCH_CLIENT_DIR): Promise<void> {
  const bundle = resolve(cache, SEARCH_SCRIPT_FILE)
  const stampFile = resolve(cache, 'inputs.json')
  const stamp = clientStamp()
  const fresh =
    existsSync(bundle) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp
  if (!fresh) {
    // Built beside the cache and renamed into place: a build running at the same time never
    // reads half a bundle.
    const partial = `${cache}.partial-${process.pid}`
    rmSync(partial, { recursive: true, force: true })
    try {
      await bundleSearchClient(partial)
      writeFileSync(resolve(partial, 'inputs.json'), stamp)
      rmSync(cache, { recursive: true, force: true })
      renameSync(partial, cache)
    } finally {
      rmSync(partial, { recursive: true, force: true })
    }
  }
  copyFileSync(bundle, resolve(dir, SEARCH_SCRIPT_FILE))
}

/** Writes the search index of every slide of `decks` and the search module into `dir`. */
export async function writeSearch(
  dir: string,
  decks: { slug: string; result: CompileResult; search?: SearchDoc[] }[],
): Promise<void> {
  writeFileSync(resolve(dir, SEARCH_INDEX_FILE), buildSearchIndex(decks))
  await writeSearchClient(dir)
}
