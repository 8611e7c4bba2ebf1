// deck:serve in process: a dev server in middleware mode over a throw-away project in the system
// temp folder, answered through raw HTTP requests (so `..` reaches the server as written). It
// serves only the project's folders (no `..`, `/@fs/` or symlink escape, no .git or .env), no file
// of a deck folder and of assets/ only images (sandboxed), sends the built site's CSP header on
// every page, answers an unknown page with a plain 404, sends a deck's error to that deck's pages
// only, and leaves nothing running once closed.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, dirname, resolve } from 'node:path'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { renderDevHome } from '../../../src/site/dev-home.ts'
import { ASSET_HEADERS } from '../../../src/vite/assets.ts'
import { contentSecurityPolicy } from '../../../src/vite/csp.ts'
import { createDeckContext } from '../../../src/vite/context.ts'
import { servePlugin } from '../../../src/vite/dev-server.ts'
import { deckPlugin } from '../../../src/vite/plugin.ts'
import { inProcessServer, type InProcessServer } from '../../helpers/vite.ts'

const TEMPLATE = `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>x</title><!--deck:head--></head><body><div class="reveal"><div class="slides"><!--deck:slides--></div></div></body></html>`
const GOOD = '2025-01-09-good'
const BROKEN = '2025-01-10-broken'
const SECRET = 'the-secret-is-7f3a'

let ROOT: string
let vite: ViteDevServer
let server: InProcessServer
let port: number
/** Runs once right after the server sends its next message (then clears itself). */
let afterSend: (() => void) | undefined
/** What the server sent to the pages (its HMR channel), in order. */
let sent: { type: string; event?: string; path?: string; data?: { slug?: string } }[]

const write = (path: string, text: string): void => {
  mkdirSync(dirname(resolve(ROOT, path)), { recursive: true })
  writeFileSync(resolve(ROOT, path), text)
}

/** One request with the path exactly as written (no client-side `..` normalising). */
function get(
  path: string,
  accept = 'text/html',
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { accept } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () =>
        done({
          status: res.statusCode!,
          headers: res.headers as Record<string, string>,
          body,
        }),
      )
    })
    req.on('error', fail)
    req.end()
  })
}

/** Calls `listen` with each message the server sends its pages, after sending it. */
function onSend(server: ViteDevServer, listen: (message: unknown) => void): void {
  const ws = server.ws as unknown as { send: (...args: unknown[]) => void }
  const send = ws.send.bind(ws)
  ws.send = (...args) => {
    send(...args)
    listen(args[0])
  }
}

const scriptSrc = (csp: string | undefined): string =>
  /script-src ([^;]*)/.exec(csp ?? '')?.[1] ?? ''

beforeAll(async () => {
  ROOT = mkdtempSync(resolve(tmpdir(), 'deck-dev-'))
  write('index.html', TEMPLATE)
  write(`slides/${GOOD}/01-title.md`, '---\ntitle: Good deck\n---\n# Good deck\n\nHello\n')
  write(`slides/${BROKEN}/01-title.md`, '---\ntitle: Broken deck\n---\n# Broken\n\n$x^{2$\n')
  write(`slides/${GOOD}/.env`, `TOKEN=${SECRET}`)
  write('.git/config', `[remote "origin"]\n  url = https://${SECRET}@example.org/x.git\n`)
  write('.env', `TOKEN=${SECRET}`)
  write('package.json', `{"name": "${SECRET}"}`)
  write('node_modules/.cache/x.txt', SECRET)
  write('assets/ok.txt', 'an asset')
  write('assets/icon.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>pwned()</script></svg>')
  write('assets/evil.html', '<script>pwned()</script>')
  write(
    `slides/${GOOD}/evil.html`,
    '<!doctype html><script>pwned()</script><script src="evil.js"></script>',
  )
  write(
    `slides/${GOOD}/evil.svg`,
    '<svg xmlns="http://www.w3.org/2000/svg"><script>pwned()</script></svg>',
  )
  write(`slides/${GOOD}/evil.js`, 'pwned()')
  write('src/app.js', 'export const app = 1\n')
  // A pull request can add a symlink to the whole disk.
  symlinkSync('/', resolve(ROOT, 'slides/root'))
  symlinkSync('/', resolve(ROOT, `slides/${GOOD}/root`))
  server = await inProcessServer(
    ROOT,
    deckPlugin({ slidesRoot: resolve(ROOT, 'slides'), root: ROOT, homePage: renderDevHome }),
  )
  vite = server.vite
  port = Number(new URL(server.base).port)
  onSend(vite, (message) => {
    sent.push(message as (typeof sent)[number])
    afterSend?.()
  })
}, 60_000)
afterAll(async () => {
  await server?.close()
  rmSync(ROOT, { recursive: true, force: true })
}, 60_000)
beforeEach(() => {
  sent = []
})

