// Which KaTeX font faces a page's math uses, so only those are preloaded (src/vite/font-preload.ts).
import katex from 'katex'
import { describe, expect, it } from 'vitest'
import { firstSlide, katexFaces } from '../../../src/vite/font-preload.ts'

const tex = (source: string, displayMode = false): string =>
  katex.renderToString(source, { output: 'htmlAndMathml', displayMode, throwOnError: true })

describe('katexFaces', () => {
  it('finds no face in a page without math', () => {
    expect(katexFaces('<section><h2>Plain</h2><p>text</p></section>')).toEqual([])
  })

  it('finds the main and math italic faces of a simple formula', () => {
    expect(katexFaces(tex('x + 1'))).toEqual(['KaTeX_Main-Regular', 'KaTeX_Math-Italic'])
  })

  it('finds blackboard bold, calligraphic and the big operators', () => {
    const faces = katexFaces(
      tex(String.raw`\mathbb{E}\left[\sum_{i=1}^n \mathcal{L}_i\right]`, true),
    )
    expect(faces).toContain('KaTeX_AMS-Regular')
    expect(faces).toContain('KaTeX_Caligraphic-Regular')
    expect(faces).toContain('KaTeX_Size2-Regular')
    expect(faces).not.toContain('KaTeX_Fraktur-Regular')
    expect(faces).not.toContain('KaTeX_Typewriter-Regular')
  })

  it('ignores the MathML copy (read by screen readers, drawn in the system font)', () => {
    const html = tex(String.raw`\mathfrak{g}`)
    expect(katexFaces(html)).toContain('KaTeX_Fraktur-Regular')
    const mathmlOnly = html.replace(/<span class="katex-html"[\s\S]*$/, '</span>')
    expect(katexFaces(mathmlOnly.replace('class="katex"', 'class="katex x"'))).toEqual([
      'KaTeX_Main-Regular',
    ])
  })
})

describe('firstSlide', () => {
  it('is the first section of the slides, so only its math decides the preloads', () => {
    const page = `<div class="reveal"><div class="slides" id="slidecontent"><section id="a"><h1>Title</h1></section>
<section id="b">${tex('\\mathbb{R}')}</section></div></div>`
    expect(firstSlide(page)).toBe('<section id="a"><h1>Title</h1></section>')
    expect(katexFaces(firstSlide(page))).toEqual([])
    expect(katexFaces(page)).toContain('KaTeX_AMS-Regular')
  })
})
