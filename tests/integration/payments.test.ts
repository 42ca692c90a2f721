import { createHmac } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import type { CurrentUser } from '../../app/modules/auth/permissions'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { PaymentError } from '../../app/modules/payments/errors'
import { pollOpenAttempts } from '../../app/modules/payments/poll.server'
import {
  decideRefund,
  reopenRefund,
  requestRefund,
  submitRefund,
} from '../../app/modules/payments/refunds.server'
import { performTransition } from '../../app/modules/workflow/perform.server'
import { createLogger } from '../../app/server/logger'
import { seedDemo } from '../../db/seed/seed'
import { mockStripe, mockVnpay } from '../../payments/mock'
import { signParams } from '../../payments/adapters/vnpay'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * Payments end to end over real HTTP: the portal's routes, the mock gateway speaking Stripe's and VNPay's wire
 * protocols (msw in this process), webhooks and IPNs delivered back over HTTP, a real PostgreSQL.
 */

const logger = createLogger('silent')
let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
const password = 'Thanh-Toan@2026'
let passwordHash: string

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  passwordHash = await hashPassword(password)
  app = await startTestApp(t.db)
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

/** A citizen, logged in, with a judicial-record dossier awaiting its 200 000 ₫ fee. */
async function dossierAwaitingPayment() {
  const citizen = await createCitizen(t.db, 'Nguyễn Thị Mai', passwordHash)
  const { procedure } = await completeJudicialDraft(t.db, citizen.id)
  const submitted = await submitDraft(t.db, {
    applicantId: citizen.id,
    procedureId: procedure.id,
    token: crypto.randomUUID(),
    declared: true,
    lng: 'vi',
  })
  expect(submitted.status).toBe('awaiting_payment')
  const client = app.client()
  await client.login(citizen.email, password)
  return { citizen, code: submitted.code, client }
}

/** A staff member as the guards see them (id and role grants), by e-mail. */
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

async function startPayment(client: Client, code: string, provider: 'stripe' | 'vnpay') {
  const res = await client.post(`/dossiers/${code}/pay`, { provider })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!)
}

/** Pays on the mock's hosted card page, as the browser would; returns where the page sends the payer. */
async function payByCard(client: Client, checkoutUrl: URL, card = '4242 4242 4242 4242') {
  expect(checkoutUrl.pathname).toMatch(/^\/mock-gateway\/checkout\/cs_/)
  const res = await client.post(checkoutUrl.pathname, { intent: 'pay', card })
  return res
}

async function payByVnpay(client: Client, payUrl: URL, outcome: 'success' | 'insufficient' = 'success') {
  expect(payUrl.pathname).toBe('/mock-gateway/vnpay/paymentv2/vpcpay.html')
  const page = await client.get(`${payUrl.pathname}${payUrl.search}`)
  expect(page.status).toBe(200)
  const res = await client.post(payUrl.pathname, { query: payUrl.search.slice(1), bankCode: 'NCB', outcome })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!)
}

