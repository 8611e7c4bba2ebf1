// Every notes block of a slide, in order, reaches the speaker
// view, the reading view's handout and the print view's handout (one reader: src/runtime/slides.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileDeck } from '../../src/compiler/index.ts'
import { assembleDeck } from '../../src/site/build.ts'
import { ROOT } from '../../src/site/paths.ts'
import { openDeck, useBuiltDeck } from '../helpers/browser.ts'

const DECK = resolve(ROOT, 'tests/fixtures/sites/notes/slides/2025-01-01-notes')
const OUT = mkdtempSync(join(tmpdir(), 'deck-notes-'))
const FIRST = 'First block of notes.'
const SECOND = 'Second block, with'

beforeAll(async () => {
  const compiled = compileDeck(DECK, { root: ROOT })
  expect(compiled.diagnostics).toEqual([])
  await assembleDeck(OUT, compiled)
}, 120_000)
afterAll(() => rmSync(OUT, { recursive: true, force: true }))

const env = useBuiltDeck(() => OUT)
const text = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (n) => (n.textContent ?? '').replace(/\s+/g, ' '))

/** Both blocks are there, the first before the second. */
function expectBoth(shown: string): void {
  expect(shown).toContain(FIRST)
  expect(shown).toContain(SECOND)
  expect(shown.indexOf(FIRST)).toBeLessThan(shown.indexOf(SECOND))
}

describe('a slide with two notes blocks', () => {
  it('shows both in the speaker view', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${env.site.url}?view=speaker#/a-slide-with-two-notes`)
    await page.waitForSelector('.speaker-notes-body')
    await expect.poll(() => text(page, '.speaker-notes-body')).toContain(SECOND)
    expectBoth(await text(page, '.speaker-notes-body'))
    expect(await page.locator('.speaker-notes-body .katex').count()).toBe(1)
    await page.close()
  })

  it('shows both under the slide in the reading view with handout', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await openDeck(page, `${env.site.url}?view=scroll&handout#/a-slide-with-two-notes`)
    await page.waitForSelector('.deck-handout-notes')
    const blocks = await page.$$eval('.deck-handout-notes', (nodes) =>
      nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ')),
    )
    expect(blocks[0]).toContain('Title notes.')
    expectBoth(blocks[1]!)
    await page.close()
  })

  it('prints both under the slide in the handout PDF view', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(`${env.site.url}?print-pdf&notes`)
    await page.waitForSelector('html[data-pdf-ready="true"]', { timeout: 30_000 })
    const blocks = await page.$$eval('.deck-print-notes', (nodes) =>
      nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ')),
    )
    expect(blocks).toHaveLength(2)
    expectBoth(blocks[1]!)
    await page.close()
  })
})
