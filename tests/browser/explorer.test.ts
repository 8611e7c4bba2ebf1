// The pass@k explorer in the built site: live redraw, keyboard, URL state, static views, size, CSP.
import { readdirSync, readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compute, decodeState, DEFAULT_CONFIG } from '../../src/shared/explorer/model.ts'
import { crossoverText } from '../../src/shared/explorer/view.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from '../helpers/sessions.ts'
import {
  launchChromium,
  openDeck,
  serveSite,
  watchPage,
  type PageWatch,
} from '../helpers/browser.ts'
import { settled } from '../helpers/settled.ts'

// `npm run build` writes the session to dist/<folder name>/.
const DIST = resolve(ROOT, process.env.DECK_DIST ?? resolve('dist', basename(newestDeck())))
const SLIDE = 'passk-explorer'
/** What the page's CSP will allow: scripts from the site only (no inline code, no eval). */
const CSP = "script-src 'self'; object-src 'none'; base-uri 'self'"

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[]
  passes: unknown[]
}

interface DeckWindow {
  deck: { getCurrentSlide: () => HTMLElement; slide: (h: number) => void }
}

let browser: Browser
let site: { url: string; close: () => Promise<void> }
let page: Page
let watch: PageWatch
const violations: string[] = []

/** Opens a page that serves the site's HTML with the CSP header, and records any violation. */
async function newPage(): Promise<Page> {
  const p = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await p.route(
    (url) => url.pathname.endsWith('/') || url.pathname.endsWith('.html'),
    async (route) => {
      const response = await route.fetch()
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': CSP },
      })
    },
  )
  p.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text())
  })
  return p
}

/** Opens the explorer slide (with an optional query) and waits for the widget to be live. */
async function openExplorer(p: Page, query = ''): Promise<void> {
  await openDeck(p, `${site.url}${query}#/${SLIDE}`)
  await p.waitForSelector('.passk-explorer[data-mounted] form:not([hidden])')
}

const currentId = (p: Page): Promise<string> =>
  p.evaluate(() => (window as unknown as DeckWindow).deck.getCurrentSlide().id)
const status = (p: Page): Promise<string> =>
  p.locator('.passk-explorer [data-explorer-status]').innerText()
const slider = (p: Page, name: string) => p.locator(`.passk-explorer input[name="${name}"]`)
const expectedStatus = (state: string): string =>
  crossoverText(compute(decodeState(state)!, DEFAULT_CONFIG))

