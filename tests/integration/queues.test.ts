import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DossierStatus } from '../../db/schema'
import { hashPassword } from '../../app/modules/auth/password.server'
import { loadHolidays } from '../../app/modules/calendar/holidays.server'
import type { QueueId, QueueParam } from '../../app/modules/queues/definitions'
import {
  decodeCursor,
  encodeCursor,
  loadQueueHolidays,
  parseSearch,
  queueClock,
  queueCounts,
  queuePage,
  visibleQueues,
  type QueueClock,
  type QueueRow,
  type QueueScope,
} from '../../app/modules/queues/queues.server'
import { workingMinutesBetween } from '../../app/modules/queues/working-time'
import { receptionDeadline } from '../../app/modules/workflow/clock'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { createCitizen } from '../setup/factories'
import { startTestApp } from '../setup/http'

/** An instant given in Viet Nam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`)

/**
 * "Now" for the queue rules: Wednesday 29 April 2026, 18:00 in Viet Nam — after office hours, on the eve of the
 * 30 April – 1 May holidays. Today's due dossiers (17:00) are due, not overdue; the three working days after today
 * are Monday 4, Tuesday 5 and Wednesday 6 May.
 */
const NOW = vn('2026-04-29T18:00')

let t: Awaited<ReturnType<typeof createTestDb>>
let clock: QueueClock
const agency: Record<'STP' | 'UBQ1', string> = { STP: '', UBQ1: '' }
const procedure: Record<'STP' | 'UBQ1', { id: string; versionId: string }> = {
  STP: { id: '', versionId: '' },
  UBQ1: { id: '', versionId: '' },
}
const scopes: Record<string, QueueScope> = {}
let applicant: { id: string; citizen_id: string | null }
let seq = 0

async function scopeOf(email: string): Promise<QueueScope> {
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
  return { userId: user.id, grants: grants.map((g) => ({ role: g.role, agencyId: g.agency_id })) }
}

interface Make {
  /** a string keeps PostgreSQL's microseconds ('2026-04-27 08:00:00.000001+07') */
  submittedAt?: Date | string
  receivedAt?: Date | null
  dueAt?: Date | null
  assigneeId?: string | null
  applicantId?: string
}

