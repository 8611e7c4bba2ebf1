// Link previews (src/site/preview.ts): the card tags of a deck page, the site's address, and
// keeping a preview image while its page is unchanged.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it } from 'vitest'
import { compileText } from '../../helpers/deck.ts'
import { assembleDeck } from '../../../src/site/shell.ts'
import {
  addCardTags,
  cardDescription,
  cardTags,
  previewStamp,
  siteUrl,
  writePreviews,
} from '../../../src/site/preview.ts'

const HOSTILE = `"><script>alert(1)</script>]]></head><meta http-equiv="refresh" content="0;url=//evil.test">'`

const tagsOf = (html: string): Record<string, string> => {
  const $ = load(html)
  return Object.fromEntries(
    $('meta')
      .map((_, el) => [[$(el).attr('property') ?? $(el).attr('name'), $(el).attr('content')]])
      .get() as [string, string][],
  )
}

describe('siteUrl', () => {
  it('reads SITE_URL as an http(s) address with a trailing slash', () => {
    expect(siteUrl({})).toBeUndefined()
    expect(siteUrl({ SITE_URL: ' ' })).toBeUndefined()
    expect(siteUrl({ SITE_URL: 'https://g.github.io/rif' })).toBe('https://g.github.io/rif/')
    expect(siteUrl({ SITE_URL: 'https://g.github.io/rif/?x=1#y' })).toBe('https://g.github.io/rif/')
  })
  it('refuses anything else, in one line', () => {
    for (const bad of ['javascript:alert(1)', 'not a url', 'file:///etc/passwd'])
      expect(() => siteUrl({ SITE_URL: bad })).toThrow(
        /^SITE_URL must be the site's http\(s\) address/,
      )
  })
})

