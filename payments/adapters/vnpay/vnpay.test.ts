import { randomUUID } from 'node:crypto'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  GatewayError,
  NotificationRejected,
  type CreateCheckoutInput,
  type NotificationOutcome,
  type PaymentRef,
  type RefundInput,
} from '../../gateway'
import { createDelivery, type OutgoingNotification } from '../../mock/delivery'
import { createMockVnpay } from '../../mock/vnpay'
import {
  encodeVnpValue,
  hashData,
  querydrHash,
  querydrResponseHash,
  refundHash,
  refundResponseHash,
  signParams,
  signedQuery,
  verifyParams,
  verifyResponse,
} from './sign'
import { orderInfoText, stripDiacritics } from './strip-diacritics'
import { verifyReturn } from './verify-return'
import { parseVnpDate, vnpDate } from './vnp-date'
import { createVnpayGateway, refundRequestId } from './vnpay-gateway'

const apiUrl = 'https://sandbox.vnpay.invalid/merchant_webapi/api/transaction'
const payUrl = 'https://sandbox.vnpay.invalid/paymentv2/vpcpay.html'
const ipnUrl = 'http://portal.test/webhooks/vnpay/ipn'
const tmnCode = 'DVCTEST1'
const hashSecret = 'TESTSECRETDICHVUCONG0123456789AB'
const config = { tmnCode, hashSecret, apiUrl, payUrl, timeoutMs: 300 }
const ref = '0f8e2b6c9d4a4e1b8c7d6e5f4a3b2c1d'

/*
 * SIGNATURE VECTORS. The expected hashes were computed once, independently of this code, with Python 3:
 *
 *   import hmac, hashlib; from urllib.parse import quote_plus
 *   h = lambda data: hmac.new(b'TESTSECRETDICHVUCONG0123456789AB', data.encode(), hashlib.sha512).hexdigest()
 *   # redirect and callback parameters (pay URL, IPN): sorted by name, empty ones dropped
 *   h('&'.join(f'{quote_plus(k)}={quote_plus(v)}' for k, v in sorted(params.items()) if v != ''))
 *   # JSON API (querydr, refund, their responses): the documented fields in order, joined by '|', not encoded
 *   h('|'.join(fields))
 *
 * with the inputs written out below. (Python's quote_plus and our encoder differ only on '*' and '~', which no
 * vector contains.)
 */
const vectors = {
  payQuery:
    'vnp_Amount=20000000&vnp_Command=pay&vnp_CreateDate=20261128100405&vnp_CurrCode=VND&vnp_ExpireDate=20261128103405' +
    '&vnp_IpAddr=203.113.130.5&vnp_Locale=vn&vnp_OrderInfo=Phi+cap+Phieu+ly+lich+tu+phap+STP-261128-0001' +
    '&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2Fportal.test%2Fpayments%2Freturn%2F0f8e2b6c9d4a4e1b8c7d6e5f4a3b2c1d' +
    '&vnp_TmnCode=DVCTEST1&vnp_TxnRef=0f8e2b6c9d4a4e1b8c7d6e5f4a3b2c1d&vnp_Version=2.1.0',
  payHash:
    '485e93e87681d18b1426daf46e61a0b15fbe71f2e5bab8695423e6eea11e19891e7f20312b20250528ec8cd52f8bb6fa16f28d889a912ec820536b8febccc677',
  ipnHash:
    'e8d460a2c7b9398319471632db88df4bece8cb6b95b4458de46d26f05780980eca69e2dbdf29a112f392d8c4bb857447913f2c7e1e1bfc17c9f825a66c5ff25f',
  querydrHash:
    'fa4aabb809144d2b6a83f8bf8cdca5f35198d2f399e0cf1ec006cfef53ab1a3bc0430317f1635c09425f0bb2183d1b2281749e760dc1ebb5a65c7bfb7b226de7',
  refundHash:
    '0038a87857753f4f880afe9442172b87f9cc99de1fdc8bdc43b05fcd489403b70d47af96004610488f7d8076d151ed05cb44548f9a06a7d99cb22fc5b2ff9900',
  querydrResponseHash:
    '30ab27f9906fecd97299c8b4dc07c484e2ee58a43550e15064561f9d915adad9db28df20aeaf4c64dc77e2e4fff5011c3c4d435a551ac1ae800d2c8af375a07d',
  refundResponseHash:
    'a695f28b02d94c666b3c90f6116882341bd11670de5ed405dfa4d74aaa719eac5f8f52a00400d977b1877b0343769abc265403ecc55c4301b4d76314da0e0a1d',
}

