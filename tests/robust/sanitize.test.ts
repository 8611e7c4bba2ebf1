// Raw HTML in slides goes through the allow-list sanitizer: nothing executable survives, each
// removal is a warning at its file:line:column, and safe HTML is kept as written.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatAll, renderBody } from '../helpers/deck.ts'

const HOSTILE = `## Hostile

<div class="box" onclick="alert(1)"><script>alert(2)</script>ok <a href="javascript:alert(3)">x</a></div>

Inline <span style="color:red" onmouseover="x()">red</span> and <img src="data:text/html,<b>" alt="x"> and <iframe src="https://evil"></iframe>

<form action="/x"><input name="a"></form>
`

describe('the raw-HTML sanitizer', () => {
  const { html, result } = renderBody(HOSTILE)

  it('removes scripts, event handlers, javascript: and non-image data: URLs, iframes and forms', () => {
    expect(html.trim()).toBe(
      '<h2>Hostile</h2>\n<div class="box">ok <a>x</a></div>\n' +
        '<p>Inline <span style="color:red">red</span> and <img alt="x" /> and </p>',
    )
  })

  it('reports each removal where it is: a warning for what is off the allow-list, an error for a refused URL', () => {
    expect(formatAll(result).split('\n')).toEqual([
      'deck/01.md:6:18: warning: removed `onclick` attribute on <div> from raw HTML (not on the allow-list) [html-removed]',
      'deck/01.md:6:37: warning: removed <script> element from raw HTML (not on the allow-list) [html-removed]',
      'deck/01.md:6:74: error: link `javascript:alert(3)`: a `javascript:` URL is not allowed (links may be https:, http:, mailto: or #/slide-id) [url-scheme]',
      'deck/01.md:8:32: warning: removed `onmouseover` attribute on <span> from raw HTML (not on the allow-list) [html-removed]',
      'deck/01.md:8:75: error: `data:` URLs may only be base64 PNG, JPEG, GIF, WebP or AVIF images [url-scheme]',
      'deck/01.md:8:108: warning: removed <iframe> element from raw HTML (not on the allow-list) [html-removed]',
      'deck/01.md:10:1: warning: removed <form> element from raw HTML (not on the allow-list) [html-removed]',
      'deck/01.md:10:19: warning: removed <input> element from raw HTML (not on the allow-list) [html-removed]',
    ])
  })

  it('keeps safe HTML and image data: URLs, and resolves raw <img> like Markdown images', () => {
    const ok = renderBody(
      '<figure><img src="diagrams/rl-loop.svg" alt="loop"><figcaption>The <em>loop</em></figcaption></figure>\n\n' +
        'A <kbd>S</kbd> key, <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">, <a href="https://arxiv.org/abs/2504.13837">paper</a>.\n',
    )
    expect(formatAll(ok.result)).toBe('')
    // Published under deck-assets/ with a fingerprint (sanitised: an SVG is checked like any image).
    expect(ok.html).toMatch(/<img src="\.\/deck-assets\/rl-loop-[\w-]{10}\.svg" alt="loop" \/>/)
    expect(ok.html).toContain('<kbd>S</kbd>')
    expect(ok.html).toContain('src="data:image/png;base64,iVBORw0KGgo="')
    expect(ok.html).toContain('<a href="https://arxiv.org/abs/2504.13837">paper</a>')
  })

  it('lets nothing executable through, whatever the HTML', () => {
    const pieces = [
      '<script>',
      '</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:x">',
      '<a href=" JaVaScRiPt:x">',
      '<iframe>',
      '<svg onload=x>',
      '<form>',
      '<object data=x>',
      '<embed src=x>',
      '<style>',
      '<link rel=stylesheet href=x>',
      '<meta http-equiv=refresh>',
      '<base href=x>',
      '<div>',
      '</div>',
      '<span title="a">',
      '<!--',
      '-->',
      'text',
      '\n',
      '\n\n',
      '<math><mi xlink:href="javascript:x">',
      '<a href="data:text/html,x">',
      '<img src="vbscript:x">',
      '<details open ontoggle=x>',
    ]
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const { html } = renderBody(`## X\n\n${parts.join('')}\n`)
        expect(html).not.toMatch(
          /<(script|iframe|form|object|embed|style|link|meta|base|svg|math)\b/i,
        )
        expect(html).not.toMatch(/\son\w+\s*=/i)
        expect(html).not.toMatch(/(javascript|vbscript|data:text)/i)
      }),
      { numRuns: 400 },
    )
  })
})
