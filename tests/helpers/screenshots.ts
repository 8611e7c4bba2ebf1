// Screenshots of every slide of a built site, for looking at it: `npx tsx tests/helpers/screenshots.ts [dist] [out]`.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { launchChromium, openDeck, serveSite } from './browser.ts'

const [distArg = 'dist', outArg = '.tmp/shots', only] = process.argv.slice(2)
const out = resolve(outArg)
mkdirSync(out, { recursive: true })
const site = await serveSite(distArg)
const browser = await launchChromium()
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await openDeck(page, site.url)
  const ids = await page.$$eval('.reveal .slides > section', (s) => s.map((e) => e.id))
  for (const [i, id] of ids.entries()) {
    if (only && !id.includes(only)) continue
    await page.evaluate((n) => {
      const deck = (
        window as unknown as { deck: { slide: (h: number, v: number, f: number) => void } }
      ).deck
      deck.slide(n, 0, 99)
    }, i)
    await page.waitForTimeout(150)
    await page.screenshot({ path: `${out}/${String(i + 1).padStart(2, '0')}-${id}.png` })
  }
  console.log(`${ids.length} slides -> ${out}`)
} finally {
  await browser.close()
  await site.close()
}
