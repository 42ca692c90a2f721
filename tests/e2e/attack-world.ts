import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * The rows of the browser attack suite (attacks.spec.ts): an applicant, an officer, an agency and a letter named by
 * XSS payloads, and four dossiers of the applicant (supplement requested with messages and a note; refused with a
 * refund requested; withdrawn with a refund rejected; completed and rated) whose text answers are payloads.
 */

export const payloads = [
  `<img src=x onerror="window.__xss=1;alert(1)">`,
  `"><script>window.__xss=1;alert(1)</script>`,
  `</textarea><svg onload="window.__xss=1;alert(1)">`,
  `{{constructor.constructor('window.__xss=1;alert(1)')()}}`,
  `javascript:window.__xss=1;alert(1)`,
]
/** Every payload in one value, tagged with the field it went into (to find it on the page). */
export const evil = (field: string) => `${field} ${payloads.join(' ')}`
export const staffPassword = 'CanBo@2026'
export const password = 'ma doc hai 2026 xss'
export const port = process.env.E2E_PORT ?? 3100

export async function openDb() {
  const { testServer } = await import('../setup/pg')
  const { withDatabase } = await import('../../db/embedded')
  const { createDb } = await import('../../db/create-db')
  const { adminUrl } = await testServer()
  return createDb(withDatabase(adminUrl, `portal_e2e_${port}`), { max: 2 })
}

