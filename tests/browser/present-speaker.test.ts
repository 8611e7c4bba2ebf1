// `S` opens our speaker view (the same static page, `?view=speaker`): current and
// next slide, the notes with their math, elapsed time, clock, pacing against `duration`; it
// follows the deck and can move it. Served with a strict script CSP (no inline script, no eval).
// The notes fit 1280x720 and scroll; the timer starts with the talk.
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  openDeck,
  watchPage,
  type DeckWindow,
  type PageWatch,
  useBuiltDeck,
} from '../helpers/browser.ts'

const CSP = "script-src 'self'; object-src 'none'; base-uri 'none'"
const START = '2026-03-05T18:00:00Z'

let context: BrowserContext
const env = useBuiltDeck()
let page: Page
let speaker: Page
let deckWatch: PageWatch
let speakerWatch: PageWatch

const notesOf = (id: string): Promise<string> =>
  page.$eval(`section[id="${id}"] aside.notes`, (n) => (n.textContent ?? '').replace(/\s+/g, ' '))
const speakerNotes = (): Promise<string> =>
  speaker.$eval('.speaker-notes-body', (n) => (n.textContent ?? '').replace(/\s+/g, ' '))
const deckSlide = (): Promise<string> =>
  page.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)
const previewSlide = async (selector: string): Promise<string> => {
  const frame = await (await speaker.$(selector))!.contentFrame()
  return frame!.evaluate(() => (window as unknown as DeckWindow).deck?.getCurrentSlide().id ?? '')
}

beforeAll(async () => {
  context = await env.browser.newContext({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await context.clock.install({ time: new Date(START) })
  // Every page of the site gets the Content-Security-Policy coming with the deploy.
  await context.route(
    (url) => url.href.startsWith(env.site.url),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue()
      const response = await route.fetch()
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': CSP },
      })
    },
  )
  page = await context.newPage()
  deckWatch = watchPage(page, new URL(env.site.url).origin)
  await openDeck(page, `${env.site.url}#/pass-at-k-definition`)
})

