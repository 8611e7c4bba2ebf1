// Bench in the browser: cold loads of a built deck in headless Chromium (time to the first slide
// with its math, bytes and JS/CSS before it), then stepping through every slide.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'

/** Which page is measured: ours (pre-rendered) or reveal.js's in-browser Markdown + KaTeX. */
export type Side = 'ours' | 'baseline'

export const VIEWPORT = { width: 1280, height: 720 }

/** One resource as the page's Resource Timing saw it. */
interface Entry {
  url: string
  start: number
  end: number
  /** Body bytes on the wire (after gzip): `encodedBodySize`. */
  encoded: number
  /** Body bytes after decoding: `decodedBodySize`. */
  decoded: number
}

/** Raw and gzip bytes of a set of files. */
export interface Sizes {
  count: number
  raw: number
  gzip: number
}

/** One cold load: times in ms from navigation start, sizes in bytes. */
export interface LoadSample {
  /** The first slide painted with its math (and fonts) in its final form. */
  shownMs: number
  /** The deck ready: ours `data-deck-ready`, the baseline's math typeset. */
  readyMs: number
  /** Response bodies (encoded, i.e. as transferred) finished by then, the page included. */
  bytesToShown: number
  requestsToShown: number
  jsToShown: Sizes
  cssToShown: Sizes
  /** The page's HTML received, parsed (domInteractive), and DOMContentLoaded handlers done. */
  htmlEndMs: number
  domInteractiveMs: number
  domContentLoadedMs: number
  /** The step-through, when this load did one (see `coldLoad`'s `step`). */
  step?: {
    /** `deck.next()` from the first slide to the last, awaiting `slidechanged` and layout each. */
    ms: number
    steps: number
    slides: number
    /** Everything the page loaded once every slide was shown. */
    bytesTotal: number
    jsTotal: Sizes
    cssTotal: Sizes
  }
  /** KaTeX renderings in the page, and on the first slide. */
  katex: number
  katexFirstSlide: number
  katexErrors: number
  errors: string[]
}

/**
 * Runs before any page script: resolves `window.__benchShown` with performance.now() once the
 * deck is shown — ours: `html[data-deck-ready]` (slides and math are in the HTML); baseline: the
 * first `.katex` in the slides (the markdown plugin has built the slides and the math plugin has
 * typeset them all, in one pass) — then one frame, the fonts in use, and two more frames (painted).
 */
function initScript(side: Side): string {
  const ready =
    side === 'ours'
      ? `() => document.documentElement.hasAttribute('data-deck-ready')`
      : `() => document.querySelector('.reveal .slides .katex') !== null`
  return `(() => {
  if (window.top !== window) return
  const ready = ${ready}
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()))
  window.__benchShown = new Promise((resolve) => {
    let done = false
    const finish = async () => {
      await frame()
      await document.fonts.ready
      await frame()
      await frame()
      resolve(performance.now())
    }
    const check = () => {
      if (done || !ready()) return
      done = true
      window.__benchReady = performance.now()
      observer.disconnect()
      void finish()
    }
    const observer = new MutationObserver(check)
    observer.observe(document, ${
      side === 'ours'
        ? `{ attributes: true, subtree: true, attributeFilter: ['data-deck-ready'] }`
        : `{ childList: true, subtree: true }`
    })
  })
})()`
}

/** Resource Timing entries of the page and its resources (same origin: sizes are exposed). */
const ENTRIES = `(() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
  url: e.name,
  start: e.startTime,
  end: e.responseEnd,
  encoded: e.encodedBodySize,
  decoded: e.decodedBodySize,
})))()`