async function state(code: string) {
  const dossier = await t.db
    .selectFrom('dossiers')
    .select(['id', 'status', 'version'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow()
  const fees = await t.db
    .selectFrom('fees')
    .selectAll()
    .where('dossier_id', '=', dossier.id)
    .orderBy('created_at')
    .execute()
  const feeIds = fees.map((f) => f.id)
  const attempts = await t.db
    .selectFrom('payment_attempts')
    .selectAll()
    .where('fee_id', 'in', feeIds)
    .execute()
  const receipts = await t.db.selectFrom('receipts').selectAll().where('fee_id', 'in', feeIds).execute()
  const refunds = await t.db.selectFrom('refunds').selectAll().where('fee_id', 'in', feeIds).execute()
  const payEvents = await t.db
    .selectFrom('dossier_events')
    .select('id')
    .where('dossier_id', '=', dossier.id)
    .where('action', '=', 'pay')
    .execute()
  return { dossier, fees, attempts, receipts, refunds, payEvents }
}

function stripeSignature(
  body: string,
  secret: string = mockStripe.webhookSecret,
  at = Math.floor(Date.now() / 1000),
) {
  const v1 = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')
  return `t=${at},v1=${v1}`
}

async function postWebhook(body: string, signature: string) {
  return fetch(`${app.baseUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  })
}

/** The webhooks and IPNs the mock sends, captured instead of delivered (to replay, tamper or drop). */
function captureNotifications() {
  mock().delivery.set({ drop: Number.POSITIVE_INFINITY })
  return () =>
    mock()
      .delivery.log.filter((e) => e.status === 'dropped')
      .map((e) => e.notification)
}

describe('paying a level-4 fee by card (Stripe protocol, mock gateway)', () => {
  it('settles on the verified webhook: fee paid, one receipt, dossier submitted, return page shows it', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const page = await client.get(`/dossiers/${code}/pay`)
    const html = await page.text()
    expect(html).toContain('200.000')
    expect(html).toContain('name="provider"')
    const checkout = await startPayment(client, code, 'stripe')
    const paid = await payByCard(client, checkout)
    expect(paid.status).toBe(302)
    const back = new URL(paid.headers.get('location')!)
    expect(back.pathname).toMatch(/^\/payments\/return\//)
    await mock().delivery.flush()
    const s = await state(code)
    expect(s.dossier.status).toBe('submitted')
    expect(s.fees[0]).toMatchObject({ status: 'paid', paid_method: 'stripe' })
    expect(s.attempts).toHaveLength(1)
    expect(s.attempts[0]).toMatchObject({ status: 'succeeded' })
    expect(s.attempts[0].transaction_id).toMatch(/^pi_/)
    expect(s.receipts).toHaveLength(1)
    expect(s.payEvents).toHaveLength(1)
    const result = await client.get(back.pathname)
    expect(await result.text()).toContain('Thanh toán thành công')
    // No pay button any more: the pay page says it is paid and links the receipt.
    const after = await (await client.get(`/dossiers/${code}/pay`)).text()
    expect(after).not.toContain('name="provider"')
    expect(after).toContain(`/receipts/${s.receipts[0].id}`)
  })

  it('keeps the fee due after a declined card, then settles with a good one on the same checkout', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const checkout = await startPayment(client, code, 'stripe')
    const declined = await payByCard(client, checkout, '4000 0000 0000 0002')
    expect(declined.status).toBe(402)
    await mock().delivery.flush()
    let s = await state(code)
    expect(s.fees[0].status).toBe('due')
    expect(s.dossier.status).toBe('awaiting_payment')
    // A second click on "pay" reuses the live attempt rather than opening another.
    const again = await startPayment(client, code, 'stripe')
    expect(again.pathname).toBe(checkout.pathname)
    expect((await payByCard(client, checkout)).status).toBe(302)
    await mock().delivery.flush()
    s = await state(code)
    expect(s.fees[0].status).toBe('paid')
    expect(s.attempts).toHaveLength(1)
    expect(s.receipts).toHaveLength(1)
  })

  it('asks for 3-D Secure and settles only after the challenge is passed', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const checkout = await startPayment(client, code, 'stripe')
    const challenge = await payByCard(client, checkout, '4000 0027 6000 3184')
    expect(challenge.status).toBe(200)
    expect(await challenge.text()).toContain('3-D Secure')
    await mock().delivery.flush()
    expect((await state(code)).fees[0].status).toBe('due')
    const done = await client.post(checkout.pathname, { intent: 'approve-3ds' })
    expect(done.status).toBe(302)
    await mock().delivery.flush()
    expect((await state(code)).fees[0].status).toBe('paid')
  })
})

describe('paying through VNPay (2.1.0 protocol, mock gateway)', () => {
  it('redirects to the signed pay URL; the Return URL only shows; the IPN settles', async () => {
    const { code, client } = await dossierAwaitingPayment()
    // Hold the IPN so the Return page is seen before it arrives.
    mock().delivery.set({ reorder: true })
    const payUrl = await startPayment(client, code, 'vnpay')
    expect(payUrl.searchParams.get('vnp_Amount')).toBe('20000000')
    expect(payUrl.searchParams.get('vnp_TmnCode')).toBe(mockVnpay.tmnCode)
    const returned = await payByVnpay(client, payUrl)
    expect(returned.pathname).toBe('/payments/vnpay/return')
    const shown = await client.get(`${returned.pathname}${returned.search}`)
    expect(shown.status).toBe(302)
    const attemptPage = shown.headers.get('location')!
    expect((await state(code)).fees[0].status).toBe('due')
    expect(await (await client.get(attemptPage)).text()).toContain('Đang chờ cổng thanh toán xác nhận')
    await mock().delivery.flush()
    const s = await state(code)
    expect(s.fees[0]).toMatchObject({ status: 'paid', paid_method: 'vnpay' })
    expect(s.dossier.status).toBe('submitted')
    expect(s.receipts).toHaveLength(1)
    expect(await (await client.get(attemptPage)).text()).toContain('Thanh toán thành công')
  })

  it('refuses a Return URL whose signature does not verify', async () => {
    const { code, client } = await dossierAwaitingPayment()
    mock().delivery.set({ reorder: true })
    const returned = await payByVnpay(client, await startPayment(client, code, 'vnpay'))
    returned.searchParams.set('vnp_ResponseCode', '00')
    returned.searchParams.set('vnp_Amount', '100')
    expect((await client.get(`${returned.pathname}${returned.search}`)).status).toBe(400)
  })

  it('records a cancelled payment as failed and offers to pay again', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const payUrl = await startPayment(client, code, 'vnpay')
    await client.get(`${payUrl.pathname}${payUrl.search}`)
    const res = await client.post(payUrl.pathname, {
      query: payUrl.search.slice(1),
      bankCode: 'NCB',
      cancel: '1',
    })
    expect(res.status).toBe(302)
    await mock().delivery.flush()
    const s = await state(code)
    expect(s.attempts[0]).toMatchObject({ status: 'failed', failure_code: '24' })
    expect(s.fees[0].status).toBe('due')
    const page = await (await client.get(`/dossiers/${code}/pay`)).text()
    expect(page).toContain('bạn đã huỷ giao dịch')
    expect(page).toContain('name="provider"')
  })
})

describe('notifications that must change nothing', () => {
  it('refuses a forged or stale Stripe signature with 400', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const captured = captureNotifications()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    const completed = captured().find((n) => n.body?.includes('"checkout.session.completed"'))!
    expect(completed).toBeTruthy()
    const forged = await postWebhook(
      completed.body!,
      stripeSignature(completed.body!, 'whsec_not_the_secret'),
    )
    expect(forged.status).toBe(400)
    const stale = await postWebhook(
      completed.body!,
      stripeSignature(completed.body!, mockStripe.webhookSecret, Math.floor(Date.now() / 1000) - 301),
    )
    expect(stale.status).toBe(400)
    const noHeader = await fetch(`${app.baseUrl}/webhooks/stripe`, { method: 'POST', body: completed.body })
    expect(noHeader.status).toBe(400)
    const s = await state(code)
    expect(s.fees[0].status).toBe('due')
    expect(s.attempts[0].status).not.toBe('succeeded')
    expect(s.receipts).toHaveLength(0)
    // The genuine one, as sent, still applies.
    const genuine = await postWebhook(completed.body!, stripeSignature(completed.body!))
    expect(genuine.status).toBe(200)
    expect((await state(code)).fees[0].status).toBe('paid')
  })

  it('refuses a correctly signed notification with the wrong amount and shows it to finance', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const captured = captureNotifications()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    const completed = captured().find((n) => n.body?.includes('"checkout.session.completed"'))!
    const event = JSON.parse(completed.body!)
    event.id = `${event.id}_changed`
    event.data.object.amount_total = 2000
    const body = JSON.stringify(event)
    expect((await postWebhook(body, stripeSignature(body))).status).toBe(200)
    const s = await state(code)
    expect(s.fees[0].status).toBe('due')
    expect(s.receipts).toHaveLength(0)
    const recorded = await t.db
      .selectFrom('payment_events')
      .select('outcome')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow()
    expect(recorded.outcome).toBe('amount_mismatch')
  })

  it('answers VNPay IPNs with the RspCode rules: 97 bad signature, 01 unknown, 04 amount, 00 then 02', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const captured = captureNotifications()
    await payByVnpay(client, await startPayment(client, code, 'vnpay'))
    const ipn = new URL(captured().find((n) => n.provider === 'vnpay')!.url)
    const call = async (params: URLSearchParams) =>
      (await (await fetch(`${app.baseUrl}/webhooks/vnpay/ipn?${params}`)).json()) as { RspCode: string }
    const resign = (params: URLSearchParams) => {
      const p = new URLSearchParams(params)
      p.delete('vnp_SecureHash')
      p.delete('vnp_SecureHashType')
      p.set('vnp_SecureHash', signParams(p, mockVnpay.hashSecret))
      return p
    }
    const tampered = new URLSearchParams(ipn.search)
    tampered.set('vnp_Amount', '100')
    expect((await call(tampered)).RspCode).toBe('97')
    const unknown = new URLSearchParams(ipn.search)
    unknown.set('vnp_TxnRef', 'f'.repeat(32))
    expect((await call(resign(unknown))).RspCode).toBe('01')
    const wrongAmount = new URLSearchParams(ipn.search)
    wrongAmount.set('vnp_Amount', '100')
    expect((await call(resign(wrongAmount))).RspCode).toBe('04')
    expect((await state(code)).fees[0].status).toBe('due')
    expect((await call(new URLSearchParams(ipn.search))).RspCode).toBe('00')
    expect((await call(new URLSearchParams(ipn.search))).RspCode).toBe('02')
    const s = await state(code)
    expect(s.fees[0].status).toBe('paid')
    expect(s.receipts).toHaveLength(1)
  })

  it('leaves exactly one settled payment and one receipt per fee when every notification arrives 5 times, shuffled', async () => {
    const dossiers = await Promise.all([0, 1, 2, 3].map(() => dossierAwaitingPayment()))
    mock().delivery.set({ copies: 5, reorder: true })
    for (const [i, d] of dossiers.entries()) {
      if (i % 2 === 0) await payByCard(d.client, await startPayment(d.client, d.code, 'stripe'))
      else await payByVnpay(d.client, await startPayment(d.client, d.code, 'vnpay'))
    }
    expect(mock().delivery.held.length).toBeGreaterThanOrEqual(4 * 5)
    await mock().delivery.flush()
    for (const d of dossiers) {
      const s = await state(d.code)
      expect(s.fees.map((f) => f.status)).toEqual(['paid'])
      expect(s.attempts.filter((a) => a.status === 'succeeded')).toHaveLength(1)
      expect(s.receipts).toHaveLength(1)
      expect(s.payEvents).toHaveLength(1)
      expect(s.refunds).toHaveLength(0)
      expect(s.dossier.status).toBe('submitted')
    }
  })
})

describe('when the gateway misbehaves', () => {
  it('settles a payment whose webhook was lost through the polling job (retrieve)', async () => {
    const { code, client } = await dossierAwaitingPayment()
    mock().delivery.set({ drop: Number.POSITIVE_INFINITY })
    await payByCard(client, await startPayment(client, code, 'stripe'))
    expect((await state(code)).fees[0].status).toBe('due')
    const result = await pollOpenAttempts(t.db, app.payments, {
      origin: app.baseUrl,
      logger,
      olderThanSeconds: 0,
    })
    expect(result.settled).toBeGreaterThanOrEqual(1)
    const s = await state(code)
    expect(s.fees[0].status).toBe('paid')
    expect(s.receipts).toHaveLength(1)
    // Running the job again changes nothing.
    await pollOpenAttempts(t.db, app.payments, { origin: app.baseUrl, logger, olderThanSeconds: 0 })
    expect((await state(code)).receipts).toHaveLength(1)
  })

  it('settles a VNPay payment whose IPN never came through the polling job (querydr)', async () => {
    const { code, client } = await dossierAwaitingPayment()
    mock().delivery.set({ drop: Number.POSITIVE_INFINITY })
    await payByVnpay(client, await startPayment(client, code, 'vnpay'))
    await pollOpenAttempts(t.db, app.payments, { origin: app.baseUrl, logger, olderThanSeconds: 0 })
    const s = await state(code)
    expect(s.fees[0]).toMatchObject({ status: 'paid', paid_method: 'vnpay' })
    expect(s.receipts).toHaveLength(1)
  })

  it('never charges twice when creating the checkout times out: the retry with the same key gets the same session', async () => {
    const { code, client } = await dossierAwaitingPayment()
    mock().stripe.failNext('timeout', 3000)
    const checkout = await startPayment(client, code, 'stripe')
    const s = await state(code)
    expect(s.attempts).toHaveLength(1)
    expect(s.attempts[0].provider_ref).toBe(checkout.pathname.split('/').pop())
    await payByCard(client, checkout)
    await mock().delivery.flush()
    const ref = s.attempts[0].id.replaceAll('-', '')
    expect(mock().stripe.chargesFor(ref)).toBe(1)
    expect((await state(code)).fees[0].status).toBe('paid')
  })

  it('tells the citizen the gateway is down (nothing charged) and resumes the same attempt later', async () => {
    const { code, client } = await dossierAwaitingPayment()
    for (let i = 0; i < 3; i++) mock().stripe.failNext('500')
    const down = await client.post(`/dossiers/${code}/pay`, { provider: 'stripe' })
    expect(down.status).toBe(503)
    expect(await down.text()).toContain('Chưa có khoản tiền nào bị trừ')
    let s = await state(code)
    expect(s.attempts).toHaveLength(1)
    expect(s.attempts[0].status).toBe('creating')
    const checkout = await startPayment(client, code, 'stripe')
    s = await state(code)
    expect(s.attempts).toHaveLength(1)
    expect(s.attempts[0].status).toBe('pending')
    await payByCard(client, checkout)
    await mock().delivery.flush()
    expect((await state(code)).fees[0].status).toBe('paid')
  })

  it('turns a second successful payment of the same fee into a refund proposal, never extra credit', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const vnpayUrl = await startPayment(client, code, 'vnpay')
    await client.get(`${vnpayUrl.pathname}${vnpayUrl.search}`)
    // The citizen switches to card and pays; then finishes the old VNPay page too.
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    await client.post(vnpayUrl.pathname, {
      query: vnpayUrl.search.slice(1),
      bankCode: 'NCB',
      outcome: 'success',
    })
    await mock().delivery.flush()
    const s = await state(code)
    expect(s.fees[0]).toMatchObject({ status: 'paid', paid_method: 'stripe' })
    expect(s.attempts.filter((a) => a.status === 'succeeded')).toHaveLength(2)
    expect(s.receipts).toHaveLength(1)
    expect(s.refunds).toHaveLength(1)
    expect(s.refunds[0]).toMatchObject({ origin: 'duplicate', status: 'proposed', amount: 200_000 })
  })
})

describe('while the payer is still paying', () => {
  it('refuses a second checkout while the gateway is processing the first (3-D Secure pending)', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const checkout = await startPayment(client, code, 'stripe')
    await payByCard(client, checkout, '4000 0027 6000 3184')
    await pollOpenAttempts(t.db, app.payments, { origin: app.baseUrl, logger, olderThanSeconds: 0 })
    expect((await state(code)).attempts[0].status).toBe('processing')
    const second = await client.post(`/dossiers/${code}/pay`, { provider: 'vnpay' })
    expect(second.status).toBe(409)
    const page = await (await client.get(`/dossiers/${code}/pay`)).text()
    expect(page).toContain('Cổng thanh toán đang xử lý giao dịch trước của bạn')
    expect(page).not.toContain('name="provider"')
    expect((await state(code)).attempts).toHaveLength(1)
  })
})

describe('receipts', () => {
  it('shows the receipt to its payer only, as a page and a PDF, and verifies it publicly with the name masked', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    const [receipt] = (await state(code)).receipts
    expect(receipt.series).toMatch(/^STP-\d{2}E$/)
    expect(receipt.document_hash).toMatch(/^[0-9a-f]{64}$/)
    const page = await client.get(`/receipts/${receipt.id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Nguyễn Thị Mai')
    expect(html).toContain(`/verify/${receipt.id}`)
    expect(html).toContain('<svg')
    const pdf = await client.get(`/receipts/${receipt.id}/pdf`)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    const other = await dossierAwaitingPayment()
    expect((await other.client.get(`/receipts/${receipt.id}`)).status).toBe(404)
    expect((await other.client.get(`/receipts/${receipt.id}/pdf`)).status).toBe(404)
    const verify = await fetch(`${app.baseUrl}/verify/${receipt.id}`)
    expect(verify.status).toBe(200)
    const publicHtml = await verify.text()
    expect(publicHtml).toContain('N***** T** M**')
    expect(publicHtml).not.toContain('Nguyễn Thị Mai')
    expect(publicHtml).toContain(receipt.document_hash)
    expect(publicHtml).toContain(code)
    expect((await fetch(`${app.baseUrl}/verify/00000000-0000-4000-8000-000000000000`)).status).toBe(404)
  })

  it('numbers receipts in one series per agency and year without gaps under concurrent payments', async () => {
    const dossiers = await Promise.all([0, 1, 2, 3, 4].map(() => dossierAwaitingPayment()))
    await Promise.all(
      dossiers.map(async (d) => payByCard(d.client, await startPayment(d.client, d.code, 'stripe'))),
    )
    await mock().delivery.flush()
    const rows = await t.db.selectFrom('receipts').select(['series', 'number']).orderBy('number').execute()
    const series = rows.filter((r) => r.series === rows[rows.length - 1].series).map((r) => r.number)
    expect(series).toEqual(Array.from({ length: series.length }, (_, i) => i + 1))
  })
})

describe('refunds', () => {
  it('proposes a refund when a paid dossier is refused, and needs a second finance user to approve it', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    const reception = await staffUser('reception.stp@example.gov.vn')
    await performTransition(t.db, {
      dossierCode: code,
      action: 'refuse_intake',
      actor: { id: reception.id, roles: reception.roles },
      reason: 'Hồ sơ không thuộc thẩm quyền',
    })
    let s = await state(code)
    expect(s.refunds).toHaveLength(1)
    expect(s.refunds[0]).toMatchObject({ origin: 'refused', status: 'proposed' })
    const first = await staffUser('finance.stp@example.gov.vn')
    const second = await staffUser('finance2.stp@example.gov.vn')
    const other = await staffUser('finance.ubq1@example.gov.vn')
    const refundId = s.refunds[0].id
    await expect(
      requestRefund(t.db, { refundId, actor: other, amount: 200_000, reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'refund_not_found',
    })
    await expect(
      requestRefund(t.db, { refundId, actor: first, amount: 200_001, reason: 'Từ chối' }),
    ).rejects.toMatchObject({
      code: 'refund_amount',
    })
    await requestRefund(t.db, {
      refundId,
      actor: first,
      amount: 150_000,
      reason: 'Hồ sơ bị từ chối tiếp nhận',
    })
    await expect(
      decideRefund(t.db, app.payments, { refundId, actor: first, approve: true, note: '' }),
    ).rejects.toBeInstanceOf(PaymentError)
    expect(
      await decideRefund(t.db, app.payments, { refundId, actor: second, approve: true, note: 'Đồng ý' }),
    ).toBe('succeeded')
    await mock().delivery.flush()
    s = await state(code)
    expect(s.refunds[0]).toMatchObject({ status: 'succeeded', amount: 150_000, decided_by: second.id })
    // A partial refund leaves the fee paid; the gateway holds exactly one refund.
    expect(s.fees[0].status).toBe('paid')
    expect(mock().stripe.refundsFor(s.attempts[0].id.replaceAll('-', ''))).toBe(1)
    // Approving again changes nothing.
    await expect(
      decideRefund(t.db, app.payments, { refundId, actor: second, approve: true, note: '' }),
    ).rejects.toMatchObject({ code: 'refund_wrong_state' })
  })

  it('refunds a withdrawn dossier in full through VNPay and marks the fee refunded; the database refuses self-approval', async () => {
    const { code, client, citizen } = await dossierAwaitingPayment()
    await payByVnpay(client, await startPayment(client, code, 'vnpay'))
    await mock().delivery.flush()
    await performTransition(t.db, {
      dossierCode: code,
      action: 'withdraw',
      actor: { id: citizen.id, roles: [] },
    })
    const [proposal] = (await state(code)).refunds
    expect(proposal).toMatchObject({ origin: 'withdrawn', status: 'proposed' })
    const first = await staffUser('finance.stp@example.gov.vn')
    const second = await staffUser('finance2.stp@example.gov.vn')
    await requestRefund(t.db, { refundId: proposal.id, actor: second, amount: 200_000, reason: 'Rút hồ sơ' })
    await expect(
      t.db.updateTable('refunds').set({ decided_by: second.id }).where('id', '=', proposal.id).execute(),
    ).rejects.toThrow(/refunds_two_people/)
    expect(
      await decideRefund(t.db, app.payments, {
        refundId: proposal.id,
        actor: first,
        approve: true,
        note: '',
      }),
    ).toBe('succeeded')
    const s = await state(code)
    expect(s.fees[0].status).toBe('refunded')
    const verify = await (await fetch(`${app.baseUrl}/verify/${s.receipts[0].id}`)).text()
    expect(verify).toContain('đã được hoàn trả')
  })
})

describe('withdrawing a paid dossier (the one door: withdraw goes through the workflow)', () => {
  it('proposes exactly one refund with origin withdrawn, shown on /finance/refunds, when the citizen withdraws after paying', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    expect((await state(code)).dossier.status).toBe('submitted')

    const form = await client.get(`/dossiers/${code}/withdraw`)
    expect(await form.text()).toContain('name="reason"')
    const withdrawn = await client.post(`/dossiers/${code}/withdraw`, { reason: 'Nộp nhầm thủ tục' })
    expect(withdrawn.status).toBe(302)
    const s = await state(code)
    expect(s.dossier.status).toBe('withdrawn')
    expect(s.refunds).toHaveLength(1)
    expect(s.refunds[0]).toMatchObject({ origin: 'withdrawn', status: 'proposed', amount: 200_000 })
    const events = await t.db
      .selectFrom('dossier_events')
      .select(['action', 'reason'])
      .where('dossier_id', '=', s.dossier.id)
      .where('action', '=', 'withdraw')
      .execute()
    expect(events).toEqual([{ action: 'withdraw', reason: 'Nộp nhầm thủ tục' }])

    // Withdrawing again changes nothing (409), and the proposal stays single.
    expect((await client.post(`/dossiers/${code}/withdraw`, { reason: '' })).status).toBe(409)
    expect((await state(code)).refunds).toHaveLength(1)

    const finance = app.client()
    await finance.login('finance.stp@example.gov.vn', 'CanBo@2026')
    const page = await (await finance.get('/finance/refunds')).text()
    expect(page).toContain(code)
  })

  it('proposes a refund for a payment that succeeds only after the dossier was withdrawn', async () => {
    const { code, client } = await dossierAwaitingPayment()
    const captured = captureNotifications()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    // The webhook is late: the citizen withdraws while the fee still looks due here.
    expect((await client.post(`/dossiers/${code}/withdraw`, { reason: '' })).status).toBe(302)
    expect((await state(code)).refunds).toHaveLength(0)
    const completed = captured().find((n) => n.body?.includes('"checkout.session.completed"'))!
    expect((await postWebhook(completed.body!, stripeSignature(completed.body!))).status).toBe(200)
    const s = await state(code)
    expect(s.dossier.status).toBe('withdrawn')
    expect(s.fees[0].status).toBe('paid')
    expect(s.payEvents).toHaveLength(0)
    expect(s.refunds).toHaveLength(1)
    expect(s.refunds[0]).toMatchObject({ origin: 'withdrawn', status: 'proposed', amount: 200_000 })
    const finance = app.client()
    await finance.login('finance.stp@example.gov.vn', 'CanBo@2026')
    expect(await (await finance.get('/finance/refunds')).text()).toContain(code)
  })
})

