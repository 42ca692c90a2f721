/** Domain errors of the accounts module; routes turn them into form messages or status codes. */
export class DuplicateAccountError extends Error {
  constructor(readonly field: 'email' | 'citizenId') {
    super(`duplicate ${field}`)
  }
}
export class ThrottledError extends Error {
  constructor(readonly seconds: number) {
    super(`throttled for ${seconds}s`)
  }
}
/** The password was right, but the account's e-mail address is not confirmed yet (told only after a right password). */
export class UnconfirmedEmailError extends Error {
  constructor() {
    super('e-mail address not confirmed')
  }
}
export class InvalidCredentialsError extends Error {
  constructor() {
    super('invalid credentials')
  }
}
