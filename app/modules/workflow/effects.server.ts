/**
 * The workflow's effects, one named function each (the table's `effects` name them). The map is typed by
 * `EffectName`, so an effect added to the table without a handler does not compile. Each effect reads the locked
 * dossier and the action's input, and writes into `out`: the columns to set on the dossier, the facts to keep in
 * the audit row, and what the caller gets back. Effects run in the transition's transaction, in the table's order.
 */
import { type Selectable, type Transaction, type Updateable } from 'kysely'
import { z } from 'zod'
import type { Database, DossiersTable, SupplementItem } from '../../../db/schema'
import { feePolicyOf } from '../catalogue/types'
import { vnDay } from '../calendar/vietnam-time'
import { isWorkingDay, type HolidaySet } from '../calendar/working-days'
import { allFields, procedureVersionFromRow } from '../forms/definition'
import { supplementItemSchema } from '../forms/supplement-items'
import { feeAtSubmission } from '../ledger/fees'
import { demandAssessedFee, demandFee, payDueFeesAtCounter } from '../ledger/fees.server'
import { proposeRefundsForClosedDossier } from '../ledger/refund-proposals.server'
import {
  classify,
  dueDate,
  endOfWorkingDay,
  extendForPause,
  pausedWorkingDays,
  WORKING_MINUTES_PER_DAY,
} from './clock'
import { assignDossierCode, assignTrackingNumber } from './codes.server'
import { isPostalTracking, normalisePostalTracking } from './postal-tracking'
import { InvalidActionInputError } from './errors'
import type { Actor } from './perform.server'
import type { ActionName, EffectName, Status } from './transitions'

/** The locked dossier row, as `performTransition` read it. */
export interface LockedDossier {
  id: string
  code: string | null
  status: Status
  version: number
  agency_id: string
  agency_code: string
  applicant_id: string
  assignee_id: string | null
  procedure_version_id: string
  delivery_method: string | null
  received_at: Date | null
  due_at: Date | null
  paused_since: Date | null
  timeliness: Selectable<DossiersTable>['timeliness']
  level: 3 | 4
  processing_days: number
  fee_policy: unknown
  form_data: Record<string, unknown>
  name_vi: string
  name_en: string
}

export interface EffectContext {
  trx: Transaction<Database>
  action: ActionName
  dossier: LockedDossier
  actor: Actor
  /** the status before and after the transition */
  from: Status
  to: Status
  data: Record<string, unknown> | undefined
  now: Date
  openRequestId: string | null
  /** the holidays around now, loaded once per transition when an effect needs them */
  calendar: () => Promise<HolidaySet>
  out: EffectOutput
}

export interface EffectOutput {
  patch: Updateable<DossiersTable>
  /** kept in the audit row's data, beside the caller's data */
  data: Record<string, unknown>
  /** paused working minutes to add (whole working days × 480: the clock counts days) */
  pausedMinutes: number
  supplementRequestId: string | null
  /** steps to run at the very end of the transaction, after the audit row and the letter (hot locks) */
  last: (() => Promise<{ code?: string }>)[]
}

type Effect = (ctx: EffectContext) => Promise<void>

