// The browser runtime is its controllers (src/runtime/controllers.ts), bound in one order: each
// removes what it added when unbound, and binding again registers nothing twice (counted over
// every listener of the page, reveal.js's event handlers included) and works as before.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openDeck, useBuiltDeck, type DeckWindow } from '../helpers/browser.ts'
import { countListeners, listenerCount } from '../helpers/listeners.ts'
import { settled } from '../helpers/settled.ts'

const env = useBuiltDeck()

interface RuntimeWindow extends DeckWindow {
  deckRuntime: { names: string[]; bind(): Promise<void>; unbind(): void }
  deck: DeckWindow['deck'] & { hasPlugin(id: string): boolean }
}

/** Opens the deck, with everything the runtime loads later loaded (search, zoom, explorer). */
async function open(query = ''): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
  await countListeners(page)
  await openDeck(page, `${env.site.url}${query}`)
  await page.waitForFunction(() => {
    const { deck } = window as unknown as RuntimeWindow
    return (
      deck.hasPlugin('search') &&
      deck.hasPlugin('zoom') &&
      document.querySelector('.passk-explorer[data-mounted]') !== null
    )
  })
  return page
}

const unbind = (page: Page): Promise<void> =>
  page.evaluate(() => (window as unknown as RuntimeWindow).deckRuntime.unbind())
const bind = (page: Page): Promise<void> =>
  page.evaluate(() => (window as unknown as RuntimeWindow).deckRuntime.bind())
const index = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as RuntimeWindow).deck.getIndices().h)

describe('the runtime', () => {
  it('is the controllers of its mode, in the order of controllers.ts', async () => {
    const page = await open()
    expect(
      await page.evaluate(() => (window as unknown as RuntimeWindow).deckRuntime.names),
    ).toEqual([
      'frame',
      'speaker-link',
      'keys',
      'help',
      'plugins',
      'history',
      'follow',
      'readbar',
      'reading-graphics',
      'enlarge',
      'fill',
      'code-steps',
      'explorer',
    ])
    await page.close()
  })

  it('removes every listener it added when unbound, and adds each once when bound again', async () => {
    const page = await open()
    const bound = await listenerCount(page)
    await unbind(page)
    const unbound = await listenerCount(page)
    // What is left is reveal.js's own (and its plugins').
    expect(unbound.total).toBeLessThan(bound.total)
    for (let i = 0; i < 3; i++) {
      await bind(page)
      expect(await listenerCount(page)).toEqual(bound)
      await unbind(page)
      expect(await listenerCount(page)).toEqual(unbound)
    }
    // Unbound, the frame's buttons do nothing…
    await page.click('.deck-frame [data-tool="next"]')
    expect(await index(page)).toBe(0)
    // … bound again, one click is one step (a listener added twice would step twice).
    await bind(page)
    await page.click('.deck-frame [data-tool="next"]')
    await expect.poll(() => index(page)).toBe(1)
    await settled(page)
    expect(await index(page)).toBe(1)
    expect(await page.textContent('.deck-footer-count')).toContain('2 /')
    await page.close()
  })

  it('takes the reading bar out when unbound and puts one back when bound', async () => {
    const page = await open('?view=scroll')
    const bars = (): Promise<number> => page.locator('.deck-readbar').count()
    expect(await bars()).toBe(1)
    const bound = await listenerCount(page)
    await unbind(page)
    expect(await bars()).toBe(0)
    await bind(page)
    expect(await bars()).toBe(1)
    expect(await listenerCount(page)).toEqual(bound)
    await page.close()
  })

  it('registers nothing twice when the handout is switched on, off and on again', async () => {
    const page = await open('?view=scroll')
    const notes = page.locator('.deck-readbar button[aria-pressed]')
    await notes.click()
    await page.waitForSelector('.deck-handout-notes')
    const once = await listenerCount(page)
    await notes.click()
    await notes.click()
    await page.waitForSelector('html.deck-handout .deck-handout-notes')
    expect(await listenerCount(page)).toEqual(once)
    await page.close()
  })
})
