// Incremental compile: caches each file's rendered slides and re-renders only files that changed;
// the result is the one compileDeck gives (ids and links are always redone over the whole deck).
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { DECK_KEYS, FILE_KEYS, parseFrontMatter } from './frontmatter.ts'
import { assignIds } from './ids.ts'
import { expandIncludes } from './include.ts'
import type { CompiledSlide, CompileOptions, CompileResult } from './index.ts'
import { checkSlideLinks } from './links.ts'
import { loadDeckFiles } from './load.ts'
import { createMarkdown, renderSlide, type RenderContext, type RenderedSlide } from './render.ts'
import { normaliseNewlines, type SourceFile } from './source.ts'
import { splitFile } from './split.ts'

export interface IncrementalOptions extends CompileOptions {
  /** Renders one slide; tests wrap the default to count renders. @defaultValue renderSlide */
  renderSlide?: (source: RenderedSlide['source'], ctx: RenderContext) => RenderedSlide
}

/** What the last `compile()` did: display paths of the files rendered and of those reused. */
export interface IncrementalStats {
  rendered: string[]
  reused: string[]
}

export interface IncrementalCompiler {
  /** Compiles the deck as it is now on disk, re-rendering only files whose inputs changed. */
  compile(): CompileResult
  readonly stats: IncrementalStats
}

/** The same over files given in memory (what `compileFiles` is to `compileDeck`). */
export interface IncrementalFilesCompiler {
  compile(files: SourceFile[]): CompileResult
  readonly stats: IncrementalStats
}

/** A file's compiled part, and what it was compiled from. */
interface FileEntry {
  key: string
  /** Included files read while expanding this file, with a hash of their text. */
  includes: { absPath: string; hash: string }[]
  /** In the order compileFiles pushes them: split, front matter, title, includes, render. */
  diagnostics: Diagnostic[]
  /** The first file's front matter (deck metadata and macros). */
  frontMatter?: Partial<DeckMeta>
  /** The section in force after this file's front matter (it carries over to the next file). */
  sectionAfter: string | undefined
  rendered: { slide: RenderedSlide; section?: string }[]
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('base64url')

/**
 * The deck-level inputs a file's rendering reads besides its own text: KaTeX macros in force
 * (undefined when a `\gdef` left values that are not plain strings: then nothing is cached).
 */
function macrosKey(macros: Record<string, unknown>): string | undefined {
  const entries = Object.entries(macros)
  return entries.every(([, v]) => typeof v === 'string') ? JSON.stringify(entries) : undefined
}

/**
 * Size and modification time of every file under `dirs` but Markdown files (which are inputs in
 * their own right): images and chart data a slide reads. Any change re-renders every file.
 */
function externalFingerprint(dirs: string[]): string {
  const parts: string[] = []
  const walk = (dir: string, depth: number): void => {
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue
      const path = join(dir, name)
      const stat = statSync(path, { throwIfNoEntry: false })
      if (!stat) continue
      if (stat.isDirectory()) {
        if (depth < 8) walk(path, depth + 1)
      } else if (!name.endsWith('.md')) parts.push(`${path}\0${stat.size}\0${stat.mtimeMs}`)
    }
  }
  for (const dir of dirs) walk(dir, 0)
  return sha1(parts.join('\n'))
}

function readHash(absPath: string): string | undefined {
  try {
    return sha1(normaliseNewlines(readFileSync(absPath, 'utf8')))
  } catch {
    return undefined
  }
}

