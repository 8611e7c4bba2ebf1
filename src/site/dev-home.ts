// The dev server's home page (`npm start`, at `/`): the built site's home page, with its
// stylesheet and a script that reloads it when a session changes (home-live.ts), both served from
// this folder by Vite. The site supplies it to the deck plugin (vite-config.ts).
import { relative, resolve, sep } from 'node:path'
import { renderHome, type HomeEntry } from './home.ts'
import { ROOT } from './paths.ts'

/** The dev server's URL of a file in this folder (the dev server's root is the project's). */
export function devUrl(file: string): string {
  return `/${relative(ROOT, resolve(import.meta.dirname, file))
    .split(sep)
    .join('/')}`
}

/** The home page as the dev server serves it. */
export function renderDevHome(entries: HomeEntry[]): string {
  return renderHome(entries, {
    stylesheet: devUrl('home.css'),
    scripts: [devUrl('home-live.ts')],
  })
}
