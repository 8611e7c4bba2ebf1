// Screenshots of a built deck, for looking at it:
//   npx tsx tests/helpers/screenshots.ts [dist] [out] [id-filter]   every slide, 1280x720
//   npx tsx tests/helpers/screenshots.ts --readme [dist]            the docs' six slides
import { existsSync, mkdirSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { newestDeck } from './sessions.ts'
import { launchChromium, openDeck, serveSite } from './browser.ts'
import { settled } from './settled.ts'

/** The docs' screenshots (assets/screenshots/<name>.png): six representative slides. */
const README_SLIDES: Record<string, string> = {
  'slide-title': 'reading-is-fun',
  'pass-at-k-definition': 'pass-at-k-definition',
  'slide-diagram': 'example-rlhf-instructgpt',
  'slide-table': 'experimental-setup',
  'figure-redrawn': 'six-rl-algorithms-pass1-up-pass256-flat',
  'figure-card': 'pass-at-k',
}

const args = process.argv.slice(2)
const readme = args[0] === '--readme'
const [distArg = resolve('dist', basename(newestDeck())), outArg = '.tmp/shots', only] = readme
  ? [args[1], 'assets/screenshots']
  : args
const out = resolve(outArg)
mkdirSync(out, { recursive: true })
// `dist` is the whole site: the deck is in dist/<slug>/.
const inSite = resolve(distArg, basename(newestDeck()))
const site = await serveSite(existsSync(resolve(inSite, 'index.html')) ? inSite : distArg)
const browser = await launchChromium()
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await openDeck(page, `${site.url}?theme=light`)
  const ids = await page.$$eval('.reveal .slides > section', (s) => s.map((e) => e.id))
  const wanted: [string, string][] = readme
    ? Object.entries(README_SLIDES).map(([name, id]) => [`${out}/${name}.png`, id])
    : ids
        .map((id, i): [string, string] => [
          `${out}/${String(i + 1).padStart(2, '0')}-${id}.png`,
          id,
        ])
        .filter(([, id]) => !only || id.includes(only))
  for (const [file, id] of wanted) {
    await page.evaluate((n) => {
      const deck = (
        window as unknown as { deck: { slide: (h: number, v: number, f: number) => void } }
      ).deck
      deck.slide(n, 0, 99)
    }, ids.indexOf(id))
    await settled(page)
    await page.screenshot({ path: file })
  }
  console.log(`${wanted.length} slides -> ${out}`)
} finally {
  await browser.close()
  await site.close()
}