/** An incremental compiler for the deck folder `dir`: `compile()` equals `compileDeck(dir)`. */
export function createIncrementalCompiler(
  dir: string,
  options: IncrementalOptions = {},
): IncrementalCompiler {
  const inner = createIncrementalFilesCompiler({ ...options, dir })
  return {
    compile(): CompileResult {
      const { files, diagnostics } = loadDeckFiles(dir)
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

/** An incremental `compileFiles`: `compile(files)` equals `compileFiles(files, options)`. */
export function createIncrementalFilesCompiler(
  options: IncrementalOptions & { dir: string },
): IncrementalFilesCompiler {
  const render = options.renderSlide ?? renderSlide
  const md = createMarkdown()
  const cache = new Map<string, FileEntry>()
  let stats: IncrementalStats = { rendered: [], reused: [] }

  function compileFile(
    file: SourceFile,
    first: boolean,
    sectionBefore: string | undefined,
    base: Omit<RenderContext, 'diagnostics'>,
  ): { entry: Omit<FileEntry, 'key' | 'includes'>; included: string[] } {
    const diagnostics: Diagnostic[] = []
    const split = splitFile(file)
    diagnostics.push(...split.diagnostics)
    let frontMatter: Partial<DeckMeta> | undefined
    let section = sectionBefore
    if (split.frontMatter) {
      const fm = parseFrontMatter(
        split.frontMatter.text,
        file.path,
        split.frontMatter.firstLine,
        first ? DECK_KEYS : FILE_KEYS,
      )
      diagnostics.push(...fm.diagnostics)
      if (first) {
        frontMatter = fm.data
        Object.assign(base.macros, fm.data.macros)
      }
      if (fm.data.section !== undefined) section = fm.data.section
    }
    if (
      first &&
      frontMatter?.title === undefined &&
      !diagnostics.some((d) => d.file === file.path && d.severity === 'error')
    )
      diagnostics.push({
        file: file.path,
        line: 1,
        column: 0,
        severity: 'error',
        code: 'missing-title',
        message: "the deck's first file needs front matter with a `title`",
        hint: 'start the file with ---, title: …, ---',
      })
    const ctx: RenderContext = { ...base, diagnostics }
    const included: string[] = []
    const expanded = expandIncludes(split.slides, section, {
      diagnostics,
      files: included,
      stack: [],
    })
    const rendered = expanded.map((s) => ({ slide: render(s.source, ctx), section: s.section }))
    return {
      entry: { diagnostics, frontMatter, sectionAfter: section, rendered },
      included,
    }
  }

  function compile(files: SourceFile[]): CompileResult {
    const root = resolve(options.root ?? process.cwd())
    const assetsDir = resolve(options.assetsDir ?? resolve(root, 'assets'))
    const fingerprint = externalFingerprint([assetsDir, resolve(options.dir)])
    const diagnostics: Diagnostic[] = []
    const macros: Record<string, string> = {}
    const base = { md, assetsDir, root, macros }
    const rendered: FileEntry['rendered'] = []
    const included: string[] = []
    let meta: Partial<DeckMeta> = {}
    let section: string | undefined
    const present = new Set<string>()
    stats = { rendered: [], reused: [] }

    files.forEach((file, index) => {
      present.add(file.absPath)
      const first = index === 0
      const deckInputs = macrosKey(macros)
      const key =
        deckInputs === undefined
          ? undefined
          : JSON.stringify([
              file.absPath,
              file.path,
              sha1(file.text),
              first,
              section ?? null,
              deckInputs,
              root,
              assetsDir,
              fingerprint,
            ])
      const hit = key === undefined ? undefined : cache.get(file.absPath)
      let entry: Omit<FileEntry, 'key' | 'includes'>
      let paths: string[]
      if (hit && hit.key === key && hit.includes.every((i) => readHash(i.absPath) === i.hash)) {
        entry = hit
        paths = hit.includes.map((i) => i.absPath)
        if (first) Object.assign(macros, hit.frontMatter?.macros)
        stats.reused.push(file.path)
      } else {
        const before = { ...macros }
        const fresh = compileFile(file, first, section, base)
        entry = fresh.entry
        paths = fresh.included
        stats.rendered.push(file.path)
        // A `\gdef` changes the macros later files see: such a file is rendered every time.
        const macrosAfterFrontMatter = first ? { ...before, ...entry.frontMatter?.macros } : before
        const gdef =
          Object.keys(macros).length !== Object.keys(macrosAfterFrontMatter).length ||
          Object.entries(macrosAfterFrontMatter).some(([k, v]) => macros[k] !== v)
        if (key !== undefined && !gdef && !hasErrors(entry.diagnostics)) {
          const includes = paths.map((absPath) => ({ absPath, hash: readHash(absPath) ?? '' }))
          cache.set(file.absPath, { ...entry, key, includes })
        } else cache.delete(file.absPath)
      }
      if (first && entry.frontMatter) meta = entry.frontMatter
      section = entry.sectionAfter
      diagnostics.push(...entry.diagnostics.map((d) => ({ ...d })))
      rendered.push(...entry.rendered)
      included.push(...paths)
    })
    for (const path of [...cache.keys()]) if (!present.has(path)) cache.delete(path)

    const ids = assignIds(
      rendered.map((r) => r.slide),
      diagnostics,
    )
    checkSlideLinks(
      rendered.map((r) => r.slide),
      ids,
      diagnostics,
    )
    const slides: CompiledSlide[] = rendered.map(({ slide, section }, i) => ({
      id: ids[i]!,
      html: slide.html,
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
      },
      diagnostics: sortDiagnostics(diagnostics),
    }
  }

  return {
    compile,
    get stats() {
      return stats
    },
  }
}
