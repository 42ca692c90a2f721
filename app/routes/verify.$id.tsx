import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { publicReceipt } from '../modules/ledger/receipts.server'
import { publicResult, type PublicResult } from '../modules/results/public.server'
import { formatDateTime, formatMoney } from '../utils/format'
import { pageTitle } from '../utils/meta'

/**
 * Public verification (DESIGN §8, stable), where the QR codes lead: a signed result (issuer, signer, signing time,
 * dossier code, the file's hash, revoked or not, what it replaces or what replaced it), or a receipt (issuer,
 * amount, date, dossier code and the receipt's hash). The holder's or payer's name is masked.
 */
export async function loader(args: LoaderFunctionArgs) {
  const id = args.params.id ?? ''
  const headers = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }
  const result = await publicResult(args.context.db, id)
  const receipt = result ? null : await publicReceipt(args.context.db, id)
  const { t } = await getT(args.request, result ? ['results', 'common'] : ['payments', 'common'])
  const base = {
    title: result ? t('results:verify.title') : t('payments:verify.title'),
    titleSuffix: t('common:meta.titleSuffix'),
  }
  if (!result && !receipt) return data({ ...base, result: null, receipt: null }, { status: 404, headers })
  return data({ ...base, result, receipt }, { headers })
}

// The loader's no-store and noindex reach the browser only through this export (a document request).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Verify() {
  const { t, i18n } = useTranslation('payments')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { result, receipt: r, title } = useLoaderData<typeof loader>()
  if (result) return <ResultVerification r={result as unknown as Serialized<PublicResult>} />
  return (
    <div className="narrow">
      <h1>{title}</h1>
      {!r ? (
        <p className="notice notice--warning" role="alert">
          {t('verify.notFound')}
        </p>
      ) : (
        <>
          <p
            className={`notice ${r.intact && !r.refunded ? 'notice--success' : 'notice--warning'}`}
            role="status"
          >
            {!r.intact ? t('verify.tampered') : r.refunded ? t('verify.refunded') : t('verify.valid')}
          </p>
          <SummaryRows
            rows={[
              { label: t('receipt.number'), value: r.number },
              { label: t('receipt.agency'), value: lng === 'en' ? r.agency.en : r.agency.vi },
              { label: t('receipt.dossier'), value: r.dossierCode },
              { label: t('receipt.payer'), value: r.payerName },
              { label: t('pay.for'), value: r.description[lng] },
              { label: t('pay.amount'), value: formatMoney(r.amount, lng) },
              { label: t('receipt.issuedAt'), value: formatDateTime(r.issuedAt, lng) },
              { label: t('receipt.hash'), value: r.hash, valueClassName: 'receipt__hash' },
            ]}
          />
        </>
      )}
    </div>
  )
}

type Serialized<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K]
}

function ResultVerification({ r }: { r: Serialized<PublicResult> }) {
  const { t, i18n } = useTranslation('results')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  return (
    <div className="narrow">
      <h1>{t('verify.title')}</h1>
      <p className={`notice ${r.revoked ? 'notice--warning' : 'notice--success'}`} role="status">
        {r.revoked
          ? t('verify.revoked', { at: formatDateTime(r.revoked.at, lng), reason: r.revoked.reason })
          : t('verify.valid')}
      </p>
      <SummaryRows
        rows={[
          { label: t('verify.number'), value: r.numberText },
          { label: t('verify.kind'), value: r.title },
          { label: t('verify.issuer'), value: r.agency[lng] },
          { label: t('verify.dossier'), value: r.dossierCode },
          { label: t('verify.holder'), value: r.holder },
          { label: t('verify.signer'), value: `${r.signerName} — ${r.signerTitle}` },
          { label: t('verify.certificate'), value: r.certificateSubject },
          { label: t('verify.certificateIssuer'), value: r.certificateIssuer },
          { label: t('verify.format'), value: r.signatureFormat },
          { label: t('verify.signedAt'), value: formatDateTime(r.signedAt, lng) },
          { label: t('verify.hash'), value: r.sha256, valueClassName: 'receipt__hash' },
          !!r.replaces && {
            label: t('verify.replaces'),
            value: <a href={`/verify/${r.replaces.id}`}>{r.replaces.numberText}</a>,
          },
          !!r.replacedBy && {
            label: t('verify.replacedBy'),
            value: <a href={`/verify/${r.replacedBy.id}`}>{r.replacedBy.numberText}</a>,
          },
        ]}
      />
      <p>
        <a href="/verify">{t('verify.checkFile')}</a>
      </p>
    </div>
  )
}
