import { randomBytes, randomUUID } from 'node:crypto'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { AppLoadContext } from '@remix-run/node'
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
import { isSameOriginRequest, securityHeaders } from './security'

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

export function createApp(options: AppOptions) {
  const { build, db, env, logger } = options
  const entry = build.entry.module
  const { isLng, lngCookie, resources } = entry
  const production = env.NODE_ENV === 'production'
  const sessionCookie = entry.createSessionCookie({ secure: production, secret: options.sessionSecret })
  const app = express()
  app.disable('x-powered-by')
  if (env.TRUST_PROXY === 'true') app.set('trust proxy', true)

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

  app.use(compression())
  app.use('/build', express.static(path.join(options.publicDir, 'build'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(options.publicDir, { maxAge: '1h', index: false }))

  app.get('/healthz', async (_req, res) => {
    try {
      await Promise.race([
        sql`SELECT 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ])
      res.status(200).set('Cache-Control', 'no-store').json({ status: 'ok' })
    } catch {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable' })
    }
  })

  app.use(securityHeaders(production))

  // Gateway callbacks (POST /webhooks/stripe, GET /webhooks/vnpay/ipn) are resource routes of the build that
  // read the raw body themselves: server-to-server, so outside the same-origin rule below (security.ts), and
  // authenticated by their signatures over the bytes as sent. No body parser may run before them.
  const originOf = (req: express.Request) =>
    env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `${req.protocol}://${req.get('host')}`

  app.use(async (req, res, next) => {
    if (isSameOriginRequest(req, originOf(req))) return next()
    logger.warn(
      { requestId: res.locals.requestId, event: 'cross_site_refused', path: req.path },
      'cross-site refused',
    )
    const parsed: unknown = isLng(req.query.lng)
      ? req.query.lng
      : await lngCookie.parse(req.get('cookie') ?? null)
    const lng = isLng(parsed) ? parsed : 'vi'
    const t = resources[lng].common.errors
    res
      .status(403)
      .type('html')
      .send(plainPage(lng, t.forbiddenTitle, t.crossSite, t.backHome))
  })

  // ?lng=en is remembered in a cookie (detection itself is remix-i18next's, in entry.server and root).
  app.use(async (req, res, next) => {
    const lng = req.query.lng
    if (isLng(lng)) res.append('Set-Cookie', await lngCookie.serialize(lng))
    next()
  })

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: production ? 'production' : 'development',
      getLoadContext(req, res): AppLoadContext {
        let session: ReturnType<AppContext['session']> | undefined
        return {
          db,
          env,
          logger: logger.child({ requestId: res.locals.requestId }),
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
      },
    }),
  )
  return app
}
