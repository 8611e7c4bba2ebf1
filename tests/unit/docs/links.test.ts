// The docs hold together: the README stays short, every relative link and anchor of README.md,
// CONTRIBUTING.md and docs/*.md leads to a file or heading of the repository, the repository paths
// they name in code spans exist, nothing links the README sections that moved to docs/, and the
// screenshots the presenting page shows are real PNGs of the sizes it says.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import GithubSlugger from 'github-slugger'
import MarkdownIt, { type Token } from 'markdown-it'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')

/** The README's limit: what it is, the picture, quick start, commands, a map of the docs. */
const README_MAX_BYTES = 12_288

/** The README's sections that moved to docs/: no page may link them any more. */
const MOVED_README_ANCHORS = [
  'writing-slides',
  'front-matter',
  'slides',
  'math',
  'speaker-notes',
  'fragments-slide-attributes-and-columns',
  'slide-ids-and-links',
  'images',
  'code',
  'diagrams-mermaid',
  'citations',
  'presenting-and-reading',
  'passk-charts-and-explorer',
  'many-sessions-one-site',
  'security-and-robustness',
  'performance',
  'build-and-deploy',
  'project-layout',
]

/** Repository paths a code span may name: they must exist (generated folders excepted). */
const RE_REPO_PATH = /^(?:src|tests|bench|scripts|assets|docs|\.github|\.ci)\/[\w./-]*$/
const GENERATED = ['bench/results', 'bench/marp/node_modules']

const md = new MarkdownIt({ html: true })

/** The docs: README.md, CONTRIBUTING.md and every docs/*.md, as paths from the root. */
export function docPages(root: string): string[] {
  const docs = existsSync(resolve(root, 'docs'))
    ? readdirSync(resolve(root, 'docs'))
        .filter((n) => n.endsWith('.md'))
        .map((n) => `docs/${n}`)
    : []
  return ['README.md', 'CONTRIBUTING.md', ...docs]
}

function walk(tokens: Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t)
    if (t.children) walk(t.children, visit)
  }
}

/** The anchors GitHub gives a page's headings. */
export function headingAnchors(text: string): Set<string> {
  const slugger = new GithubSlugger()
  const tokens = md.parse(text, {})
  const anchors = new Set<string>()
  tokens.forEach((t, i) => {
    if (t.type !== 'heading_open') return
    const inline = tokens[i + 1]!
    const words = (inline.children ?? [])
      .filter((c) => c.type === 'text' || c.type === 'code_inline')
      .map((c) => c.content)
      .join('')
    anchors.add(slugger.slug(words))
  })
  return anchors
}

/** Every problem with a page's links: `page: target: why`. */
export function brokenLinks(root: string, page: string): string[] {
  const text = readFileSync(resolve(root, page), 'utf8')
  const problems: string[] = []
  const targets: string[] = []
  const codePaths: string[] = []
  walk(md.parse(text, {}), (t) => {
    if (t.type === 'link_open') targets.push(String(t.attrGet('href') ?? ''))
    if (t.type === 'image') targets.push(String(t.attrGet('src') ?? ''))
    // Raw HTML's images and links (a README may set two screenshots side by side).
    if (t.type === 'html_block' || t.type === 'html_inline')
      for (const m of t.content.matchAll(/\b(?:src|href)="([^"]*)"/g)) targets.push(m[1]!)
    if (t.type === 'code_inline' && RE_REPO_PATH.test(t.content)) codePaths.push(t.content)
  })
  for (const target of targets) {
    if (/^(?:https?|mailto):/i.test(target)) continue
    const [path = '', anchor] = target.split('#', 2) as [string, string | undefined]
    const file = path ? relative(root, resolve(root, dirname(page), decodeURI(path))) : page
    if (file.startsWith('..')) {
      problems.push(`${page}: ${target}: leads outside the repository`)
      continue
    }
    if (!existsSync(resolve(root, file))) {
      problems.push(`${page}: ${target}: no file ${file}`)
      continue
    }
    if (anchor === undefined) continue
    if (!file.endsWith('.md') || statSync(resolve(root, file)).isDirectory()) {
      problems.push(`${page}: ${target}: an anchor into a file that is not Markdown`)
      continue
    }
    if (!headingAnchors(readFileSync(resolve(root, file), 'utf8')).has(anchor))
      problems.push(`${page}: ${target}: no heading #${anchor} in ${file}`)
  }
  for (const path of codePaths) {
    if (GENERATED.some((g) => path.startsWith(g))) continue
    if (!existsSync(resolve(root, path))) problems.push(`${page}: \`${path}\`: no such path`)
  }
  return problems
}

/** Files outside node_modules that could name a README anchor: the docs, the code, the tests. */
function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = resolve(dir, d.name)
    if (d.isDirectory())
      return ['node_modules', 'fixtures', 'results', '.tmp'].includes(d.name) ? [] : textFiles(path)
    return /\.(ts|mjs|js|md|yml)$/.test(d.name) ? [path] : []
  })
}

describe('README.md', () => {
  it(`is under ${README_MAX_BYTES} bytes`, () => {
    expect(statSync(resolve(ROOT, 'README.md')).size).toBeLessThan(README_MAX_BYTES)
  })

  it('links every page of docs/', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8')
    const missing = docPages(ROOT)
      .filter((p) => p.startsWith('docs/'))
      .filter((p) => !readme.includes(`](${p})`))
    expect(missing).toEqual([])
  })
})

