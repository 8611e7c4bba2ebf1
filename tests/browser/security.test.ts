// The built site under its Content-Security-Policy: the policy is there, strict for scripts, and
// nothing on any slide (or the home page) violates it or reaches outside the origin.
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/site/paths.ts'
import { launchChromium, serveSite, watchPage } from '../helpers/browser.ts'
import { settled } from '../helpers/settled.ts'

let browser: Browser
let site: { url: string; close: () => Promise<void> }

beforeAll(async () => {
  site = await serveSite(resolve(ROOT, 'dist'))
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** Records every CSP violation the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const list: string[] = []
    Object.assign(window, { cspViolations: list })
    document.addEventListener('securitypolicyviolation', (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    )
  })
}
const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)

describe('Content-Security-Policy', () => {
  it('every page carries a policy with no unsafe-inline or unsafe-eval for scripts', async () => {
    for (const path of ['', '2025-07-16-rlvr-reasoning/']) {
      const html = await (await fetch(`${site.url}${path}`)).text()
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]
      expect(csp, path).toBeDefined()
      const script = csp!.split(';').find((d) => d.trim().startsWith('script-src'))!
      expect(script.trim()).toBe("script-src 'self'")
      expect(csp).toContain("object-src 'none'")
    }
  })

  it('no slide violates it, and no request leaves the origin', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 720 },
      reducedMotion: 'reduce',
    })
    const watch = watchPage(page, new URL(site.url).origin)
    await recordViolations(page)
    await page.goto(`${site.url}2025-07-16-rlvr-reasoning/`)
    await page.waitForSelector('html[data-deck-ready="true"]')
    const total = await page.evaluate(() =>
      (window as unknown as { deck: { getTotalSlides(): number } }).deck.getTotalSlides(),
    )
    for (let i = 0; i < total; i++) {
      await page.evaluate(
        (n) => (window as unknown as { deck: { slide(h: number): void } }).deck.slide(n),
        i,
      )
    }
    await settled(page)
    expect(await violations(page)).toEqual([])
    expect(watch.consoleErrors).toEqual([])
    expect(watch.foreignRequests).toEqual([])
    await page.close()
  })

  it('the home page has no violation either', async () => {
    const page = await browser.newPage()
    await recordViolations(page)
    await page.goto(site.url)
    await page.waitForLoadState('load')
    expect(await violations(page)).toEqual([])
    await page.close()
  })
})
