// A deck's fonts cut down to the characters it draws, at build time: each text, code and KaTeX
// face the page can load (its CSS's @font-face rules: the family, the woff2 file, the
// unicode-range) keeps the glyphs of the characters in its range that the page's text holds, plus
// printable ASCII and the runtime's own labels (…, ←, →). A face no character of the page falls in,
// or a KaTeX face the math does not use, is left as it is: the browser never loads it. Each cut
// face gets a new name (its content's hash), and the stylesheet naming it a new name in turn, so a
// cache never serves one deck's cut to another.
//
// harfbuzz (`subset-font`, WebAssembly) does the cutting; results are kept in
// `node_modules/.cache/deck-fonts/`, keyed by the face's bytes and the characters, so a rebuild
// with the same text costs a file read.
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { katexFaces } from '../vite/font-preload.ts'

/** The text face (theme.css `--r-main-font`) and the code face (`--r-code-font`). */
const TEXT_FAMILY = 'Inter Variable'
const CODE_FAMILY = 'JetBrains Mono'

/** KaTeX faces any text may fall back to (theme.css `--r-main-font`: symbols Inter lacks). */
const SYMBOL_FACES = ['KaTeX_Main-Regular', 'KaTeX_Main-Bold']

/** The text face's weights the theme uses: the variable face keeps this part of its axis. */
const TEXT_WEIGHTS = { min: 400, max: 700 }

/**
 * The OpenType features the text face keeps: those browsers apply by default, and tabular
 * figures (theme.css, frame.css: `font-variant-numeric: tabular-nums`). Its stylistic sets and
 * alternates, which no rule asks for, go.
 */
const TEXT_FEATURES = [
  ...['calt', 'ccmp', 'clig', 'curs', 'dist', 'kern', 'liga', 'locl', 'mark', 'mkmk'],
  ...['rclt', 'rlig', 'rvrn', 'tnum'],
]

/** The code face's characters besides the code's own: the letters and keys the keys' help shows. */
const CODE_LABELS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ?/+-.,:'

/** What KaTeX's stylesheet draws itself: equation numbers, `(1)`. */
const MATH_CSS_TEXT = '()0123456789'

/** One @font-face rule of a stylesheet. */
export interface FontFaceRule {
  family: string
  /** The woff2 file, as the stylesheet names it (`./name.woff2`, relative to the stylesheet). */
  file: string
  /** The code points it serves; undefined: all. */
  ranges?: [number, number][]
}

/** A `unicode-range` value (`U+0000-00FF, U+0131, U+4??`) as inclusive code point ranges. */
export function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').flatMap((part): [number, number][] => {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part)
    if (!m) return []
    const from = m[1]!
    if (from.includes('?'))
      return [[parseInt(from.replace(/\?/g, '0'), 16), parseInt(from.replace(/\?/g, 'f'), 16)]]
    return [[parseInt(from, 16), parseInt(m[2] ?? from, 16)]]
  })
}

/** The @font-face rules of a stylesheet that have a woff2 source. */
export function fontFaceRules(css: string): FontFaceRule[] {
  const rules: FontFaceRule[] = []
  for (const [, body = ''] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const family = /font-family:\s*(?:"([^"]+)"|'([^']+)'|([^;]+))/.exec(body)
    const file = /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(body)
    if (!family || !file) continue
    const range = /unicode-range:\s*([^;]+)/.exec(body)
    rules.push({
      family: (family[1] ?? family[2] ?? family[3]!).trim(),
      file: file[1]!,
      ...(range ? { ranges: parseUnicodeRange(range[1]!) } : {}),
    })
  }
  return rules
}

/** The text a page draws, by the faces that draw it. */
export interface PageText {
  /** In KaTeX's rendering (`.katex-html`): KaTeX's faces. */
  math: string
  /** The part of `math` inside each of KATEX_CLASS_FACES's classes (the only text those faces draw). */
  mathIn: Record<string, string>
  /** In code, pre, kbd and samp: the code face. */
  code: string
  /** Everything else drawn (slides, notes, the frame): the text face. */
  text: string
}

