// Two test projects: `unit` (Node, fixtures in -> slides or diagnostics out) and `browser`
// (headless Chromium against the built site in dist/; run after `npm run build`).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // tests/unit/ mirrors src/ (tests/unit/<path>.test.ts tests src/<path>.ts); robust/ holds
          // the pathological, hostile and random inputs.
          include: ['tests/unit/**/*.test.ts', 'tests/robust/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
})
