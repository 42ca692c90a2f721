import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import {
  ConflictError,
  ForbiddenActionError,
  InvalidActionInputError,
  InvalidTransitionError,
} from '../../app/modules/workflow/errors'
import { performTransition, systemActor, type Actor } from '../../app/modules/workflow/perform.server'
import { workflow } from '../../app/modules/workflow/transitions'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'

let t: Awaited<ReturnType<typeof createTestDb>>
const actors: Record<string, Actor> = {}
let requiredDoc: string

/** An instant given in Viet Nam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`)

async function staff(email: string): Promise<Actor> {
  const user = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  const grants = await t.db
    .selectFrom('staff_roles')
    .select(['role', 'agency_id'])
    .where('user_id', '=', user.id)
    .execute()
  return { id: user.id, roles: grants.map((g) => ({ role: g.role, agencyId: g.agency_id })) }
}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  for (const who of ['reception', 'specialist', 'approver', 'finance'])
    for (const agency of ['stp', 'ubq1'])
      actors[`${who}.${agency}`] = await staff(`${who}.${agency}@example.gov.vn`)
})
afterAll(() => t.drop())

/**
 * A judicial-record dossier (STP, level 4, 200 000 ₫, 10 working days) in `submitted`: submitted (so awaiting
 * payment), its fee marked paid as the payments module would, then `pay` performed as the system.
 */
async function submittedDossier(now: Date) {
  const citizen = await createCitizen(t.db)
  const { procedure, draftId } = await completeJudicialDraft(t.db, citizen.id)
  requiredDoc ??= procedure.documents.find((d) => d.required)!.key
  const { code, status } = await submitDraft(t.db, {
    applicantId: citizen.id,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
    now,
  })
  expect(status).toBe('awaiting_payment')
  await t.db
    .updateTable('fees')
    .set({ status: 'paid', paid_at: now })
    .where('dossier_id', '=', draftId)
    .where('status', '=', 'due')
    .execute()
  const paid = await performTransition(t.db, { dossierCode: code, action: 'pay', actor: systemActor, now })
  expect(paid).toMatchObject({ from: 'awaiting_payment', to: 'submitted', actorRole: 'system' })
  const citizenActor: Actor = { id: citizen.id, roles: [] }
  return { code, id: draftId, citizen: citizenActor }
}

const dossier = (id: string) =>
  t.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const events = (id: string) =>
  t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('id').execute()

describe('receive', () => {
  it('sets received_at and the due date (10 working days, Tết skipped) and writes one event', async () => {
    // Thursday 12 February 2026, the day before the Tết break (14–22 Feb)
    const now = vn('2026-02-12T10:00')
    const { code, id } = await submittedDossier(vn('2026-02-12T08:00'))
    const before = await dossier(id)
    const eventsBefore = (await events(id)).length

    const result = await performTransition(t.db, {
      dossierCode: code,
      action: 'receive',
      actor: actors['reception.stp'],
      expectedVersion: before.version,
      now,
    })

    // 13 Feb, then 23–27 Feb, then 2–5 March → Thursday 5 March, 17:00 in Viet Nam
    const due = vn('2026-03-05T17:00')
    expect(result).toMatchObject({ from: 'submitted', to: 'received', actorRole: 'reception', dueAt: due })
    const after = await dossier(id)
    expect(after).toMatchObject({
      status: 'received',
      received_at: now,
      due_at: due,
      version: before.version + 1,
    })
    const all = await events(id)
    expect(all).toHaveLength(eventsBefore + 1)
    expect(all.at(-1)).toMatchObject({
      actor_id: actors['reception.stp'].id,
      actor_role: 'reception',
      action: 'receive',
      from_status: 'submitted',
      to_status: 'received',
      reason: null,
      citizen_visible: true,
      data: { dueAt: due.toISOString(), receivedAt: now.toISOString(), processingDays: 10 },
    })
  })

  it('refuses a reception officer of another agency (UBQ1), and changes nothing', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    const before = await dossier(id)
    const eventsBefore = await events(id)
    for (const actor of [actors['reception.ubq1'], actors['specialist.stp'], actors['finance.stp']]) {
      const error = await performTransition(t.db, { dossierCode: code, action: 'receive', actor }).catch(
        (e) => e,
      )
      expect(error).toBeInstanceOf(ForbiddenActionError)
    }
    // a UBQ1 officer claiming an STP grant they do not hold is refused too: grants are re-read from staff_roles
    const forged: Actor = {
      id: actors['reception.ubq1'].id,
      roles: [{ role: 'reception', agencyId: actors['reception.stp'].roles[0].agencyId }],
    }
    await expect(
      performTransition(t.db, { dossierCode: code, action: 'receive', actor: forged }),
    ).rejects.toBeInstanceOf(ForbiddenActionError)
    expect(await dossier(id)).toEqual(before)
    expect(await events(id)).toEqual(eventsBefore)
  })

  it('50 concurrent receives with the same expected version: exactly one commits, the others get a clear conflict', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    const { version } = await dossier(id)
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        performTransition(t.db, {
          dossierCode: code,
          action: 'receive',
          actor: actors['reception.stp'],
          expectedVersion: version,
        }),
      ),
    )
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))
    expect(errors).toHaveLength(49)
    expect(
      errors.filter((e) => !(e instanceof ConflictError || e instanceof InvalidTransitionError)),
    ).toEqual([])
    expect((await events(id)).filter((e) => e.action === 'receive')).toHaveLength(1)
    expect(await dossier(id)).toMatchObject({ status: 'received', version: version + 1 })
  })

  it('without an expected version, the losers are told the status moved on', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        performTransition(t.db, { dossierCode: code, action: 'receive', actor: actors['reception.stp'] }),
      ),
    )
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    for (const o of outcomes)
      if (o.status === 'rejected') expect(o.reason).toMatchObject({ because: 'status', status: 'received' })
    expect((await events(id)).filter((e) => e.action === 'receive')).toHaveLength(1)
  })

  it('a stale version is a conflict even when the action would be allowed', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    const { version } = await dossier(id)
    const error = await performTransition(t.db, {
      dossierCode: code,
      action: 'receive',
      actor: actors['reception.stp'],
      expectedVersion: version - 1,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ConflictError)
    expect(error).toMatchObject({ expectedVersion: version - 1, currentVersion: version })
    expect((await dossier(id)).status).toBe('submitted')
  })

  it('rolls everything back when the in-transaction hook fails, and hands it the transaction and result', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    const before = await dossier(id)
    const eventsBefore = await events(id)
    const seen: unknown[] = []
    const error = await performTransition(t.db, {
      dossierCode: code,
      action: 'receive',
      actor: actors['reception.stp'],
      inTransaction: async (trx, result) => {
        seen.push(trx.isTransaction, result.to, result.dueAt)
        throw new Error('queue unavailable')
      },
    }).catch((e) => e)
    expect(String(error)).toMatch(/queue unavailable/)
    expect(seen.slice(0, 2)).toEqual([true, 'received'])
    expect(seen[2]).toBeInstanceOf(Date)
    expect(await dossier(id)).toEqual(before)
    expect(await events(id)).toEqual(eventsBefore)
  })
})

