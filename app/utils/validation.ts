import type { z } from 'zod'
import type { FieldErrors } from '../components/forms'

/** Parses a submitted form with the shared schema; errors keep their translation keys, first one per field. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData) {
  const raw: Record<string, string> = {}
  for (const [k, v] of formData) if (typeof v === 'string') raw[k] = v
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true as const, data: result.data as z.infer<S>, raw }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'form')
    errors[key] ??= issue.message
  }
  return { ok: false as const, errors, raw }
}