const vectorCheckout: CreateCheckoutInput = {
  attemptId: ref,
  idempotencyKey: 'c7a1e0f2-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  amount: 200_000,
  description: 'Phí cấp Phiếu lý lịch tư pháp STP-261128-0001',
  locale: 'vi',
  returnUrl: `http://portal.test/payments/return/${ref}`,
  cancelUrl: `http://portal.test/payments/return/${ref}?cancelled=1`,
  payerIp: '203.113.130.5',
  createdAt: new Date('2026-11-28T03:04:05Z'),
  expiresAt: new Date('2026-11-28T03:34:05Z'),
  metadata: { dossier_code: 'STP-261128-0001' },
}

const vectorIpn: Record<string, string> = {
  vnp_Amount: '20000000',
  vnp_BankCode: 'NCB',
  vnp_BankTranNo: 'VNP14226112',
  vnp_CardType: 'ATM',
  vnp_OrderInfo: 'Phi cap Phieu ly lich tu phap STP-261128-0001',
  vnp_PayDate: '20261128101530',
  vnp_ResponseCode: '00',
  vnp_TmnCode: 'DVCTEST1',
  vnp_TransactionNo: '14226112',
  vnp_TransactionStatus: '00',
  vnp_TxnRef: ref,
}

const vectorQuerydr = {
  vnp_RequestId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  vnp_Version: '2.1.0',
  vnp_Command: 'querydr',
  vnp_TmnCode: 'DVCTEST1',
  vnp_TxnRef: ref,
  vnp_TransactionDate: '20261128100405',
  vnp_CreateDate: '20261128120000',
  vnp_IpAddr: '203.113.130.5',
  vnp_OrderInfo: `Truy van giao dich ${ref}`,
}

const vectorRefund = {
  vnp_RequestId: 'b2c3d4e5f60718293a4b5c6d7e8f90a1',
  vnp_Version: '2.1.0',
  vnp_Command: 'refund',
  vnp_TmnCode: 'DVCTEST1',
  vnp_TransactionType: '03',
  vnp_TxnRef: ref,
  vnp_Amount: '5000000',
  vnp_TransactionNo: '14226112',
  vnp_TransactionDate: '20261128100405',
  vnp_CreateBy: 'finance.stp',
  vnp_CreateDate: '20261129090000',
  vnp_IpAddr: '10.0.0.7',
  vnp_OrderInfo: `Hoan tien ${ref} dossier refused`,
}

const vectorQuerydrResponse = {
  vnp_ResponseId: 'c3d4e5f60718293a4b5c6d7e8f90a1b2',
  vnp_Command: 'querydr',
  vnp_ResponseCode: '00',
  vnp_Message: 'QueryDR Success',
  vnp_TmnCode: 'DVCTEST1',
  vnp_TxnRef: ref,
  vnp_Amount: '20000000',
  vnp_BankCode: 'NCB',
  vnp_PayDate: '20261128101530',
  vnp_TransactionNo: '14226112',
  vnp_TransactionType: '01',
  vnp_TransactionStatus: '00',
  vnp_OrderInfo: 'Phi cap Phieu ly lich tu phap STP-261128-0001',
  vnp_PromotionCode: '',
  vnp_PromotionAmount: '',
}

const vectorRefundResponse = {
  vnp_ResponseId: 'd4e5f60718293a4b5c6d7e8f90a1b2c3',
  vnp_Command: 'refund',
  vnp_ResponseCode: '00',
  vnp_Message: 'Refund success',
  vnp_TmnCode: 'DVCTEST1',
  vnp_TxnRef: ref,
  vnp_Amount: '5000000',
  vnp_BankCode: 'NCB',
  vnp_PayDate: '20261129090001',
  vnp_TransactionNo: '14226199',
  vnp_TransactionType: '03',
  vnp_TransactionStatus: '05',
  vnp_OrderInfo: `Hoan tien ${ref} dossier refused`,
}

// ---- the mock behind the adapter, and a recording delivery ----

let sent: OutgoingNotification[] = []
const delivery = createDelivery(async (n) => {
  sent.push(n)
  return { status: 200, body: JSON.stringify({ RspCode: '00', Message: 'Confirm Success' }) }
})
const mock = createMockVnpay({ apiUrl, tmnCode, hashSecret, ipnUrl, delivery })
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())
beforeEach(() => {
  mock.reset()
  delivery.reset()
  delivery.set({ retryDelayMs: 1 })
  sent = []
})

const gateway = createVnpayGateway(config)

function input(overrides: Partial<CreateCheckoutInput> = {}): CreateCheckoutInput {
  const attemptId = randomUUID().replaceAll('-', '')
  const createdAt = new Date()
  return {
    ...vectorCheckout,
    attemptId,
    idempotencyKey: randomUUID(),
    returnUrl: `http://portal.test/payments/return/${attemptId}`,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + 30 * 60_000),
    ...overrides,
  }
}

const refOf = (i: CreateCheckoutInput): PaymentRef => ({
  providerRef: i.attemptId,
  attemptId: i.attemptId,
  createdAt: i.createdAt,
  payerIp: i.payerIp,
})

