// The deck compiler's public API and types: folder of Markdown -> slides with HTML, ids and
// diagnostics. The stages run in the order of pipeline.ts; cache.ts makes recompiles incremental.
import { resolve } from 'node:path'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { FileCache } from './cache.ts'
import { sortDiagnostics, type Diagnostic } from './diagnostics.ts'
import { compileLoaded, loadStage, type CompileRun } from './pipeline.ts'
import { deckRoots, type PublishedAsset } from '../untrusted/index.ts'
import { createMarkdown, renderSlide, type RenderContext, type RenderedSlide } from './render.ts'
import type { SourceFile } from './source.ts'

export interface CompiledSlide {
  /** Stable id: explicit, else the heading's slug, else `<file>-<n>`; unique in the deck. */
  id: string
  html: string
  attrs: Record<string, string>
  section?: string
  /** Display path of the source file and 1-based line of the slide's first line. */
  file: string
  line: number
}

export interface CompiledDeck {
  dir: string
  meta: DeckMeta
  slides: CompiledSlide[]
  /** Absolute paths of the files read, for watching. */
  files: string[]
  /** The files the slides load, as the build publishes them (`deck-assets/…`). */
  assets: PublishedAsset[]
}

export interface CompileOptions {
  /** Project root: the Vite root, against which image URLs are written. @defaultValue cwd */
  root?: string
  /** Second folder images are looked up in. @defaultValue `<root>/assets` */
  assetsDir?: string
  /** Inline the files slides load as data: URLs (the single-file build). @defaultValue false */
  inlineAssets?: boolean
}

export interface CompileResult {
  deck: CompiledDeck
  diagnostics: Diagnostic[]
}

export interface IncrementalOptions extends CompileOptions {
  /** Renders one slide; tests wrap the default to count renders. @defaultValue renderSlide */
  renderSlide?: (source: RenderedSlide['source'], ctx: RenderContext) => RenderedSlide
}

/** What the last `compile()` did: display paths of the files rendered and of those reused. */
export interface IncrementalStats {
  rendered: string[]
  reused: string[]
}

/** Compiles a deck folder again and again, re-rendering only files whose inputs changed. */
export interface IncrementalCompiler {
  /** Compiles the deck as it is now on disk; the result equals `compileDeck(dir)`. */
  compile(): CompileResult
  readonly stats: IncrementalStats
}

/** The same over files given in memory (what `compileFiles` is to `compileDeck`). */
export interface IncrementalFilesCompiler {
  compile(files: SourceFile[]): CompileResult
  readonly stats: IncrementalStats
}

/** An incremental `compileFiles`: `compile(files)` equals `compileFiles(files, options)`. */
export function createIncrementalFilesCompiler(
  options: IncrementalOptions & { dir: string },
): IncrementalFilesCompiler {
  const md = createMarkdown()
  const cache = new FileCache()
  const render = options.renderSlide ?? renderSlide
  let stats: IncrementalStats = { rendered: [], reused: [] }
  return {
    compile(files) {
      stats = { rendered: [], reused: [] }
      const run: CompileRun = { options, md, cache, render, stats }
      return compileLoaded(files, run)
    },
    get stats() {
      return stats
    },
  }
}

/** An incremental compiler for the deck folder `dir`: `compile()` equals `compileDeck(dir)`. */
export function createIncrementalCompiler(
  dir: string,
  options: IncrementalOptions = {},
): IncrementalCompiler {
  const inner = createIncrementalFilesCompiler({ ...options, dir })
  return {
    compile() {
      const root = resolve(options.root ?? process.cwd())
      const roots = deckRoots(
        root,
        resolve(dir),
        resolve(options.assetsDir ?? resolve(root, 'assets')),
      )
      const { files, diagnostics } = loadStage(dir, roots)
      const result = inner.compile(files)
      return {
        deck: result.deck,
        diagnostics: sortDiagnostics([...diagnostics, ...result.diagnostics]),
      }
    },
    get stats() {
      return inner.stats
    },
  }
}

/** Loads and compiles the deck in `dir`. Never throws on bad input: problems come back as diagnostics. */
export function compileDeck(dir: string, options: CompileOptions = {}): CompileResult {
  return createIncrementalCompiler(dir, options).compile()
}

/** Compiles already loaded files: the incremental compiler with an empty cache. */
export function compileFiles(
  files: SourceFile[],
  options: CompileOptions & { dir: string },
): CompileResult {
  return createIncrementalFilesCompiler(options).compile(files)
}

export type { DeckMeta } from '../shared/deck-meta.ts'
export type { Diagnostic } from './diagnostics.ts'
