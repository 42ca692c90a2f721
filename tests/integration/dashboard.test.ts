import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DossierStatus } from '../../db/schema'
import { hashPassword } from '../../app/modules/auth/password.server'
import { dashboardStats } from '../../app/modules/dashboard/stats.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { JUDICIAL, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

const staffPassword = 'CanBo@2026'
const HOUSEHOLD = '2.000720.000.00.00.H56' // UBND Quận 1
const MONTH = '2026-10'

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let approverStp: Client

/** An instant given in Viet Nam time. */
const vn = (local: string) => new Date(`${local}+07:00`)

interface Spec {
  code: string
  procedure: string
  status: DossierStatus
  /** null: registered at the counter (no online submission) */
  submittedAt?: Date | null
  receivedAt?: Date
  dueAt?: Date
  completedAt?: Date
  timeliness?: 'early' | 'on_time' | 'late'
  supplements?: Date[]
  rating?: number
}

/** A dossier with known outcomes, written directly (the workflow's own tests cover how they come about). */
async function dossier(spec: Spec) {
  const procedure = await t.db
    .selectFrom('procedures as p')
    .innerJoin('procedure_versions as v', 'v.procedure_id', 'p.id')
    .select(['p.id', 'p.agency_id', 'v.id as version_id'])
    .where('p.code', '=', spec.procedure)
    .where('v.version', '=', 1)
    .executeTakeFirstOrThrow()
  const applicant = await createCitizen(t.db)
  const submittedAt =
    spec.submittedAt === undefined
      ? new Date((spec.receivedAt ?? new Date()).getTime() - 3_600_000)
      : spec.submittedAt
  const { id } = await t.db
    .insertInto('dossiers')
    .values({
      code: spec.code,
      procedure_id: procedure.id,
      procedure_version_id: procedure.version_id,
      agency_id: procedure.agency_id,
      applicant_id: applicant.id,
      status: spec.status,
      delivery_method: 'online',
      submitted_at: submittedAt,
      received_at: spec.receivedAt ?? null,
      due_at: spec.dueAt ?? null,
      completed_at: spec.completedAt ?? null,
      timeliness: spec.timeliness ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const officer = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'specialist.stp@example.gov.vn')
    .executeTakeFirstOrThrow()
  for (const at of spec.supplements ?? [])
    await t.db
      .insertInto('supplement_requests')
      .values({
        dossier_id: id,
        requested_by: officer.id,
        items: JSON.stringify([{ kind: 'document', key: 'x', reason: 'Bổ sung' }]),
        return_status: 'in_progress',
        requested_at: at,
        answered_at: new Date(at.getTime() + 86_400_000),
      })
      .execute()
  if (spec.rating) await t.db.insertInto('ratings').values({ dossier_id: id, score: spec.rating }).execute()
}

/** What October 2026 must show for the judicial-record procedure of STP (and so for STP in all). */
const expected = {
  received: [
    'STP-261005-0001',
    'STP-261006-0001',
    'STP-261007-0001',
    'STP-261026-0001',
    'STP-261031-0001',
    'STP-261001-0001',
  ],
  online: ['STP-261005-0001', 'STP-261006-0001', 'STP-261007-0001', 'STP-261026-0001', 'STP-261031-0001'],
  completed: ['STP-261005-0001', 'STP-261006-0001', 'STP-261007-0001', 'STP-260928-0001'],
  onTime: ['STP-261005-0001', 'STP-261006-0001', 'STP-260928-0001'],
  early: ['STP-261005-0001', 'STP-260928-0001'],
  late: ['STP-261007-0001'],
  supplement: ['STP-261007-0001', 'STP-261026-0001'],
  rated: ['STP-261005-0001', 'STP-261006-0001', 'STP-260928-0001'],
}

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  // A holiday inside the month: the average working days must skip it.
  await t.db
    .insertInto('holidays')
    .values({ date: '2026-10-14', name_vi: 'Ngày thử', name_en: 'Test day' })
    .execute()

  // Received Mon 5 Oct, returned Fri 9 Oct, early, rated 5: 4 working days.
  await dossier({
    code: 'STP-261005-0001',
    procedure: JUDICIAL,
    status: 'completed',
    receivedAt: vn('2026-10-05T09:00:00'),
    dueAt: vn('2026-10-19T17:00:00'),
    completedAt: vn('2026-10-09T15:00:00'),
    timeliness: 'early',
    rating: 5,
  })
  // Received Tue 6 Oct, returned Tue 20 Oct on its due day, rated 3: 9 working days (14 Oct is a holiday).
  await dossier({
    code: 'STP-261006-0001',
    procedure: JUDICIAL,
    status: 'completed',
    receivedAt: vn('2026-10-06T10:00:00'),
    dueAt: vn('2026-10-20T17:00:00'),
    completedAt: vn('2026-10-20T16:00:00'),
    timeliness: 'on_time',
    rating: 3,
  })
  // Received Wed 7 Oct, two supplement rounds, returned late on Wed 28 Oct: 14 working days.
  await dossier({
    code: 'STP-261007-0001',
    procedure: JUDICIAL,
    status: 'completed',
    receivedAt: vn('2026-10-07T08:00:00'),
    dueAt: vn('2026-10-22T17:00:00'),
    completedAt: vn('2026-10-28T09:00:00'),
    timeliness: 'late',
    supplements: [vn('2026-10-08T10:00:00'), vn('2026-10-15T10:00:00')],
  })
  // Received 26 Oct, still in progress; a supplement round in October and one in November.
  await dossier({
    code: 'STP-261026-0001',
    procedure: JUDICIAL,
    status: 'in_progress',
    receivedAt: vn('2026-10-26T08:00:00'),
    dueAt: vn('2026-11-09T17:00:00'),
    supplements: [vn('2026-10-27T10:00:00'), vn('2026-11-03T10:00:00')],
  })
  // Received at 23:30 on 31 Oct in Viet Nam (16:30 UTC): October.
  await dossier({
    code: 'STP-261031-0001',
    procedure: JUDICIAL,
    status: 'received',
    receivedAt: vn('2026-10-31T23:30:00'),
  })
  // Received at 00:30 on 1 Nov in Viet Nam (still 31 Oct in UTC): November.
  await dossier({
    code: 'STP-261101-0001',
    procedure: JUDICIAL,
    status: 'received',
    receivedAt: vn('2026-11-01T00:30:00'),
  })
  // Registered at the counter (no online submission), received 1 Oct, then refused: received, not completed.
  await dossier({
    code: 'STP-261001-0001',
    procedure: JUDICIAL,
    status: 'refused',
    submittedAt: null,
    receivedAt: vn('2026-10-01T09:00:00'),
    dueAt: vn('2026-10-15T17:00:00'),
    completedAt: vn('2026-10-12T09:00:00'),
  })
  // Received in September (Mon 28), returned early on Fri 2 Oct, rated 4: completed in October, 4 working days.
  await dossier({
    code: 'STP-260928-0001',
    procedure: JUDICIAL,
    status: 'completed',
    receivedAt: vn('2026-09-28T09:00:00'),
    dueAt: vn('2026-10-12T17:00:00'),
    completedAt: vn('2026-10-02T09:00:00'),
    timeliness: 'early',
    rating: 4,
  })
  // Returned in November: not October's.
  await dossier({
    code: 'STP-260930-0001',
    procedure: JUDICIAL,
    status: 'completed',
    receivedAt: vn('2026-09-30T09:00:00'),
    dueAt: vn('2026-10-14T17:00:00'),
    completedAt: vn('2026-11-02T09:00:00'),
    timeliness: 'late',
  })
  // Another agency's dossier: never in STP's figures.
  await dossier({
    code: 'UBQ1-261005-0001',
    procedure: HOUSEHOLD,
    status: 'completed',
    receivedAt: vn('2026-10-05T09:00:00'),
    dueAt: vn('2026-10-08T17:00:00'),
    completedAt: vn('2026-10-07T09:00:00'),
    timeliness: 'early',
    supplements: [vn('2026-10-06T09:00:00')],
  })

  app = await startTestApp(t.db)
  approverStp = app.client()
  await approverStp.login('approver.stp@example.gov.vn', staffPassword)
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The figures of one table row (a procedure's, or the agency total when `procedure` is null): metric → link. */
function rowLinks(html: string, procedure: string | null) {
  const links = new Map<string, { href: string; text: string }>()
  const pattern = /<a href="(\/dashboard\/dossiers\?[^"]*)" data-metric="(\w+)">([^<]*)<\/a>/g
  for (const [, href, metric, text] of decode(html).matchAll(pattern)) {
    const params = new URL(href, 'http://x').searchParams
    if (params.get('procedure') !== procedure) continue
    if (!links.has(metric)) links.set(metric, { href, text })
  }
  return links
}
const codesIn = (html: string) => [...html.matchAll(/<tr data-code="([^"]+)"/g)].map((m) => m[1]).sort()

