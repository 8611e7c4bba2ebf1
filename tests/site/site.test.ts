// Many sessions, one site: includes, the home page, the scaffold, and `check` on a whole site.
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { load } from 'cheerio'
import { afterAll, describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts'
import { compileDeck } from '../../src/compiler/index.ts'
import { createSession, sessionSlug } from '../../src/cli/new.ts'
import { checkSpelling } from '../../src/cli/spelling.ts'
import { compileSite } from '../../src/site/build.ts'
import { listDecks } from '../../src/compiler/sessions.ts'
import { renderHome } from '../../src/site/home.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const MULTI = resolve(ROOT, 'tests/fixtures/sites/multi/slides')
const TMP = resolve(ROOT, `.tmp/site-test-${process.pid}`)
afterAll(() => rmSync(TMP, { recursive: true, force: true }))

const errors = (dir: string): string[] =>
  compileDeck(dir, { root: ROOT }).diagnostics.map(formatDiagnostic)

describe('sessions', () => {
  it('lists session folders newest first and skips _shared', () => {
    expect(listDecks(MULTI).map((d) => d.slug)).toEqual([
      '2025-03-06-broken',
      '2025-02-13-scaling-laws',
      '2025-01-09-attention',
    ])
  })
})

describe('includes', () => {
  it('puts the shared slides in every deck that includes them, with their section', () => {
    for (const slug of ['2025-01-09-attention', '2025-02-13-scaling-laws']) {
      const { deck, diagnostics } = compileDeck(resolve(MULTI, slug), { root: ROOT })
      expect(diagnostics).toEqual([])
      const rules = deck.slides.find((s) => s.id === 'house-rules')
      expect(rules?.section).toBe('Ground rules')
      expect(rules?.file).toBe('tests/fixtures/sites/multi/slides/_shared/rules.md')
      expect(deck.files).toContain(resolve(MULTI, '_shared/rules.md'))
    }
    const attention = compileDeck(resolve(MULTI, '2025-01-09-attention'), { root: ROOT }).deck
    expect(attention.slides.map((s) => [s.id, s.section])).toEqual([
      ['attention', undefined],
      ['house-rules', 'Ground rules'],
      ['scaled-attention', 'Paper'],
    ])
  })

  it('reports a missing include and a broken slide link at their positions', () => {
    expect(errors(resolve(MULTI, '2025-03-06-broken'))).toEqual([
      'tests/fixtures/sites/multi/slides/2025-03-06-broken/02-errors.md:1:1: error: included file `tests/fixtures/sites/multi/slides/_shared/missing.md` not found [missing-include]',
      'tests/fixtures/sites/multi/slides/2025-03-06-broken/02-errors.md:7:17: error: link to `#/no-such-slide`, but no slide has the id `no-such-slide` [broken-link]',
    ])
  })

  it('reports an include cycle instead of looping', () => {
    const dir = resolve(ROOT, 'tests/fixtures/sites/cycle/slides/2025-01-01-cycle')
    expect(errors(dir)).toEqual([
      'tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/b.md:5:1: error: include cycle: tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/a.md -> tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/b.md -> tests/fixtures/sites/cycle/slides/2025-01-01-cycle/parts/a.md [include-cycle]',
    ])
  })
})

describe('the home page', () => {
  const decks = compileSite(MULTI).filter((d) => d.slug !== '2025-03-06-broken')
  const html = renderHome(
    decks.map((d) => ({
      slug: d.slug,
      meta: d.result.deck.meta,
      slideCount: d.result.deck.slides.length,
      hasPdf: d.slug === '2025-01-09-attention',
    })),
  )
  const $ = load(html)

  it('lists the sessions newest first with date, title, presenter and links', () => {
    const items = $('li.session')
      .map((_, el) => $(el).find('h2').text())
      .get()
    expect(items).toEqual(['Scaling laws', 'Attention is all you need'])
    const attention = $('li.session').last()
    expect(attention.find('time').attr('datetime')).toBe('2025-01-09')
    expect(attention.find('time').text()).toBe('9 January 2025')
    expect(attention.text()).toContain('Ada Lovelace')
    const links = attention
      .find('a')
      .map((_, a) => $(a).attr('href'))
      .get()
    expect(links).toEqual([
      './2025-01-09-attention/',
      './2025-01-09-attention/',
      'https://arxiv.org/abs/1706.03762',
      './2025-01-09-attention/2025-01-09-attention.pdf',
    ])
    expect($('li.session').first().find('a[href$=".pdf"]').length).toBe(0)
  })
})

describe('npm run new', () => {
  it('makes a session folder from the template that checks clean, spelling included', async () => {
    mkdirSync(resolve(TMP, 'slides/_shared'), { recursive: true })
    const shared = readFileSync(resolve(ROOT, 'slides/_shared/ground-rules.md'), 'utf8')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(resolve(TMP, 'slides/_shared/ground-rules.md'), shared)
    const dir = createSession(
      '2025-08-14',
      'Scaling Laws for Neural Language Models',
      resolve(TMP, 'slides'),
    )
    expect(dir).toBe(resolve(TMP, 'slides/2025-08-14-scaling-laws-for-neural-language-models'))
    const result = compileDeck(dir, { root: ROOT })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(result.deck.meta).toMatchObject({
      title: 'Scaling Laws for Neural Language Models',
      date: '2025-08-14',
    })
    expect(result.deck.slides.some((s) => s.section === 'Ground rules')).toBe(true)
    const files = result.deck.files.map((absPath) => ({
      absPath,
      path: absPath,
      text: readFileSync(absPath, 'utf8'),
    }))
    expect(await checkSpelling(files, ROOT)).toEqual([])
  }, 60_000)

  it('refuses to overwrite an existing session, and rejects a bad date', () => {
    expect(() =>
      createSession(
        '2025-08-14',
        'Scaling Laws for Neural Language Models',
        resolve(TMP, 'slides'),
      ),
    ).toThrow(/already exists; nothing was changed/)
    expect(() => createSession('2025-02-30', 'X', resolve(TMP, 'slides'))).toThrow(/real date/)
    expect(sessionSlug('2025-01-02', 'Does RL *really* help?')).toBe(
      '2025-01-02-does-rl-really-help',
    )
  })
})

describe('spelling', () => {
  it('checks prose in front matter values, not keys or dates', async () => {
    const text = '---\ntitle: The modle\npresentr: Ada\ndate: 2025-01-02\n---\n# T\n'
    const found = await checkSpelling(
      [{ absPath: resolve(TMP, 'fm.md'), path: 'fm.md', text }],
      ROOT,
    )
    expect(found.map(formatDiagnostic)).toEqual([
      'fm.md:2:12: warning: unknown word `modle`; did you mean `model`? [spelling]',
    ])
  }, 60_000)

  it('warns about an unknown word at its position, ignoring math, code and links', async () => {
    const text =
      '## Slide\n\nThe modle $\\mathrm{softmx}$ `cde` [link](https://exampel.org) works.\n'
    const found = await checkSpelling([{ absPath: resolve(TMP, 'x.md'), path: 'x.md', text }], ROOT)
    expect(found.map(formatDiagnostic)).toEqual([
      'x.md:3:5: warning: unknown word `modle`; did you mean `model`? [spelling]',
    ])
  }, 60_000)
})

describe('CONTRIBUTING.md', () => {
  it('syntax reference compiles with no error or warning, spelling included', async () => {
    const text = readFileSync(resolve(ROOT, 'CONTRIBUTING.md'), 'utf8')
    const start = text.indexOf('````markdown\n') + '````markdown\n'.length
    const example = text.slice(start, text.indexOf('````', start))
    const { writeFileSync } = await import('node:fs')
    const dir = resolve(TMP, 'contrib/slides/2025-08-14-example')
    mkdirSync(resolve(TMP, 'contrib/slides/_shared'), { recursive: true })
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      resolve(TMP, 'contrib/slides/_shared/ground-rules.md'),
      readFileSync(resolve(ROOT, 'slides/_shared/ground-rules.md')),
    )
    writeFileSync(resolve(dir, '01-example.md'), example)
    const result = compileDeck(dir, { root: ROOT })
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([])
    expect(result.deck.slides.map((s) => s.id)).toContain('questions')
    const files = result.deck.files.map((absPath) => ({
      absPath,
      path: absPath,
      text: readFileSync(absPath, 'utf8'),
    }))
    expect(await checkSpelling(files, ROOT)).toEqual([])
  }, 60_000)
})
