// deck:csp: the policy hashes only the build's own inline scripts; anything in the slide region
// that would run script is removed and reported at its slide's file:line, never hashed. The policy
// in a Vite build and in the dev server's answers: tests/integration/vite/csp.test.ts.
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { DeckError } from '../../../src/compiler/diagnostics.ts'
import {
  addCsp,
  contentSecurityPolicy,
  removeSlideScripts,
  SLIDES_BEGIN,
  SLIDES_END,
} from '../../../src/vite/csp.ts'
import { cpuNow } from '../../helpers/cpu.ts'

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

const failure = (html: string): DeckError => {
  try {
    addCsp(html)
  } catch (err) {
    return err as DeckError
  }
  throw new Error('addCsp accepted the page')
}

describe('contentSecurityPolicy', () => {
  it('allows no inline or eval script, and the websocket only in dev', () => {
    const built = contentSecurityPolicy()
    const dev = contentSecurityPolicy([], 'dev')
    for (const policy of [built, dev]) {
      const script = /script-src ([^;]*)/.exec(policy)![1]!
      expect(script).toBe("'self'")
      expect(policy).toContain("object-src 'none'")
    }
    expect(built).toContain("connect-src 'self';")
    expect(built).not.toMatch(/ws:/)
    expect(dev).toContain("connect-src 'self' ws: wss:;")
    // Dev differs in the websocket only.
    expect(dev.replace(' ws: wss:', '')).toBe(built)
  })
})

