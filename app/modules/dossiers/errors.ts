/** Domain errors of the dossiers module; routes map them to 404 / 409 / 422. */
import { DossierNotFoundError, TransitionNotAllowedError } from '../workflow/errors'

/** The workflow's own, re-exported: a dossier use case fails the same way as the transition it performs. */
export { DossierNotFoundError, TransitionNotAllowedError }
export class NotADraftError extends Error {
  constructor() {
    super('the dossier is no longer a draft')
  }
}
/** The submission is not complete: `problems` are translation keys with values, for the check page. */
export class IncompleteDossierError extends Error {
  constructor(readonly problems: { key: string; values?: Record<string, string>; where: string }[]) {
    super('incomplete dossier')
  }
}

/**
 * A document chosen from the citizen's store that the requirement `field` cannot take: not a document of that
 * requirement's kind, not in the applicant's store (another's, a draft's), or of a type or size it refuses.
 */
export class StoreChoiceError extends Error {
  constructor(
    readonly field: string,
    readonly problem: 'unknownDocument' | 'notInStore' | 'doesNotFit',
  ) {
    super(`store choice for ${field}: ${problem}`)
  }
}
