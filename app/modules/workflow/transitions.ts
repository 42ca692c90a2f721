/**
 * The dossier workflow as data (DESIGN §5, in the manner of Vendure's state machines): one table of actions,
 * validated when this module loads, from which the UI asks `availableActions` which buttons to show and the
 * server (`perform.server.ts`) asks `checkAction` again before it changes anything. Pure: no server code, safe
 * in the browser bundle.
 *
 * How a row reads: `roles` may perform `action` while the dossier is in one of `from`, when every guard holds
 * for the acting role; the dossier then goes to `to`:
 * - a status;
 * - 'same': the status does not change (an event is still written and the version still moves);
 * - 'return': back to the status recorded when the pause began (`facts.returnStatus`, from the open
 *   supplement request);
 * - `{ choose, among }`: one of `among`, picked by the named chooser from the facts. `submit` uses
 *   `onlineFeeDue` (a level-4 fee due at submission → awaiting_payment, else submitted); `pay` uses
 *   `paymentPhase` (never received → submitted; fee assessed after reception → back to in_progress).
 *
 * Guards and choosers read only `facts`, which the caller computes from the dossier (`factsOf`). A guard fact
 * left undefined counts as false: the UI must pass what the guards need, or the button is hidden.
 */
import type { DossierStatus } from '../../../db/schema'
import { isOverdue } from './clock'

export type Status = DossierStatus

export const statuses: readonly Status[] = [
  'draft',
  'awaiting_payment',
  'submitted',
  'received',
  'in_progress',
  'supplement_requested',
  'awaiting_approval',
  'result_ready',
  'completed',
  'refused_at_intake',
  'refused',
  'withdrawn',
]

/** Who holds the dossier now, as the citizen is told ("where is my dossier?"); the `holder` guard reads it too. */
export function holderOf(status: Status): 'citizen' | 'reception' | 'specialist' | 'approver' | 'none' {
  switch (status) {
    case 'draft':
    case 'awaiting_payment':
    case 'supplement_requested':
      return 'citizen'
    case 'submitted':
    case 'received':
    case 'result_ready':
      return 'reception'
    case 'in_progress':
      return 'specialist'
    case 'awaiting_approval':
      return 'approver'
    default:
      return 'none'
  }
}

/** No action leaves these. */
export const terminalStatuses: readonly Status[] = ['completed', 'refused_at_intake', 'refused', 'withdrawn']

/** Workflow roles: the staff roles that act on dossiers, the applicant, and the system (gateway events, jobs). */
export const roles = ['citizen', 'reception', 'specialist', 'approver', 'finance', 'system'] as const
export type Role = (typeof roles)[number]

export const guardNames = [
  /** past the due day (`facts.overdue`) */
  'overdue',
  /** the procedure is level 3 ("một phần": fees paid at the counter) */
  'level3',
  /** the procedure is level 4 ("toàn trình": fees paid online) */
  'level4',
  /** a fee of the dossier is still due */
  'feeDue',
  /** no fee of the dossier is due any more (facts.feeDue === false) */
  'feesSettled',
  /** a specialist acts only on a dossier assigned to them (other roles pass) */
  'assignee',
  /** the acting role is the one holding the dossier now (`holderOf`): reception before
   *  assignment, the specialist during processing */
  'holder',
] as const
export type GuardName = (typeof guardNames)[number]

export const effectNames = [
  /** submitDraft: the dossier code from the per-agency, per-day counter */
  'allocateCode',
  /** submitDraft: the fee demand due at submission */
  'demandFee',
  /** received_at = now, due_at = dueDate(now, processing days) */
  'startClock',
  /** the next number of the agency's tracking book for the year (sổ theo dõi hồ sơ, Mẫu 06): book_year, book_number */
  'enterTrackingBook',
  /** paused_since = now */
  'pauseClock',
  /** paused working days added, due_at extended, paused_since cleared */
  'resumeClock',
  /** a supplement_requests row (items, return_status = the status it came from) */
  'openSupplementRequest',
  /** the open supplement request answered */
  'closeSupplementRequest',
  /** assignee_id = data.assigneeId (a specialist of the agency) */
  'assignSpecialist',
  /** a fee row of kind 'assessed' with data.amount */
  'demandAssessedFee',
  /** the instant the result became ready (the clock stops), kept in the event for classification */
  'markResultReady',
  /** every due fee of the dossier marked paid (at the counter) */
  'markFeesPaid',
  /** how the result was returned (data.method, one of the procedure's delivery methods); by post, the postal item
   *  number (data.trackingNumber, UPU S10) kept on the dossier */
  'recordDelivery',
  /** completed_at = now; timeliness = classify(result ready, due_at), once and for all */
  'classifyTimeliness',
  /** completed_at = now (the dossier is closed without a result) */
  'close',
  /** a new appointment date (data.newAppointmentAt) recorded in the event; due_at keeps the legal deadline */
  'reschedule',
] as const
export type EffectName = (typeof effectNames)[number]

