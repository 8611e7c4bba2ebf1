// Waiting for a page to be done with what a step asked for, without a fixed sleep: its fonts and
// its (eager) images loaded or failed, two frames painted, then an idle period of the browser (the
// work it deferred to idle time before ours has run).
import type { Page } from 'playwright-core'

/** Runs in the page: resolves once it has settled (see above). */
export async function settleInPage(): Promise<void> {
  await document.fonts.ready
  const loading = [...document.images].filter((img) => !img.complete && img.loading !== 'lazy')
  await Promise.all(
    loading.map(
      (img) =>
        new Promise((done) => {
          img.addEventListener('load', done, { once: true })
          img.addEventListener('error', done, { once: true })
        }),
    ),
  )
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
  await new Promise((done) =>
    'requestIdleCallback' in window
      ? requestIdleCallback(done, { timeout: 10_000 })
      : setTimeout(done, 0),
  )
}

/** Resolves once `page` has settled: fonts, eager images, two frames, an idle period. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(settleInPage)
}
