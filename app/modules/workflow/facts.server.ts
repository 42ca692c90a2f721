/**
 * The one loader of what the workflow's guards and choosers read (`Facts`), shared by the pages that show the
 * buttons (officer and citizen dossier pages) and by `performTransition`, which asks again under the row lock: the
 * buttons shown are the actions the server accepts.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import type { FeePolicy } from '../catalogue/types'
import { feeAtSubmission } from '../ledger/fees'
import { factsOf, type Facts, type Status } from './transitions'

/** The columns of a dossier (with its procedure's level) that the facts are made of. */
export interface FactsSource {
  id: string
  status: Status
  level: 3 | 4
  due_at: Date | null
  paused_since: Date | null
  received_at: Date | null
  assignee_id: string | null
  /** for a draft only: what `submit` would demand (the fee is not a row before submission) */
  draft?: { feePolicy: FeePolicy; formData: Record<string, unknown> }
}

export interface LoadedFacts {
  facts: Facts
  /** the open supplement request (status supplement_requested), which `supplement` answers */
  openRequest: { id: string; return_status: Status } | null
}

/**
 * Facts of one dossier for one viewer. A fee is due when a fee row says so, or, for a draft, when the procedure
 * demands one at submission (the `onlineFeeDue` chooser then sends a level-4 dossier to awaiting_payment).
 */
export async function loadFacts(
  db: Kysely<Database>,
  d: FactsSource,
  viewer: { userId: string | null; now: Date },
): Promise<LoadedFacts> {
  const [dueFee, openRequest] = await Promise.all([
    d.draft
      ? null
      : db
          .selectFrom('fees')
          .select('id')
          .where('dossier_id', '=', d.id)
          .where('status', '=', 'due')
          .limit(1)
          .executeTakeFirst(),
    d.status === 'supplement_requested'
      ? db
          .selectFrom('supplement_requests')
          .select(['id', 'return_status'])
          .where('dossier_id', '=', d.id)
          .where('answered_at', 'is', null)
          .orderBy('requested_at', 'desc')
          .executeTakeFirst()
      : undefined,
  ])
  const feeDue = d.draft
    ? feeAtSubmission(d.draft.feePolicy, d.level, d.draft.formData, { vi: '', en: '' }) !== null
    : dueFee !== undefined
  const facts = factsOf(
    {
      level: d.level,
      feeDue,
      dueAt: d.due_at,
      pausedSince: d.paused_since,
      receivedAt: d.received_at,
      assigneeId: d.assignee_id,
      returnStatus: openRequest?.return_status ?? null,
    },
    viewer,
  )
  return { facts, openRequest: openRequest ?? null }
}