describe('addCsp', () => {
  it("hashes the build's own inline script, not the data block, and drops the markers", () => {
    const out = addCsp(
      page('<h2>Hello</h2>\n<p>javascript: the good parts, <code>&lt;script&gt;</code></p>'),
    )
    const policy = cspOf(out)
    expect(policy).toContain(`script-src 'self' ${sha(OWN)};`)
    expect(policy.match(/'sha256-/g)).toHaveLength(1)
    expect(out).not.toContain('deck:slides:')
    expect(out).toContain('<h2>Hello</h2>')
    // Right after <meta charset>, which must come first.
    expect(out).toMatch(/<meta charset="utf-8" \/>\n {4}<meta http-equiv="Content-Security-Policy"/)
  })

  it('hashes every inline script of a page without a slide region (the home page)', () => {
    const out = addCsp(
      `<html><head><meta charset="utf-8"></head><body><script>${OWN}</script></body></html>`,
    )
    expect(cspOf(out)).toContain(sha(OWN))
  })

  it("reports a slide's <script> at its file:line, and never hashes it", () => {
    const evil = 'fetch("/steal?" + document.cookie)'
    const err = failure(page('<p>fine</p>', `<p>hi</p>\n<script>${evil}</script>`))
    expect(err.name).toBe('DeckError')
    expect(err.message).toBe(
      "slides/d/02-x.md:4:1: error: a <script> element in the slide's HTML: removed, and never allowed by the page's Content-Security-Policy [slide-script]",
    )
    expect(err.diagnostics[0]).toMatchObject({ file: 'slides/d/02-x.md', line: 4, column: 0 })
    expect(err.id).toBe(resolve('slides/d/02-x.md'))
    expect(err.stack).toBe('')
  })

  it.each([
    [
      '<img src="x.png" onerror="alert(1)" alt="">',
      'an event handler attribute (onerror=) on <img>',
    ],
    ['<a/onclick=alert(1)>x</a>', 'an event handler attribute (onclick=) on <a>'],
    ['<svg><set onbegin="alert(1)"/></svg>', 'an event handler attribute (onbegin=) on <set>'],
    ['<a href="javascript:alert(1)">x</a>', 'a script URL (href="javascript:…") on <a>'],
    ['<a href=" JaVa\tScRiPt:alert(1)">x</a>', 'a script URL (href="javascript:…") on <a>'],
    ['<a href="java&#115;cript&colon;alert(1)">x</a>', 'a script URL (href="javascript:…") on <a>'],
    ['<a href="&#x6A;avascript:alert(1)">x</a>', 'a script URL (href="javascript:…") on <a>'],
    [
      '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      'a script URL (xlink:href="javascript:…") on <a>',
    ],
    [
      '<section data-background-iframe="javascript:alert(1)"></section>',
      'a script URL (data-background-iframe="javascript:…") on <section>',
    ],
    [
      '<form><button formaction="vbscript:x">x</button></form>',
      'a script URL (formaction="vbscript:…") on <button>',
    ],
    [
      '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
      'a <iframe srcdoc> document with script',
    ],
    ['<SCRIPT src="/evil.js"></SCRIPT>', 'a <script> element'],
    ['<p>unclosed <script>alert(1)', 'a <script> element'],
  ])('reports and removes %s', (html, what) => {
    const scan = removeSlideScripts(page(html))
    expect(scan.diagnostics.map((d) => d.message.split(' in the slide')[0])).toEqual([what])
    expect(scan.diagnostics[0]).toMatchObject({
      file: 'slides/d/01-x.md',
      line: 3,
      code: 'slide-script',
    })
    // An unclosed <script> runs to the end of the region, as the browser's parser reads it.
    const region = scan.html.slice(
      scan.html.indexOf('<div class="slides">'),
      scan.html.indexOf('<script type="module">'),
    )
    expect(region).toContain('<section id="s0"')
    expect(region).not.toMatch(/<script|\son[a-z]+=|javascript:|vbscript:|srcdoc/i)
    expect(() => addCsp(page(html))).toThrow(/slides\/d\/01-x\.md:3:1: error: .*\[slide-script\]/)
  })

  it('keeps harmless look-alikes: text, https links, data-on… attributes, escaped code', () => {
    const html =
      '<p>javascript: is a word here, so is onload=</p><a href="https://example.org/javascript:x">x</a>' +
      '<div data-online="yes" title="onclick=x">y</div><pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>'
    const scan = removeSlideScripts(page(html))
    expect(scan.diagnostics).toEqual([])
    expect(scan.html).toContain(html)
  })

  it('names the inner slide of a vertical stack, and each slide of several', () => {
    const stack =
      '<section data-source="slides/d/03-stack.md:1"><section data-source="slides/d/03-stack.md:9"><img src=a.png onload=x alt=""></section></section>'
    const scan = removeSlideScripts(page('<script>a()</script>', '<p>ok</p>', stack))
    expect(scan.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual([
      'slides/d/01-x.md:3',
      'slides/d/03-stack.md:9',
    ])
  })

  it('a slide that writes its own end marker cannot get a script hashed', () => {
    const html = `<p>x</p>${SLIDES_END}<script>alert(1)</script>${SLIDES_BEGIN}`
    const err = failure(page(html))
    expect(err.diagnostics).toHaveLength(1)
    expect(err.message).toContain('a <script> element')
    const scan = removeSlideScripts(page(html))
    expect(scan.html).not.toContain('deck:slides:')
    expect(cspOf(addCsp(scan.html))).not.toContain(sha('alert(1)'))
  })

  it('refuses a page with a begin marker and no end (a build bug, not a deck problem)', () => {
    expect(() => addCsp(`<head><meta charset="utf-8"></head>${SLIDES_BEGIN}<p>x</p>`)).toThrow(
      /not a begin … end pair/,
    )
  })

  it('reads a pathological tag in linear time', () => {
    const started = cpuNow()
    const scan = removeSlideScripts(
      page(`<a ${'b='.repeat(50_000)}${'"'.repeat(3)} ${'c '.repeat(50_000)}`),
    )
    expect(cpuNow() - started).toBeLessThan(1000)
    expect(scan.diagnostics).toEqual([])
  })
})

describe('text attributes', () => {
  it('are text: a title or an alt that says javascript: is no script URL', () => {
    const html = '<b title="javascript:alert(2)">b</b><img src="a.png" alt="javascript:x">'
    const scan = removeSlideScripts(page(html))
    expect(scan.diagnostics).toEqual([])
    expect(scan.html).toContain(html)
    expect(removeSlideScripts(page('<a href="javascript:x">a</a>')).diagnostics).toHaveLength(1)
  })
})
