// `npm start`: saving a slide updates the open page and keeps the current slide; a compile
// error shows in Vite's overlay with file:line and clears when fixed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/site/paths.ts'
import { createViteConfig } from '../../src/site/vite-config.ts'
import { launchChromium } from '../helpers/browser.ts'

const DECK = resolve(ROOT, `.tmp/dev-server-deck-${process.pid}`)
const FILE = resolve(DECK, '02-slides.md')
const SLIDES = `## First

One

---

## Second

Two $x^2$

---

## Third

Three
`

let server: ViteDevServer
let browser: Browser
let page: Page

beforeAll(async () => {
  rmSync(DECK, { recursive: true, force: true })
  mkdirSync(DECK, { recursive: true })
  writeFileSync(resolve(DECK, '01-title.md'), '---\ntitle: Dev deck\n---\n# Dev deck\n')
  writeFileSync(FILE, SLIDES)
  const config = createViteConfig({ slidesDir: DECK })
  server = await createServer({
    ...config,
    logLevel: 'silent',
    server: {
      host: '127.0.0.1',
      port: 5180,
      strictPort: false,
      watch: { ignored: ['**/dist/**', '**/.tmp/cli-*/**', '**/.tmp/site-*/**'] },
    },
  })
  await server.listen()
  browser = await launchChromium()
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(DECK, { recursive: true, force: true })
})

const edit = (from: string, to: string): void =>
  writeFileSync(FILE, readFileSync(FILE, 'utf8').replace(from, to))

describe('the dev server', () => {
  it('updates an edited slide in place and stays on the current slide', async () => {
    const url = server.resolvedUrls!.local[0]!
    await page.goto(`${url}#/second`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    expect(await page.textContent('#second p')).toContain('Two')
    await page.evaluate(() => {
      ;(window as unknown as { marker: boolean }).marker = true
    })
    edit('Two', 'Deux')
    await page.waitForFunction(
      () => document.querySelector('#second p')?.textContent?.includes('Deux'),
      null,
      {
        timeout: 45_000,
      },
    )
    // No reload happened (the marker survived) and the slide is still the current one.
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true)
    expect(await page.evaluate(() => location.hash)).toBe('#/second')
    expect(await page.locator('.reveal .slides > section.present').getAttribute('id')).toBe(
      'second',
    )
  })

  it('shows a KaTeX error in the overlay with file and line, and clears it when fixed', async () => {
    edit('$x^2$', '$x^{2$')
    const overlay = page.locator('vite-error-overlay')
    await overlay.waitFor({ state: 'attached', timeout: 45_000 })
    const text = await page.evaluate(
      () =>
        document.querySelector('vite-error-overlay')?.shadowRoot?.querySelector('.window')
          ?.textContent ?? '',
    )
    expect(text).toMatch(/02-slides\.md:9:11: error: KaTeX: Expected '}'/)
    edit('$x^{2$', '$x^{3}$')
    await overlay.waitFor({ state: 'detached', timeout: 45_000 })
    await page.waitForSelector('html[data-deck-ready="true"]')
    await page.waitForFunction(
      () => document.querySelector('#second annotation')?.textContent === 'x^{3}',
      null,
      {
        timeout: 45_000,
      },
    )
    expect(await page.evaluate(() => location.hash)).toBe('#/second')
  })
})

describe('the dev server for the whole site', () => {
  it('serves the home page at / and each session at /<slug>/', async () => {
    const site = await createServer({
      ...createViteConfig({}),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 5190, strictPort: false },
    })
    await site.listen()
    try {
      const url = site.resolvedUrls!.local[0]!
      const home = await (await fetch(url)).text()
      expect(home).toContain('href="./2025-07-16-rlvr-reasoning/"')
      expect(home).toContain('/@vite/client')
      const deck = await (await fetch(`${url}2025-07-16-rlvr-reasoning/`)).text()
      expect(deck).toContain('<section id="pass-at-k"')
      expect(deck).toContain('"slug":"2025-07-16-rlvr-reasoning"')
    } finally {
      await site.close()
    }
  })
})
