// The public XSS corpora (tests/fixtures/xss/) built and walked in Chromium: every vector the
// compiler builds (the rest are refused at their line, tests/robust/xss-corpus.test.ts) goes into
// a deck as raw HTML on its own slide, and into a second deck as speaker notes. Each deck is walked
// slide by slide in the presentation (the notes deck with the speaker view open, which shows the
// notes) and read in the reading view with notes, recording dialogs, CSP violations, console
// errors and any request off 127.0.0.1.
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck, type CompileResult } from '../../src/compiler/index.ts'
import { assembleDeck } from '../../src/site/build.ts'
import { ROOT } from '../../src/site/paths.ts'
import {
  launchChromium,
  openDeck,
  serveSite,
  watchPage,
  type DeckWindow,
  type Site,
} from '../helpers/browser.ts'
import { dompurifyVectors, h5scVectors } from '../helpers/xss-corpus.ts'
import { settled } from '../helpers/settled.ts'

const TMP = resolve(ROOT, `.tmp/xss-corpus-${process.pid}`)
const VECTORS = [...dompurifyVectors(), ...h5scVectors()]
const PLACES = {
  slide: (payload: string) => `## Vector\n\n${payload}\n`,
  notes: (payload: string) => `## Vector\n\n::: notes\n${payload}\n:::\n`,
}
type Place = keyof typeof PLACES

const built = new Map<Place, { out: string; slides: number }>()

/** A deck of the vectors the compiler builds in `place` (one file each), built into `out`. */
async function buildDeck(place: Place): Promise<void> {
  const dir = join(TMP, 'slides', `2025-01-01-xss-${place}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, '000-title.md'), '---\ntitle: XSS corpora\n---\n# XSS corpora\n')
  VECTORS.forEach((v, i) =>
    writeFileSync(join(dir, `v${String(i).padStart(3, '0')}.md`), PLACES[place](v.payload)),
  )
  let compiled: CompileResult = compileDeck(dir, { root: ROOT })
  // The refused vectors stay out: a deck with an error builds nothing.
  for (const file of new Set(
    compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file),
  ))
    unlinkSync(resolve(file))
  compiled = compileDeck(dir, { root: ROOT })
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const out = join(TMP, `out-${place}`)
  await assembleDeck(out, compiled)
  built.set(place, { out, slides: compiled.deck.slides.length })
}

let browser: Browser
const sites: Site[] = []

beforeAll(async () => {
  rmSync(TMP, { recursive: true, force: true })
  await buildDeck('slide')
  await buildDeck('notes')
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  for (const site of sites) await site.close()
  rmSync(TMP, { recursive: true, force: true })
})

/** Records CSP violations in every page of `context` (the speaker view opens in it too). */
async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const list: string[] = []
    Object.assign(window, { cspViolations: list })
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI}`),
    )
  })
}

/** Records a page's dialogs, console errors and requests off the origin; the check asserts none. */
function watched(page: Page, origin: string): () => Promise<void> {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  const watch = watchPage(page, origin)
  return async () => {
    await settled(page)
    expect(dialogs).toEqual([])
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([])
    expect(watch.foreignRequests).toEqual([])
    expect(watch.consoleErrors).toEqual([])
  }
}

describe.each(['slide', 'notes'] as Place[])('the vectors built as %s HTML', (place) => {
  it('run nothing, load nothing from elsewhere, in the presentation and the speaker view', async () => {
    const { out, slides } = built.get(place)!
    console.log(`XSS corpora in Chromium (${place}): ${slides - 1} vectors built and walked`)
    const site = await serveSite(out)
    sites.push(site)
    const origin = new URL(site.url).origin
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    await recordViolations(context)
    const page = await context.newPage()
    const check = watched(page, origin)
    await openDeck(page, site.url)
    // The speaker view shows each slide's notes as the presentation moves (the notes deck's).
    let checkSpeaker = async (): Promise<void> => {}
    if (place === 'notes') {
      const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')])
      checkSpeaker = watched(speaker, origin)
      await speaker.waitForLoadState('load')
    }
    const total = await page.evaluate(() => (window as unknown as DeckWindow).deck.getTotalSlides())
    expect(total).toBe(slides)
    // Every slide in turn, a frame each (the speaker view follows by message).
    await page.evaluate(async (n) => {
      const { deck } = window as unknown as DeckWindow
      for (let i = 0; i < n; i++) {
        deck.slide(i)
        await new Promise((done) => requestAnimationFrame(done))
      }
    }, total)
    await check()
    await checkSpeaker()
    await context.close()
  }, 300_000)

  it('run nothing in the reading view with notes either', async () => {
    const { out } = built.get(place)!
    const site = await serveSite(out)
    sites.push(site)
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    await recordViolations(context)
    const page = await context.newPage()
    const check = watched(page, new URL(site.url).origin)
    await page.goto(`${site.url}?view=scroll&handout`)
    await page.waitForLoadState('load')
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 4000)
    await check()
    await context.close()
  }, 120_000)
})
