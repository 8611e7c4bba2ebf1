// The page's icons (index.html): PNG files rendered from assets/favicon.svg by
// scripts/render-favicon.mjs. Not the SVG itself: Chromium draws an SVG favicon in the page, as a
// small SVG document parsed, laid out and painted again after each history entry, which is every
// step of a presentation (2 ms and an extra frame a step, measured in a trace).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inlineFavicon } from '../../../src/cli/single.ts'
import { ROOT } from '../../../src/site/paths.ts'

const template = readFileSync(resolve(ROOT, 'index.html'), 'utf8')
const icons = [...template.matchAll(/<link rel="([a-z-]*icon)" href="\/assets\/([^"]+)"[^>]*>/g)]

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(resolve(ROOT, 'assets', file))
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

describe('page icons', () => {
  it('are PNG files of the sizes they claim, no SVG', () => {
    expect(icons.map(([, rel]) => rel)).toEqual(['icon', 'apple-touch-icon'])
    expect(template).not.toMatch(/rel="icon"[^>]*\.svg/)
    expect(pngSize('favicon.png')).toEqual({ width: 32, height: 32 })
    expect(pngSize('apple-touch-icon.png')).toEqual({ width: 180, height: 180 })
  })

  it('are inlined as data: URLs in the single-file page', () => {
    const plugin = inlineFavicon()
    const hook = plugin.transformIndexHtml as { handler: (html: string) => string }
    const out = hook.handler(template)
    expect(out).toContain('<link rel="icon" href="data:image/png;base64,iVBOR')
    expect(out).toContain('<link rel="apple-touch-icon" href="data:image/png;base64,iVBOR')
    expect(out).not.toContain('/assets/')
  })
})
