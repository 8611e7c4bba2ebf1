// The home page: every session, newest first (src/site/home.ts).
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { compileSite } from '../../../src/site/build.ts'
import { renderHome } from '../../../src/site/home.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const MULTI = resolve(ROOT, 'tests/fixtures/sites/multi/slides')

describe('the home page', async () => {
  const decks = (await compileSite(MULTI)).filter((d) => d.slug !== '2025-03-06-broken')
  const html = renderHome(
    decks.map((d) => ({
      slug: d.slug,
      meta: d.result.deck.meta,
      slideCount: d.result.deck.slides.length,
      hasPdf: d.slug === '2025-01-09-attention',
    })),
  )
  const $ = load(html)

  it('lists the sessions newest first with date, title, presenter and links', () => {
    const items = $('li.session')
      .map((_, el) => $(el).find('h2').text())
      .get()
    expect(items).toEqual(['Scaling laws', 'Attention is all you need'])
    const attention = $('li.session').last()
    expect(attention.find('time').attr('datetime')).toBe('2025-01-09')
    expect(attention.find('time').text()).toBe('9 January 2025')
    expect(attention.text()).toContain('Ada Lovelace')
    const links = attention
      .find('a')
      .map((_, a) => $(a).attr('href'))
      .get()
    expect(links).toEqual([
      './2025-01-09-attention/',
      './2025-01-09-attention/',
      'https://arxiv.org/abs/1706.03762',
      './2025-01-09-attention/2025-01-09-attention.pdf',
    ])
    expect($('li.session').first().find('a[href$=".pdf"]').length).toBe(0)
  })
})
