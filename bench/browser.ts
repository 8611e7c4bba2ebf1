// Bench in the browser: cold loads of a built deck in headless Chromium (time to the first slide
// with its math, bytes and JS/CSS before it), then stepping through every slide.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { stepThrough } from './step.ts'

/**
 * Which page is measured: ours (pre-rendered), reveal.js's in-browser Markdown + KaTeX, or Marp
 * CLI's build of the same slides.
 */
export type Side = 'ours' | 'baseline' | 'marp'

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
  /** First contentful paint (Paint Timing), ms from navigation start. */
  fcpMs: number
  /** The deck ready: ours `data-deck-ready`, the baseline's math typeset. */
  readyMs: number
  /** Response bodies (encoded, i.e. as transferred) finished by then, the page included. */
  bytesToShown: number
  /** Everything transferred once the page is idle (no request for 500 ms), before any step. */
  bytesIdle: number
  requestsToShown: number
  jsToShown: Sizes
  cssToShown: Sizes
  /** The page's HTML received, parsed (domInteractive), and DOMContentLoaded handlers done. */
  htmlEndMs: number
  domInteractiveMs: number
  domContentLoadedMs: number
  /** The step-through, when this load did one (see `coldLoad`'s `step`). */
  step?: {
    /** ArrowRight presses from the first slide to the last: the sum of key event to paint. */
    ms: number
    /** The median step (key event to the new slide painted). */
    medianMs: number
    /** Each step's time, in order. */
    times: number[]
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
 * Runs before any page script. `window.__benchReady`: when the deck is ready — ours:
 * `html[data-deck-ready]` (set once reveal.js has started); the reveal.js baseline: the first
 * `.katex` in the slides (its markdown plugin has built the slides and its math plugin typeset
 * them, in one pass); Marp: its bespoke script has marked the first slide active.
 * `window.__benchShown` resolves with the time the first slide was painted in its final form: the
 * first frame in which the first slide is laid out in the window (a box of at least 100x100 px,
 * visible), every font its text (and our frame's) is drawn in has loaded, and — for the two baselines, whose slides need their script
 * — the deck is ready; then the paint (a task after the next frame). Ours may get there before
 * any script runs: slide 1, its math and its frame are in the HTML and CSS (issue 13).
 */
function initScript(side: Side): string {
  const ready =
    side === 'ours'
      ? `() => document.documentElement.hasAttribute('data-deck-ready')`
      : side === 'marp'
        ? `() => document.querySelector('svg.bespoke-marp-slide.bespoke-marp-active') !== null`
        : `() => document.querySelector('.reveal .slides .katex') !== null`
  const first =
    side === 'marp'
      ? `() => document.querySelector('svg.bespoke-marp-slide')`
      : `() => document.querySelector('.reveal .slides > section')`
  return `(() => {
  if (window.top !== window) return
  const ready = ${ready}
  const first = ${first}
  const needsReady = ${side !== 'ours'}
  const painted = () => new Promise((r) => requestAnimationFrame(() => {
    const c = new MessageChannel(); c.port1.onmessage = () => r(performance.now()); c.port2.postMessage(0)
  }))
  // Every font slide 1 (and, on ours, the frame) draws its text in is loaded: fonts that other
  // slides use may still be on their way.
  const fontsIn = (slide) => {
    const roots = [slide, ...document.querySelectorAll('.deck-frame')]
    const seen = new Set()
    for (const root of roots)
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (![...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim())) continue
        // Drawn at all: not inside something hidden (speaker notes, the MathML copy).
        if (el.getClientRects().length === 0) continue
        const s = getComputedStyle(el)
        if (s.visibility === 'hidden') continue
        // The family the text is meant to be drawn in (the first): check() with the whole list
        // would also wait for later families' faces, which nothing here needs.
        const font = s.fontStyle + ' ' + s.fontWeight + ' 16px ' + s.fontFamily.split(',')[0]
        if (seen.has(font)) continue
        seen.add(font)
        if (!document.fonts.check(font, el.textContent.trim().slice(0, 50))) return false
      }
    return true
  }
  const shown = () => {
    if (needsReady && window.__benchReady === undefined) return false
    const slide = first()
    if (!slide || !fontsIn(slide)) return false
    const box = slide.getBoundingClientRect()
    if (box.width < 100 || box.height < 100 || getComputedStyle(slide).visibility !== 'visible') return false
    // Its middle is on screen and hits the slide (not clipped away, not under something opaque).
    const x = (Math.max(box.left, 0) + Math.min(box.right, innerWidth)) / 2
    const y = (Math.max(box.top, 0) + Math.min(box.bottom, innerHeight)) / 2
    const hit = x > 0 && y > 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null
    return hit !== null && (slide === hit || slide.contains(hit))
  }
  window.__benchShown = new Promise((resolve) => {
    const watchReady = () => {
      if (window.__benchReady !== undefined || !ready()) return
      window.__benchReady = performance.now()
      observer.disconnect()
    }
    const observer = new MutationObserver(watchReady)
    observer.observe(document, { attributes: true, childList: true, subtree: true })
    const tick = () => {
      watchReady()
      if (shown()) painted().then(resolve)
      else requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
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
    const { shownMs, readyMs, fcpMs } = await page.evaluate(async () => {
      const w = window as unknown as { __benchShown: Promise<number>; __benchReady?: number }
      const shownMs = await w.__benchShown
      while (w.__benchReady === undefined) await new Promise((r) => setTimeout(r, 5))
      const fcpMs = await new Promise<number>((done) => {
        new PerformanceObserver((list) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0]
          if (fcp) done(fcp.startTime)
        }).observe({ type: 'paint', buffered: true })
        setTimeout(() => done(NaN), 5000)
      })
      // Paint Timing reports the first paint a little after it happens: the slide was shown in
      // that paint at the earliest.
      return { shownMs: Math.max(shownMs, fcpMs), readyMs: w.__benchReady, fcpMs }
    })
    const atShown = (await page.evaluate(ENTRIES)) as Entry[]
    const first = await page.evaluate((marp) => {
      const slide = marp
        ? document.querySelector('svg.bespoke-marp-slide')
        : document.querySelector('.reveal .slides section.present')
      const math = '.katex, mjx-container'
      return {
        katexFirstSlide: slide?.querySelectorAll(math).length ?? 0,
        katex: document.querySelectorAll(marp ? '.katex, mjx-container' : '.reveal .slides .katex')
          .length,
        katexErrors: document.querySelectorAll('.katex-error, mjx-merror').length,
      }
    }, side === 'marp')
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
    // Let the page finish what it does after the first slide (lazy plugins) before stepping.
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
    const idle = (await page.evaluate(ENTRIES)) as Entry[]
    if (step) {
      const done = await stepThrough(page, side)
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
      fcpMs,
      readyMs,
      bytesToShown: shown.reduce((n, e) => n + e.encoded, 0),
      bytesIdle: idle.reduce((n, e) => n + e.encoded, 0),
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
