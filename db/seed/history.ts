/**
 * Demo data with a history (issue 12 §5): two months of judicial-record dossiers at the Department of Justice
 * (STP), relative to the day of seeding, in every state of the workflow — waiting for payment, submitted,
 * received, being processed (some past their due date), paused for a supplement, waiting for approval, ready,
 * completed (most of them rated), refused at intake (a refunded gateway payment, with its attempt, is
 * ./finance-history.ts's story),
 * refused after appraisal and withdrawn — so the officer queues, the dashboard and the citizen's own list show
 * what they are for. Sign in as congdan@example.vn to see the citizen's share, as reception.stp@… for the queues.
 *
 * Every dossier is made the way a real one is: a draft filled section by section, submitted through
 * `submitDraft`, then moved by `performTransition` as the demo staff (reception, specialist, approver) or the
 * system, each step at its own past time (`now`), so the statuses, the due dates (working days, holidays), the
 * audit rows, the supplement requests and the letters are the workflow's, not hand-written. A paid fee is marked
 * paid as the payments module's gateway callback would before `pay` (the payment attempts and settlements of the
 * finance pages are ./finance-history.ts's). Documents are recorded as file rows only (no stored bytes: opening
 * one in the demo answers "not found"). Idempotent: seeded once, recognised by its first submission token.
 */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { saveDelivery, saveSection, startDraft } from '../../app/modules/dossiers/drafts.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { allFields, type FormDefinition } from '../../app/modules/forms/definition'
import { createBoss, ensureQueues } from '../../app/modules/notifications/boss.server'
import { performTransition, systemActor, type Actor } from '../../app/modules/workflow/perform.server'
import type { Database } from '../schema'
import { demoCitizen } from './accounts'

const JUDICIAL = '2.001417.000.00.00.H56'
const DAY = 86_400_000
const HOUR = 3_600_000

