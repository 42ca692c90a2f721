import { z } from 'zod'

/** The public lookup form: shared by the page (react-hook-form) and the action. */
export const lookupSchema = z.object({
  code: z
    .string({ error: 'validation:required' })
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(
      z
        .string()
        .min(1, 'validation:required')
        .regex(/^[A-Z0-9]{2,8}-\d{6}-\d{4}$/, 'dossier:lookup.errors.code'),
    ),
  check: z
    .string({ error: 'validation:required' })
    .trim()
    .min(1, 'validation:required')
    .regex(/^\d{4}$/, 'dossier:lookup.errors.check'),
})
export type LookupInput = z.infer<typeof lookupSchema>
