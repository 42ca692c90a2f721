/**
 * The officer's action forms: what each one posts and how it is read. Plain (no server code): the route parses
 * with these schemas, the page names its inputs after the same keys. Messages are `officer:` translation keys.
 *
 * Every form posts `intent` (an action name, or 'message' / 'note') and `version` (the dossier's version when
 * the page was rendered: a stale one is a conflict).
 */
import { z } from 'zod'
import { isPostalTracking, normalisePostalTracking } from '../workflow/postal-tracking'
import type { ActionName } from '../workflow/transitions'

/** The staff roles that open an officer's dossier page (in the dossier's agency). */
export const officerPageRoles = ['reception', 'specialist', 'approver'] as const

/** The draft result attached when proposing a decision: its input name, types and size. */
export const RESULT_KEY = 'result'
export const resultRule = {
  accept: ['application/pdf', 'image/jpeg', 'image/png'],
  maxBytes: 10 * 1024 * 1024,
} as const

/** Actions whose form carries a file (posted as multipart/form-data). */
export const multipartIntents: readonly string[] = ['propose']

export const deliveryMethods = ['online', 'counter', 'post'] as const

const reason = z
  .string({ error: 'officer:errors.input.required' })
  .trim()
  .min(1, 'officer:errors.input.required')
  .max(2000, 'officer:errors.input.tooLong')
const optionalNote = z.string().trim().max(2000, 'officer:errors.input.tooLong').optional()

/** "1.250.000", "1 250 000" or "1250000" đồng → 1250000 (no minor unit). */
const amount = z
  .string({ error: 'officer:errors.input.required' })
  .trim()
  .min(1, 'officer:errors.input.required')
  .transform((s) => s.replace(/[.\s,]/g, ''))
  .refine((s) => /^\d{1,12}$/.test(s) && Number(s) > 0, 'officer:errors.input.amount')
  .transform(Number)

const schemas = {
  receive: z.object({}),
  refuse_intake: z.object({ reason }),
  assign: z.object({
    assigneeId: z
      .string({ error: 'officer:errors.input.chooseSpecialist' })
      .regex(/^[0-9a-f-]{36}$/i, 'officer:errors.input.chooseSpecialist'),
  }),
  assess_fee: z.object({ amount }),
  propose: z.object({ note: optionalNote }),
  approve: z.object({}),
  refuse: z.object({ reason }),
  return_rework: z.object({ reason }),
  record_counter_payment: z.object({}),
  // By post, the postal item number (UPU S10, Vietnam Post's receipt); any other method keeps none.
  deliver: z
    .object({
      method: z.enum(deliveryMethods, { error: 'officer:errors.input.chooseMethod' }),
      trackingNumber: z.string().max(40, 'officer:errors.input.trackingNumber').optional(),
    })
    .transform(({ method, trackingNumber }) => {
      const number = method === 'post' ? normalisePostalTracking(trackingNumber ?? '') : ''
      return number ? { method, trackingNumber: number } : { method }
    })
    .superRefine((v, ctx) => {
      if (v.method !== 'post') return
      if (!v.trackingNumber)
        ctx.addIssue({
          code: 'custom',
          path: ['trackingNumber'],
          message: 'officer:errors.input.trackingRequired',
        })
      else if (!isPostalTracking(v.trackingNumber))
        ctx.addIssue({
          code: 'custom',
          path: ['trackingNumber'],
          message: 'officer:errors.input.trackingNumber',
        })
    }),
  apologise: z.object({
    reason,
    newAppointmentAt: z
      .string({ error: 'officer:errors.input.required' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'officer:errors.input.invalidDate'),
  }),
} satisfies Partial<Record<ActionName, z.ZodType>>

export type OfficerIntent = keyof typeof schemas | 'request_supplement'
export const officerIntents = [...Object.keys(schemas), 'request_supplement'] as OfficerIntent[]
export const isOfficerIntent = (value: string): value is OfficerIntent =>
  (officerIntents as string[]).includes(value)

/** What performTransition takes from a form: the reason and the action's data. */
export interface ParsedAction {
  reason: string | null
  data: Record<string, unknown>
}
export type FieldErrors = Record<string, string>
export type ParseResult = { ok: true; value: ParsedAction } | { ok: false; errors: FieldErrors }

/** The name of the reason input for one supplement item, e.g. `reason:document:request_form`. */
export const itemReasonName = (kind: 'document' | 'field', key: string) => `reason:${kind}:${key}`

/**
 * Reads one action's form. `request_supplement` posts `items` (repeated: `document:<key>` / `field:<key>`) and a
 * reason per chosen item (`itemReasonName`); that the keys name the procedure version's documents and fields is
 * checked by performTransition (→ InvalidActionInputError).
 */
export function parseActionForm(intent: OfficerIntent, form: FormData | Record<string, string>): ParseResult {
  const get = (name: string) => {
    const v = form instanceof FormData ? form.get(name) : form[name]
    return typeof v === 'string' ? v : undefined
  }
  if (intent === 'request_supplement') {
    const chosen =
      form instanceof FormData
        ? form.getAll('items').filter((v): v is string => typeof v === 'string')
        : form.items
          ? [form.items]
          : []
    const errors: FieldErrors = {}
    const items: { kind: 'document' | 'field'; key: string; reason: string }[] = []
    for (const value of new Set(chosen)) {
      const m = /^(document|field):([\w.-]{1,100})$/.exec(value)
      if (!m) {
        errors.items = 'officer:errors.input.unknownItem'
        continue
      }
      const kind = m[1] as 'document' | 'field'
      const name = itemReasonName(kind, m[2])
      const text = (get(name) ?? '').trim()
      if (!text) errors[name] = 'officer:errors.input.itemReason'
      else if (text.length > 1000) errors[name] = 'officer:errors.input.tooLong'
      else items.push({ kind, key: m[2], reason: text })
    }
    if (chosen.length === 0) errors.items = 'officer:errors.input.chooseItems'
    return Object.keys(errors).length
      ? { ok: false, errors }
      : { ok: true, value: { reason: null, data: { items } } }
  }
  const schema: z.ZodType = schemas[intent]
  const raw: Record<string, string> = {}
  for (const key of [
    'reason',
    'note',
    'assigneeId',
    'amount',
    'method',
    'trackingNumber',
    'newAppointmentAt',
  ])
    if (get(key) !== undefined) raw[key] = get(key)!
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const errors: FieldErrors = {}
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
    return { ok: false, errors }
  }
  const { reason: r, note, ...data } = parsed.data as Record<string, unknown>
  return {
    ok: true,
    value: {
      reason: typeof r === 'string' ? r : typeof note === 'string' && note ? note : null,
      data,
    },
  }
}

