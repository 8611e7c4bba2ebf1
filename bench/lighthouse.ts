// Bench Lighthouse: runs Lighthouse 12.2.3 (desktop, 1280x720) against a served page in the system
// Chromium launched here with a DevTools port; a run that cannot happen reports why, not a score.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { CHROMIUM_ARGS, chromiumPath } from '../src/cli/chromium.ts'
import { VIEWPORT } from './browser.ts'

export interface LighthouseResult {
  url: string
  /** Scores 0–100 by category id, when the run worked. */
  scores?: Record<string, number | null>
  /** Key metrics (ms, or unitless for CLS) from the performance category. */
  metrics?: Record<string, number | undefined>
  /** Failed audits of the accessibility and best-practices categories (ids). */
  failed?: string[]
  /** Why there is no score. */
  error?: string
  ms: number
}

export const CATEGORIES = ['performance', 'accessibility', 'best-practices']

/** Starts Chromium with `--remote-debugging-port=0` and reads the port it picked. */
async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(resolve(tmpdir(), 'rif-bench-lh-'))
  const child: ChildProcess = spawn(
    chromiumPath(),
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  )
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill()
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    rmSync(profile, { recursive: true, force: true })
  }
  const portFile = resolve(profile, 'DevToolsActivePort')
  for (let i = 0; i < 200; i++) {
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0])
      if (port > 0) return { port, stop }
    }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  await stop()
  throw new Error('Chromium did not open a DevTools port within 10 s')
}

/** One Lighthouse run (simulated desktop throttling, Lighthouse's desktop config). */
export async function runLighthouse(url: string): Promise<LighthouseResult> {
  const started = performance.now()
  const ms = (): number => Math.round(performance.now() - started)
  let chrome: { port: number; stop: () => Promise<void> } | undefined
  try {
    const { default: lighthouse, desktopConfig } = await import('lighthouse')
    chrome = await startChromium()
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
        formFactor: 'desktop',
        screenEmulation: { mobile: false, ...VIEWPORT, deviceScaleFactor: 1, disabled: false },
      },
      desktopConfig,
    )
    if (!result) return { url, error: 'Lighthouse returned no result', ms: ms() }
    const { lhr } = result
    if (lhr.runtimeError) return { url, error: lhr.runtimeError.message, ms: ms() }
    const scores: Record<string, number | null> = {}
    for (const id of CATEGORIES) {
      const score = lhr.categories[id]?.score
      scores[id] = score === null || score === undefined ? null : Math.round(score * 100)
    }
    const metric = (id: string): number | undefined => lhr.audits[id]?.numericValue
    const failed = ['accessibility', 'best-practices', 'performance'].flatMap((cat) =>
      (lhr.categories[cat]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a !== undefined && a.score !== null && a.score < 0.9)
        .map((a) => `${cat}:${a!.id} (${Math.round((a!.score ?? 0) * 100)})`),
    )
    return {
      url,
      scores,
      metrics: {
        fcp: metric('first-contentful-paint'),
        lcp: metric('largest-contentful-paint'),
        tbt: metric('total-blocking-time'),
        cls: metric('cumulative-layout-shift'),
        si: metric('speed-index'),
      },
      failed,
      ms: ms(),
    }
  } catch (err) {
    return { url, error: err instanceof Error ? err.message : String(err), ms: ms() }
  } finally {
    await chrome?.stop()
  }
}
