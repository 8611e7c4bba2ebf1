// Headless Chromium for the browser tests: the system Chromium driven by playwright-core.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** The Chromium to drive: $CHROME_PATH, else Debian's. Fails with how to install one. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? CANDIDATES.find((p) => existsSync(p))
  if (!path || !existsSync(path))
    throw new Error(
      'No Chromium found for the browser tests. Install it with `sudo apt-get install -y chromium` ' +
        '(Debian/Ubuntu) or set CHROME_PATH to a Chrome/Chromium binary.',
    )
  return path
}

/** Flags that keep Chromium quiet and offline on a closed-network CI machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchChromium(): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary profile (user-data dir).
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
}

/** Serves a built site folder on 127.0.0.1 with Vite's preview server; returns its URL. */
export async function serveSite(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = resolve(dir)
  if (!existsSync(resolve(outDir, 'index.html')))
    throw new Error(`${outDir}/index.html not found: run \`npm run build\` first`)
  const server: PreviewServer = await preview({
    configFile: false,
    root: outDir,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('preview server did not report a URL')
  return { url, close: () => server.close() }
}

/** Problems a page reports: console errors, uncaught exceptions, requests that leave the origin. */
export interface PageWatch {
  consoleErrors: string[]
  foreignRequests: string[]
}

export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { consoleErrors: [], foreignRequests: [] }
  page.on('console', (msg) => {
    // Failed loads are reported with their URL by the response handler below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      watch.consoleErrors.push(msg.text())
  })
  page.on('pageerror', (err) => watch.consoleErrors.push(err.message))
  page.on('response', (res) => {
    if (res.status() >= 400) watch.consoleErrors.push(`HTTP ${res.status()} ${res.url()}`)
  })
  page.on('request', (req) => {
    const u = req.url()
    if (
      !u.startsWith(origin) &&
      !u.startsWith('data:') &&
      !u.startsWith('blob:') &&
      u !== 'about:blank'
    )
      watch.foreignRequests.push(u)
  })
  return watch
}

/** Opens the deck and waits until reveal.js is ready. */
export async function openDeck(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForSelector('html[data-deck-ready="true"]', { timeout: 30_000 })
}
