import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { loadHolidays, nextSwap } from '../../app/modules/calendar/holidays.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { dueDate, receptionDeadline } from '../../app/modules/workflow/clock'
import { performTransition, systemActor, type Actor } from '../../app/modules/workflow/perform.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'
import { dayWithWeekday } from '../../app/utils/weekday'

/**
 * The legal clock across the swaps of 2026 (issue 13 §3), on the seeded calendar in PostgreSQL:
 * - New Year (Công văn 12729/VPCP-KGVX): Thursday 1 January holiday, Friday 2 January off, Saturday 10 January
 *   worked;
 * - National Day (Công văn 9859/VPCP-KGVX): Monday 31 August off (worked on Saturday 22 August), 1–2 September.
 * Every expected date is worked out by hand below: the judicial-record procedure (STP) has 10 processing days,
 * counted from the working day after reception, due at 17:00 Viet Nam time on the 10th.
 */

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let reception: Actor
let adminCity: Client
let adminUbq1: Client

const vn = (local: string) => new Date(`${local}+07:00`)
// The days as the pages show them (the weekday, then the date in the site's format).
const fri5 = dayWithWeekday('2027-11-05', 'vi')
const sat13 = dayWithWeekday('2027-11-13', 'vi')
const fri30 = dayWithWeekday('2027-04-30', 'vi')
const staffPassword = 'CanBo@2026'

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  const user = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'reception.stp@example.gov.vn')
    .executeTakeFirstOrThrow()
  const grants = await t.db
    .selectFrom('staff_roles')
    .select(['role', 'agency_id'])
    .where('user_id', '=', user.id)
    .execute()
  reception = { id: user.id, roles: grants.map((g) => ({ role: g.role, agencyId: g.agency_id })) }
  app = await startTestApp(t.db)
  adminCity = app.client()
  adminUbq1 = app.client()
  await adminCity.login('admin.city@example.gov.vn', staffPassword)
  await adminUbq1.login('admin.ubq1@example.gov.vn', staffPassword)
})
afterAll(async () => {
  await app?.close()
  await t.drop()
})

/** A paid judicial-record dossier submitted at `at`, then received by STP's reception at `at`: its due date. */
async function receivedAt(at: Date) {
  const citizen = await createCitizen(t.db)
  const { procedure, draftId } = await completeJudicialDraft(t.db, citizen.id)
  expect(procedure.processing_days).toBe(10)
  const { code } = await submitDraft(t.db, {
    applicantId: citizen.id,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
    now: at,
  })
  await t.db
    .updateTable('fees')
    .set({ status: 'paid', paid_at: at })
    .where('dossier_id', '=', draftId)
    .where('status', '=', 'due')
    .execute()
  await performTransition(t.db, { dossierCode: code, action: 'pay', actor: systemActor, now: at })
  const result = await performTransition(t.db, {
    dossierCode: code,
    action: 'receive',
    actor: reception,
    now: at,
  })
  const row = await t.db
    .selectFrom('dossiers')
    .select('due_at')
    .where('id', '=', draftId)
    .executeTakeFirstOrThrow()
  expect(row.due_at).toEqual(result.dueAt)
  return row.due_at
}

