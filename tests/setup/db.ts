import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { createDb } from '../../db/create-db'
import { withDatabase } from '../../db/embedded'
import { adminQuery, dropDatabase, quoteIdent } from './pg'

/** A fresh database cloned from the migrated template: this test file's alone. */
export async function createTestDb() {
  const adminUrl = inject('adminUrl')
  const name = `portal_test_${randomBytes(6).toString('hex')}`
  // CREATE DATABASE … TEMPLATE fails while another clone of the same template is starting; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(
        adminUrl,
        `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(inject('templateDb'))}`,
      )
      break
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
    }
  }
  const url = withDatabase(adminUrl, name)
  // Tests check correctness, not speed: on a shared 2-core machine a burst of 200 transactions may wait longer
  // than the app's 5 s for a connection (speed lives in `npm run bench`).
  const db = createDb(url, { max: 20, name: 'portal-test', connectionTimeoutMillis: 60_000 })
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy()
      await dropDatabase(adminUrl, name)
    },
  }
}