/** The message for a problem reported by performTransition (InvalidActionInputError.problem). */
export function inputProblemKey(problem: string): string {
  const known = [
    'required',
    'tooLong',
    'notSpecialist',
    'unknownItem',
    'duplicateItem',
    'invalid',
    'notInFuture',
    'notWorkingDay',
    'trackingNumber',
  ]
  return `officer:errors.input.${known.includes(problem) ? problem : 'invalid'}`
}

/** InvalidActionInputError.field → the input that shows the message ('items.0.key' → 'items'). */
export function inputFieldName(field: string): string {
  return field.startsWith('items') ? 'items' : field
}

const messageBody = z
  .string({ error: 'officer:errors.input.required' })
  .trim()
  .min(1, 'officer:errors.input.required')
  .max(4000, 'officer:errors.input.tooLong')
export const messageSchema = z.object({ body: messageBody })

/** The per-document check's form (document-checks.server.ts): one per file, posted with the page's version. */
export const CHECK_INTENT = 'check_document'
export const checkVerdicts = ['valid', 'needs_supplement'] as const
export type CheckVerdictValue = (typeof checkVerdicts)[number]

/** Reads a per-document check: `fileId`, `verdict`, and `reason` (required when the verdict asks a supplement). */
export function parseCheckForm(
  form: FormData | Record<string, string>,
):
  | { ok: true; value: { fileId: string; verdict: CheckVerdictValue; reason: string | null } }
  | { ok: false; errors: FieldErrors } {
  const get = (name: string) => {
    const v = form instanceof FormData ? form.get(name) : form[name]
    return typeof v === 'string' ? v : ''
  }
  const fileId = get('fileId')
  const verdict = get('verdict')
  const reason = get('reason').trim()
  const errors: FieldErrors = {}
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) errors.form = 'officer:errors.input.invalid'
  if (!(checkVerdicts as readonly string[]).includes(verdict))
    errors.verdict = 'officer:errors.input.chooseVerdict'
  else if (verdict === 'needs_supplement' && !reason) errors.reason = 'officer:errors.input.itemReason'
  if (reason.length > 1000) errors.reason = 'officer:errors.input.tooLong'
  if (Object.keys(errors).length) return { ok: false, errors }
  return {
    ok: true,
    value: { fileId, verdict: verdict as CheckVerdictValue, reason: verdict === 'valid' ? null : reason },
  }
}
