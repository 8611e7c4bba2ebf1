// Link previews of each session: Open Graph and Twitter card tags in the deck page's <head>, and
// the image they name, the title slide rendered at build time to a 1200x630 PNG
// (`<slug>/preview.png`) by the system Chromium, one browser for every session. An image is
// reused from the previous build while what it shows is the same: the title slide, the deck's
// metadata, its slides' count, ids, sections and attributes (the frame's navigation and counter)
// and the tool's version (its stamp, `preview.png.source`, holds their hash). An edit of any
// other slide keeps the image.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../compiler/browser.ts'
import { renderSlides } from '../compiler/assemble.ts'
import type { CompiledDeck, CompileResult } from '../compiler/index.ts'
import { formatSessionDate } from '../shared/dates.ts'
import { escapeHtml } from '../shared/html.ts'
import type { DeckMeta } from '../shared/deck-meta.ts'
import { toolVersion } from './tool-version.ts'

/** The preview image's file name in a session's folder, and its size. */
export const PREVIEW_FILE = 'preview.png'
export const PREVIEW_WIDTH = 1200
export const PREVIEW_HEIGHT = 630

/** Changes when the way images are taken changes: every image is then taken again. */
const PREVIEW_VERSION = '2'

/**
 * The site's public address from `SITE_URL` (e.g. `https://group.github.io/reading-is-fun/`),
 * with a trailing slash; `undefined` when unset. Link previews need absolute URLs: without it
 * the tags carry URLs relative to the deck's page.
 * @throws a one-line Error when it is set but no http(s) URL
 */
export function siteUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const raw = env.SITE_URL?.trim()
  if (!raw) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`SITE_URL must be the site's http(s) address, got ${JSON.stringify(raw)}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`SITE_URL must be the site's http(s) address, got ${JSON.stringify(raw)}`)
  url.search = ''
  url.hash = ''
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

/** What a preview card says of a session that has no `description`. */
export function cardDescription(meta: DeckMeta): string {
  if (meta.description) return meta.description
  const when = formatSessionDate(meta.date, meta.lang)
  const by = meta.presenter ? `presented by ${meta.presenter}` : ''
  const session = [when && `on ${when}`, by].filter(Boolean).join(', ')
  return `Slides of the ${meta.group ?? 'reading group'} session${session ? ` ${session}` : ''}.`
}

export interface CardOptions {
  slug: string
  /** The site's address ({@link siteUrl}); without it, URLs relative to the deck's page. */
  base?: string
  /** Whether `<slug>/preview.png` exists. */
  image: boolean
}

/** The Open Graph and Twitter card tags of a session's page; every value escaped. */
export function cardTags(meta: DeckMeta, options: CardOptions): string {
  const page = options.base ? `${options.base}${encodeURIComponent(options.slug)}/` : './'
  const tags: [attr: 'property' | 'name', key: string, value: string | undefined][] = [
    ['property', 'og:type', 'article'],
    ['property', 'og:site_name', meta.group ?? 'Reading is fun'],
    ['property', 'og:title', meta.title],
    ['property', 'og:description', cardDescription(meta)],
    ['property', 'og:url', options.base ? page : undefined],
    ['property', 'og:locale', (meta.lang ?? 'en').replace('-', '_')],
    ['property', 'article:published_time', meta.date],
    ['property', 'article:author', meta.presenter],
  ]
  if (options.image)
    tags.push(
      ['property', 'og:image', `${page}${PREVIEW_FILE}`],
      ['property', 'og:image:type', 'image/png'],
      ['property', 'og:image:width', String(PREVIEW_WIDTH)],
      ['property', 'og:image:height', String(PREVIEW_HEIGHT)],
      ['property', 'og:image:alt', `Title slide: ${meta.title}`],
    )
  tags.push(
    ['name', 'twitter:card', options.image ? 'summary_large_image' : 'summary'],
    ['name', 'twitter:title', meta.title],
    ['name', 'twitter:description', cardDescription(meta)],
  )
  if (options.image) {
    tags.push(['name', 'twitter:image', `${page}${PREVIEW_FILE}`])
    tags.push(['name', 'twitter:image:alt', `Title slide: ${meta.title}`])
  }
  return tags
    .filter(([, , value]) => value !== undefined && value !== '')
    .map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(value!)}" />`)
    .join('\n')
}

/** Adds the card tags to the deck page's `<head>`, before its end. */
export function addCardTags(html: string, tags: string): string {
  const end = html.search(/<\/head>/i)
  if (end < 0) throw new Error('the deck page has no </head>')
  return `${html.slice(0, end)}${tags}\n${html.slice(end)}`
}

/**
 * The stamp of a preview: a hash of what the image shows of the deck: its metadata, the first
 * slide whole, every slide's id, section and attributes (the frame's navigation and `1 / n`),
 * and the tool's version (the page's code and styles).
 */
export function previewStamp(result: CompileResult, tool = toolVersion()): string {
  const { meta, slides } = result.deck
  const first = slides[0]
  return createHash('sha256')
    .update(
      JSON.stringify([
        PREVIEW_VERSION,
        tool,
        meta,
        first ? [first.html, first.attrs, first.section ?? null] : null,
        slides.map((s) => [s.id, s.section ?? null, s.attrs]),
      ]),
    )
    .digest('hex')
}

