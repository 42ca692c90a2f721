import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { attemptForPayer } from '../modules/payments/queries.server'
import { requireUser } from '../utils/auth.server'
import { formatMoney } from '../utils/format'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { failureKey } from './dossiers.$code.pay'

/**
 * Where the payer's browser comes back. It only shows what we know: the verified notification (or our own
 * retrieve) is what marks the attempt paid. While nothing verified has arrived it refreshes itself (with
 * JavaScript) or offers a "check again" link (without).
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const attempt = await attemptForPayer(args.context.db, args.params.attemptId ?? '', user.id)
  if (!attempt) throw notFound()
  const { t } = await getT(args.request, ['payments', 'common'])
  return { title: t('return.title'), titleSuffix: t('common:meta.titleSuffix'), attempt }
}

export const meta: MetaFunction<typeof loader> = pageTitle

const waiting = ['creating', 'pending', 'processing'] as const

export default function PaymentReturn() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { attempt: a } = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  const isWaiting = (waiting as readonly string[]).includes(a.status)
  useEffect(() => {
    if (!isWaiting) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 2000)
    return () => clearInterval(timer)
  }, [isWaiting, revalidator])

  return (
    <div className="narrow">
      <h1>{t('return.title')}</h1>
      <p className="caption">{`${a.description[lng]} – ${a.dossierCode} – ${formatMoney(a.amount, lng)}`}</p>
      <div role="status" aria-live="polite">
        {a.status === 'succeeded' && !a.duplicate ? (
          <div className="notice notice--success">
            <p>
              <strong>{t('return.paid')}</strong>
            </p>
            <p>{t('return.paidNext')}</p>
            {a.receiptId ? (
              <p>
                <a className="button" href={`/receipts/${a.receiptId}`}>
                  {t('return.viewReceipt')}
                </a>
              </p>
            ) : null}
          </div>
        ) : a.duplicate ? (
          <p className="notice notice--warning">{t('return.duplicate')}</p>
        ) : isWaiting ? (
          <>
            <p className="notice">{t('return.waiting')}</p>
            <p>
              <a href={`/payments/return/${a.id}`}>{t('return.checkAgain')}</a>
            </p>
          </>
        ) : (
          <>
            <p className="notice notice--warning">
              {a.status === 'expired'
                ? t('return.expired')
                : t('return.failed', { reason: t(failureKey(a.failureCode ?? '')) })}
            </p>
            {!a.feePaid ? (
              <p>
                <a className="button" href={`/dossiers/${a.dossierCode}/pay`}>
                  {t('return.tryAgain')}
                </a>
              </p>
            ) : null}
          </>
        )}
      </div>
      <p>
        <a href={`/dossiers/${a.dossierCode}`}>{t('backToDossier')}</a>
      </p>
    </div>
  )
}