describe('cardTags', () => {
  const meta = {
    title: 'Attention',
    date: '2025-01-09',
    presenter: 'Ada Lovelace',
    description: 'Self-attention only.',
    group: 'Reading is fun',
  }

  it('gives absolute URLs with the site address, and a large image card', () => {
    const tags = tagsOf(
      cardTags(meta, { slug: '2025-01-09-a', base: 'https://g.test/r/', image: true }),
    )
    expect(tags).toMatchObject({
      'og:type': 'article',
      'og:title': 'Attention',
      'og:description': 'Self-attention only.',
      'og:url': 'https://g.test/r/2025-01-09-a/',
      'og:image': 'https://g.test/r/2025-01-09-a/preview.png',
      'og:image:width': '1200',
      'og:image:height': '630',
      'article:published_time': '2025-01-09',
      'twitter:card': 'summary_large_image',
      'twitter:image': 'https://g.test/r/2025-01-09-a/preview.png',
      'twitter:title': 'Attention',
    })
  })

  it('gives URLs relative to the page without it, and a small card without an image', () => {
    expect(tagsOf(cardTags(meta, { slug: 's', image: true }))['og:image']).toBe('./preview.png')
    const tags = tagsOf(cardTags(meta, { slug: 's', image: false }))
    expect(tags['og:image']).toBeUndefined()
    expect(tags['og:url']).toBeUndefined()
    expect(tags['twitter:card']).toBe('summary')
  })

  it('describes a session without a description by its date and presenter', () => {
    expect(cardDescription({ title: 'T', date: '2025-01-09', presenter: 'Ada' })).toBe(
      'Slides of the reading group session on January 9, 2025, presented by Ada.',
    )
    expect(cardDescription({ title: 'T' })).toBe('Slides of the reading group session.')
  })

  it('escapes hostile front matter: each value stays one attribute', () => {
    const hostile = { title: HOSTILE, description: HOSTILE, presenter: HOSTILE, group: HOSTILE }
    const html = addCardTags(
      '<html><head><title>t</title></head><body></body></html>',
      cardTags(hostile, { slug: 's', image: true }),
    )
    expect(html).not.toMatch(/<script|<meta http-equiv|"><|\]\]>/)
    const $ = load(html)
    expect($('meta[http-equiv]').length).toBe(0)
    expect($('head meta[property="og:title"]').attr('content')).toBe(HOSTILE)
    expect($('head meta[name="twitter:description"]').attr('content')).toBe(HOSTILE)
    expect($('head meta[property="og:image:alt"]').attr('content')).toBe(`Title slide: ${HOSTILE}`)
  })
})

describe('writePreviews', () => {
  const root = mkdtempSync(join(tmpdir(), 'previews-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('keeps the previous image of an unchanged page without a browser, and adds the tags', async () => {
    const page = '<!doctype html><html><head><title>t</title></head><body></body></html>'
    const [dir, previous] = [join(root, 'new'), join(root, 'old')]
    for (const d of [dir, previous]) mkdirSync(join(d, 's'), { recursive: true })
    writeFileSync(join(dir, 's/index.html'), page)
    const result = compileText({ '01.md': '---\ntitle: Kept\n---\n\n# Kept\n' })
    writeFileSync(join(previous, 's/preview.png'), 'an image')
    writeFileSync(join(previous, 's/preview.png.source'), `${previewStamp(result)}\n`)
    const done = await writePreviews(dir, [{ slug: 's', result }], previous, undefined)
    expect(done).toEqual({ taken: [], kept: ['s'] })
    expect(readFileSync(join(dir, 's/preview.png'), 'utf8')).toBe('an image')
    const tags = tagsOf(readFileSync(join(dir, 's/index.html'), 'utf8'))
    expect(tags['og:title']).toBe('Kept')
    expect(tags['og:image']).toBe('./preview.png')
  })
})

describe('a hostile deck page', () => {
  const root = mkdtempSync(join(tmpdir(), 'previews-hostile-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('carries its title and description as text in the cards and the page data, no new element', async () => {
    const yaml = (text: string) => JSON.stringify(text)
    const result = compileText({
      '01.md': `---\ntitle: ${yaml(HOSTILE)}\ndescription: ${yaml(`</script>${HOSTILE}`)}\npresenter: ${yaml(HOSTILE)}\ndate: 2025-01-01\n---\n\n# Hello\n`,
    })
    expect(result.diagnostics).toEqual([])
    const [dir, previous] = [join(root, 'new'), join(root, 'old')]
    await assembleDeck(join(dir, 's'), result)
    const before = readFileSync(join(dir, 's/index.html'), 'utf8')
    mkdirSync(join(previous, 's'), { recursive: true })
    writeFileSync(join(previous, 's/preview.png'), 'an image')
    writeFileSync(join(previous, 's/preview.png.source'), `${previewStamp(result)}\n`)
    await writePreviews(dir, [{ slug: 's', result }], previous, 'https://g.test/')
    const after = readFileSync(join(dir, 's/index.html'), 'utf8')
    const [$before, $] = [load(before), load(after)]
    expect($('script').length).toBe($before('script').length)
    expect($('meta[http-equiv]').length).toBe($before('meta[http-equiv]').length)
    const tags = tagsOf(after)
    expect(tags['og:title']).toBe(HOSTILE)
    expect(tags['og:description']).toBe(`</script>${HOSTILE}`)
    expect(tags['article:author']).toBe(HOSTILE)
    expect(tags['og:image']).toBe('https://g.test/s/preview.png')
    expect(JSON.parse($('#deck-meta').text()).description).toBe(`</script>${HOSTILE}`)
  })
})

describe('previewStamp', () => {
  const deck = (title: string, second: string, more = '') =>
    compileText({
      '01.md': `---\ntitle: T\n---\n\n# ${title}\n`,
      '02.md': `## Second\n\n${second}\n${more}`,
    })
  const stamp = previewStamp(deck('Title', 'Text.'))

  it('stays while only what the title slide does not show changed', () => {
    expect(previewStamp(deck('Title', 'Other text.'))).toBe(stamp)
  })

  it('changes with the title slide, the number of slides or the tool', () => {
    expect(previewStamp(deck('Another title', 'Text.'))).not.toBe(stamp)
    expect(previewStamp(deck('Title', 'Text.', '\n---\n\n## Third\n'))).not.toBe(stamp)
    expect(previewStamp(deck('Title', 'Text.'), 'another tool')).not.toBe(stamp)
  })
})
