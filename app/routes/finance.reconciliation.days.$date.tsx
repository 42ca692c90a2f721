import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DayFigureRows } from '../components/finance-day-figures'
import { Field } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { closeDay, financeDay } from '../modules/finance/close.server'
import { FinanceDayClosed } from '../modules/finance/errors'
import { financeAgencies, isDay } from '../modules/finance/pages.server'
import { requireArea } from '../utils/auth.server'
import { formatDate, formatDateTime } from '../utils/format'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

interface Args {
  request: Request
  context: LoaderFunctionArgs['context']
  params: LoaderFunctionArgs['params']
}

/** The day and the agency the page is about: one of the clerk's agencies (another agency's code: 404). */
async function dayAndAgency(args: Args) {
  const user = await requireArea(args, 'finance')
  const day = args.params.date ?? ''
  if (!isDay(day)) throw notFound()
  const agencies = await financeAgencies(args.context.db, user)
  const code = new URL(args.request.url).searchParams.get('agency')
  const agency = code ? agencies.find((a) => a.code === code) : agencies[0]
  if (!agency) throw notFound()
  return { user, day, agency, agencies }
}

/** One business day of one agency: its figures, the close (with a confirmation step) and the exports. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, day, agency, agencies } = await dayAndAgency(args)
  const [{ t }, found] = await Promise.all([
    getT(args.request, ['finance', 'common']),
    financeDay(args.context.db, user, { agencyId: agency.id, day }),
  ])
  return {
    title: t('pages.day.title', {
      day: formatDate(day, user.locale === 'en' ? 'en' : 'vi'),
      code: agency.code,
    }),
    titleSuffix: t('common:meta.titleSuffix'),
    day,
    agency,
    agencies: agencies.map((a) => a.code),
    confirm: new URL(args.request.url).searchParams.get('confirm') === '1',
    ...found,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user, day, agency } = await dayAndAgency(args)
  const form = await args.request.formData()
  if (form.get('intent') !== 'close' || form.get('confirm') !== 'yes')
    return data({ error: 'finance:pages.day.confirmRequired' }, { status: 422 })
  try {
    await closeDay(args.context.db, user, { agencyId: agency.id, day })
  } catch (error) {
    if (error instanceof FinanceDayClosed) return data({ error: error.key }, { status: 409 })
    rethrowAsHttp(error)
  }
  return redirect(`/finance/reconciliation/days/${day}?agency=${agency.code}&closed=1`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function FinanceDayPage() {
  const { t, i18n } = useTranslation('finance')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { day, agency, figures: f, closed, confirm } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const here = `/finance/reconciliation/days/${day}?agency=${agency.code}`
  const exportLink = (format: 'csv' | 'xlsx', from = day, to = day) =>
    `/finance/reconciliation/export?agency=${agency.code}&from=${from}&to=${to}&format=${format}`
  return (
    <>
      <nav aria-label={t('pages.breadcrumb')} className="breadcrumb">
        <a href="/finance">{t('pages.home')}</a>{' '}
        <a href={`/finance/reconciliation?day=${day}`}>{t('pages.reconciliation.title')}</a>
      </nav>
      <h1>{t('pages.day.title', { day: formatDate(day, lng), code: agency.code })}</h1>
      {outcome?.error ? (
        <p className="notice notice--warning" role="alert">
          {t(outcome.error)}
        </p>
      ) : null}
      {closed ? (
        <p className="notice" role="status">
          {t('pages.day.closedBy', { name: closed.byName, at: formatDateTime(closed.at, lng) })}{' '}
          {t('pages.day.closedNote')}
        </p>
      ) : null}
      <DayFigureRows
        figures={f}
        agencyCode={agency.code}
        day={day}
        extra={[
          {
            label: t('figures.corrections'),
            value: (
              <Link
                to={`/finance/reconciliation/exceptions?agency=${agency.code}&status=all&from=${day}&to=${day}`}
              >
                {t('pages.day.correctionsCount', { count: f.corrections })}
              </Link>
            ),
          },
        ]}
      />

      <section className="section" aria-labelledby="close">
        <h2 id="close">{t('pages.day.closeTitle')}</h2>
        {closed ? (
          <p>{t('pages.day.alreadyClosed')}</p>
        ) : confirm ? (
          <Form method="post" action={here} className="card">
            <p>{t('pages.day.confirmText', { day: formatDate(day, lng), code: agency.code })}</p>
            <input type="hidden" name="confirm" value="yes" />
            <div className="button-row">
              <button
                type="submit"
                name="intent"
                value="close"
                className="button button--warning"
                disabled={busy}
              >
                {t('pages.day.confirmClose')}
              </button>
              <Link to={here}>{t('pages.day.cancel')}</Link>
            </div>
          </Form>
        ) : (
          <>
            <p>{t('pages.day.closeIntro')}</p>
            <Link className="button" to={`${here}&confirm=1`}>
              {t('pages.day.close')}
            </Link>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="export">
        <h2 id="export">{t('pages.export.title')}</h2>
        <p>{t('pages.export.intro')}</p>
        <ul>
          <li>
            <a href={exportLink('csv')} download>
              {t('pages.export.dayCsv')}
            </a>
          </li>
          <li>
            <a href={exportLink('xlsx')} download>
              {t('pages.export.dayXlsx')}
            </a>
          </li>
        </ul>
        <Form method="get" action="/finance/reconciliation/export" reloadDocument>
          <input type="hidden" name="agency" value={agency.code} />
          <Field
            id="from"
            name="from"
            type="date"
            label={t('pages.export.from')}
            defaultValue={`${day.slice(0, 8)}01`}
          />
          <Field id="to" name="to" type="date" label={t('pages.export.to')} defaultValue={day} />
          <div className="button-row">
            <button type="submit" name="format" value="csv" className="button button--secondary">
              {t('pages.export.rangeCsv')}
            </button>
            <button type="submit" name="format" value="xlsx" className="button button--secondary">
              {t('pages.export.rangeXlsx')}
            </button>
          </div>
        </Form>
      </section>
    </>
  )
}
