/** Domain errors of finance; app/utils/http-errors.server.ts maps them to statuses. */

export class FinanceError extends Error {
  constructor(
    /** a translation key in locales/<lng>/finance.json */
    readonly key: string,
    message: string,
  ) {
    super(message)
    this.name = 'FinanceError'
  }
}

/** The upload passed its size limit while streaming (→ 413); nothing was kept. */
export class SettlementFileTooLarge extends FinanceError {
  constructor(readonly maxBytes: number) {
    super('finance:errors.fileTooLarge', `settlement file larger than ${maxBytes} bytes`)
    this.name = 'SettlementFileTooLarge'
  }
}

/** The upload is not a form with one report file and a known format (→ 422). */
export class SettlementUploadInvalid extends FinanceError {
  constructor(reason: 'no-file' | 'format' | 'malformed') {
    super(`finance:errors.upload.${reason}`, `settlement upload invalid: ${reason}`)
    this.name = 'SettlementUploadInvalid'
  }
}

/** The exception is not one this clerk may see (another agency) or does not exist (→ 404). */
export class ReconciliationItemNotFound extends FinanceError {
  constructor() {
    super('finance:errors.itemNotFound', 'reconciliation item not found')
    this.name = 'ReconciliationItemNotFound'
  }
}

/** The resolution does not fit the item's state or class (→ 409). */
export class ResolutionNotAllowed extends FinanceError {
  constructor(reason: string) {
    super(`finance:errors.resolution.${reason}`, `resolution not allowed: ${reason}`)
    this.name = 'ResolutionNotAllowed'
  }
}

/** Four eyes: the clerk who requested a money-moving resolution cannot approve it (→ 403). */
export class SameFinanceUser extends FinanceError {
  constructor() {
    super('finance:errors.sameUser', 'the requester cannot approve their own resolution')
    this.name = 'SameFinanceUser'
  }
}

/** The business day is closed already (→ 409). */
export class FinanceDayClosed extends FinanceError {
  constructor(readonly day: string) {
    super('finance:errors.dayClosed', `finance day ${day} is closed`)
    this.name = 'FinanceDayClosed'
  }
}

/** Not a finance clerk of that agency (→ 403). */
export class NotFinanceOfAgency extends FinanceError {
  constructor() {
    super('finance:errors.notFinance', 'not a finance clerk of this agency')
    this.name = 'NotFinanceOfAgency'
  }
}
