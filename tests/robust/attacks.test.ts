// Hostile decks, one channel each (front matter, comments, attributes, raw HTML, notes,
// images, SVG, CSS, includes, symlinks, KaTeX, charts, the explorer, file names). Each case states
// its exact outcome: an error at file:line:column (so the build writes nothing), or a compile
// whose slides hold nothing executable, remote or foreign. The built site and a browser pass over
// it are in tests/browser/security.test.ts; random inputs are in the property tests at the end.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { load } from 'cheerio'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts'
import { compileDeck, type CompileResult } from '../../src/compiler/index.ts'
import { classifyUrl, cssUrls } from '../../src/untrusted/index.ts'
import { ROOT } from '../../src/site/paths.ts'
import { cpuNow } from '../helpers/cpu.ts'

const TMP = mkdtempSync(join(tmpdir(), 'deck-attacks-'))
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

/** A file outside every root the deck may read, with a canary no output may contain. */
const CANARY = 'CANARY-4f1d9e-SECRET'
const SECRET = join(TMP, 'secret.txt')
writeFileSync(SECRET, `${CANARY}\n`)
mkdirSync(join(TMP, 'slides/_shared'), { recursive: true })

let n = 0
/** A deck of `files` (`01-title.md` gets a title unless given) in its own session folder. */
function deck(files: Record<string, string | Buffer>): string {
  const dir = join(TMP, 'slides', `2025-01-01-case-${++n}`)
  mkdirSync(dir, { recursive: true })
  if (!('01-title.md' in files))
    writeFileSync(join(dir, '01-title.md'), '---\ntitle: T\n---\n# T\n')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(resolve(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}
const compile = (dir: string): CompileResult => compileDeck(dir, { root: ROOT })
const lines = (r: CompileResult): string[] =>
  r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
const html = (r: CompileResult): string => r.deck.slides.map((s) => s.html).join('\n')
/** A file of the last deck made, as a diagnostic names it (relative to the project root). */
const relativeToRoot = (name: string): string =>
  relative(ROOT, join(TMP, 'slides', `2025-01-01-case-${n}`, name))

const LOADS = /^(src|srcset|poster|data-src|data-background(-[a-z]+)?|data-preview-[a-z]+)$/
const SECRETS = [CANARY, 'root:x:0:0', '[core]', '"devDependencies"']

/**
 * What no compiled slide may hold, read as a browser reads it (parsed, not grepped): no script or
 * embedding element, no event handler, no script URL in any attribute, no load from elsewhere, no
 * CSS that loads from elsewhere, and no byte of a file outside the deck's folders.
 */
function expectHarmless(r: CompileResult): void {
  const $ = load(html(r), null, false)
  // The explorer's own controls are a form of ours (no action, no submit).
  expect(
    $('script, iframe, object, embed, base, meta, link, style, form:not([data-explorer-controls])')
      .length,
  ).toBe(0)
  const problems: string[] = []
  const check = (tag: string, name: string, value: string): void => {
    if (/^on/i.test(name)) problems.push(`<${tag} ${name}>`)
    const url = classifyUrl(value)
    if (url.kind === 'scheme' && ['javascript', 'vbscript', 'file'].includes(url.scheme))
      problems.push(`<${tag} ${name}="${value}">`)
    if (url.kind === 'data' && !/^\s*data:image\/(png|gif|jpeg|webp|avif);base64,/i.test(value))
      problems.push(`<${tag} ${name}="${value.slice(0, 40)}">`)
    const remote =
      url.kind === 'protocol-relative' ||
      (url.kind === 'scheme' && /^(https?|ftp|wss?)$/.test(url.scheme))
    if (LOADS.test(name) && name !== 'data-background-color' && remote)
      problems.push(`<${tag} ${name}="${value}">`)
    if (name === 'style' || name.startsWith('data-background'))
      for (const u of cssUrls(value))
        if (!u.url.startsWith('./deck-assets/') && !u.url.startsWith('#'))
          problems.push(`${name}: url(${u.url})`)
  }
  $('*').each((_, el) => {
    for (const [name, value] of Object.entries(
      (el as { attribs?: Record<string, string> }).attribs ?? {},
    ))
      check((el as { tagName: string }).tagName, name, value)
  })
  for (const s of r.deck.slides)
    for (const [name, value] of Object.entries(s.attrs)) check('section', name, value)
  expect(problems).toEqual([])
  const text = html(r) + JSON.stringify(r.deck.slides.map((s) => s.attrs))
  for (const secret of SECRETS) expect(text).not.toContain(secret)
  for (const asset of r.deck.assets) {
    const bytes = Buffer.from(asset.bytes).toString('latin1')
    for (const secret of SECRETS) expect(bytes).not.toContain(secret)
    expect(bytes).not.toMatch(/<script|\son[a-z]+\s*=/i)
  }
}

/** The deck fails with exactly these error lines (the file part as a name in the deck). */
function expectErrors(dir: string, expected: string[]): CompileResult {
  const r = compile(dir)
  expect(lines(r).map((l) => l.replace(/^[^:]*\//, ''))).toEqual(expected)
  expectHarmless(r)
  return r
}

/** The deck compiles with no error and nothing harmful in it; returns it for more checks. */
function expectClean(dir: string): CompileResult {
  const r = compile(dir)
  expect(lines(r)).toEqual([])
  expectHarmless(r)
  return r
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe('includes: a deck reads only its own folders', () => {
  it('refuses an absolute path', () =>
    expectErrors(deck({ '02-a.md': '{{< include /etc/passwd >}}\n' }), [
      "02-a.md:1:1: error: include: `/etc/passwd` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]",
    ]))

  it('refuses /proc/self/environ', () =>
    expectErrors(deck({ '02-a.md': '{{< include /proc/self/environ >}}\n' }), [
      "02-a.md:1:1: error: include: `/proc/self/environ` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]",
    ]))

  it('refuses ../ out of the project, however deep', () =>
    expectErrors(deck({ '02-a.md': `{{< include ${'../'.repeat(12)}etc/passwd >}}\n` }), [
      `02-a.md:1:1: error: include: \`${'../'.repeat(12)}etc/passwd\` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]`,
    ]))

  it("refuses the project's own .git/config", () => {
    const rel = join('..', '..', ...Array(20).fill('..'), ROOT, '.git/config')
    expectErrors(deck({ '02-a.md': `{{< include ${rel} >}}\n` }), [
      `02-a.md:1:1: error: include: \`${rel}\` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]`,
    ])
  })

  it('refuses a symlink in the deck that points outside it', () => {
    const dir = deck({ '02-a.md': '{{< include parts/x.md >}}\n' })
    mkdirSync(join(dir, 'parts'))
    symlinkSync(SECRET, join(dir, 'parts/x.md'))
    expectErrors(dir, [
      "02-a.md:1:1: error: include: `parts/x.md` is a link to a file outside the deck's folders [path-outside]",
    ])
  })

  it('allows slides/_shared/ and keeps its section', () => {
    writeFileSync(join(TMP, 'slides/_shared/ok.md'), '## Shared {#shared-ok}\n\nfine\n')
    const r = expectClean(deck({ '02-a.md': '{{< include ../_shared/ok.md >}}\n' }))
    expect(r.deck.slides.map((s) => s.id)).toContain('shared-ok')
  })

  it('stops an include fan-out at a positioned error, quickly', () => {
    const fan = (name: string, next: string): string =>
      Array(10).fill(`{{< include ${next} >}}`).join('\n\n---\n\n') + '\n'
    const files: Record<string, string> = { '02-a.md': '{{< include p/l1.md >}}\n' }
    for (let i = 1; i < 7; i++) files[`p/l${i}.md`] = fan(`l${i}`, `l${i + 1}.md`)
    files['p/l7.md'] = '## Leaf\n'
    const started = cpuNow()
    const r = compile(deck(files))
    expect(cpuNow() - started).toBeLessThan(5000)
    expect(r.diagnostics.map((d) => d.code)).toContain('deck-too-large')
    expect(r.deck.slides.length).toBeLessThan(5000)
  })

  it('stops deep nesting at the depth limit', () => {
    const files: Record<string, string> = { '02-a.md': '{{< include p/d1.md >}}\n' }
    for (let i = 1; i < 12; i++) files[`p/d${i}.md`] = `{{< include d${i + 1}.md >}}\n`
    files['p/d12.md'] = '## Deep\n'
    const r = compile(deck(files))
    expect(r.diagnostics.map((d) => d.code)).toContain('include-depth')
  })
})

describe('symlinks and odd files in the deck folder', () => {
  it('reports a slide file that links outside the deck, at that file', () => {
    const dir = deck({})
    symlinkSync(SECRET, join(dir, '02-leak.md'))
    expectErrors(dir, [
      "02-leak.md:1:1: error: `02-leak.md` is a link to a file outside the deck's folders [path-outside]",
    ])
  })

  it('reports a symlink loop, never crashes', () => {
    const dir = deck({})
    symlinkSync(join(dir, '03-b.md'), join(dir, '02-a.md'))
    symlinkSync(join(dir, '02-a.md'), join(dir, '03-b.md'))
    expectErrors(dir, [
      '02-a.md:1:1: error: `02-a.md` is a symbolic link loop [path-loop]',
      '03-b.md:1:1: error: `03-b.md` is a symbolic link loop [path-loop]',
    ])
  })

  it('survives links to . and to / inside the deck (the asset fingerprint walk ends)', () => {
    const dir = deck({ '02-a.md': '## A\n' })
    symlinkSync(dir, join(dir, 'self'))
    symlinkSync('/', join(dir, 'root'))
    const started = cpuNow()
    expectClean(dir)
    expect(cpuNow() - started).toBeLessThan(5000)
  })

  it('reports bytes that are not UTF-8 at their line and column', () =>
    expectErrors(deck({ '02-a.md': Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x62, 0xff, 0x0a]) }), [
      '02-a.md:2:2: error: file is not valid UTF-8 (byte 0xff); save it as UTF-8 [not-utf8]',
    ]))

  it('escapes a hostile file name wherever it is written', () => {
    const r = expectClean(deck({ '02-"><img src=x onerror=alert(1)>.md': '## A\n' }))
    expect(r.deck.slides.map((s) => s.file).join()).toContain('"><img')
  })
})

describe('images: only real images from the deck’s folders', () => {
  it('refuses /.git/config named as an image', () =>
    expectErrors(deck({ '02-a.md': '![x](/.git/config)\n' }), [
      "02-a.md:1:1: error: image `/.git/config` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]",
    ]))

  it('refuses /package.json', () =>
    expectErrors(deck({ '02-a.md': '![x](/package.json)\n' }), [
      "02-a.md:1:1: error: image `/package.json` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]",
    ]))

  it('refuses a text file named .png', () =>
    expectErrors(deck({ '02-a.md': '![x](fake.png)\n', 'fake.png': 'not a png' }), [
      '02-a.md:1:1: error: `fake.png` is named as PNG but its content is not an image [not-an-image]',
    ]))

  it('refuses a file that is no image by name', () =>
    expectErrors(deck({ '02-a.md': '![x](notes.txt)\n', 'notes.txt': 'hello' }), [
      '02-a.md:1:1: error: `notes.txt` is not an image file (allowed: .png .jpg .jpeg .gif .webp .avif .svg) [not-an-image]',
    ]))

  it('refuses an image symlinked from outside', () => {
    const dir = deck({ '02-a.md': '![x](leak.png)\n' })
    writeFileSync(join(TMP, 'outside.png'), png)
    symlinkSync(join(TMP, 'outside.png'), join(dir, 'leak.png'))
    expectErrors(dir, [
      "02-a.md:1:1: error: image `leak.png` is a link to a file outside the deck's folders [path-outside]",
    ])
  })

  it('refuses a remote image', () =>
    expectErrors(deck({ '02-a.md': '![x](https://evil.example/x.png)\n' }), [
      '02-a.md:1:1: error: image `https://evil.example/x.png` is not a local file; the deck must work offline, so save it under assets/ [remote-image]',
    ]))

  it('publishes a real PNG under deck-assets/ with a fingerprint', () => {
    const r = expectClean(deck({ '02-a.md': '![a dot](dot.png)\n', 'dot.png': png }))
    expect(html(r)).toMatch(/<img src="\.\/deck-assets\/dot-[\w-]{10}\.png" alt="a dot"/)
    expect(r.deck.assets.map((a) => a.mime)).toEqual(['image/png'])
  })

  it('inlines an SVG without its script, handlers, foreignObject or external references', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" width="100" height="40" onload="alert(1)">' +
      '<script>alert(2)</script><foreignObject><div>x</div></foreignObject>' +
      '<image href="https://evil.example/p.png"/><a href="javascript:alert(3)"><text y="30" font-size="30">Hi</text></a>' +
      '<style>body{display:none}</style><rect fill="url(https://evil.example/f)"/></svg>'
    const r = expectClean(deck({ '02-a.md': '![drawing](evil.svg)\n', 'evil.svg': svg }))
    expect(html(r)).toContain('<text y="30" font-size="30">Hi</text>')
    expect(r.diagnostics.map((d) => d.code)).toEqual(['svg-removed'])
  })
})

describe('figures: the credit line is text, the source an http(s) link, the image a deck file', () => {
  const fig = (attrs: string, src = 'f.png'): string => `# F\n\n![Caption](${src}){${attrs}}\n`

  it('refuses a javascript:, data: or protocol-relative source at its column', () =>
    expectErrors(
      deck({
        'f.png': png,
        '02-a.md': [
          fig('credit="A" source="javascript:alert(1)" licence="CC0"'),
          fig('credit="A" source=" JAVA\tSCRIPT:alert(1)" licence="CC0"'),
          fig('credit="A" source="data:text/html,<b>" licence="CC0"'),
          fig('credit="A" source="//evil.example/x" licence="CC0"'),
        ].join('\n'),
      }),
      [
        "02-a.md:3:30: error: the figure's `source=` must be an http:// or https:// link, not `javascript:alert(1)` [figure-source]",
        "02-a.md:7:30: error: the figure's `source=` must be an http:// or https:// link, not `JAVA\\x09SCRIPT:alert(1)` [figure-source]",
        // A tag in the braces: Markdown reads it as HTML, so the braces are not read at all.
        "02-a.md:11:18: error: the figure's `{…}` cannot be read: it holds an HTML entity (`&amp;`) or tag [figure-attribute]",
        "02-a.md:15:30: error: the figure's `source=` must be an http:// or https:// link, not `//evil.example/x` [figure-source]",
      ],
    ))

  it('refuses an image outside the deck, a remote one, and a text file named .png', () =>
    expectErrors(
      deck({
        'fake.png': 'not an image',
        '02-a.md': [
          fig('credit="A" licence="CC0"', SECRET),
          fig('credit="A" licence="CC0"', 'https://evil.example/x.png'),
          fig('credit="A" licence="CC0"', 'fake.png'),
        ].join('\n'),
      }),
      [
        `02-a.md:3:1: error: image \`${SECRET}\` is outside the deck's folders (the deck, slides/_shared/, assets/) [path-outside]`,
        '02-a.md:7:1: error: image `https://evil.example/x.png` is not a local file; the deck must work offline, so save it under assets/ [remote-image]',
        '02-a.md:11:1: error: `fake.png` is named as PNG but its content is not an image [not-an-image]',
      ],
    ))

  it('keeps quotes in the credit as text, and markup in the braces out of the page', () => {
    const r = expectClean(
      deck({ 'f.png': png, '02-a.md': fig(`credit="x' onmouseover='alert(1)" licence="CC0"`) }),
    )
    expect(load(html(r), null, false)('.deck-figure-by').text()).toBe("x' onmouseover='alert(1)")
    expectErrors(
      deck({ 'f.png': png, '02-a.md': fig(`credit="a" licence="\\"><svg onload=alert(1)>"`) }),
      [
        "02-a.md:3:18: error: the figure's `{…}` cannot be read: it holds an HTML entity (`&amp;`) or tag [figure-attribute]",
      ],
    )
  })

  it('bounds the values: a 9,000-character credit is an error, quickly', () => {
    const started = cpuNow()
    expectErrors(
      deck({ 'f.png': png, '02-a.md': fig(`credit="${'a'.repeat(9_000)}" licence="CC0"`) }),
      [
        "02-a.md:3:19: error: the figure's `credit=` has 9000 characters, more than 300 [figure-attribute]",
      ],
    )
    expect(cpuNow() - started).toBeLessThan(5_000)
  })
})

describe('raw HTML, attributes and comments: every URL through one policy', () => {
  const one = (body: string): CompileResult => compile(deck({ '02-a.md': body }))
  const codes = (r: CompileResult): string[] => r.diagnostics.map((d) => d.code)

  it.each([
    ['<div data-background-image="https://evil.example/x.png">a</div>', 'remote-load'],
    ['<div data-src="https://evil.example/x.png">a</div>', 'remote-load'],
    ['<video src="https://evil.example/v.mp4"></video>', 'remote-load'],
    ['<img srcset="https://evil.example/a.png 2x" alt="a">', 'remote-load'],
    ['<img src="//evil.example/a.png" alt="a">', 'remote-load'],
    ['<div data-background-iframe="x.svg">a</div>', 'remote-load'],
    ['<div data-background-video="https://evil.example/v.mp4">a</div>', 'remote-load'],
    ['<div style="background:url(https://evil.example/x.png)">a</div>', 'remote-load'],
    [
      '<div style="background-image:image-set(&quot;https://evil.example/x.png&quot; 1x)">a</div>',
      'remote-load',
    ],
    ['<div style="background:url(/.git/config)">a</div>', 'path-outside'],
    ['<div style="background:u\\72l(https://evil.example/x.png)">a</div>', 'style-refused'],
    ['<div style="position:fixed;inset:0;z-index:99">a</div>', 'style-refused'],
    ['<a href="javascript:alert(1)">a</a>', 'url-scheme'],
    ['<a href="&#106;avascript:alert(1)">a</a>', 'url-scheme'],
    ['<a href="java&#x09;script:alert(1)">a</a>', 'url-scheme'],
    ['<a href="vbscript:x">a</a>', 'url-scheme'],
    ['<a href="file:///etc/passwd">a</a>', 'url-scheme'],
    ['<a href="data:text/html,<script>alert(1)</script>">a</a>', 'url-scheme'],
    ['<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="a">', 'url-scheme'],
    ['<img src="data:image/png;base64,PHNjcmlwdD4=" alt="a">', 'url-scheme'],
  ])('%s -> %s', (markup, code) => {
    const r = one(`## A\n\n${markup}\n`)
    expect(codes(r)).toContain(code)
    const d = r.diagnostics.find((x) => x.code === code)!
    expect(d).toMatchObject({ line: 3, severity: 'error' })
    expectHarmless(r)
  })

  it.each([
    ['<!-- .slide: data-background-image="https://evil.example/x.png" -->', 'remote-load'],
    ['<!-- .slide: data-background-iframe="https://evil.example/" -->', 'remote-load'],
    ['<!-- .slide: data-background-video="javascript:alert(1)" -->', 'url-scheme'],
    ['<!-- .slide: style="background:url(https://evil.example/x)" -->', 'remote-load'],
    ['<!-- .slide: data-preview-link="https://evil.example/" -->', 'remote-load'],
  ])('slide comment %s -> %s', (comment, code) => {
    const r = one(`## A\n\n${comment}\n`)
    expect(codes(r)).toContain(code)
    expect(r.diagnostics.find((x) => x.code === code)).toMatchObject({ line: 3 })
    expectHarmless(r)
  })

  it.each([
    ['Text\n<!-- .element: data-src="https://evil.example/x.png" -->', 'remote-load'],
    ['Text {data-background-image=https://evil.example/x.png}', 'remote-load'],
    ['Text {data-src=javascript:alert(1)}', 'url-scheme'],
  ])('element attributes %s -> %s', (markup, code) => {
    const r = one(`## A\n\n${markup}\n`)
    expect(codes(r)).toContain(code)
    expectHarmless(r)
  })

  it('drops scripts, handlers, iframes, forms, base, meta, link and style from raw HTML (warnings)', () => {
    const r = one(
      '## A\n\n<script>alert(1)</script><iframe srcdoc="<script>x</script>"></iframe>' +
        '<form action="https://evil.example"><input name=p></form><base href="https://evil.example/">' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example"><link rel=stylesheet href="https://evil.example/c.css">' +
        '<style>body{display:none}</style><svg><script>alert(2)</script></svg><b onmouseover="x()">b</b>\n',
    )
    expect(new Set(codes(r))).toEqual(new Set(['html-removed']))
    expectHarmless(r)
    expect(html(r)).toContain('<b>b</b>')
  })

  it('never lets a slide close the deck’s containers: stray closers are dropped', () => {
    const r = one(
      '## A\n\n</div></div></section><div class="x" style="position:absolute">overlay <a href="https://evil.example/login">Sign in</a></div>\n',
    )
    expect(html(r)).not.toMatch(/<\/(div|section)>\s*<\/(div|section)>/)
    const depth = (s: string): number =>
      (s.match(/<div\b/g) ?? []).length - (s.match(/<\/div>/g) ?? []).length
    expect(depth(html(r))).toBe(0)
    expectHarmless(r)
  })

  it('keeps Markdown inside an allowed wrapper (CommonMark example 148 with a blank line)', () => {
    const r = expectClean(deck({ '02-a.md': '## A\n\n<div class="small">\n\n*text*\n\n</div>\n' }))
    expect(html(r)).toMatch(/<div class="small">\s*<p><em>text<\/em><\/p>\s*<\/div>/)
  })

  it('sanitises notes like the slide', () => {
    const r = one(
      '## A\n\n::: notes\n<img src=x onerror=alert(1)> <a href="javascript:x">n</a>\n:::\n',
    )
    expectHarmless(r)
    expect(codes(r)).toContain('url-scheme')
  })

  it('never replaces %ENV% or %MODE% in slide text (slide HTML is not Vite input)', () => {
    const r = expectClean(deck({ '02-a.md': '## A\n\n%VITE_SECRET% %MODE% %BASE_URL%\n' }))
    expect(html(r)).toContain('%VITE_SECRET% %MODE% %BASE_URL%')
  })
})

describe('front matter', () => {
  it('refuses a javascript: paper link', () =>
    expectErrors(
      deck({
        '01-title.md':
          '---\ntitle: T\npaper:\n  citation: x\n  url: javascript:alert(1)\n---\n# T\n',
      }),
      [
        '01-title.md:4:3: error: `paper.url` must start with https:// or http:// [front-matter-type]',
      ],
    ))

  it('keeps a hostile title as text (escaped where it is written: tests/browser/security.test.ts)', () => {
    const r = expectClean(
      deck({ '01-title.md': '---\ntitle: "</title><script>alert(1)</script>"\n---\n# T\n' }),
    )
    expect(r.deck.meta.title).toContain('<script>')
  })

  it('refuses a language that is not a language tag', () =>
    expectErrors(deck({ '01-title.md': '---\ntitle: T\nlang: \'en" onload="x\'\n---\n# T\n' }), [
      '01-title.md:3:7: error: `lang` must be a BCP 47 language tag such as `en` [front-matter-type]',
    ]))

  it('reports invalid YAML at its place', () =>
    expect(lines(compile(deck({ '01-title.md': '---\ntitle: [unclosed\n---\n# T\n' })))[0]).toMatch(
      /01-title\.md:2:\d+: error: invalid YAML/,
    ))

  it('bounds macros: a wide macro fails in under 5 s at its place', () => {
    const wide = Array(40).fill('\\b').join('')
    const fm = `---\ntitle: T\nmacros:\n  "\\\\a": "${Array(40).fill('\\\\c').join('')}"\n  "\\\\b": "\\\\a\\\\a"\n  "\\\\c": "xxxxxxxxxx"\n---\n# T\n`
    const started = cpuNow()
    const r = compile(deck({ '01-title.md': fm, '02-a.md': `## A\n\n$${wide}$\n` }))
    expect(cpuNow() - started).toBeLessThan(5000)
    expect(r.diagnostics.map((d) => d.code)).toContain('katex-too-large')
  })
})

describe('KaTeX', () => {
  it.each([
    '\\href{javascript:alert(1)}{x}',
    '\\url{https://evil.example}',
    '\\includegraphics{https://evil.example/x.png}',
    '\\htmlClass{x}{y}',
    '\\htmlStyle{position:fixed}{y}',
  ])('refuses %s with a positioned error, never red text', (tex) => {
    const r = compile(deck({ '02-a.md': `## A\n\nSee $${tex}$\n` }))
    expect(r.diagnostics.map((d) => d.code)).toContain('katex-untrusted')
    expect(r.diagnostics.find((d) => d.code === 'katex-untrusted')).toMatchObject({
      line: 3,
      column: 5,
    })
    expect(html(r)).not.toContain('katex-error')
    expectHarmless(r)
  })

  it('reports broken LaTeX at its column', () =>
    expect(lines(compile(deck({ '02-a.md': '## A\n\n$\\frac{1}{$\n' })))[0]).toMatch(
      /02-a\.md:3:\d+: error: KaTeX/,
    ))
})

describe('charts and the explorer: names are looked up without the prototype chain', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '```chart %s is a positioned error',
    (name) => {
      const r = compile(deck({ '02-a.md': `## A\n\n\`\`\`chart\nname: ${name}\n\`\`\`\n` }))
      expect(r.diagnostics.some((d) => d.severity === 'error' && d.line >= 3)).toBe(true)
      expectHarmless(r)
    },
  )

  it('an explorer option named __proto__ is an error, not a crash', () => {
    const r = compile(
      deck({ '02-a.md': '## A\n\n```passk-explorer\n__proto__: 1\nconstructor: 2\n```\n' }),
    )
    expect(r.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0)
    expectHarmless(r)
  })
})

describe('code and diagrams from text', () => {
  it('escapes a hostile info string and code', () => {
    const r = expectClean(
      deck({
        '02-a.md':
          '## A\n\n```js"><img src=x onerror=alert(1)>\n</code></pre><script>alert(1)</script>\n```\n',
      }),
    )
    expect(html(r)).toContain('&lt;script&gt;')
  })
})

// citation-js takes seconds to load on a busy machine.
describe('citations: a references.bib is deck input too', { timeout: 30_000 }, () => {
  it('escapes its fields and links only http(s) URLs', () => {
    const bib =
      '@article{evil,\n  title = {<script>alert(1)</script> Title},\n  author = {Evil, Eve},\n' +
      '  year = {2025},\n  url = {javascript:alert(1)},\n  doi = {10.1/"><img src=x onerror=alert(2)>}\n}\n'
    const r = expectClean(
      deck({
        '02-a.md': 'See [@evil].\n\n---\n\n## References\n\n::: references\n:::\n',
        'references.bib': bib,
      }),
    )
    expect(html(r)).toContain('&#60;script&#62;')
    expect(html(r)).not.toMatch(/href="javascript:/)
  })
})

describe('property: no input reads outside the roots or emits a script', () => {
  const pieces = [
    '{{< include ',
    ' >}}',
    '../',
    '/etc/passwd',
    SECRET,
    '![a](',
    ')',
    '<img src="',
    '" onerror="x()">',
    '<a href="',
    'javascript:',
    'https://evil.example/',
    '<script>',
    '</script>',
    '<!-- .slide: data-background-image="',
    '" -->',
    '<div style="background:url(',
    ')">',
    '</div>',
    '$\\href{javascript:x}{y}$',
    '\n\n',
    '---',
    '::: notes\n',
    ':::\n',
    '{data-src=',
    '}',
  ]
  it('holds for random decks built from hostile pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const r = compile(deck({ '02-a.md': `## A\n\n${parts.join('')}\n` }))
        expectHarmless(r)
        for (const file of r.deck.files)
          expect(file.startsWith(TMP) || file.startsWith(ROOT)).toBe(true)
        expect(r.deck.files.some((f) => f === SECRET || f.startsWith('/etc'))).toBe(false)
      }),
      { numRuns: 60 },
    )
  })
})

