import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, ReconciliationClass, ResolutionKind } from '../../../db/schema'
import { agenciesFor, type CurrentUser } from '../auth/permissions'
import { proposeManualRefund } from '../ledger/refund-proposals.server'
import { applyPaymentIn } from '../payments/apply.server'
import {
  NotFinanceOfAgency,
  ReconciliationItemNotFound,
  ResolutionNotAllowed,
  SameFinanceUser,
} from './errors'

/**
 * The exception queue and its resolutions (issue 10 §3). Scope: a finance clerk sees and resolves only the items
 * of the agencies where they hold the finance role, plus items no agency could be found for (a settlement line
 * for an unknown reference), which every finance clerk sees and may explain or write off — someone must own them.
 *
 * Resolutions: `explained` resolves at once. `apply_payment`, `propose_refund` and `write_off` move money: one
 * clerk requests (kind + reason), a different clerk approves (module check, and a CHECK constraint in the
 * database), and only then is the effect carried out, in the approval's transaction:
 * - apply_payment: the settled gateway payment credits the fee through the payments module's own path
 *   (applyPaymentIn: fee paid, receipt, dossier moved on by performTransition `pay`);
 * - propose_refund: a refund proposal in the ledger (then requested and approved on the refunds page);
 * - write_off: recorded with its note, nothing else moves.
 * Every step writes an append-only audit row; a resolved item changes again only by a new entry (reopen).
 * When the item's finance day was closed meanwhile, the resolution is booked on the next open day and the item
 * keeps the closed day in `corrects_day`.
 */

export const moneyMoving: readonly ResolutionKind[] = ['apply_payment', 'propose_refund', 'write_off']

/** Which resolutions fit which class (the page offers only these). */
export const resolutionsFor: Record<ReconciliationClass, readonly ResolutionKind[]> = {
  missing_in_portal: ['apply_payment', 'propose_refund', 'explained', 'write_off'],
  missing_at_gateway: ['explained', 'write_off'],
  amount_mismatch: ['propose_refund', 'explained', 'write_off'],
  duplicate_payment: ['propose_refund', 'explained', 'write_off'],
  refund_mismatch: ['explained', 'write_off'],
  fee_mismatch: ['explained', 'write_off'],
}

export interface ExceptionFilter {
  class?: ReconciliationClass
  agencyId?: string
  provider?: 'stripe' | 'vnpay'
  /** Viet Nam business days, inclusive ('yyyy-mm-dd') */
  fromDay?: string
  toDay?: string
  status?: 'open' | 'resolved' | 'awaiting_approval' | 'all'
  limit?: number
  offset?: number
}

const financeAgencies = (actor: CurrentUser) => agenciesFor(actor, ['finance'])
/** matches no agency: a clerk without finance roles sees only nothing */
const noAgency = '00000000-0000-0000-0000-000000000000'

function baseQuery(db: Kysely<Database> | Transaction<Database>, agencies: string[]) {
  return db
    .selectFrom('reconciliation_items as i')
    .leftJoin('dossiers as d', 'd.id', 'i.dossier_id')
    .leftJoin('agencies as ag', 'ag.id', 'i.agency_id')
    .leftJoin('payment_attempts as a', 'a.id', 'i.payment_attempt_id')
    .leftJoin('settlement_lines as l', 'l.id', 'i.settlement_line_id')
    .leftJoin('users as rq', 'rq.id', 'i.requested_by')
    .leftJoin('users as ap', 'ap.id', 'i.approved_by')
    .where((eb) =>
      eb.or([
        eb('i.agency_id', 'in', agencies.length ? agencies : [noAgency]),
        eb('i.agency_id', 'is', null),
      ]),
    )
}

const itemColumns = [
  'i.id',
  'i.class',
  'i.status',
  'i.subject',
  'i.agency_id',
  'ag.code as agency_code',
  'i.provider',
  'i.business_day',
  'i.finance_day',
  'i.corrects_day',
  'i.payment_attempt_id',
  'a.status as attempt_status',
  'i.settlement_line_id',
  'l.line_id as provider_line_id',
  'l.our_reference',
  'l.transaction_id as line_transaction_id',
  'i.refund_id',
  'i.fee_id',
  'i.dossier_id',
  'd.code as dossier_code',
  'i.portal_amount',
  'i.gateway_amount',
  'i.detail',
  'i.resolution_kind',
  'i.reason',
  'i.requested_by',
  'rq.full_name as requested_by_name',
  'i.requested_at',
  'i.approved_by',
  'ap.full_name as approved_by_name',
  'i.resolved_at',
  'i.created_at',
] as const

