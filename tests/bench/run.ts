/**
 * `npm run bench` (issue 12 §6): every speed and memory figure of the portal, each against a baseline measured in
 * the same run (the machine is a shared 2-core box: absolute times are noise, ratios are the figures), printed as
 * one table with its target beside it and written as JSON to .data/bench/summary.json.
 *
 * Benchmarks run on databases of their own, created on DATABASE_URL's server (or the tests' embedded PostgreSQL
 * under .data/test-pg when it is unset), migrated, and dropped at the end whatever happens (Ctrl-C included).
 * `npm run bench` builds first (the figures are of the production build). BENCH_ONLY=js,http,catalogue,queues,
 * load,cold picks some; BENCH_RUNS, BENCH_HTTP_SECONDS, BENCH_LOAD_SECONDS tune them. Exit code 1 when a target
 * is missed or a benchmark fails. Not part of `npm test` (it takes several minutes). The settlement import has its
 * own: `npm run bench:reconcile`.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { createDb } from '../../db/create-db'
import { withDatabase } from '../../db/embedded'
import { migrateOrThrow } from '../../db/migrate'
import { loadBuild } from '../../app/server/build'
import { adminQuery, dropDatabase, quoteIdent, testServer } from '../setup/pg'
import { benchCatalogue } from './catalogue.bench'
import { benchColdStart } from './cold-start.bench'
import { benchHttp } from './http.bench'
import { benchJsBytes, JS_TARGET_BYTES } from './js-bytes.bench'
import { benchLoad } from './load.bench'
import { benchQueues } from './queues.bench'

const log = (line: string) => console.log(line)

interface Row {
  figure: string
  measured: string
  target: string
  met: boolean
}

const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean))
const wanted = (name: string) => only.size === 0 || only.has(name)

async function main(): Promise<number> {
  const { adminUrl, embedded } = await testServer()
  const prefix = `portal_bench_${randomBytes(4).toString('hex')}`
  const databases: string[] = []
  const pools: Kysely<Database>[] = []
  const rows: Row[] = []
  const figures: Record<string, unknown> = {}

  /** A new migrated database (and its URL), dropped at the end. */
  const newDatabase = async (suffix: string) => {
    const name = `${prefix}_${suffix}`
    await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`)
    databases.push(name)
    const url = withDatabase(adminUrl, name)
    const db = createDb(url, { max: 10, name: 'portal-bench' })
    pools.push(db)
    await migrateOrThrow(db)
    return { name, url, db }
  }

  let cleaned = false
  const cleanUp = async () => {
    if (cleaned) return
    cleaned = true
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => {})))
    for (const database of databases) await dropDatabase(adminUrl, database)
    if (databases.length) log(`dropped ${databases.join(', ')}`)
    await embedded?.stop()
  }
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  const section = (title: string) => log(`\n== ${title}`)
  try {
    if (wanted('js')) {
      section('JavaScript per citizen route')
      const js = await benchJsBytes(log)
      figures.js = js
      rows.push({
        figure: `JS gzip, heaviest citizen route (${js.heaviest.route})`,
        measured: `${(js.heaviest.gzip / 1024).toFixed(1)} KB`,
        target: `≤ ${JS_TARGET_BYTES / 1024} KB`,
        met: js.met,
      })
    }

    if (wanted('http')) {
      section('HTTP: the request path and the public cache (autocannon, 20 connections)')
      const { url } = await newDatabase('http')
      const http = await benchHttp({ databaseUrl: url, log })
      figures.http = http
      for (const r of http.ratios) {
        rows.push({
          figure: r.name,
          measured: `${(r.ratio * 100).toFixed(1)}%`,
          target: `≥ ${(r.target * 100).toFixed(0)}%`,
          met: r.ok,
        })
      }
    }

    if (wanted('catalogue')) {
      section('Catalogue search at the city size')
      const { db } = await newDatabase('catalogue')
      const catalogue = await benchCatalogue({ db, log })
      figures.catalogue = catalogue
      rows.push({
        figure: `catalogue search p95, ${catalogue.procedures} procedures (p50 ${catalogue.p50.toFixed(2)} ms)`,
        measured: `${catalogue.p95.toFixed(2)} ms`,
        target: '< 20 ms',
        met: catalogue.ok,
      })
    }

    if (wanted('queues')) {
      section('Officer queue at 1,000,000 vs 10,000 dossiers')
      const { name, db: first } = await newDatabase('queues')
      let db = first
      const ok = await benchQueues({
        db: () => db,
        // A copy by CREATE DATABASE … TEMPLATE, which needs the source idle: its pool is closed and reopened.
        snapshot: async () => {
          const copy = `${name}_${databases.length}`
          await db.destroy()
          databases.push(copy)
          await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(copy)} TEMPLATE ${quoteIdent(name)}`)
          db = createDb(withDatabase(adminUrl, name), { max: 4, name: 'portal-bench' })
          const snapshot = createDb(withDatabase(adminUrl, copy), { max: 4, name: 'portal-bench' })
          pools.push(db, snapshot)
          log(`copied to ${copy}`)
          return snapshot
        },
        log,
      })
      figures.queues = { ok }
      rows.push({
        figure: 'officer queue, 1,000,000 vs 10,000 (every query)',
        measured: ok ? 'within' : 'over',
        target: '≤ 2×',
        met: ok,
      })
    }

    if (wanted('load')) {
      section('Submissions and mixed load (volume seed)')
      const { db } = await newDatabase('load')
      const build = await loadBuild()
      const kit = build.entry.module
      await kit.seedDemo(db, kit.hashPassword)
      const volume = Number(process.env.BENCH_VOLUME ?? 10_000)
      const started = Date.now()
      await kit.seedVolume(db, volume)
      log(
        `volume seed: ${volume.toLocaleString('en')} dossiers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
      const load = await benchLoad({ db, log })
      figures.load = load
      rows.push({
        figure: `submissions vs trivial Remix action (${load.submissions.portal.submissionsPerSecond} dossiers/s)`,
        measured: `${(load.submissions.ratio * 100).toFixed(1)}%`,
        target: '≥ 50%',
        met: load.submissions.met,
      })
      rows.push({
        figure: `mixed load, 50 users (p50 ${load.mixed.p50} / p95 ${load.mixed.p95} / p99 ${load.mixed.p99} ms)`,
        measured: `${(load.mixed.errorRate * 100).toFixed(3)}% errors`,
        target: '< 0.1%',
        met: load.mixed.met,
      })
    }

    if (wanted('cold')) {
      section('Cold start')
      const cold = await benchColdStart(log)
      figures.cold = cold
      rows.push({
        figure: 'cold npm start (fresh clone) → /healthz 200',
        measured: cold.seconds === null ? 'failed' : `${cold.seconds.toFixed(1)} s`,
        target: '≤ 15 s',
        met: cold.met,
      })
    }
  } finally {
    await cleanUp()
  }

  log('\n== Summary (ratios are against baselines measured in this run)')
  const w = Math.max(...rows.map((r) => r.figure.length), 10)
  log(`${'figure'.padEnd(w)}  ${'measured'.padStart(14)}  ${'target'.padStart(10)}`)
  for (const r of rows)
    log(
      `${r.figure.padEnd(w)}  ${r.measured.padStart(14)}  ${r.target.padStart(10)}  ${r.met ? 'met' : 'MISSED'}`,
    )
  const dir = path.resolve('.data/bench')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    path.join(dir, 'summary.json'),
    JSON.stringify({ at: new Date().toISOString(), rows, figures }, null, 2),
  )
  log(`figures written to ${path.join(dir, 'summary.json')}`)
  return rows.every((r) => r.met) ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
