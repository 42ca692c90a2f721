import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, PaidMethod, Receipt } from '../../../db/schema'
import { vnDay } from '../calendar/vietnam-time'

/**
 * E-receipts (biên lai điện tử): one per settled fee, numbered in a series per agency and year without gaps or
 * races (a counter row updated in the same transaction as the payment), carrying a sha256 of its content that
 * the public /verify page shows again.
 */

export interface ReceiptContent {
  series: string
  number: number
  agencyCode: string
  dossierCode: string
  payerName: string
  amount: number
  method: PaidMethod
  transactionId: string | null
  issuedAt: string
}

/** The hash printed on the receipt: sha256 over its content in a fixed key order. */
export function receiptHash(content: ReceiptContent): string {
  const canonical = JSON.stringify([
    content.series,
    content.number,
    content.agencyCode,
    content.dossierCode,
    content.payerName,
    content.amount,
    'VND',
    content.method,
    content.transactionId,
    content.issuedAt,
  ])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** e.g. STP-26E: the agency, the year, E for electronic. */
export const seriesOf = (agencyCode: string, year: number) => `${agencyCode}-${String(year).slice(-2)}E`

export const receiptNumber = (r: Pick<Receipt, 'series' | 'number'>) =>
  `${r.series}/${String(r.number).padStart(7, '0')}`

/**
 * Issues the receipt of a fee that has just been marked paid, inside the caller's transaction. Idempotent: a fee
 * already holding a receipt keeps it (fees.id is unique in receipts).
 */
export async function issueReceipt(
  trx: Transaction<Database>,
  input: {
    feeId: string
    method: PaidMethod
    attemptId: string | null
    transactionId: string | null
    at: Date
  },
): Promise<{ id: string }> {
  const existing = await trx
    .selectFrom('receipts')
    .select('id')
    .where('fee_id', '=', input.feeId)
    .executeTakeFirst()
  if (existing) return existing
  const fee = await trx
    .selectFrom('fees as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .innerJoin('users as u', 'u.id', 'd.applicant_id')
    .select(['f.amount', 'f.description', 'd.code', 'd.agency_id', 'a.code as agency_code', 'u.full_name'])
    .where('f.id', '=', input.feeId)
    .executeTakeFirstOrThrow()
  const year = Number(vnDay(input.at).slice(0, 4))
  const counter = await trx
    .insertInto('receipt_counters')
    .values({ agency_id: fee.agency_id, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet({ last_number: sql`receipt_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  const content: ReceiptContent = {
    series: seriesOf(fee.agency_code, year),
    number: counter.last_number,
    agencyCode: fee.agency_code,
    dossierCode: fee.code ?? '',
    payerName: fee.full_name,
    amount: Number(fee.amount),
    method: input.method,
    transactionId: input.transactionId,
    issuedAt: input.at.toISOString(),
  }
  return trx
    .insertInto('receipts')
    .values({
      fee_id: input.feeId,
      attempt_id: input.attemptId,
      agency_id: fee.agency_id,
      year,
      number: content.number,
      series: content.series,
      dossier_code: content.dossierCode,
      payer_name: content.payerName,
      amount: content.amount,
      method: input.method,
      description: JSON.stringify(fee.description),
      transaction_id: input.transactionId,
      issued_at: input.at,
      document_hash: receiptHash(content),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export interface ReceiptView {
  id: string
  number: string
  series: string
  agency: { code: string; vi: string; en: string; addressVi: string; addressEn: string }
  dossierCode: string
  payerName: string
  amount: number
  method: PaidMethod
  description: { vi: string; en: string }
  transactionId: string | null
  issuedAt: Date
  hash: string
  /** whether the stored hash still matches the stored content */
  intact: boolean
  refunded: boolean
}

function receiptRows(db: Kysely<Database>) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select([
      'r.id',
      'r.series',
      'r.number',
      'r.dossier_code',
      'r.payer_name',
      'r.amount',
      'r.method',
      'r.description',
      'r.transaction_id',
      'r.issued_at',
      'r.document_hash',
      'a.code as agency_code',
      'a.name_vi',
      'a.name_en',
      'a.address_vi',
      'a.address_en',
      'f.status as fee_status',
      'd.applicant_id',
      'd.agency_id',
    ])
}

type ReceiptRow = Awaited<ReturnType<ReturnType<typeof receiptRows>['executeTakeFirstOrThrow']>>

function toView(row: ReceiptRow): ReceiptView {
  const content: ReceiptContent = {
    series: row.series,
    number: row.number,
    agencyCode: row.agency_code,
    dossierCode: row.dossier_code,
    payerName: row.payer_name,
    amount: Number(row.amount),
    method: row.method,
    transactionId: row.transaction_id,
    issuedAt: row.issued_at.toISOString(),
  }
  return {
    id: row.id,
    number: receiptNumber(row),
    series: row.series,
    agency: {
      code: row.agency_code,
      vi: row.name_vi,
      en: row.name_en,
      addressVi: row.address_vi,
      addressEn: row.address_en,
    },
    dossierCode: row.dossier_code,
    payerName: row.payer_name,
    amount: Number(row.amount),
    method: row.method,
    description: row.description,
    transactionId: row.transaction_id,
    issuedAt: row.issued_at,
    hash: row.document_hash,
    intact: receiptHash(content) === row.document_hash,
    refunded: row.fee_status === 'refunded',
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A receipt for someone allowed to see it in full: its payer, or staff of its agency (`staffAgencyIds`).
 * Anyone else gets null, as if it did not exist.
 */
export async function receiptFor(
  db: Kysely<Database>,
  id: string,
  viewer: { userId: string; staffAgencyIds: string[] },
): Promise<ReceiptView | null> {
  if (!UUID.test(id)) return null
  const row = await receiptRows(db).where('r.id', '=', id).executeTakeFirst()
  if (!row) return null
  if (row.applicant_id !== viewer.userId && !viewer.staffAgencyIds.includes(row.agency_id)) return null
  return toView(row)
}

/** Masks a name for the public page: "Nguyễn Văn An" → "N***** V** A*". */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word]
      return letters[0] + '*'.repeat(Math.max(1, letters.length - 1))
    })
    .join(' ')
}

/** What /verify/:id shows anyone holding the QR code: no personal data beyond a masked name. */
export async function publicReceipt(db: Kysely<Database>, id: string) {
  if (!UUID.test(id)) return null
  const row = await receiptRows(db).where('r.id', '=', id).executeTakeFirst()
  if (!row) return null
  const view = toView(row)
  return {
    id: view.id,
    number: view.number,
    agency: { code: view.agency.code, vi: view.agency.vi, en: view.agency.en },
    dossierCode: view.dossierCode,
    payerName: maskName(view.payerName),
    amount: view.amount,
    description: view.description,
    issuedAt: view.issuedAt,
    hash: view.hash,
    intact: view.intact,
    refunded: view.refunded,
  }
}

/** The receipts of a dossier, for its page. */
export async function receiptsOfDossier(db: Kysely<Database>, dossierId: string) {
  const rows = await db
    .selectFrom('receipts as r')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .select(['r.id', 'r.series', 'r.number', 'r.fee_id', 'r.amount', 'r.issued_at'])
    .where('f.dossier_id', '=', dossierId)
    .orderBy('r.issued_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    feeId: r.fee_id,
    number: receiptNumber(r),
    amount: Number(r.amount),
    issuedAt: r.issued_at,
  }))
}
