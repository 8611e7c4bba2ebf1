// No glyph falls back to a machine font: every character the session's slides and notes draw is
// drawn by a face the deck ships (Inter, KaTeX's fonts, the code face), on screen (the reading view
// with the notes shown, every slide laid out) and in the PDF (`?print-pdf&notes`, print media).
// Chromium says which platform font drew each element's text (DevTools Protocol,
// CSS.getPlatformFontsForNode); a web font is `isCustomFont`, a machine font is not.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openDeck, useBuiltDeck } from '../helpers/browser.ts'

const env = useBuiltDeck()

/**
 * Every element of the slides, but KaTeX's MathML copy: it is for screen readers, clipped to
 * nothing on the page (the visible maths is KaTeX's HTML, in its fonts).
 */
const VISIBLE = '.reveal .slides *:not(.katex-mathml, .katex-mathml *)'

interface PlatformFont {
  familyName: string
  postScriptName?: string
  isCustomFont: boolean
  glyphCount: number
}

interface Drawn {
  /** Glyphs drawn per platform family, `custom` when a web font. */
  fonts: Map<string, { custom: boolean; glyphs: number }>
  /** Where a machine font drew text: the element's text, cut short. */
  fallbacks: string[]
  elements: number
}

/** The platform fonts that drew the text of every element under `selector`. */
async function drawnFonts(page: Page, selector: string): Promise<Drawn> {
  // Each element gets a mark, so a fallback can be named by its text.
  const count = await page.$$eval(selector, (els) => {
    els.forEach((el, i) => el.setAttribute('data-glyph-probe', String(i)))
    return els.length
  })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: '[data-glyph-probe]',
  })
  const drawn: Drawn = { fonts: new Map(), fallbacks: [], elements: nodeIds.length }
  for (const nodeId of nodeIds) {
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as {
      fonts: PlatformFont[]
    }
    for (const font of fonts) {
      const seen = drawn.fonts.get(font.familyName) ?? { custom: font.isCustomFont, glyphs: 0 }
      seen.glyphs += font.glyphCount
      drawn.fonts.set(font.familyName, seen)
      if (font.isCustomFont) continue
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1 })
      const text = await page.evaluate(
        (id) =>
          Array.from(document.querySelector(`[data-glyph-probe="${id}"]`)?.childNodes ?? [], (n) =>
            n.nodeType === Node.TEXT_NODE ? n.textContent : '',
          ).join(''),
        node.attributes?.[node.attributes.indexOf('data-glyph-probe') + 1] ?? '',
      )
      drawn.fallbacks.push(
        `${font.familyName} (${font.glyphCount}) in <${node.localName}>: ${text.trim().slice(0, 60)}`,
      )
    }
  }
  await cdp.detach()
  expect(drawn.elements).toBe(count)
  return drawn
}

function summary(drawn: Drawn): string {
  return [...drawn.fonts]
    .map(([family, f]) => `${family}${f.custom ? '' : ' (machine)'}: ${f.glyphs}`)
    .join(', ')
}

describe('glyphs', () => {
  it('on screen: every character of the slides and notes is drawn by one of the deck’s fonts', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    const fontFiles: string[] = []
    page.on('request', (req) => {
      if (/\.woff2?$/.test(req.url())) fontFiles.push(req.url().split('/').pop()!)
    })
    await openDeck(page, `${env.site.url}?view=scroll`)
    await page.getByRole('button', { name: 'Notes' }).click()
    await page.waitForURL(/handout/)
    await page.evaluate(() => document.fonts.ready)
    const drawn = await drawnFonts(page, VISIBLE)
    console.log(`screen: ${drawn.elements} elements; ${summary(drawn)}`)
    // Only the code face's subsets the deck's code draws are fetched: its code is Latin.
    const code = fontFiles.filter((f) => f.startsWith('jetbrains-mono-'))
    console.log(`code face files fetched: ${code.join(', ')}`)
    expect(code.length).toBeGreaterThan(0)
    expect(code.filter((f) => !f.startsWith('jetbrains-mono-latin-'))).toEqual([])
    expect(drawn.fonts.size).toBeGreaterThan(2)
    expect(drawn.fallbacks).toEqual([])
    await page.close()
  })

  it('in the PDF: every character of the slides and notes is drawn by one of the deck’s fonts', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.emulateMedia({ media: 'print' })
    await page.goto(`${env.site.url}?print-pdf&notes`)
    await page.waitForSelector('html[data-pdf-ready="true"]', { timeout: 60_000 })
    await page.evaluate(() => document.fonts.ready)
    const drawn = await drawnFonts(page, VISIBLE)
    console.log(`print: ${drawn.elements} elements; ${summary(drawn)}`)
    expect(drawn.fonts.size).toBeGreaterThan(2)
    expect(drawn.fallbacks).toEqual([])
    await page.close()
  })
})
