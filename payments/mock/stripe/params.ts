import qs from 'qs'

/**
 * Stripe's request parameters as the mock reads them: `application/x-www-form-urlencoded` with bracketed nested
 * keys (`line_items[0][price_data][unit_amount]`, `metadata[fee_id]`, `expand[0]`), in the body of a POST or the
 * query string of a GET. Every value arrives as a string; the readers below check types the way Stripe does and
 * throw a `StripeApiError` with Stripe's error shape when a parameter is wrong.
 */
export type Params = qs.ParsedQs
type ParamValue = Params[string]

export function parseParams(encoded: string): Params {
  // qs turns `a[0]`…`a[99]` into arrays; Stripe's clients always send indices, never `a[]`.
  return qs.parse(encoded, { depth: 10, arrayLimit: 100, parameterLimit: 2_000 })
}

/** The `error` object of a Stripe error response. */
export interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'
  message: string
  code?: string
  decline_code?: string
  param?: string
}

/**
 * An error answer. `store` says whether the idempotency layer saves it for replay: Stripe saves the result of a
 * request that started executing (success or failure) but nothing for one that failed validation.
 */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly store: boolean,
  ) {
    super(body.message)
    this.name = 'StripeApiError'
  }
}

/** A parameter problem found before any work was done (400, not stored). */
export function invalidParam(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, param, code }, false)
}

/** A request the API accepted but refused on the state of things (400, stored like any executed request). */
export function refused(message: string, code?: string, param?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, code, param }, true)
}

export function notFound(kind: string, id: string, param?: string): StripeApiError {
  return new StripeApiError(
    404,
    { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param },
    false,
  )
}

/** Rejects any top-level parameter the endpoint does not know, as Stripe does ("Received unknown parameter"). */
export function onlyKnown(params: Params, known: readonly string[]) {
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw invalidParam(`Received unknown parameter: ${name}`, name, 'parameter_unknown')
    }
  }
}

export function str(
  params: Params,
  name: string,
  options: { required?: boolean; max?: number; path?: string } = {},
): string | undefined {
  const value: ParamValue = params[name]
  const path = options.path ?? name
  if (value === undefined || value === '') {
    if (options.required) throw invalidParam(`Missing required param: ${path}.`, path, 'parameter_missing')
    return undefined
  }
  if (typeof value !== 'string')
    throw invalidParam(`Invalid string: ${path}`, path, 'parameter_invalid_string')
  if (options.max !== undefined && value.length > options.max) {
    throw invalidParam(
      `Invalid string: ${path} must be at most ${options.max} characters`,
      path,
      'parameter_invalid_string_too_long',
    )
  }
  return value
}

/** An integer parameter: digits only, so a decimal amount (`200000.5`) is refused, as for VND at Stripe. */
export function int(
  params: Params,
  name: string,
  options: { required?: boolean; min?: number; max?: number; path?: string } = {},
): number | undefined {
  const path = options.path ?? name
  const text = str(params, name, { required: options.required, path })
  if (text === undefined) return undefined
  if (!/^-?\d+$/.test(text)) throw invalidParam(`Invalid integer: ${text}`, path, 'parameter_invalid_integer')
  const value = Number(text)
  if (!Number.isSafeInteger(value))
    throw invalidParam(`Invalid integer: ${text}`, path, 'parameter_invalid_integer')
  if (options.min !== undefined && value < options.min) {
    throw invalidParam(
      `This value must be greater than or equal to ${options.min}.`,
      path,
      'parameter_invalid_integer',
    )
  }
  if (options.max !== undefined && value > options.max) {
    throw invalidParam(
      `This value must be less than or equal to ${options.max}.`,
      path,
      'parameter_invalid_integer',
    )
  }
  return value
}

export function obj(params: Params, name: string, path = name): Params | undefined {
  const value: ParamValue = params[name]
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParam(`Invalid object: ${path}`, path, 'parameter_invalid_object')
  }
  return value
}

/** An array parameter (`a[0]=…&a[1]=…`), each element an object. */
export function objects(params: Params, name: string, path = name): Params[] | undefined {
  const value: ParamValue = params[name]
  if (value === undefined || value === '') return undefined
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : null
  if (!items) throw invalidParam(`Invalid array: ${path}`, path, 'parameter_invalid_array')
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalidParam(`Invalid object: ${path}[${i}]`, `${path}[${i}]`, 'parameter_invalid_object')
    }
    return item as Params
  })
}

/** An array of strings (`expand[0]=…`). */
export function strings(params: Params, name: string): string[] {
  const value: ParamValue = params[name]
  if (value === undefined || value === '') return []
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : [value]
  return items.map((item, i) => {
    if (typeof item !== 'string') throw invalidParam(`Invalid string: ${name}[${i}]`, `${name}[${i}]`)
    return item
  })
}

/** Stripe's metadata rules: at most 50 keys, keys up to 40 characters, values up to 500, all strings. */
export function metadata(params: Params, name: string, path = name): Record<string, string> {
  const value = obj(params, name, path)
  if (!value) return {}
  const entries = Object.entries(value)
  if (entries.length > 50) throw invalidParam(`Invalid ${path}: at most 50 keys`, path)
  const result: Record<string, string> = {}
  for (const [key, v] of entries) {
    if (key.length > 40)
      throw invalidParam(`Invalid ${path}: keys must be at most 40 characters`, `${path}[${key}]`)
    if (typeof v !== 'string') throw invalidParam(`Invalid string: ${path}[${key}]`, `${path}[${key}]`)
    if (v.length > 500) {
      throw invalidParam(`Invalid ${path}: values must be at most 500 characters`, `${path}[${key}]`)
    }
    // Stripe drops a key set to the empty string.
    if (v !== '') result[key] = v
  }
  return result
}

export function httpUrl(params: Params, name: string, required: boolean): string | undefined {
  const value = str(params, name, { required, max: 5_000 })
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalidParam(`Not a valid URL`, name, 'url_invalid')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalidParam('Not a valid URL', name, 'url_invalid')
  return value
}

/** `created=…` or `created[gt|gte|lt|lte]=…` as a predicate on unix seconds. */
export function createdFilter(params: Params, name = 'created'): (created: number) => boolean {
  const value: ParamValue = params[name]
  if (value === undefined || value === '') return () => true
  if (typeof value === 'string') {
    const exact = int(params, name)
    return (created) => created === exact
  }
  const range = obj(params, name)!
  onlyKnown(range, ['gt', 'gte', 'lt', 'lte'])
  const bound = (key: string) => int(range, key, { path: `${name}[${key}]` })
  const gt = bound('gt')
  const gte = bound('gte')
  const lt = bound('lt')
  const lte = bound('lte')
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte)
}

/** Stable text of the parameters, to tell whether a repeated idempotency key came with the same request. */
export function fingerprint(method: string, path: string, params: Params): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical)
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      )
    }
    return value
  }
  return `${method} ${path} ${JSON.stringify(canonical(params))}`
}
