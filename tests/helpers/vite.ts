// An in-process Vite dev server for plugin tests (Vite's hooks.spec.ts pattern): middleware mode
// without a websocket or a watcher, its middlewares answering on a loopback port.
import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer, type Plugin, type ViteDevServer } from 'vite'

export interface InProcessServer {
  vite: ViteDevServer
  /** `http://127.0.0.1:<port>` */
  base: string
  close(): Promise<void>
}

export async function inProcessServer(root: string, plugins: Plugin[]): Promise<InProcessServer> {
  const vite = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, ws: false, watch: null },
    // Nothing to pre-bundle in a test project: keep the optimizer from scanning.
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins,
  })
  const http: Server = createHttpServer(vite.middlewares)
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
  return {
    vite,
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((done) => http.close(done))
      await vite.close()
    },
  }
}
