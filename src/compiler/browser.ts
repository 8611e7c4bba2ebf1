// The system Chromium driven by playwright-core, for build steps that need a DOM (Mermaid
// diagrams) and for `npm run pdf` and the browser tests (src/cli/chromium.ts re-exports these).
import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** How to get a browser, for every message that needs one. */
export const INSTALL_CHROMIUM =
  'Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROME_PATH to a Chrome/Chromium binary.'

/** The Chromium to drive: $CHROME_PATH, else Debian's. Fails with how to install one. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? CANDIDATES.find((p) => existsSync(p))
  if (!path || !existsSync(path)) throw new Error(`No Chromium found. ${INSTALL_CHROMIUM}`)
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
  // Each renderer a child of the browser process, which waits for it (with the sandbox off, as
  // here, Chromium needs no zygote): its CPU time is then counted for whoever launched Chromium,
  // as `times` in scripts/test.mjs reads it, instead of going to init with the orphaned renderer.
  '--no-zygote',
]

/** Launches the system Chromium headless, with a fresh temporary profile. */
export async function launchChromium(): Promise<Browser> {
  // Loaded on the first launch: a build without Mermaid diagrams never loads it.
  const { chromium } = await import('playwright-core')
  // playwright-core gives every launch a fresh temporary profile (user-data dir).
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
}
