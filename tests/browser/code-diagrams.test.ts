// Code, diagrams and citations in a built deck (tests/fixtures/sites/code-diagrams): code steps move
// one per ArrowRight, a Mermaid diagram is inline SVG in the deck's font and theme, the print and
// reading views show code whole, and the built JS holds no highlighter and no Mermaid.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../src/site/paths.ts'
import { launchChromium, openDeck, serveSite, watchPage, type Site } from '../helpers/browser.ts'

const DECK = 'tests/fixtures/sites/code-diagrams/slides/2025-05-01-code-diagrams'
const OUT = mkdtempSync(join(tmpdir(), 'code-diagrams-'))
const run = promisify(execFile)

let browser: Browser
let site: Site

beforeAll(async () => {
  // The CLI as an author runs it: `npm run build -- --slides <deck> --out <dir>`.
  await run('npm', ['run', 'build', '--', '--slides', DECK, '--out', OUT], {
    cwd: ROOT,
    timeout: 180_000,
  })
  site = await serveSite(OUT)
  browser = await launchChromium()
}, 200_000)
afterAll(async () => {
  await browser?.close()
  await site?.close()
  rmSync(OUT, { recursive: true, force: true })
})

async function open(query: string, hash: string): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 720 },
    reducedMotion: 'reduce',
  })
  await openDeck(page, `${site.url}${query}#/${hash}`)
  return page
}

/** The 1-based numbers of the highlighted lines of the slide's code block. */
const highlighted = (page: Page): Promise<number[]> =>
  page.$$eval('#steps .deck-code .line', (lines) =>
    lines.flatMap((l, i) => (l.classList.contains('deck-hl') ? [i + 1] : [])),
  )

/** Each line's computed opacity. */
const opacities = (page: Page): Promise<number[]> =>
  page.$$eval('#steps .deck-code .line', (lines) =>
    lines.map((l) => Number(getComputedStyle(l).opacity)),
  )

const currentSlide = (page: Page): Promise<string> =>
  page.evaluate(
    () => (window as unknown as { deck: { getCurrentSlide(): Element } }).deck.getCurrentSlide().id,
  )

describe('code steps ({2|4-5|6-7|all})', () => {
  it('each ArrowRight moves one step; the others are dimmed; then the next slide', async () => {
    const page = await open('?view=present', 'steps')
    const watch = watchPage(page, site.url.replace(/\/$/, ''))
    await page.waitForFunction(() => document.querySelector('#steps .deck-code[data-step="0"]'))
    expect(await highlighted(page)).toEqual([2])
    const dim = await opacities(page)
    expect(dim[1]).toBe(1)
    expect(Math.max(...dim.filter((_, i) => i !== 1))).toBeLessThan(0.5)
    for (const expected of [
      [4, 5],
      [6, 7],
      [1, 2, 3, 4, 5, 6, 7],
    ]) {
      await page.keyboard.press('ArrowRight')
      await page.waitForFunction(
        (n) => document.querySelectorAll('#steps .deck-code-step.visible').length === n,
        expected.length === 7 ? 3 : expected[0] === 4 ? 1 : 2,
      )
      expect(await highlighted(page)).toEqual(expected)
      expect(await currentSlide(page)).toBe('steps')
    }
    expect(Math.min(...(await opacities(page)))).toBe(1)
    await page.keyboard.press('ArrowLeft')
    await page.waitForFunction(
      () => document.querySelectorAll('#steps .deck-code-step.visible').length === 2,
    )
    expect(await highlighted(page)).toEqual([6, 7])
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.waitForFunction(() => location.hash === '#/diagram')
    expect(watch.consoleErrors).toEqual([])
    expect(watch.foreignRequests).toEqual([])
    await page.close()
  })

  it('tokens take the light and the dark theme colours from CSS variables', async () => {
    const colour = async (query: string): Promise<string> => {
      const page = await open(query, 'steps')
      const c = await page.$eval('#steps .line span', (s) => getComputedStyle(s).color)
      await page.close()
      return c
    }
    // `import` is a keyword: github-light-high-contrast #a0111f, github-dark-high-contrast #ff9492.
    expect(await colour('?view=present')).toBe('rgb(160, 17, 31)')
    expect(await colour('?view=present&theme=dark')).toBe('rgb(255, 148, 146)')
  })

  it('the PDF view and the reading view show the block whole', async () => {
    for (const query of ['?print-pdf', '?view=scroll']) {
      const page = await open(query, 'steps')
      expect(await page.$$eval('#steps .deck-code .line', (l) => l.length)).toBe(7)
      expect(Math.min(...(await opacities(page))), query).toBe(1)
      await page.close()
    }
  })
})

