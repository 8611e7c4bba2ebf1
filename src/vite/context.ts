// What the deck's Vite plugins share: the options, one incremental compiler per deck, the deck a
// URL shows, and how a failed compile becomes Vite's error and terminal lines.
import { basename, dirname, resolve, sep } from 'node:path'
import { DeckError, formatForTerminal, type Diagnostic } from '../compiler/diagnostics.ts'
import type { CompileResult, CompiledDeck } from '../compiler/index.ts'
import { createIncrementalCompiler, type IncrementalCompiler } from '../compiler/index.ts'
import { RE_SESSION } from '../compiler/sessions.ts'
import { readDeckFile } from '../untrusted/index.ts'

export interface DeckPluginOptions {
  /** One deck, served at `/` and built into the output folder's root. */
  slidesDir?: string
  /** Dev only: every session folder in here, served at `/<slug>/`, with the home page at `/`. */
  slidesRoot?: string
  /** Project root (Vite root). @defaultValue cwd */
  root?: string
  /** A compile result the caller already has (the CLI checks before building), used once. */
  compiled?: CompileResult
  /** Inline the files slides load as data: URLs (the single-file build). @defaultValue false */
  inlineAssets?: boolean
  /**
   * Dev, with `slidesRoot`: renders the home page at `/`, a whole page with its stylesheet and
   * scripts as URLs the dev server serves (the site layer supplies it; this layer knows none of
   * its files).
   */
  homePage?: (sessions: SessionSummary[]) => string
}

/** What the home page shows of one session. */
export interface SessionSummary {
  slug: string
  meta: CompiledDeck['meta']
  slideCount: number
  /** Whether `<slug>/<slug>.pdf` exists in the site. */
  hasPdf: boolean
}

/** The state the deck's plugins share. */
export interface DeckContext {
  options: DeckPluginOptions
  root: string
  slidesDir?: string
  slidesRoot?: string
  assetsDir: string
  /**
   * Compiles the deck in `dir` (incrementally after the first time): the whole pipeline, its new
   * Mermaid diagrams drawn first.
   */
  compile(dir: string): Promise<CompileResult>
  /** The last result `compile(dir)` gave (its published assets are what the page loads). */
  lastCompiled(dir: string): CompileResult | undefined
  /** The deck a page URL shows: the single deck, or `/<slug>/…` of the site. */
  deckForUrl(url: string | undefined): string | undefined
}

export const within = (file: string, dir: string): boolean => file.startsWith(dir + sep)

export function createDeckContext(options: DeckPluginOptions): DeckContext {
  const root = resolve(options.root ?? process.cwd())
  const slidesDir = options.slidesDir ? resolve(root, options.slidesDir) : undefined
  const slidesRoot = options.slidesRoot ? resolve(root, options.slidesRoot) : undefined
  let precompiled = options.compiled
  // One incremental compiler per deck: after an edit only the changed file is rendered again.
  const compilers = new Map<string, IncrementalCompiler>()
  const results = new Map<string, CompileResult>()
  const inlineAssets = options.inlineAssets ?? false
  return {
    options,
    root,
    slidesDir,
    slidesRoot,
    assetsDir: resolve(root, 'assets'),
    async compile(dir) {
      if (precompiled) {
        const result = precompiled
        precompiled = undefined
        results.set(dir, result)
        return result
      }
      let compiler = compilers.get(dir)
      if (!compiler)
        compilers.set(dir, (compiler = createIncrementalCompiler(dir, { root, inlineAssets })))
      const result = await compiler.run()
      results.set(dir, result)
      return result
    },
    lastCompiled: (dir) => results.get(dir),
    deckForUrl(url) {
      if (slidesDir) return slidesDir
      const slug = (url ?? '').split(/[?#]/)[0]!.split('/')[1] ?? ''
      return slidesRoot && RE_SESSION.test(slug) ? resolve(slidesRoot, slug) : undefined
    },
  }
}

/** The error Vite shows for a failed compile, with a code frame of the first error's file. */
export function deckErrorOf(diagnostics: Diagnostic[]): DeckError {
  const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0]!
  const absFile = resolve(first.file)
  // Read through the file-access policy: the error may be about a file the compile refused (a
  // link out of the deck, a FIFO), whose content no frame may show and whose read may block.
  const dir = dirname(absFile)
  const read = readDeckFile(basename(absFile), dir, { root: dir, dirs: [dir] })
  const text = 'code' in read ? undefined : read.bytes.toString('utf8').replace(/\r\n?/g, '\n')
  return new DeckError(diagnostics, absFile, text)
}

/** Prints a compile's warnings in the terminal (errors go to Vite's overlay and logger). */
export function printWarnings(result: CompileResult): void {
  for (const d of result.diagnostics)
    if (d.severity === 'warning') console.warn(formatForTerminal(d))
}
