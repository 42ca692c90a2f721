/**
 * One zod schema per administration form, shared by the browser (react-hook-form) and the actions. Messages are
 * translation keys. Plain module: safe in the browser bundle.
 */
import { z } from 'zod'
import { staffRoles } from '../auth/permissions'
import { emailSchema, newPasswordSchema, registerSchema } from '../auth/schemas'

const text = (max: number) =>
  z
    .string({ error: 'validation:required' })
    .trim()
    .min(1, 'validation:required')
    .max(max, 'validation:tooLong')

/** Agency codes: 2 to 8 capital letters or digits (the prefix of dossier codes). Typed lower case is accepted. */
export const agencyCodeSchema = z
  .string({ error: 'validation:required' })
  .trim()
  .min(1, 'validation:required')
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{2,8}$/, 'admin:errors.agencyCode'))

/** Create (and, with the same fields, edit) an agency; `parent` is the parent's code, '' for none. */
export const agencySchema = z.object({
  code: agencyCodeSchema,
  nameVi: text(200),
  nameEn: text(200),
  parent: z.string().trim().max(8).optional().default(''),
})
export type AgencyInput = z.infer<typeof agencySchema>

const isCalendarDay = (v: string) => {
  const [y, m, d] = v.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** A calendar day 'yyyy-mm-dd' between 2000 and 2100 (what `<input type="date">` posts). */
export const calendarDaySchema = z
  .string({ error: 'validation:required' })
  .trim()
  .min(1, 'validation:required')
  .regex(/^(20\d\d|2100)-\d\d-\d\d$/, 'admin:errors.date')
  .refine(isCalendarDay, 'admin:errors.date')

export const holidaySchema = z.object({
  date: calendarDaySchema,
  nameVi: text(200),
  nameEn: text(200),
})
export type HolidayInput = z.infer<typeof holidaySchema>

export const removeHolidaySchema = z.object({ date: calendarDaySchema })

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay()

/**
 * A swap (hoán đổi ngày làm việc): the weekday `dayOff` becomes a day off, the weekend day `makeUpDay` a working
 * day (ngày làm bù). `basis` cites the decision (optional: a city may record it later).
 */
export const holidaySwapSchema = z.object({
  dayOff: calendarDaySchema.refine(
    (d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6,
    'admin:holidays.errors.dayOffWeekend',
  ),
  makeUpDay: calendarDaySchema.refine(
    (d) => weekdayOf(d) === 0 || weekdayOf(d) === 6,
    'admin:holidays.errors.makeUpWeekday',
  ),
  swapNameVi: text(200),
  swapNameEn: text(200),
  basis: z.string().trim().max(300, 'validation:tooLong').optional().default(''),
})
export type HolidaySwapInput = z.infer<typeof holidaySwapSchema>

export const staffRoleSchema = z.enum(staffRoles, { error: 'admin:errors.role' })

/** A new staff account: validated like registration (name, e-mail, password), with its first role. */
export const createStaffSchema = z.object({
  fullName: registerSchema.shape.fullName,
  email: emailSchema,
  password: newPasswordSchema,
  role: staffRoleSchema,
})
export type CreateStaffInput = z.infer<typeof createStaffSchema>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The roles a staff member holds in the agency after saving (the ticked boxes; none removes them from it). */
export const setRolesSchema = z.object({
  userId: z.string().regex(UUID, 'admin:errors.notFound'),
  roles: z.array(staffRoleSchema).max(staffRoles.length),
})

/** A new procedure version: the JSON texts, parsed and validated by the forms module. */
export const publishSchema = z.object({
  form: z.string({ error: 'validation:required' }).trim().min(1, 'validation:required').max(500_000),
  documents: z.string({ error: 'validation:required' }).trim().min(1, 'validation:required').max(200_000),
  /** 2: only a level-2 VNeID sign-in may file under this version (issue 16 §3) */
  identityLevel: z.enum(['1', '2'], { error: 'validation:required' }).default('1'),
})
