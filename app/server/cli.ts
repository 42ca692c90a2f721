import { createDb } from '../../db/create-db'
import { ensureDatabase, startEmbedded, withDatabase } from '../../db/embedded'
import { createMigrator, migrateOrThrow, migrationState } from '../../db/migrate'
import { seedCityCatalogue, seedDemo } from '../../db/seed/seed'
import { seedVolume } from '../../db/seed/volume'
import { hashPassword } from '../modules/auth/password.server'
import { EnvError, parseEnv } from '../utils/env.server'
import { openDatabase, StartupError, type DatabaseKit } from './bootstrap'
import { createLogger } from './logger'

/**
 * `npm run db:migrate [-- down]` and `npm run db:seed`, on DATABASE_URL or the embedded server. A process of its
 * own that serves nothing, so it imports db/ directly and needs no build (the server reaches it through the build).
 */
const kit: DatabaseKit = {
  createDb,
  ensureDatabase,
  startEmbedded,
  withDatabase,
  migrateOrThrow,
  migrationState,
}

async function main() {
  const command = process.argv[2]
  const env = parseEnv()
  const logger = createLogger(env.LOG_LEVEL)
  const open = await openDatabase(kit, env, logger, { migrate: false })
  try {
    if (command === 'migrate') {
      const migrator = createMigrator(open.db)
      const run = process.argv[3] === 'down' ? migrator.migrateDown() : migrator.migrateToLatest()
      const { error, results } = await run
      for (const r of results ?? []) console.log(`${r.status.padEnd(8)} ${r.direction} ${r.migrationName}`)
      if (error) throw new StartupError(`Migration failed: ${(error as Error).message ?? error}`)
      if (!results?.length) console.log('Nothing to migrate.')
    } else if (command === 'seed') {
      await migrateOrThrow(open.db)
      console.log(JSON.stringify(await seedDemo(open.db, hashPassword)))
      console.log(JSON.stringify({ cityCatalogue: await seedCityCatalogue(open.db) }))
      const at = process.argv.indexOf('--volume')
      if (at > 0) {
        const started = Date.now()
        const volume = await seedVolume(open.db, Number(process.argv[at + 1]))
        console.log(JSON.stringify({ volume, ms: Date.now() - started }))
      }
    } else {
      throw new StartupError('usage: cli.ts migrate [down] | seed [--volume N]')
    }
  } finally {
    await open.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof StartupError ? error.message : error)
  process.exit(1)
})
