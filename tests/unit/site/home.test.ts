// The home page: the archive of sessions, newest first (src/site/home.ts).
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it } from 'vitest'
import { compileSite, writeHome } from '../../../src/site/build.ts'
import { citationWithoutTitle, renderHome, type HomeEntry } from '../../../src/site/home.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const MULTI = resolve(ROOT, 'tests/fixtures/sites/multi/slides')

const summaries = (decks: Awaited<ReturnType<typeof compileSite>>, pdf?: string): HomeEntry[] =>
  decks.map((d) => ({
    slug: d.slug,
    meta: d.result.deck.meta,
    slideCount: d.result.deck.slides.length,
    hasPdf: d.slug === pdf,
  }))

describe('the home page', async () => {
  const decks = (await compileSite(MULTI)).filter((d) => d.slug !== '2025-03-06-broken')
  const $ = load(renderHome(summaries(decks, '2025-01-09-attention')))

  it('lists the sessions newest first with date, presenter, title, description, paper and links', () => {
    const items = $('li.session')
      .map((_, el) => $(el).find('h2').text())
      .get()
    expect(items).toEqual(['Scaling laws', 'Attention is all you need'])
    const attention = $('li.session').last()
    expect(attention.find('time').attr('datetime')).toBe('2025-01-09')
    expect(attention.find('time').text()).toBe('January 9, 2025')
    expect(attention.find('.presenter').text()).toBe('Ada Lovelace')
    expect(attention.find('.description').text()).toBe(
      'Self-attention replaces recurrence in sequence models.',
    )
    expect(attention.find('.paper').text()).toBe('Paper: Vaswani, A., et al. (2017).')
    const links = attention
      .find('a')
      .map((_, a) => $(a).attr('href'))
      .get()
    expect(links).toEqual([
      './2025-01-09-attention/',
      'https://arxiv.org/abs/1706.03762',
      './2025-01-09-attention/',
      './2025-01-09-attention/2025-01-09-attention.pdf',
    ])
    expect(attention.find('.count').text()).toBe(`${decks[1]!.result.deck.slides.length} slides`)
    expect($('li.session').first().find('a[href$=".pdf"]').length).toBe(0)
    expect($('li.session').first().find('.description, .paper').length).toBe(0)
  })

  it("prints the session's paper title once, for the real sessions too", async () => {
    for (const deck of await compileSite(resolve(ROOT, 'slides'))) {
      const page = load(renderHome(summaries([deck])))
      const text = page('main').text()
      const title = deck.result.deck.meta.title
      expect(text.split(title).length - 1, deck.slug).toBe(1)
    }
  })

  it('writes every date with the one format', () => {
    const page = load(
      renderHome([
        {
          slug: '2024-12-31-a',
          meta: { title: 'A', date: '2024-12-31', lang: 'de' },
          slideCount: 1,
          hasPdf: false,
        },
      ]),
    )
    expect(page('time').text()).toBe('December 31, 2024')
    expect(page('article').attr('lang')).toBe('de')
    expect(page('.count').text()).toBe('1 slide')
  })

  it('escapes hostile front matter everywhere it prints it', () => {
    const hostile = `"><script>alert(1)</script>]]><img src=x onerror=alert(2)>'`
    const html = renderHome([
      {
        slug: '2025-01-01-x',
        meta: {
          title: hostile,
          presenter: hostile,
          description: `</script>${hostile}`,
          date: '2025-01-01',
          paper: { citation: hostile, url: `https://x.test/"onmouseover="alert(3)` },
        },
        slideCount: 2,
        hasPdf: false,
      },
    ])
    expect(html).not.toMatch(/<script|<img|"onmouseover|\]\]>/)
    const page = load(html)
    expect(page('li.session h2').text()).toBe(hostile)
    expect(page('li.session .presenter').text()).toBe(hostile)
    expect(page('li.session .description').text()).toBe(`</script>${hostile}`)
    expect(page('li.session .paper a').attr('href')).toBe(`https://x.test/"onmouseover="alert(3)`)
    expect(page('script').length).toBe(0)
  })

  it('uses only its own module files as scripts, under the strict policy', () => {
    const page = load(renderHome([], { scripts: ['./search.js'] }))
    const csp = page('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? ''
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(page('script').length).toBe(1)
    expect(page('script').attr('type')).toBe('module')
    expect(page('script').attr('src')).toBe('./search.js')
    expect(page('script').html()).toBe('')
  })

  it('links the Atom feed from its head and its masthead', () => {
    const page = load(renderHome([], { feed: './feed.xml' }))
    expect(page('head link[rel=alternate][type="application/atom+xml"]').attr('href')).toBe(
      './feed.xml',
    )
    expect(page('header a[href="./feed.xml"]').text()).toBe('Atom feed')
    expect(load(renderHome([]))('link[rel=alternate]').length).toBe(0)
  })
})

describe('citationWithoutTitle', () => {
  it('drops the title and its closing punctuation, whitespace squashed', () => {
    expect(
      citationWithoutTitle(
        'Yue, Y., et al. (2025). Does RL Really Work? arXiv:2504.13837.',
        'Does RL really work?',
      ),
    ).toBe('Yue, Y., et al. (2025). arXiv:2504.13837.')
  })
  it('keeps a citation that does not hold the title', () => {
    expect(
      citationWithoutTitle('Kaplan, J., et al. (2020). Scaling Laws.', 'Scaling, briefly'),
    ).toBe('Kaplan, J., et al. (2020). Scaling Laws.')
  })
})

describe('writeHome', () => {
  const dir = mkdtempSync(join(tmpdir(), 'home-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the page, its stylesheet and the self-hosted fonts it names, preloading the Latin one', async () => {
    writeHome(
      dir,
      (await compileSite(MULTI)).filter((d) => d.slug !== '2025-03-06-broken'),
    )
    const css = readFileSync(join(dir, 'home.css'), 'utf8')
    const urls = [...css.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1]!)
    expect(urls).toEqual([
      './fonts/inter-latin-ext-wght-normal.woff2',
      './fonts/inter-latin-wght-normal.woff2',
    ])
    for (const url of urls) expect(existsSync(join(dir, url)), url).toBe(true)
    expect(css).not.toContain('node_modules')
    expect(css).toContain("font-family: 'Inter Variable'")
    const page = load(readFileSync(join(dir, 'index.html'), 'utf8'))
    expect(page('link[rel=preload][as=font]').attr('href')).toBe(
      './fonts/inter-latin-wght-normal.woff2',
    )
  })
})
