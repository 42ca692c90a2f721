import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, SummaryRows } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { lookupSchema } from '../modules/dossiers/lookup-schema.server'
import { lookupDossier } from '../modules/dossiers/lookup.server'
import { formatDate } from '../utils/format'
import { passActionHeaders } from '../utils/headers'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadLookupSchema = () => import('../modules/dossiers/lookup-schema').then((m) => m.lookupSchema)

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['dossier', 'common'])
  // `?code=` (the QR code of the receipt slip, Mẫu 01) fills in the dossier code; the check digits never come in a URL.
  const code = new URL(request.url).searchParams.get('code') ?? ''
  return {
    title: t('lookup.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: /^[A-Za-z0-9-]{1,40}$/.test(code) ? code.toUpperCase() : '',
  }
}

// A POST, so the check digits never sit in a URL, a log line or the browser history.
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(lookupSchema, await request.formData())
  const values = { code: parsed.raw.code ?? '', check: '' }
  if (!parsed.ok)
    return data({ errors: parsed.errors, values, message: undefined, result: null }, { status: 400 })
  const { t } = await getT(request, 'dossier')
  const found = await lookupDossier(context.db, parsed.data, context.ip)
  if (found.status === 'throttled') {
    return data(
      { errors: {}, values, message: t('lookup.throttled', { seconds: found.seconds }), result: null },
      { status: 429, headers: { 'Retry-After': String(found.seconds) } },
    )
  }
  if (found.status === 'not_found') {
    return data({ errors: {}, values, message: t('lookup.notFound'), result: null }, { status: 404 })
  }
  return { errors: {}, values, message: undefined, result: found.dossier }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export const headers = passActionHeaders(['Retry-After'])

export default function Lookup() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const actionData = useActionData<typeof action>()
  const { code: prefilled } = useLoaderData<typeof loader>()
  const { onSubmit, errors, field, submitCount } = useValidatedForm(loadLookupSchema, actionData)
  const labels = { code: t('lookup.code'), check: t('lookup.check') }
  const r = actionData?.result
  return (
    <div className="narrow">
      <h1>{t('lookup.title')}</h1>
      <ErrorSummary
        errors={errors}
        order={['code', 'check']}
        labels={labels}
        message={actionData?.message}
        focusKey={[actionData, submitCount]}
      />
      <p>{t('lookup.intro')}</p>
      <p>{t('lookup.throttleHelp')}</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <Field
          {...field('code')}
          defaultValue={actionData?.values?.code ?? prefilled}
          label={labels.code}
          hint={t('lookup.codeHint')}
          autoComplete="off"
          spellCheck={false}
        />
        <Field
          {...field('check')}
          label={labels.check}
          inputMode="numeric"
          autoComplete="off"
          className="input--10ch"
        />
        <button type="submit" className="button">
          {t('lookup.submit')}
        </button>
      </Form>
      {r ? (
        <section className="section" aria-labelledby="lookup-result">
          <h2 id="lookup-result">{t('lookup.result')}</h2>
          <SummaryRows
            rows={[
              { label: t('list.code'), value: r.code },
              { label: t('detail.procedure'), value: lng === 'en' ? r.name_en : r.name_vi },
              { label: t('detail.status'), value: t(`status.${r.status}`) },
              { label: t('detail.currentStep'), value: t(`detail.step.${r.status}`) },
              {
                label: t('detail.submittedAt'),
                value: r.submitted_at ? formatDate(r.submitted_at, lng) : '—',
              },
              { label: t('detail.receivedAt'), value: r.received_at ? formatDate(r.received_at, lng) : '—' },
              { label: t('detail.dueAt'), value: r.due_at ? formatDate(r.due_at, lng) : '—' },
              ...(r.postal_tracking_number
                ? [{ label: t('result.trackingNumber'), value: r.postal_tracking_number }]
                : []),
            ]}
          />
        </section>
      ) : null}
    </div>
  )
}
