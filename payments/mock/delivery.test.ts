import { describe, expect, it } from 'vitest'
import { createDelivery, type OutgoingNotification } from './delivery'

const note = (id: string, extra: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
  provider: 'stripe',
  id,
  method: 'POST',
  url: 'http://portal.test/webhooks/stripe',
  headers: { 'stripe-signature': 'first' },
  body: id,
  ...extra,
})

describe('the mock gateways’ delivery', () => {
  it('retries until acknowledged, re-making the headers for every attempt', async () => {
    const seen: string[] = []
    let calls = 0
    const delivery = createDelivery(async (n) => {
      seen.push(n.headers['stripe-signature'])
      return { status: ++calls < 3 ? 500 : 200, body: '' }
    })
    delivery.set({ retryDelayMs: 1 })
    let signed = 0
    delivery.enqueue(note('evt_1', { headersAt: () => ({ 'stripe-signature': `t=${++signed}` }) }))
    await delivery.flush()
    expect(seen).toEqual(['t=1', 't=2', 't=3'])
    expect(delivery.log.map((e) => e.status)).toEqual([500, 500, 200])
  })

  it('stops after maxAttempts, and follows VNPay’s rule when the notification says how it is acknowledged', async () => {
    const delivery = createDelivery(async () => ({ status: 200, body: '{"RspCode":"99"}' }))
    delivery.set({ retryDelayMs: 1, maxAttempts: 10 })
    delivery.enqueue(note('ipn', { acknowledged: (_s, body) => /"RspCode":"0[02]"/.test(body) }))
    await delivery.flush()
    expect(delivery.log).toHaveLength(10)
  })

  it('duplicates, drops and shuffles on request', async () => {
    const got: string[] = []
    const delivery = createDelivery(async (n) => {
      got.push(n.id)
      return { status: 200, body: '' }
    })
    delivery.set({ copies: 3 })
    delivery.enqueue(note('a'))
    await delivery.flush()
    expect(got).toEqual(['a', 'a', 'a'])
    delivery.reset()
    delivery.set({ drop: 1 })
    delivery.enqueue(note('lost'))
    delivery.enqueue(note('kept'))
    await delivery.flush()
    expect(got.slice(3)).toEqual(['kept'])
    delivery.reset()
    delivery.set({ reorder: true })
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`)
    for (const id of ids) delivery.enqueue(note(id))
    expect(delivery.held).toHaveLength(20)
    await delivery.flush()
    const order = got.slice(4)
    expect([...order].sort()).toEqual([...ids].sort())
    expect(order).not.toEqual(ids)
  })
})
