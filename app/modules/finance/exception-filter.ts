import { z } from 'zod'
import type { ReconciliationClass } from '../../../db/schema'

/**
 * The exception queue's filter, read from the query string (a GET form, links from the dashboard). A value that
 * does not parse is dropped on its own (`catch`), so a stale bookmark still shows a queue.
 */
/** The exception classes (the same list as reconcile.server.ts, which is server-only). */
export const exceptionClasses = [
  'missing_in_portal',
  'missing_at_gateway',
  'amount_mismatch',
  'duplicate_payment',
  'refund_mismatch',
  'fee_mismatch',
] as const satisfies readonly ReconciliationClass[]

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  )

export const exceptionFilterSchema = z.object({
  class: z.enum(exceptionClasses).optional().catch(undefined),
  agency: z
    .string()
    .regex(/^[A-Z0-9_-]{1,32}$/)
    .optional()
    .catch(undefined),
  provider: z.enum(['stripe', 'vnpay']).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  status: z.enum(['open', 'awaiting_approval', 'resolved', 'all']).catch('open'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})
export type ExceptionFilterQuery = z.infer<typeof exceptionFilterSchema>

/** The query string of a filter (for pagination links), without empty values. */
export function filterQuery(filter: Partial<ExceptionFilterQuery>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== '' && !(key === 'page' && value === 1))
      params.set(key, String(value))
  return params.toString()
}