export const chooserNames = ['onlineFeeDue', 'paymentPhase'] as const
export type ChooserName = (typeof chooserNames)[number]

export type Target = Status | 'same' | 'return' | { choose: ChooserName; among: readonly Status[] }

/**
 * The paper forms of one dossier (Circular 01/2018/TT-VPCP): 01–04 are produced by an action (the table's
 * `form`); 05, the process-control slip, is opened by the action that produces 01 (reception) and filled by every
 * hand-over after it. (06, the tracking book, is the agency's register, not a dossier's form.)
 */
export const formNumbers = ['01', '02', '03', '04', '05'] as const
export type FormNumber = (typeof formNumbers)[number]

export type ActionName =
  | 'submit'
  | 'pay'
  | 'receive'
  | 'refuse_intake'
  | 'request_supplement'
  | 'supplement'
  | 'assign'
  | 'assess_fee'
  | 'propose'
  | 'approve'
  | 'refuse'
  | 'return_rework'
  | 'record_counter_payment'
  | 'deliver'
  | 'withdraw'
  | 'apologise'

export interface ActionDefinition {
  action: ActionName
  from: readonly Status[]
  to: Target
  roles: readonly Role[]
  guards?: readonly GuardName[]
  effects?: readonly EffectName[]
  /** a reason is required (and shown to the citizen on the form, e.g. Mẫu 03) */
  needsReason?: boolean
  form?: FormNumber
  /** the audit row is for officers only (not on the citizen's timeline) */
  internal?: boolean
  /**
   * Where a person takes it: 'officer' (a form of the officer's dossier page, app/modules/officer/action-forms.ts),
   * 'citizen' (a page of the citizen's, `citizenActionPaths` in app/modules/dossiers/citizen-actions.ts) or
   * 'system' (no page: gateway events and jobs). A test fails when an action has no such surface.
   */
  surface: 'officer' | 'citizen' | 'system'
  /** only this use case may perform it (it validates the content first), through `performTransition` */
  performedBy?: 'submitDraft'
}

/** What guards and choosers need to know about the dossier (and the actor, for `isAssignee`). */
export interface Facts {
  overdue?: boolean
  level?: 3 | 4
  /** a fee row of the dossier has status 'due' */
  feeDue?: boolean
  /** the acting user is the dossier's assignee */
  isAssignee?: boolean
  /** the dossier has been received (received_at is set) */
  received?: boolean
  /** the status the open supplement request returns to */
  returnStatus?: Status | null
}

export interface ActionContext {
  status: Status
  /** the roles the user holds FOR THIS DOSSIER (its agency; 'citizen' only for its applicant) */
  roles: readonly Role[]
  facts: Facts
}

// -------------------------------------------------------------------------------------------------------------
// The table
// -------------------------------------------------------------------------------------------------------------

/** Where a dossier's legal clock runs (DESIGN §5): apologies are for these. */
const clockRunning: readonly Status[] = ['received', 'in_progress', 'awaiting_approval']
/** Every status between submission and closing, except awaiting_payment (level 3 never waits for payment). */
const counterFeeStatuses: readonly Status[] = [
  'submitted',
  'received',
  'in_progress',
  'supplement_requested',
  'awaiting_approval',
  'result_ready',
]

