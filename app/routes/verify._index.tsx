import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SummaryRows } from '../components/forms'
import { getLng, getT } from '../i18n/i18next.server'
import { checkResultPdf } from '../modules/results/public.server'
import { signingRuntime } from '../modules/signing/runtime.server'
import { formatDateTime, formatSize } from '../utils/format'
import { pageTitle } from '../utils/meta'

/**
 * Anyone (an employer, a bank) drops a result PDF and the portal checks it (issue 15 §4): the signature over the
 * whole file, the certificate's chain to the trust list and its validity at signing time, that the portal issued
 * exactly this file and has not revoked it. A plain multipart form (works without JavaScript); the file is read
 * into memory up to VERIFY_MAX_BYTES (413 beyond) and never stored.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { t } = await getT(args.request, ['results', 'common'])
  return data(
    {
      title: t('check.title'),
      titleSuffix: t('common:meta.titleSuffix'),
      maxBytes: args.context.env.VERIFY_MAX_BYTES,
    },
    { headers: { 'X-Robots-Tag': 'noindex' } },
  )
}

export const meta: MetaFunction<typeof loader> = pageTitle

type Outcome =
  | { error: string }
  | {
      ok: boolean
      reason: string | null
      resultId: string | null
      number: string | null
      issuer: { vi: string; en: string } | null
      dossierCode: string | null
      signer: string | null
      signingTime: string | null
    }

export async function action(args: ActionFunctionArgs) {
  const { env, db } = args.context
  const lng = await getLng(args.request)
  const size = formatSize(env.VERIFY_MAX_BYTES, lng)
  const refuse = (key: string, status: number) =>
    data<Outcome>(
      { error: `results:check.errors.${key}|${JSON.stringify({ size })}` },
      { status, headers: status === 413 ? { Connection: 'close' } : undefined },
    )
  if (!(args.request.headers.get('content-type') ?? '').startsWith('multipart/form-data'))
    return refuse('required', 400)
  const declared = Number(args.request.headers.get('content-length') ?? 0)
  if (declared > env.VERIFY_MAX_BYTES + 64 * 1024) return refuse('tooLarge', 413)
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({ maxPartSize: env.VERIFY_MAX_BYTES }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return refuse('tooLarge', 413)
    return refuse('required', 400)
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return refuse('required', 422)
  const bytes = Buffer.from(await file.arrayBuffer())
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return refuse('type', 415)
  const check = await checkResultPdf(db, signingRuntime(env), bytes)
  args.context.logger.info(
    { event: 'result_check', ok: check.ok, reason: check.ok ? null : check.reason },
    'result checked',
  )
  return data<Outcome>({
    ok: check.ok,
    reason: check.ok ? null : check.reason,
    resultId: check.result?.id ?? null,
    number: check.result?.numberText ?? null,
    issuer: check.result?.agency ?? null,
    dossierCode: check.result?.dossierCode ?? null,
    signer: check.signer,
    signingTime: check.signingTime ? check.signingTime.toISOString() : null,
  })
}

export default function VerifyFile() {
  const { t, i18n } = useTranslation('results')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { maxBytes } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>() as Outcome | undefined
  const error = outcome && 'error' in outcome ? outcome.error : undefined
  const checked = outcome && !('error' in outcome) ? outcome : undefined
  return (
    <div className="narrow">
      <h1>{t('check.title')}</h1>
      <p>{t('check.intro')}</p>
      {checked ? (
        <section aria-labelledby="check-outcome">
          <h2 id="check-outcome">{t('check.outcome')}</h2>
          <p className={`notice ${checked.ok ? 'notice--success' : 'notice--warning'}`} role="status">
            {checked.ok ? t('check.ok') : `${t('check.failed')}: ${t(`check.reason.${checked.reason}`)}`}
          </p>
          <SummaryRows
            rows={[
              !!checked.number && { label: t('verify.number'), value: checked.number },
              !!checked.issuer && { label: t('verify.issuer'), value: checked.issuer[lng] },
              !!checked.dossierCode && { label: t('verify.dossier'), value: checked.dossierCode },
              !!checked.signer && { label: t('check.signer'), value: checked.signer },
              !!checked.signingTime && {
                label: t('check.signedAt'),
                value: formatDateTime(checked.signingTime, lng),
              },
            ]}
          />
          {checked.resultId ? (
            <p>
              <a href={`/verify/${checked.resultId}`}>{t('check.open')}</a>
            </p>
          ) : null}
        </section>
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <Field
          id="verify-file"
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          label={t('check.file')}
          hint={t('check.hint', { size: formatSize(maxBytes, lng) })}
          error={error}
          className="input--file"
        />
        <button type="submit" className="button">
          {t('check.submit')}
        </button>
      </Form>
    </div>
  )
}
