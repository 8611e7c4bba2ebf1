// Hostile and broken Vega-Lite specs: each gives its exact positioned problem (code, line, column,
// message) or a clean SVG; never a stack trace, a hang, a file outside the deck or a network load.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  closeChartWorker,
  renderVegaLite,
  type DataReader,
  type VegaLiteOptions,
} from '../../../../src/charts/vega-lite/index.ts'
import { chartRoots, deckDataReader } from '../../../../src/compiler/markdown/vega-lite.ts'

// The first chart starts the drawing process and loads Vega: seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 })
afterAll(closeChartWorker)

const values = [
  { a: 1, b: 'x' },
  { a: 2, b: 'y' },
]
const noFiles: DataReader = (ref) => ({ code: 'missing-file', message: `\`${ref}\` not found` })

/** A bar chart of inline values with `extra` merged in, pretty-printed (positions are stable). */
const spec = (extra: object): string =>
  JSON.stringify(
    {
      data: { values },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'quantitative' } },
      ...extra,
    },
    null,
    2,
  )

/** The one problem of a spec (1-based line and column, as a diagnostic prints them). */
async function problem(
  text: string,
  options: Partial<VegaLiteOptions> = {},
): Promise<[string, string, string]> {
  const result = await renderVegaLite(text, {
    format: 'json',
    readData: noFiles,
    id: 'h',
    ...options,
  })
  expect(result.html).toBeUndefined()
  const errors = result.problems.filter((p) => p.severity === 'error')
  expect(errors).toHaveLength(1)
  const [p] = errors
  expect(p!.message).not.toMatch(/\n|\s+at .*:\d+:\d+/)
  return [`${p!.line + 1}:${p!.column + 1}`, p!.code, p!.message]
}

/** Line:column (1-based) of the first occurrence of `needle` in `text`, plus `shift` columns. */
function at(text: string, needle: string, shift = 0): string {
  const offset = text.indexOf(needle)
  expect(offset).toBeGreaterThanOrEqual(0)
  const before = text.slice(0, offset).split('\n')
  return `${before.length}:${before.at(-1)!.length + 1 + shift}`
}

describe('expressions', () => {
  it.each([
    [
      "constructor.constructor('return process')()",
      'only named functions can be called',
      'calculate',
    ],
    ['datum.constructor', 'the property `constructor` is not allowed', 'calculate'],
    ['datum.__proto__', 'the property `__proto__` is not allowed', 'calculate'],
    [
      "datum['__pro' + 'to__']",
      'a computed property must be a literal (`datum["name"]`)',
      'calculate',
    ],
    ['window.alert(1)', 'only named functions can be called', 'filter'],
    [
      'this',
      'uses JavaScript that chart expressions do not have (`this`, `new`, assignment, functions)',
      'filter',
    ],
    [
      'new Function("x")',
      'uses JavaScript that chart expressions do not have (`this`, `new`, assignment, functions)',
      'filter',
    ],
    ['process', 'unknown name `process`', 'filter'],
    ['eval("1")', 'the function `eval` is not allowed in a chart expression', 'filter'],
    [
      'test(/(a+)+$/, datum.b)',
      'the function `test` is not allowed in a chart expression',
      'filter',
    ],
    ["replace(datum.b, /x/, 'y')", 'regular expressions are not allowed', 'filter'],
  ])('%s is refused at its expression', async (expression, message, key) => {
    const transform =
      key === 'calculate' ? { calculate: expression, as: 'c' } : { filter: expression }
    const text = spec({ transform: [transform] })
    expect(await problem(text)).toEqual([
      at(text, JSON.stringify(expression), 1),
      'spec-expression',
      `\`${key}\` expression: ${message}`,
    ])
  })

  it('a syntax error in an expression is reported at its character', async () => {
    const text = spec({ transform: [{ calculate: 'datum.a +', as: 'c' }] })
    expect(await problem(text)).toEqual([
      at(text, '"datum.a +"', 10),
      'spec-expression',
      '`calculate` expression: Unexpected end of input',
    ])
  })

  it('interactive parameters are refused', async () => {
    const text = spec({ params: [{ name: 'p', select: 'interval' }] })
    expect(await problem(text)).toEqual([
      at(text, '"select"'),
      'spec-interactive',
      '`select`: a chart drawn at build time is a picture, with no selections or inputs',
    ])
  })

  it('allowed expressions draw in a process where V8 refuses code generation from strings', async () => {
    // The drawing process runs with --disallow-code-generation-from-strings: Vega's Function-based
    // code generator would fail there; the AST interpreter draws.
    const text = spec({
      transform: [
        { calculate: "datum.a * 2 + length(datum.b) + (datum.b == 'x' ? 1 : 0)", as: 'c' },
        { filter: 'datum.c > 4' },
      ],
      encoding: { x: { field: 'c', type: 'quantitative' }, y: { field: 'b', type: 'nominal' } },
    })
    const result = await renderVegaLite(text, { format: 'json', readData: noFiles, id: 'ok' })
    expect(result.problems).toEqual([])
    // `x` gives 1 * 2 + 1 + 1 = 4, filtered out; `y` gives 2 * 2 + 1 + 0 = 5: one bar, for `y`.
    // The slide's drawing (the figure's own SVG; the narrow layout draws the same).
    const $ = load(result.html!)
    expect($('figure > svg .mark-rect.role-mark path')).toHaveLength(1)
    const labels = $('figure > svg .role-axis-label text')
      .map((_i, t) => $(t).text())
      .get()
    expect(labels).toContain('y')
    expect(labels).not.toContain('x')
  })
})

