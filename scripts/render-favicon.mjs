// Renders assets/favicon.svg (the source) to the PNG icons the pages link: favicon.png (32 px) and
// apple-touch-icon.png (180 px, a phone's home screen). Run it after editing the SVG:
//   node scripts/render-favicon.mjs
// Why PNG: Chromium draws an SVG favicon in the page's own renderer, as a small SVG
// document parsed, laid out and painted again after every history entry — on every step of a
// presentation, 2 ms and an extra frame each. A PNG is decoded once, off the page's work.
// The project's launcher (CHROME_PATH or Debian's Chromium, offline flags, a fresh profile), as
// compiled into build/ by `npm install`.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { launchChromium } from '../build/compiler/browser.js'

const ROOT = resolve(import.meta.dirname, '..')
const svg = readFileSync(resolve(ROOT, 'assets/favicon.svg'), 'utf8')
const browser = await launchChromium()
try {
  // A home-screen icon is square and opaque (the phone rounds its corners itself).
  for (const [file, size, background] of [
    ['favicon.png', 32, 'transparent'],
    ['apple-touch-icon.png', 180, '#1e3a8a'],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    await page.setContent(
      `<style>html,body{margin:0;background:${background}}</style>` +
        `<img src="data:image/svg+xml,${encodeURIComponent(svg)}" width="${size}" height="${size}" style="display:block">`,
    )
    await page.screenshot({
      path: resolve(ROOT, 'assets', file),
      omitBackground: background === 'transparent',
    })
    await page.close()
  }
} finally {
  await browser.close()
}
