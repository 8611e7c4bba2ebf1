// HTML helpers for the build-time charts and cards: escaping and page-unique ids.
import { escapeHtml } from '../shared/html.ts'

/** Escapes text for SVG/HTML content and double-quoted attribute values. */
export const esc = escapeHtml

/** A short stable hash (FNV-1a, base 36) for ids that must be unique on the page. */
export function shortHash(textToHash: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < textToHash.length; i++) {
    h ^= textToHash.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36)
}
