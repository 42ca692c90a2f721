import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useEffect, useRef } from 'react'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, SummaryRows } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { DuplicateError } from '../modules/admin/errors'
import {
  addHoliday,
  addSwap,
  calendarDay,
  checkSwap,
  holidaysOfYear,
  removeHoliday,
} from '../modules/admin/holidays.server'
import {
  calendarDaySchema,
  holidaySchema,
  holidaySwapSchema,
  removeHolidaySchema,
} from '../modules/admin/schemas'
import { vnDay } from '../modules/calendar/vietnam-time'
import { formatDate } from '../utils/format'
import { dayWithWeekday } from '../utils/weekday'
import { requireAdminScope, requireCityAdmin } from '../utils/guards.server'
import { badRequest, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schemas for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadHolidaySchema = () => import('../modules/admin/schemas').then((m) => m.holidaySchema)
const loadSwapSchema = () => import('../modules/admin/schemas').then((m) => m.holidaySwapSchema)

const fields = ['date', 'nameVi', 'nameEn'] as const
const swapFields = ['dayOff', 'makeUpDay', 'swapNameVi', 'swapNameEn', 'basis'] as const

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
  const canEdit = scope.city
  // ?remove=<day>: the confirmation step of a removal (a link from the list, so it works without JavaScript).
  const toRemove = canEdit ? dayParam(url.searchParams.get('remove')) : null
  const [{ t }, calendar, confirmRemove] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    holidaysOfYear(args.context.db, yearOf(url.searchParams.get('year'))),
    toRemove ? calendarDay(args.context.db, toRemove) : Promise.resolve(null),
  ])
  return {
    title: t('holidays.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    ...calendar,
    canEdit,
    confirmRemove,
    // Echoed from our own redirect; anything else in the address (?added=x) is not a day and shows nothing.
    added: dayParam(url.searchParams.get('added')),
    removed: dayParam(url.searchParams.get('removed')),
    swapped: dayParam(url.searchParams.get('swapped')),
  }
}

const yearPage = (day: string) => `/admin/holidays?year=${day.slice(0, 4)}`