const table: readonly ActionDefinition[] = [
  {
    action: 'submit',
    surface: 'citizen',
    from: ['draft'],
    to: { choose: 'onlineFeeDue', among: ['awaiting_payment', 'submitted'] },
    roles: ['citizen'],
    effects: ['allocateCode', 'demandFee'],
    performedBy: 'submitDraft',
  },
  {
    action: 'pay',
    surface: 'system',
    from: ['awaiting_payment'],
    to: { choose: 'paymentPhase', among: ['submitted', 'in_progress'] },
    roles: ['system'],
    guards: ['feesSettled'],
    effects: ['resumeClock'],
  },
  {
    action: 'receive',
    surface: 'officer',
    from: ['submitted'],
    to: 'received',
    roles: ['reception'],
    effects: ['startClock', 'enterTrackingBook'],
    form: '01',
  },
  {
    action: 'refuse_intake',
    surface: 'officer',
    from: ['submitted'],
    to: 'refused_at_intake',
    roles: ['reception'],
    effects: ['close'],
    needsReason: true,
    form: '03',
  },
  {
    action: 'request_supplement',
    surface: 'officer',
    from: ['submitted', 'received', 'in_progress'],
    to: 'supplement_requested',
    roles: ['reception', 'specialist'],
    guards: ['holder', 'assignee'],
    effects: ['openSupplementRequest', 'pauseClock'],
    form: '02',
  },
  {
    action: 'supplement',
    surface: 'citizen',
    from: ['supplement_requested'],
    to: 'return',
    roles: ['citizen'],
    effects: ['closeSupplementRequest', 'resumeClock'],
  },
  {
    action: 'assign',
    surface: 'officer',
    from: ['received'],
    to: 'in_progress',
    roles: ['reception', 'approver'],
    effects: ['assignSpecialist'],
    internal: true,
  },
  {
    action: 'assess_fee',
    surface: 'officer',
    from: ['in_progress'],
    to: 'awaiting_payment',
    roles: ['specialist'],
    guards: ['assignee', 'level4'],
    effects: ['demandAssessedFee', 'pauseClock'],
  },
  {
    action: 'propose',
    surface: 'officer',
    from: ['in_progress'],
    to: 'awaiting_approval',
    roles: ['specialist'],
    guards: ['assignee'],
    internal: true,
  },
  {
    action: 'approve',
    surface: 'officer',
    from: ['awaiting_approval'],
    to: 'result_ready',
    roles: ['approver'],
    effects: ['markResultReady'],
  },
  {
    action: 'refuse',
    surface: 'officer',
    from: ['awaiting_approval'],
    to: 'refused',
    roles: ['approver'],
    effects: ['close'],
    needsReason: true,
    form: '03',
  },
  {
    action: 'return_rework',
    surface: 'officer',
    from: ['awaiting_approval'],
    to: 'in_progress',
    roles: ['approver'],
    needsReason: true,
    internal: true,
  },
  {
    action: 'record_counter_payment',
    surface: 'officer',
    from: counterFeeStatuses,
    to: 'same',
    roles: ['reception', 'finance'],
    guards: ['level3', 'feeDue'],
    effects: ['markFeesPaid'],
  },
  {
    action: 'deliver',
    surface: 'officer',
    from: ['result_ready'],
    to: 'completed',
    roles: ['reception'],
    guards: ['feesSettled'],
    effects: ['recordDelivery', 'classifyTimeliness'],
  },
  {
    action: 'withdraw',
    surface: 'citizen',
    from: ['awaiting_payment', 'submitted'],
    to: 'withdrawn',
    roles: ['citizen'],
    effects: ['close'],
  },
  {
    action: 'apologise',
    surface: 'officer',
    from: clockRunning,
    to: 'same',
    roles: ['reception', 'approver'],
    guards: ['overdue'],
    effects: ['reschedule'],
    needsReason: true,
    form: '04',
  },
]

// -------------------------------------------------------------------------------------------------------------
// Validation (run on the real table when this module loads; exported for tests and future editable tables)
// -------------------------------------------------------------------------------------------------------------

/** A loosely typed row, so that broken tables (unknown names) can be validated too. */
export interface WorkflowRow {
  action: string
  from: readonly string[]
  to: string | { choose: string; among: readonly string[] }
  roles: readonly string[]
  guards?: readonly string[]
  effects?: readonly string[]
  needsReason?: boolean
}

export type WorkflowProblemKind =
  | 'duplicate_action'
  | 'unknown_status'
  | 'unknown_role'
  | 'unknown_guard'
  | 'unknown_effect'
  | 'unknown_chooser'
  | 'no_roles'
  | 'no_from'
  | 'terminal_has_action'
  | 'unreachable'
  | 'dead_end'
  | 'return_without_origin'

export interface WorkflowProblem {
  kind: WorkflowProblemKind
  action?: string
  status?: string
  message: string
}

const known =
  <T extends string>(list: readonly T[]) =>
  (value: string): value is T =>
    (list as readonly string[]).includes(value)
const isStatus = known(statuses)
const isRole = known(roles)
const isGuard = known(guardNames)
const isEffect = known(effectNames)
const isChooser = known(chooserNames)

/** Statuses a row can lead to from `from`, ignoring 'return' (resolved by the caller) and 'same'. */
function directTargets(row: WorkflowRow): string[] {
  if (typeof row.to === 'object') return [...row.to.among]
  return row.to === 'same' || row.to === 'return' ? [] : [row.to]
}

