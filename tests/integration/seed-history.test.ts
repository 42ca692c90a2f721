import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { seedDemoHistory } from '../../db/seed/history'
import { seedDemo } from '../../db/seed/seed'
import { seedVolume } from '../../db/seed/volume'
import { createTestDb } from '../setup/db'
import { statuses } from '../../app/modules/workflow/transitions'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
})
afterAll(() => t?.drop())

describe('demo history', () => {
  it('seeds two months of dossiers in every state through the workflow, once', async () => {
    const now = new Date()
    const first = await seedDemoHistory(t.db, { now })
    expect(first?.dossiers).toBeGreaterThan(30)
    expect(await seedDemoHistory(t.db, { now })).toBeNull()
    const byStatus = Object.fromEntries(
      (
        await t.db
          .selectFrom('dossiers')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('status')
          .execute()
      ).map((r) => [r.status, Number(r.n)]),
    )
    // Every state the workflow knows (transitions.ts), except a draft: those are the citizen's own.
    for (const status of statuses.filter((s) => s !== 'draft'))
      expect(byStatus[status], status).toBeGreaterThan(0)
    expect(byStatus.draft ?? 0).toBe(0)
    // overdue: open past its due date
    const overdue = await t.db
      .selectFrom('dossiers')
      .select('id')
      .where('status', '=', 'in_progress')
      .where('due_at', '<', now)
      .execute()
    expect(overdue.length).toBeGreaterThan(0)
    // every dossier's status is the last event's, and every time is in the past two months
    const mismatched = await t.db
      .selectFrom('dossiers as d')
      .select('d.code')
      .where(({ eb, selectFrom }) =>
        eb(
          'd.status',
          '!=',
          selectFrom('dossier_events as e')
            .select('e.to_status')
            .whereRef('e.dossier_id', '=', 'd.id')
            .where('e.to_status', 'is not', null)
            .orderBy('e.id', 'desc')
            .limit(1),
        ),
      )
      .execute()
    expect(mismatched).toEqual([])
    const late = await t.db
      .selectFrom('dossier_events')
      .select(['action', 'at'])
      .where('at', '>', now)
      .execute()
    expect(late).toEqual([])
    const range = await t.db
      .selectFrom('dossier_events')
      .select((eb) => [eb.fn.min('at').as('min'), eb.fn.max('at').as('max')])
      .executeTakeFirstOrThrow()
    expect(new Date(range.max as Date).getTime()).toBeLessThanOrEqual(now.getTime())
    expect(now.getTime() - new Date(range.min as Date).getTime()).toBeLessThan(62 * 86_400_000)
    expect(
      Number(
        (
          await t.db
            .selectFrom('ratings')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0)
  })

  it('adds N dossiers set-based for benchmarks, each with its submit event', async () => {
    const before = Number(
      (
        await t.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(await seedVolume(t.db, 2000)).toEqual({ dossiers: 2000, citizens: 40 })
    const after = Number(
      (
        await t.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    expect(after - before).toBe(2000)
    const without = await t.db
      .selectFrom('dossiers as d')
      .select('d.id')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('dossier_events as e').select('e.id').whereRef('e.dossier_id', '=', 'd.id'))),
      )
      .where('d.status', '!=', 'draft')
      .execute()
    expect(without).toEqual([])
    await expect(seedVolume(t.db, 0)).rejects.toThrow()
  })
})
