// Bench input for the growth bench: a copy of the project in a temporary folder whose slides/
// holds N sessions, each a copy of the first session with its own date, title, description and
// a sentence of its own, so that no two sessions compile to the same pages.
//
// The copy has the tool's sources, compiled CLI and page shell (build/), and a node_modules/ of
// links to this checkout's packages but a cache folder of its own (node_modules/.cache/), so a
// cold build there is cold: no highlighted code, chart or session output cached.
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
/** The session every generated one copies. */
export const TEMPLATE = 'slides/2025-07-16-rlvr-reasoning'

/** What the copy needs to build, check and print: the tool's files (never dist/ or caches). */
const COPIED = [
  'src',
  'build',
  'scripts',
  'assets',
  'index.html',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'cspell.json',
  'slides/_shared',
]

const TOPICS = [
  'sampling',
  'verifiers',
  'coverage',
  'rewards',
  'exploration',
  'distillation',
  'search',
  'scaling',
  'evaluation',
  'planning',
]

/** The slug of generated session `i` (0 is the newest) and its date, three weeks apart. */
export function sessionOf(i: number, count: number): { slug: string; date: string } {
  const day = new Date(Date.UTC(2023, 0, 4) + (count - 1 - i) * 21 * 86_400_000)
  const date = day.toISOString().slice(0, 10)
  return { slug: `${date}-growth-${TOPICS[i % TOPICS.length]}-${i}`, date }
}

/** Writes session `i` of `count` into `slidesDir`: the template with its own front matter and text. */
function writeSession(template: string, slidesDir: string, i: number, count: number): string {
  const { slug, date } = sessionOf(i, count)
  const dir = resolve(slidesDir, slug)
  cpSync(template, dir, { recursive: true })
  const topic = TOPICS[i % TOPICS.length]!
  const heading = `Session ${i + 1}: reasoning and ${topic}`
  const title = resolve(dir, '01-title.md')
  writeFileSync(
    title,
    readFileSync(title, 'utf8')
      .replace(/^title: .*$/m, `title: "${heading}"`)
      .replace(/^# .*$/m, `# ${heading}`)
      .replace(/^date: .*$/m, `date: ${date}`)
      .replace(
        /^description: .*$/m,
        `description: "Session ${i + 1} of the growth bench reads about ${topic} in language models."`,
      )
      .replace(
        /^- \*\*Conclusion\*\*: /m,
        `- **Session ${i + 1}**: a closer look at ${topic}\n- **Conclusion**: `,
      ),
  )
  return dir
}

/**
 * Makes the project copy in `dir` with `count` sessions; the CLI and the shell are made ready
 * there (what `npm install` does), untimed.
 */
export function makeGrowthSite(dir: string, count: number): { root: string; sessions: string[] } {
  mkdirSync(dir, { recursive: true })
  // Timestamps kept: the copied CLI stays newer than its sources, so it is not compiled again.
  for (const path of COPIED)
    cpSync(resolve(ROOT, path), resolve(dir, path), { recursive: true, preserveTimestamps: true })
  const modules = resolve(dir, 'node_modules')
  mkdirSync(modules, { recursive: true })
  const source = realpathSync(resolve(ROOT, 'node_modules'))
  for (const name of readdirSync(source))
    if (name !== '.cache' && !existsSync(resolve(modules, name)))
      symlinkSync(resolve(source, name), resolve(modules, name))
  const sessions: string[] = []
  for (let i = 0; i < count; i++)
    sessions.push(writeSession(resolve(ROOT, TEMPLATE), resolve(dir, 'slides'), i, count))
  // The shell records the checkout it was built in: the copy builds its own once, here.
  const ready = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], {
    cwd: dir,
    encoding: 'utf8',
  })
  if (ready.status !== 0)
    throw new Error(`preparing the copy failed:\n${ready.stderr}${ready.stdout}`)
  return { root: dir, sessions }
}

/**
 * Edits one slide of a session, as a presenter fixing a typo does: a word added to the
 * conclusion's first bullet, different at each call (`n`).
 */
export function editOneSlide(session: string, n: number): string {
  const file = resolve(session, '05-conclusion.md')
  const text = readFileSync(file, 'utf8')
  const edited = text.replace(/^- (.*)$/m, (_all, line: string) => `- ${line} (edit ${n})`)
  if (edited === text) throw new Error(`no bullet to edit in ${file}`)
  writeFileSync(file, edited)
  return file
}
