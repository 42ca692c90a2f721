/**
 * The orphan cleanup: deletes stored objects that no database row points at, once they are older than a grace
 * period. Orphans are what a crash leaves between a put and the transaction that records it (or between that
 * transaction and the deletion of the object it replaced), and what a deletion that failed (the store down) left;
 * every normal path deletes its objects itself (upload.server.ts, dossiers/file-records.server.ts).
 *
 * Safe by construction:
 * - only keys shaped as `newStorageKey` makes them (`<prefix>/yyyy/mm/<uuid>`) are candidates, so a store pointed
 *   at the wrong folder or a shared bucket loses nothing else;
 * - a key is kept if any column that holds storage keys has it: every column named `storage_key` or ending in
 *   `_storage_key` in the database's schema (found at each run, so a new table with such a column is covered);
 *   with no such column found, nothing is deleted;
 * - the grace (1 hour by default) covers an upload between its put and its commit;
 * - running twice, or on two workers at once, deletes nothing more (delete is idempotent).
 */
import { sql, type Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Database } from '../../../db/schema'
import type { FileStorage } from './storage.server'

export const STORAGE_CLEANUP_QUEUE = 'storage-cleanup'
/** Hourly, at a minute no other job uses. */
export const storageCleanupCron = '23 * * * *'
export const defaultCleanupGraceMs = 60 * 60 * 1000

const generatedKey =
  /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\/\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Whether `key` has the shape `newStorageKey` gives (only those are ever deleted as orphans). */
export function isGeneratedKey(key: string): boolean {
  return generatedKey.test(key)
}

export interface CleanupResult {
  /** objects listed */
  listed: number
  /** orphans deleted */
  deleted: number
  /** objects a row points at */
  referenced: number
  /** unreferenced but younger than the grace, or not of the generated shape */
  kept: number
}

type Reference = { table: string; column: string }

/** The columns that hold storage keys: `storage_key` or `*_storage_key`, of ordinary tables in the schema. */
export async function storageKeyColumns(db: Kysely<Database>): Promise<Reference[]> {
  const { rows } = await sql<Reference>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema()
      and t.table_type = 'BASE TABLE'
      and (c.column_name = 'storage_key' or c.column_name like '%\\_storage\\_key')
      and c.data_type in ('text', 'character varying')
    order by 1, 2`.execute(db)
  return rows
}

/** The ones of `keys` that some row references. */
async function referencedKeys(db: Kysely<Database>, refs: Reference[], keys: string[]): Promise<Set<string>> {
  const { rows } = await sql<{ k: string }>`
    select u.k from unnest(${keys}::text[]) as u(k)
    where ${sql.join(
      refs.map((r) => sql`exists (select 1 from ${sql.table(r.table)} x where x.${sql.ref(r.column)} = u.k)`),
      sql` or `,
    )}`.execute(db)
  return new Set(rows.map((r) => r.k))
}

/**
 * One pass over the whole store: every unreferenced generated key last written before `now - graceMs` is
 * deleted. Returns the counts. Store failures (StorageUnavailableError) are thrown: the next run tries again.
 */
export async function cleanOrphans(
  db: Kysely<Database>,
  storage: FileStorage,
  options: { graceMs?: number; now?: Date; batchSize?: number } = {},
): Promise<CleanupResult> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? defaultCleanupGraceMs)
  const batchSize = options.batchSize ?? 500
  const refs = await storageKeyColumns(db)
  if (refs.length === 0) throw new Error('no storage_key column found: refusing to delete anything')
  const result: CleanupResult = { listed: 0, deleted: 0, referenced: 0, kept: 0 }

  let batch: string[] = []
  const flush = async () => {
    if (!batch.length) return
    const keys = batch
    batch = []
    const kept = await referencedKeys(db, refs, keys)
    result.referenced += kept.size
    for (const key of keys) {
      if (kept.has(key)) continue
      await storage.delete(key)
      result.deleted++
    }
  }
  for await (const object of storage.list('')) {
    result.listed++
    if (!isGeneratedKey(object.key) || object.lastModified.getTime() >= cutoff) {
      result.kept++
      continue
    }
    batch.push(object.key)
    if (batch.length >= batchSize) await flush()
  }
  await flush()
  return result
}

/**
 * The hourly 'storage-cleanup' job on pg-boss: scheduled by cron (pg-boss sends each scheduled job once, however
 * many workers run it), on a singleton queue (one run at a time). Call from every worker process.
 */
export async function startStorageCleanup(
  boss: PgBoss,
  deps: { db: Kysely<Database>; storage: FileStorage; logger: Logger; graceMs?: number; cron?: string },
): Promise<void> {
  await boss.createQueue(STORAGE_CLEANUP_QUEUE, {
    name: STORAGE_CLEANUP_QUEUE,
    policy: 'singleton',
    expireInSeconds: 3600,
    retryLimit: 1,
  })
  await boss.schedule(STORAGE_CLEANUP_QUEUE, deps.cron ?? storageCleanupCron)
  await boss.work(STORAGE_CLEANUP_QUEUE, async () => {
    const result = await cleanOrphans(deps.db, deps.storage, { graceMs: deps.graceMs })
    deps.logger.info({ event: 'storage_cleanup', ...result }, 'storage cleanup')
  })
}
