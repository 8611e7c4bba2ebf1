// The session most tests look at: the newest folder in slides/ (the July 2025 session today).
import { resolve } from 'node:path'
import { listDecks } from '../../src/compiler/sessions.ts'
import { ROOT } from '../../src/site/paths.ts'

/** The newest session folder in slides/ (names start with the date). */
export function newestDeck(): string {
  const newest = listDecks(resolve(ROOT, 'slides'))[0]
  if (!newest) throw new Error('no session folder in slides/ (expected slides/YYYY-MM-DD-slug/)')
  return newest.dir
}
