// A session's link preview is taken from a lighter page: the deck's page with every slide after
// the first left empty (src/site/preview.ts, previewPage). The image must be the one the full
// page gives, pixel for pixel: the frame's navigation, the counter and the title slide the same.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../../../src/compiler/browser.ts'
import { compile, type CompileResult } from '../../../src/compiler/index.ts'
import { ROOT } from '../../../src/site/paths.ts'
import { PREVIEW_PAGE, previewPage, previewTab, shoot } from '../../../src/site/preview.ts'
import { assembleDeck } from '../../../src/site/shell.ts'
import { newestDeck } from '../../helpers/sessions.ts'

const tmp = mkdtempSync(join(tmpdir(), 'rif-preview-page-'))
const site = resolve(tmp, 'site')
let result: CompileResult
let browser: Browser
let server: PreviewServer

beforeAll(async () => {
  result = await compile(newestDeck(), { root: ROOT })
  await assembleDeck(resolve(site, 's'), result)
  const page = readFileSync(resolve(site, 's/index.html'), 'utf8')
  writeFileSync(resolve(site, 's', PREVIEW_PAGE), previewPage(page, result.deck))
  server = await preview({
    configFile: false,
    root: site,
    logLevel: 'silent',
    build: { outDir: site },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(tmp, { recursive: true, force: true })
})

describe("the preview's page", () => {
  it('holds the first slide whole and every other slide as an empty section', () => {
    const page = readFileSync(resolve(site, 's', PREVIEW_PAGE), 'utf8')
    const slides = result.deck.slides
    expect(slides.length).toBeGreaterThan(10)
    for (const slide of slides) expect(page).toContain(`id="${slide.id}"`)
    expect(page).toContain(slides[0]!.html)
    expect(page).not.toContain(slides[1]!.html)
  })

  it('gives the image the full page gives, pixel for pixel', async () => {
    const url = server.resolvedUrls!.local[0]!
    const hash = `#/${encodeURIComponent(result.deck.slides[0]!.id)}`
    const [full, light] = [resolve(tmp, 'full.png'), resolve(tmp, 'light.png')]
    // One tab for both, as a build takes its images one page after another in a tab.
    const tab = await previewTab(browser)
    await shoot(tab, `${url}s/${hash}`, full)
    await shoot(tab, `${url}s/${PREVIEW_PAGE}${hash}`, light)
    expect(readFileSync(light).equals(readFileSync(full))).toBe(true)
  })
})
