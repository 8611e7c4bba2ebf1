// Mermaid diagrams at build time: the pipeline's `diagrams` stage renders every ```mermaid block
// of a deck in the system Chromium into an on-disk cache; the sync markdown render
// (markdown/mermaid.ts) reads it.
//
// - Cache: `<root>/node_modules/.cache/deck-mermaid/<sha>.json`, keyed by the block's text, our
//   Mermaid configuration (theme) and Mermaid's version. A build whose diagrams are all cached
//   launches no browser.
// - Warm path: Mermaid's ES module build is loaded (the core and the chunk of each kind of diagram
//   drawn, not the whole bundle), and the browser and its page can stay open between pre-passes
//   (`keepMermaidWarm`: a command over several decks, the dev server), so an edited diagram is
//   drawn in the page already open.
// - Colours: Mermaid draws with placeholder colours that are then replaced by the theme's CSS
//   variables, so one SVG serves the light and the dark theme. Labels are SVG text
//   (`htmlLabels: false`) measured in Inter Variable, the deck's font, loaded into the page.
// - Maths: a diagram with `$$…$$` in its labels is drawn with HTML labels, and Mermaid typesets
//   the maths with the deck's KaTeX (HTML and MathML, trust off), measured with KaTeX's CSS and
//   fonts loaded into the page. The deck's KaTeX CSS sets it in the slide.
// - The SVG is sanitised (no script, event handler or external reference; a foreignObject only
//   in a diagram with maths, holding label HTML and KaTeX's output).
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import MarkdownIt from 'markdown-it'
import { INSTALL_CHROMIUM, launchChromium } from './browser.ts'
import { deckSourceDirs, markdownTexts } from './deck-markdown.ts'
import { fenceLanguage } from './markdown/fence-info.ts'
import { sanitizeSvg as sanitizeDeckSvg, SVG_SANITIZER } from '../untrusted/index.ts'

const require = createRequire(import.meta.url)

/** Placeholder colour -> the theme variable that replaces it in the SVG. */
const PALETTE: Record<string, string> = {
  '#fa0001': 'var(--deck-accent-soft)',
  '#fa0002': 'var(--deck-ink)',
  '#fa0003': 'var(--deck-accent)',
  '#fa0004': 'var(--deck-muted)',
  '#fa0005': 'var(--deck-quote-bg)',
  '#fa0006': 'var(--deck-code-bg)',
  '#fa0007': 'var(--deck-bg)',
}

/** Label size in SVG units (= CSS px at natural size); the slide shrinks a wide diagram. */
export const MERMAID_FONT_PX = 24

/** What Mermaid is given (part of the cache key: change it and every diagram is drawn again). */
const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'base',
  htmlLabels: false,
  fontFamily: "'Inter Variable', sans-serif",
  fontSize: MERMAID_FONT_PX,
  flowchart: { htmlLabels: false, useMaxWidth: false },
  sequence: {
    useMaxWidth: false,
    actorFontSize: MERMAID_FONT_PX,
    messageFontSize: MERMAID_FONT_PX,
    noteFontSize: MERMAID_FONT_PX,
  },
  class: { htmlLabels: false, useMaxWidth: false },
  state: { useMaxWidth: false },
  themeVariables: {
    fontFamily: "'Inter Variable', sans-serif",
    fontSize: `${MERMAID_FONT_PX}px`,
    primaryColor: '#fa0001',
    mainBkg: '#fa0001',
    primaryTextColor: '#fa0002',
    textColor: '#fa0002',
    titleColor: '#fa0002',
    nodeTextColor: '#fa0002',
    primaryBorderColor: '#fa0003',
    nodeBorder: '#fa0003',
    clusterBorder: '#fa0003',
    lineColor: '#fa0004',
    secondaryColor: '#fa0005',
    tertiaryColor: '#fa0006',
    clusterBkg: '#fa0006',
    background: '#fa0007',
    edgeLabelBackground: '#fa0007',
    actorBkg: '#fa0001',
    actorBorder: '#fa0003',
    actorTextColor: '#fa0002',
    actorLineColor: '#fa0004',
    signalColor: '#fa0004',
    signalTextColor: '#fa0002',
    labelBoxBkgColor: '#fa0001',
    labelBoxBorderColor: '#fa0003',
    labelTextColor: '#fa0002',
    loopTextColor: '#fa0002',
    noteBkgColor: '#fa0005',
    noteBorderColor: '#fa0003',
    noteTextColor: '#fa0002',
    activationBkgColor: '#fa0005',
    activationBorderColor: '#fa0003',
    sequenceNumberColor: '#fa0007',
  },
}