/** The applicant, an officer, an agency and a letter named by payloads, and four dossiers of the applicant. */
export async function buildWorld(db: Kysely<Database>) {
  const { hashPassword } = await import('../../app/modules/auth/password.server')
  const { completeJudicialDraft } = await import('../setup/factories')
  const { submitDraft } = await import('../../app/modules/dossiers/submit.server')
  {
    const n = `${Date.now()}${process.pid}`.slice(-9)
    const hash = await hashPassword(password)
    const applicant = await db
      .insertInto('users')
      .values({
        kind: 'citizen',
        email: `xss.${n}@example.vn`,
        full_name: evil('applicant'),
        phone: `09${n.slice(-8)}`,
        citizen_id: `079${n}`,
        password_hash: hash,
        email_confirmed_at: new Date(),
      })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow()
    const stp = await db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', 'STP')
      .executeTakeFirstOrThrow()
    const city = await db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', 'TP')
      .executeTakeFirstOrThrow()
    const finance = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'finance.stp@example.gov.vn')
      .executeTakeFirstOrThrow()
    const finance2 = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'finance2.stp@example.gov.vn')
      .executeTakeFirstOrThrow()
    const officer = await db
      .insertInto('users')
      .values({
        kind: 'staff',
        email: `xss.officer.${n}@example.gov.vn`,
        full_name: evil('staff'),
        password_hash: hash,
        email_confirmed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('staff_roles')
      .values({ user_id: officer.id, agency_id: stp.id, role: 'reception' })
      .execute()
    await db
      .insertInto('agencies')
      .values({
        code: `X${n.slice(-6)}`,
        name_vi: evil('agency'),
        name_en: evil('agency'),
        parent_id: city.id,
      })
      .execute()
    const letter = await db
      .insertInto('mailbox')
      .values({
        idempotency_key: randomUUID(),
        to_address: applicant.email,
        subject: evil('subject'),
        body: evil('body'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()

    const event = (dossierId: string, action: string, from: string | null, to: string | null, extra = {}) =>
      db
        .insertInto('dossier_events')
        .values({
          dossier_id: dossierId,
          actor_id: officer.id,
          actor_role: 'reception',
          action,
          from_status: from as never,
          to_status: to as never,
          ...extra,
        })
        .execute()

    /** A submitted judicial-record dossier whose text answers are payloads, its fee paid by card. */
    const dossier = async (status: string) => {
      const { procedure, draftId } = await completeJudicialDraft(db, applicant.id)
      const { code } = await submitDraft(db, {
        applicantId: applicant.id,
        procedureId: procedure.id,
        token: randomUUID(),
        declared: true,
        lng: 'vi',
      })
      const row = await db
        .selectFrom('dossiers')
        .select(['form_data'])
        .where('id', '=', draftId)
        .executeTakeFirstOrThrow()
      const form = row.form_data as Record<string, unknown>
      const formData = {
        ...form,
        fullName: evil('answer.fullName'),
        placeOfBirth: evil('answer.placeOfBirth'),
        purpose: evil('answer.purpose'),
        permanentAddress: {
          ...(form.permanentAddress as object),
          street: evil('answer.street'),
        },
      }
      await db
        .updateTable('dossiers')
        .set({
          form_data: JSON.stringify(formData),
          status: status as never,
          received_at: new Date(),
          due_at: new Date(Date.now() + 7 * 86_400_000),
        })
        .where('id', '=', draftId)
        .execute()
      // An uploaded file's name is typed by the applicant too (the stored name keeps the sniffed extension).
      await db
        .updateTable('dossier_files')
        .set({ original_name: `${evil('file')}.pdf` })
        .where('dossier_id', '=', draftId)
        .execute()
      await event(draftId, 'receive', 'submitted', 'received', {
        data: JSON.stringify({ dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
      })
      const fee = await db
        .selectFrom('fees')
        .select(['id', 'amount'])
        .where('dossier_id', '=', draftId)
        .executeTakeFirst()
      let receiptId: string | null = null
      let attemptId: string | null = null
      if (fee) {
        const attempt = await db
          .insertInto('payment_attempts')
          .values({
            fee_id: fee.id,
            provider: 'stripe',
            provider_ref: `pi_xss_${randomUUID()}`,
            idempotency_key: randomUUID(),
            amount: fee.amount,
            status: 'succeeded',
            return_url: `http://127.0.0.1:${port}/`,
            cancel_url: `http://127.0.0.1:${port}/`,
            payer_ip: '127.0.0.1',
            transaction_id: `txn_${randomUUID()}`,
            expires_at: new Date(Date.now() + 3_600_000),
            settled_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        attemptId = attempt.id
        await db
          .updateTable('fees')
          .set({ status: 'paid', paid_at: new Date(), paid_attempt_id: attempt.id, paid_method: 'stripe' })
          .where('id', '=', fee.id)
          .execute()
        const receipt = await db
          .insertInto('receipts')
          .values({
            fee_id: fee.id,
            attempt_id: attempt.id,
            agency_id: stp.id,
            year: 2026,
            number: 1_000_000 + Math.floor(Math.random() * 9_000_000),
            series: 'XSS',
            dossier_code: code,
            payer_name: evil('payer'),
            amount: fee.amount,
            method: 'stripe',
            description: JSON.stringify({ vi: 'Lệ phí', en: 'Fee' }),
            transaction_id: `txn_${randomUUID()}`,
            issued_at: new Date(),
            document_hash: '0'.repeat(64),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        receiptId = receipt.id
      }
      return { id: draftId, code, receiptId, attemptId, feeId: fee?.id ?? null, amount: fee?.amount ?? 0 }
    }

    // Supplement requested, with messages and an internal note.
    const supplement = await dossier('supplement_requested')
    const items = [
      { kind: 'field', key: 'purpose', reason: evil('supplement.field') },
      { kind: 'field', key: 'placeOfBirth', reason: evil('supplement.place') },
    ]
    await db
      .insertInto('supplement_requests')
      .values({
        dossier_id: supplement.id,
        requested_by: officer.id,
        items: JSON.stringify(items),
        return_status: 'received',
      })
      .execute()
    await event(supplement.id, 'request_supplement', 'received', 'supplement_requested', {
      reason: evil('supplement.reason'),
      data: JSON.stringify({ items }),
    })
    await db
      .insertInto('messages')
      .values([
        { dossier_id: supplement.id, author_id: officer.id, body: evil('message'), internal: false },
        { dossier_id: supplement.id, author_id: officer.id, body: evil('note'), internal: true },
        { dossier_id: supplement.id, author_id: applicant.id, body: evil('reply'), internal: false },
      ])
      .execute()

    // Refused, with a refund requested by a finance clerk.
    const refused = await dossier('refused')
    await event(refused.id, 'refuse', 'received', 'refused', { reason: evil('refusal') })
    const refund = (d: typeof refused, status: 'requested' | 'rejected', origin: 'refused' | 'withdrawn') =>
      db
        .insertInto('refunds')
        .values({
          fee_id: d.feeId!,
          attempt_id: d.attemptId!,
          origin,
          amount: d.amount,
          status,
          reason: evil(`refund.${status}`),
          requested_by: finance.id,
          requested_at: new Date(),
          ...(status === 'rejected'
            ? { decided_by: finance2.id, decided_at: new Date(), decision_note: evil('refund.note') }
            : {}),
          idempotency_key: randomUUID(),
        })
        .execute()
    if (refused.feeId) await refund(refused, 'requested', 'refused')

    // Withdrawn by the applicant, with a reason.
    const withdrawn = await dossier('withdrawn')
    await event(withdrawn.id, 'withdraw', 'received', 'withdrawn', {
      reason: evil('withdraw'),
      actor_id: applicant.id,
      actor_role: 'applicant',
    })
    if (withdrawn.feeId) await refund(withdrawn, 'rejected', 'withdrawn')

    // Completed and rated with a comment.
    const completed = await dossier('completed')
    await db
      .updateTable('dossiers')
      .set({ completed_at: new Date(), timeliness: 'on_time' })
      .where('id', '=', completed.id)
      .execute()
    await event(completed.id, 'deliver', 'result_ready', 'completed')
    await db
      .insertInto('ratings')
      .values({ dossier_id: completed.id, score: 1, comment: evil('rating') })
      .execute()

    return { applicant, letterId: letter.id, supplement, refused, withdrawn, completed }
  }
}
