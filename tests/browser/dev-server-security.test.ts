// `npm start` with two decks open: a compile error in one deck shows Vite's overlay on that deck's
// page only — never on the other deck's page or its speaker view — and a mistyped URL is a plain
// 404 that reaches no open tab. Every page runs under the built site's CSP header without a
// violation, Vite's live reload included. A deck's own files (a page, an SVG, a script a pull
// request adds) are never a document of the dev origin: a 404, and an image of assets/ is sandboxed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderDevHome } from '../../src/site/dev-home.ts'
import { ROOT } from '../../src/site/paths.ts'
import { createViteConfig } from '../../src/site/vite-config.ts'
import { contentSecurityPolicy } from '../../src/vite/csp.ts'
import { deckPlugin } from '../../src/vite/plugin.ts'
import { launchChromium } from '../helpers/browser.ts'

const SLIDES = resolve(ROOT, `.tmp/dev-security-${process.pid}/slides`)
const ALPHA = '2025-01-01-alpha'
const BETA = '2025-01-02-beta'
const BETA_FILE = resolve(SLIDES, BETA, '02-body.md')
const BETA_BODY = '## Beta math\n\nTwo $x^2$\n'

let server: ViteDevServer
let browser: Browser
let url: string
/** Every page opened, with the CSP violations and page errors it reported. */
const opened: { name: string; page: Page; problems: string[] }[] = []
/** How many times each page's Vite client has said it is connected (once per load). */
const connections = new Map<Page, number>()

async function open(name: string, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  const problems: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => {
    if (m.text().includes('[vite] connected'))
      connections.set(page, (connections.get(page) ?? 0) + 1)
  })
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Refused to load: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  )
  opened.push({ name, page, problems })
  const res = await page.goto(`${url}${path}`)
  expect(res?.headers()['content-security-policy']).toBe(contentSecurityPolicy())
  return page
}

const hasOverlay = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.querySelector('vite-error-overlay') !== null)

const overlayText = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      document.querySelector('vite-error-overlay')?.shadowRoot?.querySelector('.window')
        ?.textContent ?? '',
  )

beforeAll(async () => {
  rmSync(resolve(SLIDES, '..'), { recursive: true, force: true })
  for (const [slug, title] of [
    [ALPHA, 'Alpha deck'],
    [BETA, 'Beta deck'],
  ] as const) {
    mkdirSync(resolve(SLIDES, slug), { recursive: true })
    writeFileSync(
      resolve(SLIDES, slug, '01-title.md'),
      `---\ntitle: ${title}\ndate: ${slug.slice(0, 10)}\n---\n# ${title}\n\n::: notes\nNotes of ${title}\n:::\n`,
    )
  }
  writeFileSync(resolve(SLIDES, ALPHA, '02-body.md'), '## Alpha body\n\nOne\n')
  writeFileSync(BETA_FILE, BETA_BODY)
  // What a pull request could add to a deck: each would tell /pwned it ran.
  const PWN = "fetch('/pwned').catch(() => {}); document.title = 'pwned'"
  writeFileSync(
    resolve(SLIDES, ALPHA, 'evil.html'),
    `<!doctype html><title>x</title><script>${PWN}</script><script src="evil.js"></script>`,
  )
  writeFileSync(resolve(SLIDES, ALPHA, 'evil.js'), PWN)
  writeFileSync(
    resolve(SLIDES, ALPHA, 'evil.svg'),
    `<svg xmlns="http://www.w3.org/2000/svg"><script>${PWN}</script></svg>`,
  )
  const config = createViteConfig({})
  server = await createServer({
    ...config,
    logLevel: 'silent',
    plugins: [deckPlugin({ slidesRoot: SLIDES, root: ROOT, homePage: renderDevHome })],
    server: {
      host: '127.0.0.1',
      port: 5195,
      strictPort: false,
      watch: { ignored: ['**/dist/**', '**/.tmp/cli-*/**', '**/.tmp/site-*/**'] },
    },
  })
  await server.listen()
  url = server.resolvedUrls!.local[0]!
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(resolve(SLIDES, '..'), { recursive: true, force: true })
})

