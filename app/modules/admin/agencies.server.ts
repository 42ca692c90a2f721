import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { writeAudit } from './audit.server'
import { DuplicateError, InvalidParentError, NotInScopeError } from './errors'
import type { AgencyInput } from './schemas'

/**
 * Agencies form a tree (the city, its departments and districts, the wards of a district). An administrator
 * manages the subtree under the agencies they administer: they create agencies inside it and edit the ones in
 * it; the list shows every agency (it is public information). Codes are fixed once created: dossier codes
 * carry them.
 */

/** The ids of `rootIds` and every agency below them. */
export async function subtreeIds(db: Kysely<Database>, rootIds: readonly string[]): Promise<Set<string>> {
  if (rootIds.length === 0) return new Set()
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE tree(id) AS (
      SELECT id FROM agencies WHERE id = ANY(${[...rootIds]}::uuid[])
      UNION
      SELECT a.id FROM agencies a JOIN tree t ON a.parent_id = t.id
    )
    SELECT id FROM tree`.execute(db)
  return new Set(rows.rows.map((r) => r.id))
}

/** Every agency with its parent's code, and whether this administrator may edit it. */
export async function listAgencies(db: Kysely<Database>, adminAgencyIds: readonly string[]) {
  const [rows, managed] = await Promise.all([
    db
      .selectFrom('agencies as a')
      .leftJoin('agencies as p', 'p.id', 'a.parent_id')
      .select((eb) => [
        'a.id',
        'a.code',
        'a.name_vi',
        'a.name_en',
        'p.code as parent_code',
        eb
          .selectFrom('staff_roles as r')
          .select((rb) => rb.fn.count<number>('r.user_id').distinct().as('n'))
          .whereRef('r.agency_id', '=', 'a.id')
          .as('staff'),
      ])
      .orderBy('a.code')
      .execute(),
    subtreeIds(db, adminAgencyIds),
  ])
  return rows.map((r) => ({ ...r, staff: r.staff ?? 0, manageable: managed.has(r.id) }))
}

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
}

async function parentId(db: Kysely<Database>, code: string) {
  if (!code) return null
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where('code', '=', code.toUpperCase())
    .executeTakeFirst()
  if (!row) throw new InvalidParentError('outOfScope')
  return row.id
}

/** A new agency under one the administrator manages. DuplicateError('code'), InvalidParentError. Audited. */
export async function createAgency(
  db: Kysely<Database>,
  actor: { id: string; adminAgencyIds: readonly string[] },
  input: AgencyInput,
) {
  try {
    return await db.transaction().execute(async (trx) => {
      const managed = await subtreeIds(trx, actor.adminAgencyIds)
      const parent = await parentId(trx, input.parent)
      if (!parent || !managed.has(parent)) throw new InvalidParentError('outOfScope')
      const row = await trx
        .insertInto('agencies')
        .values({ code: input.code, name_vi: input.nameVi, name_en: input.nameEn, parent_id: parent })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeAudit(trx, {
        actorId: actor.id,
        agencyId: row.id,
        action: 'agency.create',
        target: input.code,
        data: { nameVi: input.nameVi, nameEn: input.nameEn, parent: input.parent.toUpperCase() },
      })
      return row.id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError('code')
    throw error
  }
}

/**
 * Renames an agency the administrator manages, or moves it under another managed agency (not under itself or
 * one of its own descendants). The administrator's own agency keeps its parent (outside their scope).
 * NotInScopeError, InvalidParentError. Audited with the values before and after.
 */
export async function updateAgency(
  db: Kysely<Database>,
  actor: { id: string; adminAgencyIds: readonly string[] },
  input: AgencyInput,
) {
  return db.transaction().execute(async (trx) => {
    const managed = await subtreeIds(trx, actor.adminAgencyIds)
    const agency = await trx
      .selectFrom('agencies as a')
      .leftJoin('agencies as p', 'p.id', 'a.parent_id')
      .select(['a.id', 'a.name_vi', 'a.name_en', 'a.parent_id', 'p.code as parent_code'])
      .where('a.code', '=', input.code)
      .forUpdate('a')
      .executeTakeFirst()
    if (!agency || !managed.has(agency.id)) throw new NotInScopeError('agency')
    const parent = await parentId(trx, input.parent)
    if (parent !== agency.parent_id) {
      if (actor.adminAgencyIds.includes(agency.id)) throw new InvalidParentError('ownAgency')
      if (!parent || !managed.has(parent)) throw new InvalidParentError('outOfScope')
      if ((await subtreeIds(trx, [agency.id])).has(parent)) throw new InvalidParentError('cycle')
    }
    await trx
      .updateTable('agencies')
      .set({ name_vi: input.nameVi, name_en: input.nameEn, parent_id: parent })
      .where('id', '=', agency.id)
      .execute()
    await writeAudit(trx, {
      actorId: actor.id,
      agencyId: agency.id,
      action: 'agency.update',
      target: input.code,
      data: {
        before: { nameVi: agency.name_vi, nameEn: agency.name_en, parent: agency.parent_code },
        after: { nameVi: input.nameVi, nameEn: input.nameEn, parent: input.parent.toUpperCase() || null },
      },
    })
  })
}
