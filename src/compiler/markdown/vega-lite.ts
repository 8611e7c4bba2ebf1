// ```vega-lite fences (JSON) and ```vega-lite yaml fences: a Vega-Lite spec drawn at build time
// into an inline SVG figure (src/charts/vega-lite). Drawing is async (a worker thread) and the
// markdown render is sync, so an async pre-pass draws every block of a deck first and keeps the
// result in memory and on disk (node_modules/.cache/deck-vega-lite/), keyed by the deck's folder,
// the block's format and text and the renderer's versions, and checked against the SHA-256 of the
// data files it read; the fence rule reads it and reports the chart's problems at their line and
// column in the block.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import MarkdownIt from 'markdown-it'
import type { MarkdownIt as MarkdownItType, Token } from 'markdown-it'
import type { DataReader, VegaLiteOptions, VegaLiteResult } from '../../charts/vega-lite/index.ts'
import { shortHash } from '../../charts/svg.ts'
import { VEGA_LITE_RENDERER } from '../../charts/vega-lite/renderer.ts'
import { escapeHtml } from '../../shared/html.ts'
import { chartOverBudget, deckRoots, readDeckFile, type Roots } from '../../untrusted/index.ts'
import { deckSourceDirs, markdownTexts } from '../deck-markdown.ts'
import { lineStarts } from '../diagnostics.ts'
import { envOf, reportAt, type RenderEnv } from './env.ts'
import { checkGraphicText, shownWidth } from './graphic-size.ts'
import { curlMarkupText } from './typography.ts'

/** The fence's info string: `vega-lite` (JSON), `vega-lite json` or `vega-lite yaml`. */
const RE_INFO = /^vega-lite(?:\s+(json|yaml|yml))?\s*$/

/** The format a fence's info string names, or undefined for another fence. */
export function vegaLiteFormat(info: string): 'json' | 'yaml' | undefined {
  const m = RE_INFO.exec(info.trim())
  if (!m) return undefined
  return m[1] === 'yaml' || m[1] === 'yml' ? 'yaml' : 'json'
}

/** The most bytes of one data file a chart may read (the renderer bounds all of them too). */
const DATA_FILE_BYTES = 1_000_000

/**
 * The reader a deck's charts get: a file in the deck's folder, or `_shared/name` in the shared
 * folder beside it, through the deck's file-access policy (readDeckFile: no link out, no FIFO,
 * bounded size). `roots` are the deck folder and `_shared/` only.
 */
export function deckDataReader(deckDir: string, roots: Roots): DataReader {
  return (ref) => {
    const shared = ref.startsWith('_shared/')
    const file = shared
      ? readDeckFile(ref.slice('_shared/'.length), resolve(deckDir, '..', '_shared'), roots, {
          maxBytes: DATA_FILE_BYTES,
        })
      : readDeckFile(ref, deckDir, roots, { maxBytes: DATA_FILE_BYTES })
    return 'code' in file ? file : { bytes: file.bytes }
  }
}

/** The folders a deck's charts may read: its own and `_shared/` beside it (real paths). */
export function chartRoots(root: string, deckDir: string): Roots {
  // deckRoots lists the deck, `_shared/` and the assets folder: the deck twice leaves it out.
  return deckRoots(root, resolve(deckDir), resolve(deckDir))
}

interface Drawn {
  /** The id the figure was drawn with; the render gives each use an id of its own. */
  id: string
  result: VegaLiteResult
  /** The data files it read and their SHA-256, to tell when a redraw is needed. */
  reads: { ref: string; sha256: string }[]
}

/** Drawn charts by {@link chartKey}. */
const drawn = new Map<string, Drawn>()

/** Where drawn charts are kept between builds (like Mermaid's diagrams). */
export function vegaLiteCacheDir(root: string): string {
  return resolve(root, 'node_modules/.cache/deck-vega-lite')
}

const cachePath = (root: string, key: string): string =>
  join(
    vegaLiteCacheDir(root),
    `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`,
  )

function readCached(root: string, key: string): Drawn | undefined {
  try {
    const entry = JSON.parse(readFileSync(cachePath(root, key), 'utf8')) as Drawn & { key: string }
    return entry.key === key &&
      typeof entry.id === 'string' &&
      typeof entry.result?.html === 'string'
      ? entry
      : undefined
  } catch {
    return undefined
  }
}

