import { NO_MIGRATIONS, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { createMigrator } from '../../db/migrate'
import { seedDemo } from '../../db/seed/seed'
import { agencies, holidays, procedures } from '../../db/seed/catalogue'
import { createTestDb } from '../setup/db'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(() => t.drop())

describe('migrations', () => {
  it('go down to nothing and back up again', async () => {
    const migrator = createMigrator(t.db)
    const down = await migrator.migrateTo(NO_MIGRATIONS)
    expect(down.error).toBeUndefined()
    const tables = await sql<{
      n: number
    }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'users'`.execute(
      t.db,
    )
    expect(tables.rows[0].n).toBe(0)
    const up = await migrator.migrateToLatest()
    expect(up.error).toBeUndefined()
    expect(up.results?.every((r) => r.status === 'Success')).toBe(true)
  })
})

describe('seed', () => {
  it('creates the demo catalogue, accounts and holidays, and a second run adds nothing', async () => {
    const first = await seedDemo(t.db, hashPassword)
    expect(first.newProcedures).toBe(9)
    expect(first.newUsers).toBe(14)
    const second = await seedDemo(t.db, hashPassword)
    expect(second.newProcedures).toBe(0)
    expect(second.newUsers).toBe(0)
    const count = async (
      table: 'agencies' | 'procedures' | 'holidays' | 'users' | 'staff_roles' | 'procedure_versions',
    ) =>
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    expect(await count('agencies')).toBe(agencies.length)
    expect(await count('procedures')).toBe(9)
    expect(await count('procedure_versions')).toBe(9)
    expect(await count('holidays')).toBe(holidays.length)
    expect(await count('users')).toBe(14)
    expect(await count('staff_roles')).toBe(13)
  })

  it('has the nine procedures of the reference, with both languages, levels and fees', async () => {
    const rows = await t.db.selectFrom('procedures').selectAll().orderBy('code').execute()
    expect(rows).toHaveLength(procedures.length)
    for (const p of rows) {
      expect(p.name_vi).not.toBe('')
      expect(p.name_en).not.toBe('')
      expect([3, 4]).toContain(p.level)
    }
    const judicial = rows.find((p) => p.name_vi.includes('lý lịch tư pháp'))!
    expect(judicial.level).toBe(4)
    expect(judicial.processing_days).toBe(10)
    // Money is bigint đồng and comes back as a number, not a string.
    expect(judicial.fee_amount).toBe(200000)
    expect(typeof judicial.fee_amount).toBe('number')
    const permit = rows.find((p) => p.name_vi.includes('giấy phép xây dựng'))!
    expect(permit.level).toBe(3)
    expect(permit.fee_amount).toBe(75000)
  })

  it('keeps holidays as calendar days, Tết and 30 April – 1 May included', async () => {
    const days = (await t.db.selectFrom('holidays').select('date').execute()).map((h) => h.date)
    expect(days).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-02-17',
        '2026-04-30',
        '2026-05-01',
        '2026-09-02',
        '2027-02-06',
      ]),
    )
  })
})

describe('constraints', () => {
  it('refuses a malformed citizen id or phone at the database too', async () => {
    const base = { kind: 'citizen' as const, full_name: 'X', password_hash: 'x' }
    await expect(
      t.db
        .insertInto('users')
        .values({ ...base, email: 'a@example.vn', citizen_id: '123' })
        .execute(),
    ).rejects.toThrow(/check constraint/)
    await expect(
      t.db
        .insertInto('users')
        .values({ ...base, email: 'b@example.vn', phone: '12345' })
        .execute(),
    ).rejects.toThrow(/check constraint/)
  })
})

describe('audit trail', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on dossier_events', async () => {
    const user = await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    const proc = await t.db
      .selectFrom('procedures as p')
      .innerJoin('procedure_versions as v', 'v.procedure_id', 'p.id')
      .select(['p.id', 'p.agency_id', 'v.id as version_id'])
      .executeTakeFirstOrThrow()
    const d = await t.db
      .insertInto('dossiers')
      .values({
        procedure_id: proc.id,
        procedure_version_id: proc.version_id,
        agency_id: proc.agency_id,
        applicant_id: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('dossier_events')
      .values({
        dossier_id: d.id,
        actor_id: user.id,
        actor_role: 'citizen',
        action: 'submit',
        from_status: 'draft',
        to_status: 'submitted',
      })
      .execute()
    await expect(sql`UPDATE dossier_events SET reason = 'edited'`.execute(t.db)).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`DELETE FROM dossier_events`.execute(t.db)).rejects.toThrow(/append-only/)
    await expect(sql`TRUNCATE dossier_events`.execute(t.db)).rejects.toThrow(/append-only/)
    const n = await t.db
      .selectFrom('dossier_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(n.n).toBe(1)
  })
})