/** A dossier row as the workflow leaves it (inserted directly: these tests are about reading the queues). */
async function make(at: 'STP' | 'UBQ1', status: DossierStatus, o: Make = {}) {
  seq++
  const code = `${at}-260429-${String(seq).padStart(4, '0')}`
  const received = o.receivedAt !== undefined ? o.receivedAt : o.dueAt ? vn('2026-04-20T09:00') : null
  const row = await t.db
    .insertInto('dossiers')
    .values({
      code,
      procedure_id: procedure[at].id,
      procedure_version_id: procedure[at].versionId,
      agency_id: agency[at],
      applicant_id: o.applicantId ?? applicant.id,
      status,
      delivery_method: 'online',
      declared_at: vn('2026-04-20T08:00'),
      submitted_at:
        typeof o.submittedAt === 'string'
          ? sql<Date>`${o.submittedAt}::timestamptz`
          : (o.submittedAt ?? vn('2026-04-20T08:00')),
      received_at: received,
      due_at: o.dueAt ?? null,
      paused_since:
        status === 'supplement_requested' || status === 'awaiting_payment' ? vn('2026-04-22T09:00') : null,
      assignee_id: o.assigneeId ?? null,
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow()
  return { id: row.id, code: row.code! }
}

async function answeredSupplement(dossierId: string, answered: boolean) {
  await t.db
    .insertInto('supplement_requests')
    .values({
      dossier_id: dossierId,
      requested_by: scopes['reception.stp'].userId,
      items: JSON.stringify([{ kind: 'field', key: 'purpose', reason: 'Ghi rõ mục đích' }]),
      return_status: 'in_progress',
      requested_at: vn('2026-04-21T09:00'),
      answered_at: answered ? vn('2026-04-22T09:00') : null,
    })
    .execute()
}

/** Every row of a queue, page by page (`limit` rows a page), checking each page's cursor on the way. */
async function walk(scope: QueueScope, queue: QueueParam, limit: number, q?: string) {
  const rows: QueueRow[] = []
  let after: string | null = null
  for (let pages = 0; pages < 100; pages++) {
    const page = await queuePage(t.db, scope, clock, {
      queue,
      limit,
      search: parseSearch(q),
      after: decodeCursor(after),
    })
    expect(page.rows.length).toBeLessThanOrEqual(limit)
    rows.push(...page.rows)
    if (!page.next) return rows
    expect(page.rows).toHaveLength(limit)
    after = page.next
  }
  throw new Error('too many pages')
}
const codes = (rows: { code: string }[]) => rows.map((r) => r.code)

// The fixture, by queue, for STP (and a few UBQ1 dossiers that STP officers must never see).
const stp: Record<string, { id: string; code: string }> = {}
const ubq1: Record<string, { id: string; code: string }> = {}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  for (const code of ['STP', 'UBQ1'] as const)
    agency[code] = (
      await t.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()
    ).id
  for (const [at, code] of [
    ['STP', '2.001417.000.00.00.H56'],
    ['UBQ1', '2.000720.000.00.00.H56'],
  ] as const) {
    const p = await t.db
      .selectFrom('procedures as p')
      .innerJoin('procedure_versions as v', 'v.procedure_id', 'p.id')
      .select(['p.id', 'v.id as versionId'])
      .where('p.code', '=', code)
      .executeTakeFirstOrThrow()
    procedure[at] = p
  }
  for (const who of ['reception', 'specialist', 'approver', 'finance'])
    for (const at of ['stp', 'ubq1']) scopes[`${who}.${at}`] = await scopeOf(`${who}.${at}@example.gov.vn`)
  applicant = await createCitizen(t.db, 'Trần Văn Bình')
  clock = queueClock(NOW, await loadHolidays(t.db, 2025, 2027))

  const specialist = scopes['specialist.stp'].userId
  const mai = await createCitizen(t.db, 'Nguyễn Thị Mai')
  await t.db.updateTable('users').set({ citizen_id: '079195012345' }).where('id', '=', mai.id).execute()
  stp.submittedEarly = await make('STP', 'submitted', { submittedAt: vn('2026-04-28T09:00') })
  stp.submittedLate = await make('STP', 'submitted', {
    submittedAt: vn('2026-04-29T14:00'),
    applicantId: mai.id,
  })
  stp.supplementOpen = await make('STP', 'supplement_requested', { dueAt: vn('2026-05-08T17:00') })
  await answeredSupplement(stp.supplementOpen.id, false)
  stp.supplementBeforeReception = await make('STP', 'supplement_requested', { receivedAt: null })
  stp.answered = await make('STP', 'in_progress', { dueAt: vn('2026-05-20T17:00'), assigneeId: specialist })
  await answeredSupplement(stp.answered.id, true)
  stp.received = await make('STP', 'received', { dueAt: vn('2026-05-06T17:00') }) // due in 3 working days
  stp.dueToday = await make('STP', 'in_progress', { dueAt: vn('2026-04-29T17:00'), assigneeId: specialist })
  stp.overdue = await make('STP', 'in_progress', { dueAt: vn('2026-04-24T17:00') })
  stp.dueAfter = await make('STP', 'awaiting_approval', { dueAt: vn('2026-05-07T17:00') }) // 4 working days
  stp.approvalOverdue = await make('STP', 'awaiting_approval', { dueAt: vn('2026-04-28T17:00') })
  stp.payment = await make('STP', 'awaiting_payment', {})
  stp.ready = await make('STP', 'result_ready', { dueAt: vn('2026-04-20T17:00') }) // clock stopped: not overdue
  stp.completed = await make('STP', 'completed', { dueAt: vn('2026-04-10T17:00') })
  stp.draft = await make('STP', 'draft', {})

  ubq1.submitted = await make('UBQ1', 'submitted', {
    submittedAt: vn('2026-04-27T09:00'),
    applicantId: mai.id,
  })
  ubq1.overdue = await make('UBQ1', 'in_progress', { dueAt: vn('2026-04-23T17:00') })
  ubq1.dueSoon = await make('UBQ1', 'received', { dueAt: vn('2026-05-04T17:00') })
  ubq1.ready = await make('UBQ1', 'result_ready', { dueAt: vn('2026-05-04T17:00') })
})
afterAll(() => t.drop())

