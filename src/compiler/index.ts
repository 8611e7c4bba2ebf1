// The deck compiler's public API and types: folder of Markdown -> slides with HTML, ids and
// diagnostics. `compile` (or an incremental compiler's `run`) runs the whole pipeline of
// pipeline.ts; cache.ts makes recompiles incremental.
import type { DeckMeta } from '../shared/deck-meta.ts'
import { FileCache } from './cache.ts'
import type { Diagnostic } from './diagnostics.ts'
import { runPipeline, type PipelineStats } from './pipeline.ts'
import type { PublishedAsset } from '../untrusted/index.ts'
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

/** What the last compile did: the files rendered and reused, each stage's time, the diagrams. */
export type IncrementalStats = PipelineStats

/** Compiles a deck folder again and again, re-rendering only files whose inputs changed. */
export interface IncrementalCompiler {
  /**
   * The whole pipeline over the deck as it is now on disk, new Mermaid diagrams drawn first (in
   * Chromium): what the commands and the dev server call.
   */
  run(): Promise<CompileResult>
  /** The same without drawing (a diagram not drawn before is a `mermaid-missing` error). */
  compile(): CompileResult
  readonly stats: IncrementalStats
}

/** The same over files given in memory (what `compileFiles` is to `compileDeck`). */
export interface IncrementalFilesCompiler {
  compile(files: SourceFile[]): CompileResult
  readonly stats: IncrementalStats
}

const emptyStats = (): PipelineStats => ({ rendered: [], reused: [], timings: [] })

/** One deck's markdown-it, file cache and renderer, shared by its compiles. */
function deckRun(options: IncrementalOptions & { dir: string }) {
  const md = createMarkdown()
  const cache = new FileCache()
  const render = options.renderSlide ?? renderSlide
  return (files: SourceFile[] | undefined, stats: PipelineStats) => ({
    options,
    files,
    md,
    cache,
    render,
    stats,
  })
}

/** An incremental `compileFiles`: `compile(files)` equals `compileFiles(files, options)`. */
export function createIncrementalFilesCompiler(
  options: IncrementalOptions & { dir: string },
): IncrementalFilesCompiler {
  const runOf = deckRun(options)
  let stats = emptyStats()
  return {
    compile(files) {
      stats = emptyStats()
      return runPipeline({ ...runOf(files, stats), draw: false })
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
  const runOf = deckRun({ ...options, dir })
  let stats = emptyStats()
  return {
    run() {
      stats = emptyStats()
      return runPipeline({ ...runOf(undefined, stats), draw: true })
    },
    compile() {
      stats = emptyStats()
      return runPipeline({ ...runOf(undefined, stats), draw: false })
    },
    get stats() {
      return stats
    },
  }
}

/**
 * Compiles the deck in `dir`: the whole pipeline (pipeline.ts), new Mermaid diagrams drawn first.
 * The one function the commands call. Never throws on bad input: problems come back as diagnostics.
 */
export function compile(dir: string, options: CompileOptions = {}): Promise<CompileResult> {
  return createIncrementalCompiler(dir, options).run()
}

/**
 * The same pipeline without drawing, synchronously: a Mermaid diagram is read from the cache, and
 * one never drawn is a `mermaid-missing` error. For tests and tools that must stay synchronous.
 */
export function compileDeck(dir: string, options: CompileOptions = {}): CompileResult {
  return createIncrementalCompiler(dir, options).compile()
}

/** Compiles already loaded files (synchronously, without drawing), with an empty cache. */
export function compileFiles(
  files: SourceFile[],
  options: CompileOptions & { dir: string },
): CompileResult {
  return createIncrementalFilesCompiler(options).compile(files)
}

export type { DeckMeta } from '../shared/deck-meta.ts'
export type { Diagnostic } from './diagnostics.ts'