describe('the server options', () => {
  it('serves strictly from the project folders, denies secrets, and does not follow symlinks', () => {
    const { fs } = vite.config.server
    expect(fs.strict).toBe(true)
    expect(fs.allow).toEqual(
      expect.arrayContaining([
        resolve(ROOT, 'src'),
        resolve(ROOT, 'slides'),
        resolve(ROOT, 'assets'),
      ]),
    )
    expect(fs.allow).not.toContain(ROOT)
    expect(fs.deny).toEqual(expect.arrayContaining(['.env', '.env.*', '**/.git/**']))
  })
})

describe('what the server refuses', () => {
  it.each([
    ['/.git/config', 'the repository'],
    ['/.env', 'an env file'],
    [`/slides/${GOOD}/.env`, 'an env file inside an allowed folder'],
    ['/node_modules/.cache/x.txt', 'a tool cache'],
    ['/package.json', 'a project file outside the served folders'],
    ['/../package.json', 'a raw `..`'],
    ['/%2e%2e/package.json', 'an encoded `..`'],
    ['/src/../package.json', 'a `..` inside an allowed folder'],
    ['/@fs/etc/passwd', 'an absolute path'],
    ['/slides/root/etc/passwd', 'a symlink in slides/ that points at /'],
    ['/@fs<root>/slides/root/etc/passwd', 'the same symlink through /@fs/'],
    ['/slides/root/etc/passwd?raw', 'the symlink as a ?raw import'],
    ['/slides/2025-01-09-good/root/etc/passwd', 'a symlink to / inside a deck'],
    ['/slides/2025-01-09-good/root/proc/self/environ', "the server's environment through it"],
    ['/@fs<root>/.git/config', 'the repository through /@fs/'],
  ])('%s (%s): 403, a plain page with nothing of the file', async (path) => {
    const res = await get(path.replace('<root>', ROOT), '*/*')
    expect(res.status).toBe(403)
    expect(res.body).not.toContain(SECRET)
    expect(res.body).not.toMatch(/root:x?:0:0|\n\s+at /)
    // The page names the URL asked for, and no other server path.
    if (!path.includes('<root>')) expect(res.body).not.toContain(ROOT)
  })

  it.each([
    [`/slides/${GOOD}/01-title.md`, 'a slide file'],
    [`/slides/${GOOD}/evil.html`, 'a page a deck adds'],
    [`/slides/${GOOD}/evil.svg`, 'an SVG a deck adds'],
    [`/slides/${GOOD}/evil.js`, 'a script a deck adds'],
    [`/slides/${GOOD}/evil.js?import`, 'the same as a module'],
    [`/slides/${GOOD}/01-title.md?raw`, 'a slide file as a ?raw import'],
    [`/slides/${GOOD}/`, "a deck's folder"],
    [`/@fs<root>/slides/${GOOD}/evil.html`, 'a page a deck adds, through /@fs/'],
    [`/slides/${GOOD}/%65vil.html`, 'a percent-encoded name'],
    ['/assets/ok.txt', 'a file of assets/ that is no image'],
    ['/assets/evil.html', 'a page in assets/'],
  ])('%s (%s): a plain 404 page', async (path) => {
    for (const accept of ['text/html', '*/*']) {
      const res = await get(path.replace('<root>', ROOT), accept)
      expect(res.status).toBe(404)
      expect(res.body).not.toMatch(/pwned|# Good deck|an asset/)
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy())
    }
  })

  it('serves an image of assets/ as one that never runs as a page: nosniff and a sandbox', async () => {
    const res = await get('/assets/icon.svg', '*/*')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toContain('image/svg+xml')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toBe(ASSET_HEADERS['Content-Security-Policy'])
  })

  it("sends the runtime's files with nosniff and a sandbox policy too", async () => {
    const res = await get('/src/app.js', '*/*')
    expect(res.status).toBe(200)
    expect(res.body).toContain('export const app')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toBe(ASSET_HEADERS['Content-Security-Policy'])
  })
})