/** The submission tokens of the history: a fixed namespace, so a second seeding recognises the first. */
const token = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`

type Step =
  | 'pay'
  | 'receive'
  | 'assign'
  | 'request_supplement'
  | 'propose'
  | 'approve'
  | 'deliver'
  | 'refuse_intake'
  | 'refuse'
  | 'withdraw'
  | 'rate'

/** The stories: how many days ago the dossier was submitted and what happened to it since. */
const stories: Array<{ daysAgo: number; steps: Step[]; mine?: boolean }> = [
  { daysAgo: 0.1, steps: [], mine: true }, // awaiting payment
  { daysAgo: 0.3, steps: [] },
  { daysAgo: 0.5, steps: ['pay'] }, // submitted, waiting for reception
  { daysAgo: 1, steps: ['pay'] },
  { daysAgo: 2, steps: ['pay'], mine: true },
  { daysAgo: 2, steps: ['pay', 'receive'] }, // received, not yet assigned
  { daysAgo: 3, steps: ['pay', 'receive'] },
  { daysAgo: 4, steps: ['pay', 'receive', 'assign'] }, // in progress, on time
  { daysAgo: 6, steps: ['pay', 'receive', 'assign'], mine: true },
  { daysAgo: 8, steps: ['pay', 'receive', 'assign'] },
  { daysAgo: 20, steps: ['pay', 'receive', 'assign'] }, // in progress, overdue (10 working days)
  { daysAgo: 26, steps: ['pay', 'receive', 'assign'] },
  { daysAgo: 5, steps: ['pay', 'receive', 'assign', 'request_supplement'], mine: true }, // paused
  { daysAgo: 9, steps: ['pay', 'receive', 'assign', 'request_supplement'] },
  { daysAgo: 9, steps: ['pay', 'receive', 'assign', 'propose'] }, // awaiting approval
  { daysAgo: 12, steps: ['pay', 'receive', 'assign', 'propose'] },
  { daysAgo: 11, steps: ['pay', 'receive', 'assign', 'propose', 'approve'], mine: true }, // result ready
  { daysAgo: 13, steps: ['pay', 'receive', 'assign', 'propose', 'approve'] },
  ...[15, 18, 22, 25, 29, 33, 37, 41, 44, 48, 52, 55, 58].map((daysAgo, i) => ({
    daysAgo,
    steps: [
      'pay',
      'receive',
      'assign',
      'propose',
      'approve',
      'deliver',
      ...(i % 4 === 3 ? [] : ['rate' as const]),
    ] as Step[],
    mine: i === 2 || i === 7,
  })), // completed
  { daysAgo: 7, steps: ['pay', 'refuse_intake'] }, // refused at intake
  { daysAgo: 30, steps: ['pay', 'refuse_intake'], mine: true },
  { daysAgo: 21, steps: ['pay', 'receive', 'assign', 'propose', 'refuse'] }, // refused after appraisal
  { daysAgo: 40, steps: ['pay', 'receive', 'assign', 'propose', 'refuse'] },
  { daysAgo: 3, steps: ['withdraw'] }, // withdrawn before paying
  { daysAgo: 16, steps: ['pay', 'withdraw'], mine: true }, // withdrawn after paying
]

const applicants = [
  ['Trần Văn Bình', 'male', '1985-03-02'],
  ['Lê Thị Hồng', 'female', '1992-07-19'],
  ['Phạm Minh Tuấn', 'male', '1978-11-30'],
  ['Võ Thị Thu Trang', 'female', '1999-01-08'],
  ['Đặng Quốc Huy', 'male', '1988-09-14'],
  ['Bùi Thị Ngọc Lan', 'female', '1995-04-25'],
] as const

const ratings = [
  [5, 'Nhanh, đúng hẹn, cán bộ hướng dẫn tận tình.'],
  [4, 'Thủ tục rõ ràng, nhận kết quả qua bưu điện tiện lợi.'],
  [5, null],
  [3, 'Phải bổ sung giấy tờ một lần, lần sau nên hướng dẫn kỹ hơn.'],
] as const

export async function seedDemoHistory(
  db: Kysely<Database>,
  options: { now?: Date } = {},
): Promise<{ dossiers: number } | null> {
  const now = options.now ?? new Date()
  if (await db.selectFrom('dossiers').select('id').where('submit_token', '=', token(0)).executeTakeFirst())
    return null
  const procedure = await getProcedure(db, JUDICIAL)
  const me = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoCitizen.email)
    .executeTakeFirst()
  if (!procedure || !me) return null
  const staff = await db
    .selectFrom('staff_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'r.role', 'r.agency_id'])
    .where('r.agency_id', '=', procedure.agency_id)
    .where('u.email', 'in', [
      'reception.stp@example.gov.vn',
      'specialist.stp@example.gov.vn',
      'approver.stp@example.gov.vn',
    ])
    .execute()
  const actor = (role: string): Actor => {
    const s = staff.find((r) => r.role === role)
    if (!s) throw new Error(`The demo history needs the demo ${role} of STP: run seedDemo first`)
    return { id: s.id, roles: [{ role, agencyId: s.agency_id }] }
  }
  const reception = actor('reception')
  const specialist = actor('specialist')
  const approver = actor('approver')

  // The other applicants: citizens of their own (no password: they cannot sign in).
  const others: string[] = []
  for (const [i, [fullName]] of applicants.entries()) {
    const email = `lich-su-${i + 1}@example.vn`
    const row =
      (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) ??
      (await db
        .insertInto('users')
        .values({
          kind: 'citizen',
          email,
          full_name: fullName,
          phone: `09${String(31_000_000 + i * 7919).padStart(8, '0')}`,
          citizen_id: `0791${String(88_000_000 + i * 104_729).padStart(8, '0')}`,
          password_hash: 'demo-history-no-login',
        })
        .returning('id')
        .executeTakeFirstOrThrow())
    others.push(row.id)
  }

  // The workflow queues its letters in pg-boss in the same transaction: on a first start the seed runs before the
  // job queue, so its schema and queues are installed here first (idempotent, as at start-up).
  const boss = createBoss(db, { supervise: false, schedule: false })
  await boss.start()
  try {
    await ensureQueues(boss)
  } finally {
    await boss.stop({ graceful: false })
  }

  const form = procedure.form as FormDefinition
  const requiredDocs = procedure.documents.filter((d) => d.required)
  let count = 0
  /** the time of each audit row, in the order written: dossier id, ordinal, time */
  const eventTimes: Array<[string, number, Date]> = []
  for (const [i, story] of stories.entries()) {
    const applicantId = story.mine ? me.id : others[i % others.length]
    const person = story.mine ? null : applicants[i % applicants.length]
    // Submitted at a working hour in Viet Nam (08:00–16:00, UTC+7), `daysAgo` before now.
    const submittedAt = new Date(
      Math.min(now.getTime() - HOUR, now.getTime() - story.daysAgo * DAY - ((i * 37) % 300) * 60_000),
    )
    let at = submittedAt.getTime()
    let ordinal = 0
    /** the time of the next step, recorded for the audit row it writes (`rate` writes none) */
    const next = (hours: number, audited = true) => {
      at = Math.min(at + hours * HOUR, now.getTime() - 60_000)
      if (audited) eventTimes.push([draftId, ++ordinal, new Date(at)])
      return new Date(at)
    }
    const answers: Record<string, unknown> = {
      fullName: person ? person[0] : 'Nguyễn Văn An',
      sex: person ? person[1] : 'male',
      dateOfBirth: person ? person[2] : '1990-05-12',
      placeOfBirth: 'Thành phố Hồ Chí Minh',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      citizenId: `0790${String(90_000_000 + i * 7_901).padStart(8, '0')}`,
      phone: `09${String(12_000_000 + i * 3_571).padStart(8, '0')}`,
      permanentAddress: {
        province: 'Thành phố Hồ Chí Minh',
        district: 'Quận 3',
        ward: 'Phường Võ Thị Sáu',
        street: `${10 + i} Pasteur`,
      },
      certificateType: '2',
      purpose: ['Xin việc', 'Bổ sung hồ sơ du học', 'Thành lập doanh nghiệp', 'Xin cấp thẻ luật sư'][i % 4],
      copies: 1 + (i % 2),
      reducedFee: 'none',
    }
    const draftId = await startDraft(db, applicantId, procedure)
    for (const section of form.sections) {
      const keys = allFields({ sections: [section] }).map((f) => f.key)
      const values = Object.fromEntries(Object.entries(answers).filter(([k]) => keys.includes(k)))
      await saveSection(db, draftId, applicantId, { key: section.key, fieldKeys: keys }, values)
    }
    for (const doc of requiredDocs) {
      await db
        .insertInto('dossier_files')
        .values({
          dossier_id: draftId,
          requirement_key: doc.key,
          original_name: `${doc.key}.pdf`,
          mime: 'application/pdf',
          size: 48_213,
          sha256: '0'.repeat(64),
          storage_key: `demo-history/${randomUUID()}`,
          uploaded_by: applicantId,
          created_at: submittedAt,
        })
        .execute()
    }
    await saveDelivery(db, draftId, applicantId, 'online', null)
    const { code } = await submitDraft(db, {
      applicantId,
      procedureId: procedure.id,
      token: token(i),
      declared: true,
      lng: 'vi',
      now: submittedAt,
    }).catch((e: unknown) => {
      throw new Error(
        `demo history ${i}: ${JSON.stringify((e as { problems?: unknown }).problems ?? String(e))}`,
      )
    })
    eventTimes.push([draftId, ++ordinal, submittedAt])
    // The draft's own times (created, saved) are the submission's, not the seeding's.
    await sql`UPDATE dossiers SET created_at = ${submittedAt} WHERE id = ${draftId}`.execute(db)
    const citizen: Actor = { id: applicantId, roles: [] }
    for (const step of story.steps) {
      if (step === 'pay') {
        const paidAt = next(0.2)
        await db
          .updateTable('fees')
          .set({ status: 'paid', paid_at: paidAt })
          .where('dossier_id', '=', draftId)
          .where('status', '=', 'due')
          .execute()
        await performTransition(db, { dossierCode: code, action: 'pay', actor: systemActor, now: paidAt })
      } else if (step === 'receive') {
        await performTransition(db, { dossierCode: code, action: 'receive', actor: reception, now: next(3) })
      } else if (step === 'assign') {
        await performTransition(db, {
          dossierCode: code,
          action: 'assign',
          actor: reception,
          data: { assigneeId: specialist.id },
          now: next(2),
        })
      } else if (step === 'request_supplement') {
        await performTransition(db, {
          dossierCode: code,
          action: 'request_supplement',
          actor: specialist,
          reason: 'Bản chụp giấy tờ tùy thân bị mờ, không đọc được số định danh.',
          data: {
            items: [
              {
                kind: 'document',
                key: requiredDocs[0].key,
                reason: 'Chụp lại rõ nét cả hai mặt giấy tờ tùy thân.',
              },
            ],
          },
          now: next(30),
        })
      } else if (step === 'propose') {
        await performTransition(db, {
          dossierCode: code,
          action: 'propose',
          actor: specialist,
          now: next(50),
        })
      } else if (step === 'approve') {
        await performTransition(db, { dossierCode: code, action: 'approve', actor: approver, now: next(20) })
      } else if (step === 'deliver') {
        await performTransition(db, { dossierCode: code, action: 'deliver', actor: reception, now: next(20) })
      } else if (step === 'refuse_intake') {
        await performTransition(db, {
          dossierCode: code,
          action: 'refuse_intake',
          actor: reception,
          reason:
            'Người yêu cầu không thuộc trường hợp cấp Phiếu tại Sở Tư pháp Thành phố (nơi thường trú ở tỉnh khác).',
          now: next(4),
        })
      } else if (step === 'refuse') {
        await performTransition(db, {
          dossierCode: code,
          action: 'refuse',
          actor: approver,
          reason: 'Thông tin nhân thân trong tờ khai không khớp với Cơ sở dữ liệu quốc gia về dân cư.',
          now: next(20),
        })
      } else if (step === 'withdraw') {
        await performTransition(db, {
          dossierCode: code,
          action: 'withdraw',
          actor: citizen,
          reason: 'Không còn nhu cầu.',
          now: next(5),
        })
      } else if (step === 'rate') {
        const [score, comment] = ratings[i % ratings.length]
        await db
          .insertInto('ratings')
          .values({ dossier_id: draftId, score, comment, created_at: next(24, false) })
          .onConflict((oc) => oc.doNothing())
          .execute()
      }
    }
    count++
  }
  // The audit rows are dated by the database at the seeding (the workflow writes the real time, as it must); the
  // history's rows get the times of their steps, the one place where the append-only guard is lifted, for
  // the seed's own rows, in one transaction.
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_append_only`.execute(trx)
    await sql`
      UPDATE dossier_events e SET at = v.at
      FROM unnest(${eventTimes.map((r) => r[0])}::uuid[], ${eventTimes.map((r) => r[1])}::int[],
                  ${eventTimes.map((r) => r[2].toISOString())}::timestamptz[]) AS v(dossier_id, ord, at),
           (SELECT id, dossier_id, row_number() OVER (PARTITION BY dossier_id ORDER BY id)::int AS ord
              FROM dossier_events WHERE dossier_id = ANY(${[...new Set(eventTimes.map((r) => r[0]))]}::uuid[])) r
      WHERE r.id = e.id AND r.dossier_id = v.dossier_id AND r.ord = v.ord`.execute(trx)
    await sql`ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_append_only`.execute(trx)
  })
  await sql`ANALYZE dossiers`.execute(db)
  return { dossiers: count }
}