describe('the figures', () => {
  it('are computed per agency and procedure from the dossiers of the month', async () => {
    const stpId = (
      await t.db.selectFrom('agencies').select('id').where('code', '=', 'STP').executeTakeFirstOrThrow()
    ).id
    const [stp] = await dashboardStats(t.db, { agencyIds: [stpId] }, { month: MONTH })
    const judicial = stp.procedures.find((p) => p.code === JUDICIAL)!
    expect(judicial.figures).toEqual({
      received: 6,
      online: 5,
      completed: 4,
      onTime: 3,
      early: 2,
      late: 1,
      supplement: 2,
      supplementRounds: 3,
      rated: 3,
      ratingSum: 12,
      daysCount: 4,
      daysSum: 4 + 9 + 14 + 4,
    })
    expect(stp.total).toEqual(judicial.figures)
  })

  it('the page shows each figure, and each links to a list with exactly those dossiers', async () => {
    const res = await approverStp.get(`/dashboard?month=${MONTH}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Sở Tư pháp (STP)')
    expect(html).not.toContain('UBQ1')
    for (const row of [JUDICIAL, null]) {
      const links = rowLinks(html, row)
      expect(Object.fromEntries([...links].map(([metric, l]) => [metric, l.text]))).toEqual({
        received: '6',
        completed: '4',
        onTime: '75%',
        early: '2',
        late: '1',
        online: '83,3%',
        supplement: '3',
        rated: '4',
      })
      for (const [metric, codes] of Object.entries(expected)) {
        const list = await approverStp.get(links.get(metric)!.href)
        expect(list.status).toBe(200)
        const listHtml = await list.text()
        expect(codesIn(listHtml), `${metric} (${row ?? 'total'})`).toEqual([...codes].sort())
        expect(listHtml).toContain(`data-total="${codes.length}"`)
      }
    }
    // The average working days (31 / 4 = 7.75) and the supplement rounds behind the list of 2 dossiers.
    expect(html).toContain('>7,8</a>')
    const supplement = await (await approverStp.get(rowLinks(html, JUDICIAL).get('supplement')!.href)).text()
    expect(supplement).toContain('2 hồ sơ, 3 lượt yêu cầu bổ sung')
  })

  it('the CSV has the same figures, as a UTF-8 download Excel reads', async () => {
    const res = await approverStp.get(`/dashboard/csv?month=${MONTH}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="dashboard-${MONTH}.csv"`)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n')
    expect(lines[0]).toBe(
      'Tháng,Mã cơ quan,Cơ quan,Mã thủ tục,Thủ tục,Tiếp nhận,Đã trả kết quả,Trước hạn và đúng hạn,Tỉ lệ đúng hạn (%),Trước hạn,Trễ hạn,Nộp trực tuyến,Tỉ lệ nộp trực tuyến (%),Lượt yêu cầu bổ sung,Hồ sơ bị yêu cầu bổ sung,Số ngày làm việc bình quân,Lượt đánh giá,Mức hài lòng bình quân',
    )
    const figures = '6,4,3,75,2,1,5,83.3,3,2,7.8,3,4'
    const row = lines.find((l) => l.includes(JUDICIAL))!
    expect(row).toMatch(
      new RegExp(`^2026-10,STP,Sở Tư pháp,${JUDICIAL.replace(/\./g, '\\.')},.+,${figures}$`),
    )
    expect(lines).toContain(`2026-10,STP,Sở Tư pháp,,Tổng cộng,${figures}`)
    expect(lines.some((l) => l.includes('UBQ1'))).toBe(false)
  })
})

describe('access', () => {
  it('is scoped to the viewer’s agencies', async () => {
    expect((await approverStp.get(`/dashboard?month=${MONTH}&agency=UBQ1`)).status).toBe(403)
    expect(
      (await approverStp.get(`/dashboard/dossiers?month=${MONTH}&agency=UBQ1&metric=received`)).status,
    ).toBe(403)
    expect((await approverStp.get(`/dashboard/csv?month=${MONTH}&agency=UBQ1`)).status).toBe(403)
    const approverUbq1 = app.client()
    await approverUbq1.login('approver.ubq1@example.gov.vn', staffPassword)
    const html = await (await approverUbq1.get(`/dashboard?month=${MONTH}`)).text()
    expect(html).not.toContain('STP')
    const links = rowLinks(html, HOUSEHOLD)
    expect(links.get('received')!.text).toBe('1')
    expect(links.get('supplement')!.text).toBe('1')
    expect(codesIn(await (await approverUbq1.get(links.get('completed')!.href)).text())).toEqual([
      'UBQ1-261005-0001',
    ])
    // A dossier code from another agency is not found in its lists, whatever the filters say.
    const other = await (
      await approverUbq1.get(`/dashboard/dossiers?month=${MONTH}&procedure=${JUDICIAL}&metric=received`)
    ).text()
    expect(codesIn(other)).toEqual([])
  })

  it('opens to approvers and administrators only', async () => {
    const admin = app.client()
    await admin.login('admin.stp@example.gov.vn', staffPassword)
    expect((await admin.get(`/dashboard?month=${MONTH}`)).status).toBe(200)
    for (const email of [
      'reception.stp@example.gov.vn',
      'specialist.stp@example.gov.vn',
      'finance.stp@example.gov.vn',
    ]) {
      const c = app.client()
      await c.login(email, staffPassword)
      expect((await c.get('/dashboard')).status, email).toBe(403)
      expect((await c.get(`/dashboard/dossiers?month=${MONTH}&metric=late`)).status, email).toBe(403)
      expect((await c.get('/dashboard/csv')).status, email).toBe(403)
    }
    const anonymous = app.client()
    const res = await anonymous.get('/dashboard')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fdashboard')
  })

  it('a month it cannot read shows the current month with a notice', async () => {
    const res = await approverStp.get('/dashboard?month=2026-13')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Không đọc được bộ lọc')
  })
})
