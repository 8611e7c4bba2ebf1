// The deck compiler: folder of Markdown -> slides with HTML, ids and diagnostics. Pure but for reading files.
import { resolve } from 'node:path'
import GithubSlugger, { slug } from 'github-slugger'
import { sortDiagnostics, type Diagnostic } from './diagnostics.ts'
import { DECK_KEYS, FILE_KEYS, parseFrontMatter, type DeckMeta } from './frontmatter.ts'
import { expandIncludes } from './include.ts'
import { checkSlideLinks } from './links.ts'
import { loadDeckFiles } from './load.ts'
import { createMarkdown, renderSlide, type RenderedSlide } from './render.ts'
import type { SourceFile } from './source.ts'
import { splitFile } from './split.ts'

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

/** Compiles already loaded files (tests and the dev server's incremental path use this). */
export function compileFiles(
  files: SourceFile[],
  options: CompileOptions & { dir: string },
): CompileResult {
  const root = resolve(options.root ?? process.cwd())
  const diagnostics: Diagnostic[] = []
  const md = createMarkdown()
  let meta: Partial<DeckMeta> = {}
  const rendered: { slide: RenderedSlide; section?: string }[] = []
  let section: string | undefined
  const macros: Record<string, string> = {}
  const included: string[] = []
  files.forEach((file, index) => {
    const split = splitFile(file)
    diagnostics.push(...split.diagnostics)
    if (split.frontMatter) {
      const fm = parseFrontMatter(
        split.frontMatter.text,
        file.path,
        split.frontMatter.firstLine,
        index === 0 ? DECK_KEYS : FILE_KEYS,
      )
      diagnostics.push(...fm.diagnostics)
      if (index === 0) {
        meta = fm.data
        Object.assign(macros, fm.data.macros)
      }
      if (fm.data.section !== undefined) section = fm.data.section
    }
    if (
      index === 0 &&
      meta.title === undefined &&
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
    const ctx = {
      md,
      assetsDir: resolve(options.assetsDir ?? resolve(root, 'assets')),
      root,
      macros,
      diagnostics,
    }
    const includeCtx = { diagnostics, files: included, stack: [] }
    for (const slide of expandIncludes(split.slides, section, includeCtx))
      rendered.push({ slide: renderSlide(slide.source, ctx), section: slide.section })
  })
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
    attrs: slide.attrs,
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

/**
 * Gives every slide a unique id, in three passes so that an id never depends on slides of a
 * lower pass: explicit ids as written (a duplicate is an error); then the slugs of first headings,
 * numbered `-1`, `-2` on repeats; then `<file>-<n>` for the rest (`n`: the slide's place in its
 * file). Inserting a slide without a heading thus never changes a link like `#/pass-at-k`.
 */
function assignIds(slides: RenderedSlide[], diagnostics: Diagnostic[]): string[] {
  const ids = slides.map((slide) => slide.explicitId)
  const taken = new Map<string, RenderedSlide>()
  const where = (slide: RenderedSlide): { line: number; column: number } =>
    slide.explicitIdAt ?? { line: slide.source.startLine + 1, column: 0 }
  slides.forEach((slide, i) => {
    const id = slide.explicitId
    if (id === undefined) return
    if (!/^\S+$/.test(id)) {
      // An HTML id is not empty and has no spaces; the slide gets a generated id instead.
      diagnostics.push({
        file: slide.source.file.path,
        ...where(slide),
        severity: 'error',
        code: 'invalid-id',
        message: `slide id ${JSON.stringify(id)} must be non-empty and without spaces`,
      })
      ids[i] = undefined
      return
    }
    const first = taken.get(id)
    if (first)
      diagnostics.push({
        file: slide.source.file.path,
        ...where(slide),
        severity: 'error',
        code: 'duplicate-id',
        message: `slide id \`${id}\` is already used by the slide at ${first.source.file.path}:${where(first).line}`,
        hint: 'give one of them another id',
      })
    else taken.set(id, slide)
  })
  const slugger = new GithubSlugger()
  const claim = (text: string, slide: RenderedSlide): string => {
    let id = slugger.slug(text)
    while (taken.has(id)) id = slugger.slug(text)
    taken.set(id, slide)
    return id
  }
  slides.forEach((slide, i) => {
    if (ids[i] === undefined && slide.heading && slug(slide.heading) !== '')
      ids[i] = claim(slide.heading, slide)
  })
  const perFile = new Map<string, number>()
  return slides.map((slide, i) => {
    const path = slide.source.file.path
    const n = (perFile.get(path) ?? 0) + 1
    perFile.set(path, n)
    if (ids[i] !== undefined) return ids[i]
    const stem = path
      .split('/')
      .pop()!
      .replace(/\.md$/, '')
      .replace(/^\d+[-_]?/, '')
    return claim(`${slug(stem) || 'slide'}-${n}`, slide)
  })
}

export type { DeckMeta } from './frontmatter.ts'
export type { Diagnostic } from './diagnostics.ts'
