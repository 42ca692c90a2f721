import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DayFigureRows } from '../components/finance-day-figures'
import { ErrorSummary, Field, Radios, SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { vnDay } from '../modules/calendar/vietnam-time'
import { SettlementFileTooLarge, SettlementUploadInvalid } from '../modules/finance/errors'
import { importNow } from '../modules/finance/import-gateway.server'
import { isDay, reconciliationOverview } from '../modules/finance/pages.server'
import { reconcile } from '../modules/finance/reconcile.server'
import { receiveSettlementUpload } from '../modules/finance/upload.server'
import { requireArea } from '../utils/auth.server'
import { formatDate, formatDateTime } from '../utils/format'
import { rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

/**
 * The business day's reconciliation (DESIGN §8, issue 10): each of the clerk's agencies with its figures, the last
 * import and run per provider, the settlement file upload (streamed through the engine), and the buttons that pull
 * from the gateway and reconcile now.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const asked = new URL(args.request.url).searchParams.get('day')
  const day = isDay(asked) ? asked : vnDay(new Date())
  const [{ t }, overview] = await Promise.all([
    getT(args.request, ['finance', 'common']),
    reconciliationOverview(args.context.db, user, day),
  ])
  return {
    title: t('pages.reconciliation.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    day,
    ...overview,
  }
}

/** How many days back "reconcile now" looks (settlement lines arrive days after the payment). */
const reconcileDays = 35

export async function action(args: ActionFunctionArgs) {
  const user = await requireArea(args, 'finance')
  const { db, env, payments } = args.context
  const type = args.request.headers.get('content-type') ?? ''
  if (type.startsWith('multipart/form-data')) {
    try {
      const result = await receiveSettlementUpload(db, args.request, {
        importedBy: user.id,
        maxBytes: env.SETTLEMENT_MAX_BYTES,
      })
      return data({ kind: 'upload' as const, result }, { status: result.status === 'rejected' ? 422 : 200 })
    } catch (error) {
      if (error instanceof SettlementFileTooLarge)
        return data(
          { kind: 'refused' as const, error: error.key },
          { status: 413, headers: { Connection: 'close' } },
        )
      if (error instanceof SettlementUploadInvalid)
        return data({ kind: 'refused' as const, error: error.key }, { status: 422 })
      rethrowAsHttp(error)
    }
  }
  const form = await args.request.formData()
  const intent = String(form.get('intent') ?? '')
  const now = new Date()
  if (intent === 'pull') {
    const pulled = await importNow(db, payments, {
      now,
      importedBy: user.id,
      settleDays: env.RECONCILE_SETTLE_DAYS,
    })
    return data({
      kind: 'pull' as const,
      pulled: pulled.map((p) => ({
        provider: p.provider,
        failed: !!p.error,
        newLines: p.imported?.newLines ?? 0,
      })),
    })
  }
  if (intent === 'reconcile') {
    const run = await reconcile(db, {
      from: new Date(now.getTime() - reconcileDays * 86_400_000),
      to: now,
      now,
      settleDays: env.RECONCILE_SETTLE_DAYS,
      startedBy: user.id,
    })
    return data({ kind: 'run' as const, failed: !!run.error, results: run.results })
  }
  return data(
    { kind: 'refused' as const, error: 'finance:pages.reconciliation.unknownAction' },
    { status: 400 },
  )
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Reconciliation() {
  const { t, i18n } = useTranslation('finance')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { day, agencies, imports, runs } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <>
      <nav aria-label={t('pages.breadcrumb')} className="breadcrumb">
        <a href="/finance">{t('pages.home')}</a>
      </nav>
      <h1>{t('pages.reconciliation.title')}</h1>
      <p className="lead">{t('pages.reconciliation.intro', { day: formatDate(day, lng) })}</p>
      <Outcome outcome={outcome} />
      <Form method="get" className="filters">
        <Field id="day" name="day" type="date" label={t('pages.reconciliation.day')} defaultValue={day} />
        <button type="submit" className="button button--secondary">
          {t('pages.reconciliation.show')}
        </button>
      </Form>
      <p>
        <Link to="/finance/reconciliation/exceptions">{t('pages.reconciliation.allExceptions')}</Link>
      </p>

      {agencies.map((a) => {
        const f = a.day.figures
        const heading = `agency-${a.code}`
        return (
          <section key={a.id} className="section card" aria-labelledby={heading}>
            <h2 id={heading}>{`${a.code} – ${lng === 'en' ? a.name_en : a.name_vi}`}</h2>
            {a.day.closed ? (
              <p className="notice">
                {t('pages.day.closedBy', {
                  name: a.day.closed.byName,
                  at: formatDateTime(a.day.closed.at, lng),
                })}
              </p>
            ) : null}
            <DayFigureRows figures={f} agencyCode={a.code} day={day} />
            <p>
              <Link
                className="button button--secondary"
                to={`/finance/reconciliation/days/${day}?agency=${a.code}`}
              >
                {t('pages.reconciliation.openDay', { code: a.code })}
              </Link>
            </p>
          </section>
        )
      })}

      <section className="section" aria-labelledby="sources">
        <h2 id="sources">{t('pages.reconciliation.sourcesTitle')}</h2>
        <SummaryRows
          rows={[
            ...(['stripe', 'vnpay'] as const).map((provider) => {
              const last = imports.find((i) => i.provider === provider)
              return {
                key: `import-${provider}`,
                label: t('pages.reconciliation.lastImport', { provider: t(`providers.${provider}`) }),
                value: last
                  ? t('pages.reconciliation.importLine', {
                      at: formatDateTime(last.at, lng),
                      source: t(`pages.source.${last.source}`),
                      status: t(`pages.importStatus.${last.status}`),
                      lines: last.line_count,
                      fresh: last.new_lines,
                    })
                  : t('pages.reconciliation.never'),
              }
            }),
            {
              key: 'run',
              label: t('pages.reconciliation.lastRun'),
              value: runs.length
                ? runs
                    .map((r) =>
                      t('pages.reconciliation.runLine', {
                        provider: t(`providers.${r.provider}`),
                        at: formatDateTime(r.startedAt, lng),
                        count: r.newItems,
                      }),
                    )
                    .join(' · ')
                : t('pages.reconciliation.never'),
            },
          ]}
        />
        <div className="button-row">
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="pull"
              className="button button--secondary"
              disabled={busy}
            >
              {t('pages.reconciliation.pull')}
            </button>
          </Form>
          <Form method="post">
            <button type="submit" name="intent" value="reconcile" className="button" disabled={busy}>
              {t('pages.reconciliation.reconcile')}
            </button>
          </Form>
        </div>
      </section>

      <section className="section" aria-labelledby="upload">
        <h2 id="upload">{t('pages.upload.title')}</h2>
        <p>{t('pages.upload.intro')}</p>
        <Form method="post" encType="multipart/form-data">
          <Radios
            id="provider"
            name="provider"
            legend={t('pages.upload.provider')}
            defaultValue="vnpay"
            options={[
              { value: 'vnpay', label: t('pages.upload.vnpay') },
              { value: 'stripe', label: t('pages.upload.stripe') },
            ]}
          />
          <Field
            id="report"
            name="report"
            type="file"
            accept=".csv,text/csv"
            label={t('pages.upload.file')}
            hint={t('pages.upload.hint')}
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {t('pages.upload.submit')}
          </button>
        </Form>
      </section>
    </>
  )
}

type Outcome = ReturnType<typeof useActionData<typeof action>>

/** What the last action did: the import's result (with its line errors), the pull, the run, or a refusal. */
function Outcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('finance')
  if (!outcome) return null
  if (outcome.kind === 'refused')
    return (
      <ErrorSummary
        errors={{ report: outcome.error }}
        labels={{ report: t('pages.upload.file') }}
        idOf={() => 'report'}
      />
    )
  if (outcome.kind === 'pull')
    return (
      <div className="notice" role="status">
        {outcome.pulled.length === 0
          ? t('pages.reconciliation.pullNone')
          : outcome.pulled.map((p) => (
              <p key={p.provider}>
                {p.failed
                  ? t('pages.reconciliation.pullFailed', { provider: t(`providers.${p.provider}`) })
                  : t('pages.reconciliation.pulled', {
                      provider: t(`providers.${p.provider}`),
                      count: p.newLines,
                    })}
              </p>
            ))}
      </div>
    )
  if (outcome.kind === 'run')
    return (
      <div className={outcome.failed ? 'notice notice--warning' : 'notice'} role="status">
        {outcome.failed
          ? t('pages.reconciliation.runFailed')
          : t('pages.reconciliation.ran', {
              matched: outcome.results.matched,
              count: outcome.results.newItems,
            })}
      </div>
    )
  const r = outcome.result
  if (r.status === 'already_imported')
    return (
      <div className="notice" role="status">
        {t('pages.upload.already')}
      </div>
    )
  if (r.status === 'imported')
    return (
      <div className="notice" role="status">
        {t('pages.upload.imported', { count: r.lineCount, fresh: r.newLines, known: r.duplicateLines })}
      </div>
    )
  return (
    <div className="error-summary" role="alert" aria-labelledby="line-errors-title" tabIndex={-1}>
      <h2 id="line-errors-title" className="error-summary__title">
        {t('pages.upload.rejected', { count: r.errorCount })}
      </h2>
      <div className="table-scroll">
        <table className="table">
          <caption id="line-errors-caption">{t('pages.upload.linesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('pages.upload.line')}
              </th>
              <th scope="col">{t('pages.upload.column')}</th>
              <th scope="col">{t('pages.upload.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {r.errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.line}</td>
                <td>{e.column}</td>
                <td>{t(e.reason, e.values ?? {})}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
