// The Atom feed of sessions (src/site/feed.ts): RFC 4287's required elements, newest first,
// stable ids, and hostile front matter kept as text.
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { escapeXml, renderFeed } from '../../../src/site/feed.ts'

const HOSTILE = `</title><script>alert(1)</script>]]><![CDATA[x]]>&amp;"'\u0000\u0007\uFFFF end`
const sessions = [
  {
    slug: '2025-01-09-attention',
    meta: {
      title: 'Attention',
      date: '2025-01-09',
      presenter: 'Ada Lovelace',
      description: 'Self-attention only.',
    },
  },
  { slug: '2025-02-13-scaling', meta: { title: 'Scaling laws', date: '2025-02-13' } },
]

const xml = (text: string) => load(text, { xml: true })

describe('renderFeed', () => {
  it('is an Atom feed with id, title, updated, links, author and an entry per session, newest first', () => {
    const text = renderFeed(sessions, { base: 'https://g.test/r/' })
    expect(
      text.startsWith(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
      ),
    ).toBe(true)
    const $ = xml(text)
    expect($('feed > id').text()).toBe('https://g.test/r/')
    expect($('feed > title').text()).toBe('Reading is fun · sessions')
    expect($('feed > updated').text()).toBe('2025-02-13T00:00:00Z')
    expect($('feed > link[rel=self]').attr('href')).toBe('https://g.test/r/feed.xml')
    expect($('feed > link[rel=alternate]').attr('href')).toBe('https://g.test/r/')
    expect($('feed > author > name').text()).toBe('Reading is fun')
    const entries = $('entry')
      .map((_, e) => ({
        id: $(e).children('id').text(),
        title: $(e).children('title').text(),
        link: $(e).children('link').attr('href'),
        updated: $(e).children('updated').text(),
        author: $(e).find('author > name').text(),
        summary: $(e).children('summary').text(),
      }))
      .get()
    expect(entries).toEqual([
      {
        id: 'https://g.test/r/2025-02-13-scaling/',
        title: 'Scaling laws',
        link: 'https://g.test/r/2025-02-13-scaling/',
        updated: '2025-02-13T00:00:00Z',
        author: 'Reading is fun',
        summary: 'Slides of the reading group session on February 13, 2025.',
      },
      {
        id: 'https://g.test/r/2025-01-09-attention/',
        title: 'Attention',
        link: 'https://g.test/r/2025-01-09-attention/',
        updated: '2025-01-09T00:00:00Z',
        author: 'Ada Lovelace',
        summary: 'Self-attention only.',
      },
    ])
  })

  it('without the site address: stable urn:uuid ids and links relative to the feed', () => {
    const $ = xml(renderFeed(sessions))
    const ids = $('id')
      .map((_, e) => $(e).text())
      .get()
    for (const id of ids)
      expect(id).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      )
    expect(new Set(ids).size).toBe(3)
    expect(renderFeed(sessions)).toBe(renderFeed(sessions))
    expect($('entry > link').first().attr('href')).toBe('./2025-02-13-scaling/')
    expect($('feed > link[rel=self]').attr('href')).toBe('feed.xml')
  })

  it('keeps hostile front matter as text: nothing ends an element, no character XML forbids', () => {
    const text = renderFeed([
      { slug: '2025-01-01-x', meta: { title: HOSTILE, presenter: HOSTILE, description: HOSTILE } },
    ])
    expect(text).not.toMatch(/<script|<\/title><|]]>|<!\[CDATA/)
    const forbidden = ['\u0000', '\u0007', '\uFFFF']
    for (const c of forbidden) expect(text.includes(c)).toBe(false)
    const $ = xml(text)
    const clean = forbidden.reduce((t, c) => t.replaceAll(c, ''), HOSTILE)
    expect($('entry > title').text()).toBe(clean)
    expect($('entry > summary').text()).toBe(clean)
    expect($('entry author > name').text()).toBe(clean)
    expect($('entry > updated').text()).toBe('2025-01-01T00:00:00Z')
    expect($('entry').length).toBe(1)
  })
})

describe('escapeXml', () => {
  it('escapes the five markup characters and drops the ones XML 1.0 forbids', () => {
    expect(escapeXml(`<a href="x">&'</a>\u0001\uD800`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    )
    expect(escapeXml('emoji 🙂 and tab\tkept')).toBe('emoji 🙂 and tab\tkept')
  })
})
