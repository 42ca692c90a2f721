import { z } from 'zod'

/** The forms of one exception's page (resolve, approve, reject, reopen); messages are translation keys. */
const reason = z
  .string()
  .trim()
  .min(1, 'finance:errors.resolution.reason')
  .max(2000, 'finance:errors.resolution.reason')

export const resolutionFormSchema = z.discriminatedUnion(
  'intent',
  [
    z.object({
      intent: z.literal('resolve'),
      kind: z.enum(['apply_payment', 'propose_refund', 'explained', 'write_off'], {
        error: 'finance:pages.exception.kindRequired',
      }),
      reason,
    }),
    z.object({ intent: z.literal('approve'), note: z.string().trim().max(2000).optional() }),
    z.object({ intent: z.literal('reject'), reason }),
    z.object({ intent: z.literal('reopen'), reason }),
  ],
  { error: 'finance:pages.exception.unknownAction' },
)
export type ResolutionForm = z.infer<typeof resolutionFormSchema>
