import { randomBytes, randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { createReadableStreamFromReadable, createRequestHandler, type AppLoadContext } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../../db/schema'
import type { FileStorage } from '../modules/files/storage.server'
import type { PaymentsRuntime } from '../modules/payments/runtime.server'
import type { Env } from '../utils/env.server'
import type { PortalBuild } from './build'
import type { AppContext } from './context'
import {
  bodyWithNonce,
  CatalogueVersion,
  matchesEtag,
  PublicPageCache,
  toCachedPage,
  type CachedPage,
} from './public-cache'
import {
  hasFormBody,
  isAllowedHost,
  isSameOriginRequest,
  securityHeaders,
  isGatewayCallback,
} from './security'

export interface AppOptions {
  /** from loadBuild(): the routes, and (build.entry.module) everything else this server uses of the app */
  build: PortalBuild
  db: Kysely<Database>
  env: Env
  logger: Logger
  sessionSecret: string
  storage: FileStorage
  payments: PaymentsRuntime
  /** folder that holds `build/` (fingerprinted assets) and the other public files */
  publicDir: string
}

function plainPage(lng: 'vi' | 'en', title: string, body: string, home: string): string {
  return `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${home}</a></p></main></body></html>`
}

type ErrorText = 'notFound' | 'forbidden' | 'badRequest' | 'server'
/** The translated title and text of the plain error page for a status. */
const errorTextFor = (status: number): ErrorText =>
  status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status >= 500 ? 'server' : 'badRequest'

/**
 * Undici's `Request.formData()` throws a TypeError on a body that is not a well-formed form (a broken multipart
 * body, a missing boundary). Every action reads its form that way, so a malformed request would be a 500 with
 * the error's text. Installed once per process: such a failure is thrown as a 400 Response instead, which Remix
 * renders as the translated "request could not be handled" page (a resource route answers it as is).
 */
function answerMalformedFormsWith400() {
  const proto = Request.prototype as Request & { [malformedFormsPatched]?: true }
  if (proto[malformedFormsPatched]) return
  const formData = proto.formData
  proto.formData = async function (this: Request) {
    try {
      return await formData.call(this)
    } catch (error) {
      if (error instanceof TypeError) throw new Response(null, { status: 400, statusText: 'Bad Request' })
      throw error
    }
  }
  proto[malformedFormsPatched] = true
}
const malformedFormsPatched = Symbol.for('portal.malformedFormsPatched')

export function createApp(options: AppOptions) {
  const { build, db, env, logger } = options
  const entry = build.entry.module
  const { isLng, lngCookie, resources } = entry
  // https (cookies `__Host-` + Secure, HSTS): always in live, in a demo only behind an https PUBLIC_URL.
  const https = entry.httpsOnly(env)
  const sessionCookie = entry.createSessionCookie({ secure: https, secret: options.sessionSecret })
  const app = express()
  app.disable('x-powered-by')
  // A hop count or the proxies' addresses (never `true`, which believes any client's X-Forwarded-For).
  app.set('trust proxy', entry.trustProxySetting(env))
  answerMalformedFormsWith400()
  const publicHost = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).host : null
  const publicOrigin = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : null

  const lngOf = async (req: express.Request): Promise<'vi' | 'en'> => {
    if (isLng(req.query.lng)) return req.query.lng
    const parsed: unknown = await lngCookie.parse(req.get('cookie') ?? null).catch(() => null)
    return isLng(parsed) ? parsed : 'vi'
  }
  /** A plain translated page, for what is refused before (or outside) the Remix app. Never a stack. */
  const sendPlain = async (
    req: express.Request,
    res: express.Response,
    status: number,
    text: ErrorText,
    body?: 'crossSite' | 'foreignHost' | 'unsupportedBody',
  ) => {
    const lng = await lngOf(req)
    const t = resources[lng].common.errors
    res
      .status(status)
      .set('Cache-Control', 'private, no-store')
      .type('html')
      .send(plainPage(lng, t[`${text}Title`], t[body ?? `${text}Body`], t.backHome))
  }

  // Request id, nonce and one JSON log line per request (path only: query strings may hold lookup codes).
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id')
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID()
    res.locals.requestId = requestId
    res.locals.nonce = randomBytes(16).toString('base64')
    res.setHeader('X-Request-Id', requestId)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (req.path.startsWith('/build/')) return
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      )
    })
    next()
  })

  // DNS rebinding: a page of a foreign site whose name resolves to us must not be answered as ours. The Host
  // header must be PUBLIC_URL's, or name the address and port this connection came in on (or localhost).
  app.use((req, res, next) => {
    if (isAllowedHost(req.headers.host, publicHost, req.socket)) return next()
    logger.warn(
      {
        requestId: res.locals.requestId,
        event: 'foreign_host_refused',
        host: req.headers.host?.slice(0, 100),
      },
      'foreign Host refused',
    )
    void sendPlain(req, res, 421, 'badRequest', 'foreignHost').catch(next)
  })

  app.use(compression())
  app.use('/build', express.static(path.join(options.publicDir, 'build'), { immutable: true, maxAge: '1y' }))
  // The other public files (the favicon) by name: a page's request is not a file-system lookup first.
  const publicFiles = new Set(
    readdirSync(options.publicDir, { withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => `/${f.name}`),
  )
  const staticFiles = express.static(options.publicDir, { maxAge: '1h', index: false })
  app.use((req, res, next) => (publicFiles.has(req.path) ? staticFiles(req, res, next) : next()))

  // Liveness: the process is up and its database answers within 2 s. CI and the e2e server wait on its {status:'ok'}.
  app.get('/healthz', async (_req, res) => {
    try {
      await withTimeout(sql`SELECT 1`.execute(db), 2000)
      sendProbe(res, 200, { status: 'ok' })
    } catch {
      sendProbe(res, 503, { status: 'unavailable' })
    }
  })

  // Readiness: whether this server should be given traffic — the database answers, its migrations are exactly
  // this code's (none pending, none newer), the file store can be written. Each check by name, each with its own
  // short timeout, run together. The body names what failed but not why (it is public); the log line says why,
  // once per change of state.
  const readinessChecks: Record<string, () => Promise<unknown>> = {
    database: () => sql`SELECT 1`.execute(db),
    migrations: async () => {
      const state = await entry.migrationState(db)
      if (state.unknown.length) throw new ReadinessError(`${state.unknown.length} newer than the code`)
      if (state.pending.length) throw new ReadinessError(`${state.pending.length} pending`)
    },
    storage: () => options.storage.check(),
  }
  const lastReadiness = new Map<string, string>()
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(readinessChecks).map(async ([name, check]) => {
        const started = performance.now()
        let status = 'ok'
        let reason: string | undefined
        try {
          await withTimeout(check(), readinessTimeoutMs)
        } catch (error) {
          status = 'unavailable'
          reason = error instanceof ReadinessError ? error.message : undefined
          const detail = (error as Error)?.message || (error as { code?: string })?.code || String(error)
          if (lastReadiness.get(name) !== detail)
            logger.warn({ event: 'not_ready', check: name, reason: detail }, `not ready: ${name}`)
          lastReadiness.set(name, detail)
        }
        if (status === 'ok' && lastReadiness.get(name) !== 'ok') {
          if (lastReadiness.has(name)) logger.info({ event: 'ready', check: name }, `ready again: ${name}`)
          lastReadiness.set(name, 'ok')
        }
        const ms = Math.round(performance.now() - started)
        return [name, reason ? { status, reason, ms } : { status, ms }] as const
      }),
    )
    const ready = results.every(([, r]) => r.status === 'ok')
    sendProbe(res, ready ? 200 : 503, {
      status: ready ? 'ok' : 'unavailable',
      checks: Object.fromEntries(results),
    })
  })

  app.use(securityHeaders(https, env.NODE_ENV === 'development' ? env.REMIX_DEV_ORIGIN : undefined))

  // Gateway callbacks (POST /webhooks/stripe, GET /webhooks/vnpay/ipn) are resource routes of the build that
  // read the raw body themselves: server-to-server, so outside the same-origin rule below (security.ts), and
  // authenticated by their signatures over the bytes as sent. No body parser may run before them.
  const originOf = (req: express.Request) => publicOrigin ?? `${req.protocol}://${req.get('host')}`

  app.use(async (req, res, next) => {
    if (isSameOriginRequest(req, originOf(req))) return next()
    logger.warn(
      { requestId: res.locals.requestId, event: 'cross_site_refused', path: req.path },
      'cross-site refused',
    )
    await sendPlain(req, res, 403, 'forbidden', 'crossSite').catch(next)
  })

  // Our pages post forms only (urlencoded or multipart): any other body (JSON, none at all) is refused here
  // with 415 instead of failing inside an action. Gateway callbacks read their raw body themselves.
  app.use((req, res, next) => {
    if (isGatewayCallback(req) || hasFormBody(req)) return next()
    void sendPlain(req, res, 415, 'badRequest', 'unsupportedBody').catch(next)
  })

  // ?lng=en is remembered in a cookie (detection itself is remix-i18next's, in entry.server and root).
  app.use(async (req, res, next) => {
    const lng = req.query.lng
    if (isLng(lng)) res.append('Set-Cookie', await lngCookie.serialize(lng))
    next()
  })

  // Stacks and error messages only in the developer's loop (npm run dev); tests and demos run as production.
  const handleRemix = createRequestHandler(
    build,
    env.NODE_ENV === 'development' ? 'development' : 'production',
  )
  const sessionCookiePattern = new RegExp(`(?:^|;\\s*)${sessionCookie.name.replace(/[$-]/g, '\\$&')}=`)

  // Anonymous public pages from the server's cache (issue 12 §3), checked against the catalogue version.
  const publicCache = new PublicPageCache(env.PUBLIC_CACHE_MAX_ENTRIES, env.PUBLIC_CACHE_MAX_BYTES)
  const catalogueVersion = new CatalogueVersion(db, env.PUBLIC_CACHE_VERSION_MS)
  const publicCacheControl = `public, max-age=${env.PUBLIC_CACHE_MAX_AGE}, stale-while-revalidate=${env.PUBLIC_CACHE_SWR}`

  /** The cache key of an anonymous GET of a public page, or null when the request must reach Remix as it is. */
  const publicKeyOf = async (req: express.Request): Promise<string | null> => {
    if (!publicCache.enabled || req.method !== 'GET' || !isPublicCataloguePath(req.path)) return null
    // A session cookie (valid or not) never gets nor fills the public cache; ?lng= answers set a cookie.
    const cookie = req.get('cookie') ?? ''
    if (sessionCookiePattern.test(cookie) || req.query.lng !== undefined) return null
    if (req.originalUrl.length > 2000) return null
    return `${await lngOf(req)} ${req.originalUrl}`
  }

  const sendCached = (req: express.Request, res: express.Response, page: CachedPage, hit: boolean) => {
    res.status(page.status)
    for (const [key, value] of page.headers) res.setHeader(key, value)
    res.setHeader('Cache-Control', publicCacheControl)
    res.setHeader('ETag', page.etag)
    res.append('Vary', 'Cookie')
    res.setHeader('X-Public-Cache', hit ? 'hit' : 'miss')
    // A 304 sends no new nonce: the stored copy keeps the CSP it came with (security.ts).
    if (matchesEtag(req.get('if-none-match'), page.etag)) return void res.status(304).end()
    const body = bodyWithNonce(page, res.locals.nonce as string)
    res.setHeader('Content-Length', body.length)
    res.end(body)
  }

  app.all('*', async (req, res, next) => {
    try {
      const key = await publicKeyOf(req)
      // The version is read before rendering, so a stored page is at least as new as the version it is kept under.
      const version = key ? await catalogueVersion.current().catch(() => null) : null
      if (key && version) {
        const page = publicCache.get(key, version)
        if (page) return sendCached(req, res, page, true)
      }
      const response = await handleRemix(remixRequest(req, res), getLoadContext(req, res))
      if (key && version && isStorable(response) && !res.hasHeader('Set-Cookie')) {
        const headers = [...response.headers.entries()].filter(([name]) => storedHeaders.has(name))
        const body = Buffer.from(await response.arrayBuffer())
        const page = toCachedPage(version, response.status, headers, body, res.locals.nonce as string)
        publicCache.set(key, page)
        return sendCached(req, res, page, false)
      }
      // A resource route (a download, a CSV, a receipt) that threw an error page: Remix answers it as JSON
      // ({ message, stack? }); answer the translated plain page with the same status instead.
      if (response.headers.get('X-Remix-Error') === 'yes' || isEmptyCaughtError(response)) {
        return await sendPlain(req, res, response.status, errorTextFor(response.status))
      }
      res.statusMessage = response.statusText
      res.status(response.status)
      for (const [key, value] of response.headers.entries()) res.append(key, value)
      const cache = cacheControl(req, res, response)
      if (cache) res.set('Cache-Control', cache)
      if (response.body) await writeCoalesced(response.body, res)
      else res.end()
    } catch (error) {
      next(error)
    }
  })

  /**
   * Personal pages are never stored by a browser or a proxy (hole 8): a request that carries a session cookie,
   * and a response that sets a cookie, is `private, no-store` whatever the route said; an anonymous answer keeps
   * the route's own Cache-Control, and without one is `private, no-store` too, except the public catalogue
   * pages (home, procedures, a procedure's page), which anyone may see: those are left as they are.
   */
  function cacheControl(req: express.Request, res: express.Response, response: Response): string | null {
    const setsCookie = response.headers.has('Set-Cookie') || res.hasHeader('Set-Cookie')
    if (sessionCookiePattern.test(req.get('cookie') ?? '') || setsCookie) return 'private, no-store'
    if (response.headers.has('Cache-Control') || isPublicCataloguePath(req.path)) return null
    return 'private, no-store'
  }

  function remixRequest(req: express.Request, res: express.Response): Request {
    // The Host header was checked above; behind a proxy, PUBLIC_URL is the origin users see.
    const url = new URL(req.originalUrl, env.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`)
    let controller: AbortController | null = new AbortController()
    const signal = controller.signal
    res.on('finish', () => (controller = null))
    res.on('close', () => controller?.abort())
    const headers = new Headers()
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(key, v)
      else if (value !== undefined) headers.set(key, value)
    }
    const body =
      req.method === 'GET' || req.method === 'HEAD' ? undefined : createReadableStreamFromReadable(req)
    return new Request(url.href, { method: req.method, headers, signal, body, duplex: 'half' } as RequestInit)
  }

  function getLoadContext(req: express.Request, res: express.Response): AppLoadContext {
    let session: ReturnType<AppContext['session']> | undefined
    let childLogger: Logger | undefined
    return {
      db,
      env,
      // Made on first use: most requests log nothing of their own.
      get logger() {
        return (childLogger ??= logger.child({ requestId: res.locals.requestId as string }))
      },
      nonce: res.locals.nonce,
      requestId: res.locals.requestId,
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      origin: originOf(req),
      sessionCookie,
      storage: options.storage,
      payments: options.payments,
      session() {
        session ??= (async () => {
          const token = (await sessionCookie.parse(req.get('cookie') ?? null)) as string | null
          if (typeof token !== 'string' || !token) return { status: 'none' as const, token: null }
          return { ...(await entry.lookupSession(db, token)), token }
        })()
        return session
      },
    }
  }

  // The last word on anything that failed outside Remix (a URL Express cannot decode, a body it cannot read)
  // or escaped it: the plain translated page, a 4xx for what the client sent, never a stack (hole 7).
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error)
    const status = clientErrorStatus(error)
    if (status === null) {
      logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, 'unhandled server error')
    }
    sendPlain(req, res, status ?? 500, errorTextFor(status ?? 500)).catch(() => res.status(500).end())
  })
  return app
}

/** How long each readiness check may take before it counts as failed. */
const readinessTimeoutMs = 2000

/** A readiness failure whose text the public body may show (counts, never addresses or messages of the database). */
class ReadinessError extends Error {}

/** A probe's JSON answer: never stored, and without the ETag Express would add (no 304 for a probe). */
function sendProbe(res: express.Response, status: number, body: object) {
  res
    .status(status)
    .set({ 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(body))
}

/** `promise`, or a rejection after `ms` (the timer does not keep the process alive). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms)
    timer.unref()
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * A streamed body to the response with the chunks that arrive in one turn of the event loop written together: React
 * hands over a page in many small pieces, and writing each on its own (and, through compression, flushing gzip after
 * each, as Remix's writeReadableStreamToWritable does) was an eighth of a long page's CPU. A piece that arrives later
 * (a streamed Suspense boundary) still goes out in its own turn.
 */
async function writeCoalesced(body: ReadableStream<Uint8Array>, res: express.Response) {
  const reader = body.getReader()
  const flushable = res as express.Response & { flush?: () => void }
  let corked = false
  const release = () => {
    if (!corked) return
    corked = false
    res.uncork()
    flushable.flush?.()
  }
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!corked) {
        corked = true
        res.cork()
        setImmediate(release)
      }
      res.write(value)
    }
    if (corked) {
      corked = false
      res.uncork()
    }
    res.end()
  } catch (error) {
    res.destroy(error as Error)
    throw error
  }
}

/** 400 for a URL that does not decode (URIError), the status of an Express/body-parser client error, else null. */
function clientErrorStatus(error: unknown): number | null {
  if (error instanceof URIError) return 400
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null
}

/** A Response thrown by a resource route with no body of its own (e.g. the 400 of a malformed form). */
function isEmptyCaughtError(response: Response): boolean {
  return (
    response.status >= 400 &&
    response.headers.get('X-Remix-Catch') === 'yes' &&
    !response.headers.has('Content-Type')
  )
}

/** Response headers a stored public page keeps (the rest are per answer: security headers, request id). */
const storedHeaders = new Set(['content-type', 'content-language', 'link', 'x-remix-response'])

/** A public page the cache may keep: a plain 200 that sets no cookie and is not a redirect or an error. */
function isStorable(response: Response): boolean {
  return (
    response.status === 200 &&
    !!response.body &&
    !response.headers.has('Set-Cookie') &&
    !response.headers.has('X-Remix-Redirect') &&
    response.headers.get('X-Remix-Error') !== 'yes' &&
    !response.headers.has('Cache-Control')
  )
}

/** Home, the catalogue and a procedure's page (and their `.data`): public, the same for every anonymous visitor. */
function isPublicCataloguePath(pathname: string): boolean {
  return /^\/(?:_root\.data|procedures(?:\.data)?|procedures\/[^/]+?(?:\.data)?)?$/.test(pathname)
}
