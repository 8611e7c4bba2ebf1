// The compiler's stages, in order, in one table: what a deck folder goes through (load), what each
// of its files goes through (split … render), and what the whole deck goes through (ids, links).
// The full compile, the incremental compile and includes all run these tables; cache.ts only
// decides which files need their file stages run again.
import { basename, dirname, resolve } from 'node:path'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { externalFingerprint, type FileCache, type FilePart } from './cache.ts'
import { diagnosticAtLine, sortDiagnostics, type Diagnostic } from './diagnostics.ts'
import { DECK_KEYS, FILE_KEYS, parseFrontMatter } from './frontmatter.ts'
import { checkOutputBudgets } from './budgets.ts'
import { resolveCitations } from './citations.ts'
import { checkPlaceholders } from './placeholders.ts'
import { assignIds } from './ids.ts'
import { expandIncludes, type ExpandedSlide } from './include.ts'
import type { CompiledSlide, CompileOptions, CompileResult } from './index.ts'
import { checkSlideLinks } from './links.ts'
import { loadDeckFiles } from './load.ts'
import { deckRoots } from '../untrusted/index.ts'
import type { RenderContext, RenderedSlide } from './render.ts'
import type { SourceFile } from './source.ts'
import { splitFile, type SlideSource } from './split.ts'

/** What the file stages read and write for one file. */
export interface FileState {
  file: SourceFile
  /** The deck's first file: its front matter is the deck's. */
  first: boolean
  /** The section in force: from earlier files, then this file's front matter. */
  section: string | undefined
  /** The minutes this file's front matter plans for its slides (split evenly among them). */
  minutes?: number
  diagnostics: Diagnostic[]
  /** Renders one slide (tests wrap it to count renders). */
  render: (source: SlideSource, ctx: RenderContext) => RenderedSlide
  /** The deck's render context (markdown-it, paths, the macros the first file's front matter sets). */
  base: Omit<RenderContext, 'diagnostics'>
  /** split */
  slides: SlideSource[]
  /** frontmatter: the first file's metadata */
  frontMatter?: Partial<DeckMeta>
  /** include: slides with includes expanded, and the included files read */
  expanded: ExpandedSlide[]
  included: string[]
  /** render */
  rendered: { slide: RenderedSlide; section?: string }[]
}

