import { randomBytes, randomUUID } from 'node:crypto'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { AppLoadContext, ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../../db/schema'
import type { FileStorage } from '../modules/files/storage.server'
import { isLng } from '../i18n/config'
import { resources } from '../i18n/resources'
import { createSessionCookie, lookupSession } from '../modules/auth/session.server'
import { handleNotification } from '../modules/payments/apply.server'
import type { PaymentsRuntime } from '../modules/payments/runtime.server'
import type { Env } from '../utils/env.server'
import type { AppContext } from './context'
import { lngCookie } from './lng-cookie'
import { isSameOriginRequest, securityHeaders } from './security'

export interface AppOptions {
  build: ServerBuild
  db: Kysely<Database>
  env: Env
  logger: Logger
  sessionSecret: string
  storage: FileStorage
  payments: PaymentsRuntime
  /** folder that holds `build/` (fingerprinted assets) and the other public files */
  publicDir: string
}

function plainPage(lng: 'vi' | 'en', title: string, body: string): string {
  const home = resources[lng].common.errors.backHome
  return `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${home}</a></p></main></body></html>`
}

export function createApp(options: AppOptions) {
  const { build, db, env, logger } = options
  const production = env.NODE_ENV === 'production'
  const sessionCookie = createSessionCookie({ secure: production, secret: options.sessionSecret })
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

  // Gateway callbacks: server-to-server, so outside the same-origin rule; authenticated by their signatures
  // over the raw bytes (a parsed body would no longer verify).
  const notification =
    (provider: 'stripe' | 'vnpay'): express.RequestHandler =>
    async (req, res) => {
      const answer = await handleNotification(
        db,
        options.payments,
        provider,
        {
          method: req.method,
          url: `${originOf(req)}${req.originalUrl}`,
          headers: Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
          ),
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        },
        logger.child({ requestId: res.locals.requestId }),
      )
      if (!answer) return void res.status(404).type('text').send('Not found')
      res.status(answer.status).set('Cache-Control', 'no-store').type(answer.contentType).send(answer.body)
    }
  app.post('/webhooks/stripe', express.raw({ type: () => true, limit: '512kb' }), notification('stripe'))
  app.get('/webhooks/vnpay/ipn', notification('vnpay'))

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
      .send(plainPage(lng, t.forbiddenTitle, t.crossSite))
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
              return { ...(await lookupSession(db, token)), token }
            })()
            return session
          },
        }
      },
    }),
  )
  return app
}