/** gzip sizes (zlib's default level, as a server sends) of the files a site serves, by path. */
function sizer(siteDir: string, siteUrl: string): (entries: Entry[], ext: RegExp) => Sizes {
  const cache = new Map<string, { raw: number; gzip: number }>()
  const sizeOf = (url: string): { raw: number; gzip: number } | undefined => {
    if (!url.startsWith(siteUrl)) return undefined
    const path = resolve(
      siteDir,
      decodeURIComponent(new URL(url).pathname.slice(1)) || 'index.html',
    )
    let size = cache.get(path)
    if (!size) {
      const bytes = readFileSync(path)
      size = { raw: bytes.length, gzip: gzipSync(bytes).length }
      cache.set(path, size)
    }
    return size
  }
  return (entries, ext) => {
    const sizes: Sizes = { count: 0, raw: 0, gzip: 0 }
    const seen = new Set<string>()
    for (const e of entries) {
      const url = e.url.split(/[?#]/)[0]!
      if (!ext.test(url) || seen.has(url)) continue
      seen.add(url)
      const size = sizeOf(url)
      if (!size) continue
      sizes.count++
      sizes.raw += size.raw
      sizes.gzip += size.gzip
    }
    return sizes
  }
}

const JS = /\.m?js$/
const CSS = /\.css$/

/** One cold load of `url` in a new browser context (empty cache), then a step-through if `step`. */
export async function coldLoad(
  browser: Browser,
  side: Side,
  url: string,
  siteDir: string,
  step: boolean,
): Promise<LoadSample> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${msg.text()} (${msg.location().url})`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`)
  })
  await page.addInitScript(initScript(side))
  try {
    await page.goto(url, { waitUntil: 'commit' })
    const { shownMs, readyMs } = await page.evaluate(async () => {
      const w = window as unknown as { __benchShown: Promise<number>; __benchReady: number }
      const shownMs = await w.__benchShown
      return { shownMs, readyMs: w.__benchReady }
    })
    const atShown = (await page.evaluate(ENTRIES)) as Entry[]
    const first = await page.evaluate(() => {
      const slide = document.querySelector('.reveal .slides section.present')
      return {
        katexFirstSlide: slide?.querySelectorAll('.katex').length ?? 0,
        katex: document.querySelectorAll('.reveal .slides .katex').length,
        katexErrors: document.querySelectorAll('.reveal .slides .katex-error').length,
      }
    })
    const nav = (await page.evaluate(`(() => {
      const n = performance.getEntriesByType('navigation')[0]
      return { htmlEndMs: n.responseEnd, domInteractiveMs: n.domInteractive, domContentLoadedMs: n.domContentLoadedEventEnd }
    })()`)) as Pick<LoadSample, 'htmlEndMs' | 'domInteractiveMs' | 'domContentLoadedMs'>
    // JS and CSS the first slide waited for: requested before the deck was ready. Bytes: all
    // that finished before it was painted (fonts included) but scripts requested after ready
    // (plugins loaded lazily, at idle time, which the first slide does not wait for).
    const requested = atShown.filter((e) => e.start <= readyMs)
    const shown = atShown.filter(
      (e) => e.end > 0 && e.end <= shownMs && (e.start <= readyMs || !JS.test(e.url)),
    )
    const size = sizer(siteDir, new URL('.', url).href)
    let stepped: LoadSample['step']
    if (step) {
      // Let the page finish what it does after the first slide (lazy plugins) before stepping.
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
      const done = (await page.evaluate(STEP_THROUGH)) as {
        ms: number
        steps: number
        slides: number
      }
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
      const all = (await page.evaluate(ENTRIES)) as Entry[]
      stepped = {
        ...done,
        bytesTotal: all.reduce((n, e) => n + e.encoded, 0),
        jsTotal: size(all, JS),
        cssTotal: size(all, CSS),
      }
    }
    return {
      shownMs,
      readyMs,
      bytesToShown: shown.reduce((n, e) => n + e.encoded, 0),
      requestsToShown: shown.length,
      jsToShown: size(requested, JS),
      cssToShown: size(requested, CSS),
      ...nav,
      step: stepped,
      ...first,
      errors,
    }
  } finally {
    await context.close()
  }
}

/**
 * In the page: no transitions and no fragments (each `next()` is then one slide), back to the
 * first slide, then `next()` to the last, awaiting `slidechanged` and forcing style and layout
 * of the new slide each time; ends with one frame.
 */
const STEP_THROUGH = `(async () => {
  const deck = window.deck ?? window.Reveal
  deck.configure({ transition: 'none', backgroundTransition: 'none', fragments: false })
  deck.slide(0, 0)
  await new Promise((r) => requestAnimationFrame(() => r()))
  const slides = deck.getTotalSlides()
  let resolveChanged
  const onChanged = () => resolveChanged?.()
  deck.on('slidechanged', onChanged)
  const started = performance.now()
  let steps = 0
  while (!deck.isLastSlide()) {
    const changed = new Promise((r) => (resolveChanged = r))
    deck.next()
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5000))
    if ((await Promise.race([changed, timeout])) === 'timeout')
      throw new Error('slidechanged did not fire after step ' + steps)
    void deck.getCurrentSlide().getBoundingClientRect()
    void document.body.offsetHeight
    steps++
  }
  await new Promise((r) => requestAnimationFrame(() => r()))
  const ms = performance.now() - started
  deck.off('slidechanged', onChanged)
  return { ms, steps, slides }
})()`