export async function action(args: ActionFunctionArgs) {
  const { user } = await requireCityAdmin(args)
  const form = await args.request.formData()
  const intent = form.get('intent')
  if (intent === 'remove') {
    const parsed = parseForm(removeHolidaySchema, form)
    if (!parsed.ok) throw badRequest()
    await removeHoliday(args.context.db, user.id, parsed.data.date)
    return redirect(`${yearPage(parsed.data.date)}&removed=${parsed.data.date}`)
  }
  if (intent === 'swap' || intent === 'swap-confirm' || intent === 'swap-edit') {
    // A swap in two steps: 'swap' checks and shows what will change, 'swap-confirm' writes, 'swap-edit' goes back.
    const parsed = parseForm(holidaySwapSchema, form)
    const values = Object.fromEntries(swapFields.map((f) => [f, parsed.raw[f] ?? '']))
    if (intent === 'swap-edit') return { form: 'swap' as const, values }
    if (!parsed.ok) return data({ form: 'swap' as const, errors: parsed.errors, values }, { status: 400 })
    try {
      if (intent === 'swap') {
        await checkSwap(args.context.db, parsed.data)
        return { form: 'swap' as const, values, confirm: parsed.data }
      }
      await addSwap(args.context.db, user.id, parsed.data)
    } catch (error) {
      if (error instanceof DuplicateError)
        return data(
          { form: 'swap' as const, errors: { [error.field]: 'admin:holidays.errors.exists' }, values },
          { status: 409 },
        )
      rethrowAsHttp(error)
    }
    return redirect(`${yearPage(parsed.data.dayOff)}&swapped=${parsed.data.dayOff}`)
  }
  const parsed = parseForm(holidaySchema, form)
  const values = Object.fromEntries(fields.map((f) => [f, parsed.raw[f] ?? '']))
  if (!parsed.ok) return data({ form: 'add' as const, errors: parsed.errors, values }, { status: 400 })
  try {
    await addHoliday(args.context.db, user.id, parsed.data)
  } catch (error) {
    if (error instanceof DuplicateError)
      return data(
        { form: 'add' as const, errors: { date: 'admin:holidays.errors.exists' }, values },
        { status: 409 },
      )
    rethrowAsHttp(error)
  }
  return redirect(`${yearPage(parsed.data.date)}&added=${parsed.data.date}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

type Lng = 'vi' | 'en'

export default function AdminHolidays() {
  const { t, i18n } = useTranslation('admin')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const { year, years, holidays, canEdit, confirmRemove, added, removed, swapped } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const addState = actionData?.form === 'add' ? actionData : undefined
  const swapState = actionData?.form === 'swap' ? actionData : undefined
  const confirmSwap = swapState && 'confirm' in swapState ? swapState.confirm : undefined
  const { form, onSubmit, errors, field, submitCount } = useValidatedForm(loadHolidaySchema, addState)
  const swap = useValidatedForm(loadSwapSchema, swapState)
  const busy = useNavigation().state === 'submitting'
  // After a holiday or a swap is added (with JavaScript the page does not reload), the forms start empty again.
  const { reset } = form
  const resetSwap = swap.form.reset
  useEffect(() => {
    if (added) reset({ date: '', nameVi: '', nameEn: '' })
  }, [added, reset])
  useEffect(() => {
    if (swapped) resetSwap({ dayOff: '', makeUpDay: '', swapNameVi: '', swapNameEn: '', basis: '' })
  }, [swapped, resetSwap])
  // A confirmation step takes the focus (with JavaScript the page does not reload, so nothing else would move it).
  const confirmHeading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (confirmSwap || confirmRemove) confirmHeading.current?.focus()
  }, [confirmSwap, confirmRemove])

  const labels: Record<(typeof fields)[number], string> = {
    date: t('holidays.date'),
    nameVi: t('nameVi'),
    nameEn: t('nameEn'),
  }
  const swapLabels: Record<(typeof swapFields)[number], string> = {
    dayOff: t('holidays.swap.dayOff'),
    makeUpDay: t('holidays.swap.makeUpDay'),
    swapNameVi: t('holidays.swap.nameVi'),
    swapNameEn: t('holidays.swap.nameEn'),
    basis: t('holidays.basis'),
  }
  const kindOf = (h: (typeof holidays)[number]) =>
    h.kind === 'working'
      ? t('holidays.kind.makeUp', { date: dayWithWeekday(h.replaces!, lng) })
      : h.made_up_on
        ? t('holidays.kind.swapped', { date: dayWithWeekday(h.made_up_on, lng) })
        : t('holidays.kind.off')
  const notice = added
    ? t('holidays.added', { date: formatDate(added, lng) })
    : removed
      ? t('holidays.removed', { date: formatDate(removed, lng) })
      : swapped
        ? t('holidays.swap.added', { date: formatDate(swapped, lng) })
        : null

  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a>
      </nav>
      <h1>{t('holidays.title')}</h1>
      <p className="lead">{t('holidays.intro')}</p>
      {canEdit ? null : <p>{t('holidays.cityOnly')}</p>}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      {confirmRemove ? (
        <section className="section narrow" aria-labelledby="remove-title">
          <h2 id="remove-title" ref={confirmHeading} tabIndex={-1}>
            {t('holidays.confirmRemove.title', { date: dayWithWeekday(confirmRemove.date, lng) })}
          </h2>
          <p>
            {confirmRemove.kind === 'working' || confirmRemove.made_up_on
              ? t('holidays.confirmRemove.swap', {
                  dayOff: dayWithWeekday(
                    confirmRemove.kind === 'working' ? confirmRemove.replaces! : confirmRemove.date,
                    lng,
                  ),
                  makeUpDay: dayWithWeekday(
                    confirmRemove.kind === 'working' ? confirmRemove.date : confirmRemove.made_up_on!,
                    lng,
                  ),
                })
              : t('holidays.confirmRemove.plain', {
                  name: lng === 'en' ? confirmRemove.name_en : confirmRemove.name_vi,
                })}
          </p>
          <p>{t('holidays.confirmRemove.clock')}</p>
          <Form method="post" className="button-row">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="date" value={confirmRemove.date} />
            <button type="submit" className="button button--warning" disabled={busy}>
              {t('holidays.confirmRemove.submit')}
            </button>
            <a href={`/admin/holidays?year=${year}`} className="button button--secondary">
              {t('holidays.confirmRemove.cancel')}
            </a>
          </Form>
        </section>
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
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('date')}</th>
                  <th scope="col">{t('holidays.kind.title')}</th>
                  <th scope="col">{t('nameVi')}</th>
                  <th scope="col">{t('nameEn')}</th>
                  <th scope="col">{t('holidays.basis')}</th>
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
                    <th scope="row">{dayWithWeekday(h.date, lng)}</th>
                    <td>{kindOf(h)}</td>
                    <td lang="vi">{h.name_vi}</td>
                    <td lang="en">{h.name_en}</td>
                    <td lang="vi">{h.basis ?? ''}</td>
                    {canEdit ? (
                      <td>
                        <a href={`/admin/holidays?year=${year}&remove=${h.date}#remove-title`}>
                          {t('holidays.remove')}
                          <span className="visually-hidden"> {formatDate(h.date, lng)}</span>
                        </a>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canEdit ? (
        <section className="section narrow" aria-labelledby="add-title">
          <h2 id="add-title">{t('holidays.addTitle')}</h2>
          <ErrorSummary
            errors={errors}
            order={[...fields]}
            labels={labels}
            focusKey={[addState, submitCount]}
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

      {canEdit ? (
        <section className="section narrow" aria-labelledby="swap-title">
          <h2
            id="swap-title"
            ref={confirmSwap ? confirmHeading : undefined}
            tabIndex={confirmSwap ? -1 : undefined}
          >
            {confirmSwap ? t('holidays.swap.confirmTitle') : t('holidays.swap.title')}
          </h2>
          {confirmSwap ? (
            <>
              <SummaryRows
                rows={[
                  { label: swapLabels.dayOff, value: dayWithWeekday(confirmSwap.dayOff, lng) },
                  { label: swapLabels.makeUpDay, value: dayWithWeekday(confirmSwap.makeUpDay, lng) },
                  { label: swapLabels.swapNameVi, value: <span lang="vi">{confirmSwap.swapNameVi}</span> },
                  { label: swapLabels.swapNameEn, value: <span lang="en">{confirmSwap.swapNameEn}</span> },
                  confirmSwap.basis !== '' && {
                    label: swapLabels.basis,
                    value: <span lang="vi">{confirmSwap.basis}</span>,
                  },
                ]}
              />
              <p>
                {t('holidays.swap.effect', {
                  dayOff: dayWithWeekday(confirmSwap.dayOff, lng),
                  makeUpDay: dayWithWeekday(confirmSwap.makeUpDay, lng),
                })}
              </p>
              <Form method="post" className="button-row">
                {swapFields.map((f) => (
                  <input key={f} type="hidden" name={f} value={confirmSwap[f]} />
                ))}
                <button type="submit" name="intent" value="swap-confirm" className="button" disabled={busy}>
                  {t('holidays.swap.confirm')}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="swap-edit"
                  className="button button--secondary"
                  disabled={busy}
                >
                  {t('holidays.swap.edit')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <p>{t('holidays.swap.intro')}</p>
              <ErrorSummary
                errors={swap.errors}
                order={[...swapFields]}
                labels={swapLabels}
                focusKey={[swapState, swap.submitCount]}
              />
              <Form method="post" noValidate onSubmit={swap.onSubmit}>
                <input type="hidden" name="intent" value="swap" />
                <Field
                  {...swap.field('dayOff')}
                  type="date"
                  className="input--date"
                  label={swapLabels.dayOff}
                  hint={t('holidays.swap.dayOffHint')}
                />
                <Field
                  {...swap.field('makeUpDay')}
                  type="date"
                  className="input--date"
                  label={swapLabels.makeUpDay}
                  hint={t('holidays.swap.makeUpDayHint')}
                />
                <Field
                  {...swap.field('swapNameVi')}
                  lang="vi"
                  label={swapLabels.swapNameVi}
                  hint={t('holidays.swap.nameViHint')}
                />
                <Field
                  {...swap.field('swapNameEn')}
                  lang="en"
                  label={swapLabels.swapNameEn}
                  hint={t('holidays.swap.nameEnHint')}
                />
                <Field
                  {...swap.field('basis')}
                  label={swapLabels.basis}
                  hint={t('holidays.swap.basisHint')}
                />
                <button type="submit" className="button" disabled={busy}>
                  {t('holidays.swap.submit')}
                </button>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </>
  )
}
