/**
 * Submissions and mixed load (issue 12 §6), over real HTTP against the production build:
 *
 * 1. `submissions`: users file dossiers one after another (the multipart upload of a small PDF to the draft's
 *    missing document — type sniffed, stored, a transaction — then the submission: the workflow's transaction, the
 *    audit row, the e-mail job), against a trivial Remix action (fixtures/trivial-remix, its `action`) served by the
 *    same process. The figure is the submission's requests per second over the trivial action's (target ≥ 50%);
 *    dossiers per second are printed beside it.
 * 2. `mixed`: 50 users for 60 s (BENCH_LOAD_SECONDS), 80% browsing, 15% submissions, 5% uploads: error rate below
 *    0.1%, p50/p95/p99.
 * The load comes from a child process (load-client.ts); the portal and the trivial app run in this one. Drafts are
 * prepared through the database beforehand (a precondition, not what is measured): one citizen per draft, each
 * with a session cookie made as signing in makes it.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { createApp } from '../../app/server/app'
import { loadBuild } from '../../app/server/build'
import { createLogger } from '../../app/server/logger'
import { createSession, createSessionCookie } from '../../app/modules/auth/session.server'
import { createCitizen, completeJudicialDraft, JUDICIAL } from '../setup/factories'
import type { LoadCitizen, LoadPlan, LoadResult } from './load-client'

const here = path.dirname(fileURLToPath(import.meta.url))
const trivialSources = path.join(here, 'fixtures/trivial-remix')
// Where its remix.config.js puts the build (under .data/, git-ignored).
const trivialBuild = path.resolve(here, '../../.data/bench/trivial-remix/server/index.js')

export interface BenchLoadOptions {
  db: Kysely<Database>
  log: (line: string) => void
  /** seconds of the mixed load (default 60) and of each submission run (default 15) */
  mixedSeconds?: number
  submitSeconds?: number
  users?: number
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  )

function runClient(plan: LoadPlan, dir: string): Promise<LoadResult> {
  const file = path.join(dir, `plan-${plan.mode}.json`)
  writeFileSync(file, JSON.stringify(plan))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-client.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult)
        : reject(new Error(`load client exited ${code}`)),
    )
  })
}

/** Citizens with a judicial-record draft complete but for one document, and their session cookies. */
async function prepareDrafts(db: Kysely<Database>, count: number, secret: string, tag: string) {
  const cookie = createSessionCookie({ secure: false, secret })
  const citizens: LoadCitizen[] = []
  let documentKey = ''
  for (let i = 0; i < count; i++) {
    const { id } = await createCitizen(db, `Công dân tải ${tag} ${i}`)
    const { procedure, draftId } = await completeJudicialDraft(db, id)
    documentKey = procedure.documents.find((d) => d.required)!.key
    await db
      .deleteFrom('dossier_files')
      .where('dossier_id', '=', draftId)
      .where('requirement_key', '=', documentKey)
      .execute()
    const { token, expiresAt } = await createSession(
      db,
      { id, kind: 'citizen' },
      { ip: null, userAgent: 'bench' },
    )
    citizens.push({ cookie: (await cookie.serialize(token, { expires: expiresAt })).split(';')[0] })
  }
  return { citizens, documentKey }
}

