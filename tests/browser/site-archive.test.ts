// The built site as an archive (after `npm run build`): the home page in the decks' font and
// colours at phone and desktop widths, light and dark, and its search across every session's
// slides and notes, offline (no request leaves 127.0.0.1), each result opening its slide.
import { resolve } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileSite } from '../../src/site/build.ts'
import { ROOT } from '../../src/site/paths.ts'
import { searchDocs } from '../../src/site/search-index.ts'
import { decodePng } from '../helpers/png.ts'
import { axeProblems, useBuiltDeck, watchPage, type DeckWindow } from '../helpers/browser.ts'

const env = useBuiltDeck(() => resolve(ROOT, 'dist'))

/** A context whose pages reach 127.0.0.1 only: anything else is aborted (and recorded). */
async function offlineContext(
  options: Parameters<typeof env.browser.newContext>[0] = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await env.browser.newContext(options)
  const blocked: string[] = []
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1') return route.continue()
    blocked.push(url.href)
    return route.abort()
  })
  return { context, blocked }
}

/** A word of one slide only, at least 6 letters, and where it is: in the title or only in notes. */
async function uniqueWord(
  where: 'title' | 'notes',
): Promise<{ word: string; session: string; slide: string }> {
  const docs = searchDocs(await compileSite())
  const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{6,}/gu) ?? [])
  const all = docs.map((d) => words(`${d.title} ${d.text} ${d.notes}`))
  for (const [i, doc] of docs.entries()) {
    const own = where === 'title' ? words(doc.title) : words(doc.notes)
    const shown = where === 'notes' ? words(`${doc.title} ${doc.text}`) : new Set<string>()
    for (const word of own) {
      if (shown.has(word)) continue
      // Nowhere else, nor as the start of a word elsewhere (the search matches prefixes).
      const elsewhere = all.some(
        (set, j) => j !== i && [...set].some((w) => w.startsWith(word.slice(0, 5))),
      )
      if (!elsewhere) return { word, session: doc.session, slide: doc.slide }
    }
  }
  throw new Error(`no word of one slide's ${where} only`)
}

async function search(page: Page, query: string): Promise<void> {
  await page.locator('#site-search-q').fill(query)
  await page.waitForFunction(() => document.querySelector('#site-search-status')?.textContent)
}

describe('the home page', () => {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const)
    for (const scheme of ['light', 'dark'] as const)
      it(`is set in Inter, fits ${width} px and follows the ${scheme} scheme`, async () => {
        const { context, blocked } = await offlineContext({
          viewport: { width, height },
          colorScheme: scheme,
        })
        const page = await context.newPage()
        const watch = watchPage(page, env.site.url.replace(/\/$/, ''))
        await page.goto(env.site.url)
        await page.evaluate(() => document.fonts.ready)
        const look = await page.evaluate(() => {
          const h2 = document.querySelector('li.session h2')!
          const body = getComputedStyle(document.body)
          return {
            fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
            headingFont: getComputedStyle(h2).fontFamily,
            bodySize: parseFloat(body.fontSize),
            background: body.backgroundColor,
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            smallest: Math.min(
              ...[...document.querySelectorAll('main p, main h2, main a')].map((e) =>
                parseFloat(getComputedStyle(e).fontSize),
              ),
            ),
          }
        })
        expect(look.fonts).toContain('Inter Variable')
        expect(look.headingFont).toMatch(/^"?Inter Variable/)
        expect(look.overflow).toBeLessThanOrEqual(0)
        expect(look.smallest).toBeGreaterThanOrEqual(15)
        expect(look.background).toBe(scheme === 'dark' ? 'rgb(15, 23, 42)' : 'rgb(255, 255, 255)')
        expect(await axeProblems(page)).toEqual([])
        expect(watch.consoleErrors).toEqual([])
        expect(blocked).toEqual([])
        await context.close()
      })
})