describe('mermaid', () => {
  it("labels are SVG text in the deck's font, at least 20px on the slide, in both themes", async () => {
    for (const [query, ink] of [
      ['?view=present', 'rgb(26, 26, 46)'],
      ['?view=present&theme=dark', 'rgb(226, 232, 240)'],
    ] as const) {
      const page = await open(query, 'diagram')
      const info = await page.evaluate(() => {
        const svg = document.querySelector<SVGSVGElement>('#diagram .deck-mermaid svg')!
        const labels = [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim())
        const scale = (window as unknown as { deck: { getScale(): number } }).deck.getScale()
        const svgScale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width / scale
        return {
          texts: labels.map((t) => t.textContent?.trim()),
          fonts: [...new Set(labels.map((t) => getComputedStyle(t).fontFamily))],
          deckFont: getComputedStyle(document.querySelector('#diagram p')!).fontFamily,
          minPx: Math.min(
            ...labels.map((t) => parseFloat(getComputedStyle(t).fontSize) * svgScale),
          ),
          fills: [...new Set(labels.map((t) => getComputedStyle(t).fill))],
          foreignObjects: svg.querySelectorAll('foreignObject').length,
          loaded: document.fonts.check('24px "Inter Variable"'),
        }
      })
      expect(info.texts).toEqual(
        expect.arrayContaining(['Prompt', 'Policy', 'Verifier', 'Reward 1', 'Reward 0', 'correct']),
      )
      expect(info.fonts).toEqual([info.deckFont])
      expect(info.deckFont).toMatch(/^"Inter Variable"/)
      expect(info.loaded).toBe(true)
      expect(info.minPx).toBeGreaterThanOrEqual(20)
      expect(info.fills).toEqual([ink])
      expect(info.foreignObjects).toBe(0)
      await page.close()
    }
  })
})

describe('citations', () => {
  it('are formatted in the text, and the references slide lists the works cited with links', async () => {
    const page = await open('?view=present', 'diagram')
    expect(await page.$$eval('#diagram .deck-cite', (c) => c.map((e) => e.textContent))).toEqual([
      'Chen et al. (2021)',
      '(and Yue et al., 2025, Section 2.2)',
    ])
    const refs = await page.$$eval('#references .csl-entry', (e) =>
      e.map((x) => [x.textContent?.slice(0, 24), x.querySelector('a')?.getAttribute('href')]),
    )
    expect(refs).toEqual([
      ['Chen, M., et al. (2021).', 'https://arxiv.org/abs/2107.03374'],
      ['Yue, Y., Chen, Z., Lu, R', 'https://arxiv.org/abs/2504.13837'],
    ])
    await page.close()
  })
})

describe('the built JS', () => {
  it('holds no highlighter and no Mermaid code', () => {
    const assets = resolve(OUT, 'assets')
    const js = readdirSync(assets).filter((n) => n.endsWith('.js'))
    expect(js.length).toBeGreaterThan(0)
    for (const name of js) {
      const text = readFileSync(resolve(assets, name), 'utf8')
      for (const marker of [
        'createHighlighter',
        'codeToHtml',
        'tokenizeLine',
        'onig',
        'shiki',
        'mermaid',
        'flowchart',
        'dagre',
        'citation-js',
        'citeproc',
      ])
        expect(text.includes(marker), `${name} contains ${marker}`).toBe(false)
    }
  })
})
