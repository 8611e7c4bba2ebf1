// `npm run pdf` prints the deck to <slug>.pdf (one page per slide, fragments
// complete, math as text with KaTeX's fonts embedded, links kept) and `--notes` to
// <slug>-handout.pdf (the notes under each slide); the built site links its PDF. Checked with
// poppler-utils (pdfinfo, pdftotext, pdffonts). Every page carries n / N, the
// short title and the presenter; the fonts are real fonts (no Type 3); building the site keeps the
// PDFs that match their slides, so the home page never links a missing one.
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { buildSite, compileSite } from '../../src/site/build.ts'
import { ROOT } from '../../src/site/paths.ts'
import { stampOf } from '../../src/site/pdfs.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { deckDist, launchChromium, serveSite } from '../helpers/browser.ts'

const DECK = newestDeck()
const SLUG = basename(DECK)
const OUT = resolve(ROOT, '.tmp/present-pdf')
const PDF = resolve(OUT, `${SLUG}.pdf`)
const HANDOUT = resolve(OUT, `${SLUG}-handout.pdf`)
const deck = compileDeck(DECK, { root: ROOT }).deck
const pageOf = (id: string): number => deck.slides.findIndex((s) => s.id === id) + 1
const run = promisify(execFile)

const poppler = (tool: string, ...args: string[]): string =>
  execFileSync(tool, args, { encoding: 'utf8' })
const pageText = (file: string, page: number): string =>
  poppler('pdftotext', '-f', String(page), '-l', String(page), '-layout', file, '-')
const info = (file: string): Record<string, string> =>
  Object.fromEntries(
    poppler('pdfinfo', file)
      .split('\n')
      .map((line) => line.split(/:\s+/, 2))
      .filter((kv) => kv.length === 2),
  )

let outputs: string[] = []
const tsx = resolve(ROOT, 'node_modules/.bin/tsx')
const slides = ['--slides', DECK, '--out', OUT]

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  // Both at once: each builds the deck and prints it in its own Chromium.
  const results = await Promise.all([
    run(tsx, ['src/cli/pdf.ts', ...slides], { cwd: ROOT, timeout: 150_000 }),
    run(tsx, ['src/cli/pdf.ts', ...slides, '--notes'], { cwd: ROOT, timeout: 150_000 }),
  ])
  outputs = results.map((r) => r.stdout)
}, 180_000)

afterAll(() => rmSync(OUT, { recursive: true, force: true }))

describe('npm run pdf', () => {
  it('writes <slug>.pdf with one page per slide', () => {
    expect(outputs[0]).toMatch(new RegExp(`wrote .*${SLUG}\\.pdf \\(${deck.slides.length} slides`))
    const pdf = info(PDF)
    console.log(`${SLUG}.pdf: ${pdf.Pages} pages, ${pdf['Page size']}, ${pdf['File size']}`)
    expect(Number(pdf.Pages)).toBe(deck.slides.length)
    // 1280x720 CSS px = 960x540 pt: the slide, edge to edge.
    expect(pdf['Page size']).toMatch(/^960 x 540 pts/)
  })

  it('has the math slide’s text, formula included, as text', () => {
    const text = pageText(PDF, pageOf('pass-at-k-definition'))
    expect(text).toContain('What is pass@k?')
    expect(text).toMatch(/pass@k\s*=\s*E\s*problems/)
    expect(text).toContain('samples per problem')
    expect(text).toContain('≥')
  })

  it('embeds the fonts (KaTeX and the text face), shows fragments complete, keeps links', () => {
    const fonts = poppler('pdffonts', PDF)
    expect(fonts).toMatch(/KaTeX_Main-Regular\s+CID TrueType\s+Identity-H\s+yes/)
    expect(fonts).toMatch(/KaTeX_Math-Italic/)
    expect(fonts).not.toMatch(/\bno\s+\S+\s+\S+\s+\d+ 0\s*$/m) // every font embedded
    const fragments = pageText(PDF, pageOf('problems-with-rlhf'))
    expect(fragments).toContain('What is the limiting factor for RLHF?')
    expect(fragments).toContain('How can we scale it up?')
    expect(poppler('pdfinfo', '-url', PDF)).toContain('https://arxiv.org/abs/2504.13837')
  })
})