export const effects: { readonly [E in EffectName]: Effect } = {
  /**
   * The dossier code from the per-agency, per-day counter (submission). Taken last, just before commit: every
   * submission of the agency's day queues on that counter row until its transaction ends, so nothing else may
   * run while it is held (200 concurrent submissions must fit the pool's wait).
   */
  async allocateCode({ trx, dossier, now, out }) {
    out.patch.submitted_at = now
    out.last.push(async () => {
      return { code: await assignDossierCode(trx, dossier, now) }
    })
  },

  /** the fee demand due at submission, from the procedure's fee policy and the form data */
  async demandFee({ trx, dossier, out }) {
    const fee = feeAtSubmission(feePolicyOf(dossier.fee_policy), dossier.level, dossier.form_data, {
      vi: dossier.name_vi,
      en: dossier.name_en,
    })
    if (!fee) return
    await demandFee(trx, dossier.id, fee)
    out.data.fee = fee.amount
  },

  async startClock({ dossier, now, calendar, out }) {
    const dueAt = dueDate(now, dossier.processing_days, await calendar())
    out.patch.received_at = now
    out.patch.due_at = dueAt
    Object.assign(out.data, { receivedAt: now, dueAt, processingDays: dossier.processing_days })
  },

  /**
   * The next number of the agency's tracking book for the Vietnamese year of reception (Mẫu 01 prints it, Mẫu 06
   * lists by it). Like the dossier code, a counter row per agency and year bumped by an upsert, taken last: the
   * agency's receptions queue on that row until commit, so numbers are unique and a rolled-back one is given back.
   */
  async enterTrackingBook({ trx, dossier, now, out }) {
    out.last.push(async () => {
      await assignTrackingNumber(trx, dossier, now)
      return {}
    })
  },

  async pauseClock({ now, out }) {
    out.patch.paused_since = now
  },

  async resumeClock({ dossier, now, calendar, out }) {
    if (!dossier.paused_since) return
    const days = pausedWorkingDays(dossier.paused_since, now, await calendar())
    out.patch.paused_since = null
    out.pausedMinutes = days * WORKING_MINUTES_PER_DAY
    out.data.pausedWorkingDays = days
    if (dossier.due_at) {
      out.patch.due_at = extendForPause(dossier.due_at, days, await calendar())
      out.data.dueAt = out.patch.due_at
    }
  },

  async openSupplementRequest({ trx, action, dossier, actor, from, data, now, out }) {
    const { items } = parseData(action, supplementSchema, data)
    await checkSupplementItems(trx, action, dossier.procedure_version_id, items)
    const row = await trx
      .insertInto('supplement_requests')
      .values({
        dossier_id: dossier.id,
        requested_by: actor.id!,
        items: JSON.stringify(items),
        return_status: from,
        requested_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    out.supplementRequestId = row.id
    Object.assign(out.data, { supplementRequestId: row.id, items, returnStatus: from })
  },

  async closeSupplementRequest({ trx, openRequestId, now, out }) {
    await trx
      .updateTable('supplement_requests')
      .set({ answered_at: now })
      .where('id', '=', openRequestId!)
      .execute()
    out.data.supplementRequestId = openRequestId
  },

  /** assignee_id = data.assigneeId, a specialist of the dossier's agency */
  async assignSpecialist({ trx, action, dossier, data, out }) {
    const { assigneeId } = parseData(action, assignSchema, data)
    const specialist = await trx
      .selectFrom('staff_roles')
      .select('user_id')
      .where('user_id', '=', assigneeId)
      .where('agency_id', '=', dossier.agency_id)
      .where('role', '=', 'specialist')
      .executeTakeFirst()
    if (!specialist) throw new InvalidActionInputError(action, 'assigneeId', 'notSpecialist')
    out.patch.assignee_id = assigneeId
    out.data.assigneeId = assigneeId
  },

  async demandAssessedFee({ trx, action, dossier, data, out }) {
    const { amount, description } = parseData(action, assessedFeeSchema, data)
    const fee = await demandAssessedFee(trx, dossier.id, {
      amount,
      description: description ?? {
        vi: `Phí thẩm định: ${dossier.name_vi}`,
        en: `Appraisal fee: ${dossier.name_en}`,
      },
    })
    Object.assign(out.data, { feeId: fee.id, amount })
  },

  /** the instant the result became ready (the clock stops), kept in the event for classification */
  async markResultReady({ now, out }) {
    out.data.resultReadyAt = now
  },

  /** every due fee paid at the counter, each with its e-receipt */
  async markFeesPaid({ trx, dossier, now, out }) {
    Object.assign(out.data, await payDueFeesAtCounter(trx, dossier.id, now))
  },

  /**
   * How reception returned the result: online (the citizen downloads it), at the counter (handed over: this
   * event is the record, with who and when), or by post with the postal item number, kept on the dossier for
   * the citizen's page and the public lookup. The method must be one the procedure offers.
   */
  async recordDelivery({ trx, action, dossier, data, out }) {
    const given = parseData(action, deliverySchema, data)
    const procedure = await trx
      .selectFrom('dossiers as d')
      .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
      .select('p.delivery')
      .where('d.id', '=', dossier.id)
      .executeTakeFirstOrThrow()
    // Not given (a job, the demo history): the way the applicant chose, else the procedure's first.
    const method = given.method ?? dossier.delivery_method ?? procedure.delivery[0]
    const { trackingNumber } = given
    if (!method || !procedure.delivery.includes(method))
      throw new InvalidActionInputError(action, 'method', 'invalid')
    out.data.method = method
    // Only a postal delivery has an item number (a stray one posted with another method is not kept).
    out.data.trackingNumber = null
    if (method !== 'post') return
    const number = normalisePostalTracking(trackingNumber ?? '')
    if (!number) throw new InvalidActionInputError(action, 'trackingNumber', 'required')
    if (!isPostalTracking(number))
      throw new InvalidActionInputError(action, 'trackingNumber', 'trackingNumber')
    out.patch.postal_tracking_number = number
    out.data.trackingNumber = number
  },

  async classifyTimeliness({ trx, dossier, now, out }) {
    // The clock stopped when the result became ready (DESIGN §5): a citizen collecting late does not make the
    // agency late. The instant is in the audit row of the transition into result_ready.
    const ready = await trx
      .selectFrom('dossier_events')
      .select(['data', 'at'])
      .where('dossier_id', '=', dossier.id)
      .where('to_status', '=', 'result_ready')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    const readyAt = instantOr(ready?.data.resultReadyAt, ready?.at ?? now)
    const timeliness = dossier.timeliness ?? (dossier.due_at ? classify(readyAt, dossier.due_at) : null)
    out.patch.completed_at = now
    out.patch.timeliness = timeliness
    Object.assign(out.data, {
      timeliness,
      resultReadyAt: readyAt,
      dueAt: dossier.due_at,
      deliveryMethod: dossier.delivery_method,
    })
  },

  /** closed without a result; fees paid online go back (a refund proposal for finance) */
  async close({ trx, dossier, to, now, out }) {
    out.patch.completed_at = now
    if (to === 'refused' || to === 'refused_at_intake' || to === 'withdrawn')
      await proposeRefundsForClosedDossier(trx, dossier.id, to === 'withdrawn' ? 'withdrawn' : 'refused')
  },

  /** a new appointment date recorded in the event; due_at keeps the legal deadline (timeliness is judged by it) */
  async reschedule({ action, dossier, data, now, calendar, out }) {
    const { newAppointmentAt } = parseData(action, apologySchema, data)
    const at = appointmentInstant(newAppointmentAt)
    if (!at) throw new InvalidActionInputError(action, 'newAppointmentAt', 'invalid')
    if (at.getTime() <= now.getTime())
      throw new InvalidActionInputError(action, 'newAppointmentAt', 'notInFuture')
    if (!isWorkingDay(vnDay(at), await calendar()))
      throw new InvalidActionInputError(action, 'newAppointmentAt', 'notWorkingDay')
    Object.assign(out.data, { newAppointmentAt: at, legalDueAt: dossier.due_at })
  },
}

// -------------------------------------------------------------------------------------------------------------
// Action data
// -------------------------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const assignSchema = z.object({ assigneeId: z.string().regex(UUID) })
const supplementSchema = z.object({ items: z.array(supplementItemSchema).min(1).max(50) })
const assessedFeeSchema = z.object({
  amount: z.number().int().positive().max(1_000_000_000_000),
  description: z.object({ vi: z.string().trim().min(1), en: z.string().trim().min(1) }).optional(),
})
const apologySchema = z.object({ newAppointmentAt: z.union([z.date(), z.string().min(1)]) })
const deliverySchema = z.object({
  method: z.enum(['online', 'counter', 'post']).optional(),
  trackingNumber: z.string().max(40).optional(),
})

function parseData<T>(action: string, schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue.path.map(String).join('.') || 'data'
  throw new InvalidActionInputError(action, field, issue.code === 'invalid_type' ? 'required' : 'invalid')
}

/** Supplement items name the procedure version's documents and fields (the citizen sees their names). */
async function checkSupplementItems(
  trx: Transaction<Database>,
  action: string,
  versionId: string,
  items: SupplementItem[],
) {
  const version = await trx
    .selectFrom('procedure_versions')
    .select(['form', 'documents'])
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow()
  const { form, documents: required } = procedureVersionFromRow(version)
  const documents = new Set(required.map((doc) => doc.key))
  const fields = new Set(allFields(form).map((f) => f.key))
  items.forEach((item, i) => {
    const known = item.kind === 'document' ? documents.has(item.key) : fields.has(item.key)
    if (!known) throw new InvalidActionInputError(action, `items.${i}.key`, 'unknownItem')
  })
  const keys = items.map((i) => `${i.kind}:${i.key}`)
  if (new Set(keys).size !== keys.length) throw new InvalidActionInputError(action, 'items', 'duplicateItem')
}

/** A Date, an ISO instant, or a Vietnamese calendar day 'yyyy-mm-dd' (→ the end of that working day). */
function appointmentInstant(value: Date | string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = endOfWorkingDay(value)
    return Number.isNaN(at.getTime()) || vnDay(at) !== value ? null : at
  }
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : new Date(ms)
}

function instantOr(value: unknown, fallback: Date): Date {
  if (typeof value !== 'string') return fallback
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? fallback : new Date(ms)
}
