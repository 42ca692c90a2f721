import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { getForApplicant } from '../modules/dossiers/queries.server'
import { requireUser } from '../utils/auth.server'
import { formatMoney } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const d = await getForApplicant(args.context.db, args.params.code ?? '', user.id)
  if (!d) throw notFound()
  const { t } = await getT(args.request, ['dossier', 'common'])
  const dueFee = d.fees.find((f) => f.status === 'due' && f.kind === 'submission')
  return {
    title: t('confirmation.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: d.code,
    status: d.status,
    processingDays: d.processing_days,
    dueAmount: dueFee?.amount ?? null,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Confirmation() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { code, status, processingDays, dueAmount } = useLoaderData<typeof loader>()
  return (
    <div className="narrow">
      <div className="panel panel--confirmation">
        <h1 className="panel__title">{t('confirmation.title')}</h1>
        <div className="panel__body">
          {t('confirmation.code')}
          <br />
          <strong className="dossier-code">{code}</strong>
        </div>
      </div>
      <p>{t('confirmation.codeHint')}</p>
      <h2>{t('confirmation.next')}</h2>
      {status === 'awaiting_payment' && dueAmount ? (
        <p>{t('confirmation.nextPayment', { amount: formatMoney(dueAmount, lng) })}</p>
      ) : (
        <p>{t('confirmation.nextReception')}</p>
      )}
      <p>{t('confirmation.expected', { days: t('catalogue:processingDays', { count: processingDays }) })}</p>
      <p>
        <a className="button" href={`/dossiers/${code}`}>
          {t('confirmation.view')}
        </a>
      </p>
      <p>
        <a href="/dossiers">{t('confirmation.all')}</a>
      </p>
    </div>
  )
}
