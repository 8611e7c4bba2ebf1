// The layers of src/ hold. The import graph of src/ has no value-import cycle and no import
// against the layers, code outside src/untrusted/ imports only its facade, and the lint rules that
// enforce this fail on a file that breaks them (probe files linted from memory, outside the tree).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { FACADE, LAYERS, RUNTIME_MAY_IMPORT } from '../../eslint.config.js'
import { ROOT } from '../../src/site/paths.ts'

const SRC = resolve(ROOT, 'src')

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? tsFiles(resolve(dir, d.name))
      : d.name.endsWith('.ts')
        ? [resolve(dir, d.name)]
        : [],
  )
}

/** Value imports (not `import type`, not `export type … from`) of our own .ts files. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(
    /^\s*(import|export)\s+(type\s+)?([^'";]*?\sfrom\s+)?['"](\.[^'"]+\.ts)['"]/gm,
  )) {
    if (m[2]) continue
    out.push(resolve(dirname(file), m[4]!))
  }
  // `await import('./x.ts')`
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+\.ts)['"]\s*\)/g))
    out.push(resolve(dirname(file), m[1]!))
  return out
}

const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!
const browserCode = (file: string): boolean =>
  layerOf(file) === 'runtime' || relative(SRC, file) === 'site/home-live.ts'
const graph = new Map(tsFiles(SRC).map((f) => [f, valueImports(f)]))

describe('the import graph of src/', () => {
  it('reads every file and finds imports', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect([...graph.values()].flat().length).toBeGreaterThan(100)
  })

  it('has no value-import cycle', () => {
    const state = new Map<string, 'open' | 'done'>()
    const cycles: string[] = []
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'open') {
        cycles.push(
          [...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '),
        )
        return
      }
      state.set(file, 'open')
      for (const dep of graph.get(file) ?? []) visit(dep, [...path, file])
      state.set(file, 'done')
    }
    for (const file of graph.keys()) visit(file, [])
    expect(cycles).toEqual([])
  })

  it('imports the untrusted-input rules through their facade only', () => {
    const folder = resolve(SRC, FACADE.folder)
    const facade = resolve(folder, FACADE.entry)
    const wrong: string[] = []
    for (const [file, deps] of graph)
      for (const dep of deps)
        if (!file.startsWith(folder + '/') && dep.startsWith(folder + '/') && dep !== facade)
          wrong.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`)
    expect(wrong).toEqual([])
    // The rules do live there, and the compiler, the charts and the Vite glue ask them.
    const users = [...graph].filter(([, deps]) => deps.includes(facade)).map(([f]) => layerOf(f))
    expect(new Set(users)).toEqual(new Set(['charts', 'compiler', 'vite', 'site', 'present']))
  })

  it('imports only along the layers', () => {
    const wrong: string[] = []
    for (const [file, deps] of graph) {
      const from = layerOf(file)
      const allowed = browserCode(file)
        ? [...RUNTIME_MAY_IMPORT, from]
        : LAYERS.slice(0, LAYERS.indexOf(from) + 1)
      for (const dep of deps) {
        const to = layerOf(dep)
        if (to === 'theme') continue
        if (!allowed.includes(to)) wrong.push(`${relative(SRC, file)} -> ${relative(SRC, dep)}`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('lint enforces the layers', () => {
  const eslint = new ESLint({ cwd: ROOT })
  const lint = async (path: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) })
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`)
  }

  it('refuses a compiler file importing the runtime, but not a type-only import', async () => {
    const bad = await lint(
      'src/compiler/probe.ts',
      "import { startDeck } from '../runtime/deck.ts'\nexport const x = startDeck\n",
    )
    expect(bad.join('\n')).toMatch(/no-restricted-imports: .*src\/compiler\/ may import only/)
    const typeOnly = await lint(
      'src/compiler/probe.ts',
      "import type { Deck } from '../runtime/types.ts'\nexport type X = Deck\n",
    )
    expect(typeOnly).toEqual([])
  })

  it('refuses imports leftwards only: charts may not import the compiler, cli may import site', async () => {
    expect(
      (
        await lint(
          'src/charts/markdown/probe.ts',
          "import { compileDeck } from '../../compiler/index.ts'\nexport const x = compileDeck\n",
        )
      ).join('\n'),
    ).toMatch(/src\/charts\/ may import only src\/passk\/, src\/shared\//)
    expect(
      await lint(
        'src/cli/probe.ts',
        "import { ROOT } from '../site/paths.ts'\nexport const x = ROOT\n",
      ),
    ).toEqual([])
  })

  it('keeps the runtime to shared and passk, without Node', async () => {
    const bad = await lint(
      'src/runtime/probe.ts',
      "import { compileDeck } from '../compiler/index.ts'\nimport { readFileSync } from 'node:fs'\nexport const x = [compileDeck, readFileSync, process.env]\n",
    )
    expect(
      bad.filter((m) => m.startsWith('@typescript-eslint/no-restricted-imports')),
    ).toHaveLength(2)
    expect(bad.join('\n')).toMatch(/no-restricted-globals: Unexpected use of 'process'/)
    expect(
      await lint(
        'src/runtime/probe.ts',
        "import { COLOURS } from '../shared/colours.ts'\nexport const x = [COLOURS, document.title]\n",
      ),
    ).toEqual([])
  })

  it('refuses an import of a file inside src/untrusted/ from outside it, type-only too', async () => {
    const bad = await lint(
      'src/compiler/markdown/probe.ts',
      "import { refuseCss } from '../../untrusted/css.ts'\nimport type { Roots } from '../../untrusted/paths.ts'\nexport const x = refuseCss\nexport type Y = Roots\n",
    )
    expect(bad).toHaveLength(2)
    expect(bad.join('\n')).toMatch(
      /no-restricted-imports: .*import the untrusted-input rules from src\/untrusted\/index\.ts/,
    )
    expect(
      (
        await lint(
          'tests/robust/probe.test.ts',
          "import { sanitizeSvg } from '../../src/untrusted/svg.ts'\nexport const x = sanitizeSvg\n",
        )
      ).join('\n'),
    ).toMatch(/src\/untrusted\/index\.ts, their one facade/)
    // The facade itself, and the folder's own modules among themselves, are fine.
    expect(
      await lint(
        'src/compiler/markdown/probe.ts',
        "import { refuseCss } from '../../untrusted/index.ts'\nexport const x = refuseCss\n",
      ),
    ).toEqual([])
    expect(
      await lint(
        'src/untrusted/probe.ts',
        "import { refuseCss } from './css.ts'\nexport const x = refuseCss\n",
      ),
    ).toEqual([])
  })

  it('puts the present server above the site and below the CLI', async () => {
    expect(LAYERS.indexOf('present')).toBe(LAYERS.indexOf('cli') - 1)
    expect(
      (
        await lint(
          'src/present/probe.ts',
          "import { main } from '../cli/main.ts'\nexport const x = main\n",
        )
      ).join('\n'),
    ).toMatch(/src\/present\/ may import only src\/passk\/, .*src\/site\//)
    expect(
      await lint(
        'src/cli/probe.ts',
        "import { startPresentServer } from '../present/server.ts'\nexport const x = startPresentServer\n",
      ),
    ).toEqual([])
  })

  it('keeps src/untrusted/ below the charts and the compiler', async () => {
    expect(
      (
        await lint(
          'src/untrusted/probe.ts',
          "import { compileDeck } from '../compiler/index.ts'\nexport const x = compileDeck\n",
        )
      ).join('\n'),
    ).toMatch(/src\/untrusted\/ may import only src\/passk\/, src\/shared\//)
  })

  it('keeps the DOM out of build-side code and of shared code', async () => {
    expect(
      (await lint('src/compiler/probe.ts', 'export const x = document.title\n')).join('\n'),
    ).toMatch(/no-restricted-globals: Unexpected use of 'document'/)
    expect(
      (await lint('src/shared/probe.ts', 'export const x = process.cwd()\n')).join('\n'),
    ).toMatch(/no-restricted-globals: Unexpected use of 'process'/)
  })
})
