// Bench of the dev server: the time from saving a slide file to the edited slide painted in an
// open page (the 300-slide deck), in one clock: the page's performance.timeOrigin + now() and
// Node's, both milliseconds since the epoch on the same machine.
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { createServer } from 'vite'
import { createViteConfig } from '../src/site/vite-config.ts'
import { VIEWPORT } from './browser.ts'

export interface HmrResult {
  /** One per edit: save to paint (ms). */
  samples: number[]
  errors: string[]
}

const now = (): number => performance.timeOrigin + performance.now()

/**
 * Serves `deckDir` with the dev server, opens it, and `edits` times goes to the first slide of a
 * file, saves that file with its heading changed and waits for the new heading to be painted.
 */
export async function measureHmr(
  browser: Browser,
  deckDir: string,
  files: string[],
  edits: number,
): Promise<HmrResult> {
  const server = await createServer({
    ...createViteConfig({ slidesDir: deckDir }),
    logLevel: 'silent',
    server: { port: 0, strictPort: false, host: '127.0.0.1' },
  })
  await server.listen()
  const sent: number[] = []
  const send = server.ws.send.bind(server.ws) as (...args: unknown[]) => void
  ;(server.ws as unknown as { send: (...args: unknown[]) => void }).send = (...args) => {
    if (process.env.BENCH_HMR_DEBUG) {
      const payload = JSON.stringify(args)
      console.error('ws send', now().toFixed(1), payload.length, payload.slice(0, 80))
    }
    sent.push(now())
    send(...args)
  }
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the dev server has no URL')
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  if (process.env.BENCH_HMR_DEBUG)
    page.on('console', (msg) => console.error('page', msg.type(), msg.text()))
  const samples: number[] = []
  try {
    await page.goto(url)
    await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 120_000 })
    for (let i = 0; i < edits; i++) {
      const name = files[1 + Math.floor(((files.length - 1) * (i + 0.5)) / edits)]!
      const path = resolve(deckDir, name)
      const text = readFileSync(path, 'utf8')
      const heading = /^## (.+)$/m.exec(text)?.[1]
      if (!heading) throw new Error(`${name} has no ## heading`)
      const marker = `Saved ${i} ${Date.now()}`
      // Show the file's first slide, then arm a watcher for the marker on the slide shown.
      // Strings, not functions: tsx's helpers (`__name`) do not exist in the page.
      await page.evaluate(`(() => {
        const slides = window.deck.getSlides()
        const index = slides.findIndex((s) => s.querySelector('h2')?.textContent === ${JSON.stringify(heading)})
        if (index < 0) throw new Error('no slide titled ' + ${JSON.stringify(heading)})
        window.deck.slide(index)
      })()`)
      await page.waitForTimeout(200)
      const painted = page.evaluate(`new Promise((done) => {
        const seen = () =>
          document.querySelector('.reveal .slides section.present h2')?.textContent?.includes(${JSON.stringify(marker)}) ?? false
        const observer = new MutationObserver(() => {
          if (!seen()) return
          observer.disconnect()
          requestAnimationFrame(() => {
            const c = new MessageChannel()
            c.port1.onmessage = () => done(performance.timeOrigin + performance.now())
            c.port2.postMessage(0)
          })
        })
        observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      })`) as Promise<number>
      await page.waitForTimeout(50)
      const saved = now()
      if (process.env.BENCH_HMR_DEBUG) console.error('saved', saved.toFixed(1))
      writeFileSync(path, text.replace(`## ${heading}`, `## ${heading} ${marker}`))
      const at = await Promise.race([
        painted,
        new Promise<number>((_, fail) =>
          setTimeout(() => fail(new Error('the edit did not show in 20 s')), 20_000),
        ),
      ])
      samples.push(at - saved)
      await page.waitForTimeout(300)
    }
  } finally {
    await context.close()
    await server.close()
  }
  return { samples, errors }
}
