// The deck compiler: folder of Markdown -> slides with HTML, ids and diagnostics. Pure but for reading files.
import { sortDiagnostics, type Diagnostic } from './diagnostics.ts'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { createIncrementalFilesCompiler } from './incremental.ts'
import { loadDeckFiles } from './load.ts'
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
}

export interface CompileOptions {
  /** Project root: the Vite root, against which image URLs are written. @defaultValue cwd */
  root?: string
  /** Second folder images are looked up in. @defaultValue `<root>/assets` */
  assetsDir?: string
}

export interface CompileResult {
  deck: CompiledDeck
  diagnostics: Diagnostic[]
}

/** Loads and compiles the deck in `dir`. Never throws on bad input: problems come back as diagnostics. */
export function compileDeck(dir: string, options: CompileOptions = {}): CompileResult {
  const { files, diagnostics } = loadDeckFiles(dir)
  const result = compileFiles(files, { ...options, dir })
  return {
    deck: result.deck,
    diagnostics: sortDiagnostics([...diagnostics, ...result.diagnostics]),
  }
}

/**
 * Compiles already loaded files. One implementation serves both one-shot and incremental
 * compiles: this is the incremental compiler with an empty cache.
 */
export function compileFiles(
  files: SourceFile[],
  options: CompileOptions & { dir: string },
): CompileResult {
  return createIncrementalFilesCompiler(options).compile(files)
}

export type { DeckMeta } from '../shared/deck-meta.ts'
export type { Diagnostic } from './diagnostics.ts'
