// Follow-along from Node: a follower's server-sent-events stream and the presenter's POST, as the
// pages use them (for the present server's tests and its latency bench).
import { request, type ClientRequest } from 'node:http'
import { FOLLOW_EVENTS, FOLLOW_POSITION, type FollowPosition } from '../../src/shared/follow.ts'

/** One follower's stream: the positions received (with when), or the status it was refused with. */
export interface Stream {
  status: number
  messages: { data: string; at: number }[]
  /** Resolves with the next message not read yet (received already, or the next to come). */
  next(): Promise<string>
  close(): void
}

/** Opens a follower's stream on `port`; resolves once the server answered its headers. */
export function openStream(port: number, host = '127.0.0.1'): Promise<Stream> {
  return new Promise((done, fail) => {
    const waiting: ((data: string) => void)[] = []
    let read = 0
    const req: ClientRequest = request({ host, port, path: FOLLOW_EVENTS, agent: false }, (res) => {
      const stream: Stream = {
        status: res.statusCode ?? 0,
        messages: [],
        next: () =>
          new Promise((resolve) => {
            const ready = stream.messages[read]
            if (ready) {
              read++
              resolve(ready.data)
            } else waiting.push(resolve)
          }),
        close: () => req.destroy(),
      }
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        const at = performance.now()
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = event
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n')
          if (!data) continue
          stream.messages.push({ data, at })
          const wait = waiting.shift()
          if (wait) {
            read++
            wait(data)
          }
        }
      })
      res.on('error', () => undefined)
      done(stream)
    })
    req.on('error', fail)
    req.end()
  })
}

/** A POST to the position endpoint: its status. */
export function postPosition(
  port: number,
  body: string | FollowPosition,
  key?: string,
  host = '127.0.0.1',
): Promise<number> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return new Promise((done, fail) => {
    const req = request(
      {
        host,
        port,
        path: FOLLOW_POSITION,
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(key === undefined ? {} : { Authorization: `Bearer ${key}` }),
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => done(res.statusCode ?? 0))
      },
    )
    req.on('error', fail)
    req.end(text)
  })
}

/** A raw GET (the path exactly as written, no URL normalisation): status, headers and body. */
export function rawGet(
  port: number,
  path: string,
  host = '127.0.0.1',
): Promise<{
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}> {
  return new Promise((done, fail) => {
    const req = request({ host, port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

/** A raw HEAD request: its status. */
export function rawHead(
  port: number,
  path: string,
  host = '127.0.0.1',
): Promise<{ status: number }> {
  return new Promise((done, fail) => {
    const req = request({ host, port, path, method: 'HEAD', agent: false }, (res) => {
      res.resume()
      res.on('end', () => done({ status: res.statusCode ?? 0 }))
    })
    req.on('error', fail)
    req.end()
  })
}