/**
 * KaTeX's classes that alone select a face (katex.css): text in no such class is not drawn in
 * that face. Other faces (KaTeX_Main, the Size faces…) are cut to all of the math's text.
 */
const KATEX_CLASS_FACES: Record<string, string[]> = {
  'KaTeX_Math-Italic': ['mathnormal'],
  'KaTeX_Math-BoldItalic': ['boldsymbol'],
  'KaTeX_AMS-Regular': ['amsrm', 'mathbb', 'textbb'],
  'KaTeX_Caligraphic-Regular': ['mathcal'],
}
const FACE_CLASSES = new Set(Object.values(KATEX_CLASS_FACES).flat())

/** Elements whose content is never drawn as text. */
const UNDRAWN = new Set(['script', 'style', 'template', 'title', 'math'])
const CODE = new Set(['code', 'pre', 'kbd', 'samp'])
/** Elements that have no end tag (the parser reports none for them in HTML). */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
])

/** One token of our own built page: a comment or doctype, a raw-text element, a tag, or text. */
const TOKEN =
  /<!--[\s\S]*?-->|<![^>]*>|<(script|style|template|title)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g
const CLASS = /(?:^|\s)class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/
const REFERENCE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/g
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** Text with the character references a serializer writes decoded. */
function decode(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(REFERENCE, (_all, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref]!
    const code =
      ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

/**
 * The text of a page's HTML by the faces that draw it (character references decoded). The
 * MathML copy of each formula (read by screen readers, drawn in no web font), attribute values,
 * scripts and styles are not counted; an inline SVG's text is the text face's (it inherits it).
 * The page is the build's own serialized output (every deck's HTML has been through the
 * sanitizer), read with a regular expression: a misreading costs a glyph, never safety.
 */
export function pageText(html: string): PageText {
  type Kind = 'math' | 'code' | 'text' | 'none'
  const out: PageText = { math: '', mathIn: {}, code: '', text: '' }
  const stack: { name: string; kind: Kind; faces: string[] }[] = []
  const kind = (): Kind => stack.at(-1)?.kind ?? 'text'
  for (const m of html.matchAll(TOKEN)) {
    const token = m[0]
    if (token.startsWith('<!') || m[1]) continue
    const name = m[3]?.toLowerCase()
    if (name === undefined) {
      const k = kind()
      if (k === 'none') continue
      const value = decode(token)
      out[k] += value
      if (k === 'math')
        for (const c of stack.at(-1)?.faces ?? []) out.mathIn[c] = (out.mathIn[c] ?? '') + value
      continue
    }
    if (m[2]) {
      const at = stack.findLastIndex((open) => open.name === name)
      if (at >= 0) stack.length = at
      continue
    }
    const attributes = m[4] ?? ''
    if (VOID.has(name) || attributes.trimEnd().endsWith('/')) continue
    const found = CLASS.exec(attributes)
    const classes = (found?.[1] ?? found?.[2] ?? found?.[3] ?? '').split(/\s+/)
    const outer = kind()
    const next =
      outer === 'none' || UNDRAWN.has(name) || classes.includes('katex-mathml')
        ? 'none'
        : classes.includes('katex-html')
          ? 'math'
          : outer === 'text' && CODE.has(name)
            ? 'code'
            : outer
    const faces = [...(stack.at(-1)?.faces ?? []), ...classes.filter((c) => FACE_CLASSES.has(c))]
    stack.push({ name, kind: next, faces })
  }
  return out
}

/** Printable ASCII: the text and code faces keep it (labels, numbers, typed search text). */
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('')

/** The code points of `text`, sorted. */
export function codePoints(text: string): number[] {
  const set = new Set<number>()
  for (const ch of text)
    if (!/\s/u.test(ch) || ch === ' ' || ch === '\u00a0') set.add(ch.codePointAt(0)!)
  return [...set].sort((a, b) => a - b)
}

/** Non-ASCII characters of `text` (the symbols the text face may leave to KaTeX_Main). */
const nonAscii = (text: string): string =>
  [...text].filter((ch) => ch.codePointAt(0)! > 0x7f).join('')

const inRanges = (code: number, ranges: [number, number][] | undefined): boolean =>
  !ranges || ranges.some(([from, to]) => code >= from && code <= to)

const require = createRequire(import.meta.url)

/** How a face is cut besides its characters: the text face's axis part and features. */
interface Cut {
  weights?: { min: number; max: number }
  features?: string[]
}

/** Cuts `font` to the glyphs of `text`, as `cut` says. */
type Subset = (font: Buffer, text: string, cut?: Cut) => Promise<Buffer>

/** harfbuzz's subsetter, loaded on first use (a deck without fonts to cut never loads it). */
const harfbuzz: Subset = async (font, text, cut = {}) => {
  const subsetFont = require('subset-font') as typeof import('subset-font').default
  return subsetFont(font, text, {
    targetFormat: 'woff2',
    // Hinting instructions are most of a small cut's bytes; slides draw text large.
    noHinting: true,
    ...(cut.weights ? { variationAxes: { wght: cut.weights } } : {}),
    ...(cut.features ? { keepFeatures: cut.features } : {}),
  })
}

/** `subset`, its results kept in `cacheDir` by the face's bytes, the characters and the cut. */
function cachedSubset(cacheDir: string | undefined, subset: Subset): Subset {
  return async (font, text, cut) => {
    if (!cacheDir) return subset(font, text, cut)
    const key = createHash('sha256')
      .update(font)
      .update(`\0${JSON.stringify(cut ?? null)}\0${text}`)
      .digest('hex')
    const path = join(cacheDir, `${key.slice(0, 32)}.woff2`)
    try {
      return readFileSync(path)
    } catch {
      // not cached yet
    }
    const out = await subset(font, text, cut)
    try {
      mkdirSync(cacheDir, { recursive: true })
      writeFileSync(`${path}.${process.pid}.tmp`, out)
      renameSync(`${path}.${process.pid}.tmp`, path)
    } catch {
      // A read-only tree still builds; it cuts again next time.
    }
    return out
  }
}

const hash8 = (bytes: Buffer | string): string =>
  createHash('sha256').update(bytes).digest('base64url').slice(0, 8)

/** `name.ext` -> `name-<hash>.ext` (a cut file keeps its face's name for the preloads). */
const renamed = (file: string, bytes: Buffer | string): string =>
  file.replace(/(\.[a-z0-9]+)$/i, `-${hash8(bytes)}$1`)

export interface SubsetOptions {
  /** Where results are kept (`<root>/node_modules/.cache/deck-fonts`); none: not kept. */
  cacheDir?: string
  /** The subsetter (tests may count its calls). */
  subset?: Subset
}

export interface SubsetReport {
  /** Files replaced: old name -> new name, relative to the folder (`assets/x.woff2`). */
  renamed: Map<string, string>
  /** woff2 bytes of the faces cut, before and after. */
  before: number
  after: number
}

/** The characters beyond ASCII in the runtime's scripts: the labels and symbols it draws. */
export function scriptText(dir: string): string {
  const assets = resolve(dir, 'assets')
  if (!existsSync(assets)) return ''
  const chars = new Set<string>()
  for (const file of readdirSync(assets))
    if (file.endsWith('.js'))
      for (const [ch] of readFileSync(resolve(assets, file), 'utf8').matchAll(/[^ -~\s]/gu))
        chars.add(ch)
  return [...chars].join('')
}

/**
 * Cuts the fonts in `dir/assets/` (a built deck's folder) to what `html` (its page) draws, and
 * returns the page with the new names (stylesheets, preloaded fonts). `extraText`: text the runtime draws (its
 * labels), counted for every face.
 */
export async function subsetDeckFonts(
  dir: string,
  html: string,
  extraText: string,
  options: SubsetOptions = {},
): Promise<{ html: string; report: SubsetReport }> {
  const subset = cachedSubset(options.cacheDir, options.subset ?? harfbuzz)
  const assets = resolve(dir, 'assets')
  const report: SubsetReport = { renamed: new Map(), before: 0, after: 0 }
  if (!existsSync(assets)) return { html, report }
  const drawn = pageText(html)
  const used = new Set([...katexFaces(html), ...SYMBOL_FACES])
  /** The characters each face is cut to. */
  const charsFor = (family: string, name: string): number[] => {
    if (family === TEXT_FAMILY) return codePoints(ASCII + drawn.text + extraText)
    if (family === CODE_FAMILY) return codePoints(CODE_LABELS + drawn.code + extraText)
    const symbols = SYMBOL_FACES.some((face) => name.startsWith(`${face}-`))
      ? nonAscii(drawn.text + drawn.code + extraText)
      : ''
    const only = Object.entries(KATEX_CLASS_FACES).find(([face]) => name.startsWith(`${face}-`))
    const math = only ? only[1].map((c) => drawn.mathIn[c] ?? '').join('') : drawn.math
    return codePoints(MATH_CSS_TEXT + math + symbols)
  }
  const sheets = readdirSync(assets).filter((f) => f.endsWith('.css'))
  let page = html
  for (const sheet of sheets) {
    let css = readFileSync(resolve(assets, sheet), 'utf8')
    const cuts = new Map<string, string>()
    for (const rule of fontFaceRules(css)) {
      const family = rule.family
      if (family !== TEXT_FAMILY && family !== CODE_FAMILY && !family.startsWith('KaTeX_')) continue
      // No code on the slides: the code face is left whole (only the keys' help may draw it).
      if (family === CODE_FAMILY && !drawn.code.trim()) continue
      if (cuts.has(rule.file)) continue
      const name = rule.file.replace(/^\.\//, '')
      if (name.includes('/') || !existsSync(resolve(assets, name))) continue
      if (
        rule.family.startsWith('KaTeX_') &&
        ![...used].some((face) => name.startsWith(`${face}-`))
      )
        continue
      const chars = charsFor(family, name).filter((code) => inRanges(code, rule.ranges))
      if (chars.length === 0) continue
      const font = readFileSync(resolve(assets, name))
      const out = await subset(
        font,
        String.fromCodePoint(...chars),
        family === TEXT_FAMILY ? { weights: TEXT_WEIGHTS, features: TEXT_FEATURES } : undefined,
      )
      // A cut that saves nothing (or grows) keeps the original.
      if (out.length >= font.length) continue
      const next = renamed(name, out)
      writeFileSync(resolve(assets, next), out)
      rmSync(resolve(assets, name))
      cuts.set(rule.file, `./${next}`)
      report.renamed.set(`assets/${name}`, `assets/${next}`)
      report.before += font.length
      report.after += out.length
    }
    if (cuts.size === 0) continue
    for (const [from, to] of cuts) css = css.split(from).join(to)
    const nextSheet = renamed(sheet, css)
    writeFileSync(resolve(assets, nextSheet), css)
    rmSync(resolve(assets, sheet))
    report.renamed.set(`assets/${sheet}`, `assets/${nextSheet}`)
    // A script naming the stylesheet (a dynamic import's styles) names the new one.
    for (const script of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(resolve(assets, script), 'utf8')
      if (!code.includes(sheet)) continue
      // A new file, not the old one written over: the folder's files may be links to the shell's.
      rmSync(resolve(assets, script))
      writeFileSync(resolve(assets, script), code.split(sheet).join(nextSheet))
    }
  }
  // The page names the new files: its stylesheet (and any font it preloads already).
  for (const [from, to] of report.renamed) page = page.split(from).join(to)
  return { html: page, report }
}
