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
export class InvalidCredentialsError extends Error {
  constructor() {
    super('invalid credentials')
  }
}