describe('queue counts', () => {
  it("count each of the reception officer's queues in their agency, in one query", async () => {
    const counts = await queueCounts(t.db, scopes['reception.stp'], clock)
    expect(counts).toEqual({
      submitted: 2,
      supplement_requested: 2,
      supplement_answered: 1,
      unit: 4, // received + three in progress
      awaiting_payment: 1,
      result_ready: 1,
      overdue: 2, // in progress due 24 April, awaiting approval due 28 April
      due_soon: 2, // due today (17:00 passed, still not overdue) and due Wednesday 6 May
    })
  })

  it('show each role its own queues', async () => {
    expect(visibleQueues(scopes['reception.stp'])).toEqual([
      'submitted',
      'supplement_requested',
      'supplement_answered',
      'unit',
      'awaiting_payment',
      'result_ready',
      'overdue',
      'due_soon',
      'all',
    ])
    expect(visibleQueues(scopes['specialist.stp'])).toContain('mine')
    expect(visibleQueues(scopes['specialist.stp'])).not.toContain('submitted')
    expect(visibleQueues(scopes['approver.stp'])).toContain('awaiting_approval')
    expect(visibleQueues(scopes['finance.stp'])).toEqual([])
    expect(await queueCounts(t.db, scopes['finance.stp'], clock)).toEqual({})
  })

  it("count 'mine' for the assigned specialist only", async () => {
    expect((await queueCounts(t.db, scopes['specialist.stp'], clock)).mine).toBe(2)
    expect((await queueCounts(t.db, scopes['specialist.ubq1'], clock)).mine).toBe(0)
  })
})