describe('nothing is written on an error', () => {
  it('leaves no output for a failing deck (the build is all or nothing)', () => {
    // The CLI builds into a temporary folder and swaps it in only on success
    // (tests/integration/cli/main.test.ts); here: a refusal is always an error, never a warning.
    const r = compile(deck({ '02-a.md': '{{< include /etc/passwd >}}\n' }))
    expect(r.diagnostics.every((d) => d.code !== 'path-outside' || d.severity === 'error')).toBe(
      true,
    )
    expect(readFileSync(SECRET, 'utf8')).toBe(`${CANARY}\n`)
  })
})

// citation-js takes seconds to load on a busy machine.
describe(
  'citations: keys are data, and the .bib and .csl files are never quoted',
  { timeout: 30_000 },
  () => {
    const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']
    const bib = KEYS.map(
      (k, i) =>
        `@article{${k},\n  title = {Work ${k}},\n  author = {Doe, Jane},\n  year = {${2000 + i}}\n}\n`,
    ).join('\n')

    it('cites keys named like Object.prototype’s properties as ordinary keys', () => {
      const r = expectClean(
        deck({
          '02-a.md': `See [${KEYS.map((k) => `@${k}`).join('; ')}] and @valueOf.\n\n---\n\n::: references\n:::\n`,
          'references.bib': bib,
        }),
      )
      const $ = load(html(r), null, false)
      expect(
        $('.csl-entry')
          .map((_, el) => $(el).attr('data-csl-entry-id'))
          .get()
          .sort(),
      ).toEqual([...KEYS].sort())
      for (const k of KEYS) expect($('.csl-entry').text()).toContain(`Work ${k}`)
      expect($('.deck-cite').first().text()).toBe('(Doe, 2000, 2001, 2002, 2003, 2004)')
      expect($('.deck-cite').last().text()).toBe('Doe (2004)')
    })

    it('reports an unknown key named __proto__ at its place', () =>
      expectErrors(
        deck({
          '02-a.md': 'See [@__proto__].\n',
          'references.bib': bib.replace('{__proto__,', '{x,'),
        }),
        [
          '02-a.md:1:6: error: unknown citation key `@__proto__` (not in ' +
            `${relativeToRoot('references.bib')}) [citation-unknown]`,
        ],
      ))

    it('refuses a csl: style that is a link out of the project, quoting nothing of it', () => {
      const dir = deck({
        '01-title.md': '---\ntitle: T\ncsl: style.csl\n---\n# T\n\nSee [@a].\n',
        'references.bib': '@article{a, title={A}, year={2020}}\n',
      })
      writeFileSync(join(TMP, 'outside.csl'), `OC${CANARY}\n`)
      symlinkSync(join(TMP, 'outside.csl'), join(dir, 'style.csl'))
      expectErrors(dir, [
        "01-title.md:3:1: error: the citation style `style.csl` is a link to a file outside the deck's folders [path-outside]",
      ])
    })

    it('refuses a csl: file of the deck that is no CSL style, quoting nothing of it', () =>
      expectErrors(
        deck({
          '01-title.md': '---\ntitle: T\ncsl: style.csl\n---\n# T\n\nSee [@a].\n',
          'references.bib': '@article{a, title={A}, year={2020}}\n',
          'style.csl': `OC${CANARY} {"json": true}\n`,
        }),
        [
          '01-title.md:3:1: error: the citation style `style.csl` is not a CSL style (an XML file whose root element is <style>) [csl-invalid]',
        ],
      ))

    it('reports a .bib citation-js cannot read at the line it stopped, quoting nothing of it', () => {
      const r = compile(
        deck({
          '02-a.md': 'See [@a].\n',
          'references.bib': `@article{a, title={A}, year={2020}}\n\n@article{b, title={${CANARY}} @@@ {{{\n`,
        }),
      )
      // The file is not read at all, so `@a` is unknown too.
      expect(lines(r).map((l) => l.replace(/^[^:]*\//, ''))).toEqual([
        `02-a.md:1:6: error: unknown citation key \`@a\` (not in ${relativeToRoot('references.bib')}) [citation-unknown]`,
        'references.bib:3:42: error: citation-js cannot read this BibTeX file: BibTeX syntax error [bib-syntax]',
      ])
      expect(JSON.stringify(r.diagnostics)).not.toContain(CANARY)
    })
  },
)

describe('SVG: a style sheet is CSS, never markup, and never reaches the page', () => {
  const escaped =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</style><rect width="5" height="5"/></svg>'

  it('publishes an SVG whose <style> spells a script in entities without any script', () => {
    const r = compile(deck({ '02-a.md': '## A\n\n<img src="e.svg" alt="e">\n', 'e.svg': escaped }))
    expect(lines(r)).toEqual([])
    const svg = r.deck.assets.find((a) => a.mime === 'image/svg+xml')!
    expect(Buffer.from(svg.bytes).toString()).not.toMatch(/<script/i)
    expectHarmless(r)
  })

  it('inlines it without any script either', () => {
    const r = compile(deck({ '02-a.md': '## A\n\n![e](e.svg)\n', 'e.svg': escaped }))
    expect(html(r)).not.toMatch(/<script/i)
    expectHarmless(r)
  })

  it('drops unscoped rules that an element inside <style> used to hide', () => {
    const r = compile(
      deck({
        '02-a.md': '## A\n\n![e](e.svg)\n',
        'e.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>body{display:none}<g/>.reveal{opacity:0}</style><rect width="5" height="5"/></svg>',
      }),
    )
    expect(html(r)).not.toContain('display:none')
    expect(html(r)).not.toContain('opacity:0')
    expect(html(r)).not.toContain('<style')
    expectHarmless(r)
  })
})
