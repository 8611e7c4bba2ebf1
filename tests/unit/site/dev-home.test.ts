// The dev server's home page, which the site supplies (src/site/dev-home.ts): the built site's
// home page with its stylesheet and live-reload script served from src/site/, which the Vite layer
// never names itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { devUrl, renderDevHome } from '../../../src/site/dev-home.ts'
import { renderHome } from '../../../src/site/home.ts'
import { ROOT } from '../../../src/site/paths.ts'

const entries = [
  { slug: '2025-01-09-x', meta: { title: 'X', date: '2025-01-09' }, slideCount: 3, hasPdf: false },
]

describe('the dev home page', () => {
  it('is the built home page with the stylesheet and the live-reload script as dev-server URLs', () => {
    const $ = load(renderDevHome(entries))
    const css = $('link[rel="stylesheet"]').attr('href')!
    const scripts = $('script[type="module"]')
      .map((_, s) => $(s).attr('src'))
      .get()
    expect(css).toBe('/src/site/home.css')
    expect(scripts).toEqual(['/src/site/home-live.ts'])
    // Each URL is a file of the project (the dev server's root).
    for (const url of [css, ...scripts])
      expect(existsSync(resolve(ROOT, `.${url}`)), url).toBe(true)
    expect($('li.session h2').text()).toBe('X')
  })

  it('leaves the built home page static: its stylesheet beside it, no script', () => {
    const $ = load(renderHome(entries))
    expect($('link[rel="stylesheet"]').attr('href')).toBe('./home.css')
    expect($('script')).toHaveLength(0)
  })

  it('makes URLs of this folder only from paths', () => {
    expect(devUrl('home.css')).toBe('/src/site/home.css')
  })

  it('is the only home page the dev server knows: the Vite layer names no file of the site', () => {
    const vite = resolve(ROOT, 'src/vite')
    const naming = readdirSync(vite).filter((f) =>
      // A string naming one: '/src/site/…', "home.css", `home-live.ts`… (comments may).
      /['"`][^'"`\n]*(?:src\/site\/|home\.css|home-live)/.test(
        readFileSync(resolve(vite, f), 'utf8'),
      ),
    )
    expect(naming).toEqual([])
  })
})
