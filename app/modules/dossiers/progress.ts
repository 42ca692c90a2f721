import type { DossierStatus } from '../../../db/schema'

/** The citizen may withdraw only before reception (DESIGN §5). */
export const withdrawableStatuses: readonly DossierStatus[] = ['awaiting_payment', 'submitted']

/** Who holds the dossier now, as the citizen is told ("where is my dossier?"). */
export function holderOf(
  status: DossierStatus,
): 'citizen' | 'reception' | 'specialist' | 'approver' | 'none' {
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

/** Every status, in the order of the journey (the citizen's filter lists them so). */
export const citizenStatuses: readonly DossierStatus[] = [
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
