import type { LoaderFunctionArgs } from '@remix-run/node'
import { vnDay } from '../modules/calendar/vietnam-time'
import {
  getPrintableForm,
  printableFormNumbers,
  trackingBook,
  type PrintableForm,
} from '../modules/officer/print.server'
import { deny, requireArea, requireUser } from './auth.server'
import { notFound } from './http-errors.server'

/**
 * The guard and the form of `/officer/dossiers/:code/print/:form` (and its PDF): officers only (anonymous →
 * login, others → 403), an unknown form, a dossier out of scope or without the form's event → 404.
 */
export async function requirePrintableForm(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const number = args.params.form ?? ''
  if (!(printableFormNumbers as readonly string[]).includes(number)) throw notFound()
  const doc = await getPrintableForm(args.context.db, args.params.code ?? '', number as PrintableForm, user, {
    origin: args.context.origin,
  })
  if (!doc) throw notFound()
  return doc
}

/** Who keeps and reads an agency's tracking book: its officers and its administrators (their own agency). */
const bookRoles = ['reception', 'specialist', 'approver', 'admin'] as const

const isDay = (v: string | null): v is string =>
  !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))

/**
 * The guard of the tracking book (Mẫu 06: `/officer/tracking-book`, its CSV and PDF), like the dashboard's CSV:
 * anonymous → login; no officer or administrator role → 403; `?agency=` not one of the user's agencies → 403.
 * Returns the agency (the chosen one, else the user's first), the user's agencies for the choice and the period
 * (`?from=&to=`, Vietnamese days; by default the current month up to today; at most a year).
 */
export async function requireTrackingBook(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const url = new URL(args.request.url)
  const grants = user.roles.filter((g) => (bookRoles as readonly string[]).includes(g.role))
  if (grants.length === 0) deny(args, user, 'tracking-book')
  const agencies = [
    ...new Map(grants.map((g) => [g.agencyId, { id: g.agencyId, code: g.agencyCode }])).values(),
  ]
  const code = url.searchParams.get('agency')
  const agency = code ? agencies.find((a) => a.code === code) : agencies[0]
  if (!agency) deny(args, user, `tracking-book@${code}`)
  const today = vnDay(new Date())
  let from = url.searchParams.get('from')
  let to = url.searchParams.get('to')
  if (!isDay(to)) to = today
  if (!isDay(from) || from > to) from = `${to.slice(0, 8)}01`
  const yearBefore = new Date(Date.parse(`${to}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10)
  if (from < yearBefore) from = yearBefore
  return { user, agency, agencies, period: { from, to } }
}

/** The tracking book of the guarded agency and period (the document model, for the page, the CSV and the PDF). */
export async function trackingBookFor(args: LoaderFunctionArgs) {
  const found = await requireTrackingBook(args)
  return { ...found, ...(await trackingBook(args.context.db, found.agency.id, found.period)) }
}
