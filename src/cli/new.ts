// `npm run new -- <YYYY-MM-DD> "<title>"`: a new session folder from the template; never overwrites.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { slug } from 'github-slugger'
import { isIsoDate } from '../compiler/frontmatter.ts'
import { displayPath } from '../compiler/load.ts'
import { ROOT } from '../site/paths.ts'
import { formatSessionDate } from '../shared/dates.ts'

const TEMPLATE = resolve(import.meta.dirname, '../site/template')

/** The folder name for a session: `YYYY-MM-DD-` and the title's first words as a slug. */
export function sessionSlug(date: string, title: string): string {
  const words = slug(title).split('-').filter(Boolean).slice(0, 6).join('-')
  return `${date}-${words || 'session'}`
}

/** Creates the session; returns the folder, or throws an Error whose message says what is wrong. */
export function createSession(
  date: string,
  title: string,
  slidesRoot = resolve(ROOT, 'slides'),
): string {
  if (!isIsoDate(date))
    throw new Error(`the date must be a real date written YYYY-MM-DD, got "${date}"`)
  if (title.trim() === '') throw new Error('the title must not be empty')
  const dir = resolve(slidesRoot, sessionSlug(date, title))
  if (existsSync(dir)) throw new Error(`${displayPath(dir)} already exists; nothing was changed`)
  const values: Record<string, string> = {
    title: title.trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"'),
    date,
    year: date.slice(0, 4),
    longDate: formatSessionDate(date),
  }
  mkdirSync(dir, { recursive: true })
  for (const name of readdirSync(TEMPLATE).sort()) {
    const text = readFileSync(resolve(TEMPLATE, name), 'utf8').replace(
      /\{\{(title|date|year|longDate)\}\}/g,
      (_, key: string) => values[key]!,
    )
    writeFileSync(resolve(dir, name), text)
  }
  return dir
}

function main(argv: string[]): number {
  const [date, ...rest] = argv
  const title = rest.join(' ')
  if (!date || !title) {
    console.error('usage: npm run new -- <YYYY-MM-DD> "<title>"')
    return 1
  }
  try {
    const dir = createSession(date, title)
    const rel = displayPath(dir)
    console.log(`created ${rel}/`)
    console.log(
      `next: edit ${rel}/01-title.md (presenter, paper), then \`npm start\` and \`npm run check\``,
    )
    return 0
  } catch (err) {
    console.error(`error: ${(err as Error).message}`)
    return 1
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename))
  process.exit(main(process.argv.slice(2)))