/** A checkout the payer went through on the mock's page; returns what the portal would hold. */
async function paid(outcome: 'success' | 'cancel' | 'insufficient' = 'success') {
  const i = input()
  const checkout = await gateway.createCheckout(i)
  const result = mock.pay(new URL(checkout.redirectUrl).searchParams, { bankCode: 'NCB', outcome })
  if (!result.ok) throw new Error(`refused ${result.code}`)
  await delivery.flush()
  const ipn = sent[0]
  sent = []
  const snapshot = await gateway.retrieve(refOf(i))
  return { input: i, checkout, returnUrl: result.returnUrl, ipn, snapshot }
}

function refundOf(p: Awaited<ReturnType<typeof paid>>, overrides: Partial<RefundInput> = {}): RefundInput {
  return {
    refundId: randomUUID(),
    idempotencyKey: randomUUID(),
    payment: {
      ...refOf(p.input),
      transactionId: p.snapshot.transactionId,
      amount: p.input.amount,
      paidAt: p.snapshot.paidAt,
    },
    amount: p.input.amount,
    reason: 'Hồ sơ bị từ chối',
    requestedBy: 'finance.stp',
    requesterIp: '10.0.0.7',
    ...overrides,
  }
}

const notification = (url: string) => ({ method: 'GET', url, headers: {}, rawBody: Buffer.alloc(0) })