/** A diagram with maths in a label: `$$…$$`, as Mermaid writes it. */
export const hasMath = (text: string): boolean => /\$\$[\s\S]*?\$\$/.test(text)

/**
 * What Mermaid is given for a diagram with maths: HTML labels (KaTeX's output is HTML), and
 * KaTeX's HTML (with MathML for screen readers) rather than MathML alone, so that it is set in
 * KaTeX's fonts like every formula of the deck.
 */
const MERMAID_MATH_CONFIG = {
  ...MERMAID_CONFIG,
  htmlLabels: true,
  forceLegacyMathML: true,
  flowchart: { ...MERMAID_CONFIG.flowchart, htmlLabels: true },
  class: { ...MERMAID_CONFIG.class, htmlLabels: true },
}

/**
 * How maths in a label is set, in the drawing page and in the deck alike (src/theme/code.css
 * repeats it for `.deck-mermaid`): at the label's size, with no display margin, so that the
 * label's measured box is the box the deck shows.
 */
export const MERMAID_MATH_CSS =
  '.katex{font-size:1em}.katex-display{margin:0}.katex-display>.katex{font-size:1em}' +
  // Mermaid sets a label's words and formula side by side in a flex row, which drops the space
  // between them: a gap puts it back.
  ':is(.nodeLabel,.edgeLabel) div{column-gap:0.3em}'

/** A rendered block, as cached. */
export interface MermaidResult {
  svg?: string
  /** Mermaid's error: its message and, when it says, the 1-based line in the block. */
  error?: { message: string; line?: number }
  /** The diagram's natural size and its smallest label font size, in CSS px. */
  width?: number
  height?: number
  minFontPx?: number
}

let version: string | undefined
function mermaidDir(): string {
  return dirname(dirname(require.resolve('mermaid')))
}
function mermaidVersion(): string {
  version ??= (
    JSON.parse(readFileSync(join(mermaidDir(), 'package.json'), 'utf8')) as { version: string }
  ).version
  return version
}

let katex: string | undefined
function katexDir(): string {
  return dirname(require.resolve('katex/package.json'))
}
function katexVersion(): string {
  katex ??= (
    JSON.parse(readFileSync(join(katexDir(), 'package.json'), 'utf8')) as { version: string }
  ).version
  return katex
}

/** Where rendered diagrams are kept. */
export function mermaidCacheDir(root: string): string {
  return resolve(root, 'node_modules/.cache/deck-mermaid')
}

/** The cache key of a block: its text, our Mermaid configuration, Mermaid's version and build. */
export function mermaidKey(text: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        mermaidVersion(),
        MERMAID_ENTRY,
        MERMAID_CONFIG,
        hasMath(text) ? [MERMAID_MATH_CONFIG, MERMAID_MATH_CSS, katexVersion()] : null,
        PALETTE,
        SVG_SANITIZER,
        text,
      ]),
    )
    .digest('hex')
    .slice(0, 32)
}

/** The cached rendering of a block, if the pre-pass has drawn it. */
export function readMermaid(root: string, text: string): MermaidResult | undefined {
  const path = join(mermaidCacheDir(root), `${mermaidKey(text)}.json`)
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as MermaidResult
  } catch {
    return undefined
  }
}

/**
 * Why the last pre-pass for a project root could not draw diagrams (no browser, say), for the
 * render's error on a block missing from the cache.
 */
const prerenderProblems = new Map<string, string>()
export function mermaidProblem(root: string): string | undefined {
  return prerenderProblems.get(resolve(root))
}

