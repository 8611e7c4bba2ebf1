// A step costs about what the slide shown costs, not what the deck costs. Once
// the presenter steps, slides beyond reveal.js's view distance keep their content aside (reveal.js
// hides them anyway), and it is back, fragments as reveal.js would have them, when they show.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'
import { settled } from '../helpers/settled.ts'

const env = useBuiltDeck()
let page: Page

/** Per slide: how many elements it holds now, and whether reveal.js shows it (display). */
const census = (): Promise<{ id: string; elements: number; hidden: boolean }[]> =>
  page.evaluate(`[...document.querySelectorAll('.reveal .slides > section')].map((s) => ({
    id: s.id, elements: s.querySelectorAll('*').length, hidden: s.style.display === 'none',
  }))`)
const currentIndex = (): Promise<number> =>
  page.evaluate(() => (window as unknown as DeckWindow).deck.getIndices().h)
/** After the page's idle-time work: the slides it set aside by then. */
const idle = (): Promise<void> => settled(page)

beforeAll(async () => {
  page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
  await openDeck(page, env.site.url)
})
afterAll(() => page.close())

describe('far slides while presenting', () => {
  it('are all there until the first step', async () => {
    await idle()
    expect((await census()).filter((s) => s.elements === 0)).toEqual([])
  })

  it('keep their content aside after a step, the shown slide and its neighbours keep theirs', async () => {
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await idle()
    const here = await currentIndex()
    const farOf = (slides: Awaited<ReturnType<typeof census>>) =>
      slides.filter((_, i) => Math.abs(i - here) >= 2)
    // Set aside over one or more idle periods.
    await expect
      .poll(async () => farOf(await census()).every((s) => s.hidden && s.elements === 0))
      .toBe(true)
    const slides = await census()
    const far = farOf(slides)
    expect(far.length).toBeGreaterThan(5)
    for (const i of [here - 1, here, here + 1]) expect(slides[i]!.elements).toBeGreaterThan(0)
  })

  it('get it back when they show: the last slide, then the first, as they were built', async () => {
    const before = (await census()).map((s) => s.id)
    await page.keyboard.press('End')
    const last = await page.evaluate(
      () => (window as unknown as DeckWindow).deck.getCurrentSlide().querySelectorAll('*').length,
    )
    expect(last).toBeGreaterThan(0)
    await page.keyboard.press('Home')
    await idle()
    const slides = await census()
    expect(slides.map((s) => s.id)).toEqual(before)
    expect(slides[0]!.elements).toBeGreaterThan(0)
  })

  it('show no fragment on a slide reached from before it, and all of them coming back to it', async () => {
    const withFragments =
      (await page.evaluate(`[...document.querySelectorAll('.reveal .slides > section')]
      .map((s, i) => [i, s.id]).filter(([, id]) => id === 'problems-with-rlhf')`)) as [
        number,
        string,
      ][]
    const [index, id] = withFragments[0]!
    const visible = (): Promise<number> =>
      page.evaluate(
        (target) => document.querySelectorAll(`#${target} .fragment.visible`).length,
        id,
      )
    // From the first slide (its content was aside): none shown.
    await page.evaluate((i) => (window as unknown as DeckWindow).deck.slide(i), index)
    expect(await visible()).toBe(0)
    // Past it (its fragments all shown), far past it, then back to it: all shown.
    await page.keyboard.press('End')
    await idle()
    await expect
      .poll(() =>
        page.evaluate(
          (i) => document.querySelectorAll('.reveal .slides > section')[i]!.childNodes.length,
          index,
        ),
      )
      .toBe(0)
    await page.evaluate((i) => (window as unknown as DeckWindow).deck.slide(i), index)
    const total = await page.evaluate(
      (target) => document.querySelectorAll(`#${target} .fragment`).length,
      id,
    )
    expect(total).toBeGreaterThan(0)
    expect(await visible()).toBe(total)
  })

  it('show the neighbour a step brings in once it has painted, and at once if a step reaches it', async () => {
    await page.evaluate(() => (window as unknown as DeckWindow).deck.slide(3))
    await idle()
    const shown = (): Promise<boolean[]> =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')].map(
          (s) => s.style.display !== 'none',
        ),
      )
    expect((await shown()).slice(2, 6)).toEqual([true, true, true, false])
    // Two steps in one task: the first leaves slide 5 hidden (no paint yet), the second shows it.
    const during = await page.evaluate(() => {
      const { deck } = window as unknown as DeckWindow
      const slides = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')]
      deck.next()
      const afterOne = slides[5]!.style.display !== 'none'
      deck.next()
      return {
        afterOne,
        afterTwo: slides[5]!.style.display !== 'none',
        current: deck.getIndices().h,
      }
    })
    expect(during).toEqual({ afterOne: false, afterTwo: true, current: 5 })
    // Once the page is idle, the new neighbour is shown (and laid out) too.
    await idle()
    await expect.poll(async () => (await shown()).slice(4, 7)).toEqual([true, true, true])
  })

  it('come back for the overview', async () => {
    await page.keyboard.press('Escape')
    await idle()
    const here = await currentIndex()
    const slides = await census()
    // reveal.js shows the slides within 10 of the current one in the overview.
    slides.forEach((s, i) => {
      if (Math.abs(i - here) < 10) expect(s.elements, s.id).toBeGreaterThan(0)
    })
    await page.keyboard.press('Escape')
  })
})

describe('fonts while presenting', () => {
  it('are all loaded before the first step: stepping through every slide requests none', async () => {
    const fresh = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    const fonts: string[] = []
    fresh.on('request', (request) => {
      if (request.resourceType() === 'font') fonts.push(request.url())
    })
    await openDeck(fresh, env.site.url)
    // The page names the faces later slides use and loads them once the deck has started (fonts.ts).
    const named = await fresh.evaluate(
      () => document.querySelector<HTMLMetaElement>('meta[name="deck-fonts"]')?.content ?? '',
    )
    expect(named).toContain('KaTeX_Size1')
    await fresh.waitForFunction(
      () => [...document.fonts].some((f) => f.family === 'KaTeX_Size1' && f.status === 'loaded'),
      undefined,
      { timeout: 5000 },
    )
    await fresh.evaluate(() => document.fonts.ready)
    const before = fonts.length
    expect(before).toBeGreaterThan(0)
    const loaded = await fresh.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family),
    )
    expect(loaded).toContain('KaTeX_Size1')
    // Every slide shown in turn, each painted before the next (as a presenter steps).
    const last = await fresh.evaluate(async () => {
      const { deck } = window as unknown as DeckWindow
      for (let i = 1; i < deck.getTotalSlides(); i++) {
        deck.slide(i)
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
      }
      return deck.getIndices().h === deck.getTotalSlides() - 1
    })
    expect(last).toBe(true)
    await settled(fresh)
    expect(fonts.slice(before)).toEqual([])
    await fresh.close()
  })
})