/**
 * Never throws: the list of problems (empty when the table is sound). Checked: unique action names; known
 * statuses, roles, guards, effects and choosers; every row has roles and from-statuses; terminal statuses have
 * no outgoing action; every non-terminal status has one that changes the status (no dossier can get stuck); every status is reachable
 * from draft; a 'return' row leaves only statuses that something leads into.
 */
export function validateWorkflow(rows: readonly WorkflowRow[]): WorkflowProblem[] {
  const problems: WorkflowProblem[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const { action } = row
    if (seen.has(action))
      problems.push({ kind: 'duplicate_action', action, message: `action ${action} is defined twice` })
    seen.add(action)
    if (row.roles.length === 0) problems.push({ kind: 'no_roles', action, message: `${action} has no roles` })
    if (row.from.length === 0)
      problems.push({ kind: 'no_from', action, message: `${action} has no from-status` })
    for (const role of row.roles)
      if (!isRole(role))
        problems.push({ kind: 'unknown_role', action, message: `${action}: unknown role ${role}` })
    for (const guard of row.guards ?? [])
      if (!isGuard(guard))
        problems.push({ kind: 'unknown_guard', action, message: `${action}: unknown guard ${guard}` })
    for (const effect of row.effects ?? [])
      if (!isEffect(effect))
        problems.push({ kind: 'unknown_effect', action, message: `${action}: unknown effect ${effect}` })
    if (typeof row.to === 'object' && !isChooser(row.to.choose))
      problems.push({
        kind: 'unknown_chooser',
        action,
        message: `${action}: unknown chooser ${row.to.choose}`,
      })
    for (const status of new Set([...row.from, ...directTargets(row)]))
      if (!isStatus(status))
        problems.push({
          kind: 'unknown_status',
          action,
          status,
          message: `${action}: unknown status ${status}`,
        })
    for (const status of row.from)
      if (isStatus(status) && terminalStatuses.includes(status))
        problems.push({
          kind: 'terminal_has_action',
          action,
          status,
          message: `${action} leaves the terminal status ${status}`,
        })
  }

  // Edges: direct targets only. A 'return' goes back to a status the dossier was in before the pause, which was
  // therefore reached already: it adds nothing to reachability, but it needs a way into the paused status.
  const edges = new Map<string, Set<string>>()
  for (const row of rows)
    for (const from of row.from)
      for (const target of directTargets(row)) {
        if (!edges.has(from)) edges.set(from, new Set())
        edges.get(from)!.add(target)
      }
  for (const row of rows)
    if (row.to === 'return')
      for (const from of row.from)
        if (![...edges].some(([origin, targets]) => origin !== from && targets.has(from)))
          problems.push({
            kind: 'return_without_origin',
            action: row.action,
            status: from,
            message: `${row.action} returns from ${from}, which nothing leads into`,
          })

  const reached = new Set<string>(['draft'])
  const queue = ['draft']
  while (queue.length) {
    for (const next of edges.get(queue.shift()!) ?? [])
      if (!reached.has(next)) {
        reached.add(next)
        queue.push(next)
      }
  }
  for (const status of statuses) {
    if (!reached.has(status))
      problems.push({ kind: 'unreachable', status, message: `${status} cannot be reached from draft` })
    // 'same' rows (a payment noted, an apology) do not move the dossier on: they do not count as a way out.
    if (!terminalStatuses.includes(status) && !rows.some((r) => r.to !== 'same' && r.from.includes(status)))
      problems.push({ kind: 'dead_end', status, message: `no action leaves ${status}` })
  }
  return problems
}

export class WorkflowDefinitionError extends Error {
  constructor(readonly problems: WorkflowProblem[]) {
    super(`invalid workflow: ${problems.map((p) => p.message).join('; ')}`)
  }
}

/** Validates the table once (at start-up: this module's load) and freezes it. */
function defineWorkflow(rows: readonly ActionDefinition[]): readonly ActionDefinition[] {
  const problems = validateWorkflow(rows)
  if (problems.length) throw new WorkflowDefinitionError(problems)
  return Object.freeze(rows.map((r) => Object.freeze({ ...r })))
}

export const workflow: readonly ActionDefinition[] = defineWorkflow(table)

const byName = new Map(workflow.map((d) => [d.action, d]))

export function isActionName(value: string): value is ActionName {
  return byName.has(value as ActionName)
}

export function actionDefinition(action: ActionName): ActionDefinition {
  const def = byName.get(action)
  if (!def) throw new RangeError(`unknown action ${action}`)
  return def
}

