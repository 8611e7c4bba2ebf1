// Accessibility. axe-core finds no serious or critical violation on any slide, in
// the presentation and in the reading view (color-contrast checks WCAG AA); every formula has
// MathML; `lang` is set; every control is reachable with the keyboard and shows its focus;
// `prefers-reduced-motion` turns transitions off; body text is at least 28px on the 1280x720 slide.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import { axeProblems, openDeck, type DeckWindow, useBuiltDeck } from '../helpers/browser.ts'
import { settled } from '../helpers/settled.ts'

const deck = compileDeck(newestDeck(), { root: ROOT }).deck
const slides = deck.slides

const env = useBuiltDeck()

async function open(
  query = '',
  reducedMotion: 'reduce' | 'no-preference' = 'reduce',
): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion })
  await openDeck(page, `${env.site.url}${query}`)
  return page
}

const show = (page: Page, index: number): Promise<void> =>
  page.evaluate((n) => (window as unknown as DeckWindow).deck.slide(n, 0, 99), index)

/** What has the focus, and whether it shows: an outline or a ring at least 2px wide. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const style = getComputedStyle(el)
    const ring =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
      /\d+px \d+px \d+px [2-9]/.test(style.boxShadow)
    const r = el.getBoundingClientRect()
    return {
      key: `${el.tagName.toLowerCase()}.${el.className}|${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}|${el.getAttribute('href') ?? ''}`,
      ring,
      inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
    }
  })

/** Tabs through the page until focus comes back to the start; returns what was focused. */
async function tabAround(page: Page, limit = 120) {
  const seen: NonNullable<Awaited<ReturnType<typeof focused>>>[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    if (!f) continue
    if (seen.some((s) => s.key === f.key)) break
    seen.push(f)
  }
  return seen
}

describe('axe-core', () => {
  it('finds no serious or critical violation on any slide of the presentation', async () => {
    const page = await open()
    const problems: string[] = []
    for (let i = 0; i < slides.length; i++) {
      await show(page, i)
      // The slide showing and the frame around it (the other slides are hidden and inert).
      for (const p of await axeProblems(page, ['.reveal .slides > section.present', '.deck-frame']))
        problems.push(`${slides[i]!.id}: ${p.id} (${p.impact}) ${p.help}: ${p.targets.join(', ')}`)
    }
    expect(problems).toEqual([])
    await page.close()
  })

  it('finds none on any slide of the reading view, with the handout notes shown', async () => {
    // A tall window shows several slides at once; scroll a window at a time, so that every slide
    // is checked while on screen (reveal.js hides the pages far from the window).
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 3600 } })
    await openDeck(page, `${env.site.url}?view=scroll&handout`)
    await page.waitForSelector('.deck-handout-notes')
    const problems = new Set<string>()
    const checked = new Set<string>()
    for (let top = 0; ;) {
      await page.evaluate((y) => document.body.scrollTo(0, y), top)
      await settled(page)
      for (const p of await axeProblems(page))
        problems.add(`${p.id} (${p.impact}) ${p.help}: ${p.targets.join(', ')}`)
      const shown = await page.$$eval('.scroll-page section', (sections) =>
        sections
          .filter((s) => {
            const r = s.getBoundingClientRect()
            return (
              getComputedStyle(s).display !== 'none' && r.top >= -1 && r.bottom <= innerHeight + 1
            )
          })
          .map((s) => s.id),
      )
      shown.forEach((id) => checked.add(id))
      const { scrollTop, scrollHeight, clientHeight } = await page.evaluate(() => ({
        scrollTop: document.body.scrollTop,
        scrollHeight: document.body.scrollHeight,
        clientHeight: document.body.clientHeight,
      }))
      if (scrollTop + clientHeight >= scrollHeight - 1) break
      top = scrollTop + clientHeight - 900 // overlap: a slide cut at the edge is seen whole next
    }
    expect([...problems]).toEqual([])
    expect([...checked].sort()).toEqual(slides.map((s) => s.id).sort())
    await page.close()
    // One axe run per window down the whole reading view, notes included: the time grows with the
    // deck's length, past the default 60 s for the July session on a loaded 2-core machine (119 s
    // seen with a load average of 20).
  }, 300_000)
})