describe('refusals and reasons', () => {
  it('refuse_intake needs a reason, then closes the dossier with it', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    await expect(
      performTransition(t.db, {
        dossierCode: code,
        action: 'refuse_intake',
        actor: actors['reception.stp'],
        reason: '  ',
      }),
    ).rejects.toMatchObject({ field: 'reason', problem: 'required' })
    const now = vn('2026-03-02T09:00')
    await performTransition(t.db, {
      dossierCode: code,
      action: 'refuse_intake',
      actor: actors['reception.stp'],
      reason: 'Không thuộc thẩm quyền giải quyết',
      now,
    })
    expect(await dossier(id)).toMatchObject({
      status: 'refused_at_intake',
      completed_at: now,
      timeliness: null,
    })
    expect((await events(id)).at(-1)).toMatchObject({
      action: 'refuse_intake',
      reason: 'Không thuộc thẩm quyền giải quyết',
    })
  })

  it('pay is refused while the fee is still due', async () => {
    const citizen = await createCitizen(t.db)
    const { procedure } = await completeJudicialDraft(t.db, citizen.id)
    const { code } = await submitDraft(t.db, {
      applicantId: citizen.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    const error = await performTransition(t.db, {
      dossierCode: code,
      action: 'pay',
      actor: systemActor,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidTransitionError)
    expect(error).toMatchObject({ because: 'guard', guard: 'feesSettled' })
    // and a citizen cannot play the system
    const asCitizen = await performTransition(t.db, {
      dossierCode: code,
      action: 'pay',
      actor: { id: citizen.id, roles: [] },
    }).catch((e) => e)
    expect(asCitizen).toBeInstanceOf(ForbiddenActionError)
  })
})

describe('supplement requests', () => {
  it('pause the clock and create the request; the answer returns the dossier and extends the due date', async () => {
    const { code, id, citizen } = await submittedDossier(vn('2026-03-02T08:00'))
    await performTransition(t.db, {
      dossierCode: code,
      action: 'receive',
      actor: actors['reception.stp'],
      now: vn('2026-03-02T09:00'),
    })
    expect((await dossier(id)).due_at).toEqual(vn('2026-03-16T17:00'))

    // unknown documents are refused: the citizen must see names they recognise
    await expect(
      performTransition(t.db, {
        dossierCode: code,
        action: 'request_supplement',
        actor: actors['reception.stp'],
        data: { items: [{ kind: 'document', key: 'no_such_doc', reason: 'x' }] },
      }),
    ).rejects.toBeInstanceOf(InvalidActionInputError)

    const pausedAt = vn('2026-03-05T14:00') // Thursday
    const items = [{ kind: 'document', key: requiredDoc, reason: 'Bản chụp mờ, không đọc được' }]
    const requested = await performTransition(t.db, {
      dossierCode: code,
      action: 'request_supplement',
      actor: actors['reception.stp'],
      data: { items },
      now: pausedAt,
    })
    expect(requested).toMatchObject({ from: 'received', to: 'supplement_requested' })
    expect(await dossier(id)).toMatchObject({ status: 'supplement_requested', paused_since: pausedAt })
    const request = await t.db
      .selectFrom('supplement_requests')
      .selectAll()
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(request).toMatchObject({
      id: requested.supplementRequestId,
      items,
      return_status: 'received',
      requested_by: actors['reception.stp'].id,
      answered_at: null,
    })

    // the officer cannot answer for the citizen
    await expect(
      performTransition(t.db, { dossierCode: code, action: 'supplement', actor: actors['reception.stp'] }),
    ).rejects.toBeInstanceOf(ForbiddenActionError)

    // answered on Monday: Friday and Monday were paused (the weekend is not counted) → due moves 2 working days
    const answeredAt = vn('2026-03-09T10:00')
    const answered = await performTransition(t.db, {
      dossierCode: code,
      action: 'supplement',
      actor: citizen,
      now: answeredAt,
    })
    expect(answered).toMatchObject({ from: 'supplement_requested', to: 'received', actorRole: 'citizen' })
    expect(answered.data).toMatchObject({ pausedWorkingDays: 2 })
    expect(await dossier(id)).toMatchObject({
      status: 'received',
      paused_since: null,
      paused_working_minutes: 2 * 480,
      due_at: vn('2026-03-18T17:00'),
    })
    const closed = await t.db
      .selectFrom('supplement_requests')
      .select('answered_at')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(closed.answered_at).toEqual(answeredAt)
  })

  it('a specialist asks only on a dossier assigned to them', async () => {
    const { code } = await submittedDossier(vn('2026-03-02T08:00'))
    await performTransition(t.db, { dossierCode: code, action: 'receive', actor: actors['reception.stp'] })
    await expect(
      performTransition(t.db, {
        dossierCode: code,
        action: 'assign',
        actor: actors['reception.stp'],
        data: { assigneeId: actors['approver.stp'].id },
      }),
    ).rejects.toMatchObject({ field: 'assigneeId', problem: 'notSpecialist' })
    await performTransition(t.db, {
      dossierCode: code,
      action: 'assign',
      actor: actors['reception.stp'],
      data: { assigneeId: actors['specialist.stp'].id },
    })
    const data = { items: [{ kind: 'field', key: 'purpose', reason: 'Ghi rõ mục đích sử dụng' }] }
    // reception no longer holds the dossier
    await expect(
      performTransition(t.db, {
        dossierCode: code,
        action: 'request_supplement',
        actor: actors['reception.stp'],
        data,
      }),
    ).rejects.toMatchObject({ because: 'guard', guard: 'holder' })
    const r = await performTransition(t.db, {
      dossierCode: code,
      action: 'request_supplement',
      actor: actors['specialist.stp'],
      data,
    })
    expect(r).toMatchObject({ from: 'in_progress', to: 'supplement_requested', actorRole: 'specialist' })
  })
})

describe('deliver and timeliness', () => {
  async function toResultReady(readyAt: Date) {
    const d = await submittedDossier(vn('2026-03-02T08:00'))
    const step = (action: string, actor: Actor, now: Date, data?: Record<string, unknown>) =>
      performTransition(t.db, { dossierCode: d.code, action, actor, now, data })
    await step('receive', actors['reception.stp'], vn('2026-03-02T09:00')) // due Monday 16 March
    await step('assign', actors['approver.stp'], vn('2026-03-02T10:00'), {
      assigneeId: actors['specialist.stp'].id,
    })
    await step('propose', actors['specialist.stp'], vn('2026-03-04T10:00'))
    await step('approve', actors['approver.stp'], readyAt)
    return d
  }

  it('classes the dossier by the day its result was ready, and the class never changes afterwards', async () => {
    const { code, id } = await toResultReady(vn('2026-03-10T15:00'))
    const deliveredAt = vn('2026-03-20T09:00') // the citizen came late: not the agency's delay
    const r = await performTransition(t.db, {
      dossierCode: code,
      action: 'deliver',
      actor: actors['reception.stp'],
      now: deliveredAt,
    })
    expect(r).toMatchObject({ from: 'result_ready', to: 'completed' })
    const done = await dossier(id)
    expect(done).toMatchObject({ status: 'completed', completed_at: deliveredAt, timeliness: 'early' })

    // nothing can be done to a completed dossier any more, by anyone
    const everyone: Actor = {
      id: actors['reception.stp'].id,
      system: true,
      roles: ['reception', 'specialist', 'approver', 'finance'].flatMap((role) =>
        actors[`${role}.stp`].roles.filter((g) => g.role === role),
      ),
    }
    for (const { action } of workflow) {
      if (action === 'submit') continue
      const error = await performTransition(t.db, {
        dossierCode: code,
        action,
        actor: everyone,
        reason: 'thử',
        now: vn('2026-04-01T10:00'),
      }).catch((e) => e)
      expect(error, action).toBeInstanceOf(Error)
      expect(error instanceof InvalidTransitionError || error instanceof ForbiddenActionError, action).toBe(
        true,
      )
    }
    expect(await dossier(id)).toEqual(done)
  })

  it('a result ready after the due day is late; on the due day, on time', async () => {
    const late = await toResultReady(vn('2026-03-17T08:00'))
    await performTransition(t.db, {
      dossierCode: late.code,
      action: 'deliver',
      actor: actors['reception.stp'],
      now: vn('2026-03-17T09:00'),
    })
    expect((await dossier(late.id)).timeliness).toBe('late')

    const onTime = await toResultReady(vn('2026-03-16T16:30'))
    await performTransition(t.db, {
      dossierCode: onTime.code,
      action: 'deliver',
      actor: actors['reception.stp'],
      now: vn('2026-03-16T16:45'),
    })
    expect((await dossier(onTime.id)).timeliness).toBe('on_time')
  })

  it('an overdue dossier gets an apology with a new appointment; the legal due date is kept', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    await performTransition(t.db, {
      dossierCode: code,
      action: 'receive',
      actor: actors['reception.stp'],
      now: vn('2026-03-02T09:00'),
    })
    const data = { newAppointmentAt: '2026-03-24' }
    const early = await performTransition(t.db, {
      dossierCode: code,
      action: 'apologise',
      actor: actors['approver.stp'],
      reason: 'Cần xác minh thêm',
      data,
      now: vn('2026-03-16T10:00'),
    }).catch((e) => e)
    expect(early).toMatchObject({ because: 'guard', guard: 'overdue' })

    const r = await performTransition(t.db, {
      dossierCode: code,
      action: 'apologise',
      actor: actors['approver.stp'],
      reason: 'Cần xác minh thêm',
      data,
      now: vn('2026-03-17T10:00'),
    })
    expect(r).toMatchObject({ from: 'received', to: 'received' })
    expect(r.data).toMatchObject({
      newAppointmentAt: vn('2026-03-24T17:00'),
      legalDueAt: vn('2026-03-16T17:00'),
    })
    expect((await dossier(id)).due_at).toEqual(vn('2026-03-16T17:00'))
    expect((await events(id)).at(-1)).toMatchObject({ action: 'apologise', reason: 'Cần xác minh thêm' })
  })
})

describe('the audit trail', () => {
  it('cannot be updated', async () => {
    const { id } = await submittedDossier(vn('2026-03-02T08:00'))
    const [first] = await events(id)
    await expect(
      sql`UPDATE dossier_events SET reason = 'sửa' WHERE id = ${first.id}`.execute(t.db),
    ).rejects.toThrow(/append-only/)
    expect((await events(id))[0]).toEqual(first)
  })
})

describe('no officer acts on their own dossier', () => {
  it('refuses every staff role on a dossier filed from the officer’s own account; another officer may act', async () => {
    const { code, id } = await submittedDossier(vn('2026-03-02T08:00'))
    // As if the reception officer's account had filed it (staff accounts may no longer apply: see the HTTP test).
    await t.db
      .updateTable('dossiers')
      .set({ applicant_id: actors['reception.stp'].id! })
      .where('id', '=', id)
      .execute()
    const before = await dossier(id)
    await expect(
      performTransition(t.db, { dossierCode: code, action: 'receive', actor: actors['reception.stp'] }),
    ).rejects.toBeInstanceOf(ForbiddenActionError)
    expect(await dossier(id)).toMatchObject({ status: 'submitted', version: before.version })
    const colleague = await t.db
      .insertInto('users')
      .values({
        kind: 'staff',
        email: `reception2-${randomUUID()}@example.gov.vn`,
        full_name: 'Cán bộ Một cửa Hai',
        password_hash: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const agencyId = actors['reception.stp'].roles[0].agencyId
    await t.db
      .insertInto('staff_roles')
      .values({ user_id: colleague.id, agency_id: agencyId, role: 'reception' })
      .execute()
    const received = await performTransition(t.db, {
      dossierCode: code,
      action: 'receive',
      actor: { id: colleague.id, roles: [{ role: 'reception', agencyId }] },
    })
    expect(received.to).toBe('received')
  })
})