beforeAll(async () => {
  site = await serveSite(DIST)
  browser = await launchChromium()
  page = await newPage()
  watch = watchPage(page, new URL(site.url).origin)
  await openExplorer(page)
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('the pass@k explorer', () => {
  it('is loaded lazily as its own small chunk, without KaTeX', () => {
    const assets = resolve(DIST, 'assets')
    const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'))
    const own = chunks.filter((f) =>
      readFileSync(resolve(assets, f), 'utf8').includes('ExplorerController'),
    )
    // The entry names the chunk in its dynamic import; the widget's code is only in its chunk.
    const widget = own.filter((f) =>
      /export\s*\{[^}]*ExplorerController/.test(readFileSync(resolve(assets, f), 'utf8')),
    )
    expect(widget).toHaveLength(1)
    const code = readFileSync(resolve(assets, widget[0]!))
    const gzip = gzipSync(code, { level: 9 }).length
    console.log(`explorer chunk ${widget[0]}: ${code.length} B, ${gzip} B gzip`)
    expect(gzip).toBeLessThan(15 * 1024)
    expect(code.toString()).not.toMatch(/katex/i)
    for (const other of chunks.filter((f) => f !== widget[0]))
      expect(readFileSync(resolve(assets, other), 'utf8')).not.toContain('findCrossover')
  })

  it('shows the sliders, the chart and the crossover of the default state', async () => {
    expect(await currentId(page)).toBe(SLIDE)
    expect(await status(page)).toBe('Base overtakes RL at k = 52')
    expect(await slider(page, 'rl-solvable').inputValue()).toBe('70')
    const svg = page.locator('.passk-explorer [data-explorer-chart] svg[role="img"]')
    expect(await svg.locator('desc').textContent()).toContain('Base overtakes RL at k = 52')
    expect(await page.locator('.passk-explorer .katex').count()).toBe(1)
    expect(await page.locator('.passk-explorer form').getAttribute('data-prevent-swipe')).toBe('')
  })

  it('redraws the chart and the crossover label when an input changes', async () => {
    const chartBefore = await page.locator('[data-explorer-chart]').innerHTML()
    await slider(page, 'rl-solvable').focus()
    await page.keyboard.press('End') // RL can now solve every problem: it stays ahead.
    await expect.poll(() => status(page)).toBe(expectedStatus('b10-90_r30-100'))
    expect(await status(page)).toBe('RL is ahead at every k up to 1024')
    expect(await page.locator('[data-explorer-chart]').innerHTML()).not.toBe(chartBefore)
    expect(await page.locator('[data-explorer-chart] svg desc').textContent()).toContain(
      'RL is ahead at every k up to 1024',
    )
    expect(await page.locator('.passk-explorer output[for$="rl-solvable"]').innerText()).toBe(
      '100%',
    )
    // Drag-like input: set a value and fire `input`, as a pointer does.
    await slider(page, 'rl-solvable').fill('60')
    await expect.poll(() => status(page)).toBe(expectedStatus('b10-90_r30-60'))
    expect(await status(page)).toMatch(/^Base overtakes RL at k = \d+$/)
    const numbers = await page.locator('[data-explorer-numbers]').innerText()
    expect(numbers).toContain('can ever solve\t90%\t60%')
  })

  it('keeps pass@1 at or below the share ever solved', async () => {
    await slider(page, 'rl-pass1').fill('80')
    await expect.poll(() => slider(page, 'rl-solvable').inputValue()).toBe('80')
    await slider(page, 'rl-solvable').fill('30')
    await expect.poll(() => slider(page, 'rl-pass1').inputValue()).toBe('30')
  })

  it('arrow keys inside the widget move the slider, not the deck; outside they change slides', async () => {
    await slider(page, 'base-pass1').fill('10')
    await slider(page, 'base-pass1').focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowRight')
    expect(await currentId(page)).toBe(SLIDE)
    await expect.poll(() => slider(page, 'base-pass1').inputValue()).toBe('12')
    // Escape leaves the widget (and does not open the overview); then arrows navigate again.
    await page.keyboard.press('Escape')
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT')
    expect(await page.locator('.reveal.overview').count()).toBe(0)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => currentId(page)).not.toBe(SLIDE)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => currentId(page)).toBe(SLIDE)
    expect(await slider(page, 'base-pass1').inputValue()).toBe('12')
  })

  it('keeps its state in the query string, beside the slide hash, and a reload restores it', async () => {
    await slider(page, 'base-pass1').fill('5')
    await slider(page, 'base-solvable').fill('95')
    await slider(page, 'rl-pass1').fill('40')
    await slider(page, 'rl-solvable').fill('60')
    await page.waitForFunction(() => location.search.includes('explorer=b5-95_r40-60'))
    expect(new URL(page.url()).hash).toBe(`#/${SLIDE}`)
    const shown = await status(page)
    expect(shown).toBe(expectedStatus('b5-95_r40-60'))
    await page.reload()
    await page.waitForSelector('.passk-explorer[data-mounted] form:not([hidden])')
    expect(await currentId(page)).toBe(SLIDE)
    expect(await status(page)).toBe(shown)
    const restored: [string, string][] = [
      ['base-pass1', '5'],
      ['base-solvable', '95'],
      ['rl-pass1', '40'],
      ['rl-solvable', '60'],
    ]
    for (const [name, value] of restored) expect(await slider(page, name).inputValue()).toBe(value)
    // Moving to another slide keeps the state in the URL.
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction((id) => location.hash !== `#/${id}`, SLIDE)
    expect(new URL(page.url()).searchParams.get('explorer')).toBe('b5-95_r40-60')
  })

  it('opens a shared link on its view, and ignores a malformed one', async () => {
    const p = await newPage()
    await openExplorer(p, '?explorer=b20-80_r45-55')
    expect(await status(p)).toBe(expectedStatus('b20-80_r45-55'))
    expect(await slider(p, 'rl-pass1').inputValue()).toBe('45')
    await openExplorer(p, '?explorer=<b>junk')
    expect(await status(p)).toBe('Base overtakes RL at k = 52')
    await p.close()
  })

  it('stays a static chart without sliders in the reading view, drawn for the linked state', async () => {
    const p = await newPage()
    await openDeck(p, `${site.url}?view=scroll&explorer=b20-80_r45-55#/${SLIDE}`)
    await settled(p)
    const root = p.locator('.passk-explorer')
    expect(await root.locator('form').isHidden()).toBe(true)
    expect(await root.locator('[data-explorer-chart] svg').count()).toBe(1)
    await expect.poll(() => status(p)).toBe(expectedStatus('b20-80_r45-55'))
    await p.close()
  })

  it('passes axe-core (WCAG A/AA) on the widget and on every chart', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 720 },
      bypassCSP: true,
    })
    const p = await context.newPage()
    const axe = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')
    const targets = [
      [SLIDE, '.passk-explorer'],
      ['more-rl-training-pass1-up-pass256-down', 'figure.deck-chart'],
      ['six-rl-algorithms-pass1-up-pass256-flat', 'figure.deck-chart'],
      ['aime24-which-problems-get-solved', 'figure.deck-chart'],
    ]
    for (const [id, selector] of targets) {
      await openDeck(p, `${site.url}#/${id}`)
      await settled(p)
      await p.addScriptTag({ content: axe })
      const problems = await p.evaluate(async (sel) => {
        const run = (
          window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResult> } }
        ).axe.run
        const result = await run(
          { include: [[sel]] },
          {
            runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
            rules: { 'target-size': { enabled: true } },
          },
        )
        return {
          passes: result.passes.length,
          violations: result.violations.map(
            (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          ),
        }
      }, `#${id} ${selector}`)
      expect(problems.violations, id).toEqual([])
      expect(problems.passes, id).toBeGreaterThan(3)
    }
    await context.close()
  })

  it('works under a CSP without unsafe-inline, with no console errors', async () => {
    expect(violations).toEqual([])
    expect(watch.consoleErrors).toEqual([])
    expect(watch.foreignRequests).toEqual([])
    // And the CSP was really in force: an inline script does not run.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'window.__inline = true'
      document.head.append(script)
      return '__inline' in window
    })
    expect(ran).toBe(false)
  })
})