describe('pages', () => {
  it("sends the built site's CSP header on the home page and a deck page (no inline script)", async () => {
    for (const path of ['/', `/${GOOD}/`]) {
      const res = await get(path)
      expect(res.status).toBe(200)
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy())
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
  })

  it('answers an unknown page with a plain 404 (no stack trace), sending nothing to open pages', async () => {
    for (const path of ['/typo/', '/typo', '/typo/index.html', '/2025-99-99-nothing/']) {
      const res = await get(path)
      expect(res.status).toBe(404)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.body).toContain(`There is no page at ${path}.`)
      expect(res.body).not.toMatch(/\n\s+at |Error:/)
      expect(res.body).not.toContain(ROOT)
      expect(scriptSrc(res.headers['content-security-policy'])).toBe("'self'")
    }
    expect(sent).toEqual([])
  })

  it('escapes a hostile path in the 404 page', async () => {
    const res = await get('/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%1b[2J/')
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('<img')
    expect(res.body).not.toContain('\u001b')
  })

  it('redirects /<slug> to /<slug>/', async () => {
    const res = await get(`/${GOOD}?x=1`)
    expect(res.status).toBe(301)
    expect(res.headers.location).toBe(`/${GOOD}/?x=1`)
  })

  it("answers a broken deck's page with the overlay page (file:line, no stack), only to that deck", async () => {
    const res = await get(`/${BROKEN}/`)
    expect(res.status).toBe(500)
    const error = JSON.parse(
      /<script type="application\/json" id="deck-error">(.*?)<\/script>/s.exec(res.body)![1]!,
    )
    expect(error.message).toMatch(/01-title\.md:6:\d+: error: KaTeX: .*\[katex-parse\]/)
    expect(error.stack).toBe('')
    expect(res.body).not.toMatch(/\n\s+at /)
    // Its one inline script is the server's own, allowed by hash and nothing else.
    const own = /<script type="module">([\s\S]*?)<\/script>/.exec(res.body)![1]!
    const hash = `'sha256-${createHash('sha256').update(own).digest('base64')}'`
    expect(scriptSrc(res.headers['content-security-policy'])).toBe(`'self' ${hash}`)
    // Never Vite's `error` to every tab: a deck:error for this deck's pages only.
    expect(sent).toEqual([
      { type: 'custom', event: 'deck:error', data: expect.objectContaining({ slug: BROKEN }) },
    ])
  })
})