/** Keeps a drawn chart on disk (a chart that failed is drawn again anyway, so it is not kept). */
function writeCached(root: string, key: string, entry: Drawn): void {
  if (entry.result.html === undefined) return
  try {
    const path = cachePath(root, key)
    mkdirSync(vegaLiteCacheDir(root), { recursive: true })
    const tmp = `${path}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify({ key, ...entry }))
    renameSync(tmp, path)
  } catch {
    // A cache that cannot be written costs a redraw next time, nothing else.
  }
}

/** A block's key: its deck (real path), format and text. */
export function chartKey(deckDir: string, format: string, content: string): string {
  return JSON.stringify([deckDir, format, content])
}

/** A ```vega-lite block of a deck. */
export interface VegaLiteBlock {
  format: 'json' | 'yaml'
  content: string
}

const scanner = new MarkdownIt()

/** The ```vega-lite blocks of a Markdown text. */
export function findVegaLiteBlocks(markdown: string): VegaLiteBlock[] {
  if (!markdown.includes('vega-lite')) return []
  const blocks: VegaLiteBlock[] = []
  for (const t of scanner.parse(markdown, {})) {
    const format = t.type === 'fence' ? vegaLiteFormat(t.info) : undefined
    if (format) blocks.push({ format, content: t.content })
  }
  return blocks
}

/** What a pre-pass did. */
export interface VegaLiteStats {
  blocks: number
  /** Charts drawn now (the others were drawn before, with the same data). */
  rendered: number
  ms: number
}

/** Whether a drawn chart's data files are still what it read (a failed one is drawn again). */
function stillFresh(entry: Drawn, read: DataReader): boolean {
  if (entry.result.html === undefined) return false
  return entry.reads.every(({ ref, sha256 }) => {
    const file = read(ref)
    if ('code' in file) return false
    return shaOf(file.bytes) === sha256
  })
}

const shaOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/**
 * Draws the given blocks of the deck in `deckDir` that are not drawn yet (or whose data files
 * changed). Never throws for anything in a block: problems are kept with the block and reported
 * by the render.
 */
export async function prerenderVegaLiteBlocks(
  deckDir: string,
  root: string,
  blocks: VegaLiteBlock[],
  options: Pick<VegaLiteOptions, 'limits' | 'width' | 'height'> = {},
): Promise<VegaLiteStats> {
  const started = performance.now()
  const roots = chartRoots(root, deckDir)
  const dir = roots.dirs[0]!
  const read = deckDataReader(dir, roots)
  let rendered = 0
  const seen = new Set<string>()
  // Vega, Vega-Lite and the schema load only for a deck that has charts.
  const { renderVegaLite } = await import('../../charts/vega-lite/index.ts')
  for (const block of blocks) {
    const key = chartKey(dir, block.format, block.content)
    if (seen.has(key)) continue
    seen.add(key)
    // On disk, the renderer's versions (Vega's, Vega-Lite's, the sanitiser's) are part of the key.
    const diskKey = JSON.stringify([VEGA_LITE_RENDERER, key])
    const entry = drawn.get(key) ?? readCached(root, diskKey)
    if (entry && stillFresh(entry, read)) {
      drawn.set(key, entry)
      continue
    }
    const id = `vl-${shortHash(diskKey)}`
    const result = await renderVegaLite(block.content, {
      ...options,
      format: block.format,
      readData: read,
      id,
    })
    const fresh = { id, result, reads: result.html !== undefined ? result.reads : [] }
    drawn.set(key, fresh)
    writeCached(root, diskKey, fresh)
    rendered++
  }
  return { blocks: seen.size, rendered, ms: Math.round(performance.now() - started) }
}

/**
 * The pre-pass of a build: draws every ```vega-lite block of the decks in `deckDirs` (their
 * Markdown and `_shared/`'s) that is not drawn yet. Run it before the compile, like the Mermaid
 * pre-pass.
 */
export async function prerenderVegaLite(deckDirs: string[], root: string): Promise<VegaLiteStats> {
  const started = performance.now()
  const stats: VegaLiteStats = { blocks: 0, rendered: 0, ms: 0 }
  for (const deckDir of deckDirs) {
    const blocks = markdownTexts(deckSourceDirs(deckDir)).flatMap(findVegaLiteBlocks)
    if (!blocks.length) continue
    const s = await prerenderVegaLiteBlocks(deckDir, resolve(root), blocks)
    stats.blocks += s.blocks
    stats.rendered += s.rendered
  }
  stats.ms = Math.round(performance.now() - started)
  return stats
}

/** Forgets every drawn chart kept in memory (tests; the disk cache stays). */
export function clearVegaLiteCharts(): void {
  drawn.clear()
}

/** Body offset of line `line` of the fence's content (0-based) at `column`, past its prefix. */
function contentOffset(body: string, fenceLine: number, line: number, column: number): number {
  const starts = lineStarts(body)
  const fence = body.slice(starts[fenceLine] ?? 0)
  const fencePrefix = /^[ \t>]*/.exec(fence)![0].length
  const start = starts[fenceLine + 1 + line] ?? body.length
  const own = /^[ \t>]*/.exec(body.slice(start))![0].length
  return Math.min(body.length, start + Math.min(fencePrefix, own) + column)
}

function errorBlock(content: string): string {
  return `<pre class="deck-chart-error"><code>${escapeHtml(content)}</code></pre>\n`
}

/**
 * A chart drawn before: in memory, else on disk (drawn by an earlier build or check) while the
 * data files it read are unchanged; a compile that does not draw finds it there too.
 */
function drawnChart(dir: string, root: string, format: string, content: string): Drawn | undefined {
  const key = chartKey(dir, format, content)
  const kept = drawn.get(key)
  if (kept) return kept
  const cached = readCached(root, JSON.stringify([VEGA_LITE_RENDERER, key]))
  if (!cached || !stillFresh(cached, deckDataReader(dir, chartRoots(root, dir)))) return undefined
  drawn.set(key, cached)
  return cached
}

function vegaLiteFence(tokens: Token[], idx: number, env: RenderEnv): string {
  const token = tokens[idx]!
  const format = vegaLiteFormat(token.info)!
  const first = token.map?.[0] ?? 0
  const fenceAt = contentOffset(env.body, first, -1, 0)
  const dir = env.roots.dirs[0] ?? ''
  const entry = drawnChart(dir, env.root, format, token.content)
  if (!entry) {
    reportAt(
      env,
      fenceAt,
      'vega-lite-missing',
      'this Vega-Lite chart has not been drawn yet',
      'error',
      'charts are drawn before the compile (the build, check and dev server draw them first)',
    )
    return errorBlock(token.content)
  }
  const { result } = entry
  for (const p of result.problems) {
    const at = contentOffset(env.body, first, p.line, p.column)
    reportAt(env, at, `vega-lite-${p.code}`, p.message, p.severity)
  }
  if (result.html === undefined) return errorBlock(token.content)
  const over = chartOverBudget(result.html, 'vega-lite')
  if (over) {
    reportAt(env, fenceAt, over.code, over.message, 'error')
    return errorBlock(token.content)
  }
  // The figure's ids from its place in the deck: the same chart twice on a page stays valid.
  const html = curlMarkupText(result.html)
    .split(entry.id)
    .join(`vl-${shortHash(`${env.file.path}:${env.startLine + first}`)}`)
  // The slide shows the wide drawing; the narrow one is the reading view's on a phone.
  const slide = html.replace(/<div class="deck-chart-narrow"[\s\S]*?<\/svg><\/div>/, '')
  checkGraphicText(slide, shownWidth(tokens, idx), env, fenceAt, 'Vega-Lite chart')
  return html
}

/**
 * Registers the ```vega-lite fence renderer on `md`; other fences go to the fence rule that was
 * there before. The charts must have been drawn by {@link prerenderVegaLite} (or
 * {@link prerenderVegaLiteBlocks}) for the deck whose folder is `env.roots.dirs[0]`.
 */
export function vegaLitePlugin(md: MarkdownItType): void {
  const previous = md.renderer.rules.fence
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    if (vegaLiteFormat(tokens[idx]!.info)) return vegaLiteFence(tokens, idx, envOf(env))
    return previous
      ? previous(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options)
  }
}