describe('queue pages', () => {
  const page = (who: string, queue: QueueParam, q?: string) =>
    queuePage(t.db, scopes[who], clock, { queue, search: parseSearch(q) })

  it('list awaiting reception by submission, with the 8-working-hour deadline across the holidays', async () => {
    const { rows } = await page('reception.stp', 'submitted')
    expect(codes(rows)).toEqual([stp.submittedEarly.code, stp.submittedLate.code])
    // Submitted Wednesday 29 April 14:00: 3½ hours that day, then 30 April, 1 May and the weekend are off,
    // so the 8th hour ends Monday 4 May at 14:00; at 18:00 on the 29th, 4½ working hours are left.
    expect(rows[1].clock).toEqual({ kind: 'reception', deadline: vn('2026-05-04T14:00'), minutesLeft: 270 })
    // Submitted Tuesday 28 April 09:00: 6½ hours that day, so the deadline was 29 April 09:00; by 18:00 it is
    // late by the rest of the 29th's office hours (6½ hours).
    expect(rows[0].clock).toEqual({ kind: 'reception', deadline: vn('2026-04-29T09:00'), minutesLeft: -390 })
    expect(rows[1]).toMatchObject({ applicantName: 'Nguyễn Thị Mai', agencyCode: 'STP', status: 'submitted' })
  })

  it('list overdue dossiers: running, past the due day, longest overdue first', async () => {
    const { rows } = await page('reception.stp', 'overdue')
    expect(codes(rows)).toEqual([stp.overdue.code, stp.approvalOverdue.code])
    // due Friday 24 April: Monday 27 April was the Hùng Kings day in lieu, so 2 working days late (28, 29 April)
    expect(rows[0].clock).toEqual({ kind: 'due', daysLeft: -2 })
    expect(rows[1].clock).toEqual({ kind: 'due', daysLeft: -1 })
  })

  it('list dossiers due within 3 working days, counted over the 30 April – 1 May holidays', async () => {
    const { rows } = await page('reception.stp', 'due_soon')
    expect(codes(rows)).toEqual([stp.dueToday.code, stp.received.code])
    expect(rows[0].clock).toEqual({ kind: 'due', daysLeft: 0 })
    expect(rows[1].clock).toEqual({ kind: 'due', daysLeft: 3 })
    // Thursday 7 May is the 4th working day: not yet
    expect(codes(rows)).not.toContain(stp.dueAfter.code)
  })

  it('list supplement requests (paused) and answered supplements by due date, a dossier without one last', async () => {
    const requested = await page('reception.stp', 'supplement_requested')
    expect(codes(requested.rows)).toEqual([stp.supplementOpen.code, stp.supplementBeforeReception.code])
    expect(requested.rows[0].clock).toEqual({ kind: 'paused' })
    const answered = await page('specialist.stp', 'supplement_answered')
    expect(codes(answered.rows)).toEqual([stp.answered.code])
  })

  it('list in progress: mine for the assigned specialist, the whole unit for the others', async () => {
    expect(codes((await page('specialist.stp', 'mine')).rows)).toEqual([stp.dueToday.code, stp.answered.code])
    expect(codes((await page('approver.stp', 'unit')).rows)).toEqual([
      stp.overdue.code,
      stp.dueToday.code,
      stp.received.code,
      stp.answered.code,
    ])
    expect((await page('specialist.stp', 'mine')).rows[0].assigneeName).toBe('Phạm Minh Đức')
  })

  it('list awaiting approval, awaiting payment and ready to return', async () => {
    expect(codes((await page('approver.stp', 'awaiting_approval')).rows)).toEqual([
      stp.approvalOverdue.code,
      stp.dueAfter.code,
    ])
    expect(codes((await page('reception.stp', 'awaiting_payment')).rows)).toEqual([stp.payment.code])
    const ready = await page('reception.stp', 'result_ready')
    expect(codes(ready.rows)).toEqual([stp.ready.code])
    expect(ready.rows[0].clock).toEqual({ kind: 'none' })
  })

  it('list every dossier of the agency under "all", newest first, never a draft', async () => {
    const rows = await walk(scopes['reception.stp'], 'all', 5)
    expect(rows).toHaveLength(13)
    expect(codes(rows)).not.toContain(stp.draft.code)
    expect(codes(rows)[0]).toBe(stp.submittedLate.code)
  })

  it('never show a UBQ1 officer an STP dossier, in any queue or search', async () => {
    const scope = {
      userId: scopes['reception.ubq1'].userId,
      grants: ['reception', 'specialist', 'approver'].map((role) => ({ role, agencyId: agency.UBQ1 })),
    }
    const seen: string[] = []
    for (const queue of visibleQueues(scope)) seen.push(...codes(await walk(scope, queue, 3)))
    for (const q of [stp.submittedLate.code, 'STP-', 'Nguyễn Thị Mai', applicant.citizen_id!])
      seen.push(...codes(await walk(scope, 'all', 3, q)))
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.every((code) => code.startsWith('UBQ1-'))).toBe(true)
    const counts = await queueCounts(t.db, scope, clock)
    expect(counts).toMatchObject({ submitted: 1, overdue: 1, due_soon: 1, result_ready: 1 })
  })

  it('merge the queues of an officer of two agencies, in order, without losing the scope', async () => {
    const both: QueueScope = {
      userId: scopes['reception.stp'].userId,
      grants: [
        { role: 'reception', agencyId: agency.STP },
        { role: 'reception', agencyId: agency.UBQ1 },
      ],
    }
    const rows = await walk(both, 'submitted', 1)
    expect(codes(rows)).toEqual([ubq1.submitted.code, stp.submittedEarly.code, stp.submittedLate.code])
    expect(codes(await walk(both, 'overdue', 2))).toEqual([
      ubq1.overdue.code,
      stp.overdue.code,
      stp.approvalOverdue.code,
    ])
    expect((await queueCounts(t.db, both, clock)).submitted).toBe(3)
  })
})

