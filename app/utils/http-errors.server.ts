import { data } from '@remix-run/node'
import {
  DuplicateError,
  InvalidDefinitionError,
  InvalidParentError,
  NotInScopeError,
  SelfAdminRevokeError,
} from '../modules/admin/errors'
import { DuplicateAccountError } from '../modules/auth/errors'
import {
  DossierNotFoundError,
  IncompleteDossierError,
  NotADraftError,
  TransitionNotAllowedError,
} from '../modules/dossiers/errors'
import { FileNotFoundError, StorageUnavailableError } from '../modules/files/errors'
import {
  FinanceDayClosed,
  NotFinanceOfAgency,
  ReconciliationItemNotFound,
  ResolutionNotAllowed,
  SameFinanceUser,
  SettlementFileTooLarge,
  SettlementUploadInvalid,
} from '../modules/finance/errors'
import { PaymentError } from '../modules/payments/errors'
import { ConflictError, ForbiddenActionError, InvalidActionInputError } from '../modules/workflow/errors'

/*
 * The one place where domain errors become HTTP. Modules throw the classes of their errors.ts; routes answer
 * what is theirs to answer (a form shown again with a message) and hand everything else to `rethrowAsHttp`.
 * The error page (root ErrorBoundary) renders from the status alone; `reason` is for logs and tests.
 */

/** An error page to throw: `throw notFound()`. */
function errorPage(status: number, reason: string) {
  return data({ reason }, { status })
}

/** 404. Also the answer for what exists but is not the visitor's to see: the two must look the same. */
export const notFound = () => errorPage(404, 'not found')

/** 403: signed in, but without the role this needs. */
export const forbidden = () => errorPage(403, 'forbidden')

/** 400: a request no page of ours sends (a forged or stale form). */
export const badRequest = (reason = 'bad request') => errorPage(400, reason)

type ErrorClass = abstract new (...args: never[]) => Error

/** Domain error classes and their statuses; a subclass answers as its parent unless listed before it. */
const statuses: readonly (readonly [ErrorClass, 403 | 404 | 409 | 413 | 422 | 503])[] = [
  [DossierNotFoundError, 404],
  [ReconciliationItemNotFound, 404],
  [NotFinanceOfAgency, 403],
  [SameFinanceUser, 403],
  [FinanceDayClosed, 409],
  [ResolutionNotAllowed, 409],
  [SettlementFileTooLarge, 413],
  [SettlementUploadInvalid, 422],
  [NotInScopeError, 404],
  [FileNotFoundError, 404],
  // The document store is down: a download or an upload can be tried again later (not a bug: no 500).
  [StorageUnavailableError, 503],
  [ForbiddenActionError, 403],
  [TransitionNotAllowedError, 409],
  [ConflictError, 409],
  [NotADraftError, 409],
  [DuplicateError, 409],
  [DuplicateAccountError, 409],
  [IncompleteDossierError, 422],
  [InvalidActionInputError, 422],
  [SelfAdminRevokeError, 422],
  [InvalidParentError, 422],
  [InvalidDefinitionError, 422],
]

const reasons: Record<number, string> = {
  403: 'forbidden',
  404: 'not found',
  409: 'conflict',
  413: 'payload too large',
  422: 'unprocessable',
  503: 'unavailable',
}

/** The status a domain error answers with; null for anything else (a bug or an outage: a 500). */
export function httpStatusOf(error: unknown): number | null {
  if (error instanceof PaymentError) return error.status
  for (const [type, status] of statuses) if (error instanceof type) return status
  return null
}

/**
 * For a catch block, after the route's own answers: a domain error is thrown as its error page (404, 403, 409,
 * 422); any other error is rethrown unchanged.
 */
export function rethrowAsHttp(error: unknown): never {
  const status = httpStatusOf(error)
  if (status === null) throw error
  throw errorPage(status, error instanceof PaymentError ? error.code : (reasons[status] ?? 'error'))
}
