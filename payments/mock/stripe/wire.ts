import { delay, http, HttpResponse, type HttpHandler, type PathParams } from 'msw'
import { createIdempotencyStore } from './idempotency'
import {
  fingerprint,
  int,
  invalidParam,
  parseParams,
  str,
  strings,
  StripeApiError,
  type Params,
} from './params'
import { apiVersion, newId, type Json } from './records'

/**
 * Stripe's wire protocol around the mock's endpoints: Bearer auth, form-encoded parameters, the idempotency
 * rules, Stripe's error bodies and headers, list pages and `expand[]` checks, and the test switches that make
 * the next request fail. An endpoint itself only reads parameters and returns an object, or throws a
 * `StripeApiError`.
 */

export interface RequestContext {
  params: Params
  /** path parameters (`:id`) */
  ids: Record<string, string>
  requestId: string
  idempotencyKey: string | null
}

export type Route = (context: RequestContext) => Json

type Switch = { kind: '500' } | { kind: 'timeout'; ms: number } | { kind: 'slow'; ms: number }

interface Answer {
  status: number
  /** JSON text, so a replay is byte-for-byte the first answer */
  body: string
  /** whether the idempotency layer saves it */
  store: boolean
}

const errorAnswer = (status: number, error: StripeApiError['body']): Answer => ({
  status,
  body: JSON.stringify({ error }),
  store: false,
})

function idsOf(params: PathParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]))
}

