import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type PgBoss from 'pg-boss'
import type { Database, SettlementLineType } from '../../../db/schema'
import type { PaymentGateway, SettlementLine, SettlementQuery } from '../../../payments'
import type { PaymentsRuntime } from '../payments/runtime.server'
import { reconcile } from './reconcile.server'

/**
 * Pulling settlement lines from a gateway's API (Stripe balance transactions, by payout or by date range, every
 * page read by the adapter). Idempotent by provider line id: a pull overlapping an earlier one adds only the new
 * lines. Each pull is recorded as a `settlement_imports` row (source `api`). Gateway errors are thrown.
 */

export interface GatewayImportResult {
  importId: string
  lineCount: number
  newLines: number
}

const kindToType: Record<SettlementLine['kind'], SettlementLineType> = {
  payment: 'payment',
  refund: 'refund',
  fee: 'fee',
  payout: 'payout',
  other: 'adjustment',
}

const chunk = 1000

export async function importFromGateway(
  db: Kysely<Database>,
  gateway: PaymentGateway,
  input: { query: SettlementQuery; importedBy: string | null },
): Promise<GatewayImportResult> {
  const lines = await gateway.listSettlement(input.query)
  return db.transaction().execute(async (trx) => {
    const range = 'payoutId' in input.query ? null : input.query
    const created = await trx
      .insertInto('settlement_imports')
      .values({
        provider: gateway.provider,
        source: 'api',
        file_name: 'payoutId' in input.query ? input.query.payoutId : null,
        period_from: range?.from ?? null,
        period_to: range?.to ?? null,
        line_count: lines.length,
        status: 'imported',
        imported_by: input.importedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    let newLines = 0
    for (let i = 0; i < lines.length; i += chunk) {
      const rows = lines.slice(i, i + chunk).map((l) => ({
        provider: gateway.provider,
        line_id: l.lineId,
        import_id: created.id,
        our_reference: l.attemptId,
        attempt_ref: uuidOrNull(l.attemptId),
        transaction_id: l.transactionId,
        refund_ref: l.refundId,
        type: kindToType[l.kind],
        gross: l.gross,
        fee: l.fee,
        net: l.net,
        settled_at: l.occurredAt,
        payout_id: l.payoutId,
        bank_code: null,
        raw: JSON.stringify(l),
      }))
      const result = await trx
        .insertInto('settlement_lines')
        .values(rows)
        .onConflict((oc) => oc.columns(['provider', 'line_id']).doNothing())
        .executeTakeFirst()
      newLines += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    await trx
      .updateTable('settlement_imports')
      .set({ new_lines: newLines })
      .where('id', '=', created.id)
      .execute()
    return { importId: created.id, lineCount: lines.length, newLines }
  })
}

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
function uuidOrNull(ref: string | null): string | null {
  if (!ref || !uuidPattern.test(ref)) return null
  const hex = ref.replaceAll('-', '').toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const SETTLEMENT_IMPORT_QUEUE = 'settlement-import'

export interface ImportNowResult {
  provider: string
  imported?: GatewayImportResult
  error?: string
}

/**
 * "Import now": pulls the last `days` days (default 3, overlapping earlier pulls harmlessly) from every gateway
 * that offers a settlement API, then reconciles that period. Never throws: a gateway that fails is reported.
 */
export async function importNow(
  db: Kysely<Database>,
  payments: Pick<PaymentsRuntime, 'gateways'>,
  options: { now?: Date; days?: number; importedBy?: string | null; settleDays?: number } = {},
): Promise<ImportNowResult[]> {
  const now = options.now ?? new Date()
  const from = new Date(now.getTime() - (options.days ?? 3) * 86_400_000)
  const results: ImportNowResult[] = []
  for (const gateway of payments.gateways.values()) {
    if (gateway.provider !== 'stripe') continue
    try {
      const imported = await importFromGateway(db, gateway, {
        query: { from, to: now },
        importedBy: options.importedBy ?? null,
      })
      results.push({ provider: gateway.provider, imported })
    } catch (error) {
      results.push({
        provider: gateway.provider,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
  await reconcile(db, {
    from,
    to: now,
    now,
    settleDays: options.settleDays,
    startedBy: options.importedBy ?? null,
  })
  return results
}

/** The daily pull (06:00 in Viet Nam, 23:00 UTC) and the on-demand one, through one singleton pg-boss queue. */
export async function startSettlementImports(
  boss: PgBoss,
  deps: {
    db: Kysely<Database>
    payments: Pick<PaymentsRuntime, 'gateways'>
    logger: Logger
    settleDays?: number
  },
): Promise<void> {
  await boss.createQueue(SETTLEMENT_IMPORT_QUEUE, {
    name: SETTLEMENT_IMPORT_QUEUE,
    policy: 'singleton',
    expireInSeconds: 900,
  })
  await boss.schedule(SETTLEMENT_IMPORT_QUEUE, '0 23 * * *')
  await boss.work<{ importedBy?: string }>(SETTLEMENT_IMPORT_QUEUE, async ([job]) => {
    const results = await importNow(deps.db, deps.payments, {
      importedBy: job?.data?.importedBy ?? null,
      settleDays: deps.settleDays,
    })
    deps.logger.info({ event: 'settlement_import', results }, 'settlement import')
  })
}

/** Asks the worker for an import now (the page's "Import now" button); returns the job id, or null if one is queued. */
export async function requestImportNow(boss: PgBoss, importedBy: string): Promise<string | null> {
  return boss.send(SETTLEMENT_IMPORT_QUEUE, { importedBy })
}

/** The last import and the last run per provider (the dashboard's "last import"). */
export async function lastImports(db: Kysely<Database>) {
  return db
    .selectFrom('settlement_imports')
    .select(['provider', 'source', 'status', 'file_name', 'line_count', 'new_lines', 'at'])
    .distinctOn('provider')
    .orderBy('provider')
    .orderBy('at', 'desc')
    .execute()
}
