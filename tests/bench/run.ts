/**
 * `npm run bench`: benchmarks on databases of their own, created on DATABASE_URL's server (or the tests' embedded
 * PostgreSQL under .data/test-pg when it is unset), migrated, and dropped at the end whatever happens (Ctrl-C
 * included). Exit code 1 when a benchmark fails its bound. Not part of `npm test` (it takes a few minutes).
 * BENCH_RUNS sets the number of timed runs per query (default 31).
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { createDb } from '../../db/create-db'
import { withDatabase } from '../../db/embedded'
import { migrateOrThrow } from '../../db/migrate'
import { adminQuery, dropDatabase, quoteIdent, testServer } from '../setup/pg'
import { benchQueues } from './queues.bench'

const log = (line: string) => console.log(line)

async function main(): Promise<number> {
  const { adminUrl, embedded } = await testServer()
  const name = `portal_bench_${randomBytes(6).toString('hex')}`
  const open = (database: string) =>
    createDb(withDatabase(adminUrl, database), { max: 4, name: 'portal-bench' })
  const databases = [name]
  const pools: Kysely<Database>[] = []
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(name)}`)
  let db = open(name)
  pools.push(db)

  let cleaned = false
  const cleanUp = async () => {
    if (cleaned) return
    cleaned = true
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => {})))
    for (const database of databases) await dropDatabase(adminUrl, database)
    log(`dropped ${databases.join(', ')}`)
    await embedded?.stop()
  }
  const onSignal = () => void cleanUp().finally(() => process.exit(130))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    log(`database ${name}`)
    await migrateOrThrow(db)
    const ok = await benchQueues({
      db: () => db,
      // A copy by CREATE DATABASE … TEMPLATE, which needs the source idle: its pool is closed and reopened.
      snapshot: async () => {
        const copy = `${name}_${databases.length}`
        await db.destroy()
        databases.push(copy)
        await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(copy)} TEMPLATE ${quoteIdent(name)}`)
        db = open(name)
        const snapshot = open(copy)
        pools.push(db, snapshot)
        log(`copied to ${copy}`)
        return snapshot
      },
      log,
    })
    return ok ? 0 : 1
  } finally {
    await cleanUp()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
