import { bypass } from 'msw'

/**
 * How the mock gateways deliver webhooks and IPNs: asynchronously, at least once, retried on any non-2xx
 * answer or network error, like the real providers. Tests flip switches to duplicate, reorder, delay or drop
 * notifications, and `flush()` waits until everything queued has been delivered or given up.
 */

export interface OutgoingNotification {
  /** 'stripe' | 'vnpay', for logs and tests */
  provider: string
  /** event id (Stripe) or TxnRef (VNPay), for logs and tests */
  id: string
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  /** headers made again for each delivery attempt (Stripe signs every attempt with a fresh timestamp) */
  headersAt?: () => Record<string, string>
  /** whether the answer ends the retries; default: any 2xx (VNPay's IPN: RspCode 00 or 02) */
  acknowledged?: (status: number, body: string) => boolean
}

export interface DeliverySwitches {
  /** deliver every notification this many times in all (1 = normal) */
  copies: number
  /** hold notifications and send each batch in shuffled order when flushed */
  reorder: boolean
  /** wait this long before each first delivery */
  delayMs: number
  /** drop (never send) the next n notifications; Infinity drops all */
  drop: number
  /** retries after a failed delivery, and the wait between them */
  maxAttempts: number
  retryDelayMs: number
}

export type Sender = (n: OutgoingNotification) => Promise<{ status: number; body: string }>

export const defaultSwitches: DeliverySwitches = {
  copies: 1,
  reorder: false,
  delayMs: 0,
  drop: 0,
  maxAttempts: 10,
  retryDelayMs: 250,
}

/** Sends over real HTTP, bypassing msw's interception (the portal is a real server). */
export const httpSender: Sender = async (n) => {
  const response = await fetch(
    bypass(new Request(n.url, { method: n.method, headers: n.headers, body: n.body ?? null })),
  )
  return { status: response.status, body: await response.text() }
}

export interface DeliveryLogEntry {
  notification: OutgoingNotification
  attempt: number
  status: number | 'network_error' | 'dropped'
}

export function createDelivery(send: Sender = httpSender) {
  let switches: DeliverySwitches = { ...defaultSwitches }
  const inFlight = new Set<Promise<void>>()
  let held: OutgoingNotification[] = []
  const log: DeliveryLogEntry[] = []

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  async function deliverOne(n: OutgoingNotification) {
    if (switches.delayMs > 0) await sleep(switches.delayMs)
    for (let attempt = 1; attempt <= switches.maxAttempts; attempt++) {
      let status: number | 'network_error'
      let done = false
      try {
        const answer = await send(n.headersAt ? { ...n, headers: n.headersAt() } : n)
        status = answer.status
        done = n.acknowledged
          ? n.acknowledged(answer.status, answer.body)
          : answer.status >= 200 && answer.status < 300
      } catch {
        status = 'network_error'
      }
      log.push({ notification: n, attempt, status })
      if (done) return
      if (attempt < switches.maxAttempts) await sleep(switches.retryDelayMs * attempt)
    }
  }

  function track(promise: Promise<void>) {
    inFlight.add(promise)
    void promise.finally(() => inFlight.delete(promise))
  }

  function release(batch: OutgoingNotification[]) {
    for (const n of batch) track(deliverOne(n))
  }

  return {
    /** Queue a notification; returns at once (delivery is asynchronous). */
    enqueue(n: OutgoingNotification) {
      if (switches.drop > 0) {
        switches.drop -= 1
        log.push({ notification: n, attempt: 0, status: 'dropped' })
        return
      }
      const copies = Array.from({ length: Math.max(1, switches.copies) }, () => n)
      if (switches.reorder) held.push(...copies)
      else release(copies)
    },
    set(next: Partial<DeliverySwitches>) {
      switches = { ...switches, ...next }
    },
    reset() {
      switches = { ...defaultSwitches }
      held = []
      log.length = 0
    },
    /** Releases held notifications in shuffled order and waits until every delivery has finished. */
    async flush() {
      if (held.length) {
        const batch = held
        held = []
        for (let i = batch.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1))
          ;[batch[i], batch[j]] = [batch[j], batch[i]]
        }
        release(batch)
      }
      while (inFlight.size) await Promise.all([...inFlight])
    },
    get held() {
      return [...held]
    },
    log,
  }
}

export type Delivery = ReturnType<typeof createDelivery>
