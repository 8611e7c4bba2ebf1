// The unit project runs in Node alone (tests/helpers/pure.ts): a child process, a server, a
// connection or a fetch throws, saying where such a test belongs, for imports of either form.
import * as childProcess from 'node:child_process'
import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:http'
import net from 'node:net'
import { describe, expect, it } from 'vitest'

const WHERE = /belongs in tests\/integration\//

describe('a unit test', () => {
  it('starts no child process', () => {
    expect(() => spawn('true')).toThrow(WHERE)
    expect(() => execFileSync('true')).toThrow(WHERE)
    expect(() => childProcess.fork('x.js')).toThrow(WHERE)
  })

  it('opens no server and no connection', () => {
    expect(() => createServer().listen(0)).toThrow(WHERE)
    expect(() => net.connect(80, '127.0.0.1')).toThrow(WHERE)
    expect(() => fetch('http://127.0.0.1/')).toThrow(WHERE)
  })

  it('launches no browser', async () => {
    const { chromium } = await import('playwright-core')
    // Closed at once should it start after all.
    const launched = chromium.launch({ executablePath: '/usr/bin/chromium' })
    await expect(launched.then((browser) => browser.close())).rejects.toThrow(WHERE)
  })
})
