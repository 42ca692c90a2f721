import path from 'node:path'
import pg from 'pg'
import { startEmbedded, type EmbeddedServer } from '../../db/embedded'

/**
 * The server the tests create their databases on: DATABASE_URL when set (CI: the machine's PostgreSQL), else an
 * embedded PostgreSQL under .data/test-pg, so `npm test` needs no installed database.
 */
export async function testServer(): Promise<{ adminUrl: string; embedded: EmbeddedServer | null }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, embedded: null }
  const embedded = await startEmbedded(path.resolve('.data/test-pg'))
  return { adminUrl: embedded.adminUrl, embedded }
}

export async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Drops a database even if connections linger (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)
}
