/**
 * Domain errors of the workflow; routes map them: DossierNotFoundError → 404, ForbiddenActionError → 403,
 * ConflictError and InvalidTransitionError → 409 (reload and show the current state), InvalidActionInputError →
 * 422 (the form again, with the message for `field`).
 */
import type { GuardName } from './transitions'

export class DossierNotFoundError extends Error {
  constructor() {
    super('dossier not found')
  }
}

/** The action may not be taken from the dossier's status (routes answer 409). */
export class TransitionNotAllowedError extends Error {
  constructor(
    readonly action: string,
    readonly status: string,
  ) {
    super(`${action} is not allowed from ${status}`)
  }
}

/** The actor holds no role, for this dossier's agency (or as its applicant), that may take this action. */
export class ForbiddenActionError extends Error {
  constructor(readonly action: string) {
    super(`not allowed to ${action} this dossier`)
  }
}

/**
 * Not from this status, or a guard is false (`guard` names it): a TransitionNotAllowedError, answered with 409.
 */
export class InvalidTransitionError extends TransitionNotAllowedError {
  constructor(
    action: string,
    status: string,
    readonly because: 'status' | 'guard' | 'unknown_action' | 'performed_elsewhere',
    readonly guard: GuardName | null = null,
  ) {
    super(action, status)
    this.message = `${action} is not allowed from ${status} (${guard ? `guard ${guard}` : because})`
  }
}

/** The dossier changed since the page was rendered (`expectedVersion` is stale). */
export class ConflictError extends Error {
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`the dossier changed (version ${currentVersion}, expected ${expectedVersion})`)
  }
}

/**
 * What the action needs is missing or wrong: `field` is 'reason' or a key of `data`; `problem` is a translation
 * key suffix (e.g. 'required', 'notSpecialist', 'unknownItem', 'notAfterDue').
 */
export class InvalidActionInputError extends Error {
  constructor(
    readonly action: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${action}: ${field} ${problem}`)
  }
}
