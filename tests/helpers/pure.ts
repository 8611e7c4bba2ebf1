// Setup file of the `unit` project: a unit test runs in its own Node process only. Starting a child
// process (and so a browser), opening a TCP connection or listening on a port throws, naming the
// folder where such a test belongs. Patched on the modules' shared objects, so it holds for the
// code under test and for every library it loads.
import childProcess from 'node:child_process'
import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'

const refuse = (what: string) =>
  function refused(): never {
    throw new Error(
      `${what} in a unit test: tests/unit/ and tests/robust/ run in Node alone (no child process, ` +
        `browser, network or server); a test that needs one belongs in tests/integration/`,
    )
  }

for (const name of [
  'spawn',
  'spawnSync',
  'exec',
  'execSync',
  'execFile',
  'execFileSync',
  'fork',
] as const)
  Object.defineProperty(childProcess, name, {
    value: refuse(`child_process.${name}`),
    configurable: true,
    writable: true,
  })
net.Server.prototype.listen = refuse('listening on a port (a server)')
net.Socket.prototype.connect = refuse('opening a network connection')
globalThis.fetch = refuse('fetch')
syncBuiltinESMExports()
