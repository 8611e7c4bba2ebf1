// An edit shows at once, also in a long deck. The dev server sends only the slides an edit
// changed, and the page replaces only those; adding a slide sends them all. After each, the
// page's controllers render again and register nothing twice (every listener of the page
// counted, reveal.js's included); the speaker view renders the edited notes without a reload.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/site/paths.ts'
import { createViteConfig } from '../../src/site/vite-config.ts'
import { launchChromium, type DeckWindow } from '../helpers/browser.ts'
import { countListeners, listenerCount, type Listeners } from '../helpers/listeners.ts'
import { settled } from '../helpers/settled.ts'

const DECK = resolve(ROOT, `.tmp/dev-update-deck-${process.pid}`)
const FILES = 40
const file = (n: number): string => resolve(DECK, `${String(n).padStart(2, '0')}-s.md`)

const EXPLORER =
  '```passk-explorer\nbase-pass1: 10\nbase-solvable: 90\nrl-pass1: 30\nrl-solvable: 70\n```'

let server: ViteDevServer
let browser: Browser
let page: Page
/** The page's listeners once everything it loads later (search, zoom, the explorer) is in. */
let listeners: Listeners
/** The deck:update payloads the page received. */
const updates: { changed?: { index: number; html: string }[]; slides?: string }[] = []

beforeAll(async () => {
  rmSync(DECK, { recursive: true, force: true })
  mkdirSync(DECK, { recursive: true })
  writeFileSync(file(1), '---\ntitle: Long deck\n---\n# Long deck\n')
  for (let n = 2; n <= FILES; n++)
    writeFileSync(file(n), `## Slide ${n}\n\nText $x_${n}^2$ and more text.\n`)
  // A widget with listeners of its own, and a slide with notes.
  writeFileSync(file(3), `## Slide 3\n\n${EXPLORER}\n`)
  writeFileSync(file(21), `## Slide 21\n\nText.\n\n::: notes\nThe notes of slide 21.\n:::\n`)
  server = await createServer({
    ...createViteConfig({ slidesDir: DECK }),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 5185, strictPort: false },
  })
  await server.listen()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await countListeners(page)
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload)
      if (!text.includes('"deck:update"')) return
      updates.push((JSON.parse(text) as { data: (typeof updates)[number] }).data)
    }),
  )
  await page.goto(server.resolvedUrls!.local[0]!)
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 60_000 })
  await page.waitForFunction(
    () => {
      const { deck } = window as unknown as { deck: { hasPlugin(id: string): boolean } }
      return (
        deck.hasPlugin('search') &&
        deck.hasPlugin('zoom') &&
        document.querySelector('.passk-explorer[data-mounted]') !== null
      )
    },
    null,
    { timeout: 60_000 },
  )
  listeners = await listenerCount(page)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(DECK, { recursive: true, force: true })
})

const heading = (): Promise<string | null | undefined> =>
  page.evaluate(() => document.querySelector('.reveal .slides section.present h2')?.textContent)

describe('a live edit', () => {
  it('sends and replaces only the edited slide, and stays on it', async () => {
    await page.evaluate(() => (window as unknown as DeckWindow).deck.slide(20))
    const before = await page.evaluate(
      () => document.querySelectorAll('.reveal .slides > section').length,
    )
    const path = file(21)
    writeFileSync(path, readFileSync(path, 'utf8').replace('## Slide 21', '## Slide 21, edited'))
    await expect.poll(heading, { timeout: 30_000 }).toBe('Slide 21, edited')
    const update = updates.at(-1)!
    expect(update.slides).toBeUndefined()
    expect(update.changed?.map((c) => c.index)).toEqual([20])
    expect(update.changed![0]!.html).toContain('Slide 21, edited')
    expect(
      await page.evaluate(() => document.querySelectorAll('.reveal .slides > section').length),
    ).toBe(before)
    expect(await page.evaluate(() => (window as unknown as DeckWindow).deck.getIndices().h)).toBe(
      20,
    )
    // The frame follows: the dot's title is the new heading.
    expect(
      await page.evaluate(() =>
        document.querySelectorAll('.deck-nav-dot')[20]?.getAttribute('title'),
      ),
    ).toBe('Slide 21, edited')
    expect(await listenerCount(page)).toEqual(listeners)
  })

  it("renders a widget's slide again with its listeners, the old ones gone", async () => {
    const path = file(3)
    writeFileSync(path, readFileSync(path, 'utf8').replace('## Slide 3', '## Slide 3, edited'))
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector('.reveal .slides > section:nth-child(3) h2')?.textContent,
        ),
      )
      .toBe('Slide 3, edited')
    await page.waitForSelector('.passk-explorer[data-mounted]', { state: 'attached' })
    expect(await listenerCount(page)).toEqual(listeners)
    // One click on the frame's next button is one step.
    const at = await page.evaluate(() => (window as unknown as DeckWindow).deck.getIndices().h)
    await page.click('.deck-frame [data-tool="next"]')
    await expect
      .poll(() => page.evaluate(() => (window as unknown as DeckWindow).deck.getIndices().h))
      .toBe(at + 1)
    await settled(page)
    expect(await page.evaluate(() => (window as unknown as DeckWindow).deck.getIndices().h)).toBe(
      at + 1,
    )
    await page.click('.deck-frame [data-tool="prev"]')
    await expect
      .poll(() => page.evaluate(() => (window as unknown as DeckWindow).deck.getIndices().h))
      .toBe(at)
  })

  it('renders the edited notes in the speaker view, without a reload', async () => {
    const speaker = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    await speaker.goto(`${server.resolvedUrls!.local[0]!}?view=speaker#/slide-21-edited`)
    await speaker.waitForSelector('html[data-deck-ready="true"]')
    expect(await speaker.textContent('.speaker-notes-body')).toContain('The notes of slide 21.')
    await speaker.evaluate(() => ((window as unknown as { marker: boolean }).marker = true))
    const path = file(21)
    writeFileSync(path, readFileSync(path, 'utf8').replace('The notes of', 'The new notes of'))
    await expect
      .poll(() => speaker.textContent('.speaker-notes-body'), { timeout: 30_000 })
      .toContain('The new notes of slide 21.')
    expect(await speaker.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    )
    await speaker.close()
  })

  it('sends every slide when one is added', async () => {
    const path = file(10)
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n---\n\n## Slide 10b\n\nNew.\n`)
    await expect
      .poll(
        () => page.evaluate(() => document.querySelectorAll('.reveal .slides > section').length),
        {
          timeout: 30_000,
        },
      )
      .toBe(FILES + 1)
    const update = updates.at(-1)!
    expect(update.changed).toBeUndefined()
    expect(update.slides).toContain('Slide 10b')
    // Still on the slide shown, now one further down.
    expect(await heading()).toBe('Slide 21, edited')
    expect(await listenerCount(page)).toEqual(listeners)
  })
})