describe('the dev server with two decks open', () => {
  it("shows a deck's error on that deck's page only, and a 404 for a typo reaches no tab", async () => {
    const alpha = await open('alpha', `${ALPHA}/#/alpha-body`)
    const speaker = await open('alpha speaker view', `${ALPHA}/?view=speaker`)
    const beta = await open('beta', `${BETA}/#/beta-math`)
    const home = await open('home', '')
    for (const page of [alpha, beta]) await page.waitForSelector('html[data-deck-ready="true"]')
    await speaker.waitForLoadState('load')
    expect(await home.textContent('body')).toContain('Alpha deck')

    // Break the beta deck: its page shows the overlay with file:line.
    writeFileSync(BETA_FILE, BETA_BODY.replace('$x^2$', '$x^{2$'))
    await beta.locator('vite-error-overlay').waitFor({ state: 'attached', timeout: 45_000 })
    expect(await overlayText(beta)).toMatch(/02-body\.md:3:\d+: error: KaTeX: Expected '}'/)

    // A mistyped URL: a plain 404 page, no stack trace.
    const typo = await open('typo', 'typo/')
    expect(await typo.evaluate(() => document.body.textContent)).toContain(
      'There is no page at /typo/.',
    )
    expect(await typo.evaluate(() => document.title)).toBe('404 Not found')
    // Give a stray broadcast time to arrive, then check that no other tab got an overlay.
    await alpha.waitForTimeout(1500)
    expect(await hasOverlay(alpha)).toBe(false)
    expect(await hasOverlay(speaker)).toBe(false)
    expect(await hasOverlay(home)).toBe(false)
    expect(await hasOverlay(typo)).toBe(false)

    // Fixed, the beta page reloads on its slide and the overlay is gone; alpha did not reload.
    await alpha.evaluate(() => ((window as unknown as { marker: boolean }).marker = true))
    const loadsBefore = connections.get(beta) ?? 0
    writeFileSync(BETA_FILE, BETA_BODY.replace('$x^2$', '$x^{3}$'))
    await beta.locator('vite-error-overlay').waitFor({ state: 'detached', timeout: 45_000 })
    await beta.waitForFunction(
      () => document.querySelector('#beta-math annotation')?.textContent === 'x^{3}',
      null,
      { timeout: 45_000 },
    )
    expect(await beta.evaluate(() => location.hash)).toBe('#/beta-math')
    expect(await alpha.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    )

    // A good edit of beta updates beta in place; alpha's presenter view does not reload for it.
    // (After its reload the beta page must be listening again before the next save.)
    await expect
      .poll(() => connections.get(beta) ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(loadsBefore)
    await speaker.evaluate(() => ((window as unknown as { marker: boolean }).marker = true))
    writeFileSync(BETA_FILE, BETA_BODY.replace('Two', 'Deux').replace('$x^2$', '$x^{3}$'))
    await beta.waitForFunction(
      () => document.querySelector('#beta-math p')?.textContent?.includes('Deux'),
      null,
      { timeout: 45_000 },
    )
    await speaker.waitForTimeout(1500)
    expect(await speaker.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
      true,
    )

    // No page saw a CSP violation or a script error, the dev client's websocket included.
    // (The dev client's websocket is allowed by `connect-src 'self'`, as the build's.)
    expect(opened.map((o) => [o.name, o.problems])).toEqual(opened.map((o) => [o.name, []]))
  }, 180_000)

  it("opening a broken deck's URL shows the overlay there and nowhere else", async () => {
    writeFileSync(BETA_FILE, BETA_BODY.replace('$x^2$', '$\\frac{1$'))
    const alpha = await open('alpha again', `${ALPHA}/`)
    await alpha.waitForSelector('html[data-deck-ready="true"]')
    // Wait for the watcher's error to reach the open beta page before loading the page afresh.
    const beta = opened.find((o) => o.name === 'beta')!.page
    await beta.locator('vite-error-overlay').waitFor({ state: 'attached', timeout: 45_000 })
    const fresh = await browser.newPage()
    const res = await fresh.goto(`${url}${BETA}/`)
    expect(res?.status()).toBe(500)
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/)
    await fresh.locator('vite-error-overlay').waitFor({ state: 'attached', timeout: 45_000 })
    expect(await overlayText(fresh)).toMatch(/02-body\.md:3:\d+: error: KaTeX/)
    await alpha.waitForTimeout(1500)
    expect(await hasOverlay(alpha)).toBe(false)
    writeFileSync(BETA_FILE, BETA_BODY)
    await fresh.waitForSelector('html[data-deck-ready="true"]', { timeout: 45_000 })
    expect(await hasOverlay(fresh)).toBe(false)
    await fresh.close()
  }, 180_000)

  it("opens none of a deck's own files as a page, and an image of assets/ only sandboxed", async () => {
    const page = await browser.newPage()
    const pwned: string[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/pwned') pwned.push(r.url())
    })
    for (const path of [
      `${relative(ROOT, SLIDES)}/${ALPHA}/evil.html`,
      `${relative(ROOT, SLIDES)}/${ALPHA}/evil.svg`,
      `${relative(ROOT, SLIDES)}/${ALPHA}/evil.js`,
      `${relative(ROOT, SLIDES)}/${ALPHA}/01-title.md`,
      `@fs${SLIDES}/${ALPHA}/evil.html`,
    ]) {
      const res = await page.goto(`${url}${path}`)
      expect(res?.status(), path).toBe(404)
      expect(await page.title(), path).toBe('404 Not found')
    }
    // An HTML file of a dependency is no page either (Vite would serve any .html it may read).
    const demo = await page.goto(`${url}node_modules/reveal.js/demo.html`)
    expect(demo?.status()).toBe(404)
    // The favicon is served, as an image that cannot run as a page.
    const icon = await page.goto(`${url}assets/favicon.svg`)
    expect(icon?.status()).toBe(200)
    expect(icon?.headers()['content-security-policy']).toContain('sandbox')
    expect(icon?.headers()['x-content-type-options']).toBe('nosniff')
    // Leaving the image (a sandboxed document, where no script of ours runs): every request it
    // made has been reported by then.
    await page.goto('about:blank')
    expect(pwned).toEqual([])
    await page.close()
  })
})
