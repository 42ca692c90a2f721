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