describe('live updates', () => {
  const file = (): string => resolve(ROOT, `slides/${GOOD}/01-title.md`)
  const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
  /** Waits for `n` messages, then past the server's second look at the file (80 ms). */
  const settle = async (n: number): Promise<void> => {
    for (let i = 0; i < 400 && sent.length < n; i++) await pause(50)
    await pause(200)
  }

  it("sends a deck's new error to that deck only, and reloads only that deck's pages when fixed", async () => {
    const good = readFileSync(file(), 'utf8')
    writeFileSync(file(), good.replace('Hello', 'Hello $\\frac{1$'))
    vite.watcher.emit('change', file())
    await settle(1)
    expect(sent).toEqual([
      {
        type: 'custom',
        event: 'deck:error',
        data: {
          slug: GOOD,
          err: expect.objectContaining({
            message: expect.stringMatching(/01-title\.md:6:\d+: error: KaTeX/),
            stack: '',
            plugin: 'deck',
          }),
        },
      },
    ])
    sent = []
    writeFileSync(file(), good)
    vite.watcher.emit('change', file())
    await settle(1)
    expect(sent).toEqual([{ type: 'full-reload', path: `/${GOOD}/index.html` }])
    sent = []
    writeFileSync(file(), good.replace('Hello', 'Hi'))
    vite.watcher.emit('change', file())
    await settle(1)
    expect(sent).toEqual([
      { type: 'custom', event: 'deck:update', data: expect.objectContaining({ slug: GOOD }) },
    ])
    writeFileSync(file(), good)
    vite.watcher.emit('change', file())
    await settle(1)
  }, 60_000)

  it("reloads the deck's pages when its headmatter changed, and sends only the changed slide otherwise", async () => {
    const good = readFileSync(file(), 'utf8')
    // The page learns what it shows when it loads.
    expect((await get(`/${GOOD}/`)).status).toBe(200)
    writeFileSync(file(), good.replace('Hello', 'Hello, world'))
    vite.watcher.emit('change', file())
    await settle(1)
    expect(sent).toEqual([
      {
        type: 'custom',
        event: 'deck:update',
        data: {
          slug: GOOD,
          title: 'Good deck',
          changed: [{ index: 0, html: expect.stringContaining('Hello, world') }],
        },
      },
    ])
    sent = []
    writeFileSync(file(), good.replace('title: Good deck', 'title: A good deck'))
    vite.watcher.emit('change', file())
    await settle(1)
    expect(sent).toEqual([{ type: 'full-reload', path: `/${GOOD}/index.html` }])
    sent = []
    writeFileSync(file(), good)
    vite.watcher.emit('change', file())
    await settle(1)
  }, 60_000)

  it('sends the slide of a chart again when a data file its ```vega-lite block reads changed', async () => {
    const chart = resolve(ROOT, `slides/${GOOD}/02-chart.md`)
    const data = resolve(ROOT, `slides/${GOOD}/data/values.csv`)
    write(`slides/${GOOD}/data/values.csv`, 'name,value\nalpha,3\nbeta,5\n')
    const spec = {
      description: 'Two values',
      data: { url: 'data/values.csv' },
      mark: 'bar',
      encoding: {
        x: { field: 'name', type: 'nominal' },
        y: { field: 'value', type: 'quantitative' },
      },
    }
    writeFileSync(chart, `## Chart\n\n\`\`\`vega-lite\n${JSON.stringify(spec)}\n\`\`\`\n`)
    vite.watcher.emit('add', chart)
    await settle(1)
    expect(sent.map((m) => m.event ?? m.type)).toEqual(['deck:update'])
    sent = []
    // Only the data changed: no Markdown file of the deck did.
    writeFileSync(data, 'name,value\nalpha,3\ngamma,5\n')
    vite.watcher.emit('change', data)
    await settle(1)
    expect(sent).toEqual([
      {
        type: 'custom',
        event: 'deck:update',
        data: {
          slug: GOOD,
          title: 'Good deck',
          changed: [{ index: 1, html: expect.stringContaining('gamma') }],
        },
      },
    ])
    expect(JSON.stringify(sent)).not.toContain('beta')
    sent = []
    rmSync(chart)
    rmSync(dirname(data), { recursive: true })
    vite.watcher.emit('unlink', chart)
    await settle(1)
  }, 120_000)

  it("picks up a second save that came within the watcher's 50 ms throttle (no event of its own)", async () => {
    const good = readFileSync(file(), 'utf8')
    writeFileSync(file(), good.replace('Hello', 'Hello $\\frac{1$'))
    // The fix is saved right after the server handled the broken save, within chokidar's
    // throttle window, which drops its change event: the server gets no event for it.
    afterSend = () => {
      afterSend = undefined
      writeFileSync(file(), good.replace('Hello', 'Hello again'))
    }
    vite.watcher.emit('change', file())
    await settle(2)
    expect(sent.map((m) => m.event ?? m.type)).toEqual(['deck:error', 'full-reload'])
    sent = []
    writeFileSync(file(), good)
    vite.watcher.emit('change', file())
    await settle(1)
  }, 60_000)
})