describe('what staff see', () => {
  it('finance pages are scoped to the clerk’s agency and keep the four-eyes rule over HTTP', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    const reception = app.client()
    await reception.login('reception.stp@example.gov.vn', 'CanBo@2026')
    const officerPage = await (await reception.get(`/officer/dossiers/${code}`)).text()
    expect(officerPage).toContain('Thanh toán trực tuyến bằng thẻ')
    expect(officerPage).toMatch(/\/receipts\/[0-9a-f-]{36}/)
    const { version } = (await state(code)).dossier
    const refused = await reception.post(`/officer/dossiers/${code}`, {
      intent: 'refuse_intake',
      version: String(version),
      reason: 'Không thuộc thẩm quyền',
    })
    expect(refused.status).toBeLessThan(400)
    const [refund] = (await state(code)).refunds
    expect(refund).toMatchObject({ origin: 'refused', status: 'proposed' })

    const citizenFinance = await client.get('/finance/refunds')
    expect(citizenFinance.status).toBe(403)
    const ubq1 = app.client()
    await ubq1.login('finance.ubq1@example.gov.vn', 'CanBo@2026')
    expect(await (await ubq1.get('/finance/refunds')).text()).not.toContain(code)
    expect(
      (await ubq1.post('/finance/refunds', { intent: 'approve', refundId: refund.id, note: '' })).status,
    ).toBe(404)

    const first = app.client()
    await first.login('finance.stp@example.gov.vn', 'CanBo@2026')
    const overview = await (await first.get('/finance')).text()
    expect(overview).toContain('Số thu hôm nay')
    expect(await (await first.get('/finance/refunds')).text()).toContain(code)
    const bad = await first.post('/finance/refunds', {
      intent: 'request',
      refundId: refund.id,
      amount: '999999',
      reason: 'x',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('không vượt quá số tiền còn có thể hoàn')
    const requested = await first.post('/finance/refunds', {
      intent: 'request',
      refundId: refund.id,
      amount: '200.000',
      reason: 'Hồ sơ bị từ chối',
    })
    expect(requested.status).toBe(302)
    const self = await first.post('/finance/refunds', { intent: 'approve', refundId: refund.id, note: '' })
    expect(self.status).toBe(403)
    expect((await state(code)).refunds[0].status).toBe('requested')
    const second = app.client()
    await second.login('finance2.stp@example.gov.vn', 'CanBo@2026')
    expect(
      (await second.post('/finance/refunds', { intent: 'approve', refundId: refund.id, note: 'Đồng ý' }))
        .status,
    ).toBe(302)
    await mock().delivery.flush()
    const s = await state(code)
    expect(s.refunds[0].status).toBe('succeeded')
    expect(s.fees[0].status).toBe('refunded')
  })

  it('the leaders’ dashboard shows the online-payment share of the month', async () => {
    const approver = app.client()
    await approver.login('approver.stp@example.gov.vn', 'CanBo@2026')
    const html = await (await approver.get('/dashboard')).text()
    expect(html).toContain('Thanh toán trực tuyến')
    // Every STP fee settled in these tests was paid online.
    expect(html).toMatch(/<strong>100(,0)?\s?%<\/strong>/)
  })

  it('the mock gateway’s pages do not exist with a real provider', async () => {
    const real = await startTestApp(t.db, {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_realconfig',
      STRIPE_WEBHOOK_SECRET: 'whsec_realconfig',
    })
    try {
      expect((await fetch(`${real.baseUrl}/mock-gateway/checkout/cs_test_1`)).status).toBe(404)
      expect((await fetch(`${real.baseUrl}/mock-gateway/vnpay/paymentv2/vpcpay.html`)).status).toBe(404)
      expect((await fetch(`${real.baseUrl}/webhooks/vnpay/ipn?vnp_TxnRef=1`)).status).toBe(404)
    } finally {
      await real.close()
    }
  })
})

describe('refunds that go wrong', () => {
  async function paidAndRefused() {
    const { code, client, citizen } = await dossierAwaitingPayment()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    await performTransition(t.db, {
      dossierCode: code,
      action: 'withdraw',
      actor: { id: citizen.id, roles: [] },
    })
    return { code, refund: (await state(code)).refunds[0] }
  }

  it('does not resend a refund the gateway may no longer recognise (sent on an earlier day); it waits for a person', async () => {
    const { code, refund } = await paidAndRefused()
    const [first, second] = [
      await staffUser('finance.stp@example.gov.vn'),
      await staffUser('finance2.stp@example.gov.vn'),
    ]
    await requestRefund(t.db, { refundId: refund.id, actor: first, amount: 200_000, reason: 'Rút hồ sơ' })
    // Approved, first sent yesterday, answer lost: the record has no gateway id.
    await t.db
      .updateTable('refunds')
      .set({
        status: 'processing',
        decided_by: second.id,
        decided_at: new Date(),
        submitted_at: new Date(Date.now() - 26 * 3600_000),
      })
      .where('id', '=', refund.id)
      .execute()
    expect(await submitRefund(t.db, app.payments, refund.id)).toBe('processing')
    const attemptRef = (await state(code)).attempts[0].id.replaceAll('-', '')
    expect(mock().stripe.refundsFor(attemptRef)).toBe(0)
  })

  it('lets finance open a new refund for what is left after a rejected one', async () => {
    const { code, refund } = await paidAndRefused()
    const [first, second] = [
      await staffUser('finance.stp@example.gov.vn'),
      await staffUser('finance2.stp@example.gov.vn'),
    ]
    await requestRefund(t.db, { refundId: refund.id, actor: first, amount: 200_000, reason: 'Rút hồ sơ' })
    await decideRefund(t.db, app.payments, {
      refundId: refund.id,
      actor: second,
      approve: false,
      note: 'Thiếu chứng từ',
    })
    await expect(
      decideRefund(t.db, app.payments, { refundId: refund.id, actor: second, approve: false, note: 'lại' }),
    ).rejects.toMatchObject({ code: 'refund_wrong_state' })
    await reopenRefund(t.db, { refundId: refund.id, actor: second })
    await expect(reopenRefund(t.db, { refundId: refund.id, actor: second })).rejects.toMatchObject({
      code: 'refund_wrong_state',
    })
    const refunds = (await state(code)).refunds
    expect(refunds.map((r) => [r.origin, r.status, r.amount]).sort()).toEqual([
      ['manual', 'proposed', 200_000],
      ['withdrawn', 'rejected', 200_000],
    ])
  })
})

describe('a fee assessed by the specialist', () => {
  it('pauses the dossier until the citizen pays online, then processing resumes', async () => {
    const { code, client } = await dossierAwaitingPayment()
    await payByCard(client, await startPayment(client, code, 'stripe'))
    await mock().delivery.flush()
    const reception = await staffUser('reception.stp@example.gov.vn')
    const specialist = await staffUser('specialist.stp@example.gov.vn')
    await performTransition(t.db, { dossierCode: code, action: 'receive', actor: reception })
    await performTransition(t.db, {
      dossierCode: code,
      action: 'assign',
      actor: reception,
      data: { assigneeId: specialist.id },
    })
    await performTransition(t.db, {
      dossierCode: code,
      action: 'assess_fee',
      actor: specialist,
      data: { amount: 50_000 },
    })
    expect((await state(code)).dossier.status).toBe('awaiting_payment')
    const page = await (await client.get(`/dossiers/${code}/pay`)).text()
    expect(page).toContain('50.000')
    const payUrl = await startPayment(client, code, 'vnpay')
    expect(payUrl.searchParams.get('vnp_Amount')).toBe('5000000')
    await payByVnpay(client, payUrl)
    await mock().delivery.flush()
    const s = await state(code)
    expect(s.dossier.status).toBe('in_progress')
    expect(s.fees.map((f) => [f.kind, f.status])).toEqual([
      ['submission', 'paid'],
      ['assessed', 'paid'],
    ])
    expect(s.receipts).toHaveLength(2)
    expect(s.payEvents).toHaveLength(2)
  })
})
