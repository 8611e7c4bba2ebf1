// Test projects. `npm test` (scripts/test.mjs) runs each on its own, in this order:
// - `unit` (`npm run test:unit`, the quick loop): Node alone, fixtures in -> slides or diagnostics
//   out. A child process, a browser, a network connection or a server throws there
//   (tests/helpers/pure.ts).
// - `integration` (`npm run test:integration`): the CLI as a child process, Vite builds and servers
//   in process, Mermaid drawn in Chromium.
// - `browser` (headless Chromium against built sites; after `npm run build`, two files at a time)
//   and `browser-dev` (the dev server's file-watching tests, one at a time): `npm run test:browser`.
// Every timeout is a hang guard, not a speed check: seen at a load average of 20 on 2 cores, a
// browser test of 10 s took over 60 s.
import { defineConfig } from 'vitest/config'

/** Browser tests that edit files under a running dev server. */
const DEV_SERVER = ['tests/browser/dev-*.test.ts']

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // tests/unit/ mirrors src/ (tests/unit/<path>.test.ts tests src/<path>.ts); robust/ holds
          // the pathological, hostile and random inputs. Both in Node alone.
          include: ['tests/unit/**/*.test.ts', 'tests/robust/**/*.test.ts'],
          environment: 'node',
          // No child process, browser, network or server (each throws): those tests are integration.
          setupFiles: ['tests/helpers/pure.ts'],
          // The files of a worker share the modules they import (markdown-it, KaTeX, Shiki, …)
          // rather than each loading them again: half the project's CPU time.
          isolate: false,
          // Two workers (Vitest's default on 2 cores is one): the longest file (robust/fuzz) on
          // one, the rest on the other, each loading the shared modules once.
          maxWorkers: 2,
          // A hang guard, not a speed check: a busy machine stretches a test's wall time many
          // times over (tests that bound a time bound CPU time, tests/helpers/cpu.ts).
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          // Tests that need a child process, a Vite server or Chromium besides Node itself.
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // build/ (the compiled CLI, the page shell) made fresh once, before every file.
          globalSetup: ['tests/helpers/integration-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          exclude: [...DEV_SERVER],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // Two files at a time (one per core): each has its own Chromium and its own server.
          maxWorkers: 2,
          // A worker's files share the modules they import (Vite, playwright-core, the compiler)
          // rather than each loading them again; none changes global state.
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'browser-dev',
          // The dev-server files wait for file-watcher events: alone, after the others, one at a time.
          include: [...DEV_SERVER],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
