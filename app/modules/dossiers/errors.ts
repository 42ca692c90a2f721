/** Domain errors of the dossiers module; routes map them to 404 / 409 / 422. */
export class DossierNotFoundError extends Error {
  constructor() {
    super('dossier not found')
  }
}
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
export class TransitionNotAllowedError extends Error {
  constructor(
    readonly action: string,
    readonly status: string,
  ) {
    super(`${action} is not allowed from ${status}`)
  }
}
