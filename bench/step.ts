// Bench step-through: ArrowRight presses from the first slide to the last, each timed in the page
// from the key event to the frame after the slide changed being painted (a task queued after the
// next animation frame), so the time Playwright takes to deliver a key press is not counted.
// reveal.js pages (ours and the reveal.js baseline) signal a step with `slidechanged`; Marp's
// bespoke template by moving its `bespoke-marp-active` class to the next slide.
import type { Page } from 'playwright-core'
import type { Side } from './browser.ts'

export interface StepResult {
  /** Sum of the per-step times (key event to the new slide painted), ms. */
  ms: number
  /** Median of the per-step times, ms. */
  medianMs: number
  steps: number
  slides: number
  /** Each step's time (key event to the new slide painted), ms, in order. */
  times: number[]
}

/** In the page: what a step is, and back to the first slide. Transitions and fragments off. */
function prepare(side: Side): string {
  const driver =
    side === 'marp'
      ? `{
    slides: () => [...document.querySelectorAll('svg.bespoke-marp-slide')],
    active: () => document.querySelector('svg.bespoke-marp-slide.bespoke-marp-active'),
    async first() { location.hash = '#1'; await new Promise((r) => setTimeout(r, 100)) },
    onChange(run) {
      let last = this.active()
      new MutationObserver(() => { const now = this.active(); if (now && now !== last) { last = now; run() } })
        .observe(document.body, { attributes: true, attributeFilter: ['class'], subtree: true })
    },
    isLast() { const all = this.slides(); return this.active() === all[all.length - 1] },
  }`
      : `{
    deck: window.deck ?? window.Reveal,
    slides() { return this.deck.getSlides() },
    async first() {
      this.deck.configure({ transition: 'none', backgroundTransition: 'none', fragments: false })
      this.deck.slide(0, 0)
    },
    onChange(run) { this.deck.on('slidechanged', run) },
    isLast() { return this.deck.isLastSlide() },
  }`
  return `(async () => {
  const driver = ${driver}
  await driver.first()
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))
  window.__step = { times: [], pending: undefined, driver }
  const painted = () => new Promise((r) => requestAnimationFrame(() => {
    const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0)
  }))
  // Capture phase on window: before the page's own keydown handlers see the key.
  window.addEventListener('keydown', (e) => { if (e.key === 'ArrowRight') window.__step.start = e.timeStamp }, true)
  driver.onChange(() => {
    const start = window.__step.start
    window.__step.pending = painted().then(() => { window.__step.times.push(performance.now() - start) })
  })
  return { slides: driver.slides().length }
})()`
}

const WAIT_STEP = `(async () => {
  for (let i = 0; i < 2500 && !window.__step.pending; i++) await new Promise((r) => setTimeout(r, 2))
  if (!window.__step.pending) throw new Error('the slide did not change')
  await window.__step.pending
  window.__step.pending = undefined
  return window.__step.driver.isLast()
})()`

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Presses ArrowRight until the last slide (or `maxSteps`), one press after the previous paint. */
export async function stepThrough(
  page: Page,
  side: Side,
  maxSteps = Infinity,
): Promise<StepResult> {
  const { slides } = (await page.evaluate(prepare(side))) as { slides: number }
  let steps = 0
  for (;;) {
    await page.keyboard.press('ArrowRight')
    const last = (await page.evaluate(WAIT_STEP)) as boolean
    steps++
    if (last || steps >= maxSteps) break
  }
  const times = (await page.evaluate('window.__step.times')) as number[]
  return { ms: times.reduce((a, b) => a + b, 0), medianMs: median(times), steps, slides, times }
}
