// Commands that write something per deck (`pdf`, `build:single`): which decks, and where to write.
import { basename, resolve } from 'node:path'
import { listDecks } from '../compiler/sessions.ts'
import { ROOT } from '../site/paths.ts'

/**
 * The decks to process and each one's output folder: the deck given with `--slides`, else every
 * session; the folder given with `--out`, else next to the built deck, `dist/<slug>/`.
 */
export function eachDeck(
  slides: string | undefined,
  out: string | undefined,
): { slidesDir: string; outDir: string }[] {
  const decks = slides ? [resolve(slides)] : listDecks(resolve(ROOT, 'slides')).map((d) => d.dir)
  return decks.map((slidesDir) => ({
    slidesDir,
    outDir: resolve(out ?? resolve(ROOT, 'dist', basename(slidesDir))),
  }))
}
