import type { Bilingual } from '../forms/definition'

/**
 * Domain errors of the administration; routes map them: NotInScopeError → 404 (another agency's staff or
 * agency is simply not found), DuplicateError → 409 with the field's message, the others → 422 with a message.
 */

/** The thing does not exist, or lies outside the administrator's agencies (the same answer for both). */
export class NotInScopeError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found in the administrator's scope`)
  }
}

/** A unique key is taken: `field` names the form field (e.g. 'code', 'email', 'date'). */
export class DuplicateError extends Error {
  constructor(readonly field: string) {
    super(`duplicate ${field}`)
  }
}

/** An administrator cannot take away their own administrator role (nobody would be left to give it back). */
export class SelfAdminRevokeError extends Error {
  constructor() {
    super('an administrator cannot revoke their own admin role')
  }
}

/** The parent agency is outside the administrator's agencies, or would make a cycle. */
export class InvalidParentError extends Error {
  constructor(readonly problem: 'outOfScope' | 'cycle' | 'ownAgency') {
    super(`invalid parent agency: ${problem}`)
  }
}

/** A procedure version refused: `errors` are the exact messages of parseFormDefinition / parseRequiredDocuments. */
export class InvalidDefinitionError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid definition: ${errors.join('; ')}`)
  }
}

/**
 * The procedure's fee is charged per unit, and the published form has no number field `unitField` at the top level
 * of a section to count the units from. `unit` names the unit (e.g. bản / copy) for the message.
 */
export class FeeUnitFieldError extends Error {
  constructor(
    readonly unitField: string,
    readonly unit: Bilingual,
  ) {
    super(`the per-unit fee counts "${unitField}", which is not a number field of the form`)
  }
}
