// Figure cards: what a figure shows, its caption, where it is, and a QR code drawn at build time.
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { qrSvg } from '../../../src/charts/qr.ts'
import { compileFiles } from '../../../src/compiler/index.ts'
import { formatAll, ROOT } from '../../helpers/deck.ts'
import { newestDeck } from '../../helpers/sessions.ts'

/** The session's figures file: the cards of a deck read the one in its own folder. */
const SESSION = newestDeck()
const figures = (
  JSON.parse(readFileSync(resolve(SESSION, 'data/paper-figures.json'), 'utf8')) as {
    figures: Record<string, { what: string; caption: string; where: string; url: string }>
  }
).figures

/** Compiles one slide in the session's folder. */
const compileSlide = (body: string): ReturnType<typeof compileFiles> =>
  compileFiles(
    [
      {
        absPath: resolve(SESSION, 'x.md'),
        path: 'deck/01.md',
        text: `---\ntitle: T\n---\n${body}`,
      },
    ],
    { dir: SESSION, root: ROOT },
  )

const card = (n: string): ReturnType<typeof load> => {
  const result = compileSlide(`\`\`\`chart\nfigure-card\nfigure: ${n}\n\`\`\`\n`)
  const html = result.deck.slides.map((s) => s.html).join('\n')
  expect(formatAll(result)).toBe('')
  return load(html)
}

describe('figure-card', () => {
  it('the session deck shows a card for each figure of its figures file', () => {
    const text = readFileSync(resolve(SESSION, '04-paper.md'), 'utf8')
    const shown = [...text.matchAll(/^```chart\nfigure-card\nfigure: (\d+)\n```$/gm)].map(
      (m) => m[1],
    )
    expect(shown.sort()).toEqual(Object.keys(figures).sort())
  })

  for (const n of Object.keys(figures)) {
    it(`figure ${n}: what it shows, the caption verbatim, where it is, a link and a QR code`, () => {
      const $ = card(n)
      const f = figures[n]!
      const figure = $('figure.deck-figure-card')
      expect(figure).toHaveLength(1)
      expect(figure.find('.deck-figure-what').text()).toBe(`Figure ${n}: ${f.what}`)
      expect(figure.find('figcaption').text()).toBe(`Caption: “${f.caption}”`)
      expect(figure.find('.deck-figure-where').text()).toContain(f.where)
      expect(figure.find('a').attr('href')).toBe(f.url)
      expect(f.url).toMatch(/^https:\/\/arxiv\.org\/html\/2504\.13837v2#S\d\.F\d+$/)
      expect(figure.find('.deck-qr svg')).toHaveLength(1)
      expect(figure.find('.deck-qr svg').attr('aria-label')).toContain(`Figure ${n}`)
    })
  }

  it('quotes the Figure 2 caption of v2 in full (paper-brief §5)', () => {
    expect(figures['2']!.caption).toBe(
      'Pass@k curves of base models and their RLVR-trained counterparts across multiple mathematical benchmarks. When k is small, RL-trained models outperform their base versions. However, as k increases to the tens or hundreds, base models consistently catch up and surpass RL-trained models. More results on GSM8K and AMC23 can be found at Figure 9.',
    )
  })

  it('reports a figure the data file does not have as a chart-data error at the chart name', () => {
    const result = compileSlide('## S\n\n```chart\nfigure-card\nfigure: 5\n```\n')
    expect(formatAll(result)).toBe(
      'deck/01.md:7:1: error: chart `figure-card`: data/paper-figures.json has no figure 5 (it has 2, 3, 7) [chart-data]',
    )
  })
})

describe('the QR code', () => {
  const svg = qrSvg('https://arxiv.org/html/2504.13837v2#S3.F2', 'QR code: Figure 2')
  const $ = load(svg, { xml: true })

  it('is an SVG made of one rect and one path only: no image, no text, no script', () => {
    const tags = $('svg *')
      .toArray()
      .map((e) => (e as { tagName: string }).tagName)
    expect(new Set(tags)).toEqual(new Set(['rect', 'path']))
    expect(tags.filter((t) => t === 'path')).toHaveLength(1)
    expect(svg).not.toMatch(/<image|<text|<script|data:|href=/)
    // Modules: a square grid (version 1 is 21 modules, each version adds 4) plus a 4-module margin.
    const [, , w, h] = $('svg').attr('viewBox')!.split(' ').map(Number)
    expect(w).toBe(h)
    expect((w! - 8 - 21) % 4).toBe(0)
    expect($('path').attr('d')).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/)
    // The three finder patterns: the top-left one starts with a 7-module run on row 4.
    expect($('path').attr('d')).toMatch(/^M4 4h7v1h-7z/)
  })

  it('differs for different links, and is the same for the same link (built, not fetched)', () => {
    expect(qrSvg('https://a.example/1', 'x')).toBe(qrSvg('https://a.example/1', 'x'))
    expect(qrSvg('https://a.example/1', 'x')).not.toBe(qrSvg('https://a.example/2', 'x'))
  })

  it('is drawn at compile time: the compiled slide holds it, and no browser code draws QR codes', () => {
    const $$ = card('3')
    expect($$('.deck-qr svg path').attr('d')).toBe(
      load(qrSvg(figures['3']!.url, 'x'), { xml: true })('path').attr('d'),
    )
    const runtime = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? runtime(resolve(dir, e.name)) : [resolve(dir, e.name)],
      )
    for (const file of [
      ...runtime(resolve(ROOT, 'src/runtime')),
      ...runtime(resolve(ROOT, 'src/shared')),
    ])
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/from ['"]qrcode['"]/)
  })
})
