// Counts the event listeners a page has registered and not removed (reveal.js's `deck.on` is
// addEventListener on its element, so its handlers count too): an init script wraps
// EventTarget's addEventListener and removeEventListener before any of the page's scripts runs.
import type { BrowserContext, Page } from 'playwright-core'

/** What {@link listenerCount} reads: listeners alive, in all, and by event type. */
export interface Listeners {
  total: number
  byType: Record<string, number>
}

/** Installs the counter in every page of `target` opened (or navigated) after this. */
export async function countListeners(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    type Entry = { type: string; capture: boolean; listener: unknown }
    const alive = new Map<EventTarget, Entry[]>()
    const captureOf = (options: unknown): boolean =>
      typeof options === 'boolean' ? options : !!(options as { capture?: boolean })?.capture
    const proto = EventTarget.prototype
    const add = proto.addEventListener
    const remove = proto.removeEventListener
    proto.addEventListener = function (type, listener, options) {
      if (listener) {
        const entries = alive.get(this) ?? []
        const capture = captureOf(options)
        // The DOM ignores a listener added twice with the same type and capture: so does this.
        if (
          !entries.some((e) => e.type === type && e.capture === capture && e.listener === listener)
        )
          entries.push({ type, capture, listener })
        alive.set(this, entries)
      }
      return add.call(this, type, listener, options)
    }
    proto.removeEventListener = function (type, listener, options) {
      const entries = alive.get(this)
      if (entries) {
        const capture = captureOf(options)
        const at = entries.findIndex(
          (e) => e.type === type && e.capture === capture && e.listener === listener,
        )
        if (at >= 0) entries.splice(at, 1)
      }
      return remove.call(this, type, listener, options)
    }
    Object.assign(window, {
      __listeners: () => {
        const byType: Record<string, number> = {}
        let total = 0
        for (const entries of alive.values())
          for (const e of entries) {
            byType[e.type] = (byType[e.type] ?? 0) + 1
            total++
          }
        return { total, byType }
      },
    })
  })
}

/** The listeners alive in `page` now (see {@link countListeners}). */
export function listenerCount(page: Page): Promise<Listeners> {
  return page.evaluate(() => (window as unknown as { __listeners: () => Listeners }).__listeners())
}
