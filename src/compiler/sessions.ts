// The site's sessions: one folder per session under slides/, named YYYY-MM-DD-slug.
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'

/** A session folder: its slug (the folder name, also its URL path) and absolute path. */
export interface DeckEntry {
  slug: string
  dir: string
}

/** Folders like `2025-07-16-rlvr-reasoning`; `_shared` and other `_`/`.` folders are not decks. */
export const RE_SESSION = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Every session folder in `slidesRoot`, newest first (the names start with the date). */
export function listDecks(slidesRoot: string): DeckEntry[] {
  return readdirSync(slidesRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && RE_SESSION.test(d.name))
    .map((d) => ({ slug: d.name, dir: resolve(slidesRoot, d.name) }))
    .sort((a, b) => b.slug.localeCompare(a.slug))
}
