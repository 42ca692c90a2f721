/**
 * What the citizen's pages read of the workflow. Nothing is copied here: the statuses, who holds the dossier and
 * when it may be withdrawn all come from the workflow table (app/modules/workflow/transitions.ts).
 */
import { actionDefinition, holderOf, statuses, type Status } from '../workflow/transitions'

export { holderOf }

/** The citizen may withdraw only before reception (DESIGN §5): the `withdraw` row's from-states. */
export const withdrawableStatuses: readonly Status[] = actionDefinition('withdraw').from

/** Every status, in the order of the journey (the citizen's filter lists them so). */
export const citizenStatuses: readonly Status[] = statuses
