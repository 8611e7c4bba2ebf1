// Fixture files in markdown-it's layout: a title, `.`, input, `.`, expected, `.`; one test each.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export interface Fixture {
  title: string
  input: string
  expected: string
  /** `file:line` of the title, so a failure points at the fixture. */
  where: string
}

/** Parses every `*.txt` in `dir`. Inputs keep their exact text (trailing spaces included). */
export function readFixtures(dir: string): Fixture[] {
  const out: Fixture[] = []
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const path = join(dir, name)
    const lines = readFileSync(path, 'utf8').split('\n')
    let i = 0
    while (i < lines.length) {
      while (i < lines.length && lines[i]!.trim() === '') i++
      if (i >= lines.length) break
      const titleLine = i
      const title: string[] = []
      while (i < lines.length && lines[i] !== '.') title.push(lines[i++]!)
      const parts: string[][] = [[], []]
      for (const part of parts) {
        i++ // the `.` line
        while (i < lines.length && lines[i] !== '.') part.push(lines[i++]!)
      }
      i++ // the closing `.`
      if (i > lines.length)
        throw new Error(`${path}:${titleLine + 1}: fixture is not closed with "."`)
      out.push({
        title: title.join(' ').trim(),
        input: parts[0]!.join('\n'),
        expected: parts[1]!.join('\n'),
        where: `${relative(process.cwd(), path)}:${titleLine + 1}`,
      })
    }
  }
  return out
}
