// Every font the slides use, loaded while the deck starts. Text in
// a face that has not loaded yet is laid out twice: once when its slide is shown next to the
// current one, and again when the font arrives — in the middle of a later step. Loaded ahead,
// no step waits for a font, and a presenter who loses the network keeps every face.
import { DECK_FONTS_META, DECK_FONTS_SEPARATOR } from '../shared/fonts.ts'

/** The family the slides' text is set in (theme.css `--r-main-font`). */
const TEXT_FAMILY = '"Inter Variable"'

/** The face that draws the symbols the text face's subsets lack (theme.css `--r-main-font`). */
const SYMBOL_FAMILY = 'KaTeX_Main'

/** Whether a code point is in a CSS `unicode-range` list (`U+0000-00FF, U+0131, …`). */
export function inUnicodeRange(ranges: string, code: number): boolean {
  return ranges.split(',').some((part) => {
    const [from = '', to = from] = part.trim().replace(/^U\+/i, '').split('-')
    return code >= parseInt(from, 16) && code <= parseInt(to, 16)
  })
}

/** The characters of `text` no face of `family` covers (white space aside). */
export function uncovered(text: string, family: string, faces: Iterable<FontFace>): string {
  const ranges = [...faces]
    .filter((face) => face.family.replace(/^["']|["']$/g, '') === family)
    .map((face) => face.unicodeRange)
  if (!ranges.length) return ''
  const out = new Set<string>()
  for (const ch of text) {
    if (/\s/.test(ch) || out.has(ch)) continue
    const code = ch.codePointAt(0)!
    if (!ranges.some((r) => inUnicodeRange(r, code))) out.add(ch)
  }
  return [...out].join('')
}

/** The text the text face draws: the slides' text but maths (KaTeX's faces) and code. */
function textFaceText(slides: HTMLElement): string {
  const walker = document.createTreeWalker(slides, NodeFilter.SHOW_TEXT)
  let out = ''
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    if (!node.parentElement?.closest(`.katex, ${CODE_ELEMENTS}`)) out += (node as Text).data
  return out
}

/** The family code is set in (theme.css `--r-code-font`), and the elements drawn in it. */
const CODE_FAMILY = '"JetBrains Mono"'
const CODE_ELEMENTS = 'code, pre, kbd, samp'

/** The faces the page names (`<meta name="deck-fonts">`, the build's list), as CSS fonts. */
export function namedFonts(doc: Document = document): string[] {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${DECK_FONTS_META}"]`)?.content
  return (content ?? '')
    .split(DECK_FONTS_SEPARATOR)
    .map((font) => font.trim())
    .filter(Boolean)
}

/**
 * Loads the named faces, the text face's subsets the slides' characters need (Inter comes in
 * unicode-range subsets: Latin, Latin Extended, Greek…) and the code face's subsets the slides'
 * code needs, in a task of its own. Called once slide 1 is on screen (src/runtime/main.ts),
 * beside the fetch of reveal.js: in before the first step.
 */
export function loadDeckFonts(slides: HTMLElement): void {
  setTimeout(() => {
    const loads = namedFonts().map((font) => document.fonts.load(font))
    // Only the text the text face draws: not the math (KaTeX's faces draw it; its MathML copy
    // is drawn in none of the page's fonts), so a formula's Greek loads no Greek subset.
    const text = textFaceText(slides)
    loads.push(document.fonts.load(`1em ${TEXT_FAMILY}`, text))
    // Symbols outside the text face's subsets are drawn by the symbol face: load its regular
    // and bold faces for them too (bold for headings and strong text).
    const symbols = uncovered(text, TEXT_FAMILY.replace(/"/g, ''), document.fonts)
    if (symbols)
      for (const weight of ['400', '700'])
        loads.push(document.fonts.load(`${weight} 1em ${SYMBOL_FAMILY}`, symbols))
    // The code face's subsets the slides' code draws (none when the deck shows no code).
    const code = Array.from(slides.querySelectorAll(CODE_ELEMENTS), (el) => el.textContent).join('')
    if (code.trim()) loads.push(document.fonts.load(`1em ${CODE_FAMILY}`, code))
    // A face that fails to load falls back as CSS says: nothing to report here.
    void Promise.allSettled(loads)
  }, 0)
}
