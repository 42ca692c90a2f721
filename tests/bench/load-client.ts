/**
 * The load generator of tests/bench/load.bench.ts, in a process of its own (the server must not share its cores'
 * event loop with the client that measures it). Reads its plan as JSON from argv[2], runs `users` virtual users
 * for `seconds`, and prints one JSON line of results on stdout.
 *
 * Modes
 * - `trivial`: every user POSTs a small form to `trivialUrl` (a trivial Remix action) as fast as answers come.
 * - `submit`: every user files dossiers over HTTP, one after another: the multipart upload of a small PDF to the
 *   draft's missing document, then the submission (check page, declaration, idempotency token).
 * - `mixed`: each iteration is browsing (80%: home, catalogue, a search, a procedure), a submission (15%) or an
 *   upload alone (5%).
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'

export interface LoadCitizen {
  cookie: string
}

export interface LoadPlan {
  mode: 'trivial' | 'submit' | 'mixed'
  baseUrl: string
  trivialUrl?: string
  seconds: number
  users: number
  procedureCode: string
  /** the document the prepared drafts still miss (uploaded by each submission) */
  documentKey: string
  /** drafts ready to submit once that document is there, one per citizen */
  submitters: LoadCitizen[]
  /** citizens whose drafts take the upload-only requests */
  uploaders: LoadCitizen[]
  browse: string[]
}

export interface LoadResult {
  mode: LoadPlan['mode']
  seconds: number
  requests: number
  errors: number
  errorSamples: string[]
  submissions: number
  uploads: number
  browses: number
  /** latency of every request, ms */
  p50: number
  p95: number
  p99: number
  /** requests per second and completed submissions per second */
  rps: number
  submissionsPerSecond: number
  /** submissions not made because every prepared draft was used */
  exhausted: number
}

// A valid one-page PDF: the portal checks the type by content.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const latencies: number[] = []
  const errorSamples: string[] = []
  let errors = 0
  let submissions = 0
  let uploads = 0
  let browses = 0
  let exhausted = 0
  const submitters = [...plan.submitters]
  const origin = new URL(plan.baseUrl).origin

  /** One request, timed; a status outside 2xx/3xx (or a network error) counts as an error. */
  const request = async (url: string, init: RequestInit = {}): Promise<Response | null> => {
    const started = performance.now()
    try {
      const response = await fetch(url, { redirect: 'manual', ...init })
      await response.arrayBuffer()
      latencies.push(performance.now() - started)
      if (response.status >= 400) {
        errors++
        if (errorSamples.length < 5) errorSamples.push(`${init.method ?? 'GET'} ${url} → ${response.status}`)
        return null
      }
      return response
    } catch (error) {
      latencies.push(performance.now() - started)
      errors++
      if (errorSamples.length < 5) errorSamples.push(`${url}: ${(error as Error).message}`)
      return null
    }
  }

  const upload = (citizen: LoadCitizen) => {
    const form = new FormData()
    form.append(plan.documentKey, new Blob([pdf], { type: 'application/pdf' }), 'ban-chup.pdf')
    return request(`${plan.baseUrl}/procedures/${encodeURIComponent(plan.procedureCode)}/apply/documents`, {
      method: 'POST',
      body: form,
      headers: { cookie: citizen.cookie, origin },
    })
  }

  const submit = async () => {
    const citizen = submitters.pop()
    if (!citizen) {
      exhausted++
      return
    }
    if (!(await upload(citizen))) return
    const body = new URLSearchParams({ token: randomUUID(), declaration: 'yes' })
    const answer = await request(
      `${plan.baseUrl}/procedures/${encodeURIComponent(plan.procedureCode)}/apply/check`,
      {
        method: 'POST',
        body,
        headers: { cookie: citizen.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      },
    )
    const location = answer?.headers.get('location') ?? ''
    if (answer && /\/dossiers\/[^/]+\/confirmation/.test(location)) submissions++
    else if (answer) {
      errors++
      if (errorSamples.length < 5) errorSamples.push(`submit answered ${answer.status} → ${location}`)
    }
  }

  const trivial = () =>
    request(plan.trivialUrl!, {
      method: 'POST',
      body: new URLSearchParams({ name: 'x' }),
      headers: {
        origin: new URL(plan.trivialUrl!).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
    })

  let n = 0
  const browse = async () => {
    browses++
    await request(`${plan.baseUrl}${plan.browse[n++ % plan.browse.length]}`)
  }

  const deadline = performance.now() + plan.seconds * 1000
  const started = performance.now()
  const user = async (index: number) => {
    let i = index
    while (performance.now() < deadline) {
      if (plan.mode === 'trivial') await trivial()
      else if (plan.mode === 'submit') {
        if (!submitters.length) break
        await submit()
      } else {
        // A fixed cycle of 20 per user, offset per user: exactly 16 browsing, 3 submissions, 1 upload.
        const slot = i++ % 20
        if (slot < 3) await submit()
        else if (slot === 3) {
          uploads++
          await upload(plan.uploaders[index % plan.uploaders.length])
        } else await browse()
      }
    }
  }
  await Promise.all(Array.from({ length: plan.users }, (_, i) => user(i)))
  const elapsed = (performance.now() - started) / 1000
  const sorted = latencies.sort((a, b) => a - b)
  const round = (x: number) => Math.round(x * 10) / 10
  return {
    mode: plan.mode,
    seconds: round(elapsed),
    requests: latencies.length,
    errors,
    errorSamples,
    submissions,
    uploads,
    browses,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    rps: round(latencies.length / elapsed),
    submissionsPerSecond: round(submissions / elapsed),
    exhausted,
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadPlan
  runLoad(plan).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`)
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
}