describe('every page of the PDF', () => {
  it('carries n / N, the short title and the presenter', () => {
    const { shortTitle, title, presenter } = deck.meta
    const missing: string[] = []
    for (let n = 1; n <= deck.slides.length; n++) {
      const text = pageText(PDF, n)
      for (const part of [`${n} / ${deck.slides.length}`, shortTitle ?? title, presenter ?? ''])
        if (!text.includes(part)) missing.push(`page ${n}: ${part}`)
    }
    expect(missing).toEqual([])
  })

  it('embeds the text face as a real font, static Inter, with no Type 3 font', () => {
    for (const file of [PDF, HANDOUT]) {
      const fonts = poppler('pdffonts', file)
      expect(fonts).not.toMatch(/Type 3/)
      expect(fonts).toMatch(/Inter-Regular\s+CID TrueType\s+Identity-H\s+yes/)
      expect(fonts).toMatch(/Inter-Bold\s+CID TrueType/)
    }
  })
})

describe('npm run pdf -- --notes', () => {
  it('writes <slug>-handout.pdf: one page per slide, its notes under it', () => {
    expect(outputs[1]).toMatch(new RegExp(`wrote .*${SLUG}-handout\\.pdf`))
    const pdf = info(HANDOUT)
    expect(Number(pdf.Pages)).toBe(deck.slides.length)
    const [width, height] = pdf['Page size']!.match(/[\d.]+/g)!.map(Number)
    expect(width).toBe(960)
    expect(height).toBeGreaterThan(540 + 60)
    const text = pageText(HANDOUT, pageOf('pass-at-k-definition'))
    const slideAt = text.indexOf('What is pass@k?')
    const notesAt = text.indexOf('the proportion of problems in the dataset')
    expect(slideAt).toBeGreaterThanOrEqual(0)
    expect(notesAt).toBeGreaterThan(slideAt)
  })
})

describe('npm run pdf again', () => {
  it('keeps the PDF printed from the same slides by the same tool, without printing it', async () => {
    const printed = readFileSync(PDF)
    const { stdout } = await run(tsx, ['src/cli/pdf.ts', ...slides], {
      cwd: ROOT,
      timeout: 150_000,
    })
    expect(stdout).toMatch(new RegExp(`kept .*${SLUG}\\.pdf .*unchanged since it was printed`))
    expect(stdout).not.toMatch(/^wrote /m)
    expect(readFileSync(PDF).equals(printed)).toBe(true)
  }, 180_000)
})

describe('building the site', () => {
  it('keeps the PDFs printed from the slides as they are, and the home page links them', async () => {
    const site = resolve(OUT, 'rebuilt')
    const decks = await compileSite()
    mkdirSync(resolve(site, SLUG), { recursive: true })
    cpSync(PDF, resolve(site, SLUG, `${SLUG}.pdf`))
    cpSync(stampOf(PDF), stampOf(resolve(site, SLUG, `${SLUG}.pdf`)))
    const kept = await buildSite(decks, site)
    expect(kept).toEqual({ kept: [`${SLUG}/${SLUG}.pdf`], stale: [] })
    expect(readFileSync(resolve(site, SLUG, `${SLUG}.pdf`)).equals(readFileSync(PDF))).toBe(true)
    expect(readFileSync(resolve(site, 'index.html'), 'utf8')).toContain(`${SLUG}/${SLUG}.pdf`)
    // Printed from other slides: left out, and no longer linked.
    writeFileSync(stampOf(resolve(site, SLUG, `${SLUG}.pdf`)), 'older slides\n')
    const dropped = await buildSite(decks, site)
    expect(dropped).toEqual({ kept: [], stale: [`${SLUG}/${SLUG}.pdf`] })
    expect(existsSync(resolve(site, SLUG, `${SLUG}.pdf`))).toBe(false)
    expect(readFileSync(resolve(site, 'index.html'), 'utf8')).not.toContain(`${SLUG}.pdf`)
  }, 120_000)
})

describe('the built site', () => {
  it('links its PDF from the reading view, relative to the deck', async () => {
    const site = resolve(OUT, 'site')
    cpSync(deckDist(), site, { recursive: true })
    cpSync(PDF, resolve(site, `${SLUG}.pdf`))
    const server = await serveSite(site)
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
      await page.goto(`${server.url}?view=scroll`)
      await page.waitForSelector('html[data-deck-ready="true"]')
      const link = page.getByRole('link', { name: 'PDF' })
      expect(await link.isVisible()).toBe(true)
      expect(await link.getAttribute('href')).toBe(`./${SLUG}.pdf`)
      const href = await link.evaluate((a) => (a as HTMLAnchorElement).href)
      const response = await fetch(href)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toContain('application/pdf')
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(PDF))).toBe(true)
    } finally {
      await browser.close()
      await server.close()
    }
    expect(existsSync(resolve(site, `${SLUG}.pdf`))).toBe(true)
  })
})
