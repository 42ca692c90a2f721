import { EnvError, parseEnv } from '../utils/env.server'
import { createMigrator } from '../../db/migrate'
import { openDatabase, StartupError } from './bootstrap'
import { createLogger } from './logger'
import { seedDemo } from '../../db/seed/seed'
import { hashPassword } from '../modules/auth/password.server'

/** `npm run db:migrate [-- down]` and `npm run db:seed`, on DATABASE_URL or the embedded server. */
async function main() {
  const command = process.argv[2]
  const env = parseEnv()
  const logger = createLogger(env.LOG_LEVEL)
  const open = await openDatabase(env, logger, { migrate: false })
  try {
    if (command === 'migrate') {
      const migrator = createMigrator(open.db)
      const run = process.argv[3] === 'down' ? migrator.migrateDown() : migrator.migrateToLatest()
      const { error, results } = await run
      for (const r of results ?? []) console.log(`${r.status.padEnd(8)} ${r.direction} ${r.migrationName}`)
      if (error) throw new StartupError(`Migration failed: ${(error as Error).message ?? error}`)
      if (!results?.length) console.log('Nothing to migrate.')
    } else if (command === 'seed') {
      const { migrateOrThrow } = await import('../../db/migrate')
      await migrateOrThrow(open.db)
      console.log(JSON.stringify(await seedDemo(open.db, hashPassword)))
    } else {
      throw new StartupError('usage: cli.ts migrate [down] | seed')
    }
  } finally {
    await open.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof StartupError ? error.message : error)
  process.exit(1)
})
