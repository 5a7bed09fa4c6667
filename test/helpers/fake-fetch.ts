/**
 * An injected `fetch` that records every request and answers from a queue, so tests can assert
 * the exact request a tool sends (method, URL, headers, body) without a network.
 */
export interface RecordedRequest {
  method: string
  url: URL
  headers: Headers
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown
}

export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  | ((request: RecordedRequest) => Response | Promise<Response>)
  | Error

export interface FakeFetch {
  fetch: typeof globalThis.fetch
  requests: RecordedRequest[]
  /** Queues answers, used in order; the last one repeats when the queue runs dry. */
  reply(...replies: Reply[]): FakeFetch
}

export function jsonResponse(status: number, json: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 || status === 202 ? null : JSON.stringify(json), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

export function fakeFetch(...initial: Reply[]): FakeFetch {
  const queue: Reply[] = [...initial]
  const requests: RecordedRequest[] = []
  let last: Reply | undefined
  const fake: FakeFetch = {
    requests,
    reply(...replies) {
      queue.push(...replies)
      return fake
    },
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init)
      const text = await request.text()
      const recorded: RecordedRequest = {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: text === '' ? undefined : JSON.parse(text),
      }
      requests.push(recorded)
      const next = queue.length > 0 ? queue.shift() : last
      last = next
      if (next === undefined) throw new Error(`fakeFetch: no reply queued for ${request.method} ${request.url}`)
      if (next instanceof Error) throw next
      if (typeof next === 'function') return next(recorded)
      if (next.text !== undefined) {
        return new Response(next.text, { status: next.status, headers: next.headers ?? {} })
      }
      if (next.json === undefined) return new Response(null, { status: next.status, headers: next.headers ?? {} })
      return jsonResponse(next.status, next.json, next.headers)
    },
  }
  return fake
}

export const TEST_TOKEN = 'tok_secret_ABCDEFGHIJKLMNOP0123456789'
