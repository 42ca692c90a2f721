import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { pollOpenAttempts } from '../../app/modules/payments/poll.server'
import { createPaymentsRuntime } from '../../app/modules/payments/runtime.server'
import { createLogger } from '../../app/server/logger'
import { parseEnv } from '../../app/utils/env.server'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startMockGatewayServer } from '../setup/mock-gateway-server'
import { portalProcess } from '../setup/portal-process'
import { citizenCookie, freshDatabase, log, runDriver, type Failures } from './harness'
import type { DriverCitizen } from './load-driver'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'

/** How many of these dossiers' fees are paid. */
async function paidFees(db: Kysely<Database>, dossierIds: string[]) {
  const rows = await db
    .selectFrom('fees')
    .select('id')
    .where('dossier_id', 'in', dossierIds)
    .where('status', '=', 'paid')
    .execute()
  return rows.length
}

/**
 * (c) The gateway fails while citizens pay: its API answers 500 to a run of requests and, to two of them, only
 * after the adapter has given up (the checkout is made and kept under the idempotency key, the answer is late);
 * its webhooks arrive twice each. Citizens who are told "the gateway is unavailable" press pay again, as they
 * would. Afterwards every fee must be paid exactly once — one charge at the gateway, one succeeded attempt, one
 * receipt — and every dossier moved on to `submitted`.
 */
export async function gatewayFaults({ adminUrl, failures }: { adminUrl: string; failures: Failures }) {
  const database = await freshDatabase(adminUrl, 'gateway')
  const store = mkdtempSync(path.join(os.tmpdir(), 'portal-faults-store-'))
  const gateway = await startMockGatewayServer({ retryDelayMs: 200 })
  const web = await portalProcess('web', {
    DATABASE_URL: database.url,
    STORAGE_DIR: store,
    ...gateway.env,
  })
  try {
    await web.start()
    gateway.deliverTo(web.url)
    const count = 24
    const citizens: DriverCitizen[] = []
    const dossiers: { id: string; code: string }[] = []
    for (let i = 0; i < count; i++) {
      const { id } = await createCitizen(database.db, `Người nộp phí ${i}`)
      const { procedure, draftId } = await completeJudicialDraft(database.db, id)
      const { code } = await submitDraft(database.db, {
        applicantId: id,
        procedureId: procedure.id,
        token: randomUUID(),
        declared: true,
        lng: 'vi',
      })
      dossiers.push({ id: draftId, code })
      citizens.push({ cookie: await citizenCookie(database.db, id), code })
    }
    // The faults, queued: the next 30 API calls answer 500, then two answer past the adapter's 20 s timeout.
    await gateway.control({ op: 'failNext', kind: '500', count: 30 })
    await gateway.control({ op: 'failNext', kind: 'timeout', count: 2, timeoutMs: 21_000 })
    // Webhooks: each sent twice, and the first 8 lost altogether (some payments then have no notification left).
    await gateway.control({ op: 'delivery', set: { copies: 2, drop: 8 } })

    const records = await runDriver({
      mode: 'pay',
      baseUrl: web.url,
      procedureCode: '',
      documentKeys: [],
      citizens,
      users: 8,
      deadlineMs: Date.now() + 75_000,
      retryMs: 500,
    })
    await gateway.delivery.flush()
    const dropped = gateway.delivery.log.filter((l) => l.status === 'dropped').length
    const paidBeforePoll = await paidFees(
      database.db,
      dossiers.map((d) => d.id),
    )
    // What a lost webhook leaves is the worker's poll's to settle (retrieve, never charge again): its scheduled
    // job, run now over every open attempt rather than waiting for the next minute and the poll's age threshold.
    const runtime = createPaymentsRuntime(parseEnv({ NODE_ENV: 'test', ...gateway.env }), {
      publicUrl: web.url,
    })
    const poll = await pollOpenAttempts(database.db, runtime, {
      origin: web.url,
      logger: createLogger('silent'),
      olderThanSeconds: 0,
    })

    let settled = 0
    let doubleCharged = 0
    let extraReceipts = 0
    for (const d of dossiers) {
      const dossier = await database.db
        .selectFrom('dossiers')
        .select('status')
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow()
      const attempts = await database.db
        .selectFrom('payment_attempts as a')
        .innerJoin('fees as f', 'f.id', 'a.fee_id')
        .select(['a.id', 'a.status'])
        .where('f.dossier_id', '=', d.id)
        .execute()
      const charges = attempts.reduce((n, a) => n + gateway.stripe.chargesFor(a.id.replaceAll('-', '')), 0)
      const succeeded = attempts.filter((a) => a.status === 'succeeded').length
      const receipts = await database.db
        .selectFrom('receipts')
        .select('id')
        .where('dossier_code', '=', d.code)
        .execute()
      if (charges > 1) doubleCharged++
      if (receipts.length > 1) extraReceipts++
      if (dossier.status === 'submitted' && charges === 1 && succeeded === 1 && receipts.length === 1)
        settled++
    }
    const acknowledged = records.filter((r) => r.acknowledged).length
    const told = records.reduce((n, r) => n + r.failedStatuses.filter((s) => s === 503).length, 0)
    const serverErrors = records.reduce((n, r) => n + r.failedStatuses.filter((s) => s !== 503).length, 0)
    const webhooks = gateway.deliveries.length
    log(
      `   sent ${count} · acknowledged ${acknowledged} (paid on the gateway's page) · found ${settled} (settled once)`,
    )
    log(
      `   webhooks dropped ${dropped}: ${paidBeforePoll} fees paid by webhooks, ${poll.settled} settled by the poll (${poll.checked} open attempts asked)`,
    )
    log(
      `   "gateway unavailable" answers ${told} · other failures ${serverErrors} · double charges ${doubleCharged} · extra receipts ${extraReceipts} · webhook deliveries ${webhooks}`,
    )
    failures.check(
      told > 0,
      'citizens were told the gateway was unavailable (the 500s and timeouts reached them)',
    )
    failures.check(serverErrors === 0, "no 5xx of the portal's own and no dropped connection")
    failures.check(acknowledged === count, 'every citizen could pay once the gateway recovered')
    failures.check(dropped > 0 && paidBeforePoll < count, 'lost webhooks left payments unsettled')
    failures.check(
      poll.errors === 0 && paidBeforePoll + poll.settled === count,
      'the poll settled exactly those',
    )
    failures.check(doubleCharged === 0, 'no fee charged twice at the gateway')
    failures.check(extraReceipts === 0, 'no fee with two receipts (webhooks came twice)')
    failures.check(
      settled === count,
      'every payment settled: one charge, one succeeded attempt, one receipt, dossier submitted',
    )
  } finally {
    await web.stop()
    await gateway.stop()
    await database.drop()
    await rm(store, { recursive: true, force: true })
  }
}
