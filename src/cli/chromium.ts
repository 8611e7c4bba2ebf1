// The system Chromium driven by playwright-core, and a static server for a built site: shared by
// `npm run pdf` and the browser tests (tests/helpers/browser.ts re-exports these).
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** The Chromium to drive: $CHROME_PATH, else Debian's. Fails with how to install one. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? CANDIDATES.find((p) => existsSync(p))
  if (!path || !existsSync(path))
    throw new Error(
      'No Chromium found. Install it with `sudo apt-get install -y chromium` ' +
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

/** Launches the system Chromium headless, with a fresh temporary profile. */
export async function launchChromium(): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary profile (user-data dir).
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
}

/** A running static server: its base URL (with a trailing slash) and how to stop it. */
export interface Site {
  url: string
  close: () => Promise<void>
}

/** Serves a built site folder on 127.0.0.1 with Vite's preview server; returns its URL. */
export async function serveSite(dir: string): Promise<Site> {
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