/** An ATX heading's text, the first in a slide body (`# Title {#id}` gives `Title`). */
const RE_HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+\{[^}]*\})?[ \t#]*$/m

/** A file's slides after split and front matter: what both a deck file and an included file need. */
export function splitAndParse(
  file: SourceFile,
  keys: readonly string[],
  diagnostics: Diagnostic[],
): {
  slides: SlideSource[]
  data?: ReturnType<typeof parseFrontMatter>['data']
} {
  const split = splitFile(file)
  diagnostics.push(...split.diagnostics)
  if (!split.frontMatter) return { slides: split.slides }
  const fm = parseFrontMatter(split.frontMatter.text, file.path, split.frontMatter.firstLine, keys)
  diagnostics.push(...fm.diagnostics)
  return { slides: split.slides, data: fm.data }
}

type FileStage = (state: FileState) => void

/** Each file, in this order. */
export const FILE_STAGES: readonly (readonly [name: string, run: FileStage])[] = [
  [
    'split + frontmatter',
    (s) => {
      const { slides, data } = splitAndParse(s.file, s.first ? DECK_KEYS : FILE_KEYS, s.diagnostics)
      s.slides = slides
      if (!data) return
      if (s.first) {
        s.frontMatter = data
        Object.assign(s.base.macros, data.macros)
      }
      if (data.section !== undefined) s.section = data.section
      s.minutes = data.minutes
    },
  ],
  [
    'title',
    (s) => {
      const broken = s.diagnostics.some((d) => d.file === s.file.path && d.severity === 'error')
      if (!s.first || s.frontMatter?.title !== undefined || broken) return
      // A folder of plain Markdown builds (as in Marp and reveal-md): the title is the first
      // heading's text, else the folder's name, and a warning says where to set it.
      const heading = s.slides
        .map((slide) => RE_HEADING.exec(slide.body)?.[1])
        .find((t): t is string => t !== undefined)
      const title = heading ?? basename(dirname(s.file.absPath))
      s.frontMatter = { ...s.frontMatter, title }
      s.diagnostics.push(
        diagnosticAtLine(s.file.path, 0, 0, {
          severity: 'warning',
          code: 'missing-title',
          message: `the deck has no \`title\` in its first file's front matter; using ${JSON.stringify(title)}`,
          hint: 'start the first file with ---, title: …, ---',
        }),
      )
    },
  ],
  [
    'include',
    (s) => {
      s.expanded = expandIncludes(s.slides, s.section, {
        diagnostics: s.diagnostics,
        files: s.included,
        stack: [],
        read: (file, diagnostics) => splitAndParse(file, FILE_KEYS, diagnostics),
        roots: s.base.roots,
        budget: { slides: 0, chars: 0 },
      })
    },
  ],
  [
    'render',
    (s) => {
      const ctx: RenderContext = { ...s.base, diagnostics: s.diagnostics }
      s.rendered = s.expanded.map((e) => ({ slide: s.render(e.source, ctx), section: e.section }))
      // The speaker view's pacing reads each slide's share as `data-minutes`.
      const share = s.minutes !== undefined && s.rendered.length ? s.minutes / s.rendered.length : 0
      if (s.minutes !== undefined)
        for (const { slide } of s.rendered)
          slide.attrs = { ...slide.attrs, 'data-minutes': String(Math.round(share * 100) / 100) }
    },
  ],
]

/** Runs the file stages over one file. */
export function runFileStages(
  init: Pick<FileState, 'file' | 'first' | 'section' | 'render' | 'base'>,
): FileState {
  const state: FileState = {
    ...init,
    diagnostics: [],
    slides: [],
    expanded: [],
    included: [],
    rendered: [],
  }
  for (const [, run] of FILE_STAGES) run(state)
  return state
}

/** What the deck stages read and write: every file's slides, in order. */
export interface DeckState {
  slides: RenderedSlide[]
  diagnostics: Diagnostic[]
  ids: string[]
  /** The deck folder, the project root and the deck's metadata (for the citations stage). */
  deck: { dir: string; root: string; meta: Partial<DeckMeta> }
  /** Each slide's final HTML: the rendered HTML, with citations resolved. */
  html: string[]
}

/** The whole deck, after every file, in this order. */
export const DECK_STAGES: readonly (readonly [name: string, run: (state: DeckState) => void])[] = [
  ['ids', (s) => (s.ids = assignIds(s.slides, s.diagnostics))],
  ['links', (s) => checkSlideLinks(s.slides, s.ids, s.diagnostics)],
  [
    'placeholders',
    (s) =>
      checkPlaceholders(
        s.slides.map((slide) => slide.source.file),
        s.diagnostics,
      ),
  ],
  [
    'citations',
    (s) =>
      (s.html = resolveCitations(
        s.slides,
        { dir: s.deck.dir, root: s.deck.root, csl: s.deck.meta.csl },
        s.diagnostics,
      )),
  ],
  ['budgets', (s) => checkOutputBudgets(s.slides, s.html, s.diagnostics)],
]

export function runDeckStages(
  slides: RenderedSlide[],
  diagnostics: Diagnostic[],
  deck: DeckState['deck'],
): { ids: string[]; html: string[] } {
  const state: DeckState = { slides, diagnostics, ids: [], deck, html: slides.map((s) => s.html) }
  for (const [, run] of DECK_STAGES) run(state)
  return { ids: state.ids, html: state.html }
}

/** The stage before all: a deck folder's Markdown files, in order (the only stage that lists files). */
export const loadStage = loadDeckFiles

/** How one compile runs: the deck's options, a cache (empty for a one-shot compile), a renderer. */
export interface CompileRun {
  options: CompileOptions & { dir: string }
  md: RenderContext['md']
  cache: FileCache
  render: FileState['render']
  /** Filled with the display paths of the files rendered and of those reused. */
  stats: { rendered: string[]; reused: string[] }
}

/**
 * Compiles loaded files: the file stages per file (or the cached part when its inputs did not
 * change), then the deck stages over all slides.
 */
export function compileLoaded(files: SourceFile[], run: CompileRun): CompileResult {
  const { options, cache, stats } = run
  const root = resolve(options.root ?? process.cwd())
  const assetsDir = resolve(options.assetsDir ?? resolve(root, 'assets'))
  const fingerprint = externalFingerprint([assetsDir, resolve(options.dir)])
  const diagnostics: Diagnostic[] = []
  const macros: Record<string, string> = {}
  const roots = deckRoots(root, resolve(options.dir), assetsDir)
  const inlineAssets = options.inlineAssets ?? false
  const base = { md: run.md, assetsDir, root, macros, roots, inlineAssets }
  const rendered: FilePart['rendered'] = []
  const included: string[] = []
  let meta: Partial<DeckMeta> = {}
  let section: string | undefined
  const present = new Set<string>()

  files.forEach((file, index) => {
    present.add(file.absPath)
    const first = index === 0
    const key = cache.key(file, {
      first,
      section,
      macros,
      root,
      assetsDir,
      fingerprint,
      inlineAssets,
    })
    let part = cache.get(file, key)
    if (part) {
      if (first) Object.assign(macros, part.frontMatter?.macros)
      stats.reused.push(file.path)
    } else {
      const before = { ...macros }
      const s = runFileStages({ file, first, section, render: run.render, base })
      part = {
        diagnostics: s.diagnostics,
        frontMatter: s.frontMatter,
        sectionAfter: s.section,
        rendered: s.rendered,
        included: s.included,
      }
      stats.rendered.push(file.path)
      const expected = first ? { ...before, ...s.frontMatter?.macros } : before
      const changedMacros =
        Object.keys(macros).length !== Object.keys(expected).length ||
        Object.entries(expected).some(([k, v]) => macros[k] !== v)
      cache.set(file, key, part, changedMacros)
    }
    if (first && part.frontMatter) meta = part.frontMatter
    section = part.sectionAfter
    diagnostics.push(...part.diagnostics.map((d) => ({ ...d })))
    rendered.push(...part.rendered)
    included.push(...part.included)
  })
  cache.keepOnly(present)

  const { ids, html } = runDeckStages(
    rendered.map((r) => r.slide),
    diagnostics,
    { dir: resolve(options.dir), root, meta },
  )
  const slides: CompiledSlide[] = rendered.map(({ slide, section }, i) => ({
    id: ids[i]!,
    html: html[i]!,
    attrs: { ...slide.attrs },
    section,
    file: slide.source.file.path,
    line: slide.source.startLine + 1,
  }))
  return {
    deck: {
      dir: resolve(options.dir),
      meta: { title: '', ...meta },
      slides,
      files: [...files.map((f) => f.absPath), ...included],
      assets: [
        ...new Map(rendered.flatMap((r) => r.slide.assets).map((a) => [a.fileName, a])).values(),
      ],
    },
    diagnostics: sortDiagnostics(diagnostics),
  }
}