describe('the legal clock across the 2026 New Year swap (2 January off, Saturday 10 January worked)', () => {
  it('received on Friday 9 January: the working Saturday is the first day counted', async () => {
    // Sat 10 (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu 15 (5), Fri 16 (6), Mon 19 (7), Tue 20 (8), Wed 21 (9),
    // Thu 22 (10) → Thursday 22 January, 17:00. (Without the make-up Saturday: Friday 23.)
    expect(await receivedAt(vn('2026-01-09T10:00'))).toEqual(vn('2026-01-22T17:00'))
  })

  it('received on the working Saturday 10 January: counting starts on Monday 12', async () => {
    // Mon 12 (1) … Fri 16 (5), Mon 19 (6) … Fri 23 (10) → Friday 23 January, 17:00.
    expect(await receivedAt(vn('2026-01-10T10:00'))).toEqual(vn('2026-01-23T17:00'))
  })

  it('received during the break (Friday 2 January, the swapped day off)', async () => {
    // Sat 3, Sun 4 not counted; Mon 5 (1), Tue 6 (2), Wed 7 (3), Thu 8 (4), Fri 9 (5), Sat 10 (6), Mon 12 (7),
    // Tue 13 (8), Wed 14 (9), Thu 15 (10) → Thursday 15 January, 17:00. (Without the make-up Saturday: Friday 16.)
    expect(await receivedAt(vn('2026-01-02T10:00'))).toEqual(vn('2026-01-15T17:00'))
  })

  it('received on the last working day before the break (Wednesday 31 December 2025)', async () => {
    // Thu 1, Fri 2 off, Sat 3, Sun 4 rest; Mon 5 (1) … Fri 9 (5), Sat 10 (6), Mon 12 (7) … Thu 15 (10)
    // → Thursday 15 January, 17:00.
    expect(await receivedAt(vn('2025-12-31T10:00'))).toEqual(vn('2026-01-15T17:00'))
  })

  it('the reception deadline (8 office hours) runs on the working Saturday and not on 2 January', async () => {
    const calendar = await loadHolidays(t.db, 2025, 2026)
    // Friday 9, 16:00: 1 h 30 left on Friday (to 17:30), 4 h on Saturday morning (07:30–11:30), the last 2 h 30
    // on Saturday afternoon from 13:30 → Saturday 10 January, 16:00.
    expect(receptionDeadline(vn('2026-01-09T16:00'), calendar)).toEqual(vn('2026-01-10T16:00'))
    // Saturday 10, 16:00: 1 h 30 on Saturday, 4 h Monday morning, 2 h 30 Monday afternoon → Monday 12, 16:00.
    expect(receptionDeadline(vn('2026-01-10T16:00'), calendar)).toEqual(vn('2026-01-12T16:00'))
    // Friday 2 (swapped off), 09:00: nothing until Monday 5 at 07:30; 8 h → Monday 5, 17:30.
    expect(receptionDeadline(vn('2026-01-02T09:00'), calendar)).toEqual(vn('2026-01-05T17:30'))
    // Thursday 1 (the holiday), 10:00: the same.
    expect(receptionDeadline(vn('2026-01-01T10:00'), calendar)).toEqual(vn('2026-01-05T17:30'))
  })
})

describe('the legal clock across the 2026 National Day swap (Saturday 22 August worked, 31 August – 2 September off)', () => {
  it('received on Friday 21 August: the working Saturday counts, the break does not', async () => {
    // Sat 22 (1), Mon 24 (2), Tue 25 (3), Wed 26 (4), Thu 27 (5), Fri 28 (6); Sat 29, Sun 30 rest, Mon 31 (swap),
    // Tue 1, Wed 2 September off; Thu 3 (7), Fri 4 (8), Mon 7 (9), Tue 8 (10) → Tuesday 8 September, 17:00.
    expect(await receivedAt(vn('2026-08-21T10:00'))).toEqual(vn('2026-09-08T17:00'))
  })

  it('received on the working Saturday 22 August', async () => {
    // Mon 24 (1) … Fri 28 (5); 29 August – 2 September not counted; Thu 3 (6), Fri 4 (7), Mon 7 (8), Tue 8 (9),
    // Wed 9 (10) → Wednesday 9 September, 17:00.
    expect(await receivedAt(vn('2026-08-22T10:00'))).toEqual(vn('2026-09-09T17:00'))
  })

  it('received during the break (Monday 31 August, the swapped day off) and on the Friday before it', async () => {
    // From Monday 31 August: Tue 1, Wed 2 off; Thu 3 (1), Fri 4 (2), Mon 7 (3), Tue 8 (4), Wed 9 (5), Thu 10 (6),
    // Fri 11 (7), Mon 14 (8), Tue 15 (9), Wed 16 (10) → Wednesday 16 September, 17:00.
    expect(await receivedAt(vn('2026-08-31T10:00'))).toEqual(vn('2026-09-16T17:00'))
    // From Friday 28 August (the last working day before the break): the same ten days → Wednesday 16 September.
    expect(await receivedAt(vn('2026-08-28T10:00'))).toEqual(vn('2026-09-16T17:00'))
  })

  it('the reception deadline runs on Saturday 22 August and skips 31 August – 2 September', async () => {
    const calendar = await loadHolidays(t.db, 2026, 2026)
    // Friday 21, 16:00 → 1 h 30 Friday + 4 h + 2 h 30 Saturday → Saturday 22 August, 16:00.
    expect(receptionDeadline(vn('2026-08-21T16:00'), calendar)).toEqual(vn('2026-08-22T16:00'))
    // Friday 28, 16:00 → 1 h 30 Friday, then nothing until Thursday 3 September: 4 h + 2 h 30 → 16:00.
    expect(receptionDeadline(vn('2026-08-28T16:00'), calendar)).toEqual(vn('2026-09-03T16:00'))
  })
})

