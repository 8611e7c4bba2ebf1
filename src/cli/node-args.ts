// How the CLI is started (package.json's build/check scripts, tests, the bench): plain Node with
// Vite loaded before tsx's hooks, which would otherwise slow Vite's own loading by about a second.
export const CLI_NODE_ARGS = ['--import', 'vite', '--import', 'tsx']
