// Headless Chromium for the browser tests: the system Chromium driven by playwright-core.
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium, serveSite, type Site } from '../../src/cli/chromium.ts'
import { ROOT } from '../../src/site/paths.ts'
import { newestDeck } from './sessions.ts'

export {
  CHROMIUM_ARGS,
  chromiumPath,
  launchChromium,
  serveSite,
  type Site,
} from '../../src/cli/chromium.ts'

/**
 * The built folder of the default session: `dist/<slug>/` after `npm run build`, or `$DECK_DIST`
 * (a folder holding a built deck's index.html) to test another build.
 */
export function deckDist(): string {
  return resolve(ROOT, process.env.DECK_DIST ?? resolve('dist', basename(newestDeck())))
}

/** The served built deck and the browser of a test file, set before its tests run. */
export interface BuiltDeck {
  browser: Browser
  site: Site
}

/**
 * For a test file: serves the built session (see {@link deckDist}) and launches Chromium before
 * its tests (hooks the file registers later run after these), and closes both after them.
 */
export function useBuiltDeck(dir = deckDist): BuiltDeck {
  const env = {} as BuiltDeck
  beforeAll(async () => {
    env.site = await serveSite(dir())
    env.browser = await launchChromium()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.site?.close()
  })
  return env
}

/** Problems a page reports: console errors, uncaught exceptions, requests that leave the origin. */
export interface PageWatch {
  consoleErrors: string[]
  foreignRequests: string[]
}

/** Starts recording a page's problems (see {@link PageWatch}). */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { consoleErrors: [], foreignRequests: [] }
  page.on('console', (msg) => {
    // Failed loads are reported with their URL by the response handler below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      watch.consoleErrors.push(msg.text())
  })
  page.on('pageerror', (err) => watch.consoleErrors.push(err.message))
  page.on('response', (res) => {
    if (res.status() >= 400) watch.consoleErrors.push(`HTTP ${res.status()} ${res.url()}`)
  })
  page.on('request', (req) => {
    const u = req.url()
    if (
      !u.startsWith(origin) &&
      !u.startsWith('data:') &&
      !u.startsWith('blob:') &&
      u !== 'about:blank'
    )
      watch.foreignRequests.push(u)
  })
  return watch
}

/** Opens the deck and waits until reveal.js is ready. */
export async function openDeck(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 })
}

/** `window.deck` as the tests use it (reveal.js's API, partly). */
export interface DeckWindow {
  deck: {
    slide: (h: number, v?: number, f?: number) => void
    next: () => void
    getIndices: (slide?: HTMLElement) => { h: number; v: number; f?: number }
    getCurrentSlide: () => HTMLElement
    getSlides: () => HTMLElement[]
    getTotalSlides: () => number
    getConfig: () => Record<string, unknown>
    isOverview: () => boolean
    isScrollView: () => boolean
    toggleOverview: (on?: boolean) => void
  }
}

const AXE_SOURCE = readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')

/** An axe-core violation, reduced to what a failure message needs. */
export interface AxeProblem {
  id: string
  impact: string
  help: string
  targets: string[]
}

/**
 * Runs axe-core (WCAG 2.0-2.2 A/AA and best practices, plus target-size) on the elements matching
 * `selectors` (all of the page without), or only the given rules; returns the serious and critical
 * violations.
 */
export async function axeProblems(
  page: Page | Frame,
  selectors?: string | string[],
  rules?: string[],
): Promise<AxeProblem[]> {
  // Evaluated by the driver, so the page's CSP (no inline script) does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const include = selectors === undefined ? null : [selectors].flat().map((s) => [s])
  return page.evaluate(
    async ({ include, rules }) => {
      const axe = (window as unknown as { axe: AxeLike }).axe
      const result = await axe.run(include ? { include } : document, {
        resultTypes: ['violations'],
        // The page's CSS is already in the CSSOM; fetching it again on every run is slow.
        preload: false,
        ...(rules
          ? { runOnly: { type: 'rule', values: rules } }
          : { rules: { 'target-size': { enabled: true } } }),
      })
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          id: v.id,
          impact: v.impact ?? '',
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        }))
    },
    { include, rules },
  )
}

interface AxeLike {
  run: (
    context: unknown,
    options: unknown,
  ) => Promise<{
    violations: {
      id: string
      impact?: string
      help: string
      nodes: { target: string[] }[]
    }[]
  }>
}
