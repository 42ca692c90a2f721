import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createApp } from '../../app/server/app'
import { loadBuild } from '../../app/server/build'
import { createLogger } from '../../app/server/logger'
import { adminQuery, dropDatabase, quoteIdent, testServer } from '../setup/pg'

/**
 * The portal for browser tests: a fresh seeded database each run, the production build, port E2E_PORT. Like
 * `npm start`, it takes everything of the application from the build (one module graph in this process).
 */
async function main() {
  const build = await loadBuild()
  const {
    claimNames,
    createBoss,
    createDemoIdentityProvider,
    demoClientOf,
    createDb,
    createPaymentsRuntime,
    hashPassword,
    LocalFolderStorage,
    migrateOrThrow,
    parseEnv,
    seedDemo,
    startNotificationWorker,
    withDatabase,
  } = build.entry.module
  const port = Number(process.env.E2E_PORT ?? 3100)
  const { adminUrl, embedded } = await testServer()
  const name = `portal_e2e_${port}`
  await dropDatabase(adminUrl, name)
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`)
  const db = createDb(withDatabase(adminUrl, name))
  await migrateOrThrow(db)
  await seedDemo(db, hashPassword)
  // "VNeID (demo)" on a free loopback port (issue 16): the portal signs in against it over real HTTP.
  const vneidServer = http.createServer()
  await new Promise<void>((r) => vneidServer.listen(0, '127.0.0.1', () => r()))
  const vneidIssuer = `http://127.0.0.1:${(vneidServer.address() as AddressInfo).port}`
  const env = parseEnv({
    VNEID_PROVIDER: 'demo',
    VNEID_ISSUER: vneidIssuer,
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: String(port),
  })
  const vneid = await createDemoIdentityProvider({
    issuer: vneidIssuer,
    client: demoClientOf(env, [`http://127.0.0.1:${port}`, `http://localhost:${port}`]),
    claims: claimNames(env),
  })
  vneidServer.on('request', vneid.handler)
  const logger = createLogger(env.LOG_LEVEL)
  // Notification e-mails land in the mailbox table (NODE_ENV=test), visible at /dev/mailbox.
  const boss = createBoss(db, { supervise: false, schedule: false, pollingIntervalSeconds: 0.5 })
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'))
  await boss.start()
  await startNotificationWorker(boss, { db, env, logger, pollingIntervalSeconds: 0.5 })
  // The mock gateway (PAYMENT_PROVIDER=mock), delivering webhooks and IPNs back to this server.
  const payments = createPaymentsRuntime(env, {
    publicUrl: `http://127.0.0.1:${port}`,
    retryDelayMs: 200,
  })
  const app = createApp({
    build,
    db,
    env,
    logger,
    sessionSecret: 'e2e-secret-e2e-secret-e2e-secret-e2e-0001',
    publicDir: path.resolve('public'),
    storage: new LocalFolderStorage(path.resolve('.data/e2e-uploads')),
    payments,
  })
  const server = app.listen(port, '127.0.0.1')
  const stop = async () => {
    server.closeAllConnections()
    server.close()
    vneidServer.closeAllConnections()
    vneidServer.close()
    payments.close()
    await boss.stop({ graceful: true, timeout: 2000 }).catch(() => {})
    await db.destroy()
    await dropDatabase(adminUrl, name).catch(() => {})
    await embedded?.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop())
  process.on('SIGINT', () => void stop())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
