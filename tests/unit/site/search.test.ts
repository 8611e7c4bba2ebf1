// The site's search index (src/site/search-index.ts) and the snippet a result shows
// (src/site/search-shared.ts): text as the reader sees it, never markup, found again after the
// index is serialized and loaded as the page loads it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { afterAll, describe, expect, it } from 'vitest'
import { compileText } from '../../helpers/deck.ts'
import {
  buildSearchIndex,
  clientStamp,
  searchDocs,
  slideText,
  writeSearchClient,
} from '../../../src/site/search-index.ts'
import {
  SEARCH_INDEX_FILE,
  SEARCH_OPTIONS,
  SEARCH_SCRIPT_FILE,
  SEARCH_QUERY,
  snippet,
  type SearchDoc,
} from '../../../src/site/search-shared.ts'

describe('slideText', () => {
  it('reads the heading, the text under it and the notes apart, as text', () => {
    const t = slideText(
      '<h2>What is <em>pass@k</em>?</h2>\n<ul><li>One</li><li>Two &amp; three</li></ul><p>x<sub>t</sub> end</p>' +
        '<aside class="notes"><p>Say <strong>this</strong>.</p></aside>',
    )
    expect(t).toEqual({
      title: 'What is pass@k?',
      text: 'One Two & three xt end',
      notes: 'Say this.',
    })
  })

  it('leaves out what no reader sees as text: scripts, styles, drawings, TeX sources, hidden parts', () => {
    const t = slideText(
      '<h2>T</h2><script>var secret = 1</script><style>.a{}</style><svg><text>tick</text></svg>' +
        '<span class="katex"><math><semantics><mi>x</mi><annotation encoding="application/x-tex">\\alpha</annotation></semantics></math>' +
        '<span class="katex-html" aria-hidden="true">x</span></span><p hidden>gone</p><p>kept</p>',
    )
    expect(t.text).toBe('x kept')
  })

  it('takes only the first heading as the title', () => {
    expect(slideText('<h2>First</h2><h3>Second</h3><p>p</p>')).toEqual({
      title: 'First',
      text: 'Second p',
      notes: '',
    })
  })
})

describe('the index', () => {
  const result = compileText({
    '01-title.md':
      '---\ntitle: "A <b>bold</b> ]]> session"\n---\n\n# Opening\n\nHello attendees.\n\n::: notes\nThe zebracorn joke.\n:::\n\n---\n\n## Second slide\n<!-- .slide: id="second" -->\n\nMarkup like `<script>alert(1)</script>` is text here.\n',
  })
  const decks = [{ slug: '2025-01-01-x', result }]

  it('has one document per slide, with where it lives', () => {
    const docs = searchDocs(decks)
    expect(docs.map((d) => d.id)).toEqual(result.deck.slides.map((s) => `2025-01-01-x/${s.id}`))
    expect(docs[1]).toMatchObject({
      session: '2025-01-01-x',
      slide: 'second',
      title: 'Second slide',
      sessionTitle: 'A <b>bold</b> ]]> session',
      text: 'Markup like <script>alert(1)</script> is text here.',
    })
  })

  it('is found again once serialized and loaded as the page loads it', () => {
    const index = MiniSearch.loadJSON<SearchDoc>(buildSearchIndex(decks), SEARCH_OPTIONS)
    const hits = index.search('zebracorn', SEARCH_QUERY)
    expect(hits.map((h) => [h['session'], h['slide']])).toEqual([
      ['2025-01-01-x', result.deck.slides[0]!.id],
    ])
    expect(index.search('secon', SEARCH_QUERY)[0]?.['slide']).toBe('second')
    expect(index.search('attendes', SEARCH_QUERY)[0]?.['slide']).toBe(result.deck.slides[0]!.id)
    expect(index.search('hello zebracorn', SEARCH_QUERY)).toHaveLength(1)
    expect(index.search('hello markup', SEARCH_QUERY)).toHaveLength(0)
  })
})

describe('snippet', () => {
  const text = `${'a '.repeat(60)}the pass@k curve, and k=256 samples${' b'.repeat(60)}`
  it('cuts the text around the word searched for, marked, with ellipses', () => {
    const [before, match, after] = snippet(text, ['pass', 'k'], ['k=256', 'pass', 'k'])
    expect(match).toBe('pass')
    expect(before.startsWith('…')).toBe(true)
    expect(before.endsWith('the ')).toBe(true)
    expect(after.startsWith('@k curve')).toBe(true)
    expect(after.endsWith('…')).toBe(true)
  })
  it('matches at the start of a word only', () => {
    expect(snippet('compass passes', ['pass'])).toEqual(['compass ', 'pass', 'es'])
  })
  it('is the start of the text when no word is in it', () => {
    expect(snippet('short text', ['zz'])).toEqual(['short text', '', ''])
  })
  it('takes regular-expression characters literally', () => {
    expect(snippet('a (b) c', ['(b'])).toEqual(['a ', '(b', ') c'])
  })
})

describe('the search module', () => {
  const root = mkdtempSync(join(tmpdir(), 'search-client-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('is copied from its bundle while its inputs are unchanged, and bundled again when they change', async () => {
    const cache = join(root, 'cache')
    const site = join(root, 'site')
    mkdirSync(cache)
    mkdirSync(site)
    writeFileSync(join(cache, SEARCH_SCRIPT_FILE), 'the cached bundle')
    writeFileSync(join(cache, 'inputs.json'), clientStamp())
    await writeSearchClient(site, cache)
    expect(readFileSync(join(site, SEARCH_SCRIPT_FILE), 'utf8')).toBe('the cached bundle')

    writeFileSync(join(cache, 'inputs.json'), '[]')
    await writeSearchClient(site, cache)
    const bundle = readFileSync(join(site, SEARCH_SCRIPT_FILE), 'utf8')
    expect(bundle.length).toBeGreaterThan(10_000)
    // One module: MiniSearch bundled in, nothing left to import, and the index's file name.
    expect(bundle).not.toMatch(/\bimport\s*[{(*"'`]|from\s*["']/)
    expect(bundle).toContain(SEARCH_INDEX_FILE)
    expect(readFileSync(join(cache, 'inputs.json'), 'utf8')).toBe(clientStamp())
  }, 60_000)
})
