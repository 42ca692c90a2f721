import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useEffect } from 'react'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { DuplicateError } from '../modules/admin/errors'
import { addHoliday, holidaysOfYear, removeHoliday } from '../modules/admin/holidays.server'
import { calendarDaySchema, holidaySchema, removeHolidaySchema } from '../modules/admin/schemas'
import { vnDay } from '../modules/calendar/vietnam-time'
import { formatDate } from '../utils/format'
import { requireAdminScope, requireCityAdmin } from '../utils/guards.server'
import { badRequest, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadHolidaySchema = () => import('../modules/admin/schemas').then((m) => m.holidaySchema)

const fields = ['date', 'nameVi', 'nameEn'] as const

function yearOf(value: string | null) {
  const year = Number(value)
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(vnDay(new Date()).slice(0, 4))
}

const dayParam = (value: string | null) => {
  const day = calendarDaySchema.safeParse(value)
  return day.success ? day.data : null
}

export async function loader(args: LoaderFunctionArgs) {
  // The calendar is city-wide: every administrator reads it, only the city's super-administrator changes it.
  const { scope } = await requireAdminScope(args)
  const url = new URL(args.request.url)
  const [{ t }, calendar] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    holidaysOfYear(args.context.db, yearOf(url.searchParams.get('year'))),
  ])
  return {
    title: t('holidays.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    ...calendar,
    canEdit: scope.city,
    // Echoed from our own redirect; anything else in the address (?added=x) is not a day and shows nothing.
    added: dayParam(url.searchParams.get('added')),
    removed: dayParam(url.searchParams.get('removed')),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user } = await requireCityAdmin(args)
  const form = await args.request.formData()
  if (form.get('intent') === 'remove') {
    const parsed = parseForm(removeHolidaySchema, form)
    if (!parsed.ok) throw badRequest()
    await removeHoliday(args.context.db, user.id, parsed.data.date)
    return redirect(`/admin/holidays?year=${parsed.data.date.slice(0, 4)}&removed=${parsed.data.date}`)
  }
  const parsed = parseForm(holidaySchema, form)
  const values = Object.fromEntries(fields.map((f) => [f, parsed.raw[f] ?? '']))
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 })
  try {
    await addHoliday(args.context.db, user.id, parsed.data)
  } catch (error) {
    if (error instanceof DuplicateError)
      return data({ errors: { date: 'admin:holidays.errors.exists' }, values }, { status: 409 })
    rethrowAsHttp(error)
  }
  return redirect(`/admin/holidays?year=${parsed.data.date.slice(0, 4)}&added=${parsed.data.date}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminHolidays() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { year, years, holidays, canEdit, added, removed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { form, onSubmit, errors, field, submitCount } = useValidatedForm(loadHolidaySchema, actionData)
  const busy = useNavigation().state === 'submitting'
  // After a holiday is added (with JavaScript the page does not reload), the form starts empty again.
  const { reset } = form
  useEffect(() => {
    if (added) reset({ date: '', nameVi: '', nameEn: '' })
  }, [added, reset])
  const labels: Record<(typeof fields)[number], string> = {
    date: t('holidays.date'),
    nameVi: t('nameVi'),
    nameEn: t('nameEn'),
  }
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a>
      </nav>
      <h1>{t('holidays.title')}</h1>
      <p className="lead">{t('holidays.intro')}</p>
      {canEdit ? null : <p>{t('holidays.cityOnly')}</p>}
      {added || removed ? (
        <p className="notice" role="status">
          {added
            ? t('holidays.added', { date: formatDate(added, lng) })
            : t('holidays.removed', { date: formatDate(removed!, lng) })}
        </p>
      ) : null}

      <nav aria-label={t('holidays.years')} className="year-nav">
        <ul>
          {years.map((y) => (
            <li key={y}>
              <a href={`/admin/holidays?year=${y}`} aria-current={y === year ? 'page' : undefined}>
                {y}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section className="section" aria-labelledby="list-title">
        <h2 id="list-title">{t('holidays.listTitle', { year })}</h2>
        {holidays.length === 0 ? (
          <p>{t('holidays.none', { year })}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('nameVi')}</th>
                <th scope="col">{t('nameEn')}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {holidays.map((h) => (
                <tr key={h.date}>
                  <th scope="row">{formatDate(h.date, lng)}</th>
                  <td lang="vi">{h.name_vi}</td>
                  <td lang="en">{h.name_en}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="date" value={h.date} />
                        <button type="submit" className="link-button">
                          {t('holidays.remove')}
                          <span className="visually-hidden"> {formatDate(h.date, lng)}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {canEdit ? (
        <section className="section narrow" aria-labelledby="add-title">
          <h2 id="add-title">{t('holidays.addTitle')}</h2>
          <ErrorSummary
            errors={errors}
            order={[...fields]}
            labels={labels}
            focusKey={[actionData, submitCount]}
          />
          <Form method="post" noValidate onSubmit={onSubmit}>
            <input type="hidden" name="intent" value="add" />
            <Field
              {...field('date')}
              type="date"
              className="input--date"
              label={labels.date}
              hint={t('holidays.dateHint')}
            />
            <Field {...field('nameVi')} lang="vi" label={labels.nameVi} hint={t('holidays.nameViHint')} />
            <Field {...field('nameEn')} lang="en" label={labels.nameEn} hint={t('holidays.nameEnHint')} />
            <button type="submit" className="button" disabled={busy}>
              {t('holidays.add')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
