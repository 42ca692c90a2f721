import { Readable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import type { CurrentUser } from '../../app/modules/auth/permissions'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { closeDay, financeDay } from '../../app/modules/finance/close.server'
import {
  FinanceDayClosed,
  ReconciliationItemNotFound,
  SameFinanceUser,
  SettlementFileTooLarge,
} from '../../app/modules/finance/errors'
import {
  approveResolution,
  listExceptions,
  resolveException,
} from '../../app/modules/finance/exceptions.server'
import { toCsv } from '../../app/utils/csv'
import { toXlsx } from '../../app/modules/finance/export-xlsx.server'
import { ledgerExportRows } from '../../app/modules/finance/export-rows.server'
import { importSettlementFile } from '../../app/modules/finance/import-file.server'
import { importFromGateway } from '../../app/modules/finance/import-gateway.server'
import { receiveSettlementUpload } from '../../app/modules/finance/upload.server'
import { reconcile } from '../../app/modules/finance/reconcile.server'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { seedDemo } from '../../db/seed/seed'
import { signParams } from '../../payments/adapters/vnpay'
import { mockStripe, mockVnpay } from '../../payments/mock'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * Reconciliation end to end: payments made through the real app and the mock gateway (msw, webhooks and IPNs over
 * HTTP), the mock's switches producing each exception, settlement lines pulled from the mock's Stripe API or
 * uploaded as report files, matched in SQL on a real PostgreSQL, then resolved by finance clerks.
 */

let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
const password = 'Doi-Soat@2026'
let passwordHash: string
let finance: CurrentUser
let finance2: CurrentUser
let otherFinance: CurrentUser

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  passwordHash = await hashPassword(password)
  app = await startTestApp(t.db)
  finance = await staffUser('finance.stp@example.gov.vn')
  finance2 = await staffUser('finance2.stp@example.gov.vn')
  otherFinance = await staffUser('finance.ubq1@example.gov.vn')
})
afterAll(async () => {
  await app?.close()
  await t?.drop()
})
afterEach(async () => {
  await mock().delivery.flush()
  mock().reset()
})

const mock = () => app.payments.mock!