export type ExceptionRow = Awaited<ReturnType<typeof listExceptions>>['rows'][number]

/** The queue, newest business day first; `total` counts every row the filter matches. */
export async function listExceptions(db: Kysely<Database>, actor: CurrentUser, filter: ExceptionFilter = {}) {
  const agencies = financeAgencies(actor)
  if (agencies.length === 0) return { rows: [], total: 0 }
  let q = baseQuery(db, agencies)
  if (filter.class) q = q.where('i.class', '=', filter.class)
  if (filter.agencyId) q = q.where('i.agency_id', '=', filter.agencyId)
  if (filter.provider) q = q.where('i.provider', '=', filter.provider)
  if (filter.fromDay) q = q.where('i.business_day', '>=', filter.fromDay)
  if (filter.toDay) q = q.where('i.business_day', '<=', filter.toDay)
  const status = filter.status ?? 'open'
  if (status === 'open') q = q.where('i.status', '=', 'open').where('i.requested_by', 'is', null)
  if (status === 'awaiting_approval')
    q = q.where('i.status', '=', 'open').where('i.requested_by', 'is not', null)
  if (status === 'resolved') q = q.where('i.status', '=', 'resolved')
  const [rows, total] = await Promise.all([
    q
      .select(itemColumns)
      .orderBy('i.business_day', 'desc')
      .orderBy('i.class')
      .orderBy('i.created_at')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: total.n }
}

/** Open exceptions by class and age in days (the dashboard). */
export async function openExceptionsByClass(db: Kysely<Database>, actor: CurrentUser, today: string) {
  const agencies = financeAgencies(actor)
  if (agencies.length === 0) return []
  return baseQuery(db, agencies)
    .where('i.status', '=', 'open')
    .select([
      'i.class',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(max(${today}::date - i.business_day), 0)::int`.as('oldest_days'),
    ])
    .groupBy('i.class')
    .execute()
}

/** One exception with its audit trail; ReconciliationItemNotFound outside the clerk's scope. */
export async function exceptionItem(db: Kysely<Database>, actor: CurrentUser, itemId: string) {
  const item = await baseQuery(db, financeAgencies(actor))
    .select(itemColumns)
    .where('i.id', '=', itemId)
    .executeTakeFirst()
  if (!item) throw new ReconciliationItemNotFound()
  const audit = await db
    .selectFrom('reconciliation_audit as r')
    .innerJoin('users as u', 'u.id', 'r.actor_id')
    .select(['r.id', 'r.action', 'r.resolution_kind', 'r.reason', 'r.at', 'u.full_name as actor_name'])
    .where('r.item_id', '=', itemId)
    .orderBy('r.id')
    .execute()
  return { item, audit, resolutions: resolutionsFor[item.class] }
}

async function lockItem(trx: Transaction<Database>, actor: CurrentUser, itemId: string) {
  const agencies = financeAgencies(actor)
  if (agencies.length === 0) throw new NotFinanceOfAgency()
  const uuid = /^[0-9a-f-]{36}$/i.test(itemId) ? itemId : '00000000-0000-0000-0000-000000000000'
  const item = await trx
    .selectFrom('reconciliation_items')
    .selectAll()
    .where('id', '=', uuid)
    .where((eb) => eb.or([eb('agency_id', 'in', agencies), eb('agency_id', 'is', null)]))
    .forUpdate()
    .executeTakeFirst()
  if (!item) throw new ReconciliationItemNotFound()
  return item
}

type Item = Awaited<ReturnType<typeof lockItem>>

/** Any write to an item lands on an open day: its own, or the next open one when it was closed (corrects_day). */
const rebook = () => ({
  finance_day: sql<string>`finance_open_day(agency_id, finance_day)`,
  corrects_day: sql<string | null>`CASE WHEN finance_open_day(agency_id, finance_day) <> finance_day
                                        THEN finance_day ELSE corrects_day END`,
})

async function audit(
  trx: Transaction<Database>,
  entry: {
    itemId: string
    actorId: string
    action: 'request' | 'approve' | 'resolve' | 'reopen'
    kind: ResolutionKind | null
    reason: string
    data?: Record<string, unknown>
  },
) {
  await trx
    .insertInto('reconciliation_audit')
    .values({
      item_id: entry.itemId,
      actor_id: entry.actorId,
      action: entry.action,
      resolution_kind: entry.kind,
      reason: entry.reason,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute()
}

export interface ResolveInput {
  itemId: string
  kind: ResolutionKind
  /** why (required, shown in the audit trail) */
  reason: string
  now?: Date
}

/**
 * A clerk resolves an exception: `explained` at once (→ `resolved`); a money-moving kind is requested and waits for
 * a second clerk (→ `awaiting_approval`). Errors: ReconciliationItemNotFound (not in scope), ResolutionNotAllowed
 * (`resolved` already, `pending` a request waits, `kind` not for this class, `reason` empty, `no-agency` for
 * apply_payment/propose_refund without a dossier).
 */
export async function resolveException(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: ResolveInput,
): Promise<{ status: 'resolved' | 'awaiting_approval' }> {
  const reason = input.reason.trim()
  if (!reason) throw new ResolutionNotAllowed('reason')
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, actor, input.itemId)
    if (item.status === 'resolved') throw new ResolutionNotAllowed('resolved')
    if (item.requested_by) throw new ResolutionNotAllowed('pending')
    if (!resolutionsFor[item.class].includes(input.kind)) throw new ResolutionNotAllowed('kind')
    if ((input.kind === 'apply_payment' || input.kind === 'propose_refund') && !item.fee_id) {
      throw new ResolutionNotAllowed('no-agency')
    }
    if (moneyMoving.includes(input.kind)) {
      await trx
        .updateTable('reconciliation_items')
        .set({
          resolution_kind: input.kind,
          reason,
          requested_by: actor.id,
          requested_at: now,
          owner_id: actor.id,
          ...rebook(),
        })
        .where('id', '=', item.id)
        .execute()
      await audit(trx, { itemId: item.id, actorId: actor.id, action: 'request', kind: input.kind, reason })
      return { status: 'awaiting_approval' as const }
    }
    await finish(trx, item, { kind: input.kind, reason, approvedBy: null, requestedBy: actor.id, now })
    await audit(trx, { itemId: item.id, actorId: actor.id, action: 'resolve', kind: input.kind, reason })
    return { status: 'resolved' as const }
  })
}

/**
 * A second clerk approves a requested money-moving resolution, which is then carried out in the same transaction.
 * Errors: SameFinanceUser (the requester), ReconciliationItemNotFound, ResolutionNotAllowed (`not-requested`,
 * `not-applicable` when the gateway payment can no longer be applied — e.g. the amount differs).
 */
export async function approveResolution(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: { itemId: string; note?: string; now?: Date },
): Promise<{ status: 'resolved'; refundId?: string }> {
  const now = input.now ?? new Date()
  return db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, actor, input.itemId)
    if (item.status === 'resolved' || !item.requested_by || !item.resolution_kind) {
      throw new ResolutionNotAllowed('not-requested')
    }
    if (item.requested_by === actor.id) throw new SameFinanceUser()
    let refundId: string | undefined
    if (item.resolution_kind === 'apply_payment') await applyGatewayPayment(trx, item, now)
    if (item.resolution_kind === 'propose_refund') {
      refundId = await proposeManualRefund(trx, {
        feeId: item.fee_id!,
        attemptId: item.payment_attempt_id!,
        amount: Number(item.gateway_amount ?? item.portal_amount),
        reason: item.reason!,
      })
    }
    await finish(trx, item, {
      kind: item.resolution_kind,
      reason: item.reason!,
      requestedBy: item.requested_by,
      approvedBy: actor.id,
      now,
    })
    await audit(trx, {
      itemId: item.id,
      actorId: actor.id,
      action: 'approve',
      kind: item.resolution_kind,
      reason: input.note?.trim() || item.reason!,
      data: refundId ? { refundId } : {},
    })
    return { status: 'resolved' as const, refundId }
  })
}

/** A clerk withdraws or refuses a pending request (a new audit entry); the item is open again. */
export async function rejectResolution(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: { itemId: string; reason: string },
): Promise<void> {
  const reason = input.reason.trim()
  if (!reason) throw new ResolutionNotAllowed('reason')
  await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, actor, input.itemId)
    if (item.status === 'resolved' || !item.requested_by) throw new ResolutionNotAllowed('not-requested')
    await trx
      .updateTable('reconciliation_items')
      .set({ resolution_kind: null, reason: null, requested_by: null, requested_at: null, ...rebook() })
      .where('id', '=', item.id)
      .execute()
    await audit(trx, {
      itemId: item.id,
      actorId: actor.id,
      action: 'reopen',
      kind: item.resolution_kind,
      reason,
    })
  })
}

/**
 * Reopens a resolved exception by a new entry (the audit keeps the old resolution). Money already moved is not
 * undone here: the new resolution says how (a refund proposal, a write-off).
 */
export async function reopenException(
  db: Kysely<Database>,
  actor: CurrentUser,
  input: { itemId: string; reason: string; now?: Date },
): Promise<void> {
  const reason = input.reason.trim()
  if (!reason) throw new ResolutionNotAllowed('reason')
  await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, actor, input.itemId)
    if (item.status !== 'resolved') throw new ResolutionNotAllowed('not-resolved')
    await trx
      .updateTable('reconciliation_items')
      .set({
        status: 'open',
        resolution_kind: null,
        reason: null,
        requested_by: null,
        requested_at: null,
        approved_by: null,
        resolved_at: null,
        ...rebook(),
      })
      .where('id', '=', item.id)
      .execute()
    await audit(trx, {
      itemId: item.id,
      actorId: actor.id,
      action: 'reopen',
      kind: item.resolution_kind,
      reason,
      data: { previous: { kind: item.resolution_kind, reason: item.reason, approvedBy: item.approved_by } },
    })
  })
}

/** Resolved, booked on the item's finance day or — when that day was closed meanwhile — the next open one. */
async function finish(
  trx: Transaction<Database>,
  item: Item,
  r: { kind: ResolutionKind; reason: string; requestedBy: string; approvedBy: string | null; now: Date },
) {
  await trx
    .updateTable('reconciliation_items')
    .set({
      status: 'resolved',
      resolution_kind: r.kind,
      reason: r.reason,
      requested_by: r.requestedBy,
      requested_at: item.requested_at ?? r.now,
      approved_by: r.approvedBy,
      resolved_at: r.now,
      owner_id: item.owner_id ?? r.requestedBy,
      ...rebook(),
    })
    .where('id', '=', item.id)
    .execute()
}

/** The settled gateway payment credits its fee through the payments module (receipt, dossier moved on). */
async function applyGatewayPayment(trx: Transaction<Database>, item: Item, now: Date) {
  if (!item.payment_attempt_id || !item.settlement_line_id) throw new ResolutionNotAllowed('not-applicable')
  const attempt = await trx
    .selectFrom('payment_attempts')
    .select(['id', 'provider', 'provider_ref', 'amount'])
    .where('id', '=', item.payment_attempt_id)
    .executeTakeFirstOrThrow()
  const line = await trx
    .selectFrom('settlement_lines')
    .select(['line_id', 'gross', 'transaction_id', 'settled_at'])
    .where('id', '=', item.settlement_line_id)
    .executeTakeFirstOrThrow()
  const outcome = await applyPaymentIn(trx, {
    provider: attempt.provider,
    eventId: `reconciliation:${item.id}`,
    source: 'reconciliation',
    snapshot: {
      providerRef: attempt.provider_ref ?? attempt.id,
      attemptId: attempt.id,
      status: 'succeeded',
      amount: Number(line.gross),
      currency: 'VND',
      transactionId: line.transaction_id,
      paidAt: line.settled_at,
      failureCode: null,
    },
    payload: JSON.stringify({ reconciliationItem: item.id, settlementLine: line.line_id }),
    now,
  })
  if (outcome !== 'applied') throw new ResolutionNotAllowed('not-applicable')
}
