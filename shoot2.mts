import { launchChromium, serveSite } from './src/cli/chromium.ts'
const site = await serveSite('/tmp/figsite')
const b = await launchChromium()
for (const theme of ['light', 'dark']) for (const [w, h, view] of [[1280, 720, 'present'], [390, 844, 'scroll']] as const) {
  const p = await b.newPage({ viewport: { width: w, height: h }, reducedMotion: 'reduce' })
  await p.goto(`${site.url}?view=${view}&theme=${theme}#/diagram-math`)
  await p.waitForSelector('html[data-deck-ready="true"]')
  await p.waitForTimeout(800)
  if (view === 'scroll') await p.evaluate(() => document.getElementById('diagram-math')?.scrollIntoView())
  await p.waitForTimeout(300)
  await p.screenshot({ path: `/tmp/shots/math-${w}-${theme}.png` })
  console.log(w, theme, await p.evaluate(() => [...document.querySelectorAll('#diagram-math .katex-html')].map((k) => {
    const fo = k.closest('foreignObject')!.getBoundingClientRect(); const r = k.getBoundingClientRect()
    return [Math.round(r.width), Math.round(fo.width), Math.round(r.height), Math.round(fo.height), getComputedStyle(k.querySelector('.mathnormal')!).fontFamily, getComputedStyle(k).color]
  })))
  await p.click('#diagram-math .deck-enlargeable > svg')
  await p.waitForSelector('dialog[open]'); await p.waitForTimeout(300)
  await p.screenshot({ path: `/tmp/shots/math-${w}-${theme}-open.png` })
  await p.close()
}
await b.close(); await site.close()
