import { launchChromium, serveSite } from './src/cli/chromium.ts'
const site = await serveSite('dist/2025-07-16-rlvr-reasoning')
const b = await launchChromium()
const ids = process.argv.slice(2)
for (const theme of ['light', 'dark']) for (const [w, h, view] of [[1280, 720, 'present'], [390, 844, 'scroll']] as const) {
  const p = await b.newPage({ viewport: { width: w, height: h }, reducedMotion: 'reduce' })
  for (const id of ids) {
    await p.goto(`${site.url}?view=${view}&theme=${theme}#/${id}`)
    await p.waitForSelector('html[data-deck-ready="true"]')
    await p.waitForTimeout(800)
    if (view === 'scroll') await p.evaluate((i) => document.getElementById(i)?.scrollIntoView(), id)
    await p.waitForTimeout(300)
    await p.screenshot({ path: `/tmp/shots/s-${id}-${w}-${theme}.png` })
    const tgt = await p.$(`[id="${id}"] .deck-enlargeable > svg`)
    if (tgt) { await tgt.click(); await p.waitForSelector('dialog[open]'); await p.waitForTimeout(300); await p.screenshot({ path: `/tmp/shots/s-${id}-${w}-${theme}-open.png` }); await p.keyboard.press('Escape') }
  }
  await p.close()
}
await b.close(); await site.close()
