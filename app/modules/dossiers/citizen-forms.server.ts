/**
 * Schemas of small citizen forms that only actions parse. In a .server module they never reach the browser: a
 * route that imports zod itself ships all of it (about 90 KB gzipped) with its page.
 */
import { z } from 'zod'

/** The citizen's rating of a finished dossier. */
export function rateSchema() {
  return z.object({
    score: z.enum(['1', '2', '3', '4', '5'], { error: 'dossier:rating.errors.score' }),
    comment: z.string().trim().max(2000, 'validation:tooLong').optional(),
  })
}

/** How the result comes back: online, at the counter, or by post (then the address is required). */
export function deliverySchema() {
  const part = z.string().trim().max(200, 'validation:tooLong')
  return z
    .object({
      method: z.enum(['online', 'counter', 'post'], { error: 'dossier:delivery.errors.method' }),
      'address.province': part.optional(),
      'address.district': part.optional(),
      'address.ward': part.optional(),
      'address.street': part.optional(),
    })
    .superRefine((v, ctx) => {
      if (v.method !== 'post') return
      for (const p of ['address.province', 'address.district', 'address.ward', 'address.street'] as const) {
        if (!v[p]) ctx.addIssue({ code: 'custom', path: [p], message: 'validation:required' })
      }
    })
}
