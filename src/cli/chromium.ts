// The system Chromium driven by playwright-core, and a static server for a built site: shared by
// `npm run pdf` and the browser tests (tests/helpers/browser.ts re-exports these). The launcher
// lives in src/compiler/browser.ts, where the build's Mermaid step uses it too.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { preview, type PreviewServer } from 'vite'

export { CHROMIUM_ARGS, chromiumPath, launchChromium } from '../compiler/browser.ts'

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
