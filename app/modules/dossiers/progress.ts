import type { DossierStatus } from '../../../db/schema'

/** Who holds the dossier now, as the citizen is told ("where is my dossier?"). */
export function holderOf(status: DossierStatus): 'citizen' | 'reception' | 'specialist' | 'approver' | 'none' {
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
