// `npm run build:single` writes <slug>.html, one self-contained file (JS, CSS,
// KaTeX and text fonts, images inlined; only woff2 fonts) that works opened from file:// with every
// network request blocked: all slides shown, fonts loaded, images decoded, no error.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { launchChromium, type DeckWindow } from '../helpers/browser.ts'

const DECK = newestDeck()
const SLUG = basename(DECK)
const OUT = resolve(ROOT, '.tmp/present-single')
const FILE = resolve(OUT, `${SLUG}.html`)
const slides = compileDeck(DECK, { root: ROOT }).deck.slides

let browser: Browser
let context: BrowserContext
let page: Page
let output = ''
const blocked: string[] = []
const errors: string[] = []

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  const result = await promisify(execFile)(
    resolve(ROOT, 'node_modules/.bin/tsx'),
    ['src/cli/single.ts', '--slides', DECK, '--out', OUT],
    { cwd: ROOT, timeout: 120_000 },
  )
  output = result.stdout
  browser = await launchChromium()
  context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
    offline: true,
  })
  // The file itself is the only thing that may load.
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue()
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
  page = await context.newPage()
  page.on('pageerror', (err) => errors.push(err.message))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('requestfailed', (req) => errors.push(`failed: ${req.url().slice(0, 100)}`))
  await page.goto(pathToFileURL(FILE).href)
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 })
}, 150_000)

afterAll(async () => {
  await browser?.close()
  rmSync(OUT, { recursive: true, force: true })
})

describe('npm run build:single', () => {
  it('writes one HTML file with everything inlined, fonts as woff2 only', () => {
    expect(output).toContain(`${SLUG}.html`)
    const html = readFileSync(FILE, 'utf8')
    console.log(`${SLUG}.html: ${statSync(FILE).size} bytes`)
    // No file next to it is needed: no src/href to a relative or remote resource.
    const refs = [...html.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map(
      (m) => m[1]!,
    )
    expect(refs.filter((r) => !r.startsWith('data:') && !r.startsWith('#'))).toEqual([])
    expect(html).not.toMatch(/url\(\s*["']?(?:\.\/|\/|https?:)[^)]*\.(?:woff2?|ttf|svg|png)/)
    expect(html).toMatch(/data:font\/woff2;base64,/)
    expect(html).not.toMatch(/data:font\/(?:woff|ttf|truetype);/)
    expect(html).not.toMatch(/format\(["'](?:woff|truetype)["']\)/)
  })

  it('opens from file:// with the network off and walks every slide', async () => {
    expect(page.url()).toMatch(/^file:/)
    const seen: string[] = []
    for (let i = 0; i < slides.length; i++) {
      seen.push(
        await page.evaluate((n) => {
          const { deck } = window as unknown as DeckWindow
          deck.slide(n, 0, 99)
          return deck.getCurrentSlide().id
        }, i),
      )
    }
    expect(seen).toEqual(slides.map((s) => s.id))
  })

  it('has its fonts and images: KaTeX and Inter loaded, every image decoded', async () => {
    await page.evaluate(() => document.fonts.ready)
    const fonts = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
    )
    expect(fonts).toContain('KaTeX_Main')
    expect(fonts).toContain('KaTeX_Math')
    expect(fonts.some((f) => /Inter/.test(f))).toBe(true)
    expect(
      await page.evaluate(() =>
        [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family),
      ),
    ).toEqual([])
    const images = await page.$$eval('.slides img', (imgs: HTMLImageElement[]) =>
      imgs.map((i) => ({ src: i.src.slice(0, 30), ok: i.complete && i.naturalWidth > 0 })),
    )
    expect(images.filter((i) => !i.ok)).toEqual([])
    // The diagrams are inline SVG, so they need no file at all; every other file a
    // slide loads is inlined too: nothing names deck-assets/. (The file as written: the page
    // keeps far slides' content aside while presenting.)
    const written = readFileSync(FILE, 'utf8')
    expect(written.match(/<svg[^>]* class="deck-svg"/g)?.length ?? 0).toBeGreaterThanOrEqual(5)
    expect(written).not.toContain('deck-assets/')
  })

  it('made no network request and logged no error', () => {
    expect(blocked).toEqual([])
    expect(errors).toEqual([])
  })
})
