// deck:font-preload — `<link rel="preload">` for the fonts the page's first paint needs:
// Inter's Latin face (all text) and the woff2 file of each KaTeX font face slide 1's math uses,
// found from KaTeX's class names in its compiled HTML (katex.css maps each class to a face). The
// faces only later slides use are not preloaded (they would compete with what slide 1 needs):
// they are named in `<meta name="deck-fonts">`, and the page loads them once its deck has started
// (src/runtime/fonts.ts), so that no step waits for a font and lays its slide out again.
import type { Plugin } from 'vite'
import { DECK_FONTS_META, DECK_FONTS_SEPARATOR } from '../shared/fonts.ts'

/** KaTeX's CSS: which class selects which font face (file name stem), from katex.min.css 0.16+. */
const KATEX_FACES: [RegExp, string][] = [
  [/\bclass="[^"]*\bkatex\b/, 'KaTeX_Main-Regular'],
  [/\bclass="[^"]*\bmathnormal\b/, 'KaTeX_Math-Italic'],
  [/\bclass="[^"]*\b(mathit|textit)\b/, 'KaTeX_Main-Italic'],
  [/\bclass="[^"]*\b(mathbf|textbf)\b/, 'KaTeX_Main-Bold'],
  [/\bclass="[^"]*\bboldsymbol\b/, 'KaTeX_Math-BoldItalic'],
  [/\bclass="[^"]*\b(amsrm|mathbb|textbb)\b/, 'KaTeX_AMS-Regular'],
  [/\bclass="[^"]*\bmathcal\b/, 'KaTeX_Caligraphic-Regular'],
  [/\bclass="[^"]*\b(mathfrak|textfrak)\b/, 'KaTeX_Fraktur-Regular'],
  [/\bclass="[^"]*\b(mathboldfrak|textboldfrak)\b/, 'KaTeX_Fraktur-Bold'],
  [/\bclass="[^"]*\b(mathtt|texttt)\b/, 'KaTeX_Typewriter-Regular'],
  [/\bclass="[^"]*\b(mathscr|textscr)\b/, 'KaTeX_Script-Regular'],
  [/\bclass="[^"]*\b(mathsf|textsf)\b/, 'KaTeX_SansSerif-Regular'],
  [/\bclass="[^"]*\b(mathboldsf|textboldsf)\b/, 'KaTeX_SansSerif-Bold'],
  [/\bclass="[^"]*\b(mathitsf|mathsfit|textitsf)\b/, 'KaTeX_SansSerif-Italic'],
  [/\bclass="[^"]*\b(size1|small-op|delim-size1)\b/, 'KaTeX_Size1-Regular'],
  [/\bclass="[^"]*\b(size2|large-op)\b/, 'KaTeX_Size2-Regular'],
  [/\bclass="[^"]*\bsize3\b/, 'KaTeX_Size3-Regular'],
  [/\bclass="[^"]*\b(size4|delim-size4)\b/, 'KaTeX_Size4-Regular'],
]

/** The KaTeX font faces (file name stems, e.g. `KaTeX_Math-Italic`) the HTML's math uses. */
export function katexFaces(html: string): string[] {
  if (!html.includes('class="katex')) return []
  // Only the visible rendering: the MathML copy uses the system's math font, not KaTeX's.
  const visible = html.replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '')
  return KATEX_FACES.filter(([re]) => re.test(visible)).map(([, face]) => face)
}

/**
 * The CSS font shorthand selecting a KaTeX face (katex.css names faces `<family>-<variant>`):
 * `KaTeX_Main-BoldItalic` is `italic 700 1em KaTeX_Main`.
 */
export function faceFont(face: string): string {
  const [family, variant = 'Regular'] = face.split('-')
  const italic = variant.includes('Italic') ? 'italic ' : ''
  const weight = variant.includes('Bold') ? '700' : '400'
  return `${italic}${weight} 1em ${family}`
}

/** Slide 1's HTML: the first `<section>` of the slides (a slide's sections never nest). */
export function firstSlide(html: string): string {
  return /<div class="slides"[^>]*>\s*(<section\b[\s\S]*?<\/section>)/.exec(html)?.[1] ?? ''
}

/** The Inter face every slide's text uses (Latin; the other subsets load only if needed). */
const TEXT_FACE = /^inter-latin-wght-normal-/

/**
 * Adds to a page with slides, before `</head>`, the meta naming later slides' faces and the
 * preloads of what slide 1 uses. `files`: the build's files (`assets/inter-….woff2`…), relative
 * to the page, whose assets are relative (base './'); the tags are written as Vite writes
 * injected tags, so the Vite build and the shell (src/site/shell.ts) write the same page.
 */
export function addFontPreloads(html: string, files: readonly string[]): string {
  if (!html.includes('class="reveal"')) return html
  const faces = katexFaces(firstSlide(html))
  const later = katexFaces(html).filter((face) => !faces.includes(face))
  const fonts = files.filter((file) => {
    const name = file.split('/').pop()!
    if (!name.endsWith('.woff2')) return false
    return TEXT_FACE.test(name) || faces.some((face) => name.startsWith(`${face}-`))
  })
  const tags = [
    `<meta name="${DECK_FONTS_META}" content="${later.map(faceFont).join(DECK_FONTS_SEPARATOR)}">`,
    ...[...fonts]
      .sort()
      .map(
        (file) =>
          `<link rel="preload" href="./${file}" as="font" type="font/woff2" crossorigin="">`,
      ),
  ]
  return html.replace(
    /([ \t]*)<\/head>/i,
    (_all, indent: string) =>
      tags.map((tag) => `${indent}  ${tag}\n`).join('') + `${indent}</head>`,
  )
}

/** `deck:font-preload`: adds the preloads to each built page that has slides. */
export function fontPreloadPlugin(): Plugin {
  return {
    name: 'deck:font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html
        return addFontPreloads(html, Object.keys(ctx.bundle))
      },
    },
  }
}
