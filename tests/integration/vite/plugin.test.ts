// The deck's Vite plugins in process (Vite's own hooks.spec.ts pattern): a dev server in
// middleware mode without a websocket, requests answered by its middlewares, and a build that
// writes nothing (src/vite/plugin.ts and its parts).
import { resolve } from 'node:path'
import { build, type Rollup, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeckError } from '../../../src/compiler/diagnostics.ts'
import { renderDevHome } from '../../../src/site/dev-home.ts'
import { ROOT } from '../../../src/site/paths.ts'
import { deckPlugin } from '../../../src/vite/plugin.ts'
import { inProcessServer, type InProcessServer } from '../../helpers/vite.ts'

const MULTI = resolve(ROOT, 'tests/fixtures/sites/multi/slides')
const TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>x</title><!--deck:head--></head><body><div class="reveal"><div class="slides"><!--deck:slides--></div></div></body></html>`

let vite: ViteDevServer
let base: string
let server: InProcessServer

beforeAll(async () => {
  server = await inProcessServer(
    ROOT,
    deckPlugin({ slidesRoot: MULTI, root: ROOT, homePage: renderDevHome }),
  )
  vite = server.vite
  base = server.base
})
afterAll(() => server.close())

describe('deck:html', () => {
  it("puts the URL's deck into the page: slides, title, language and metadata", async () => {
    const html = await vite.transformIndexHtml('/2025-01-09-attention/', TEMPLATE)
    expect(html).toContain('<section id="house-rules"')
    expect(html).toMatch(/<title>[^<]+<\/title>/)
    expect(html).not.toContain('<!--deck:slides-->')
    const meta = JSON.parse(
      /<script type="application\/json" id="deck-meta">(.*?)<\/script>/.exec(html)![1]!,
    )
    expect(meta.slug).toBe('2025-01-09-attention')
  })

  it("raises a deck's compile error as Vite's error, with file:line:column and a code frame", async () => {
    const err = (await vite
      .transformIndexHtml('/2025-03-06-broken/', TEMPLATE)
      .catch((e: unknown) => e)) as DeckError
    expect(err.plugin).toBe('deck')
    expect(err.message).toMatch(/02-errors\.md:1:1: error: .*missing\.md.* \[missing-include\]/)
    expect(err.loc).toMatchObject({ line: 1, column: 0 })
    expect(err.id).toBe(resolve(MULTI, '2025-03-06-broken/02-errors.md'))
    expect(err.frame).toContain('> 1 | {{< include ../_shared/missing.md >}}')
    expect(err.frame).toMatch(/\| \^/)
    expect(err.stack).toBe('')
  })
})

describe('deck:serve', () => {
  it('answers / with the home page listing every session, newest first', async () => {
    const res = await fetch(`${base}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    const html = await res.text()
    const order = ['2025-02-13-scaling-laws', '2025-01-09-attention'].map((s) => html.indexOf(s))
    expect(order[0]).toBeGreaterThan(-1)
    expect(order[0]).toBeLessThan(order[1]!)
  })

  it("answers /<slug>/ with that session's deck", async () => {
    const res = await fetch(`${base}/2025-02-13-scaling-laws/`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('id="house-rules"')
  })
})

describe('deck:csp', () => {
  it('adds the Content-Security-Policy to the built page, after every other plugin', async () => {
    const out = (await build({
      configFile: false,
      root: ROOT,
      logLevel: 'silent',
      plugins: [deckPlugin({ slidesDir: resolve(MULTI, '2025-01-09-attention'), root: ROOT })],
      build: { write: false, rolldownOptions: { input: resolve(ROOT, 'index.html') } },
    })) as Rollup.RolldownOutput
    const page = out.output.find((o) => o.fileName === 'index.html') as Rollup.OutputAsset
    const html = String(page.source)
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/,
    )
    expect(html).toContain('id="house-rules"')
  })
})

describe('deck:assets', () => {
  it('serves a published file in dev as what it is: nosniff, and a sandbox that runs no script', async () => {
    const hostile = resolve(ROOT, 'tests/fixtures/sites/hostile/slides/2025-01-01-hostile')
    const dev = await inProcessServer(ROOT, deckPlugin({ slidesDir: hostile, root: ROOT }))
    try {
      const html = await dev.vite.transformIndexHtml('/', TEMPLATE)
      const file = /src="\.\/(deck-assets\/dot-[\w-]{10}\.png)"/.exec(html)?.[1]
      expect(file).toBeDefined()
      const res = await fetch(`${dev.base}/${file}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/)
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG')
    } finally {
      await dev.close()
    }
  })
})