describe('keys and syntax', () => {
  it('`__proto__` as a JSON key is refused at the key', async () => {
    const text = '{\n  "mark": "bar",\n  "__proto__": {"polluted": 1}\n}'
    expect(await problem(text)).toEqual([
      '3:3',
      'spec-key',
      'the key `__proto__` is not allowed in a chart spec',
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('`__proto__` as a YAML key in the data is refused at the key', async () => {
    const text = 'mark: bar\ndata:\n  values:\n    - __proto__: { x: 1 }\n'
    expect(await problem(text, { format: 'yaml' })).toEqual([
      '4:7',
      'spec-key',
      'the key `__proto__` is not allowed in a chart spec',
    ])
  })

  it('bad JSON: where the comma is missing', async () => {
    const text = '{\n  "mark": "bar"\n  "encoding": {}\n}'
    expect(await problem(text)).toEqual([
      '3:3',
      'spec-syntax',
      'JSON: expected `,` or `}`, found `"`',
    ])
  })

  it('bad YAML: an unclosed flow sequence', async () => {
    const text = 'mark: bar\nencoding:\n  x: [1, 2\n'
    const [where, code, message] = await problem(text, { format: 'yaml' })
    expect([where, code]).toEqual(['4:1', 'spec-syntax'])
    expect(message).toMatch(
      /^YAML: Flow sequence in block collection must be sufficiently indented/,
    )
  })

  it('a YAML alias (a spec that refers to itself) is refused', async () => {
    expect(await problem('a: &x [*x]\n', { format: 'yaml' })).toEqual([
      '1:8',
      'spec-syntax',
      'YAML: aliases (`*name`) are not allowed',
    ])
  })

  it('deep nesting, JSON and YAML', async () => {
    const json = `{"mark":"bar","data":{"values":${'['.repeat(40)}${']'.repeat(40)}}}`
    expect(await problem(json)).toEqual([
      '1:63',
      'spec-syntax',
      'JSON: the spec is nested 33 levels deep; a chart spec may nest at most 32',
    ])
    const yaml = `mark: bar\ndata:\n  values: ${'['.repeat(40)}${']'.repeat(40)}\n`
    expect(await problem(yaml, { format: 'yaml' })).toEqual([
      '3:42',
      'spec-syntax',
      'the spec is nested 33 levels deep; a chart spec may nest at most 32',
    ])
  })

  it('an empty block', async () => {
    expect(await problem('  \n')).toEqual(['1:1', 'spec-syntax', 'the chart spec is empty'])
  })
})

describe('schema and fields', () => {
  it('an unknown mark lists the marks', async () => {
    const text = spec({ mark: 'barr' })
    const [where, code, message] = await problem(text)
    expect([where, code]).toEqual([at(text, '"barr"'), 'spec-schema'])
    expect(message).toMatch(/^`mark` is "barr"; it must be one of .*\bbar\b.*\bline\b/)
  })

  it('an unknown property is reported at its key', async () => {
    const text = spec({ encoding: { x: { field: 'a', type: 'quantitative', scael: {} } } })
    expect(await problem(text)).toEqual([
      at(text, '"scael"'),
      'spec-schema',
      'unknown property `scael` in `encoding.x`',
    ])
  })

  it('a bad type value lists the types', async () => {
    const text = spec({ encoding: { x: { field: 'a', type: 'quantitativ' } } })
    expect(await problem(text)).toEqual([
      at(text, '"quantitativ"'),
      'spec-schema',
      '`encoding.x.type` is "quantitativ"; it must be one of quantitative, ordinal, temporal, nominal, geojson',
    ])
  })

  it('an unknown field names the fields the data has', async () => {
    const text = spec({ encoding: { x: { field: 'aa', type: 'quantitative' } } })
    expect(await problem(text)).toEqual([
      at(text, '"aa"'),
      'spec-field',
      'unknown field `aa`; the data has `a`, `b`',
    ])
  })
})

describe('data files', () => {
  const url = (ref: string): string => spec({ data: { url: ref } })
  it.each([
    [
      'https://example.com/x.csv',
      "`https://example.com/x.csv` is a URL: a chart reads only files in the deck's folder, never the network",
    ],
    [
      'file:///etc/passwd',
      "`file:///etc/passwd` is a URL: a chart reads only files in the deck's folder, never the network",
    ],
    [
      '/etc/passwd.csv',
      "`/etc/passwd.csv` is an absolute path: name a file in the deck's folder (`data.csv`) or in `_shared/`",
    ],
    [
      '../other/x.csv',
      "`../other/x.csv` leaves the deck's folder (`..`): name a file in the deck's folder or in `_shared/`",
    ],
    ['data.xlsx', '`data.xlsx` is not a .csv, .tsv or .json file'],
  ])('%s is refused before any read', async (ref, message) => {
    let asked = false
    const text = url(ref)
    expect(
      await problem(text, {
        readData: () => {
          asked = true
          return { bytes: new Uint8Array() }
        },
      }),
    ).toEqual([at(text, JSON.stringify(ref)), 'data-refused', message])
    expect(asked).toBe(false)
  })

  // A deck folder with its _shared/ beside it, read through the deck's file-access policy.
  const root = mkdtempSync(join(tmpdir(), 'vega-lite-deck-'))
  const deck = join(root, 'slides', 'deck')
  mkdirSync(deck, { recursive: true })
  mkdirSync(join(root, 'slides', '_shared'))
  writeFileSync(join(deck, 'ok.csv'), 'a,b\n1,x\n2,y\n')
  writeFileSync(join(root, 'slides', '_shared', 'shared.csv'), 'a,b\n3,z\n')
  writeFileSync(join(root, 'secret.csv'), 'a,b\n9,secret\n')
  symlinkSync(join(root, 'secret.csv'), join(deck, 'link.csv'))
  symlinkSync('/etc/hostname', join(deck, 'host.csv'))
  writeFileSync(join(deck, 'huge.csv'), `a,b\n${'1,x\n'.repeat(300_000)}`)
  execFileSync('mkfifo', [join(deck, 'fifo.csv')])
  const roots = chartRoots(root, deck)
  const read = deckDataReader(roots.dirs[0]!, roots)

  it('a file in the deck and one in _shared/ are read', async () => {
    for (const ref of ['ok.csv', '_shared/shared.csv']) {
      const result = await renderVegaLite(url(ref), { format: 'json', readData: read, id: 'd' })
      expect(result.problems).toEqual([])
      expect(result.html).toContain('<table>')
      expect(result.reads.map((r) => r.ref)).toEqual([ref])
    }
  })

  it.each([
    ['link.csv', "data: `link.csv` is a link to a file outside the deck's folders"],
    ['host.csv', "data: `host.csv` is a link to a file outside the deck's folders"],
    [
      'fifo.csv',
      'data: `fifo.csv` is not a regular file (a pipe, a socket or a device is never read)',
    ],
    ['missing.csv', /^data: `missing.csv` not found/],
    ['huge.csv', "data: `huge.csv` has 1,200,004 bytes; a deck's file may have at most 1,000,000"],
  ])('the reader refuses %s', async (ref, message) => {
    const text = url(ref)
    const [where, code, got] = await problem(text, { readData: read })
    expect([where, code]).toEqual([at(text, JSON.stringify(ref)), 'data-refused'])
    if (typeof message === 'string') expect(got).toBe(message)
    else expect(got).toMatch(message)
  })

  it('rows and bytes over the limits', async () => {
    const rows = `a,b\n${Array.from({ length: 6000 }, (_, i) => `${i},x`).join('\n')}`
    const big = url('big.csv')
    expect(await problem(big, { readData: () => ({ bytes: Buffer.from(rows) }) })).toEqual([
      at(big, '"big.csv"'),
      'limit-rows',
      '`big.csv` has 6,000 rows; a chart may draw at most 5,000',
    ])
    const huge = url('huge.csv')
    expect(
      await problem(huge, { readData: () => ({ bytes: Buffer.alloc(1_100_000, 'a') }) }),
    ).toEqual([
      at(huge, '"huge.csv"'),
      'limit-data-bytes',
      "`huge.csv` brings the chart's data to 1,100,000 bytes; a chart may read at most 1,000,000",
    ])
    const sequence = JSON.stringify({ data: { sequence: { start: 0, stop: 1e9 } }, mark: 'point' })
    expect(await problem(sequence)).toEqual([
      '1:21',
      'limit-rows',
      'the sequence has 1,000,000,000 rows; a chart may draw at most 5,000',
    ])
  })

  it('a JSON data file that is not JSON says where, without quoting it', async () => {
    const text = url('bad.json')
    const [where, code, message] = await problem(text, {
      readData: () => ({ bytes: Buffer.from('[{"a": 1},\n {"a": secret}]') }),
    })
    expect([where, code, message]).toEqual([
      at(text, '"bad.json"'),
      'data-syntax',
      '`bad.json` is not valid JSON (line 2, column 8)',
    ])
  })
})

describe('size and cost', () => {
  it('a spec over 100 kB', async () => {
    const text = spec({ description: 'x'.repeat(100_000) })
    expect(await problem(text)).toEqual([
      '1:1',
      'limit-spec-bytes',
      `the spec has ${Buffer.byteLength(text).toLocaleString('en')} bytes; a chart spec may have at most 100,000`,
    ])
  })

  it('too many views', async () => {
    const text = JSON.stringify({
      data: { values },
      hconcat: Array.from({ length: 30 }, () => ({ mark: 'bar' })),
    })
    const [where, code, message] = await problem(text)
    expect(code).toBe('limit-views')
    expect(where).toBe(`1:${text.split('"mark"', 25).join('"mark"').length + 1}`)
    expect(message).toBe(
      'the chart has more than 24 views (a `mark` each); a chart may have at most 24',
    )
  })

  it('too many marks', async () => {
    const text = JSON.stringify({
      data: { sequence: { start: 0, stop: 4000 } },
      layer: [{ mark: 'point' }, { mark: 'tick' }, { mark: 'circle' }],
      encoding: { x: { field: 'data', type: 'quantitative' } },
    })
    expect(await problem(text)).toEqual([
      '1:1',
      'limit-items',
      'the chart draws more than 10,000 items (marks, ticks, labels); a chart may draw at most 10,000',
    ])
  }, 30_000)

  it('bins and ticks that could be any number', async () => {
    const step = spec({
      encoding: { x: { field: 'a', type: 'quantitative', bin: { step: 1e-9 } } },
    })
    expect(await problem(step)).toEqual([
      at(step, '"step"'),
      'limit-bins',
      '`bin.step` can make any number of bins; set `maxbins` (at most 200)',
    ])
    const ticks = spec({
      encoding: { x: { field: 'a', type: 'quantitative', axis: { tickCount: 1e8 } } },
    })
    expect(await problem(ticks)).toEqual([
      at(ticks, '100000000'),
      'limit-ticks',
      '`tickCount` is 100,000,000; an axis may have at most 100 ticks',
    ])
  })

  it('a chart that needs too much memory ends its process, not the build', async () => {
    const text = spec({
      transform: [{ quantile: 'a', step: 1e-8 }],
      encoding: { x: { field: 'prob', type: 'quantitative' } },
    })
    expect(await problem(text, { limits: { heapMb: 64 } })).toEqual([
      '1:1',
      'limit-memory',
      "drawing the chart needed more than 64 MB of memory, a chart's limit",
    ])
    // The next chart draws in a new process.
    const next = await renderVegaLite(spec({}), { format: 'json', readData: noFiles, id: 'n' })
    expect(next.problems).toEqual([])
  }, 60_000)

  it('a chart over its deadline', async () => {
    expect(await problem(spec({}), { limits: { ms: 1 } })).toEqual([
      '1:1',
      'limit-time',
      "drawing the chart took more than 0.001 s, a chart's limit",
    ])
  })

  it('image marks and link channels are refused', async () => {
    const image = spec({ mark: 'image' })
    expect(await problem(image)).toEqual([
      at(image, '"image"'),
      'spec-refused',
      'image marks load files by URL; put an image on the slide with Markdown instead',
    ])
    const href = spec({ encoding: { href: { field: 'b' } } })
    expect(await problem(href)).toEqual([
      at(href, '"href"'),
      'spec-refused',
      '`href` links or loads by URL; a chart drawn at build time has neither',
    ])
  })

  it('markup in titles, data and config stays text; external paint is removed', async () => {
    const text = JSON.stringify(
      {
        title: '<script>alert(1)</script>',
        description: '"><img src=x onerror=alert(1)>',
        data: { values: [{ a: 1, b: '<script>alert(2)</script>' }] },
        mark: { type: 'bar', fill: 'url(https://evil.example/x.svg#p)' },
        encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'nominal' } },
        config: { background: 'url(https://evil.example/bg)', font: '"><script>alert(3)</script>' },
      },
      null,
      2,
    )
    const result = await renderVegaLite(text, { format: 'json', readData: noFiles, id: 'x' })
    expect(result.problems).toEqual([])
    const html = result.html!
    const tags = html.replace(/>[^<]*</g, '><')
    expect(tags).not.toMatch(/<script|<img|\son[a-z]+=|evil\.example|javascript:/i)
    expect(html).not.toContain('evil.example')
    const $ = load(html)
    expect($('figure > svg > title').text()).toBe('<script>alert(1)</script>')
    expect($('figure > svg > desc').text()).toBe('"><img src=x onerror=alert(1)>')
    expect($('figure > svg .role-axis-label text').text()).toContain('<script>alert(2)</script>')
  })

  it('an `href` on a mark is refused', async () => {
    const text = spec({ mark: { type: 'bar', href: 'javascript:alert(1)' } })
    expect(await problem(text)).toEqual([
      at(text, '"href"'),
      'spec-refused',
      '`href` links or loads by URL; a chart drawn at build time has neither',
    ])
  })

  it('inline CSV text counts its rows', async () => {
    const text = JSON.stringify({
      data: { values: `a\n${'1\n'.repeat(6000)}`, format: { type: 'csv' } },
      mark: 'point',
    })
    expect(await problem(text)).toEqual([
      '1:9',
      'limit-rows',
      'inline `values` has 6,000 rows; a chart may draw at most 5,000',
    ])
  })

  it('layers in layers draw (nesting within the limits is fine)', async () => {
    const text = JSON.stringify({
      data: { values },
      layer: [{ layer: [{ layer: [{ mark: 'bar' }] }] }],
      encoding: { x: { field: 'a', type: 'quantitative' } },
    })
    const result = await renderVegaLite(text, { format: 'json', readData: noFiles, id: 'l' })
    expect(result.problems).toEqual([])
    expect(result.html).toContain('mark-rect')
  })
})
