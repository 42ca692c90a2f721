import { z } from 'zod'
import { commonPasswords } from './common-passwords'

// Messages are translation keys (namespace:key), rendered by the form components.

export const emailSchema = z
  .string({ error: 'validation:required' })
  .trim()
  .min(1, 'validation:required')
  .max(254, 'validation:tooLong')
  .pipe(z.email('validation:email'))
  .transform((v) => v.toLowerCase())

/** Vietnamese mobile numbers: 0 or +84, then a mobile prefix 3/5/7/8/9 and 8 digits. Stored as 0xxxxxxxxx. */
export const phoneSchema = z
  .string({ error: 'validation:required' })
  .transform((v) => v.replace(/[\s.-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'validation:required')
      .regex(/^(0|\+84|84)[35789]\d{8}$/, 'validation:phone'),
  )
  .transform((v) => v.replace(/^(\+84|84)/, '0'))

export const citizenIdSchema = z
  .string({ error: 'validation:required' })
  .trim()
  .min(1, 'validation:required')
  .regex(/^\d{12}$/, 'validation:citizenId')

export const newPasswordSchema = z
  .string({ error: 'validation:required' })
  .min(1, 'validation:required')
  .min(8, 'validation:passwordTooShort')
  .max(128, 'validation:passwordTooLong')
  .refine((v) => !commonPasswords.has(v.toLowerCase()), 'validation:passwordCommon')

export const registerSchema = z.object({
  fullName: z
    .string({ error: 'validation:required' })
    .trim()
    .min(1, 'validation:required')
    .min(2, 'validation:fullName')
    .max(100, 'validation:fullName'),
  email: emailSchema,
  phone: phoneSchema,
  citizenId: citizenIdSchema,
  password: newPasswordSchema,
})
export type RegisterInput = z.infer<typeof registerSchema>

export const loginSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: 'validation:required' })
    .min(1, 'validation:required')
    .max(1024, 'validation:tooLong'),
})
export type LoginInput = z.infer<typeof loginSchema>

/** "Send the confirmation letter again". */
export const resendSchema = z.object({ email: emailSchema })
