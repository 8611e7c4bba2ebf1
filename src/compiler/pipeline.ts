// The compiler's pipeline: every stage, in order, in one place. A deck folder goes through
//
//   load -> diagrams -> charts -> (each file) split, title, include, render
//        -> ids -> links -> placeholders -> bibliography -> citations -> budgets
//
// Each stage is its own module in stages/ with a typed input and output, and is timed. The file
// stages run once per file, or not at all when the file's inputs did not change (cache.ts keeps
// their result). `diagrams` and `charts` are the asynchronous stages (they draw new Mermaid
// diagrams in Chromium and new Vega-Lite charts in a child process); a compile that may not draw
// runs the same stages synchronously.
import { resolve } from 'node:path'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { deckRoots } from '../untrusted/index.ts'
import { externalFingerprint, type FileCache, type FilePart } from './cache.ts'
import { sortDiagnostics, type Diagnostic } from './diagnostics.ts'
import type { CompiledSlide, CompileOptions, CompileResult } from './index.ts'
import type { RenderContext, RenderedSlide } from './render.ts'
import type { SourceFile } from './source.ts'
import type { VegaLiteStats } from './markdown/vega-lite.ts'
import type { PrerenderStats } from './mermaid.ts'
import { bibliographyStage } from './stages/bibliography.ts'
import { budgetsStage } from './stages/budgets.ts'
import { chartsStage } from './stages/charts.ts'
import { citationsStage } from './stages/citations.ts'
import { diagramsStage } from './stages/diagrams.ts'
import { idsStage } from './stages/ids.ts'
import { includeStage } from './stages/include.ts'
import { linksStage } from './stages/links.ts'
import { loadStage } from './stages/load.ts'
import { placeholdersStage } from './stages/placeholders.ts'
import { renderStage, type RenderInput } from './stages/render.ts'
import { splitStage } from './stages/split.ts'
import {
  drive,
  runStage,
  step,
  type MaybePromise,
  type StageTiming,
  type Steps,
} from './stages/stage.ts'
import { titleStage } from './stages/title.ts'

export { splitAndParse } from './stages/split.ts'
export type { StageTiming } from './stages/stage.ts'

/** The stages' names, in the order they run (the file stages run per file, in their place). */
export const STAGE_ORDER = [
  loadStage.name,
  diagramsStage.name,
  chartsStage.name,
  splitStage.name,
  titleStage.name,
  includeStage.name,
  renderStage.name,
  idsStage.name,
  linksStage.name,
  placeholdersStage.name,
  bibliographyStage.name,
  citationsStage.name,
  budgetsStage.name,
] as const

/** What the last compile did: the files rendered and reused, each stage's time, the diagrams. */
export interface PipelineStats {
  /** Display paths of the files whose file stages ran. */
  rendered: string[]
  /** Display paths of the files whose cached result was reused. */
  reused: string[]
  timings: StageTiming[]
  /** What the `diagrams` stage did (undefined when it did not draw). */
  diagrams?: PrerenderStats
  /** What the `charts` stage did (undefined when it did not draw). */
  charts?: VegaLiteStats
}

/** One compile: the deck, its files (when given in memory), the cache and the renderer. */
export interface PipelineRun {
  options: CompileOptions & { dir: string }
  /** Files held in memory: `load` reads nothing. */
  files?: SourceFile[]
  md: RenderContext['md']
  cache: FileCache
  render: RenderInput['render']
  /** Whether `diagrams` may launch a browser to draw new diagrams (else the run is synchronous). */
  draw: boolean
  /** Filled as the run goes. */
  stats: PipelineStats
}