const audit = (action: string, target: string) =>
  t.db
    .selectFrom('admin_audit')
    .selectAll()
    .where('action', '=', action)
    .where('target', '=', target)
    .orderBy('id')
    .execute()
const rows = (dates: string[]) =>
  t.db
    .selectFrom('holidays')
    .select(['date', 'kind', 'replaces', 'basis'])
    .where('date', 'in', dates)
    .orderBy('date')
    .execute()

describe('administrators add and remove a swap, each with a confirmation step', () => {
  // Friday 5 November 2027 off, worked back on Saturday 13 November (a test swap, far from other tests' days).
  const swap = {
    dayOff: '2027-11-05',
    makeUpDay: '2027-11-13',
    swapNameVi: 'Nghỉ hoán đổi thử nghiệm',
    swapNameEn: 'Test swap',
    basis: 'Công văn thử nghiệm 1/TEST',
  }

  it('only the city administrator may; the first post only shows what will change', async () => {
    expect((await adminUbq1.post('/admin/holidays', { intent: 'swap', ...swap })).status).toBe(403)
    expect((await adminUbq1.post('/admin/holidays', { intent: 'swap-confirm', ...swap })).status).toBe(403)
    const districtPage = await (await adminUbq1.get('/admin/holidays?year=2027')).text()
    expect(districtPage).not.toContain('name="dayOff"')

    const page = await (await adminCity.get('/admin/holidays?year=2027')).text()
    expect(page).toContain('Thêm hoán đổi ngày làm việc (làm bù)')
    const preview = await adminCity.post('/admin/holidays', { intent: 'swap', ...swap })
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toContain('Kiểm tra trước khi thêm hoán đổi')
    expect(fri5).toMatch(/^Thứ Sáu, /)
    expect(sat13).toMatch(/^Thứ Bảy, /)
    expect(html).toContain(fri5)
    expect(html).toContain(sat13)
    expect(html).toContain('value="swap-confirm"')
    expect(await rows([swap.dayOff, swap.makeUpDay])).toEqual([])
    expect(await audit('holiday.swap.add', swap.dayOff)).toEqual([])
    // "Change" returns to the form with what was typed.
    const edit = await (await adminCity.post('/admin/holidays', { intent: 'swap-edit', ...swap })).text()
    expect(edit).toContain('name="dayOff"')
    expect(edit).toContain('value="2027-11-05"')
  })

  it('refuses a weekend day off, a weekday make-up day and a day already in the calendar', async () => {
    const wrong = await adminCity.post('/admin/holidays', {
      intent: 'swap',
      ...swap,
      dayOff: '2027-11-06',
      makeUpDay: '2027-11-12',
    })
    expect(wrong.status).toBe(400)
    const wrongHtml = await wrong.text()
    expect(wrongHtml).toContain('Ngày nghỉ hoán đổi phải là một ngày làm việc, từ thứ Hai đến thứ Sáu.')
    expect(wrongHtml).toContain('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.')
    // Friday 3 September 2027 is already a day off (the seeded National Day break).
    const taken = await adminCity.post('/admin/holidays', {
      intent: 'swap-confirm',
      ...swap,
      dayOff: '2027-09-03',
      makeUpDay: '2027-08-28',
    })
    expect(taken.status).toBe(409)
    expect(await taken.text()).toContain('Ngày này đã có trong lịch nghỉ lễ.')
    expect(await rows(['2027-08-28'])).toEqual([])
  })

  it('confirmed: both days are written and audited, the clock counts the Saturday, the dashboard announces it', async () => {
    const receivedOn = vn('2027-11-12T10:00')
    // Before: received Friday 12 November, 1 working day → Monday 15 (Saturday 13 is a rest day).
    expect(dueDate(receivedOn, 1, await loadHolidays(t.db, 2027, 2027))).toEqual(vn('2027-11-15T17:00'))
    // Received Thursday 4, 1 working day → Friday 5.
    expect(dueDate(vn('2027-11-04T10:00'), 1, await loadHolidays(t.db, 2027, 2027))).toEqual(
      vn('2027-11-05T17:00'),
    )

    const done = await adminCity.post('/admin/holidays', { intent: 'swap-confirm', ...swap })
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/admin/holidays?year=2027&swapped=2027-11-05')
    expect(await rows([swap.dayOff, swap.makeUpDay])).toEqual([
      { date: '2027-11-05', kind: 'off', replaces: null, basis: swap.basis },
      { date: '2027-11-13', kind: 'working', replaces: '2027-11-05', basis: swap.basis },
    ])
    const adminId = (
      await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'admin.city@example.gov.vn')
        .executeTakeFirstOrThrow()
    ).id
    expect(await audit('holiday.swap.add', swap.dayOff)).toMatchObject([
      { actor_id: adminId, agency_id: null, data: { dayOff: swap.dayOff, makeUpDay: swap.makeUpDay } },
    ])
    // After: Friday 12, 1 working day → Saturday 13 (worked); Thursday 4, 1 working day → Fri 5 off, Sat 6 and
    // Sun 7 rest → Monday 8.
    const calendar = await loadHolidays(t.db, 2027, 2027)
    expect(dueDate(receivedOn, 1, calendar)).toEqual(vn('2027-11-13T17:00'))
    expect(dueDate(vn('2027-11-04T10:00'), 1, calendar)).toEqual(vn('2027-11-08T17:00'))

    const list = await (await adminCity.get('/admin/holidays?year=2027&swapped=2027-11-05')).text()
    expect(list).toContain('Đã thêm hoán đổi')
    expect(list).toContain(`Ngày làm bù cho ${fri5}`)
    expect(list).toContain(`Nghỉ hoán đổi, làm bù ${sat13}`)

    // The dashboard (today is before November 2027, and no seeded swap lies ahead) shows this swap.
    expect(await nextSwap(t.db, '2027-01-01')).toEqual({
      makeUpDay: '2027-11-13',
      dayOff: '2027-11-05',
      name_vi: swap.swapNameVi,
      name_en: swap.swapNameEn,
    })
    const dashboard = await (await adminCity.get('/dashboard')).text()
    expect(dashboard).toContain('Ngày làm bù sắp tới')
    expect(dashboard).toContain(`${sat13} là ngày làm việc (làm bù cho ${fri5}, ngày nghỉ).`)
  })

  it('removing asks first; removing the make-up day removes the whole swap, audited once', async () => {
    const confirm = await (await adminCity.get('/admin/holidays?year=2027&remove=2027-11-13')).text()
    expect(confirm).toContain(`Xoá ${sat13} khỏi lịch?`)
    expect(confirm).toContain(`xoá cả ngày nghỉ ${fri5} và ngày làm bù ${sat13}`)
    // Showing the question changed nothing.
    expect(await rows([swap.dayOff, swap.makeUpDay])).toHaveLength(2)
    // A district administrator gets no question (and cannot post).
    expect(await (await adminUbq1.get('/admin/holidays?year=2027&remove=2027-11-13')).text()).not.toContain(
      'khỏi lịch?',
    )
    expect((await adminUbq1.post('/admin/holidays', { intent: 'remove', date: '2027-11-13' })).status).toBe(
      403,
    )

    const removed = await adminCity.post('/admin/holidays', { intent: 'remove', date: '2027-11-13' })
    expect(removed.status).toBe(302)
    expect(await rows([swap.dayOff, swap.makeUpDay])).toEqual([])
    expect(await audit('holiday.swap.remove', swap.dayOff)).toMatchObject([
      { data: { dayOff: swap.dayOff, makeUpDay: swap.makeUpDay } },
    ])
    expect(dueDate(vn('2027-11-12T10:00'), 1, await loadHolidays(t.db, 2027, 2027))).toEqual(
      vn('2027-11-15T17:00'),
    )
    const dashboard = await (await adminCity.get('/dashboard')).text()
    expect(dashboard).toContain('Không có ngày làm bù nào sắp tới trong lịch.')
  })

  it('a plain holiday is asked about too', async () => {
    const confirm = await (await adminCity.get('/admin/holidays?year=2027&remove=2027-04-30')).text()
    expect(confirm).toContain(`Xoá ${fri30} khỏi lịch?`)
    expect(confirm).toContain('Ngày nghỉ “Ngày Chiến thắng (30/4)” sẽ trở lại là ngày làm việc bình thường.')
    expect(confirm).toContain('name="intent" value="remove"')
  })
})
