/**
 * The officers' queues (issue 4, item 2): which ones exist, who sees them and how each is sorted. Plain data,
 * shared by the server queries (`queues.server.ts`, which adds each queue's SQL condition) and the page.
 *
 * A queue is a view over the dossiers of the officer's agencies, not a place: a dossier can be in several (a
 * received dossier that is also overdue; an in-progress one whose supplement came back). Each queue is shown for
 * the agencies where the officer holds one of its roles.
 */
import { z } from 'zod'
import type { DossierStatus, StaffRole } from '../../../db/schema'
import { statuses } from '../workflow/transitions'

export const queueIds = [
  'submitted',
  'supplement_requested',
  'supplement_answered',
  'mine',
  'unit',
  'awaiting_approval',
  'awaiting_payment',
  'result_ready',
  'overdue',
  'due_soon',
] as const
export type QueueId = (typeof queueIds)[number]
/** Every dossier of the officer's agencies (newest submission first): where a search finds anything. */
export const allQueue = 'all'
export type QueueParam = QueueId | typeof allQueue

export type QueueSort = 'submitted_asc' | 'due_asc' | 'submitted_desc'

export interface QueueDefinition {
  id: QueueParam
  /** the officer roles that see the queue (for the agencies where they hold them) */
  roles: readonly StaffRole[]
  /** the statuses the queue draws from (its SQL may narrow further) */
  statuses: readonly DossierStatus[]
  /** the reception queue goes by submission (the 8-working-hour deadline), 'all' newest first, the rest by due date */
  sort: QueueSort
}

/** The statuses where the legal clock runs (DESIGN §5): overdue and due-soon are among these. */
export const runningStatuses: readonly DossierStatus[] = ['received', 'in_progress', 'awaiting_approval']
/** Where a supplement request returns a dossier to (the statuses it can be requested from). */
export const returnStatuses: readonly DossierStatus[] = ['submitted', 'received', 'in_progress']

const officerRoles: readonly StaffRole[] = ['reception', 'specialist', 'approver']

export const queues: readonly QueueDefinition[] = [
  { id: 'submitted', roles: ['reception'], statuses: ['submitted'], sort: 'submitted_asc' },
  {
    id: 'supplement_requested',
    roles: ['reception', 'specialist'],
    statuses: ['supplement_requested'],
    sort: 'due_asc',
  },
  {
    id: 'supplement_answered',
    roles: ['reception', 'specialist'],
    statuses: returnStatuses,
    sort: 'due_asc',
  },
  { id: 'mine', roles: ['specialist'], statuses: ['in_progress'], sort: 'due_asc' },
  { id: 'unit', roles: officerRoles, statuses: ['received', 'in_progress'], sort: 'due_asc' },
  {
    id: 'awaiting_approval',
    roles: ['approver', 'specialist'],
    statuses: ['awaiting_approval'],
    sort: 'due_asc',
  },
  {
    id: 'awaiting_payment',
    roles: ['reception', 'specialist'],
    statuses: ['awaiting_payment'],
    sort: 'due_asc',
  },
  { id: 'result_ready', roles: ['reception', 'approver'], statuses: ['result_ready'], sort: 'due_asc' },
  { id: 'overdue', roles: officerRoles, statuses: runningStatuses, sort: 'due_asc' },
  { id: 'due_soon', roles: officerRoles, statuses: runningStatuses, sort: 'due_asc' },
  {
    id: allQueue,
    roles: officerRoles,
    statuses: statuses.filter((s) => s !== 'draft'),
    sort: 'submitted_desc',
  },
]

export function queueDefinition(id: QueueParam): QueueDefinition {
  return queues.find((q) => q.id === id)!
}

export function isQueueParam(value: unknown): value is QueueParam {
  return typeof value === 'string' && queues.some((q) => q.id === value)
}

/** "Due within 3 working days": due today or on one of the next three working days. */
export const DUE_SOON_WORKING_DAYS = 3
export const QUEUE_PAGE_SIZE = 25

/**
 * `/officer`'s query string: `?queue=` (a queue id; unknown or foreign ones fall back to the officer's default),
 * `?q=` (the search, at most 100 characters), `?after=` (the cursor of the next page). Never fails: a bad value
 * counts as absent.
 */
export const queueQuerySchema = z.object({
  queue: z.string().max(40).optional().catch(undefined),
  q: z
    .string()
    .transform((s) => s.trim().slice(0, 100))
    .optional()
    .catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
})
