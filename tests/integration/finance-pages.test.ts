import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { JUDICIAL, completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * The finance pages over real HTTP (the built app, a real PostgreSQL, the mock gateway): upload a VNPay report
 * (good, malformed, oversize, twice), reconcile, resolve an exception with a second clerk, agency scope, close the
 * day and refuse a second close, and download the CSV and XLSX exports.
 */

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let finance: Client
let finance2: Client
let financeY: Client
let admin: Client
const password = 'Trang-Tai-Chinh@2026'
const day = vnDay(new Date())
const maxBytes = 4096

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  app = await startTestApp(t.db, { SETTLEMENT_MAX_BYTES: String(maxBytes) })
  finance = app.client()
  finance2 = app.client()
  financeY = app.client()
  admin = app.client()
  await finance.login('finance.stp@example.gov.vn', demoPasswords.staff)
  await finance2.login('finance2.stp@example.gov.vn', demoPasswords.staff)
  await financeY.login('finance.ubq1@example.gov.vn', demoPasswords.staff)
  await admin.login('admin.stp@example.gov.vn', demoPasswords.staff)
}, 120_000)
afterAll(async () => {
  await app?.close()
  await t?.drop()
})

/** A citizen (whose name starts like a spreadsheet formula) pays a judicial-record fee through VNPay. */
async function paidByVnpay() {
  const hash = await hashPassword(password)
  const citizen = await createCitizen(t.db, '=1+2 Trần Văn Công', hash)
  const { procedure } = await completeJudicialDraft(t.db, citizen.id)
  const { code } = await submitDraft(t.db, {
    applicantId: citizen.id,
    procedureId: procedure.id,
    token: crypto.randomUUID(),
    declared: true,
    lng: 'vi',
  })
  const client = app.client()
  await client.login(citizen.email, password)
  const res = await client.post(`/dossiers/${code}/pay`, { provider: 'vnpay' })
  const payUrl = new URL(res.headers.get('location')!)
  await client.get(`${payUrl.pathname}${payUrl.search}`)
  await client.post(payUrl.pathname, { query: payUrl.search.slice(1), bankCode: 'NCB', outcome: 'success' })
  await app.payments.mock!.delivery.flush()
  return t.db
    .selectFrom('payment_attempts as a')
    .innerJoin('fees as f', 'f.id', 'a.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select(['a.id', 'a.provider_ref', 'a.transaction_id', 'a.amount', 'f.status as fee_status', 'd.code'])
    .where('d.code', '=', code)
    .executeTakeFirstOrThrow()
}

const payDate = (d: Date) =>
  new Date(d.getTime() + 7 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
const header = 'TxnRef,TransactionNo,Amount,BankCode,PayDate,TransactionType,TransactionStatus'
const row = (ref: string, no: string, amount: string | number) =>
  `${ref},${no},${amount},NCB,${payDate(new Date())},01,00`

function upload(client: Client, text: string, name = 'vnpay.csv') {
  const form = new FormData()
  form.append('provider', 'vnpay')
  form.append('report', new Blob([text], { type: 'text/csv' }), name)
  return client.request('/finance/reconciliation', { method: 'POST', body: form })
}

const count = async (table: 'settlement_lines' | 'settlement_imports') =>
  (
    await t.db
      .selectFrom(table)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
  ).n

describe('the finance pages over HTTP', () => {
  let attempt: Awaited<ReturnType<typeof paidByVnpay>>
  let itemId: string

  it('imports a report, refuses a malformed one with its lines, an oversize one (413) and the same file twice', async () => {
    attempt = await paidByVnpay()
    expect(attempt.fee_status).toBe('paid')
    const ref = attempt.provider_ref ?? attempt.id.replaceAll('-', '')
    // The gateway settled a different amount: an amount mismatch for agency X.
    const good = `${header}\n${row(ref, attempt.transaction_id ?? '80000001', Number(attempt.amount) + 5000)}\n`
    const res = await upload(finance, good)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Đã nhập 1 dòng quyết toán')
    const lines = await count('settlement_lines')

    const twice = await upload(finance, good, 'again.csv')
    expect(twice.status).toBe(200)
    expect(await twice.text()).toContain('Tệp này đã được nhập trước đó')
    expect(await count('settlement_lines')).toBe(lines)

    const bad = `${header}\n${row('a'.repeat(32), '81000001', 1000)}\n${row('a'.repeat(32), '81000002', 'mười')}\n`
    const refused = await upload(finance, bad)
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('Tệp bị từ chối toàn bộ')
    expect(html).toMatch(/<td class="num">3<\/td><td>Amount<\/td><td>Giá trị “mười” không phải số nguyên/)
    expect(await count('settlement_lines')).toBe(lines)

    const imports = await count('settlement_imports')
    const big = `${header}\n${Array.from({ length: 200 }, (_, i) => row('b'.repeat(32), String(82000000 + i), 1000)).join('\n')}\n`
    expect(big.length).toBeGreaterThan(maxBytes)
    const tooLarge = await upload(finance, big)
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.text()).toContain('Tệp đối soát vượt quá dung lượng cho phép')
    expect(await count('settlement_imports')).toBe(imports)
  })

  it('reconciles and resolves with a second clerk; another agency finds nothing', async () => {
    const run = await finance.post('/finance/reconciliation', { intent: 'reconcile' })
    expect(run.status).toBe(200)
    expect(await run.text()).toContain('Đã đối soát')
    const item = await t.db
      .selectFrom('reconciliation_items')
      .select(['id', 'class'])
      .where('payment_attempt_id', '=', attempt.id)
      .executeTakeFirstOrThrow()
    itemId = item.id
    const queue = await (await finance.get('/finance/reconciliation/exceptions?agency=STP')).text()
    expect(queue).toContain(`/finance/reconciliation/exceptions/${itemId}`)
    const queueY = await (await financeY.get('/finance/reconciliation/exceptions?status=all')).text()
    expect(queueY).not.toContain(itemId)
    expect((await financeY.get(`/finance/reconciliation/exceptions/${itemId}`)).status).toBe(404)
    const path = `/finance/reconciliation/exceptions/${itemId}`
    expect((await financeY.post(path, { intent: 'resolve', kind: 'write_off', reason: 'x' })).status).toBe(
      404,
    )

    expect((await finance.post(path, { intent: 'resolve', kind: 'write_off', reason: '' })).status).toBe(422)
    expect(
      (await finance.post(path, { intent: 'resolve', kind: 'write_off', reason: 'Bank rounding' })).status,
    ).toBe(302)
    const mine = await (await finance.get(path)).text()
    expect(mine).toContain('Cán bộ tài chính khác phải duyệt')
    expect(mine).not.toContain('value="approve"')
    const self = await finance.post(path, { intent: 'approve', note: '' })
    expect(self.status).toBe(403)
    expect(await self.text()).toContain('Người đề nghị không được tự phê duyệt')
    expect(await (await finance2.get(path)).text()).toContain('value="approve"')
    expect((await finance2.post(path, { intent: 'approve', note: 'Checked' })).status).toBe(302)
    const audit = await t.db
      .selectFrom('reconciliation_audit')
      .select('action')
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['request', 'approve'])
    expect(await (await finance.get(path)).text()).toContain('Đã xử lý')
  })

  it('closes the day once; a second close is refused (409) with its message', async () => {
    const here = `/finance/reconciliation/days/${day}?agency=STP`
    expect(await (await finance.get(`${here}&confirm=1`)).text()).toContain('Đồng ý khóa sổ')
    expect((await finance.post(here, { intent: 'close' })).status).toBe(422)
    expect((await financeY.post(here, { intent: 'close', confirm: 'yes' })).status).toBe(404)
    expect((await finance.post(here, { intent: 'close', confirm: 'yes' })).status).toBe(302)
    expect(await (await finance.get(here)).text()).toContain('Đã khóa sổ bởi')
    const again = await finance2.post(here, { intent: 'close', confirm: 'yes' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Ngày này đã khóa sổ.')
  })

  it('exports the day as CSV (BOM, formula-safe, ledger code) and XLSX', async () => {
    const set = await admin.post('/admin/ledger-codes', {
      procedure: JUDICIAL,
      feeKind: 'submission',
      code: '711.01',
    })
    expect(set.status).toBe(302)
    const q = `/finance/reconciliation/export?agency=STP&from=${day}&to=${day}`
    const csv = await finance.get(`${q}&format=csv`)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="finance-STP-/)
    expect(csv.headers.get('cache-control')).toBe('private, no-store')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain("'=1+2 Trần Văn Công")
    expect(text).not.toMatch(/(^|,)=1\+2/m)
    expect(text).toContain('711.01')
    expect(text).toContain(attempt.code)

    const xlsx = await finance.get(`${q}&format=xlsx`)
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('cache-control')).toBe('private, no-store')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await xlsx.arrayBuffer())
    const values = book.worksheets[0].getSheetValues().flat().map(String)
    expect(values).toContain("'=1+2 Trần Văn Công")
    expect(values).toContain('711.01')
    expect((await financeY.get(`${q}&format=csv`)).status).toBe(404)
    expect((await finance.get(`${q}&format=pdf`)).status).toBe(400)
  })
})
