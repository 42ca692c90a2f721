import type { TestProject } from 'vitest/node'
import { createDb } from '../../db/create-db'
import { withDatabase } from '../../db/embedded'
import { migrateOrThrow } from '../../db/migrate'
import { createBoss, ensureQueues } from '../../app/modules/notifications/boss.server'
import { adminQuery, dropDatabase, quoteIdent, testServer } from './pg'

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string
    templateDb: string
  }
}

/**
 * One migrated template per run; every test file clones it (CREATE DATABASE … TEMPLATE), so files run in parallel.
 * The template also holds pg-boss's schema and queues, so a clone can queue jobs without starting a pg-boss.
 */
export default async function setup(project: TestProject) {
  const { adminUrl, embedded } = await testServer()
  const templateDb = `portal_test_tpl_${process.pid}`
  await dropDatabase(adminUrl, templateDb)
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(templateDb)}`)
  const db = createDb(withDatabase(adminUrl, templateDb), { max: 1 })
  try {
    await migrateOrThrow(db)
    const boss = createBoss(db, { supervise: false, schedule: false })
    const errors: unknown[] = []
    boss.on('error', (error) => errors.push(error))
    await boss.start()
    try {
      await ensureQueues(boss)
    } finally {
      await boss.stop({ graceful: false })
    }
    if (errors.length) throw new Error(`pg-boss failed on the template: ${String(errors[0])}`)
  } finally {
    await db.destroy()
  }
  project.provide('adminUrl', adminUrl)
  project.provide('templateDb', templateDb)
  return async () => {
    await dropDatabase(adminUrl, templateDb)
    await embedded?.stop()
  }
}
