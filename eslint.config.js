// ESLint flat config: typescript-eslint's recommended rules, plus the layers of src/:
// `passk` <- `shared` <- `untrusted` <- `charts` <- `compiler` <- `vite` <- `site` <- `present` <- `cli`, and
// `runtime` imports only `shared` and `passk` (type-only imports excepted). The untrusted-input
// rules (src/untrusted/) have one door: code outside the folder imports its index.ts only.
// Browser globals only in browser code, Node globals only on the build side.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** The build-side layers, left to right: a folder may import only the folders to its left. */
export const LAYERS = [
  'passk',
  'shared',
  'untrusted',
  'charts',
  'compiler',
  'vite',
  'site',
  'present',
  'cli',
]
/** What browser code (src/runtime/) may import of ours. */
export const RUNTIME_MAY_IMPORT = ['passk', 'shared']
const ALL = [...LAYERS, 'runtime']

/** Code that runs in the page or in both places may not use Node's modules. */
const NO_NODE = ['passk', 'shared', 'runtime']

/** The folder whose rules have one door, and the door. */
export const FACADE = { folder: 'untrusted', entry: 'index.ts' }

/**
 * The one-facade pattern: a relative import of a file in src/untrusted/ other than its index.ts
 * (type-only imports too: the facade exports the types). `within` is how a path reaches the folder
 * from the importing file: `(\.\./)+` from elsewhere in src/, `(\.\./)+src/` from tests/ or bench/.
 */
const facadePattern = (within) => ({
  regex: `^${within}${FACADE.folder}/(?!${FACADE.entry.replace('.', '\\.')}$)`,
  message: `import the untrusted-input rules from src/${FACADE.folder}/${FACADE.entry}, their one facade`,
})

/** `no-restricted-imports` for a file in `layer`: relative imports of the folders it may not use. */
function layerRule(layer, allowed) {
  const banned = ALL.filter((f) => f !== layer && !allowed.includes(f))
  const patterns = [
    {
      regex: `^(\\.\\./)+(${banned.join('|')})/`,
      allowTypeImports: true,
      message: `src/${layer}/ may import only ${allowed.length ? allowed.map((f) => `src/${f}/`).join(', ') : 'nothing of ours'} (layers run one way)`,
    },
  ]
  if (layer !== FACADE.folder) patterns.push(facadePattern('(\\.\\./)+'))
  if (NO_NODE.includes(layer))
    patterns.push({
      regex: '^node:',
      allowTypeImports: true,
      message: `src/${layer}/ runs in the browser: no Node modules`,
    })
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
}

/** Globals a side may not use (TypeScript's lib has them all, so lint says which side has which). */
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global']
const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'getComputedStyle',
  'requestAnimationFrame',
  'HTMLElement',
  'customElements',
]
const banGlobals = (names, why) => ({
  'no-restricted-globals': ['error', ...names.map((name) => ({ name, message: why }))],
})

/** Browser code: the page's modules (src/runtime/, the home page's live-reload and search scripts). */
const BROWSER = ['src/runtime/**', 'src/site/home-live.ts', 'src/site/search-client.ts']

export default tseslint.config(
  {
    ignores: ['dist/', 'build/', 'node_modules/', '.tmp/', 'coverage/', 'bench/marp/node_modules/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  // Globals: the build side runs in Node; tests and benchmarks drive browsers, so they see both.
  // Shared code touches neither Node nor the DOM (it gets only the language's own globals).
  {
    files: ['**/*.{js,mjs,cjs,ts,mts}'],
    ignores: [...BROWSER, 'src/shared/**', 'src/passk/**'],
    languageOptions: { globals: globals.node },
  },
  { files: BROWSER, languageOptions: { globals: globals.browser } },
  { files: ['tests/**', 'bench/**'], languageOptions: { globals: globals.browser } },
  ...LAYERS.map((layer, i) => ({
    files: [`src/${layer}/**/*.ts`],
    ignores: BROWSER,
    rules: layerRule(layer, LAYERS.slice(0, i)),
  })),
  { files: ['src/runtime/**/*.ts'], rules: layerRule('runtime', RUNTIME_MAY_IMPORT) },
  {
    files: ['src/site/home-live.ts', 'src/site/search-client.ts'],
    rules: layerRule('site', RUNTIME_MAY_IMPORT),
  },
  // Tests and benchmarks use the facade too; a unit test of one of the folder's modules (under
  // tests/unit/untrusted/, mirroring src/) may import that module.
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}'],
    ignores: ['tests/unit/untrusted/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [facadePattern('(\\.\\./)+src/')] },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    // The Mermaid renderer drives a page: its page.evaluate() callbacks run in the browser.
    ignores: [...BROWSER, 'src/compiler/mermaid.ts'],
    rules: banGlobals(
      BROWSER_GLOBALS,
      'build-side code has no DOM (browser code lives in src/runtime/)',
    ),
  },
  {
    files: [...BROWSER, 'src/shared/**/*.ts', 'src/passk/**/*.ts'],
    rules: banGlobals(NODE_GLOBALS, 'this code runs in the browser: no Node globals'),
  },
)
