// Follow-along with `npm run present`'s server: a presenter's window and three followers (two
// laptops, one phone in the reading view). The followers move with the presenter, slides and
// fragments; a follower cannot drive; one that steps away stays where it went until its "Follow
// presenter" button; and all of them follow again after the server restarts.
import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPresentServer, type PresentServer } from '../../src/present/server.ts'
import {
  deckDist,
  launchChromium,
  openDeck,
  watchPage,
  type DeckWindow,
  type PageWatch,
} from '../helpers/browser.ts'

const SECRET = 'test-presenter-secret'
const dist = resolve(deckDist(), '..')
const slug = basename(deckDist())

let browser: Browser
let server: PresentServer
let port: number
let presenter: Page
let followers: Page[]
const watches: PageWatch[] = []

type Where = { h: number; v: number; f: number }
/**
 * Where a page is: slide and fragment; in the reading view (the phone), the slide only, since it
 * shows every fragment.
 */
const where = (page: Page): Promise<Where> =>
  page.evaluate(() => {
    const deck = (window as unknown as DeckWindow).deck
    const { h, v, f } = deck.getIndices()
    return { h, v, f: deck.isScrollView() || typeof f !== 'number' ? -1 : f }
  })
/** The presenter's position as a page in `page`'s view shows it. */
async function wanted(page: Page): Promise<Where> {
  const target = await where(presenter)
  const scroll = await page.evaluate(() => (window as unknown as DeckWindow).deck.isScrollView())
  return scroll ? { ...target, f: -1 } : target
}
const followState = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => document.documentElement.dataset.follow)
const button = (page: Page) => page.locator('button.deck-follow')

/** Every follower in `pages` reaches the presenter's position. */
async function allFollow(pages: Page[]): Promise<void> {
  for (const page of pages) {
    const target = await wanted(page)
    await expect
      .poll(() => where(page), { timeout: 5000, message: `follower ${followers.indexOf(page)}` })
      .toEqual(target)
  }
}

async function open(url: string, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' })
  const page = await context.newPage()
  watches.push(watchPage(page, `http://127.0.0.1:${port}`))
  await openDeck(page, url)
  return page
}