describe('the search', () => {
  it('finds a slide by a word of its title, offline, and its link opens that slide', async () => {
    const target = await uniqueWord('title')
    const { context, blocked } = await offlineContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const watch = watchPage(page, env.site.url.replace(/\/$/, ''))
    await page.goto(env.site.url)
    await page.locator('#site-search-q').waitFor({ state: 'visible' })
    await search(page, target.word)
    const first = page.locator('#site-search-results li.result').first()
    const href = `./${target.session}/#/${target.slide}`
    expect(await first.locator('a').getAttribute('href')).toBe(href)
    expect((await first.locator('a').textContent())?.toLowerCase()).toContain(target.word)
    // The results too meet WCAG AA (contrast of the marked words, link names, sizes).
    expect(await axeProblems(page)).toEqual([])
    await first.locator('a').click()
    await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 })
    const current = await page.evaluate(
      () => (window as unknown as DeckWindow).deck.getCurrentSlide().id,
    )
    expect(current).toBe(target.slide)
    expect(new URL(page.url()).pathname).toBe(`/${target.session}/`)
    expect(watch.consoleErrors).toEqual([])
    expect(blocked).toEqual([])
    await context.close()
  })

  it('finds a word said only in the notes, and says so', async () => {
    const target = await uniqueWord('notes')
    const { context, blocked } = await offlineContext()
    const page = await context.newPage()
    await page.goto(`${env.site.url}?q=${encodeURIComponent(target.word)}`)
    await page.waitForFunction(() => document.querySelector('#site-search-status')?.textContent)
    const link = `a[href="./${target.session}/#/${target.slide}"]`
    expect(await page.locator(`#site-search-results ${link}`).count()).toBe(1)
    const item = page.locator('#site-search-results li.result', { has: page.locator(link) })
    expect(await item.locator('.result-label').textContent()).toBe('Notes: ')
    expect((await item.locator('mark').textContent())?.toLowerCase()).toBe(target.word)
    expect(blocked).toEqual([])
    await context.close()
  })

  it('says when nothing is found, and shows a hostile query as text', async () => {
    const page = await env.browser.newPage()
    await page.goto(env.site.url)
    await page.locator('#site-search-q').waitFor({ state: 'visible' })
    await search(page, '<img src=x onerror=alert(1)>zzqqxx')
    expect(await page.locator('#site-search-status').textContent()).toBe(
      'No slide mentions “<img src=x onerror=alert(1)>zzqqxx”.',
    )
    expect(await page.locator('#site-search-results li').count()).toBe(0)
    expect(await page.locator('img').count()).toBe(0)
    await page.close()
  })
})

describe('link previews', () => {
  it("each session's page carries card tags naming its title slide as a 1200x630 PNG", async () => {
    for (const deck of await compileSite()) {
      const { context } = await offlineContext()
      const page = await context.newPage()
      const pageUrl = `${env.site.url}${deck.slug}/`
      await page.goto(pageUrl)
      const tags = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('head meta[property], head meta[name]')].map((m) => [
            m.getAttribute('property') ?? m.getAttribute('name'),
            m.getAttribute('content'),
          ]),
        ),
      )
      const meta = deck.result.deck.meta
      expect(tags['og:title']).toBe(meta.title)
      expect(tags['twitter:title']).toBe(meta.title)
      expect(tags['og:type']).toBe('article')
      expect(tags['og:description']).toBeTruthy()
      expect(tags['twitter:card']).toBe('summary_large_image')
      expect(tags['twitter:image']).toBe(tags['og:image'])
      const image = await page.request.get(new URL(tags['og:image']!, pageUrl).href)
      expect(image.status()).toBe(200)
      expect(image.headers()['content-type']).toBe('image/png')
      const png = decodePng(await image.body())
      expect([png.width, png.height]).toEqual([1200, 630])
      // The title slide, not a blank page: the frame and heading accent colour (#1e3a8a) is drawn.
      let accent = 0
      for (let i = 0; i < png.data.length; i += 4)
        if (png.data[i] === 0x1e && png.data[i + 1] === 0x3a && png.data[i + 2] === 0x8a) accent++
      expect(accent).toBeGreaterThan(5_000)
      await context.close()
    }
  })
})

describe('the feed', () => {
  it('is well-formed Atom that the home page links, an entry per session', async () => {
    const page = await env.browser.newPage()
    await page.goto(env.site.url)
    const href = await page.getAttribute('link[rel=alternate][type="application/atom+xml"]', 'href')
    expect(href).toBe('./feed.xml')
    const response = await page.request.get(new URL(href!, env.site.url).href)
    expect(response.status()).toBe(200)
    const text = await response.text()
    // The browser's XML parser is strict: a document that is not well-formed gives <parsererror>.
    const feed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml')
      const atom = 'http://www.w3.org/2005/Atom'
      const root = doc.documentElement
      const child = (el: Element, name: string) =>
        [...el.children].find((c) => c.namespaceURI === atom && c.localName === name)
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: `${root.namespaceURI} ${root.localName}`,
        required: ['id', 'title', 'updated', 'author'].filter((n) => !child(root, n)),
        entries: [...root.children]
          .filter((c) => c.localName === 'entry')
          .map((e) => ({
            title: child(e, 'title')?.textContent,
            link: child(e, 'link')?.getAttribute('href'),
            missing: ['id', 'title', 'updated', 'summary'].filter((n) => !child(e, n)),
          })),
      }
    }, text)
    expect(feed.errors).toBe(0)
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed')
    expect(feed.required).toEqual([])
    const decks = await compileSite()
    expect(feed.entries.map((e) => e.title)).toEqual(decks.map((d) => d.result.deck.meta.title))
    for (const [i, e] of feed.entries.entries()) {
      expect(e.missing).toEqual([])
      expect(e.link).toMatch(new RegExp(`${decks[i]!.slug}/$`))
    }
    await page.close()
  })
})
