/**
 * The load of the fault suite (tests/faults/run.ts), in a process of its own so that killing or starving the
 * portal never stops the load: virtual citizens act over real HTTP as browsers would, and the driver keeps, for
 * each, what it sent and what answer it got. It reads its plan as JSON from argv[2]; it prints one JSON line per
 * acknowledgement (`{"ack":i}`, so the suite can strike mid-load) and a last line `{"done":…}` with every record.
 *
 * Modes
 * - `submit`: the multipart upload of every required document (small PDFs, one request), then the submission
 *   (declaration, idempotency token made once per citizen). A request that fails (refused connection, 5xx) is
 *   sent again, the same one with the same token, until `deadlineMs`: a citizen pressing the button again.
 * - `pay`: start the payment (`/dossiers/:code/pay`), then pay on the gateway's page with a test card; a 503
 *   "gateway unavailable" answer is tried again like a citizen clicking again later.
 * - `upload`: one document upload per citizen, never retried; the answer's status and `X-Upload-Error` kept.
 */
import { readFileSync } from 'node:fs'

export interface DriverCitizen {
  cookie: string
  /** submit: the idempotency token of the check page; pay: the dossier code */
  token?: string
  code?: string
}

export interface DriverPlan {
  mode: 'submit' | 'pay' | 'upload'
  baseUrl: string
  procedureCode: string
  documentKeys: string[]
  citizens: DriverCitizen[]
  users: number
  /** stop retrying at this time (ms since epoch) */
  deadlineMs: number
  /** wait between retries */
  retryMs?: number
  /** pause between one citizen's two steps, to spread the load over the fault (ms) */
  thinkMs?: number
  /** upload: a text whose presence in the answer's page is recorded (a translated message) */
  expectText?: string
}

export interface DriverRecord {
  i: number
  /** requests sent in all (retries included) */
  requests: number
  /** requests that failed: no answer, or 5xx */
  failures: number
  /** statuses of the failed answers (0: no answer) */
  failedStatuses: number[]
  /** submit/pay: the success answer came; upload: the 302 */
  acknowledged: boolean
  /** when the success answer came (ms since epoch) */
  ackedAt?: number
  /** submit: the dossier code of the confirmation page */
  code?: string
  /** upload: the answer's status and its X-Upload-Error */
  status?: number
  uploadError?: string | null
  /** upload: whether the answer's page holds `expectText` */
  hasText?: boolean
}

/** A valid PDF with a marker inside, so every file is distinct. */
export function pdfFor(tag: string): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
      `% ${tag}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  )
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function drive(plan: DriverPlan, onAck: (i: number) => void): Promise<DriverRecord[]> {
  const origin = new URL(plan.baseUrl).origin
  const retryMs = plan.retryMs ?? 300
  const records: DriverRecord[] = plan.citizens.map((_, i) => ({
    i,
    requests: 0,
    failures: 0,
    failedStatuses: [],
    acknowledged: false,
  }))

  /** Sends until an answer below 500 comes (or the deadline passes); null if none did. */
  async function send(record: DriverRecord, url: string, init: () => RequestInit): Promise<Response | null> {
    for (;;) {
      record.requests++
      try {
        const response = await fetch(url, {
          redirect: 'manual',
          signal: AbortSignal.timeout(45_000),
          ...init(),
        })
        if (response.status < 500) return response
        await response.arrayBuffer().catch(() => {})
        record.failedStatuses.push(response.status)
      } catch {
        record.failedStatuses.push(0)
      }
      record.failures++
      if (Date.now() + retryMs > plan.deadlineMs) return null
      await sleep(retryMs)
    }
  }

  const apply = `${plan.baseUrl}/procedures/${encodeURIComponent(plan.procedureCode)}/apply`

  function uploadBody(i: number, keys: string[]) {
    const form = new FormData()
    for (const key of keys)
      form.append(
        key,
        new Blob([new Uint8Array(pdfFor(`${i}-${key}`))], { type: 'application/pdf' }),
        `${key}.pdf`,
      )
    return form
  }

  async function submit(record: DriverRecord, citizen: DriverCitizen) {
    const headers = { cookie: citizen.cookie, origin }
    const uploaded = await send(record, `${apply}/documents`, () => ({
      method: 'POST',
      body: uploadBody(record.i, plan.documentKeys),
      headers,
    }))
    if (uploaded?.status !== 302) return
    await uploaded.arrayBuffer()
    if (plan.thinkMs) await sleep(Math.random() * plan.thinkMs)
    const answer = await send(record, `${apply}/check`, () => ({
      method: 'POST',
      body: new URLSearchParams({ token: citizen.token!, declaration: 'yes' }),
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    }))
    const code = /\/dossiers\/([^/?]+)\/confirmation/.exec(answer?.headers.get('location') ?? '')?.[1]
    if (answer) record.status = answer.status
    if (code) {
      record.acknowledged = true
      record.ackedAt = Date.now()
      record.code = code
      onAck(record.i)
    }
  }

  async function pay(record: DriverRecord, citizen: DriverCitizen) {
    const headers = { cookie: citizen.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }
    for (;;) {
      const started = await send(record, `${plan.baseUrl}/dossiers/${citizen.code}/pay`, () => ({
        method: 'POST',
        body: new URLSearchParams({ provider: 'stripe' }),
        headers,
      }))
      if (!started) return
      record.status = started.status
      const checkout = started.headers.get('location') ?? ''
      if (started.status === 302 && /\/checkout\/cs_/.test(checkout)) {
        const paid = await send(record, `${checkout}/pay`, () => ({
          method: 'POST',
          body: new URLSearchParams({ card: '4242424242424242' }),
        }))
        if (paid?.status === 303) {
          record.acknowledged = true
          onAck(record.i)
        }
        return
      }
      // 503 "gateway unavailable, try again later" is a page (not a 5xx failure of ours): the citizen retries.
      record.failedStatuses.push(started.status)
      record.failures++
      if (Date.now() + retryMs > plan.deadlineMs) return
      await sleep(retryMs)
    }
  }

  async function uploadOnce(record: DriverRecord, citizen: DriverCitizen) {
    record.requests++
    try {
      const response = await fetch(`${apply}/documents`, {
        method: 'POST',
        body: uploadBody(record.i, plan.documentKeys),
        headers: { cookie: citizen.cookie, origin, 'accept-language': 'vi' },
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      })
      record.status = response.status
      record.uploadError = response.headers.get('x-upload-error')
      const page = await response.text()
      record.hasText = !!plan.expectText && page.includes(plan.expectText)
      record.acknowledged = response.status === 302
      if (record.acknowledged) onAck(record.i)
    } catch {
      record.status = 0
      record.failures++
    }
  }

  let next = 0
  const user = async () => {
    while (next < plan.citizens.length) {
      const i = next++
      const record = records[i]
      if (plan.mode === 'submit') await submit(record, plan.citizens[i])
      else if (plan.mode === 'pay') await pay(record, plan.citizens[i])
      else await uploadOnce(record, plan.citizens[i])
    }
  }
  await Promise.all(Array.from({ length: plan.users }, user))
  return records
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as DriverPlan
  drive(plan, (i) => process.stdout.write(`${JSON.stringify({ ack: i })}\n`)).then(
    (records) => {
      process.stdout.write(`${JSON.stringify({ done: records })}\n`)
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