export async function benchLoad(options: BenchLoadOptions) {
  const { db, log } = options
  const users = options.users ?? 50
  const mixedSeconds = options.mixedSeconds ?? Number(process.env.BENCH_LOAD_SECONDS ?? 60)
  const submitSeconds = options.submitSeconds ?? 15
  const secret = 'bench-secret-bench-secret-bench-secret-0'
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-load-'))

  const build = await loadBuild()
  const { createBoss, createPaymentsRuntime, LocalFolderStorage, parseEnv, startNotificationWorker } =
    build.entry.module
  const env = parseEnv({
    NODE_ENV: 'production',
    PROFILE: 'demo',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    // The city's configuration, as in the HTTP benchmark: a real provider (never reached: nothing here pays), not
    // the demo's mock gateway, whose msw interception wraps every Request made in this process — the portal's and
    // the trivial app's (cpu-prof: a fifth of the portal's time in msw's Request proxy). BENCH_PAYMENT_PROVIDER=mock
    // for the demo's.
    PAYMENT_PROVIDER: process.env.BENCH_PAYMENT_PROVIDER ?? 'vnpay',
    VNPAY_TMN_CODE: 'BENCHTMN',
    VNPAY_HASH_SECRET: 'bench-hash-secret-0123456789',
    VNPAY_API_URL: 'http://127.0.0.1:9/merchant_webapi/api/transaction',
  })
  const logger = createLogger('silent')
  const boss = createBoss(db)
  await boss.start()
  await startNotificationWorker(boss, { db, env, logger })

  const portal = http.createServer()
  const baseUrl = await listen(portal)
  const payments = createPaymentsRuntime(env, { publicUrl: baseUrl, callbackUrl: baseUrl })
  portal.on(
    'request',
    createApp({
      build,
      db,
      env,
      logger,
      sessionSecret: secret,
      publicDir: path.resolve('public'),
      storage: new LocalFolderStorage(path.join(dir, 'uploads')),
      payments,
    }),
  )
  // The trivial Remix app (its own build) in this same process, on a port of its own.
  const trivial = express()
  const route = path.join(trivialSources, 'app/routes/_index.tsx')
  if (!existsSync(trivialBuild) || statSync(trivialBuild).mtimeMs < statSync(route).mtimeMs) {
    const built = spawnSync('npx', ['remix', 'build'], { cwd: trivialSources, stdio: 'inherit' })
    if (built.status !== 0) throw new Error('could not build tests/bench/fixtures/trivial-remix')
  }
  const trivialServerBuild = (await import(trivialBuild)) as ServerBuild
  trivial.all('*', createRequestHandler({ build: trivialServerBuild, mode: 'production' }))
  const trivialServer = http.createServer(trivial)
  const trivialUrl = `${await listen(trivialServer)}/?index`

  try {
    log('preparing drafts (through the database: a precondition, not measured)…')
    const started = Date.now()
    const forSubmit = await prepareDrafts(db, 600, secret, 'a')
    // 50 users × 60 s at ~300 req/s, 3 submissions in every 20 iterations: about 3,000 dossiers.
    const forMixed = await prepareDrafts(db, Math.ceil(60 * mixedSeconds), secret, 'b')
    const uploaders = await prepareDrafts(db, 20, secret, 'c')
    log(`  ${620 + Math.ceil(60 * mixedSeconds)} drafts in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    const procedures = await db.selectFrom('procedures').select('code').limit(20).execute()
    const browse = [
      '/',
      '/procedures',
      `/procedures?q=${encodeURIComponent('lý lịch tư pháp')}`,
      ...procedures.map((p) => `/procedures/${encodeURIComponent(p.code)}`),
      '/lookup',
    ]
    const base: Omit<LoadPlan, 'mode' | 'seconds' | 'users' | 'submitters'> = {
      baseUrl,
      trivialUrl,
      procedureCode: JUDICIAL,
      documentKey: forSubmit.documentKey,
      uploaders: uploaders.citizens,
      browse,
    }
    const connections = 20
    const trivialRun = await runClient(
      { ...base, mode: 'trivial', seconds: submitSeconds, users: connections, submitters: [] },
      dir,
    )
    const submitRun = await runClient(
      { ...base, mode: 'submit', seconds: submitSeconds, users: connections, submitters: forSubmit.citizens },
      dir,
    )
    const mixed = await runClient(
      { ...base, mode: 'mixed', seconds: mixedSeconds, users, submitters: forMixed.citizens },
      dir,
    )
    const submitRatio = submitRun.rps / trivialRun.rps
    const errorRate = mixed.errors / Math.max(1, mixed.requests)
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`
    log('')
    log(`submissions (${connections} users, ${submitSeconds} s each run, requests from a separate process):`)
    log(
      `  trivial Remix action      ${trivialRun.rps.toFixed(0).padStart(7)} req/s  p50 ${trivialRun.p50} ms  p99 ${trivialRun.p99} ms`,
    )
    log(
      `  submission (upload+submit) ${submitRun.rps.toFixed(0).padStart(6)} req/s  p50 ${submitRun.p50} ms  p99 ${submitRun.p99} ms  = ${submitRun.submissionsPerSecond} dossiers/s, ${submitRun.errors} errors`,
    )
    log(`  ratio ${pct(submitRatio)} (target ≥ 50%)${submitRatio >= 0.5 ? '' : '  MISSED'}`)
    log('')
    log(`mixed load: ${users} users, ${mixed.seconds} s, 80% browsing / 15% submissions / 5% uploads:`)
    log(
      `  ${mixed.requests} requests (${mixed.rps} req/s), ${mixed.submissions} dossiers filed, ${mixed.uploads} uploads, ${mixed.browses} pages`,
    )
    log(`  p50 ${mixed.p50} ms  p95 ${mixed.p95} ms  p99 ${mixed.p99} ms`)
    log(
      `  errors ${mixed.errors} = ${(errorRate * 100).toFixed(3)}% (target < 0.1%)${errorRate < 0.001 ? '' : '  MISSED'}`,
    )
    for (const sample of [...submitRun.errorSamples, ...mixed.errorSamples]) log(`    e.g. ${sample}`)
    if (mixed.exhausted) log(`  (${mixed.exhausted} submissions skipped: every prepared draft was used)`)
    return {
      submissions: {
        trivial: trivialRun,
        portal: submitRun,
        ratio: submitRatio,
        target: 0.5,
        met: submitRatio >= 0.5,
      },
      mixed: { ...mixed, errorRate, target: 0.001, met: errorRate < 0.001 },
    }
  } finally {
    await new Promise((r) => portal.close(r))
    await new Promise((r) => trivialServer.close(r))
    await boss.stop({ graceful: false }).catch(() => {})
    payments.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