/** The page a preview is taken from, beside the deck's page while the image is taken. */
export const PREVIEW_PAGE = '__preview.html'

/**
 * The page a preview is taken from: the deck's page with every slide after the first left empty
 * (their sections, ids and attributes kept, so the frame's navigation and `1 / n` are the same),
 * which the browser lays out in half the time; the title slide is drawn the same, pixel for
 * pixel (tests/integration/site/preview-page.test.ts). The page itself when its slides are not
 * found in it as the build wrote them.
 */
export function previewPage(pageHtml: string, deck: CompiledDeck): string {
  const full = renderSlides(deck)
  const at = pageHtml.indexOf(full)
  if (at < 0) return pageHtml
  const first = renderSlides({
    ...deck,
    slides: deck.slides.map((s, i) => (i === 0 ? s : { ...s, html: '' })),
  })
  return `${pageHtml.slice(0, at)}${first}${pageHtml.slice(at + full.length)}`
}

/** A static server for the site folder being written, on 127.0.0.1. */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const { preview } = await import('vite')
  const server = await preview({
    configFile: false,
    root: dir,
    logLevel: 'silent',
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the preview server did not report a URL')
  return { url, close: () => server.close() }
}

/**
 * A tab of the previews' size and colour scheme. A worker takes all its images in one tab, one
 * page after the other: a new browser context per image costs about as much as the image.
 */
export async function previewTab(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  })
  return context.newPage()
}

/** Takes the image of the page at `url` into `file` in `tab` (a {@link previewTab}). */
export async function shoot(tab: Page, url: string, file: string): Promise<void> {
  await tab.goto(url)
  await tab.waitForSelector('html[data-deck-ready="true"]', { timeout: 60_000 })
  // Evaluated in the page (a string: this module has no DOM of its own).
  await tab.evaluate('document.fonts.ready.then(() => true)')
  await tab.screenshot({ path: file, type: 'png' })
}

/** What {@link writePreviews} did. */
export interface Previews {
  /** Sessions whose image was taken now, and those whose image was kept from `previous`. */
  taken: string[]
  kept: string[]
  /** Why no image was taken (no Chromium): the pages then have cards without an image. */
  failed?: string
}

/**
 * Takes (or keeps) each session's preview image in the site folder `dir`, whose deck pages are
 * written, then adds the card tags to each deck page.
 * @param previous the previous site folder, whose images are kept when their stamp matches
 */
export async function writePreviews(
  dir: string,
  decks: { slug: string; result: CompileResult }[],
  previous: string,
  base = siteUrl(),
): Promise<Previews> {
  const done: Previews = { taken: [], kept: [] }
  const todo: { slug: string; file: string; stamp: string; first: string; deck: CompiledDeck }[] =
    []
  for (const { slug, result } of decks) {
    const file = resolve(dir, slug, PREVIEW_FILE)
    const stamp = previewStamp(result)
    const old = resolve(previous, slug, PREVIEW_FILE)
    const oldStamp = existsSync(`${old}.source`) ? readFileSync(`${old}.source`, 'utf8').trim() : ''
    if (existsSync(old) && oldStamp === stamp) {
      copyFileSync(old, file)
      writeFileSync(`${file}.source`, `${stamp}\n`)
      done.kept.push(slug)
    } else
      todo.push({ slug, file, stamp, first: result.deck.slides[0]?.id ?? '', deck: result.deck })
  }
  if (todo.length > 0) {
    try {
      const browser = await launchChromium()
      const server = await serve(dir).catch(async (err: unknown) => {
        await browser.close()
        throw err
      })
      try {
        // Two pages at a time in the one browser: a page waits on its fonts and scripts as much
        // as it computes.
        const queue = [...todo]
        const worker = async (): Promise<void> => {
          const tab = await previewTab(browser)
          for (let t = queue.shift(); t; t = queue.shift()) {
            const hash = t.first ? `#/${encodeURIComponent(t.first)}` : ''
            const page = resolve(dir, t.slug, PREVIEW_PAGE)
            writeFileSync(
              page,
              previewPage(readFileSync(resolve(dir, t.slug, 'index.html'), 'utf8'), t.deck),
            )
            try {
              await shoot(
                tab,
                `${server.url}${encodeURIComponent(t.slug)}/${PREVIEW_PAGE}${hash}`,
                t.file,
              )
            } finally {
              rmSync(page, { force: true })
            }
            writeFileSync(`${t.file}.source`, `${t.stamp}\n`)
            done.taken.push(t.slug)
          }
        }
        await Promise.all([worker(), worker()])
        done.taken.sort()
      } finally {
        await browser.close()
        await server.close()
      }
    } catch (err) {
      done.failed = (err as Error).message.split('\n')[0]
    }
  }
  for (const { slug, result } of decks) {
    const page = resolve(dir, slug, 'index.html')
    const image = existsSync(resolve(dir, slug, PREVIEW_FILE))
    writeFileSync(
      page,
      addCardTags(readFileSync(page, 'utf8'), cardTags(result.deck.meta, { slug, base, image })),
    )
  }
  return done
}