describe('links of the docs', () => {
  for (const page of docPages(ROOT))
    it(`${page}: every relative link and anchor resolves`, () => {
      expect(brokenLinks(ROOT, page)).toEqual([])
    })

  it('no file links a README section that moved to docs/', () => {
    const moved = new RegExp(`README(?:\\.md)?#(?:${MOVED_README_ANCHORS.join('|')})\\b`)
    const found = [
      ...['README.md', 'CONTRIBUTING.md'].map((f) => resolve(ROOT, f)),
      ...['docs', 'src', 'tests', 'bench', 'scripts', '.github']
        .map((d) => resolve(ROOT, d))
        .filter((d) => existsSync(d))
        .flatMap(textFiles),
    ].filter((f) => moved.test(readFileSync(f, 'utf8')))
    expect(found.map((f) => relative(ROOT, f))).toEqual([])
    // Inside the README, a link to one of its own moved sections.
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8')
    const own = MOVED_README_ANCHORS.filter((a) => readme.includes(`](#${a})`))
    expect(own).toEqual([])
  })
})

describe('pages the code names', () => {
  it('every docs page a source file or a hint names exists', () => {
    const named = textFiles(resolve(ROOT, 'src')).flatMap((f) =>
      [
        ...readFileSync(f, 'utf8').matchAll(/\b(docs\/[\w-]+\.md|CONTRIBUTING\.md|README\.md)\b/g),
      ].map((m) => `${relative(ROOT, f)}: ${m[1]!}`),
    )
    expect(named.length).toBeGreaterThan(0)
    const missing = named.filter((n) => {
      const page = n.split(': ')[1]!
      return !existsSync(resolve(ROOT, page))
    })
    expect(missing).toEqual([])
  })
})

describe('the checker', () => {
  it('finds a missing file, a missing heading, a missing path and a link out of the repository', () => {
    const page = 'docs/architecture.md'
    const text = readFileSync(resolve(ROOT, page), 'utf8')
    const broken = [
      '[a](security.md#no-such-heading)',
      '[b](no-such-page.md)',
      '[c](#no-such-heading-here)',
      '[d](../../outside.md)',
      '`src/compiler/no-such-file.ts`',
    ].join('\n\n')
    const problems = brokenWith(page, `${text}\n\n${broken}\n`)
    expect(problems).toEqual([
      `${page}: security.md#no-such-heading: no heading #no-such-heading in docs/security.md`,
      `${page}: no-such-page.md: no file docs/no-such-page.md`,
      `${page}: #no-such-heading-here: no heading #no-such-heading-here in ${page}`,
      `${page}: ../../outside.md: leads outside the repository`,
      `${page}: \`src/compiler/no-such-file.ts\`: no such path`,
    ])
  })

  it('reads anchors as GitHub makes them', () => {
    expect([
      ...headingAnchors('# Charts and the pass@k explorer\n\n## What `check` says\n'),
    ]).toEqual(['charts-and-the-passk-explorer', 'what-check-says'])
    expect([...headingAnchors('## Notes\n\n## Notes\n')]).toEqual(['notes', 'notes-1'])
  })
})

describe('docs/presenting.md', () => {
  it('shows the slides, the speaker view and the reading view as PNG screenshots', () => {
    const page = readFileSync(resolve(ROOT, 'docs/presenting.md'), 'utf8')
    const shots = [...page.matchAll(/!\[[^\]]+\]\(\.\.\/(assets\/screenshots\/[^)]+\.png)\)/g)].map(
      (m) => m[1]!,
    )
    const sizes = shots.map((shot) => {
      const png = readFileSync(resolve(ROOT, shot))
      expect(png.subarray(1, 4).toString(), shot).toBe('PNG')
      return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`
    })
    // Slides (and the speaker view) at 1280x720; the reading view also on a 390x844 phone.
    expect(sizes.filter((s) => s === '1280x720').length).toBeGreaterThanOrEqual(4)
    expect(sizes.filter((s) => s === '390x844').length).toBeGreaterThanOrEqual(1)
    expect(sizes.filter((s) => s !== '1280x720' && s !== '390x844')).toEqual([])
  })
})

/** The checker run on a page's text as if it were the file (written to a scratch copy of it). */
function brokenWith(page: string, text: string): string[] {
  const original = readFileSync(resolve(ROOT, page), 'utf8')
  // The checker reads from disk: run it on a root where the page has this text and the rest is real.
  const dir = resolve(ROOT, `.tmp/docs-links-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(resolve(dir, 'docs'), { recursive: true })
  for (const name of readdirSync(resolve(ROOT, 'docs')))
    symlinkSync(resolve(ROOT, 'docs', name), resolve(dir, 'docs', name))
  for (const name of readdirSync(ROOT))
    if (!['docs', '.tmp', '.git', 'node_modules'].includes(name))
      symlinkSync(resolve(ROOT, name), resolve(dir, name))
  rmSync(resolve(dir, page))
  writeFileSync(resolve(dir, page), text)
  try {
    expect(original).not.toBe(text)
    return brokenLinks(dir, page)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