describe('search', () => {
  const find = (q: string, queue: QueueParam = 'all', who = 'reception.stp') =>
    walk(scopes[who], queue, 50, q).then(codes)

  it('finds a dossier by its code, whole or its beginning, in any case', async () => {
    expect(await find(stp.received.code)).toEqual([stp.received.code])
    expect(await find(stp.received.code.toLowerCase())).toEqual([stp.received.code])
    expect((await find('STP-2604')).length).toBe(13)
    expect(await find('STP-2605')).toEqual([])
    expect((await find('stp-')).length).toBe(13)
  })

  it("finds by the applicant's name, without accents or case, and by citizen id", async () => {
    expect(await find('nguyen thi mai')).toEqual([stp.submittedLate.code])
    expect(await find('THỊ MAI')).toEqual([stp.submittedLate.code])
    expect(await find('079195012345')).toEqual([stp.submittedLate.code])
    expect(await find('07919501', 'submitted')).toEqual([stp.submittedLate.code])
    expect(await find('Không Có Ai')).toEqual([])
    // LIKE wildcards are taken literally
    expect(await find('%')).toEqual([])
    expect(await find('_')).toEqual([])
  })

  it('searches within the chosen queue', async () => {
    expect(await find('Trần Văn Bình', 'overdue')).toEqual([stp.overdue.code, stp.approvalOverdue.code])
    expect(await find('Trần Văn Bình', 'submitted')).toEqual([stp.submittedEarly.code])
  })

  it('reads what was typed as a code, a citizen id or a name', () => {
    expect(parseSearch(' stp-261127-0001 ')).toEqual({ kind: 'code', prefix: 'STP-261127-0001' })
    expect(parseSearch('UBQ1-')).toEqual({ kind: 'code', prefix: 'UBQ1-' })
    expect(parseSearch('079012345678')).toEqual({ kind: 'citizenId', digits: '079012345678' })
    expect(parseSearch('Lê  Văn')).toEqual({ kind: 'name', text: 'Lê Văn' })
    expect(parseSearch('   ')).toBeNull()
  })
})

describe('keyset pagination', () => {
  let many: { code: string; id: string; submitted: number }[] = []
  const scope = () => ({
    userId: scopes['reception.stp'].userId,
    grants: [{ role: 'reception', agencyId: agency.UBQ1 }],
  })

  beforeAll(async () => {
    // 23 more UBQ1 dossiers awaiting reception, several sharing the same instant (to the microsecond), so that
    // the id decides between them.
    const instants = [
      '2026-04-27 08:00:00.000001+07',
      '2026-04-27 08:00:00.000002+07',
      '2026-04-28 10:30:00+07',
    ]
    many = []
    for (let i = 0; i < 23; i++) {
      const at = instants[i % 3]
      const d = await make('UBQ1', 'submitted', { submittedAt: at })
      many.push({ ...d, submitted: i % 3 })
    }
  })

  // PostgreSQL orders uuids by their bytes: the same as their lower-case text, compared by code unit.
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)

  it('pages through a queue without duplicates or gaps, ties broken by id', async () => {
    const expected = [
      ...many.filter((d) => d.submitted === 0).sort(byId),
      ...many.filter((d) => d.submitted === 1).sort(byId),
      { code: ubq1.submitted.code },
      ...many.filter((d) => d.submitted === 2).sort(byId),
    ].map((d) => d.code)
    for (const limit of [1, 4, 7, 24, 25])
      expect(codes(await walk(scope(), 'submitted', limit))).toEqual(expected)
  })

  it('pages through due dates that are missing (sorted last) and equal', async () => {
    const reception = scopes['reception.stp']
    for (let i = 0; i < 6; i++)
      await make(
        'STP',
        'supplement_requested',
        i % 2 ? { receivedAt: null } : { dueAt: vn('2026-05-08T17:00') },
      )
    const all = await walk(reception, 'supplement_requested', 50)
    expect(all).toHaveLength(8)
    expect(all.slice(0, 4).every((r) => r.dueAt !== null)).toBe(true)
    expect(all.slice(4).every((r) => r.dueAt === null)).toBe(true)
    for (const limit of [1, 3, 5])
      expect(codes(await walk(reception, 'supplement_requested', limit))).toEqual(codes(all))
  })

  it('treats a damaged cursor as none (the first page)', async () => {
    expect(decodeCursor('not-a-cursor')).toBeNull()
    expect(
      decodeCursor(encodeCursor({ key: "2026-01-01'; DROP TABLE dossiers; --", id: stp.received.id })),
    ).toBeNull()
    const cursor = { key: '2026-04-27T01:00:00.000001Z', id: stp.received.id }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
  })
})

describe('working time', () => {
  it('counts the office hours between two instants, the inverse of the reception deadline', async () => {
    const holidays = await loadQueueHolidays(t.db, NOW)
    expect(workingMinutesBetween(vn('2026-04-29T07:00'), vn('2026-04-29T12:00'), holidays)).toBe(240)
    expect(workingMinutesBetween(vn('2026-04-29T12:00'), vn('2026-04-29T07:00'), holidays)).toBe(-240)
    for (const submitted of [
      '2026-04-29T14:00',
      '2026-04-24T16:59:30',
      '2026-02-12T11:00',
      '2026-05-02T09:00',
    ]) {
      const at = vn(submitted)
      expect(workingMinutesBetween(at, receptionDeadline(at, holidays), holidays)).toBe(480)
    }
  })
})

