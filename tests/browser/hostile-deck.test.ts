// A hostile deck (tests/fixtures/sites/hostile: scripts, handlers, frames, forms, a breakout
// with an overlay, an SVG with script, %ENV% text, a hostile title) builds into a site whose files
// hold nothing executable, remote or foreign, and which in Chromium, in the presentation, the
// reading view and the speaker view, opens no dialog, violates no CSP directive and sends no request
// off 127.0.0.1.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { assembleDeck } from '../../src/site/build.ts'
import { ROOT } from '../../src/site/paths.ts'
import { openDeck, useBuiltDeck, watchPage, type DeckWindow } from '../helpers/browser.ts'
import { settled } from '../helpers/settled.ts'

const DECK = resolve(ROOT, 'tests/fixtures/sites/hostile/slides/2025-01-01-hostile')
const OUT = mkdtempSync(join(tmpdir(), 'deck-hostile-'))

beforeAll(async () => {
  const compiled = compileDeck(DECK, { root: ROOT })
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  await assembleDeck(OUT, compiled)
}, 120_000)
afterAll(() => rmSync(OUT, { recursive: true, force: true }))

const env = useBuiltDeck(() => OUT)

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })

describe('the built files', () => {
  it('hold no script but the build’s own module, no handler, no remote load', () => {
    const page = readFileSync(join(OUT, 'index.html'), 'utf8')
    const scripts = [...page.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!.trim())
    for (const attrs of scripts)
      expect(attrs).toMatch(
        /^(type="module" crossorigin src="\.\/assets\/[\w-]+\.js"|type="application\/json" id="deck-meta")$/,
      )
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i)
    expect(page).not.toMatch(
      /<(iframe|object|embed|form|base|link rel="stylesheet" href="https?:)/i,
    )
    // Loads (links to elsewhere are allowed: they load nothing until followed).
    expect(page).not.toMatch(/(src|srcset|poster|data-[a-z-]+)="(https?:)?\/\//i)
    expect(page).not.toMatch(/url\(\s*["']?(https?:)?\/\//i)
    expect(page).not.toMatch(/="[^"]*javascript:/i)
    expect(page).toContain('%VITE_SECRET% %MODE% %BASE_URL%')
    expect(page).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self';/,
    )
  })

  it('publish the SVG sanitised and no file of the machine', () => {
    for (const file of files(OUT)) {
      const text = readFileSync(file, 'latin1')
      expect(text).not.toMatch(/root:x:0:0|\[core\]|"devDependencies"/)
      if (file.endsWith('.svg'))
        expect(text).not.toMatch(/<script|\son[a-z]+=|foreignObject|javascript:/i)
    }
    expect(readdirSync(join(OUT, 'deck-assets')).some((f) => /^dot-[\w-]{10}\.png$/.test(f))).toBe(
      true,
    )
  })
})

describe('in Chromium', () => {
  /** Opens a view and records dialogs, CSP violations, errors and requests off the origin. */
  async function watched(_url: string): Promise<{ page: Page; check: () => Promise<void> }> {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.addInitScript(() => {
      const list: string[] = []
      Object.assign(window, { cspViolations: list })
      document.addEventListener('securitypolicyviolation', (e) =>
        list.push(`${e.violatedDirective} ${e.blockedURI}`),
      )
    })
    const watch = watchPage(page, new URL(env.site.url).origin)
    return {
      page,
      check: async () => {
        await settled(page)
        expect(dialogs).toEqual([])
        expect(
          await page.evaluate(
            () => (window as unknown as { cspViolations: string[] }).cspViolations,
          ),
        ).toEqual([])
        expect(watch.foreignRequests).toEqual([])
        expect(watch.consoleErrors).toEqual([])
      },
    }
  }

  it('the presentation: every slide shown, nothing runs, nothing leaves the deck', async () => {
    const { page, check } = await watched(env.site.url)
    await openDeck(page, env.site.url)
    const total = await page.evaluate(() => (window as unknown as DeckWindow).deck.getTotalSlides())
    for (let i = 0; i < total; i++)
      await page.evaluate((n) => (window as unknown as DeckWindow).deck.slide(n), i)
    // The overlay stayed inside its slide: .reveal > .slides > section holds every element.
    const outside = await page.evaluate(
      () =>
        [...document.querySelectorAll('.overlay, .small')].filter(
          (el) => !el.closest('.reveal .slides > section'),
        ).length,
    )
    expect(outside).toBe(0)
    expect(await page.locator('.reveal .slides > section').count()).toBe(total)
    expect(await page.title()).toContain('</title><script>')
    await check()
    await page.close()
  })

  it('the reading view and the speaker view: nothing runs either', async () => {
    for (const query of ['?view=scroll&handout', '?view=speaker']) {
      const { page, check } = await watched(`${env.site.url}${query}`)
      await page.goto(`${env.site.url}${query}`)
      await page.waitForLoadState('load')
      await page.mouse.wheel(0, 3000)
      await check()
      await page.close()
    }
  })
})