describe('the page', () => {
  it('sets lang and gives every formula MathML (the typeset HTML hidden from screen readers)', async () => {
    const page = await open()
    expect(await page.getAttribute('html', 'lang')).toBe(deck.meta.lang ?? 'en')
    const math = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.slides .katex')]
      return {
        formulas: all.length,
        withMathML: all.filter((k) => k.querySelector(':scope > .katex-mathml math semantics'))
          .length,
        htmlHidden: all.filter(
          (k) => k.querySelector(':scope > .katex-html')?.getAttribute('aria-hidden') === 'true',
        ).length,
      }
    })
    expect(math.formulas).toBeGreaterThan(10)
    expect(math.withMathML).toBe(math.formulas)
    expect(math.htmlHidden).toBe(math.formulas)
    await page.close()
  })

  it('sets body text at 28px or more on every slide (source lines and figure captions aside)', async () => {
    const page = await open()
    const small: string[] = []
    for (let i = 0; i < slides.length; i++) {
      await show(page, i)
      small.push(
        ...(await page.evaluate(() => {
          const { deck } = window as unknown as DeckWindow
          const slide = deck.getCurrentSlide()
          return [...slide.querySelectorAll<HTMLElement>('p, li')]
            .filter(
              (el) =>
                el.getClientRects().length > 0 &&
                el.textContent!.trim() !== '' &&
                !el.closest('aside.notes, .cite, figure, .passk-explorer'),
            )
            .map((el) => ({ el, size: parseFloat(getComputedStyle(el).fontSize) }))
            .filter(({ size }) => size < 28)
            .map(
              ({ el, size }) => `${slide.id}: ${size}px "${el.textContent!.trim().slice(0, 40)}"`,
            )
        })),
      )
    }
    expect(small).toEqual([])
    // The canvas these sizes are on.
    const config = await page.evaluate(() => (window as unknown as DeckWindow).deck.getConfig())
    expect([config.width, config.height]).toEqual([1280, 720])
    await page.close()
  })
})

describe('the keyboard', () => {
  it('reaches every control of the presentation, each with a visible focus ring', async () => {
    const page = await open(`#/${slides[2]!.id}`)
    const controls = await page.$$eval(
      '.deck-frame a, .deck-frame button:not(:disabled)',
      (els) => els.length,
    )
    const seen = await tabAround(page)
    const inFrame = seen.filter((s) => /deck-(nav|tool)/.test(s.key))
    expect(inFrame.length).toBe(controls)
    expect(seen.filter((s) => !s.ring || !s.inView).map((s) => s.key)).toEqual([])
    await page.close()
  })

  it('reaches the reading view’s controls, each with a visible focus ring', async () => {
    const page = await open('?view=scroll')
    const seen = await tabAround(page, 200)
    // Once each (Present's link follows the slide being read, which focus may scroll to).
    const bar = seen.filter((s) => s.key.includes('deck-readbar-control'))
    const labels = bar.map((s) => s.key.split('|')[1])
    expect([...new Set(labels)]).toEqual(['Present', 'Notes', 'PDF', 'Theme'])
    expect(bar.filter((s) => !s.ring)).toEqual([])
    await page.close()
  })

  it('reaches the speaker view’s controls, each with a visible focus ring', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } })
    await page.goto(`${env.site.url}?view=speaker`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    const seen = await tabAround(page)
    // The notes pane scrolls, so it takes the focus too; opened directly, the view offers to
    // open the deck window.
    expect(
      seen.map((s) => (s.key.startsWith('div.') ? s.key.split('|')[0] : s.key.split('|')[1])),
    ).toEqual([
      'Start',
      'Reset',
      'Previous',
      'Next',
      'Open the deck window',
      'div.speaker-notes-body',
    ])
    expect(seen.filter((s) => !s.ring)).toEqual([])
    expect(await axeProblems(page)).toEqual([])
    await page.close()
  })
})

describe('prefers-reduced-motion', () => {
  it('turns slide and fragment transitions off when set, and leaves them on otherwise', async () => {
    const durations = async (page: Page) =>
      page.evaluate(() => {
        const { deck } = window as unknown as DeckWindow
        const slide = deck.getCurrentSlide()
        return {
          transition: deck.getConfig().transition,
          slide: getComputedStyle(slide).transitionDuration,
          fragment: getComputedStyle(document.querySelector('.fragment')!).transitionDuration,
        }
      })
    const still = await open('', 'reduce')
    const calm = await durations(still)
    expect(calm.transition).toBe('none')
    expect(calm.slide.split(', ').every((d) => d === '0s')).toBe(true)
    expect(calm.fragment.split(', ').every((d) => d === '0s')).toBe(true)
    await still.close()
    const moving = await open('', 'no-preference')
    const busy = await durations(moving)
    expect(busy.transition).toBe('slide')
    expect(busy.slide.split(', ').some((d) => d !== '0s')).toBe(true)
    expect(busy.fragment.split(', ').some((d) => d !== '0s')).toBe(true)
    await moving.close()
  })
})
