import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { IncompleteDossierError } from '../../app/modules/dossiers/errors'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { startDraft } from '../../app/modules/dossiers/drafts.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen, JUDICIAL } from '../setup/factories'

let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
})
afterAll(() => t.drop())

const count = async (table: 'dossiers' | 'dossier_events' | 'fees', where?: [string, string]) => {
  let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
  if (where) q = q.where(where[0] as never, '=', where[1] as never)
  return (await q.executeTakeFirstOrThrow()).n
}

describe('submitting a dossier', () => {
  it('gives a code <agency>-<yyMMdd>-<NNNN> in Viet Nam time, awaiting payment for a level-4 fee, with one event and one fee', async () => {
    const citizen = await createCitizen(t.db)
    const { draftId } = await completeJudicialDraft(t.db, citizen.id)
    const { procedure } = { procedure: (await getProcedure(t.db, JUDICIAL))! }
    // 2026-11-27 20:00 UTC is already 28 November in Viet Nam.
    const r = await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
      now: new Date('2026-11-27T20:00:00Z'),
    })
    expect(r.code).toMatch(/^STP-261128-\d{4}$/)
    expect(r.status).toBe('awaiting_payment')
    expect(await count('dossier_events', ['dossier_id', draftId])).toBe(1)
    const fee = await t.db
      .selectFrom('fees')
      .selectAll()
      .where('dossier_id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(fee).toMatchObject({ amount: 200000, status: 'due', kind: 'submission' })
  })

  it('refuses an incomplete draft and changes nothing', async () => {
    const citizen = await createCitizen(t.db)
    const procedure = (await getProcedure(t.db, JUDICIAL))!
    const draftId = await startDraft(t.db, citizen.id, procedure)
    const error = await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    }).catch((e) => e)
    expect(error).toBeInstanceOf(IncompleteDossierError)
    const where = (error as IncompleteDossierError).problems.map((p) => p.where)
    expect(where).toEqual(expect.arrayContaining(['applicant', 'request', 'documents', 'delivery']))
    const d = await t.db
      .selectFrom('dossiers')
      .select(['status', 'code', 'submit_token', 'declared_at'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    // the token and the declaration are stamped in the statement that locks the draft: taken back with the rest
    expect(d).toEqual({ status: 'draft', code: null, submit_token: null, declared_at: null })
    expect(await count('dossier_events', ['dossier_id', draftId])).toBe(0)
  })

  it('refuses without the declaration, and keeps no declaration time', async () => {
    const citizen = await createCitizen(t.db)
    const { procedure, draftId } = await completeJudicialDraft(t.db, citizen.id)
    const error = await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: false,
      lng: 'vi',
    }).catch((e) => e)
    expect((error as IncompleteDossierError).problems).toEqual([
      expect.objectContaining({ where: 'declaration' }),
    ])
    const d = await t.db
      .selectFrom('dossiers')
      .select(['status', 'submit_token', 'declared_at'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow()
    expect(d).toEqual({ status: 'draft', submit_token: null, declared_at: null })
  })

  it('100 parallel identical submissions make exactly one dossier, and every caller gets its code', async () => {
    const citizen = await createCitizen(t.db)
    const { procedure, draftId } = await completeJudicialDraft(t.db, citizen.id)
    const token = randomUUID()
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        submitDraft(t.db, {
          applicantId: citizen.id,
          procedureId: procedure.id,
          token,
          declared: true,
          lng: 'vi',
        }),
      ),
    )
    const codes = new Set(results.map((r) => r.code))
    expect(codes.size).toBe(1)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    const mine = await t.db
      .selectFrom('dossiers')
      .select('code')
      .where('applicant_id', '=', citizen.id)
      .execute()
    expect(mine).toHaveLength(1)
    expect(await count('dossier_events', ['dossier_id', draftId])).toBe(1)
    expect(await count('fees', ['dossier_id', draftId])).toBe(1)
  })

  it('200 concurrent submissions by different citizens get 200 distinct, consecutive codes', async () => {
    const drafts = []
    for (let i = 0; i < 200; i++) {
      const citizen = await createCitizen(t.db)
      const { procedure } = await completeJudicialDraft(t.db, citizen.id)
      drafts.push({ applicantId: citizen.id, procedureId: procedure.id })
    }
    const now = new Date('2027-03-02T03:00:00Z')
    const results = await Promise.all(
      drafts.map((d) => submitDraft(t.db, { ...d, token: randomUUID(), declared: true, lng: 'vi', now })),
    )
    const codes = results.map((r) => r.code)
    expect(new Set(codes).size).toBe(200)
    const numbers = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)
    expect(numbers[0]).toBe(1)
    expect(numbers[199]).toBe(200)
    expect(codes.every((c) => c.startsWith('STP-270302-'))).toBe(true)
  })
})