beforeAll(async () => {
  server = await startPresentServer({ root: dist, host: '127.0.0.1', secret: SECRET })
  port = server.port
  server.setFollowUrl(`http://127.0.0.1:${port}/${slug}/?follow`)
  browser = await launchChromium()
  const base = `http://127.0.0.1:${port}/${slug}/`
  presenter = await open(`${base}?presenter=${SECRET}`, 1280, 720)
  followers = [
    await open(`${base}?follow`, 1280, 720),
    await open(`${base}?follow`, 1280, 720),
    await open(`${base}?follow`, 390, 844),
  ]
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The presenter's window steps forward with the keyboard. */
async function step(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await presenter.keyboard.press('ArrowRight')
}

describe('follow-along', () => {
  it('puts the phone in the reading view and the laptops in the presentation', async () => {
    await expect.poll(() => server.followers(), { timeout: 10_000 }).toBe(3)
    expect(
      await followers[2]!.evaluate(() => (window as unknown as DeckWindow).deck.isScrollView()),
    ).toBe(true)
    expect(
      await followers[0]!.evaluate(() => (window as unknown as DeckWindow).deck.isScrollView()),
    ).toBe(false)
    expect(await followState(followers[0]!)).toBe('following')
    expect(await button(followers[0]!).isVisible()).toBe(false)
    // A word that it follows, which goes after a few seconds.
    expect(await followers[0]!.locator('.deck-follow-note').textContent()).toBe(
      'Following the presenter',
    )
    await expect
      .poll(() => followers[0]!.locator('.deck-follow-note').isVisible(), { timeout: 8000 })
      .toBe(false)
  })

  it('shows the follow URL and its QR code on the presenter’s title slide only', async () => {
    const qr = presenter.locator('section.title-slide .deck-follow-qr')
    await qr.waitFor({ timeout: 5000 })
    expect(await qr.locator('figcaption').textContent()).toContain(
      `127.0.0.1:${port}/${slug}/?follow`,
    )
    await expect
      .poll(() => qr.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0)
    // Inside the slide, clear of the footer.
    const box = (await qr.boundingBox())!
    const footer = (await presenter
      .locator('.deck-footer, .deck-frame footer')
      .first()
      .boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(footer.y - 24)
    for (const page of followers) expect(await page.locator('.deck-follow-qr').count()).toBe(0)
  })

  it('moves every follower with the presenter, slides and fragments', async () => {
    await step(3)
    await allFollow(followers)
    // A slide with fragments: the presenter steps through them one by one.
    // (far slides' content is kept aside while presenting: found in the built page)
    const html = readFileSync(resolve(deckDist(), 'index.html'), 'utf8')
    const before = html.slice(0, html.indexOf('class="fragment"'))
    const id = [...before.matchAll(/<section[^>]* id="([^"]+)"/g)].pop()?.[1] ?? ''
    const h = await presenter.evaluate((id) => {
      const deck = (window as unknown as DeckWindow).deck
      const slide = document.getElementById(id)
      return slide ? deck.getIndices(slide).h : -1
    }, id)
    expect(h).toBeGreaterThan(0)
    await presenter.evaluate((h) => (window as unknown as DeckWindow).deck.slide(h, 0, -1), h)
    await allFollow(followers)
    await step()
    expect((await where(presenter)).f).toBe(0)
    await allFollow(followers)
    await presenter.keyboard.press('ArrowLeft')
    expect((await where(presenter)).f).toBe(-1)
    await allFollow(followers)
  })

  it('lets no follower drive: its steps and POSTs move neither the presenter nor the others', async () => {
    const before = await where(presenter)
    const status = await followers[1]!.evaluate(async () => {
      const res = await fetch('/_follow/position', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer guess' },
        body: JSON.stringify({ deck: 'x', id: '', h: 0, v: 0, f: -1 }),
      })
      return res.status
    })
    expect(status).toBe(403)
    await followers[1]!.keyboard.press('ArrowRight')
    await followers[1]!.keyboard.press('ArrowRight')
    await new Promise((r) => setTimeout(r, 500))
    expect(await where(presenter)).toEqual(before)
    expect(await where(followers[0]!)).toEqual(before)
    expect(server.position()).toMatchObject({ h: before.h, f: before.f })
    // That follower stepped away; it comes back below.
    expect(await followState(followers[1]!)).toBe('detached')
  })

  it('keeps a follower that stepped away where it went, and brings it back with one tap', async () => {
    const away = followers[1]!
    const mine = await where(away)
    await expect(button(away).isVisible()).resolves.toBe(true)
    // The presenter goes back (the follower went ahead): a position it is not at.
    await presenter.keyboard.press('ArrowLeft')
    await presenter.keyboard.press('ArrowLeft')
    await allFollow([followers[0]!, followers[2]!])
    await new Promise((r) => setTimeout(r, 300))
    expect(await where(away)).toEqual(mine)
    expect(await where(away)).not.toEqual(await where(presenter))
    await button(away).click()
    await allFollow([away])
    expect(await followState(away)).toBe('following')
    expect(await button(away).isVisible()).toBe(false)
    expect(await away.locator('.deck-follow-note').isVisible()).toBe(true)
    await step()
    await allFollow(followers)
  })

  it('detaches the phone when its reader scrolls, and follows again after a tap', async () => {
    const phone = followers[2]!
    await phone.mouse.move(195, 500)
    await phone.mouse.wheel(0, 2500)
    await expect.poll(() => followState(phone), { timeout: 5000 }).toBe('detached')
    const mine = await where(phone)
    await step()
    await allFollow([followers[0]!])
    await new Promise((r) => setTimeout(r, 300))
    expect(await where(phone)).toEqual(mine)
    await button(phone).click()
    await allFollow([phone])
  })

  it('follows again after the server restarts', async () => {
    await server.close()
    server = await startPresentServer({ root: dist, host: '127.0.0.1', port, secret: SECRET })
    await expect.poll(() => server.followers(), { timeout: 10_000 }).toBe(3)
    await step()
    await allFollow(followers)
    await presenter.keyboard.press('ArrowLeft')
    await allFollow(followers)
  })

  it('tells the presenter when a restarted server has a new secret', async () => {
    await server.close()
    server = await startPresentServer({ root: dist, host: '127.0.0.1', port, secret: 'a-new-one' })
    await step()
    await presenter.locator('.deck-follow-stale').waitFor({ timeout: 5000 })
    expect(await presenter.locator('.deck-follow-stale').textContent()).toMatch(/out of date/)
    expect(server.position()).toBeUndefined()
  })

  it('reported no errors and loaded nothing from elsewhere', () => {
    for (const watch of watches) {
      expect(watch.foreignRequests).toEqual([])
      // A restarting server drops the streams (and the presenter's posts) for a moment.
      expect(
        watch.consoleErrors.filter(
          (e) => !/_follow\/|ERR_CONNECTION_REFUSED|EventSource|HTTP 403/.test(e),
        ),
      ).toEqual([])
    }
  })
})
