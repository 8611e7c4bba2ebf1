// Which KaTeX font faces a page's math uses, so only those are preloaded (src/vite/font-preload.ts).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import katex from 'katex'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../../../src/site/paths.ts'
import { faceFont, firstSlide, katexFaces } from '../../../src/vite/font-preload.ts'

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

describe('faceFont', () => {
  it('is the CSS font selecting the face katex.css names by its file', () => {
    expect(faceFont('KaTeX_Main-Regular')).toBe('400 1em KaTeX_Main')
    expect(faceFont('KaTeX_Math-Italic')).toBe('italic 400 1em KaTeX_Math')
    expect(faceFont('KaTeX_Main-BoldItalic')).toBe('italic 700 1em KaTeX_Main')
    expect(faceFont('KaTeX_SansSerif-Bold')).toBe('700 1em KaTeX_SansSerif')
    expect(faceFont('KaTeX_Size4-Regular')).toBe('400 1em KaTeX_Size4')
  })

  it('names every face katex.css declares as it declares it (family, style, weight)', () => {
    const css = readFileSync(resolve(ROOT, 'node_modules/katex/dist/katex.min.css'), 'utf8')
    const declared = [...css.matchAll(/@font-face\{([^}]*)\}/g)].map(([, body]) => {
      const family = /font-family:([^;]+)/.exec(body!)![1]!.replace(/["']/g, '')
      const style = /font-style:([^;]+)/.exec(body!)![1]!
      const weight = /font-weight:([^;]+)/
        .exec(body!)![1]!
        .replace('normal', '400')
        .replace('bold', '700')
      const file = /url\(fonts\/([^.]+)\.woff2\)/.exec(body!)![1]!
      return { file, font: `${style === 'italic' ? 'italic ' : ''}${weight} 1em ${family}` }
    })
    expect(declared.length).toBeGreaterThan(15)
    for (const { file, font } of declared) expect(faceFont(file), file).toBe(font)
  })
})
