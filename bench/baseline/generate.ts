// Bench baseline: the same deck served the way reveal.js documents Markdown decks — its markdown,
// math (KaTeX, self-hosted) and notes plugins parse and typeset in the browser.
//
// The slides come from our own loader and splitter (so both sides have the same slides), includes
// expanded; each slide's Markdown is kept but for the syntax reveal.js spells differently:
// `::: notes` becomes a trailing `Note:` block (data-separator-notes), `{.class}` becomes
// `<!-- .element: class="…" -->`, column fences are dropped (their content stays), `{#id}` is
// dropped, and images are copied next to the page. `$…$` math is left alone: KaTeX's
// auto-render uses the same delimiters. Chart fences stay code blocks.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { DECK_KEYS, FILE_KEYS } from '../../src/compiler/frontmatter.ts'
import { expandIncludes } from '../../src/compiler/include.ts'
import { loadDeckFiles } from '../../src/compiler/load.ts'
import { splitAndParse } from '../../src/compiler/pipeline.ts'
import { deckRoots } from '../../src/untrusted/index.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const REVEAL = resolve(ROOT, 'node_modules/reveal.js/dist')
const KATEX = resolve(ROOT, 'node_modules/katex/dist')

/** reveal.js files the documented setup loads (white theme, as in reveal.js's own index.html). */
const REVEAL_FILES = [
  'reset.css',
  'reveal.css',
  'theme/white.css',
  'reveal.js',
  'plugin/notes.js',
  'plugin/markdown.js',
  'plugin/math.js',
]

export interface Baseline {
  dir: string
  slides: number
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** Our Markdown for one slide -> reveal.js's markdown plugin's. */
export function toRevealMarkdown(body: string, image: (src: string) => string | undefined): string {
  const lines = body.split('\n')
  const kept: string[] = []
  const notes: string[] = []
  let inNotes = false
  let fence: string | undefined
  for (const line of lines) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (open && open[1]!.startsWith(fence)) fence = undefined
      kept.push(line)
      continue
    }
    if (open) {
      fence = open[1]!
      kept.push(line)
      continue
    }
    if (!inNotes && /^:{3,}\s*notes\s*$/.test(line)) {
      inNotes = true
      continue
    }
    if (inNotes && /^:{3,}\s*$/.test(line)) {
      inNotes = false
      continue
    }
    // Column containers (`:::: columns`, `::: column`, their closers): the content stays.
    if (/^:{3,}\s*(columns?)?\s*$/.test(line)) continue
    const converted = line
      .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (all, alt: string, src: string) => {
        const url = image(src)
        return url ? `![${alt}](${url})` : all
      })
      .replace(/\s*\{([^{}]*)\}\s*$/, (all, inner: string) => {
        const parts = inner.trim().split(/\s+/)
        if (!parts.every((p) => /^[.#][\w-]+$/.test(p))) return all
        const classes = parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1))
        return classes.length ? ` <!-- .element: class="${classes.join(' ')}" -->` : ''
      })
    ;(inNotes ? notes : kept).push(converted)
  }
  const text = kept.join('\n').trim()
  return notes.length ? `${text}\n\nNote:\n${notes.join('\n').trim()}` : text
}

/**
 * The deck's slides as Markdown for another tool, in order, includes expanded: `convert` rewrites
 * one slide's body; `image` (given to it) copies an image into `outDir/img/` and returns its URL.
 */
export function deckMarkdown(
  deckDir: string,
  outDir: string,
  convert: (body: string, image: (src: string) => string | undefined) => string,
): { title: string; slides: string[] } {
  mkdirSync(resolve(outDir, 'img'), { recursive: true })
  const { files } = loadDeckFiles(deckDir)
  const assets = resolve(ROOT, 'assets')
  let title = 'Slides'
  const slides: string[] = []
  const images = new Map<string, string>()
  files.forEach((file, index) => {
    const split = splitAndParse(file, index === 0 ? DECK_KEYS : FILE_KEYS, [])
    if (index === 0) title = split.data?.title ?? title
    const expanded = expandIncludes(split.slides, undefined, {
      diagnostics: [],
      files: [],
      stack: [],
      read: (f, d) => splitAndParse(f, FILE_KEYS, d),
      roots: deckRoots(ROOT, deckDir, assets),
      budget: { slides: 0, chars: 0 },
    })
    for (const { source } of expanded) {
      const image = (src: string): string | undefined => {
        const found = [resolve(dirname(source.file.absPath), src), resolve(assets, src)].find(
          (p) => existsSync(p) && statSync(p).isFile(),
        )
        if (!found) return undefined
        if (!images.has(found)) {
          const name = `${images.size}-${basename(found)}`
          copyFileSync(found, resolve(outDir, 'img', name))
          images.set(found, `img/${name}`)
        }
        return images.get(found)
      }
      slides.push(convert(source.body, image))
    }
  })

  return { title, slides }
}

/** Writes the baseline page for the deck in `deckDir` into `outDir` (emptied first). */
export function generateBaseline(deckDir: string, outDir: string): Baseline {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(resolve(outDir, 'img'), { recursive: true })
  for (const file of REVEAL_FILES) {
    mkdirSync(dirname(resolve(outDir, 'reveal', file)), { recursive: true })
    copyFileSync(resolve(REVEAL, file), resolve(outDir, 'reveal', file))
  }
  // reveal.js's math plugin loads `${katex.local}/dist/katex.min.js` (and its CSS, auto-render).
  cpSync(KATEX, resolve(outDir, 'katex/dist'), { recursive: true })

  const { title, slides } = deckMarkdown(deckDir, outDir, toRevealMarkdown)

  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>${escapeText(title)}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="reveal/reset.css" />
    <link rel="stylesheet" href="reveal/reveal.css" />
    <link rel="stylesheet" href="reveal/theme/white.css" />
  </head>
  <body>
    <div class="reveal">
      <div class="slides">
        <section
          data-markdown
          data-separator="^\\n---\\n$"
          data-separator-vertical="^\\n--\\n$"
          data-separator-notes="^Note:"
        >
          <textarea data-template>
${escapeText(slides.join('\n\n---\n\n'))}
          </textarea>
        </section>
      </div>
    </div>
    <script src="reveal/reveal.js"></script>
    <script src="reveal/plugin/notes.js"></script>
    <script src="reveal/plugin/markdown.js"></script>
    <script src="reveal/plugin/math.js"></script>
    <script>
      Reveal.initialize({
        hash: true,
        width: 1280,
        height: 720,
        katex: { local: './katex' },
        plugins: [RevealMarkdown, RevealMath.KaTeX, RevealNotes],
      })
    </script>
  </body>
</html>
`
  writeFileSync(resolve(outDir, 'index.html'), html)
  return { dir: outDir, slides: slides.length }
}