describe('/officer over HTTP', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>
  beforeAll(async () => {
    app = await startTestApp(t.db)
  })
  afterAll(() => app.close())

  const countsIn = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/data-queue="([a-z_]+)" data-count="(\d+)"/g)].map((m) => [m[1], Number(m[2])]),
    ) as Partial<Record<QueueId, number>>

  it('shows a reception officer their queues with the right counts, and the awaiting-reception table', async () => {
    const c = app.client()
    await c.login('reception.stp@example.gov.vn', demoPasswords.staff)
    const res = await c.get('/officer')
    expect(res.status).toBe(200)
    const html = await res.text()
    const now = new Date()
    const expected = await queueCounts(
      t.db,
      scopes['reception.stp'],
      queueClock(now, await loadQueueHolidays(t.db, now)),
    )
    expect(countsIn(html)).toEqual(expected)
    expect(expected.submitted).toBe(2)
    expect(html).toContain('Chờ tiếp nhận')
    expect(html).toContain(`href="/officer/dossiers/${stp.submittedEarly.code}"`)
    expect(html).toContain(`href="/officer/dossiers/${stp.submittedLate.code}"`)
    expect(html).not.toContain('UBQ1-')
    expect(html).toContain('Vai trò của bạn')
  })

  it('searches and pages over the query string', async () => {
    const c = app.client()
    await c.login('reception.stp@example.gov.vn', demoPasswords.staff)
    const found = await (await c.get(`/officer?queue=all&q=${encodeURIComponent('nguyen thi mai')}`)).text()
    expect(found).toContain(stp.submittedLate.code)
    expect(found).not.toContain(stp.submittedEarly.code)
    const none = await c.get(`/officer?queue=all&q=${encodeURIComponent(ubq1.submitted.code)}`)
    expect(none.status).toBe(200)
    const noneHtml = await none.text()
    expect(noneHtml).not.toContain(`/officer/dossiers/${ubq1.submitted.code}`)
    expect(noneHtml).toContain('Không tìm thấy hồ sơ nào khớp với')
    // A queue that is not the officer's falls back to their default one; a bad cursor to the first page.
    const fallback = await (await c.get('/officer?queue=mine&after=garbage')).text()
    expect(fallback).toMatch(/aria-current="page" data-queue="submitted"/)
    // 'all': 13 STP dossiers, 6 from the pagination tests and 10 closed ones: more than a page of 25.
    for (let i = 0; i < 10; i++) await make('STP', 'completed', { dueAt: vn('2026-03-02T17:00') })
    const first = await (await c.get('/officer?queue=all')).text()
    const next = first.match(/href="(\/officer\?queue=all&amp;after=[^"]+)" rel="next"/)
    expect(next).not.toBeNull()
    const second = await c.get(next![1].replaceAll('&amp;', '&'))
    expect(second.status).toBe(200)
    const firstCodes = [...first.matchAll(/\/officer\/dossiers\/([A-Z0-9-]+)"/g)].map((m) => m[1])
    const secondCodes = [...(await second.text()).matchAll(/\/officer\/dossiers\/([A-Z0-9-]+)"/g)].map(
      (m) => m[1],
    )
    expect(firstCodes).toHaveLength(25)
    expect(secondCodes.length).toBeGreaterThan(0)
    expect(secondCodes.filter((code) => firstCodes.includes(code))).toEqual([])
  })

  it('answers 403 to finance-only staff and to citizens', async () => {
    const finance = app.client()
    await finance.login('finance.stp@example.gov.vn', demoPasswords.staff)
    expect((await finance.get('/officer')).status).toBe(403)
    const citizen = app.client()
    await citizen.login(demoCitizen.email, demoPasswords.citizen)
    expect((await citizen.get('/officer')).status).toBe(403)
    expect((await citizen.get('/officer?queue=all&q=STP')).status).toBe(403)
  })
})
