// deck:csp in a Vite build (a slide script that got past the compiler fails the build) and in the
// dev server's answers (the policy as a header). The policy itself: tests/unit/vite/csp.test.ts.
import { createHash } from 'node:crypto'
import { createServer as createHttpServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { build, type Plugin, type Rollup } from 'vite'
import { describe, expect, it } from 'vitest'
import type { DeckError } from '../../../src/compiler/diagnostics.ts'
import { ROOT } from '../../../src/site/paths.ts'
import { cspHeaderMiddleware, SLIDES_BEGIN, SLIDES_END } from '../../../src/vite/csp.ts'
import { deckPlugin } from '../../../src/vite/plugin.ts'

const OWN = 'console.log("the build emitted me")'
const sha = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`

/** A page as the build writes it: the build's own inline script, and the slides between markers. */
const page = (...slides: string[]): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>x</title>` +
  `<script type="application/json" id="deck-meta">{"slug":"d"}</script></head><body>` +
  `<div class="reveal"><div class="slides">${SLIDES_BEGIN}${slides
    .map(
      (html, i) =>
        `<section id="s${i}" data-source="slides/d/0${i + 1}-x.md:${i + 3}">\n${html}</section>`,
    )
    .join('\n')}${SLIDES_END}</div></div><script type="module">${OWN}</script></body></html>`

const cspOf = (html: string): string =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!

// A Vite build takes seconds on a busy machine.
describe('deck:csp in a build', { timeout: 60_000 }, () => {
  it('fails the build with the slide-script error when a script reaches the slide region', async () => {
    // Stands in for a slide script that got past the compiler's sanitizer: the second wall.
    const smuggle: Plugin = {
      name: 'test:smuggle',
      transformIndexHtml: {
        order: 'post',
        handler: (html) =>
          html
            .replace(
              /<section id="house-rules"([^>]*)>/,
              `${SLIDES_BEGIN}<section id="house-rules"$1><script>alert(1)</script>`,
            )
            .replace('</body>', `${SLIDES_END}</body>`),
      },
    }
    const err = (await build({
      configFile: false,
      root: ROOT,
      logLevel: 'silent',
      plugins: [
        deckPlugin({
          slidesDir: resolve(ROOT, 'tests/fixtures/sites/multi/slides/2025-01-09-attention'),
          root: ROOT,
        }),
        smuggle,
      ],
      build: { write: false, rolldownOptions: { input: resolve(ROOT, 'index.html') } },
    }).catch((e: unknown) => e)) as Error & { errors?: DeckError[] }
    expect(err).toBeInstanceOf(Error)
    expect(err.message).toMatch(
      /tests\/fixtures\/sites\/multi\/slides\/[^:]+\.md:\d+:1: error: a <script> element in the slide's HTML: .* \[slide-script\]/,
    )
    // Rolldown keeps the DeckError: the CLI prints its diagnostics (and annotations) from it.
    expect(err.errors?.[0]?.diagnostics).toEqual([
      expect.objectContaining({ code: 'slide-script', severity: 'error', column: 0 }),
    ])
  })

  it('builds the page with its policy when no slide carries script', async () => {
    const out = (await build({
      configFile: false,
      root: ROOT,
      logLevel: 'silent',
      plugins: [
        deckPlugin({
          slidesDir: resolve(ROOT, 'tests/fixtures/sites/multi/slides/2025-01-09-attention'),
          root: ROOT,
        }),
      ],
      build: { write: false, rolldownOptions: { input: resolve(ROOT, 'index.html') } },
    })) as Rollup.RolldownOutput
    const html = String(
      (out.output.find((o) => o.fileName === 'index.html') as Rollup.OutputAsset).source,
    )
    expect(cspOf(html)).toMatch(/^default-src 'self'; script-src 'self';/)
    expect(html).not.toContain('deck:slides:')
  })
})

describe('cspHeaderMiddleware (dev)', () => {
  /** Answers one request through the middleware with `send` as the page's handler. */
  async function answer(
    send: (res: ServerResponse) => void,
  ): Promise<{ headers: Headers; body: string; logged: string[] }> {
    const logged: string[] = []
    const middleware = cspHeaderMiddleware({ error: (msg: string) => void logged.push(msg) })
    const server = createHttpServer((req, res) => middleware(req, res, () => send(res)))
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
      return { headers: res.headers, body: await res.text(), logged }
    } finally {
      await new Promise((done) => server.close(done))
    }
  }

  it("sends the dev policy as a header, hashing the page's own inline script", async () => {
    const r = await answer((res) => {
      res.setHeader('Content-Type', 'text/html')
      res.end(page('<p>ok</p>'))
    })
    const csp = r.headers.get('content-security-policy')!
    expect(/script-src ([^;]*)/.exec(csp)![1]).toBe(`'self' ${sha(OWN)}`)
    expect(csp).toContain("connect-src 'self' ws: wss:")
    expect(r.body).not.toContain('deck:slides:')
    expect(r.logged).toEqual([])
  })

  it('strips a slide script from the page and prints it as an error, unhashed', async () => {
    const r = await answer((res) => res.end(page('<img src=a.png alt="" onerror="alert(1)">')))
    expect(r.body).not.toContain('onerror')
    expect(r.headers.get('content-security-policy')).not.toContain(sha('alert(1)'))
    expect(r.logged).toEqual([
      expect.stringMatching(
        /^slides\/d\/01-x\.md:3:1: error: an event handler attribute .*\[slide-script\]/,
      ),
    ])
  })

  it('leaves answers that are not HTML alone', async () => {
    const r = await answer((res) => {
      res.setHeader('Content-Type', 'text/javascript')
      res.end('export const x = "<html>"')
    })
    expect(r.headers.get('content-security-policy')).toBeNull()
    expect(r.body).toBe('export const x = "<html>"')
  })
})
