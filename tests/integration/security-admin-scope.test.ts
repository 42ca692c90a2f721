import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { JUDICIAL } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/*
 * Hole 1 of the security review: an administrator of one agency could open and publish another agency's
 * procedure. Every admin read and write is scoped to the administrator's agencies (and the subtree below them);
 * only the city's super-administrator (admin role on the city People's Committee, TP) sees them all.
 */

const password = 'CanBo@2026'
const DISTRICT_PERMIT = '1.009994.000.00.00.H56' // UBQ1
const WARD_EXTRACT = '2.000635.000.00.00.H56' // PBN, a ward under UBQ1
const TRANSPORT = '1.002804.000.00.00.H56' // SGTVT

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let adminUbq1: Client
let adminStp: Client
let adminCity: Client

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db)
  adminUbq1 = app.client()
  adminStp = app.client()
  adminCity = app.client()
  await adminUbq1.login('admin.ubq1@example.gov.vn', password)
  await adminStp.login('admin.stp@example.gov.vn', password)
  await adminCity.login('admin.city@example.gov.vn', password)
})
afterAll(async () => {
  await app.close()
  await t.drop()
})

const versions = async (code: string) =>
  (
    await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.code', '=', code)
      .executeTakeFirstOrThrow()
  ).n
const publishes = (code: string) =>
  t.db
    .selectFrom('admin_audit')
    .select(['actor_id', 'agency_id'])
    .where('action', '=', 'procedure.publish')
    .where('target', '=', code)
    .execute()
const definitionOf = async (code: string) => {
  const p = (await getProcedure(t.db, code))!
  return { form: JSON.stringify(p.form), documents: JSON.stringify(p.documents) }
}

describe('procedures are scoped to the administrator’s agencies', () => {
  it('lists only the procedures of the agencies in scope', async () => {
    const ubq1 = await (await adminUbq1.get('/admin/procedures')).text()
    expect(ubq1).toContain(DISTRICT_PERMIT)
    expect(ubq1).toContain(WARD_EXTRACT)
    expect(ubq1).not.toContain(JUDICIAL)
    expect(ubq1).not.toContain(TRANSPORT)
    const stp = await (await adminStp.get('/admin/procedures')).text()
    expect(stp).toContain(JUDICIAL)
    expect(stp).not.toContain(DISTRICT_PERMIT)
    expect(stp).not.toContain(WARD_EXTRACT)
  })

  it('answers another agency’s procedure exactly like one that does not exist, and publishes nothing', async () => {
    const other = await adminUbq1.get(`/admin/procedures/${JUDICIAL}`)
    const missing = await adminUbq1.get('/admin/procedures/9.999999.000.00.00.H56')
    expect(other.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(await other.text()).not.toContain('"sections"')
    expect((await adminStp.get(`/admin/procedures/${WARD_EXTRACT}`)).status).toBe(404)

    const before = await versions(JUDICIAL)
    const res = await adminUbq1.post(`/admin/procedures/${JUDICIAL}`, await definitionOf(JUDICIAL))
    expect(res.status).toBe(404)
    expect(await versions(JUDICIAL)).toBe(before)
    expect(await publishes(JUDICIAL)).toEqual([])
  })

  it('the home page counts only what is in scope', async () => {
    const home = await (await adminUbq1.get('/admin')).text()
    // UBQ1's two procedures and PBN's four; the city's nine are not theirs.
    expect(home).toContain('6 thủ tục của các cơ quan do bạn quản lý')
    expect(await (await adminCity.get('/admin')).text()).toContain('9 thủ tục của các cơ quan do bạn quản lý')
  })
})

describe('the city super-administrator', () => {
  it('sees every agency’s procedures and staff, and a publish is audited under the procedure’s agency', async () => {
    const list = await (await adminCity.get('/admin/procedures')).text()
    for (const code of [JUDICIAL, DISTRICT_PERMIT, WARD_EXTRACT, TRANSPORT]) expect(list).toContain(code)
    expect((await adminCity.get(`/admin/procedures/${TRANSPORT}`)).status).toBe(200)
    const staff = await adminCity.get('/admin/staff?agency=STP')
    expect(staff.status).toBe(200)
    expect(await staff.text()).toContain('reception.stp@example.gov.vn')

    const before = await versions(TRANSPORT)
    const res = await adminCity.post(`/admin/procedures/${TRANSPORT}`, await definitionOf(TRANSPORT))
    expect(res.status).toBe(302)
    expect(await versions(TRANSPORT)).toBe(before + 1)
    const sgtvt = await t.db
      .selectFrom('agencies')
      .select('id')
      .where('code', '=', 'SGTVT')
      .executeTakeFirstOrThrow()
    expect(await publishes(TRANSPORT)).toMatchObject([{ agency_id: sgtvt.id }])
    // The change shows in the city's recent changes, not in another agency's.
    expect(await (await adminCity.get('/admin')).text()).toContain(TRANSPORT)
    expect(await (await adminUbq1.get('/admin')).text()).not.toContain(TRANSPORT)
    expect(await (await adminStp.get('/admin')).text()).not.toContain(TRANSPORT)
  })

  it('is the only one who changes the city-wide holiday calendar', async () => {
    const day = { intent: 'add', date: '2027-10-15', nameVi: 'Nghỉ bù', nameEn: 'Day off in lieu' }
    expect((await adminStp.post('/admin/holidays', day)).status).toBe(403)
    expect(await t.db.selectFrom('holidays').select('date').where('date', '=', day.date).execute()).toEqual(
      [],
    )
    expect((await adminCity.post('/admin/holidays', day)).status).toBe(302)
    expect(await t.db.selectFrom('holidays').select('date').where('date', '=', day.date).execute()).toEqual([
      { date: day.date },
    ])
    expect((await adminStp.post('/admin/holidays', { intent: 'remove', date: day.date })).status).toBe(403)
    expect(
      await t.db.selectFrom('holidays').select('date').where('date', '=', day.date).execute(),
    ).toHaveLength(1)
  })
})