async function staffUser(email: string): Promise<CurrentUser> {
  const user = await t.db
    .selectFrom('users')
    .select(['id', 'email', 'full_name'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  const grants = await t.db
    .selectFrom('staff_roles as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['r.role', 'r.agency_id', 'a.code'])
    .where('r.user_id', '=', user.id)
    .execute()
  return {
    id: user.id,
    kind: 'staff',
    email: user.email,
    fullName: user.full_name,
    locale: 'vi',
    roles: grants.map((g) => ({ role: g.role, agencyId: g.agency_id, agencyCode: g.code })),
  }
}

async function dossierAwaitingPayment() {
  const citizen = await createCitizen(t.db, 'Trần Văn Đối', passwordHash)
  const { procedure } = await completeJudicialDraft(t.db, citizen.id)
  const submitted = await submitDraft(t.db, {
    applicantId: citizen.id,
    procedureId: procedure.id,
    token: crypto.randomUUID(),
    declared: true,
    lng: 'vi',
  })
  const client = app.client()
  await client.login(citizen.email, password)
  return { code: submitted.code, client }
}

async function startPayment(client: Client, code: string, provider: 'stripe' | 'vnpay') {
  const res = await client.post(`/dossiers/${code}/pay`, { provider })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!)
}

async function payByCard(client: Client, code: string) {
  const checkout = await startPayment(client, code, 'stripe')
  await client.post(checkout.pathname, { intent: 'pay', card: '4242 4242 4242 4242' })
  await mock().delivery.flush()
}

async function payByVnpay(client: Client, code: string) {
  const payUrl = await startPayment(client, code, 'vnpay')
  await client.get(`${payUrl.pathname}${payUrl.search}`)
  await client.post(payUrl.pathname, { query: payUrl.search.slice(1), bankCode: 'NCB', outcome: 'success' })
  await mock().delivery.flush()
}

async function attemptOf(code: string) {
  return t.db
    .selectFrom('payment_attempts as a')
    .innerJoin('fees as f', 'f.id', 'a.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select([
      'a.id',
      'a.status',
      'a.transaction_id',
      'a.amount',
      'a.settled_at',
      'f.status as fee_status',
      'd.status as dossier_status',
      'd.agency_id',
    ])
    .where('d.code', '=', code)
    .orderBy('a.created_at', 'desc')
    .executeTakeFirstOrThrow()
}

const around = (now = new Date()) => ({
  from: new Date(now.getTime() - 86_400_000),
  to: new Date(now.getTime() + 60_000),
  now,
})

async function itemsFor(attemptId: string) {
  return t.db
    .selectFrom('reconciliation_items')
    .selectAll()
    .where('payment_attempt_id', '=', attemptId)
    .execute()
}

const stripeGateway = () => app.payments.gateways.get('stripe')!

function vnpayCsv(rows: Array<Record<string, string | number>>) {
  const header = 'TxnRef,TransactionNo,Amount,BankCode,PayDate,TransactionType,TransactionStatus'
  const lines = rows.map((r) =>
    [
      r.TxnRef,
      r.TransactionNo,
      r.Amount,
      r.BankCode ?? 'NCB',
      r.PayDate,
      r.TransactionType ?? '01',
      r.TransactionStatus ?? '00',
    ].join(','),
  )
  return [header, ...lines].join('\n') + '\n'
}
const payDate = (d: Date) =>
  new Date(d.getTime() + 7 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)
const upload = (provider: 'stripe' | 'vnpay', text: string, maxBytes?: number) =>
  importSettlementFile(t.db, {
    provider,
    fileName: `${provider}.csv`,
    body: Readable.from([Buffer.from(text, 'utf8')]),
    importedBy: finance.id,
    maxBytes,
  })

describe('each exception class, produced by the mock gateway and resolved', () => {
  it('a dropped webhook then a settlement line: missing in the portal, applied with a second clerk', async () => {
    const { code, client } = await dossierAwaitingPayment()
    mock().delivery.set({ drop: Number.POSITIVE_INFINITY })
    await payByCard(client, code)
    const attempt = await attemptOf(code)
    expect(attempt.fee_status).toBe('due')
    await importFromGateway(t.db, stripeGateway(), { query: around(), importedBy: finance.id })
    const run = await reconcile(t.db, { ...around(), provider: 'stripe' })
    expect(run.error).toBeUndefined()
    expect(run.results.missing_in_portal).toBeGreaterThanOrEqual(1)
    const [item] = (await itemsFor(attempt.id)).filter((i) => i.class === 'missing_in_portal')
    expect(item).toMatchObject({ status: 'open', agency_id: attempt.agency_id, gateway_amount: 200_000 })

    expect(
      await resolveException(t.db, finance, {
        itemId: item.id,
        kind: 'apply_payment',
        reason: 'Webhook lost',
      }),
    ).toEqual({
      status: 'awaiting_approval',
    })
    await expect(approveResolution(t.db, finance, { itemId: item.id })).rejects.toBeInstanceOf(
      SameFinanceUser,
    )
    // The database keeps the rule too.
    await expect(
      sql`UPDATE reconciliation_items SET approved_by = requested_by WHERE id = ${item.id}`.execute(t.db),
    ).rejects.toThrow(/reconciliation_items_two_people/)
    // Another agency's clerk finds nothing.
    await expect(approveResolution(t.db, otherFinance, { itemId: item.id })).rejects.toBeInstanceOf(
      ReconciliationItemNotFound,
    )
    expect((await listExceptions(t.db, otherFinance, { status: 'all' })).rows.map((r) => r.id)).not.toContain(
      item.id,
    )

    await approveResolution(t.db, finance2, { itemId: item.id })
    const after = await attemptOf(code)
    expect(after).toMatchObject({ status: 'succeeded', fee_status: 'paid', dossier_status: 'submitted' })
    const audit = await t.db
      .selectFrom('reconciliation_audit')
      .select(['action', 'actor_id'])
      .where('item_id', '=', item.id)
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'request', actor_id: finance.id },
      { action: 'approve', actor_id: finance2.id },
    ])
    // Running again changes nothing.
    const again = await reconcile(t.db, { ...around(), provider: 'stripe' })
    expect(again.results.newItems).toBe(0)
  })

  it('a second signed success for a settled attempt: duplicate payment, refund proposed on approval', async () => {
    const { code, client } = await dossierAwaitingPayment()
    mock().delivery.set({ drop: Number.POSITIVE_INFINITY })
    await payByVnpay(client, code)
    const ipn = new URL(
      mock().delivery.log.find((e) => e.status === 'dropped' && e.notification.provider === 'vnpay')!
        .notification.url,
    )
    expect((await (await fetch(`${app.baseUrl}/webhooks/vnpay/ipn${ipn.search}`)).json()).RspCode).toBe('00')
    const second = new URLSearchParams(ipn.search)
    second.set('vnp_TransactionNo', '99' + second.get('vnp_TransactionNo'))
    second.delete('vnp_SecureHash')
    second.set('vnp_SecureHash', signParams(second, mockVnpay.hashSecret))
    await fetch(`${app.baseUrl}/webhooks/vnpay/ipn?${second}`)
    const attempt = await attemptOf(code)
    expect(attempt.fee_status).toBe('paid')
    await reconcile(t.db, { ...around(), provider: 'vnpay' })
    const [item] = (await itemsFor(attempt.id)).filter((i) => i.class === 'duplicate_payment')
    expect(item.subject).toContain(second.get('vnp_TransactionNo'))
    await resolveException(t.db, finance2, { itemId: item.id, kind: 'propose_refund', reason: 'Paid twice' })
    const approved = await approveResolution(t.db, finance, { itemId: item.id })
    const refund = await t.db
      .selectFrom('refunds')
      .selectAll()
      .where('id', '=', approved.refundId!)
      .executeTakeFirstOrThrow()
    expect(refund).toMatchObject({
      origin: 'manual',
      status: 'proposed',
      amount: 200_000,
      attempt_id: attempt.id,
    })
  })

  it('a tampered amount at the gateway: amount mismatch, explained', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, code)
    const attempt = await attemptOf(code)
    expect(mock().stripe.tamperSettlement(attempt.id, 150_000)).toBe(1)
    await importFromGateway(t.db, stripeGateway(), { query: around(), importedBy: null })
    await reconcile(t.db, { ...around(), provider: 'stripe' })
    const [item] = (await itemsFor(attempt.id)).filter((i) => i.class === 'amount_mismatch')
    expect(item).toMatchObject({ portal_amount: 200_000, gateway_amount: 150_000 })
    expect(
      await resolveException(t.db, finance, {
        itemId: item.id,
        kind: 'explained',
        reason: 'Bank error, claimed',
      }),
    ).toEqual({
      status: 'resolved',
    })
  })

  it('a refund made at the gateway outside the portal: refund mismatch, written off with approval', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, code)
    const attempt = await attemptOf(code)
    const res = await fetch(`${mockStripe.apiBase}/v1/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${mockStripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ payment_intent: attempt.transaction_id!, amount: '50000' }),
    })
    expect(res.status).toBe(200)
    await importFromGateway(t.db, stripeGateway(), { query: around(), importedBy: null })
    await reconcile(t.db, { ...around(), provider: 'stripe' })
    const [item] = (await itemsFor(attempt.id)).filter((i) => i.class === 'refund_mismatch')
    expect(item.gateway_amount).toBe(50_000)
    await resolveException(t.db, finance, {
      itemId: item.id,
      kind: 'write_off',
      reason: 'Refunded by the bank desk',
    })
    await approveResolution(t.db, finance2, { itemId: item.id })
    expect((await itemsFor(attempt.id)).find((i) => i.id === item.id)?.status).toBe('resolved')
  })

  it('a payment never settled: missing at the gateway after the working days, explained', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByVnpay(client, code)
    const attempt = await attemptOf(code)
    expect(attempt.fee_status).toBe('paid')
    await reconcile(t.db, { ...around(), provider: 'vnpay' })
    expect((await itemsFor(attempt.id)).filter((i) => i.class === 'missing_at_gateway')).toHaveLength(0)
    const later = new Date(Date.now() + 7 * 86_400_000)
    await reconcile(t.db, { from: around().from, to: around().to, now: later, provider: 'vnpay' })
    const [item] = (await itemsFor(attempt.id)).filter((i) => i.class === 'missing_at_gateway')
    expect(item.portal_amount).toBe(200_000)
    await resolveException(t.db, finance, {
      itemId: item.id,
      kind: 'explained',
      reason: 'In the next VNPay batch',
    })
  })

  it('a settlement line for an unknown reference: missing in the portal, seen by every clerk, explained', async () => {
    const now = new Date()
    const text = vnpayCsv([
      { TxnRef: 'f'.repeat(32), TransactionNo: '70000001', Amount: 120000, PayDate: payDate(now) },
    ])
    expect(await upload('vnpay', text)).toMatchObject({ status: 'imported', newLines: 1 })
    await reconcile(t.db, { ...around(now), provider: 'vnpay' })
    const item = await t.db
      .selectFrom('reconciliation_items')
      .selectAll()
      .where('subject', 'like', 'line:%')
      .where('class', '=', 'missing_in_portal')
      .where('agency_id', 'is', null)
      .executeTakeFirstOrThrow()
    expect(item.detail).toMatchObject({ reason: 'unknown_reference' })
    expect((await listExceptions(t.db, otherFinance)).rows.map((r) => r.id)).toContain(item.id)
    await resolveException(t.db, otherFinance, {
      itemId: item.id,
      kind: 'explained',
      reason: 'Another merchant terminal',
    })
  })
})

describe('settlement files', () => {
  it('the same file twice changes nothing; an overlapping file adds only its new lines', async () => {
    const now = new Date()
    const a = { TxnRef: 'a'.repeat(32), TransactionNo: '71000001', Amount: 10000, PayDate: payDate(now) }
    const b = { TxnRef: 'b'.repeat(32), TransactionNo: '71000002', Amount: 20000, PayDate: payDate(now) }
    const c = { TxnRef: 'c'.repeat(32), TransactionNo: '71000003', Amount: 30000, PayDate: payDate(now) }
    const first = await upload('vnpay', vnpayCsv([a, b]))
    expect(first).toMatchObject({ status: 'imported', lineCount: 2, newLines: 2 })
    expect(await upload('vnpay', vnpayCsv([a, b]))).toEqual({
      status: 'already_imported',
      importId: (first as { importId: string }).importId,
    })
    expect(await upload('vnpay', vnpayCsv([b, c]))).toMatchObject({
      status: 'imported',
      newLines: 1,
      duplicateLines: 1,
    })
    // a line repeated within one file counts once (the plain insert breaks the unique key; ON CONFLICT takes over)
    const d = { TxnRef: 'e'.repeat(32), TransactionNo: '71000004', Amount: 40000, PayDate: payDate(now) }
    expect(await upload('vnpay', vnpayCsv([c, d, d]))).toMatchObject({
      status: 'imported',
      lineCount: 3,
      newLines: 1,
      duplicateLines: 2,
    })
    const count = await t.db
      .selectFrom('settlement_lines')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('line_id', 'like', '7100000%')
      .executeTakeFirstOrThrow()
    expect(count.n).toBe(4)
  })

  it('a malformed file is refused whole, with each bad line, and kept as rejected', async () => {
    const now = new Date()
    const text = vnpayCsv([
      { TxnRef: 'd'.repeat(32), TransactionNo: '72000001', Amount: 10000, PayDate: payDate(now) },
      { TxnRef: 'd'.repeat(32), TransactionNo: '72000002', Amount: 'mười', PayDate: payDate(now) },
      { TxnRef: 'd'.repeat(32), TransactionNo: '72000003', Amount: 10000, PayDate: '20261399250000' },
    ])
    const result = await upload('vnpay', text)
    expect(result.status).toBe('rejected')
    if (result.status !== 'rejected') return
    expect(result.errors).toEqual([
      { line: 3, column: 'Amount', reason: 'finance:import.errors.integer', values: { value: 'mười' } },
      { line: 4, column: 'PayDate', reason: 'finance:import.errors.date' },
    ])
    const lines = await t.db
      .selectFrom('settlement_lines')
      .select('id')
      .where('line_id', 'like', '7200000%')
      .execute()
    expect(lines).toHaveLength(0)
    const kept = await t.db
      .selectFrom('settlement_imports')
      .selectAll()
      .where('id', '=', result.importId)
      .executeTakeFirstOrThrow()
    expect(kept).toMatchObject({ status: 'rejected' })
    expect(kept.error_report).toMatchObject({ errorCount: 2 })
    const missing = await upload('stripe', 'balance_transaction_id,gross\ntxn_1,10\n')
    expect(missing.status === 'rejected' && missing.errors.map((e) => e.column)).toContain('created_utc')
  })

  it("reads Stripe's payout reconciliation report, and refuses a broken CSV at its line", async () => {
    const text =
      '\uFEFFbalance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,payment_intent_id,automatic_payout_id\r\n' +
      'txn_report_1,2026-11-30 03:04:05,vnd,200000,4200,195800,charge,pi_report_1,po_report_1\r\n' +
      'txn_report_2,2026-11-30 04:00:00,vnd,-50000,0,-50000,refund,pi_report_1,po_report_1\r\n'
    expect(await upload('stripe', text)).toMatchObject({ status: 'imported', lineCount: 2, newLines: 2 })
    const line = await t.db
      .selectFrom('settlement_lines')
      .selectAll()
      .where('line_id', '=', 'txn_report_1')
      .executeTakeFirstOrThrow()
    expect(line).toMatchObject({
      type: 'payment',
      gross: 200_000,
      fee: 4_200,
      net: 195_800,
      payout_id: 'po_report_1',
    })
    expect(line.settled_at.toISOString()).toBe('2026-11-30T03:04:05.000Z')
    const broken = await upload('vnpay', vnpayCsv([]) + 'x,"open quote,1,NCB,20261130101010,01,00\n')
    expect(broken.status === 'rejected' && broken.errors[0]).toMatchObject({
      line: 2,
      reason: 'finance:import.errors.malformed',
    })
  })

  it('takes the upload form as a stream (provider, then the report file)', async () => {
    const text = vnpayCsv([
      { TxnRef: '1'.repeat(32), TransactionNo: '74000001', Amount: 5000, PayDate: payDate(new Date()) },
    ])
    const form = (body: string) => {
      const data = new FormData()
      data.set('provider', 'vnpay')
      data.set('report', new Blob([body], { type: 'text/csv' }), 'vnpay.csv')
      return new Request('http://portal.test/finance/reconciliation', { method: 'POST', body: data })
    }
    expect(await receiveSettlementUpload(t.db, form(text), { importedBy: finance.id })).toMatchObject({
      status: 'imported',
      newLines: 1,
    })
    await expect(
      receiveSettlementUpload(t.db, form(text.repeat(50)), { importedBy: finance.id, maxBytes: 1_000 }),
    ).rejects.toBeInstanceOf(SettlementFileTooLarge)
  })

  it('an oversize file is refused while streaming and nothing is kept', async () => {
    const before = await t.db
      .selectFrom('settlement_imports')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    const big = vnpayCsv(
      Array.from({ length: 200 }, (_, i) => ({
        TxnRef: 'e'.repeat(32),
        TransactionNo: String(73000000 + i),
        Amount: 1000,
        PayDate: payDate(new Date()),
      })),
    )
    await expect(upload('vnpay', big, 2_000)).rejects.toBeInstanceOf(SettlementFileTooLarge)
    const after = await t.db
      .selectFrom('settlement_imports')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })
})

describe('daily close and export', () => {
  it('a closed day cannot be changed; a later resolution lands on the next open day, linked', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByVnpay(client, code)
    const attempt = await attemptOf(code)
    const later = new Date(Date.now() + 7 * 86_400_000)
    await reconcile(t.db, { from: around().from, to: around().to, now: later, provider: 'vnpay' })
    const [item] = (await itemsFor(attempt.id)).filter((i) => i.class === 'missing_at_gateway')
    const day = item.finance_day
    const open = await financeDay(t.db, finance, { agencyId: attempt.agency_id, day })
    expect(open.closed).toBeNull()
    expect(open.figures.collectedOnline.vnpay).toBeGreaterThanOrEqual(200_000)
    const figures = await closeDay(t.db, finance, { agencyId: attempt.agency_id, day })
    expect(figures.openExceptions).toBeGreaterThanOrEqual(1)
    await expect(closeDay(t.db, finance2, { agencyId: attempt.agency_id, day })).rejects.toBeInstanceOf(
      FinanceDayClosed,
    )
    await expect(
      sql`UPDATE finance_days SET figures = '{}' WHERE agency_id = ${attempt.agency_id}`.execute(t.db),
    ).rejects.toThrow(/closed/)
    await expect(
      sql`UPDATE reconciliation_items SET reason = 'x' WHERE id = ${item.id}`.execute(t.db),
    ).rejects.toThrow(/closed/)
    await resolveException(t.db, finance, { itemId: item.id, kind: 'explained', reason: 'Late batch' })
    const moved = await t.db
      .selectFrom('reconciliation_items')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow()
    expect(moved.corrects_day).toBe(day)
    expect(moved.finance_day > day).toBe(true)
    expect((await financeDay(t.db, finance, { agencyId: attempt.agency_id, day })).figures).toEqual(figures)
  })

  it('exports the day as CSV (BOM, formula-safe) and XLSX with the ledger code', async () => {
    const rows = [{ name: '=HYPERLINK("http://x")', note: '+1', a: '-2', b: '@SUM(A1)', ok: 'Nguyễn', n: -5 }]
    const csv = toCsv(rows, [
      { header: 'Tên', value: (r) => r.name },
      { header: 'b', value: (r) => r.note },
      { header: 'c', value: (r) => r.a },
      { header: 'd', value: (r) => r.b },
      { header: 'e', value: (r) => r.ok },
      { header: 'n', value: (r) => r.n },
    ])
    expect(csv.startsWith('\uFEFFTên,b,c,d,e,n\r\n')).toBe(true)
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),Nguyễn,-5`)
    const day = vnDay(new Date())
    const agencyId = finance.roles.find((r) => r.role === 'finance')!.agencyId
    const procedure = await t.db
      .selectFrom('procedures')
      .select('id')
      .where('agency_id', '=', agencyId)
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('ledger_codes')
      .values({ procedure_id: procedure.id, fee_kind: 'submission', code: '3.4.1', updated_by: finance.id })
      .onConflict((oc) => oc.doNothing())
      .execute()
    const exportRows = await ledgerExportRows(t.db, finance, { agencyId, fromDay: day, toDay: day })
    expect(exportRows.length).toBeGreaterThan(0)
    const xlsx = await toXlsx(exportRows, [{ header: 'Mã', value: (r) => r.dossierCode }], 'Ngày')
    expect(xlsx.subarray(0, 2).toString()).toBe('PK')
  })
})
