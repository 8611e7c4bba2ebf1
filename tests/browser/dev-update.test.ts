// Issue 13, item 5: an edit shows at once, also in a long deck. The dev server sends only the
// slides an edit changed, and the page replaces only those; adding a slide sends them all.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/site/paths.ts'
import { createViteConfig } from '../../src/site/vite-config.ts'
import { launchChromium, type DeckWindow } from '../helpers/browser.ts'

const DECK = resolve(ROOT, `.tmp/dev-update-deck-${process.pid}`)
const FILES = 40
const file = (n: number): string => resolve(DECK, `${String(n).padStart(2, '0')}-s.md`)

let server: ViteDevServer
let browser: Browser
let page: Page
/** The deck:update payloads the page received. */
const updates: { changed?: { index: number; html: string }[]; slides?: string }[] = []

beforeAll(async () => {
  rmSync(DECK, { recursive: true, force: true })
  mkdirSync(DECK, { recursive: true })
  writeFileSync(file(1), '---\ntitle: Long deck\n---\n# Long deck\n')
  for (let n = 2; n <= FILES; n++)
    writeFileSync(file(n), `## Slide ${n}\n\nText $x_${n}^2$ and more text.\n`)
  server = await createServer({
    ...createViteConfig({ slidesDir: DECK }),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 5185, strictPort: false },
  })
  await server.listen()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload)
      if (!text.includes('"deck:update"')) return
      updates.push((JSON.parse(text) as { data: (typeof updates)[number] }).data)
    }),
  )
  await page.goto(server.resolvedUrls!.local[0]!)
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 60_000 })
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
  })
})