export function createWire(options: {
  apiBase: string
  secretKey: string
  nowMs: () => number
  /** runs before every endpoint (the mock expires due sessions there) */
  beforeEach: () => void
}) {
  const idempotency = createIdempotencyStore(options.nowMs)
  const switches: Switch[] = []

  function execute(run: Route, context: RequestContext): Answer {
    try {
      options.beforeEach()
      return { status: 200, body: JSON.stringify(run(context)), store: true }
    } catch (error) {
      if (error instanceof StripeApiError) {
        return { status: error.status, body: JSON.stringify({ error: error.body }), store: error.store }
      }
      // A bug in the mock: answered like Stripe's own failures, and never saved, so a retry runs again.
      return errorAnswer(500, { type: 'api_error', message: `mock Stripe failed: ${String(error)}` })
    }
  }

  function authenticate(request: Request): Answer | null {
    const match = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')
    if (!match) {
      return errorAnswer(401, {
        type: 'invalid_request_error',
        message:
          'You did not provide an API key. You need to provide your API key in the Authorization header, using ' +
          "Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      })
    }
    const key = match[1]
    if (key !== options.secretKey) {
      const masked = `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`
      return errorAnswer(401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${masked}`,
      })
    }
    return null
  }

  /** Stripe's idempotency rules (see idempotency.ts) around one POST carrying a key. */
  async function idempotent(
    key: string,
    request: { method: string; path: string; params: Params },
    perform: () => Promise<Answer>,
  ): Promise<{ answer: Answer; replayed: boolean }> {
    if (key.length > 255) {
      const message = 'Idempotency-Key must be at most 255 characters.'
      return { answer: errorAnswer(400, { type: 'invalid_request_error', message }), replayed: false }
    }
    const claim = idempotency.claim(key, fingerprint(request.method, request.path, request.params))
    switch (claim.kind) {
      case 'in_use':
        return {
          answer: errorAnswer(409, {
            type: 'invalid_request_error',
            code: 'idempotency_key_in_use',
            message:
              'There is currently another in-progress request using this Idempotency Key (that probably means ' +
              `you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
          }),
          replayed: false,
        }
      case 'mismatch':
        return {
          answer: errorAnswer(400, {
            type: 'idempotency_error',
            message:
              'Keys for idempotent requests can only be used with the same parameters they were first used with. ' +
              `Try using a key other than '${key}' if you meant to execute a different request.`,
          }),
          replayed: false,
        }
      case 'replay':
        return { answer: { ...claim.response, store: false }, replayed: true }
      case 'new': {
        const answer = await perform()
        if (answer.store) idempotency.settle(key, { status: answer.status, body: answer.body })
        else idempotency.release(key)
        return { answer, replayed: false }
      }
    }
  }

  function endpoint(method: 'GET' | 'POST', path: string, run: Route): HttpHandler {
    const route = method === 'GET' ? http.get : http.post
    return route(`${options.apiBase}${path}`, async ({ request, params: pathParams }) => {
      const requestId = newId('req')
      const sw = switches.shift()
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'Request-Id': requestId,
        'Stripe-Version': apiVersion,
      }
      const reply = (a: Answer) => new HttpResponse(a.body, { status: a.status, headers })
      // An outage in front of the API: nothing is done and nothing is saved under the idempotency key.
      if (sw?.kind === '500') {
        return reply(
          errorAnswer(500, { type: 'api_error', message: 'An unknown error occurred (mock outage).' }),
        )
      }
      const denied = authenticate(request)
      if (denied) return reply(denied)
      const url = new URL(request.url)
      const params = parseParams(method === 'GET' ? url.search.slice(1) : await request.text())
      const key = method === 'POST' ? request.headers.get('idempotency-key') : null
      const context: RequestContext = { params, ids: idsOf(pathParams), requestId, idempotencyKey: key }
      const perform = async () => {
        if (sw?.kind === 'slow') await delay(sw.ms)
        return execute(run, context)
      }
      let answer: Answer
      if (key === null) {
        answer = await perform()
      } else {
        headers['Idempotency-Key'] = key
        const result = await idempotent(key, { method, path: url.pathname, params }, perform)
        if (result.replayed) headers['Idempotent-Replayed'] = 'true'
        answer = result.answer
      }
      // The work is done (and saved under the key); only the answer is late, past the caller's timeout.
      if (sw?.kind === 'timeout') await delay(sw.ms)
      return reply(answer)
    })
  }

  /** Anything else under the API host, answered as Stripe answers an unknown URL (never left unhandled). */
  function unknownUrl(): HttpHandler {
    return http.all(`${options.apiBase}/*`, ({ request }) => {
      const url = new URL(request.url)
      return HttpResponse.json(
        {
          error: {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (${request.method}: ${url.pathname}). The mock Stripe does not implement it.`,
          },
        },
        { status: 404 },
      )
    })
  }

  return {
    endpoint,
    unknownUrl,
    /** '500': answer 500 doing nothing; 'timeout': do the work, answer after ms; 'slow': wait ms, then work. */
    failNext(next: Switch) {
      switches.push(next)
    },
    reset() {
      switches.length = 0
      idempotency.clear()
    },
  }
}

/** expand[] checked against what the object allows; on a list endpoint every path starts with `data.`. */
export function expansions(params: Params, allowed: readonly string[], list = false): string[] {
  return strings(params, 'expand').map((path) => {
    const inner = list ? (path.startsWith('data.') ? path.slice(5) : null) : path
    if (inner === null || !allowed.includes(inner)) {
      throw invalidParam(`This property cannot be expanded (${path}).`, 'expand')
    }
    return inner
  })
}

/** The parameters every list endpoint takes. */
export const listParams = ['limit', 'starting_after', 'ending_before', 'created', 'expand']

/**
 * A Stripe list page: newest first, `limit` (1–100, default 10), `starting_after` / `ending_before` cursors
 * (an id from the whole list, so a cursor stays valid whatever the filters), `has_more`.
 */
export function page<T extends { id: string; seq: number }>(
  all: Iterable<T>,
  keep: (item: T) => boolean,
  params: Params,
  url: string,
  render: (item: T) => Json,
): Json {
  const limit = int(params, 'limit', { min: 1, max: 100 }) ?? 10
  const after = str(params, 'starting_after')
  const before = str(params, 'ending_before')
  const sorted = [...all].sort((a, b) => b.seq - a.seq)
  const cursor = (id: string, param: string) => {
    const i = sorted.findIndex((item) => item.id === id)
    if (i < 0) throw invalidParam(`No such object: '${id}'`, param, 'resource_missing')
    return i
  }
  let data: T[]
  let hasMore: boolean
  if (after) {
    const rest = sorted.slice(cursor(after, 'starting_after') + 1).filter(keep)
    data = rest.slice(0, limit)
    hasMore = rest.length > limit
  } else if (before) {
    const head = sorted.slice(0, cursor(before, 'ending_before')).filter(keep)
    data = head.slice(Math.max(0, head.length - limit))
    hasMore = head.length > limit
  } else {
    const matching = sorted.filter(keep)
    data = matching.slice(0, limit)
    hasMore = matching.length > limit
  }
  return { object: 'list', data: data.map(render), has_more: hasMore, url }
}