/** The text of every ```mermaid block in the Markdown files under `dirs` (recursively). */
export function findMermaidBlocks(dirs: string[]): string[] {
  const md = new MarkdownIt()
  const texts = new Set<string>()
  for (const text of markdownTexts(dirs)) {
    if (!/[`~]{3}/.test(text)) continue
    for (const t of md.parse(text, {}))
      if (t.type === 'fence' && fenceLanguage(t.info) === 'mermaid') texts.add(t.content)
  }
  return [...texts]
}

export { deckSourceDirs }

/** What the pre-pass did. */
export interface PrerenderStats {
  blocks: number
  rendered: number
  /** Whether a browser was launched. */
  launched: boolean
  ms: number
}

type Browser = Awaited<ReturnType<typeof launchChromium>>
type Page = Awaited<ReturnType<Browser['newPage']>>

/** The origin the drawing page is served from: answered by the page's own routes, offline. */
const ORIGIN = 'https://mermaid.invalid'
/** Mermaid's ES module build: the core, and each kind of diagram as a chunk loaded when drawn. */
const MERMAID_ENTRY = 'mermaid.esm.min.mjs'

/**
 * The browser that draws, kept between pre-passes for `warmFor` ms after the last one (the dev
 * server, a command that compiles several decks): a diagram edited meanwhile costs no launch.
 */
let warm: { page: Promise<Page>; browser?: Browser; timer?: NodeJS.Timeout } | undefined
let warmFor = 0
/** Pre-passes run one after the other in the one page (and find what the previous one drew). */
let queue: Promise<unknown> = Promise.resolve()

/**
 * Keeps the drawing browser open for `ms` after each pre-pass (0: closed at once, the default).
 * Whoever sets it closes the browser with `closeMermaidBrowser` when done.
 */
export function keepMermaidWarm(ms: number): void {
  warmFor = ms
}

/** Closes the drawing browser now, if one is open. */
export async function closeMermaidBrowser(): Promise<void> {
  const current = warm
  warm = undefined
  if (!current) return
  clearTimeout(current.timer)
  await current.page.then(
    () => current.browser?.close(),
    () => current.browser?.close(),
  )
}

/** The page Mermaid draws in, launched and loaded the first time (or after an idle close). */
function drawingPage(): Promise<Page> {
  if (warm) {
    clearTimeout(warm.timer)
    return warm.page
  }
  const entry: { page: Promise<Page>; browser?: Browser; timer?: NodeJS.Timeout } = {
    page: launchChromium().then((browser) => {
      entry.browser = browser
      return openDrawingPage(browser)
    }),
  }
  // A failed launch is not kept: the next pre-pass tries again.
  entry.page.catch(() => {
    if (warm === entry) warm = undefined
  })
  warm = entry
  return entry.page
}

/** After a pre-pass: the browser closes at once, or after `warmFor` ms without another one. */
async function releaseDrawingPage(): Promise<void> {
  if (!warm) return
  if (warmFor <= 0) return closeMermaidBrowser()
  clearTimeout(warm.timer)
  warm.timer = setTimeout(() => void closeMermaidBrowser(), warmFor)
  // Never what keeps a process running.
  warm.timer.unref()
}

/**
 * Draws every ```mermaid block of the decks in `deckDirs` that is not cached yet, in one
 * Chromium (kept warm between pre-passes when `keepMermaidWarm` says so). Never throws for an
 * authoring problem: errors are cached and the render reports them at their block; a missing
 * browser is remembered for the render's message.
 */
export function prerenderMermaid(deckDirs: string[], root: string): Promise<PrerenderStats> {
  const run = queue.then(() => prerender(deckDirs, root))
  queue = run.catch(() => undefined)
  return run
}

async function prerender(deckDirs: string[], root: string): Promise<PrerenderStats> {
  const started = performance.now()
  const texts = [...new Set(deckDirs.flatMap((d) => findMermaidBlocks(deckSourceDirs(d))))]
  const todo = texts.filter((t) => readMermaid(root, t) === undefined)
  const stats = { blocks: texts.length, rendered: 0, launched: false, ms: 0 }
  let problem: string | undefined
  if (todo.length > 0) {
    const launched = warm === undefined
    let page: Page | undefined
    try {
      page = await drawingPage()
    } catch (err) {
      problem = `Mermaid diagrams are drawn in Chromium at build time, and none could be started: ${err instanceof Error ? err.message : String(err)}`
      if (!problem.includes('apt-get')) problem += ` ${INSTALL_CHROMIUM}`
    }
    if (page) {
      stats.launched = launched
      try {
        const results = await renderInPage(page, todo)
        const dir = mermaidCacheDir(root)
        mkdirSync(dir, { recursive: true })
        todo.forEach((text, i) => {
          const path = join(dir, `${mermaidKey(text)}.json`)
          const tmp = `${path}.${process.pid}.tmp`
          writeFileSync(tmp, JSON.stringify(results[i]))
          renameSync(tmp, path)
        })
        stats.rendered = todo.length
      } catch (err) {
        // The page or its browser failed (closed, crashed): launched again next time.
        await closeMermaidBrowser()
        throw err
      } finally {
        await releaseDrawingPage()
      }
    }
  }
  if (problem) prerenderProblems.set(resolve(root), problem)
  else prerenderProblems.delete(resolve(root))
  stats.ms = Math.round(performance.now() - started)
  return stats
}

/** The page Mermaid runs in: blank, with the deck's font. */
function blankPage(): string {
  const font = readFileSync(
    require.resolve('@fontsource-variable/inter/files/inter-latin-wght-normal.woff2'),
  ).toString('base64')
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/katex/katex.min.css"><style>
@font-face{font-family:'Inter Variable';font-weight:100 900;src:url(data:font/woff2;base64,${font}) format('woff2')}
body{margin:0;font-family:'Inter Variable',sans-serif}${MERMAID_MATH_CSS}</style></head><body><div id="stage"></div></body></html>`
}

/**
 * Opens the drawing page and loads Mermaid into it: its ES module build, whose chunks (one per
 * kind of diagram) load only when a diagram of that kind is drawn, a fraction of the whole bundle
 * to parse. Nothing leaves the machine: the page's origin and Mermaid's files are answered from
 * here, every other request is refused.
 */
async function openDrawingPage(browser: Browser): Promise<Page> {
  const dist = join(mermaidDir(), 'dist')
  const page = await browser.newPage()
  await page.route(/^(?!data:)/, async (route) => {
    const url = new URL(route.request().url())
    if (url.origin !== ORIGIN) return route.abort()
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: blankPage() })
    // KaTeX: the deck's own (its CSS, fonts and module), in place of the copy Mermaid bundles.
    if (/^\/chunks\/[^/]+\/katex-[\w-]+\.mjs$/.test(url.pathname))
      return route.fulfill({
        contentType: 'text/javascript',
        body: "export { default } from '/katex/katex.mjs'",
      })
    if (url.pathname.startsWith('/katex/')) {
      const katexDist = join(katexDir(), 'dist')
      const file = resolve(katexDist, `.${decodeURIComponent(url.pathname.slice('/katex'.length))}`)
      const type = /\.css$/.test(file)
        ? 'text/css'
        : /\.woff2$/.test(file)
          ? 'font/woff2'
          : /\.mjs$/.test(file)
            ? 'text/javascript'
            : undefined
      if (!file.startsWith(`${katexDist}/`) || !type) return route.abort()
      try {
        return await route.fulfill({ contentType: type, body: readFileSync(file) })
      } catch {
        return route.abort()
      }
    }
    const file = resolve(dist, `.${decodeURIComponent(url.pathname)}`)
    if (!file.startsWith(`${dist}/`) || !/\.m?js$/.test(file)) return route.abort()
    try {
      return await route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) })
    } catch {
      return route.abort()
    }
  })
  await page.goto(`${ORIGIN}/`)
  // A string, evaluated as written: a test runner's transform of this module would rewrite an
  // `import()` in a function (Vitest's does).
  await page.evaluate(
    `import(${JSON.stringify(`${ORIGIN}/${MERMAID_ENTRY}`)}).then((m) => { window.mermaid = m.default })`,
  )
  await page.evaluate(() =>
    Promise.all(
      ["24px 'Inter Variable'", '24px KaTeX_Main', 'italic 24px KaTeX_Math'].map((f) =>
        document.fonts.load(f),
      ),
    ),
  )
  return page
}

async function renderInPage(page: Page, texts: string[]): Promise<MermaidResult[]> {
  const raw = await page.evaluate(
    async ({ texts, config, mathConfig }) => {
      interface Mermaid {
        initialize(c: unknown): void
        parse(t: string): Promise<unknown>
        render(id: string, t: string): Promise<{ svg: string }>
      }
      const mermaid = (window as unknown as { mermaid: Mermaid }).mermaid
      const stage = document.getElementById('stage')!
      const out: unknown[] = []
      for (const [i, text] of texts.entries()) {
        try {
          mermaid.initialize(/\$\$[\s\S]*?\$\$/.test(text) ? mathConfig : config)
          await mermaid.parse(text)
          const { svg } = await mermaid.render(`deck-mermaid-${i}`, text)
          stage.innerHTML = svg
          const el = stage.querySelector('svg')!
          const box = el.viewBox.baseVal
          // Label text: SVG text, or an HTML label's (not the smaller parts of a formula).
          const sizes = [
            ...el.querySelectorAll('text, tspan, foreignObject :is(p, span:not(.katex *))'),
          ]
            .filter((t) => (t.textContent ?? '').trim() !== '')
            .map((t) => parseFloat(getComputedStyle(t).fontSize))
          out.push({
            svg,
            width: box.width,
            height: box.height,
            minFontPx: sizes.length ? Math.min(...sizes) : undefined,
          })
        } catch (err) {
          const e = err as { message?: string; hash?: { loc?: { first_line?: number } } }
          out.push({ error: { message: String(e.message ?? err), line: e.hash?.loc?.first_line } })
        } finally {
          stage.innerHTML = ''
          document.getElementById(`ddeck-mermaid-${i}`)?.remove()
        }
      }
      return out
    },
    { texts, config: MERMAID_CONFIG, mathConfig: MERMAID_MATH_CONFIG },
  )
  return (raw as MermaidResult[]).map((r, i) => {
    if (!r.svg) return { error: cleanError(r.error!) }
    const math = hasMath(texts[i]!)
    const id = `m${mermaidKey(texts[i]!).slice(0, 10)}`
    return { ...r, svg: themeSvg(sanitizeSvg(r.svg, math), id, math) }
  })
}

/** Mermaid's error in one line, with its line when the message gives it. */
function cleanError(error: { message: string; line?: number }): { message: string; line?: number } {
  const lines = error.message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const line = error.line ?? Number(/\bline (\d+)/i.exec(error.message)?.[1] ?? NaN)
  // Jison errors: "Parse error on line 3:", the source, a caret line, "Expecting …, got 'X'".
  const detail = lines.find((l) => /^Expecting|^Lexical error|^Parsing failed|^Lexer error/.test(l))
  const got = detail && /got '([^']+)'$/.exec(detail)
  const message = got
    ? `unexpected ${got[1]} (${detail!
        .replace(/, got '[^']+'$/, '')
        .replace(/^Expecting /, 'expected ')
        .slice(0, 160)})`
    : (detail ?? lines[0] ?? 'Mermaid could not draw the diagram').slice(0, 240)
  return { message, line: Number.isFinite(line) ? line : undefined }
}

const FORBIDDEN_ELEMENTS = /<(script|foreignObject|iframe|object|embed|image|audio|video|canvas)\b/i
/** A diagram with maths keeps its labels' foreignObjects (label HTML and KaTeX's output only). */
const FORBIDDEN_WITH_MATH = /<(script|iframe|object|embed|image|img|audio|video|canvas|a)\b/i

/**
 * Mermaid's SVG through the deck's SVG sanitiser (src/untrusted/svg.ts), scoped to the drawing's
 * own id: its `<style>` rules must select inside it (Mermaid's all do), so a diagram's CSS, even
 * from a `themeCSS` directive, can never style the page.
 */
export function sanitizeSvg(svg: string, math = false): string {
  const id = /^<svg\b[^>]*\sid="([^"]+)"/.exec(svg)?.[1]
  return sanitizeDeckSvg(svg, id, undefined, { labelHtml: math }).svg
}

/**
 * Gives the SVG a stable id (the cache key's), its natural size as width/height, and the theme's
 * colours as CSS variables instead of the placeholders Mermaid drew with.
 */
function themeSvg(svg: string, id: string, math = false): string {
  let out = svg.replace(/deck-mermaid-\d+/g, id)
  for (const [placeholder, variable] of Object.entries(PALETTE))
    out = out.replace(new RegExp(placeholder, 'gi'), variable)
  // Mermaid's translucent label backgrounds: rgba() of the background placeholder.
  out = out.replace(
    /rgba\(\s*250,\s*0,\s*7,\s*([\d.]+)\s*\)/g,
    (_m, a: string) =>
      `color-mix(in srgb, var(--deck-bg) ${Math.round(Number(a) * 100)}%, transparent)`,
  )
  // Presentation attributes cannot hold var(): move them into the element's style.
  out = out.replace(/<[a-zA-Z][^>]*\s(?:fill|stroke)="var\([^>]*>/g, (tag) => {
    const moved: string[] = []
    let t = tag.replace(/\s(fill|stroke)="(var\([^"]+\))"/g, (_m, prop: string, value: string) => {
      moved.push(`${prop}:${value}`)
      return ''
    })
    if (/\sstyle="/.test(t))
      t = t.replace(/\sstyle="([^"]*)"/, (_m, st: string) => ` style="${moved.join(';')};${st}"`)
    else t = t.replace(/(\/?>)$/, ` style="${moved.join(';')}"$1`)
    return t
  })
  // Drawn at natural size; CSS (src/theme/code.css) scales a large one down to the slide.
  out = out.replace(/^<svg[^>]*>/, (tag) => tag.replace(/\s(width|height|style)="[^"]*"/g, ''))
  const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(out)
  if (box)
    out = out.replace(
      /^<svg/,
      `<svg width="${Math.ceil(Number(box[1]))}" height="${Math.ceil(Number(box[2]))}"`,
    )
  const forbidden = math ? FORBIDDEN_WITH_MATH : FORBIDDEN_ELEMENTS
  if (forbidden.test(out)) throw new Error('SVG sanitiser left an embedding element')
  return out
}