describe('the watcher', () => {
  it('does not follow a symlink to / out of the project, and the server keeps serving', async () => {
    const watching = await createServer({
      configFile: false,
      root: ROOT,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [
        deckPlugin({ slidesRoot: resolve(ROOT, 'slides'), root: ROOT, homePage: renderDevHome }),
      ],
    })
    try {
      expect(watching.config.server.watch?.followSymlinks).toBe(false)
      // Wait until the watcher has read the project's folders (slides/ holds the symlink).
      const slides = resolve(ROOT, 'slides')
      const listed = (): string[] => watching.watcher.getWatched()[slides] ?? []
      for (let i = 0; i < 200 && !listed().includes(GOOD); i++)
        await new Promise((r) => setTimeout(r, 50))
      expect(listed()).toContain(GOOD)
      const dirs = Object.keys(watching.watcher.getWatched())
      expect(dirs.length).toBeGreaterThan(0)
      expect(dirs.filter((d) => !d.startsWith(ROOT) && !ROOT.startsWith(d))).toEqual([])
      expect(dirs).not.toContain(resolve(ROOT, 'slides/root'))
      expect(dirs.some((d) => d.startsWith(resolve(ROOT, 'slides/root') + '/'))).toBe(false)
    } finally {
      await watching.close()
    }
    expect((await get(`/${GOOD}/`)).status).toBe(200)
  }, 60_000)
})

describe('closing the server', () => {
  it('cancels what the live updates scheduled: nothing runs once the server and its folder are gone', async () => {
    const root = mkdtempSync(resolve(tmpdir(), 'deck-dev-close-'))
    const file = resolve(root, `slides/${GOOD}/01-title.md`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(resolve(root, 'index.html'), TEMPLATE)
    writeFileSync(file, '# Good deck\n\nHello\n')
    const rejections: unknown[] = []
    const onRejection = (reason: unknown): void => void rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    const closing = await inProcessServer(
      root,
      deckPlugin({ slidesRoot: resolve(root, 'slides'), root, homePage: renderDevHome }),
    )
    const messages: unknown[] = []
    onSend(closing.vite, (message) => messages.push(message))
    try {
      writeFileSync(file, '# Good deck\n\nHello again\n')
      closing.vite.watcher.emit('change', file)
      // Handled: the server's second look at the file (chokidar's throttle) is now scheduled.
      for (let i = 0; i < 400 && messages.length === 0; i++)
        await new Promise((r) => setTimeout(r, 10))
      expect(messages).toHaveLength(1)
    } finally {
      await closing.close()
      rmSync(root, { recursive: true, force: true })
    }
    // Past the second look: it must not have run (the deck's folder is gone).
    await new Promise((r) => setTimeout(r, 400))
    process.off('unhandledRejection', onRejection)
    expect(rejections).toEqual([])
    expect(messages).toHaveLength(1)
  }, 30_000)
})

describe('starting', () => {
  it('compiles every deck before any page asks for one, newest first', async () => {
    const ctx = createDeckContext({ slidesRoot: resolve(ROOT, 'slides'), root: ROOT })
    const compiled: string[] = []
    const compile = ctx.compile.bind(ctx)
    ctx.compile = (dir) => {
      compiled.push(basename(dir))
      return compile(dir)
    }
    const starting = await inProcessServer(ROOT, [servePlugin(ctx, { broken: false })])
    try {
      for (let i = 0; i < 400 && compiled.length < 2; i++)
        await new Promise((r) => setTimeout(r, 25))
      expect(compiled).toEqual([BROKEN, GOOD])
    } finally {
      await starting.close()
    }
  }, 30_000)
})
