import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { agenciesFor, type CurrentUser } from '../auth/permissions'
import { NotFinanceOfAgency } from './errors'
import { businessDayRange } from './reconcile.server'

/**
 * What the accounts receive for a day or a range: every receipt (money in) and every refund carried out (money
 * out) of one agency, with the ledger code set for its procedure and fee kind (empty when none is set yet), the
 * gateway's settlement line and fee where there is one. Ordered by time.
 */
export interface LedgerExportRow {
  kind: 'receipt' | 'refund'
  at: Date
  businessDay: string
  dossierCode: string
  procedureCode: string
  feeKind: string
  ledgerCode: string | null
  method: string
  receiptNumber: string | null
  payerName: string | null
  amount: number
  gatewayFee: number | null
  transactionId: string | null
  settlementLineId: string | null
}

export async function ledgerExportRows(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: { agencyId: string; fromDay: string; toDay: string },
): Promise<LedgerExportRow[]> {
  if (!agenciesFor(actor, ['finance']).includes(input.agencyId)) throw new NotFinanceOfAgency()
  const { from, to } = businessDayRange(input.fromDay, input.toDay)
  const receipts = await db
    .selectFrom('receipts as r')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .leftJoin('ledger_codes as lc', (j) =>
      j.onRef('lc.procedure_id', '=', 'p.id').onRef('lc.fee_kind', '=', 'f.kind'),
    )
    .leftJoin('settlement_lines as l', (j) =>
      j.onRef('l.attempt_ref', '=', 'r.attempt_id').on('l.type', '=', 'payment'),
    )
    .select([
      'r.issued_at as at',
      'd.code as dossier_code',
      'p.code as procedure_code',
      'f.kind as fee_kind',
      'lc.code as ledger_code',
      'r.method',
      'r.series',
      'r.number',
      'r.payer_name',
      'r.amount',
      'l.fee as gateway_fee',
      'r.transaction_id',
      'l.line_id',
    ])
    .where('r.agency_id', '=', input.agencyId)
    .where('r.issued_at', '>=', from)
    .where('r.issued_at', '<', to)
    .execute()
  const refunds = await db
    .selectFrom('refunds as rf')
    .innerJoin('fees as f', 'f.id', 'rf.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('payment_attempts as a', 'a.id', 'rf.attempt_id')
    .leftJoin('ledger_codes as lc', (j) =>
      j.onRef('lc.procedure_id', '=', 'p.id').onRef('lc.fee_kind', '=', 'f.kind'),
    )
    .select([
      'rf.settled_at as at',
      'd.code as dossier_code',
      'p.code as procedure_code',
      'f.kind as fee_kind',
      'lc.code as ledger_code',
      'a.provider as method',
      'rf.amount',
      'a.transaction_id',
      'rf.provider_ref',
    ])
    .where('d.agency_id', '=', input.agencyId)
    .where('rf.status', '=', 'succeeded')
    .where('rf.settled_at', '>=', from)
    .where('rf.settled_at', '<', to)
    .execute()
  const day = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
  const rows: LedgerExportRow[] = [
    ...receipts.map((r) => ({
      kind: 'receipt' as const,
      at: r.at,
      businessDay: day(r.at),
      dossierCode: r.dossier_code ?? '',
      procedureCode: r.procedure_code,
      feeKind: r.fee_kind,
      ledgerCode: r.ledger_code,
      method: r.method,
      receiptNumber: `${r.series}/${String(r.number).padStart(7, '0')}`,
      payerName: r.payer_name,
      amount: Number(r.amount),
      gatewayFee: r.gateway_fee === null ? null : Number(r.gateway_fee),
      transactionId: r.transaction_id,
      settlementLineId: r.line_id,
    })),
    ...refunds.map((r) => ({
      kind: 'refund' as const,
      at: r.at!,
      businessDay: day(r.at!),
      dossierCode: r.dossier_code ?? '',
      procedureCode: r.procedure_code,
      feeKind: r.fee_kind,
      ledgerCode: r.ledger_code,
      method: r.method,
      receiptNumber: null,
      payerName: null,
      amount: -Number(r.amount),
      gatewayFee: null,
      transactionId: r.transaction_id,
      settlementLineId: r.provider_ref,
    })),
  ]
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime())
}