describe('the speaker view', () => {
  it('opens with S in a window of its own, on the current slide, with its notes and math', async () => {
    const popup = context.waitForEvent('page')
    await page.keyboard.press('s')
    speaker = await popup
    speakerWatch = watchPage(speaker, new URL(env.site.url).origin)
    expect(speaker.url()).toContain('view=speaker')
    await speaker.waitForSelector('html[data-speaker-slide="pass-at-k-definition"]')
    expect(await speaker.title()).toMatch(/^Speaker view/)
    const notes = await notesOf('pass-at-k-definition')
    expect(notes.length).toBeGreaterThan(40)
    await expect.poll(speakerNotes).toBe(notes)
    // The notes' math is KaTeX, as on the slides (fonts and CSS loaded), with MathML.
    expect(await speaker.locator('.speaker-notes-body .katex .katex-mathml math').count()).toBe(
      await page.locator('section[id="pass-at-k-definition"] aside.notes .katex').count(),
    )
    expect(
      await speaker.$eval('.speaker-notes-body .katex', (k) => getComputedStyle(k).fontFamily),
    ).toContain('KaTeX_Main')
  })

  it('waits for the talk to start: no time runs before the first slide change (or Start)', async () => {
    expect(await speaker.textContent('.speaker-timer button')).toBe('Start')
    expect(await speaker.getAttribute('.speaker-pacing', 'data-status')).toBe('waiting')
    await context.clock.fastForward('02:00')
    await expect.poll(() => speaker.textContent('.speaker-elapsed')).toBe('0:00')
    expect(await speaker.textContent('.speaker-pacing-text')).toMatch(/^Not started/)
  })

  it('fits the notes in the 1280x720 window and scrolls them (wheel and J/K), with a cue while more follows', async () => {
    await speaker.bringToFront()
    const box = () =>
      speaker.$eval('.speaker-notes-body', (n) => ({
        bottom: n.getBoundingClientRect().bottom,
        paneBottom: n.closest('.speaker-notes')!.getBoundingClientRect().bottom,
        top: n.scrollTop,
        overflows: n.scrollHeight > n.clientHeight + 2,
        cue: !document.querySelector<HTMLElement>('.speaker-notes-more')!.hidden,
        height: innerHeight,
      }))
    const first = await box()
    expect(first.paneBottom).toBeLessThanOrEqual(first.height)
    expect(first.bottom).toBeLessThanOrEqual(first.paneBottom)
    // pass@k's notes are longer than the pane: the cue says so.
    expect(first.overflows).toBe(true)
    expect(first.cue).toBe(true)
    const cue = await speaker.locator('.speaker-notes-more').boundingBox()
    expect(cue!.y + cue!.height).toBeLessThanOrEqual(first.height)
    // Also in a 1280x720 window (the popup is 1280x800): the whole view, notes and cue fit.
    const small = await context.newPage()
    await small.setViewportSize({ width: 1280, height: 720 })
    await small.goto(`${env.site.url}?view=speaker#/pass-at-k-definition`)
    await small.waitForSelector('html[data-deck-ready="true"]')
    const fit = await small.evaluate(() => {
      const body = document.querySelector('.speaker-notes-body')!
      return {
        page: document.documentElement.scrollHeight,
        notes: document.querySelector('.speaker-notes')!.getBoundingClientRect().bottom,
        cue: document.querySelector('.speaker-notes-more')!.getBoundingClientRect().bottom,
        lines: Math.floor(body.clientHeight / parseFloat(getComputedStyle(body).lineHeight)),
      }
    })
    expect(fit.page).toBeLessThanOrEqual(720)
    expect(fit.notes).toBeLessThanOrEqual(720)
    expect(fit.cue).toBeLessThanOrEqual(720)
    expect(fit.lines).toBeGreaterThanOrEqual(6)
    await small.close()
    // The wheel over the notes scrolls them (and does not move the deck).
    await speaker.hover('.speaker-notes-body')
    await speaker.mouse.wheel(0, 120)
    await expect.poll(async () => (await box()).top).toBeGreaterThan(0)
    await speaker.keyboard.press('k')
    await speaker.keyboard.press('k')
    await expect.poll(async () => (await box()).top).toBe(0)
    for (let i = 0; i < 12; i++) await speaker.keyboard.press('j')
    await expect.poll(async () => (await box()).cue).toBe(false)
    expect(await deckSlide()).toBe('pass-at-k-definition')
    expect(await speaker.textContent('.speaker-elapsed')).toBe('0:00')
  })

  it('shows the current and the next slide as previews of the same page', async () => {
    await expect.poll(() => previewSlide('.speaker-current iframe')).toBe('pass-at-k-definition')
    const ids = await page.$$eval('.reveal .slides > section', (s) => s.map((e) => e.id))
    const next = ids[ids.indexOf('pass-at-k-definition') + 1]!
    await expect.poll(() => previewSlide('.speaker-next iframe')).toBe(next)
    expect(await speaker.textContent('.speaker-position')).toMatch(
      new RegExp(`^Slide ${ids.indexOf('pass-at-k-definition') + 1} of ${ids.length}`),
    )
  })

  it('follows the deck: a slide change updates the notes and the previews', async () => {
    await page.bringToFront()
    await page.keyboard.press('ArrowRight')
    const id = await deckSlide()
    expect(id).not.toBe('pass-at-k-definition')
    await speaker.waitForSelector(`html[data-speaker-slide="${id}"]`)
    await expect.poll(speakerNotes).toBe(await notesOf(id))
    await expect.poll(() => previewSlide('.speaker-current iframe')).toBe(id)
    // The first slide change started the timer.
    expect(await speaker.textContent('.speaker-timer button')).toBe('Pause')
    await context.clock.fastForward('00:05')
    await expect.poll(() => speaker.textContent('.speaker-elapsed')).not.toBe('0:00')
    await page.keyboard.press('ArrowLeft')
    await speaker.waitForSelector('html[data-speaker-slide="pass-at-k-definition"]')
  })

  it('moves the deck from the speaker window (keys and buttons)', async () => {
    await speaker.bringToFront()
    await speaker.keyboard.press('ArrowRight')
    await expect.poll(deckSlide).not.toBe('pass-at-k-definition')
    await speaker.click('.speaker-nav button:first-child')
    await expect.poll(deckSlide).toBe('pass-at-k-definition')
  })

  it('finds the deck again after the deck window reloads', async () => {
    // The URL follows a step once its slide has painted (src/runtime/history.ts): the reload
    // opens on the slide the last step showed.
    await page.waitForFunction(() => location.hash === '#/pass-at-k-definition')
    await page.reload()
    await page.waitForSelector('html[data-deck-ready="true"]')
    await page.bringToFront()
    await page.keyboard.press('ArrowRight')
    const id = await deckSlide()
    // The reloaded deck says it started on a BroadcastChannel (speaker/protocol.ts), so the
    // speaker view need not wait for its periodic hello (every 2 s, later in a background window).
    await speaker.waitForSelector(`html[data-speaker-slide="${id}"]`, { timeout: 10_000 })
    await page.keyboard.press('ArrowLeft')
    await speaker.waitForSelector('html[data-speaker-slide="pass-at-k-definition"]')
  })

  it('shows fragments step by step: next is the rest of the slide', async () => {
    await page.evaluate(() => {
      const { deck } = window as unknown as DeckWindow
      const slide = document.getElementById('problems-with-rlhf')!
      deck.slide(deck.getIndices(slide).h, 0, -1)
    })
    await speaker.waitForSelector('html[data-speaker-slide="problems-with-rlhf"]')
    await expect.poll(() => speaker.textContent('.speaker-next h2')).toMatch(/rest of this slide/)
    expect(await speaker.textContent('.speaker-position')).toMatch(/step 1 of 3/)
  })

  it('times the talk and paces it against the session length (duration: 60)', async () => {
    await page.evaluate(() => {
      const { deck } = window as unknown as DeckWindow
      deck.slide(deck.getIndices(document.getElementById('pass-at-k-definition')!).h, 0)
    })
    await speaker.waitForSelector('html[data-speaker-slide="pass-at-k-definition"]')
    const status = () => speaker.getAttribute('.speaker-pacing', 'data-status')
    // At the start, on slide 17 of 31: well ahead of the plan.
    await expect.poll(status).toBe('ahead')
    expect(await speaker.textContent('.speaker-clock time')).toMatch(/\d{1,2}:\d{2}/)
    // The talk started a few seconds ago (more on a busy machine): 50 minutes on from there.
    const seconds = (clock: string | null): number =>
      (clock ?? '').split(':').reduce((total, part) => total * 60 + Number(part), 0)
    const before = seconds(await speaker.textContent('.speaker-elapsed'))
    await context.clock.fastForward('50:00')
    await expect
      .poll(async () => seconds(await speaker.textContent('.speaker-elapsed')) - before)
      .toBeGreaterThanOrEqual(50 * 60)
    expect(seconds(await speaker.textContent('.speaker-elapsed')) - before).toBeLessThan(
      50 * 60 + 10,
    )
    await expect.poll(status).toBe('behind')
    expect(await speaker.textContent('.speaker-pacing-text')).toMatch(
      /min behind: planned slide \d+/,
    )
    expect(await speaker.textContent('.speaker-remaining')).toMatch(/^1\d? of 60 min left$/)
    await context.clock.fastForward('15:00')
    await expect.poll(status).toBe('over')
    if (process.env.SHOTS) await speaker.screenshot({ path: `${process.env.SHOTS}/speaker.png` })
  })

  it('ran under the strict CSP with no error in either window', () => {
    expect(deckWatch.consoleErrors).toEqual([])
    expect(speakerWatch.consoleErrors).toEqual([])
    expect([...deckWatch.foreignRequests, ...speakerWatch.foreignRequests]).toEqual([])
  })

  it('was really under that CSP (an inline script is refused)', async () => {
    for (const p of [page, speaker])
      expect(
        await p.evaluate(() => {
          const script = document.createElement('script')
          script.textContent = 'window.inlineRan = true'
          document.head.append(script)
          return 'inlineRan' in window
        }),
      ).toBe(false)
  })
})
