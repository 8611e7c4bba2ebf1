import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  codePoints,
  fontFaceRules,
  pageText,
  parseUnicodeRange,
  subsetDeckFonts,
} from '../../../src/site/font-subset.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('pageText', () => {
  it('sorts the drawn text by face and leaves out what is not drawn', () => {
    const html = `<p>Plain &amp; “quoted” <code>x =&gt; y</code></p>
      <span class="katex"><span class="katex-mathml"><math><mi>π</mi></math></span><span class="katex-html" aria-hidden="true"><span class="mord mathnormal">x</span><span class="mord mathbb">E</span><span class="mord">2</span></span></span>
      <svg><text>≈ 62%</text></svg><script>var s = "ß"</script><img alt="Ω"><br>after`
    const text = pageText(html)
    expect(text.code).toBe('x => y')
    expect(text.math).toBe('xE2')
    expect(text.mathIn).toEqual({ mathnormal: 'x', mathbb: 'E' })
    expect(text.text).toContain('Plain & “quoted”')
    expect(text.text).toContain('≈ 62%')
    expect(text.text).toContain('after')
    // The MathML copy, the script and the attribute are not drawn.
    for (const ch of ['π', 'ß', 'Ω']) expect(text.text + text.math + text.code).not.toContain(ch)
  })
})

describe('the stylesheet', () => {
  it('reads unicode ranges, wildcards included', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131, U+4??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x400, 0x4ff],
    ])
  })

  it('reads the woff2 source, family and range of each @font-face', () => {
    const css = `@font-face{font-family:"Inter Variable";src:url(./inter-latin-AAAA.woff2)format("woff2");unicode-range:U+0000-00FF}@font-face{font-family:KaTeX_Main;src:url(./KaTeX_Main-Regular-BBBB.woff2)format("woff2"),url(./x.woff)format("woff")}@font-face{font-family:Old;src:url(./old.ttf)}`
    expect(fontFaceRules(css)).toEqual([
      { family: 'Inter Variable', file: './inter-latin-AAAA.woff2', ranges: [[0, 0xff]] },
      { family: 'KaTeX_Main', file: './KaTeX_Main-Regular-BBBB.woff2' },
    ])
  })

  it('counts each character once, white space but the space left out', () => {
    expect(codePoints('ba a\n\tb')).toEqual([0x20, 0x61, 0x62])
  })
})

describe('subsetDeckFonts', () => {
  /** A built deck's folder: a stylesheet naming three faces, and the faces. */
  function deck(): string {
    const dir = mkdtempSync(join(tmpdir(), 'font-subset-'))
    dirs.push(dir)
    mkdirSync(join(dir, 'assets'))
    const css = [
      `@font-face{font-family:Inter Variable;src:url(./inter-latin-AAAA.woff2)format("woff2");unicode-range:U+0000-00FF}`,
      `@font-face{font-family:Inter Variable;src:url(./inter-greek-CCCC.woff2)format("woff2");unicode-range:U+0370-03FF}`,
      `@font-face{font-family:KaTeX_Math;src:url(./KaTeX_Math-Italic-DDDD.woff2)format("woff2")}`,
      `@font-face{font-family:KaTeX_Fraktur;src:url(./KaTeX_Fraktur-Regular-EEEE.woff2)format("woff2")}`,
    ].join('')
    writeFileSync(join(dir, 'assets/index-FFFF.css'), css)
    writeFileSync(join(dir, 'assets/index-GGGG.js'), 'import "./index-FFFF.css"; label("→")')
    for (const name of [
      'inter-latin-AAAA',
      'inter-greek-CCCC',
      'KaTeX_Math-Italic-DDDD',
      'KaTeX_Fraktur-Regular-EEEE',
    ])
      writeFileSync(join(dir, `assets/${name}.woff2`), 'x'.repeat(1000))
    return dir
  }

  it('cuts the faces the page draws, renames them and their stylesheet, and leaves the rest', async () => {
    const dir = deck()
    const calls: { text: string; cut: unknown }[] = []
    const html = `<link rel="stylesheet" href="./assets/index-FFFF.css"><p>Hi</p><span class="katex"><span class="katex-html"><span class="mord mathnormal">k</span></span></span>`
    const { html: page, report } = await subsetDeckFonts(dir, html, '→', {
      subset: async (_font, text, cut) => {
        calls.push({ text, cut })
        return Buffer.from(`cut:${text}`)
      },
    })
    // The Latin text face and the math face the formula uses; no Greek is drawn, no Fraktur used.
    expect(calls).toHaveLength(2)
    expect(calls[0]!.text).toContain('H')
    expect(calls[0]!.cut).toMatchObject({ weights: { min: 400, max: 700 } })
    expect(calls[1]!.text).toBe('()0123456789k')
    const files = readdirSync(join(dir, 'assets'))
    expect(files).toContain('inter-greek-CCCC.woff2')
    expect(files).toContain('KaTeX_Fraktur-Regular-EEEE.woff2')
    expect(files).not.toContain('inter-latin-AAAA.woff2')
    expect(files).not.toContain('index-FFFF.css')
    const latin = report.renamed.get('assets/inter-latin-AAAA.woff2')!
    const sheet = report.renamed.get('assets/index-FFFF.css')!
    expect(latin).toMatch(/^assets\/inter-latin-AAAA-[\w-]{8}\.woff2$/)
    expect(existsSync(join(dir, latin))).toBe(true)
    expect(readFileSync(join(dir, sheet), 'utf8')).toContain(`url(./${latin.slice(7)})`)
    expect(page).toContain(`href="./${sheet}"`)
    expect(readFileSync(join(dir, 'assets/index-GGGG.js'), 'utf8')).toContain(sheet.slice(7))
  })

  it('keeps a cut that saves nothing out, and reads a cached cut instead of cutting again', async () => {
    const dir = deck()
    const cacheDir = join(dir, 'cache')
    let cuts = 0
    const subset = async (): Promise<Buffer> => {
      cuts++
      return Buffer.from('small')
    }
    const html = '<p>Hi</p>'
    await subsetDeckFonts(dir, html, '', { cacheDir, subset })
    expect(cuts).toBe(1)
    const again = deck()
    await subsetDeckFonts(again, html, '', { cacheDir, subset })
    expect(cuts).toBe(1)
    const grown = deck()
    await subsetDeckFonts(grown, html, '', { subset: async () => Buffer.alloc(5000) })
    expect(readdirSync(join(grown, 'assets'))).toContain('inter-latin-AAAA.woff2')
  })
})
