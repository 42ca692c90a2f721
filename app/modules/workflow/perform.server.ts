import type { Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../../../db/schema'
import { loadHolidays } from '../calendar/holidays.server'
import { feePolicyOf } from '../catalogue/types'
import { vnDay } from '../calendar/vietnam-time'
import type { HolidaySet } from '../calendar/working-days'
import { effects, type EffectOutput, type LockedDossier } from './effects.server'
import {
  ConflictError,
  DossierNotFoundError,
  ForbiddenActionError,
  InvalidActionInputError,
  InvalidTransitionError,
} from './errors'
import { writeEvent } from './events.server'
import { loadFacts } from './facts.server'
import { letters } from './letters.server'
import {
  actionDefinition,
  checkAction,
  isActionName,
  resolveTarget,
  type ActionDefinition,
  type ActionName,
  type Role,
  type Status,
} from './transitions'

export interface Actor {
  /** the user; null only for the system */
  id: string | null
  /**
   * Staff grants, as in the session's `CurrentUser.roles`. Only grants for the dossier's agency that staff_roles
   * still holds count (re-read in the transaction: a role revoked mid-session no longer acts). The applicant
   * holds 'citizen' on their own dossier without a grant.
   */
  roles: readonly { role: string; agencyId: string }[]
  /** gateway events and jobs: holds the 'system' role */
  system?: boolean
}

export const systemActor: Actor = Object.freeze({ id: null, roles: [], system: true })

export interface TransitionResult {
  dossierId: string
  code: string
  action: ActionName
  from: Status
  to: Status
  /** the role the actor acted as (written to the audit row) */
  actorRole: Role
  /** the dossier's version after the transition (pass it as `expectedVersion` next time) */
  version: number
  reason: string | null
  /** the audit row's `data`: the caller's data with what the effects decided (due dates, ids, timeliness) */
  data: Record<string, unknown>
  /** due_at after the transition (the appointment of Mẫu 01 on receive) */
  dueAt: Date | null
  /** the supplement_requests row written (request_supplement) or answered (supplement) */
  supplementRequestId: string | null
}

export interface PerformInput {
  /** the dossier, by its code (every action but `submit`) or by its id (a draft has no code yet) */
  dossierCode?: string
  dossierId?: string
  /** only this applicant's dossier is found (citizen use cases): another's code is DossierNotFoundError (404) */
  applicantId?: string
  /** an action name; a string is accepted (routes pass the posted value): unknown → InvalidTransitionError */
  action: ActionName | (string & {})
  actor: Actor
  /** the version the actor's page showed; a different current version → ConflictError */
  expectedVersion?: number
  /** required by actions with `needsReason` (trimmed, at most 2000 characters) */
  reason?: string | null
  /**
   * Per action: assign `{ assigneeId }` · request_supplement `{ items: [{ kind: 'document'|'field', key, reason }] }`
   * · assess_fee `{ amount, description?: { vi, en } }` · apologise `{ newAppointmentAt: Date | ISO instant |
   * 'yyyy-mm-dd' }`. Anything else is kept in the audit row as given.
   */
  data?: Record<string, unknown>
  now?: Date
  /** the use case performing an action whose row names one (`performedBy`): `submit` ← 'submitDraft' */
  performedBy?: ActionDefinition['performedBy']
  /**
   * Runs inside the transaction after the audit row and the action's letter: what the use case adds (a file row,
   * a log), so it exists exactly when the transition commits. Throwing rolls it all back.
   */
  inTransaction?: (trx: Transaction<Database>, result: TransitionResult) => Promise<void>
}

/**
 * Performs one workflow action on a dossier — the only way a dossier's status changes. ONE transaction, a short
 * pipeline: lock the dossier row → load the facts → the verdict (the actor's roles for the dossier's agency,
 * `expectedVersion`, the status and the guards, in that order: 403, 409, 409) → the action's named effects
 * (effects.server.ts) → update the row (status, version) → exactly one dossier_events row → the action's letter
 * to the applicant (letters.server.ts, queued in the same transaction) → the effects' last steps (the dossier
 * code: its counter row is the hottest lock, so it is taken just before commit) → `inTransaction`.
 *
 * Concurrent attempts queue on the row lock; each later one sees the winner's result, so it gets ConflictError
 * (with a stale `expectedVersion`) or InvalidTransitionError (the status moved on), never a database error.
 *
 * `db` may already be a transaction (the payments module marking a fee paid and then performing `pay`, a
 * supplement answer saving the form data first, a submission checked for completeness): the transition then
 * joins it and the caller commits.
 */
export async function performTransition(
  db: Kysely<Database>,
  input: PerformInput,
): Promise<TransitionResult> {
  if (!isActionName(input.action)) throw new InvalidTransitionError(input.action, '-', 'unknown_action')
  const def = actionDefinition(input.action)
  if (def.performedBy && def.performedBy !== input.performedBy)
    throw new InvalidTransitionError(def.action, '-', 'performed_elsewhere')
  const run = (trx: Transaction<Database>) => perform(trx, def, input)
  return db.isTransaction ? run(db as Transaction<Database>) : db.transaction().execute(run)
}

async function perform(
  trx: Transaction<Database>,
  def: ActionDefinition,
  input: PerformInput,
): Promise<TransitionResult> {
  const now = input.now ?? new Date()
  const { actor } = input
  const action = def.action

  const dossier = await lockDossier(trx, input, action)
  const from = dossier.status
  const held = await rolesFor(trx, actor, dossier)
  const { facts, openRequest } = await loadFacts(
    trx,
    {
      ...dossier,
      draft:
        from === 'draft'
          ? { feePolicy: feePolicyOf(dossier.fee_policy), formData: dossier.form_data }
          : undefined,
    },
    { userId: actor.id, now },
  )

  const verdict = checkAction(action, { status: from, roles: held, facts })
  if (!verdict.ok && verdict.because === 'role') throw new ForbiddenActionError(action)
  if (input.expectedVersion !== undefined && input.expectedVersion !== dossier.version)
    throw new ConflictError(input.expectedVersion, dossier.version)
  if (!verdict.ok)
    throw new InvalidTransitionError(
      action,
      from,
      verdict.because === 'guard' ? 'guard' : 'status',
      verdict.because === 'guard' ? verdict.guard : null,
    )
  if (def.to === 'return' && !facts.returnStatus) throw new InvalidTransitionError(action, from, 'status')
  const reason = reasonOf(def, input.reason)
  const to = resolveTarget(def, from, facts)

  const out: EffectOutput = {
    patch: {},
    data: {},
    pausedMinutes: 0,
    supplementRequestId: openRequest?.id ?? null,
    last: [],
  }
  let holidays: Promise<HolidaySet> | undefined
  const year = Number(vnDay(now).slice(0, 4))
  const calendar = () => (holidays ??= loadHolidays(trx, year - 1, year + 2))
  for (const name of def.effects ?? []) {
    await effects[name]({
      trx,
      action,
      dossier,
      actor,
      from,
      to,
      data: input.data,
      now,
      openRequestId: openRequest?.id ?? null,
      calendar,
      out,
    })
  }

  const updated = await trx
    .updateTable('dossiers')
    .set({
      ...out.patch,
      status: to,
      paused_working_minutes: sql<number>`paused_working_minutes + ${out.pausedMinutes}`,
      version: sql<number>`version + 1`,
      updated_at: now,
    })
    .where('id', '=', dossier.id)
    .returning(['version', 'due_at', 'code'])
    .executeTakeFirstOrThrow()
  const data = { ...(input.data ?? {}), ...out.data }
  await writeEvent(trx, {
    dossierId: dossier.id,
    actorId: actor.id,
    actorRole: verdict.role,
    action,
    from,
    to,
    reason,
    data,
    citizenVisible: !def.internal,
  })
  const result: TransitionResult = {
    dossierId: dossier.id,
    code: updated.code!,
    action,
    from,
    to,
    actorRole: verdict.role,
    version: updated.version,
    reason,
    data,
    dueAt: updated.due_at,
    supplementRequestId: out.supplementRequestId,
  }
  await letters[action]?.(trx, result)
  for (const step of out.last) Object.assign(result, await step())
  await input.inTransaction?.(trx, result)
  return result
}

/**
 * The dossier row, locked. Drafts are private to their applicant: only `submit` finds one (by id); every other
 * action finds submitted dossiers by code.
 */
async function lockDossier(
  trx: Transaction<Database>,
  input: PerformInput,
  action: ActionName,
): Promise<LockedDossier> {
  const key = input.dossierId ?? input.dossierCode
  if (!key || (input.dossierId !== undefined && !UUID.test(input.dossierId))) throw new DossierNotFoundError()
  const d = await trx
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .select([
      'd.id',
      'd.code',
      'd.status',
      'd.version',
      'd.agency_id',
      'a.code as agency_code',
      'd.applicant_id',
      'd.assignee_id',
      'd.procedure_version_id',
      'd.delivery_method',
      'd.received_at',
      'd.due_at',
      'd.paused_since',
      'd.timeliness',
      'd.form_data',
      'p.level',
      'p.processing_days',
      'p.fee_policy',
      'p.name_vi',
      'p.name_en',
    ])
    .where(input.dossierId !== undefined ? 'd.id' : 'd.code', '=', key)
    .$if(input.applicantId !== undefined, (q) => q.where('d.applicant_id', '=', input.applicantId!))
    .forUpdate('d')
    .executeTakeFirst()
  if (!d || (d.status === 'draft') !== (action === 'submit')) throw new DossierNotFoundError()
  return d
}

/**
 * The roles the actor holds for THIS dossier: 'system' for gateway events and jobs, 'citizen' for its applicant,
 * and the staff grants for its agency that staff_roles still holds (re-read after the lock: a role revoked
 * mid-session no longer acts). Never a staff role on a dossier the actor applied for: no officer decides their
 * own case (and staff accounts cannot file dossiers at all, `mayApply`).
 */
async function rolesFor(trx: Transaction<Database>, actor: Actor, d: LockedDossier): Promise<Role[]> {
  const held: Role[] = []
  if (actor.system) held.push('system')
  const applicant = actor.id !== null && actor.id === d.applicant_id
  if (applicant) held.push('citizen')
  const claimed = actor.roles.filter((g) => g.agencyId === d.agency_id && staffWorkflowRoles.includes(g.role))
  if (applicant || !claimed.length || !actor.id || !UUID.test(actor.id)) return held
  const granted = await trx
    .selectFrom('staff_roles')
    .select('role')
    .where('user_id', '=', actor.id)
    .where('agency_id', '=', d.agency_id)
    .execute()
  for (const g of claimed)
    if (granted.some((r) => r.role === g.role) && !held.includes(g.role as Role)) held.push(g.role as Role)
  return held
}

function reasonOf(def: ActionDefinition, given: string | null | undefined): string | null {
  const reason = given?.trim() || null
  if (def.needsReason && !reason) throw new InvalidActionInputError(def.action, 'reason', 'required')
  if (reason && reason.length > 2000) throw new InvalidActionInputError(def.action, 'reason', 'tooLong')
  return reason
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const staffWorkflowRoles: readonly string[] = ['reception', 'specialist', 'approver', 'finance']