/** The actions that produce a paper form (the table's `form`): e.g. '03' ← refuse_intake, refuse. */
export function actionsProducing(form: FormNumber): ActionName[] {
  return workflow.filter((d) => d.form === (form === '05' ? '01' : form)).map((d) => d.action)
}

/** The forms a dossier's history has produced (from the actions of its events), in the forms' order. */
export function formsOfHistory(actions: readonly string[]): FormNumber[] {
  return formNumbers.filter((form) => actionsProducing(form).some((a) => actions.includes(a)))
}

// -------------------------------------------------------------------------------------------------------------
// Asking the table
// -------------------------------------------------------------------------------------------------------------

/** One guard, for one acting role. */
export function guardHolds(guard: GuardName, ctx: { status: Status; role: Role; facts: Facts }): boolean {
  const { facts } = ctx
  switch (guard) {
    case 'overdue':
      return facts.overdue === true
    case 'level3':
      return facts.level === 3
    case 'level4':
      return facts.level === 4
    case 'feeDue':
      return facts.feeDue === true
    case 'feesSettled':
      return facts.feeDue === false
    case 'assignee':
      return ctx.role !== 'specialist' || facts.isAssignee === true
    case 'holder':
      return holderOf(ctx.status) === ctx.role
  }
}

export type Verdict =
  | { ok: true; role: Role }
  | { ok: false; because: 'unknown_action' }
  | { ok: false; because: 'role' }
  | { ok: false; because: 'status' }
  | { ok: false; because: 'guard'; guard: GuardName }

/**
 * Whether the action may be taken, and as which role (the first of the row's roles that the user holds and for
 * which every guard holds). The reasons, in the order checked: unknown action, no allowed role, wrong status,
 * a guard false.
 */
export function checkAction(action: string, ctx: ActionContext): Verdict {
  const def = byName.get(action as ActionName)
  if (!def) return { ok: false, because: 'unknown_action' }
  const candidates = def.roles.filter((r) => ctx.roles.includes(r))
  if (candidates.length === 0) return { ok: false, because: 'role' }
  if (!def.from.includes(ctx.status)) return { ok: false, because: 'status' }
  let failed: GuardName | null = null
  for (const role of candidates) {
    const broken = (def.guards ?? []).find(
      (g) => !guardHolds(g, { status: ctx.status, role, facts: ctx.facts }),
    )
    if (!broken) return { ok: true, role }
    failed ??= broken
  }
  return { ok: false, because: 'guard', guard: failed! }
}

export function canPerform(action: string, ctx: ActionContext): boolean {
  return checkAction(action, ctx).ok
}

/** The actions this user may take on this dossier now: the UI shows only these (the server checks again). */
export function availableActions(ctx: ActionContext): ActionDefinition[] {
  return workflow.filter((def) => canPerform(def.action, ctx))
}

/** The status the action leads to from `status`. Throws when the facts cannot decide (a programming error). */
export function resolveTarget(def: ActionDefinition, status: Status, facts: Facts): Status {
  const { to } = def
  if (to === 'same') return status
  if (to === 'return') {
    if (!facts.returnStatus) throw new Error(`${def.action}: no status to return to`)
    return facts.returnStatus
  }
  if (typeof to === 'string') return to
  const chosen: Status =
    to.choose === 'onlineFeeDue'
      ? facts.feeDue === true && facts.level === 4
        ? 'awaiting_payment'
        : 'submitted'
      : facts.received === true
        ? 'in_progress'
        : 'submitted'
  if (!to.among.includes(chosen))
    throw new Error(`${def.action}: chose ${chosen}, not among ${to.among.join(', ')}`)
  return chosen
}

/**
 * The facts of a dossier for one user, from what a loader already has: the single recipe shared by the UI and
 * `performTransition`, so that the buttons shown are the actions the server accepts.
 */
export function factsOf(
  dossier: {
    level: 3 | 4
    feeDue: boolean
    dueAt: Date | null
    pausedSince: Date | null
    receivedAt: Date | null
    assigneeId: string | null
    returnStatus?: Status | null
  },
  viewer: { userId: string | null; now: Date },
): Facts {
  return {
    level: dossier.level,
    feeDue: dossier.feeDue,
    overdue: isOverdue(dossier.dueAt, dossier.pausedSince, viewer.now),
    isAssignee: viewer.userId !== null && dossier.assigneeId === viewer.userId,
    received: dossier.receivedAt !== null,
    returnStatus: dossier.returnStatus ?? null,
  }
}