/** What the file stages give for one file (cached as a whole, see cache.ts). */
function runFileStages(
  file: SourceFile,
  first: boolean,
  section: string | undefined,
  base: RenderInput['base'],
  run: PipelineRun,
): FilePart {
  const diagnostics: Diagnostic[] = []
  const timings = run.stats.timings
  const split = runStage(splitStage, { file, first }, diagnostics, timings)
  if (first && split.frontMatter) Object.assign(base.macros, split.frontMatter.macros)
  const sectionAfter = split.section ?? section
  const broken = diagnostics.some((d) => d.file === file.path && d.severity === 'error')
  const titled = runStage(
    titleStage,
    { file, first, slides: split.slides, frontMatter: split.frontMatter, broken },
    diagnostics,
    timings,
  )
  const { expanded, included } = runStage(
    includeStage,
    { slides: split.slides, section: sectionAfter, roots: base.roots },
    diagnostics,
    timings,
  )
  const { rendered } = runStage(
    renderStage,
    { expanded, minutes: split.minutes, base, render: run.render },
    diagnostics,
    timings,
  )
  return { diagnostics, frontMatter: titled.frontMatter, sectionAfter, rendered, included }
}

/** The pipeline as a run of steps (see stages/stage.ts's `drive`). */
function* pipeline(run: PipelineRun): Steps<CompileResult> {
  const { options, cache, stats } = run
  const timings = stats.timings
  const dir = resolve(options.dir)
  const root = resolve(options.root ?? process.cwd())
  const assetsDir = resolve(options.assetsDir ?? resolve(root, 'assets'))
  const roots = deckRoots(root, dir, assetsDir)
  const loadDiagnostics: Diagnostic[] = []
  const { files } = yield* step(
    loadStage,
    { dir, roots, files: run.files },
    loadDiagnostics,
    timings,
  )
  stats.diagrams = yield* step(diagramsStage, { dir, root, draw: run.draw }, [], timings)
  stats.charts = yield* step(chartsStage, { dir, root, draw: run.draw }, [], timings)

  const fingerprint = externalFingerprint([assetsDir, dir])
  const diagnostics: Diagnostic[] = []
  const macros: Record<string, string> = {}
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
      part = runFileStages(file, first, section, base, run)
      stats.rendered.push(file.path)
      const expected = first ? { ...before, ...part.frontMatter?.macros } : before
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

  const slides: RenderedSlide[] = rendered.map((r) => r.slide)
  const deck = { dir, root, meta }
  const { ids } = yield* step(idsStage, { slides }, diagnostics, timings)
  yield* step(linksStage, { slides, ids }, diagnostics, timings)
  yield* step(placeholdersStage, { slides }, diagnostics, timings)
  const { bibliography } = yield* step(bibliographyStage, { slides, deck }, diagnostics, timings)
  const { html } = yield* step(citationsStage, { slides, deck, bibliography }, diagnostics, timings)
  yield* step(budgetsStage, { slides, html }, diagnostics, timings)

  const compiled: CompiledSlide[] = rendered.map(({ slide, section }, i) => ({
    id: ids[i]!,
    html: html[i]!,
    attrs: { ...slide.attrs },
    section,
    file: slide.source.file.path,
    line: slide.source.startLine + 1,
  }))
  return {
    deck: {
      dir,
      meta: { title: '', ...meta },
      slides: compiled,
      files: [...files.map((f) => f.absPath), ...included],
      assets: [
        ...new Map(rendered.flatMap((r) => r.slide.assets).map((a) => [a.fileName, a])).values(),
      ],
    },
    diagnostics: sortDiagnostics([...loadDiagnostics, ...sortDiagnostics(diagnostics)]),
  }
}

/**
 * Runs the whole pipeline. With `draw`, new Mermaid diagrams are drawn first and the result is a
 * promise; without, it runs synchronously (and a diagram missing from the cache is an error).
 */
export function runPipeline(run: PipelineRun & { draw: true }): Promise<CompileResult>
export function runPipeline(run: PipelineRun & { draw: false }): CompileResult
export function runPipeline(run: PipelineRun): MaybePromise<CompileResult> {
  const result = drive(pipeline(run))
  if (run.draw) return Promise.resolve(result)
  if (result instanceof Promise) throw new Error('a stage of a compile without drawing was async')
  return result
}