function ipnUrlWith(params: Record<string, string>, hash = signParams(params, hashSecret)) {
  return `${ipnUrl}?${new URLSearchParams({ ...params, vnp_SecureHash: hash })}`
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

/** Answers the adapter's next querydr or refund with this (signed) body, leaving the other command to the mock. */
function answerWith(command: 'querydr' | 'refund', body: Record<string, string>) {
  server.use(
    http.post(apiUrl, async ({ request }) => {
      const sentBody = (await request.clone().json()) as Record<string, string>
      if (sentBody.vnp_Command !== command) return undefined
      return HttpResponse.json({ vnp_TxnRef: sentBody.vnp_TxnRef, ...body })
    }),
  )
}

function signedQuerydrAnswer(fields: Record<string, string>) {
  const body = {
    vnp_ResponseId: randomUUID().replaceAll('-', ''),
    vnp_Command: 'querydr',
    vnp_TmnCode: tmnCode,
    ...fields,
  }
  return { ...body, vnp_SecureHash: querydrResponseHash(body, hashSecret) }
}

/** The JSON bodies the adapter sends to the API during `run`. */
async function capture(run: () => Promise<unknown>): Promise<Record<string, string>[]> {
  const bodies: Record<string, string>[] = []
  server.use(
    http.post(apiUrl, async ({ request }) => {
      bodies.push((await request.clone().json()) as Record<string, string>)
      return undefined
    }),
  )
  await run()
  return bodies
}

describe('signature vectors (hard-coded, computed independently)', () => {
  it('(1) signs the pay URL', async () => {
    const checkout = await gateway.createCheckout(vectorCheckout)
    expect(checkout.redirectUrl).toBe(`${payUrl}?${vectors.payQuery}&vnp_SecureHash=${vectors.payHash}`)
    expect(checkout.providerRef).toBe(ref)
    expect(checkout.expiresAt).toEqual(vectorCheckout.expiresAt)
  })

  it('(2) verifies an IPN', async () => {
    expect(signParams(vectorIpn, hashSecret)).toBe(vectors.ipnHash)
    const url = ipnUrlWith(vectorIpn, vectors.ipnHash)
    expect(verifyParams(new URL(url).searchParams, hashSecret)).toBe(true)
    const parsed = await gateway.parseNotification(notification(url))
    expect(parsed).toEqual({
      kind: 'payment',
      eventId: `${ref}:14226112:00:00:20000000`,
      occurredAt: new Date('2026-11-28T03:15:30Z'),
      payment: {
        providerRef: ref,
        attemptId: ref,
        status: 'succeeded',
        amount: 200_000,
        currency: 'VND',
        transactionId: '14226112',
        paidAt: new Date('2026-11-28T03:15:30Z'),
        failureCode: null,
      },
    })
  })

  it('(3) signs a querydr request', () => {
    expect(querydrHash(vectorQuerydr, hashSecret)).toBe(vectors.querydrHash)
  })

  it('(4) signs a refund request', () => {
    expect(refundHash(vectorRefund, hashSecret)).toBe(vectors.refundHash)
  })

  it('checks querydr and refund response signatures', () => {
    expect(querydrResponseHash(vectorQuerydrResponse, hashSecret)).toBe(vectors.querydrResponseHash)
    expect(refundResponseHash(vectorRefundResponse, hashSecret)).toBe(vectors.refundResponseHash)
    expect(
      verifyResponse(
        'querydr',
        { ...vectorQuerydrResponse, vnp_SecureHash: vectors.querydrResponseHash },
        hashSecret,
      ),
    ).toBe(true)
    expect(
      verifyResponse(
        'refund',
        { ...vectorRefundResponse, vnp_SecureHash: vectors.refundResponseHash },
        hashSecret,
      ),
    ).toBe(true)
    expect(
      verifyResponse(
        'refund',
        { ...vectorRefundResponse, vnp_Amount: '20000000', vnp_SecureHash: vectors.refundResponseHash },
        hashSecret,
      ),
    ).toBe(false)
  })
})

describe('signing rules', () => {
  it('encodes like application/x-www-form-urlencoded (Java URLEncoder, URLSearchParams)', () => {
    const text = "a b*c~d!e'(f)g/h?i&j=k+l-m_n.o đ"
    expect(`v=${encodeVnpValue(text)}`).toBe(new URLSearchParams({ v: text }).toString())
  })

  it('signs only non-empty vnp_ parameters, sorted, without the hash itself', () => {
    expect(
      hashData({
        vnp_B: 'x y',
        vnp_A: '1',
        vnp_Empty: '',
        other: 'z',
        vnp_SecureHash: 'h',
        vnp_SecureHashType: 'HmacSHA512',
      }),
    ).toBe('vnp_A=1&vnp_B=x+y')
  })

  it('refuses a parameter given twice, and a hash in upper case still verifies', () => {
    const query = new URLSearchParams(signedQuery(vectorIpn, hashSecret))
    query.append('vnp_Amount', '1')
    expect(verifyParams(query, hashSecret)).toBe(false)
    const upper = new URLSearchParams({ ...vectorIpn, vnp_SecureHash: vectors.ipnHash.toUpperCase() })
    expect(verifyParams(upper, hashSecret)).toBe(true)
  })
})

describe('text and dates', () => {
  it('strips Vietnamese diacritics, đ → d and Đ → D', () => {
    expect(stripDiacritics('Phí cấp Phiếu lý lịch tư pháp')).toBe('Phi cap Phieu ly lich tu phap')
    expect(stripDiacritics('Đường Nguyễn Huệ, Quận 1, Thành phố Hồ Chí Minh')).toBe(
      'Duong Nguyen Hue, Quan 1, Thanh pho Ho Chi Minh',
    )
    expect(stripDiacritics('ăâđêôơư ĂÂĐÊÔƠƯ àảãáạ ỳỷỹýỵ')).toBe('aadeoou AADEOOU aaaaa yyyyy')
    // the same text typed with combining marks (NFD) gives the same result
    expect(stripDiacritics('Lệ phí trước bạ'.normalize('NFD'))).toBe('Le phi truoc ba')
  })

  it('makes order info ASCII without special characters, at most 255 characters', () => {
    expect(orderInfoText('Lệ phí (hồ sơ #12) — “khẩn”!')).toBe('Le phi ho so 12 khan')
    const long = orderInfoText('Phí '.repeat(100))
    expect(long.length).toBeLessThanOrEqual(255)
    expect(long).toMatch(/^[A-Za-z0-9 ,.:_-]+$/)
  })

  it('writes and reads yyyyMMddHHmmss in GMT+7 across a UTC midnight', () => {
    expect(vnpDate(new Date('2026-11-27T17:30:00Z'))).toBe('20261128003000')
    expect(vnpDate(new Date('2026-11-27T16:59:59Z'))).toBe('20261127235959')
    expect(vnpDate(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000')
    expect(parseVnpDate('20261128003000')).toEqual(new Date('2026-11-27T17:30:00Z'))
    expect(parseVnpDate('20270101000000')).toEqual(new Date('2026-12-31T17:00:00Z'))
    for (const bad of ['20260231120000', '2026112800300', '2026112800300a', '', null, undefined]) {
      expect(parseVnpDate(bad)).toBeNull()
    }
  })
})

describe('createCheckout', () => {
  it('is deterministic, maps the locale, and needs no network', async () => {
    const i = input({ locale: 'en' })
    const bodies = await capture(async () => {
      const first = await gateway.createCheckout(i)
      expect((await gateway.createCheckout(i)).redirectUrl).toBe(first.redirectUrl)
      const query = new URL(first.redirectUrl).searchParams
      expect(query.get('vnp_Locale')).toBe('en')
      expect(query.get('vnp_Amount')).toBe('20000000')
      expect(query.get('vnp_TxnRef')).toBe(i.attemptId)
      expect(query.get('vnp_CreateDate')).toBe(vnpDate(i.createdAt))
      expect(query.get('vnp_ExpireDate')).toBe(vnpDate(i.expiresAt))
    })
    expect(bodies).toEqual([])
  })

  it('falls back to a plain description and refuses amounts that are not whole đồng', async () => {
    const i = input({ description: '★★★' })
    const query = new URL((await gateway.createCheckout(i)).redirectUrl).searchParams
    expect(query.get('vnp_OrderInfo')).toBe(`Thanh toan ${i.attemptId}`)
    for (const amount of [0, -1, 1.5]) {
      await expect(gateway.createCheckout(input({ amount }))).rejects.toBeInstanceOf(GatewayError)
    }
  })
})

describe('IPN', () => {
  it('refuses a forged or missing hash, and a changed field', async () => {
    const forged = vectors.ipnHash.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    for (const url of [
      ipnUrlWith(vectorIpn, forged),
      `${ipnUrl}?${new URLSearchParams(vectorIpn)}`,
      ipnUrlWith({ ...vectorIpn, vnp_ResponseCode: '24' }, vectors.ipnHash),
    ]) {
      const error = await rejection(gateway.parseNotification(notification(url)))
      expect(error).toBeInstanceOf(NotificationRejected)
      expect((error as NotificationRejected).reason).toBe('signature')
    }
  })

  it('refuses a signed IPN that lacks fields or names another terminal as malformed', async () => {
    const { vnp_ResponseCode: _dropped, ...withoutCode } = vectorIpn
    for (const params of [
      withoutCode,
      { ...vectorIpn, vnp_TmnCode: 'OTHER001' },
      { ...vectorIpn, vnp_Amount: '20000050' },
    ]) {
      const error = await rejection(gateway.parseNotification(notification(ipnUrlWith(params))))
      expect((error as NotificationRejected).reason).toBe('malformed')
    }
  })

  it('reports a cancelled payment as failed with its response code, and 07 as processing', async () => {
    const cancelled = await gateway.parseNotification(
      notification(
        ipnUrlWith({
          ...vectorIpn,
          vnp_ResponseCode: '24',
          vnp_TransactionStatus: '02',
          vnp_TransactionNo: '0',
        }),
      ),
    )
    expect(cancelled.kind === 'payment' && cancelled.payment).toMatchObject({
      status: 'failed',
      failureCode: '24',
      transactionId: null,
      paidAt: null,
    })
    const suspicious = await gateway.parseNotification(
      notification(ipnUrlWith({ ...vectorIpn, vnp_ResponseCode: '07', vnp_TransactionStatus: '07' })),
    )
    expect(suspicious.kind === 'payment' && suspicious.payment.status).toBe('processing')
  })

  it('gives every retry of the same IPN the same event id', async () => {
    const { ipn } = await paid()
    const a = await gateway.parseNotification(notification(ipn.url))
    const b = await gateway.parseNotification(notification(ipn.url))
    expect(a.eventId).toBe(b.eventId)
  })

  it('answers with VNPay RspCodes, always HTTP 200', () => {
    const expected: Record<NotificationOutcome, [string, string]> = {
      rejected: ['97', 'Invalid Checksum'],
      unknown_order: ['01', 'Order not Found'],
      amount_mismatch: ['04', 'invalid amount'],
      already_settled: ['02', 'Order already confirmed'],
      duplicate: ['02', 'Order already confirmed'],
      applied: ['00', 'Confirm Success'],
      error: ['99', 'Unknow error'],
    }
    for (const [outcome, [RspCode, Message]] of Object.entries(expected)) {
      const answer = gateway.answer(outcome as NotificationOutcome)
      expect(answer.status).toBe(200)
      expect(answer.contentType).toBe('application/json')
      expect(JSON.parse(answer.body)).toEqual({ RspCode, Message })
    }
  })
})

describe('Return URL (display only)', () => {
  it('verifies the redirect and refuses a tampered one', async () => {
    const { returnUrl, input: i } = await paid()
    expect(verifyReturn(returnUrl, config)).toEqual({
      valid: true,
      attemptId: i.attemptId,
      responseCode: '00',
      transactionStatus: '00',
      amount: 200_000,
      succeeded: true,
    })
    const tampered = new URL(returnUrl)
    tampered.searchParams.set('vnp_ResponseCode', '00')
    tampered.searchParams.set('vnp_Amount', '100')
    expect(verifyReturn(tampered, config)).toMatchObject({ valid: false, attemptId: null, amount: null })
    expect(verifyReturn(returnUrl, { ...config, hashSecret: 'another secret' }).valid).toBe(false)
  })

  it('shows a cancellation as not paid', async () => {
    const { returnUrl } = await paid('cancel')
    expect(verifyReturn(returnUrl, config)).toMatchObject({
      valid: true,
      responseCode: '24',
      transactionStatus: '02',
      succeeded: false,
    })
  })
})

describe('retrieve (querydr)', () => {
  it('sends the original create date and the payer IP, with a new request id each time', async () => {
    const i = input({ payerIp: '113.161.1.2' })
    const bodies = await capture(async () => {
      await gateway.retrieve(refOf(i))
      await gateway.retrieve(refOf(i))
    })
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toMatchObject({
      vnp_Command: 'querydr',
      vnp_Version: '2.1.0',
      vnp_TmnCode: tmnCode,
      vnp_TxnRef: i.attemptId,
      vnp_TransactionDate: vnpDate(i.createdAt),
      vnp_IpAddr: '113.161.1.2',
    })
    expect(bodies[0].vnp_RequestId).toMatch(/^[A-Za-z0-9]{1,32}$/)
    expect(bodies[0].vnp_RequestId).not.toBe(bodies[1].vnp_RequestId)
  })

  it('reports an order VNPay does not know (91) as pending', async () => {
    const snapshot = await gateway.retrieve(refOf(input()))
    expect(snapshot).toMatchObject({
      status: 'pending',
      transactionId: null,
      paidAt: null,
      failureCode: null,
    })
  })

  it('maps every transaction status', async () => {
    const cases = [
      ['00', 'succeeded'],
      ['01', 'pending'],
      ['02', 'failed'],
      ['04', 'failed'],
      ['05', 'succeeded'],
      ['06', 'succeeded'],
      ['07', 'processing'],
      ['09', 'succeeded'],
    ] as const
    for (const [transactionStatus, status] of cases) {
      const i = input()
      answerWith(
        'querydr',
        signedQuerydrAnswer({
          vnp_ResponseCode: '00',
          vnp_Message: 'QueryDR Success',
          vnp_TxnRef: i.attemptId,
          vnp_Amount: '20000000',
          vnp_PayDate: '20261128101530',
          vnp_TransactionNo: '14226112',
          vnp_TransactionType: '01',
          vnp_TransactionStatus: transactionStatus,
        }),
      )
      const snapshot = await gateway.retrieve(refOf(i))
      expect(snapshot.status, transactionStatus).toBe(status)
      expect(snapshot.amount).toBe(200_000)
      expect(snapshot.paidAt).toEqual(status === 'succeeded' ? new Date('2026-11-28T03:15:30Z') : null)
      expect(snapshot.failureCode).toBe(status === 'failed' ? `status_${transactionStatus}` : null)
      server.resetHandlers()
    }
  })

  it('throws a non-retryable GatewayError when the answer is not signed by VNPay', async () => {
    const i = input()
    answerWith('querydr', {
      ...signedQuerydrAnswer({
        vnp_ResponseCode: '00',
        vnp_TxnRef: i.attemptId,
        vnp_Amount: '20000000',
        vnp_TransactionStatus: '00',
      }),
      vnp_Amount: '2000000000',
    })
    const error = await rejection(gateway.retrieve(refOf(i)))
    expect(error).toBeInstanceOf(GatewayError)
    expect((error as GatewayError).detail).toMatchObject({ code: 'response_signature', retryable: false })
  })

  it('throws retryable GatewayErrors on HTTP 500 and on a timeout', async () => {
    const i = input()
    mock.failNext('500')
    expect(((await rejection(gateway.retrieve(refOf(i)))) as GatewayError).detail).toMatchObject({
      code: 'http',
      status: 500,
      retryable: true,
    })
    mock.failNext('timeout', 800)
    expect(((await rejection(gateway.retrieve(refOf(i)))) as GatewayError).detail).toMatchObject({
      code: 'timeout',
      retryable: true,
    })
  })
})

describe('refund', () => {
  it('sends 02 for the whole amount and 03 for a part, with the request id derived from the key', async () => {
    const p = await paid()
    const partial = refundOf(p, { amount: 50_000 })
    const full = refundOf(p, { amount: 150_000 })
    const bodies = await capture(async () => {
      expect(await gateway.refund(partial)).toEqual({
        providerRef: refundRequestId(partial.idempotencyKey),
        status: 'succeeded',
      })
      await gateway.refund(full)
    })
    expect(bodies[0]).toMatchObject({
      vnp_Command: 'refund',
      vnp_RequestId: refundRequestId(partial.idempotencyKey),
      vnp_TransactionType: '03',
      vnp_TxnRef: p.input.attemptId,
      vnp_Amount: '5000000',
      vnp_TransactionNo: p.snapshot.transactionId,
      vnp_TransactionDate: vnpDate(p.input.createdAt),
      vnp_CreateBy: 'finance.stp',
      vnp_IpAddr: '10.0.0.7',
      vnp_OrderInfo: `Hoan tien ${p.input.attemptId} Ho so bi tu choi`,
    })
    expect(bodies[1].vnp_TransactionType).toBe('03')
    expect(mock.refundsFor(p.input.attemptId)).toBe(2)

    const other = await paid()
    const whole = await capture(() => gateway.refund(refundOf(other)))
    expect(whole[0].vnp_TransactionType).toBe('02')
  })

  it('treats 94 on a retry with the same key as the earlier success', async () => {
    const p = await paid()
    const request = refundOf(p, { amount: 50_000 })
    const first = await gateway.refund(request)
    const again = await gateway.refund(request)
    expect(again).toEqual(first)
    expect(mock.refundsFor(p.input.attemptId)).toBe(1)
  })

  it('does not take 94 for a success while the payment shows no refund', async () => {
    const p = await paid()
    answerWith('refund', {
      vnp_ResponseId: 'e5f60718293a4b5c6d7e8f90a1b2c3d4',
      vnp_Command: 'refund',
      vnp_ResponseCode: '94',
      vnp_Message: 'Duplicate request',
      vnp_TmnCode: tmnCode,
      vnp_TxnRef: p.input.attemptId,
      vnp_SecureHash: refundResponseHash(
        {
          vnp_ResponseId: 'e5f60718293a4b5c6d7e8f90a1b2c3d4',
          vnp_Command: 'refund',
          vnp_ResponseCode: '94',
          vnp_Message: 'Duplicate request',
          vnp_TmnCode: tmnCode,
          vnp_TxnRef: p.input.attemptId,
        },
        hashSecret,
      ),
    })
    const error = await rejection(gateway.refund(refundOf(p)))
    expect((error as GatewayError).detail).toMatchObject({ code: 'refund_not_confirmed', retryable: true })
  })

  it('throws a non-retryable GatewayError when the refund answer is not signed by VNPay', async () => {
    const p = await paid()
    answerWith('refund', {
      vnp_Command: 'refund',
      vnp_ResponseCode: '00',
      vnp_TmnCode: tmnCode,
      vnp_SecureHash: 'ab'.repeat(64),
    })
    const error = await rejection(gateway.refund(refundOf(p)))
    expect((error as GatewayError).detail).toMatchObject({ code: 'response_signature', retryable: false })
  })

  it('refuses to refund an unsuccessful payment (95), or above what is left (03), for good', async () => {
    const declined = await paid('insufficient')
    expect(declined.snapshot.status).toBe('failed')
    const error95 = await rejection(gateway.refund(refundOf(declined)))
    expect((error95 as GatewayError).detail).toMatchObject({ code: '95', retryable: false })

    const p = await paid()
    await gateway.refund(refundOf(p, { amount: 150_000 }))
    const error03 = await rejection(gateway.refund(refundOf(p, { amount: 100_000 })))
    expect((error03 as GatewayError).detail).toMatchObject({ code: '03', retryable: false })
    const above = await rejection(gateway.refund(refundOf(p, { amount: 200_001 })))
    expect((above as GatewayError).detail).toMatchObject({ code: 'amount_exceeds_payment', retryable: false })
    expect(mock.refundsFor(p.input.attemptId)).toBe(1)
  })

  it('leaves retrieve reporting the refunded payment as paid', async () => {
    const p = await paid()
    await gateway.refund(refundOf(p, { amount: 50_000 }))
    expect(await gateway.retrieve(refOf(p.input))).toMatchObject({ status: 'succeeded', amount: 200_000 })
  })

  it('lists no settlement lines (VNPay offers no settlement API)', async () => {
    expect(await gateway.listSettlement({ from: new Date(0), to: new Date() })).toEqual([])
  })
})

describe('mock VNPay: merchant API', () => {
  async function post(body: unknown) {
    const response = await fetch(apiUrl, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return (await response.json()) as Record<string, string>
  }

  function querydrRequest(overrides: Record<string, string> = {}) {
    const fields = { ...vectorQuerydr, vnp_RequestId: randomUUID().replaceAll('-', ''), ...overrides }
    return { ...fields, vnp_SecureHash: querydrHash(fields, hashSecret) }
  }

  it('answers 97, 02, 03, 91 and 94 as VNPay does, always signed', async () => {
    const cases: [unknown, string][] = [
      [{ ...querydrRequest(), vnp_SecureHash: 'ab'.repeat(64) }, '97'],
      [querydrRequest({ vnp_TmnCode: 'OTHER001' }), '02'],
      [querydrRequest({ vnp_TransactionDate: '2026-11-28' }), '03'],
      ['not json', '03'],
      [querydrRequest(), '91'],
    ]
    for (const [body, code] of cases) {
      const answer = await post(body)
      expect(answer.vnp_ResponseCode, code).toBe(code)
      expect(verifyResponse('querydr', answer, hashSecret)).toBe(true)
    }
    const once = querydrRequest()
    await post(once)
    expect((await post(once)).vnp_ResponseCode).toBe('94')
  })

  it('finds a transaction only with the date it was created', async () => {
    const p = await paid()
    const found = await post(
      querydrRequest({ vnp_TxnRef: p.input.attemptId, vnp_TransactionDate: vnpDate(p.input.createdAt) }),
    )
    expect(found).toMatchObject({
      vnp_ResponseCode: '00',
      vnp_TransactionStatus: '00',
      vnp_Amount: '20000000',
    })
    const wrongDay = await post(
      querydrRequest({
        vnp_TxnRef: p.input.attemptId,
        vnp_TransactionDate: vnpDate(new Date(p.input.createdAt.getTime() - 86_400_000)),
      }),
    )
    expect(wrongDay.vnp_ResponseCode).toBe('91')
  })
})

describe('mock VNPay: pay page', () => {
  it('describes a valid pay URL', async () => {
    const i = input()
    const result = mock.describe(new URL((await gateway.createCheckout(i)).redirectUrl).searchParams)
    expect(result).toEqual({
      ok: true,
      order: {
        txnRef: i.attemptId,
        amount: 200_000,
        orderInfo: 'Phi cap Phieu ly lich tu phap STP-261128-0001',
        returnUrl: i.returnUrl,
        locale: 'vn',
        expiresAt: new Date(Math.floor(i.expiresAt.getTime() / 1000) * 1000),
        bankCode: null,
      },
    })
  })

  it('refuses a tampered (97), foreign (02), malformed (03), expired (15) or concluded (01) order', async () => {
    const query = new URL((await gateway.createCheckout(input())).redirectUrl).searchParams
    const tampered = new URLSearchParams(query)
    tampered.set('vnp_Amount', '100')
    expect(mock.describe(tampered)).toEqual({ ok: false, code: '97' })

    const foreign = createVnpayGateway({ ...config, tmnCode: 'OTHER001' })
    expect(mock.describe(new URL((await foreign.createCheckout(input())).redirectUrl).searchParams)).toEqual({
      ok: false,
      code: '02',
    })

    const params = Object.fromEntries(query)
    delete params.vnp_SecureHash
    const oldVersion = new URLSearchParams(signedQuery({ ...params, vnp_Version: '2.0.0' }, hashSecret))
    expect(mock.describe(oldVersion)).toEqual({ ok: false, code: '03' })

    const later = createMockVnpay({
      tmnCode,
      hashSecret,
      ipnUrl,
      delivery,
      now: () => new Date(Date.now() + 31 * 60_000),
    })
    expect(later.describe(query)).toEqual({ ok: false, code: '15' })

    expect(mock.pay(query, { bankCode: 'NCB', outcome: 'success' }).ok).toBe(true)
    expect(mock.describe(query)).toEqual({ ok: false, code: '01' })
    expect(mock.pay(query, { bankCode: 'NCB', outcome: 'success' })).toEqual({ ok: false, code: '01' })
    await delivery.flush()
    expect(sent).toHaveLength(1)
  })

  it("sends the IPN to the registered URL with the Return redirect's signed parameters", async () => {
    const { ipn, returnUrl, input: i } = await paid()
    expect(ipn).toMatchObject({ provider: 'vnpay', id: i.attemptId, method: 'GET' })
    expect(ipn.url.startsWith(`${ipnUrl}?`)).toBe(true)
    expect(new URL(ipn.url).search).toBe(new URL(returnUrl).search)
    const query = new URL(ipn.url).searchParams
    expect([...query.keys()].sort()).toEqual([
      'vnp_Amount',
      'vnp_BankCode',
      'vnp_BankTranNo',
      'vnp_CardType',
      'vnp_OrderInfo',
      'vnp_PayDate',
      'vnp_ResponseCode',
      'vnp_SecureHash',
      'vnp_TmnCode',
      'vnp_TransactionNo',
      'vnp_TransactionStatus',
      'vnp_TxnRef',
    ])
  })
})

describe('mock VNPay: the IPN retry rule (until RspCode 00 or 02, at most 10 calls)', () => {
  async function callsUntilDone(answers: string[]) {
    let calls = 0
    const recording = createDelivery(async () => {
      const body = answers[Math.min(calls, answers.length - 1)]
      calls += 1
      return { status: 200, body }
    })
    recording.set({ retryDelayMs: 1 })
    const own = createMockVnpay({ apiUrl, tmnCode, hashSecret, ipnUrl, delivery: recording })
    const query = new URL((await gateway.createCheckout(input())).redirectUrl).searchParams
    expect(own.pay(query, { bankCode: 'NCB', outcome: 'success' }).ok).toBe(true)
    await recording.flush()
    return calls
  }
  const rsp = (RspCode: string) => JSON.stringify({ RspCode, Message: '' })

  it('stops on 00 or 02, retries on anything else, and gives up after 10 calls', async () => {
    expect(await callsUntilDone([rsp('00')])).toBe(1)
    expect(await callsUntilDone([rsp('99'), rsp('99'), rsp('02')])).toBe(3)
    expect(
      await callsUntilDone([rsp('97'), '<html>502 Bad Gateway</html>', rsp('01'), rsp('04'), rsp('00')]),
    ).toBe(5)
    expect(await callsUntilDone([rsp('99')])).toBe(10)
  })
})
