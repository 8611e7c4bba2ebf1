// Bench step-through: ArrowRight presses from the first slide to the last, each timed in the page
// from the key event to the frame after `slidechanged` painted (a task queued after the next
// animation frame), so the time Playwright takes to deliver a key press is not counted.
import type { Page } from 'playwright-core'

export interface StepResult {
  /** Sum of the per-step times (key event to the new slide painted), ms. */
  ms: number
  /** Median of the per-step times, ms. */
  medianMs: number
  steps: number
  slides: number
}

/** In the page: transitions and fragments off (each press is one slide), back to the first slide. */
const PREPARE = `(async () => {
  const deck = window.deck ?? window.Reveal
  deck.configure({ transition: 'none', backgroundTransition: 'none', fragments: false })
  deck.slide(0, 0)
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))
  window.__step = { times: [], pending: undefined }
  const painted = () =>
    new Promise((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0) }))
  // Capture phase on window: before reveal.js's own keydown handler (on document) sees the key.
  window.addEventListener('keydown', (e) => { if (e.key === 'ArrowRight') window.__step.start = e.timeStamp }, true)
  deck.on('slidechanged', () => {
    const start = window.__step.start
    window.__step.pending = painted().then(() => { window.__step.times.push(performance.now() - start) })
  })
  return { slides: deck.getTotalSlides() }
})()`

const WAIT_STEP = `(async () => {
  for (let i = 0; i < 500 && !window.__step.pending; i++) await new Promise((r) => setTimeout(r, 2))
  if (!window.__step.pending) throw new Error('slidechanged did not fire')
  await window.__step.pending
  window.__step.pending = undefined
  const deck = window.deck ?? window.Reveal
  return deck.isLastSlide()
})()`

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Presses ArrowRight until the last slide (or `maxSteps`), one press after the previous paint. */
export async function stepThrough(page: Page, maxSteps = Infinity): Promise<StepResult> {
  const { slides } = (await page.evaluate(PREPARE)) as { slides: number }
  let steps = 0
  for (;;) {
    await page.keyboard.press('ArrowRight')
    const last = (await page.evaluate(WAIT_STEP)) as boolean
    steps++
    if (last || steps >= maxSteps) break
  }
  const times = (await page.evaluate('window.__step.times')) as number[]
  return { ms: times.reduce((a, b) => a + b, 0), medianMs: median(times), steps, slides }
}
