import { describe, expect, it } from 'vitest'
import { NotInScopeError, SelfAdminRevokeError } from '../../app/modules/admin/errors'
import { DossierNotFoundError, IncompleteDossierError } from '../../app/modules/dossiers/errors'
import { PaymentError } from '../../app/modules/payments/errors'
import {
  ConflictError,
  ForbiddenActionError,
  InvalidTransitionError,
} from '../../app/modules/workflow/errors'
import { httpStatusOf, notFound, rethrowAsHttp } from '../../app/utils/http-errors.server'

/** What a route's loader or action would throw, as the error page sees it: the status and the data. */
function thrown(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('nothing was thrown')
}

describe('domain errors to HTTP', () => {
  it('gives each domain error its status', () => {
    expect(httpStatusOf(new DossierNotFoundError())).toBe(404)
    expect(httpStatusOf(new NotInScopeError('staff'))).toBe(404)
    expect(httpStatusOf(new ForbiddenActionError('receive'))).toBe(403)
    expect(httpStatusOf(new ConflictError(1, 2))).toBe(409)
    expect(httpStatusOf(new InvalidTransitionError('receive', 'draft', 'status'))).toBe(409)
    expect(httpStatusOf(new IncompleteDossierError([]))).toBe(422)
    expect(httpStatusOf(new SelfAdminRevokeError())).toBe(422)
    expect(httpStatusOf(new PaymentError('refund_same_person', 403))).toBe(403)
    expect(httpStatusOf(new Error('boom'))).toBeNull()
  })

  it('throws a domain error as its error page, and anything else unchanged', () => {
    expect(thrown(() => rethrowAsHttp(new DossierNotFoundError()))).toMatchObject({
      init: { status: 404 },
      data: { reason: 'not found' },
    })
    expect(thrown(() => rethrowAsHttp(new ForbiddenActionError('approve')))).toMatchObject({
      init: { status: 403 },
    })
    const bug = new TypeError('a bug')
    expect(thrown(() => rethrowAsHttp(bug))).toBe(bug)
  })

  it('has one 404 page for what does not exist and what is not yours', () => {
    expect(notFound()).toMatchObject({ init: { status: 404 }, data: { reason: 'not found' } })
  })
})
