import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, fieldId, Fieldset, Radios } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { saveDelivery } from '../modules/dossiers/drafts.server'
import { NotADraftError } from '../modules/dossiers/errors'
import { requireDraft } from '../utils/apply.server'
import { applyPath } from '../utils/paths'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'
import { deliverySchema } from '../modules/dossiers/citizen-forms.server'

export async function loader(args: LoaderFunctionArgs) {
  const { procedure, draft } = await requireDraft(args)
  const { t } = await getT(args.request, ['dossier', 'common'])
  return {
    title: t('delivery.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: procedure.code,
    allowed: procedure.delivery,
    method: draft.delivery_method,
    address: draft.delivery_address,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user, procedure, draft } = await requireDraft(args)
  const parsed = parseForm(deliverySchema(), await args.request.formData())
  if (!parsed.ok || !procedure.delivery.includes(parsed.data.method)) {
    const errors = parsed.ok ? { method: 'dossier:delivery.errors.method' } : parsed.errors
    return data({ errors, values: parsed.raw }, { status: 400 })
  }
  const v = parsed.data
  const address =
    v.method === 'post'
      ? {
          province: v['address.province']!,
          district: v['address.district']!,
          ward: v['address.ward']!,
          street: v['address.street']!,
        }
      : null
  try {
    await saveDelivery(args.context.db, draft.id, user.id, v.method, address)
  } catch (error) {
    if (error instanceof NotADraftError) return redirect(applyPath(procedure.code))
    throw error
  }
  return redirect(applyPath(procedure.code))
}

export const meta: MetaFunction<typeof loader> = pageTitle

const parts = ['province', 'district', 'ward', 'street'] as const

export default function Delivery() {
  const { t } = useTranslation(['dossier', 'forms'])
  const { code, allowed, method, address } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = (actionData?.errors ?? {}) as Record<string, string>
  const values = (actionData?.values ?? {}) as Record<string, string>
  const chosen = values.method ?? method ?? ''
  const labels: Record<string, string> = { method: t('delivery.legend') }
  for (const p of parts) labels[`address.${p}`] = `${t('delivery.address')} — ${t(`forms:${p}`)}`
  return (
    <div className="narrow">
      <h1>{t('delivery.title')}</h1>
      <ErrorSummary
        errors={errors}
        order={['method', ...parts.map((p) => `address.${p}`)]}
        labels={labels}
        focusKey={[actionData, 0]}
      />
      <Form method="post" noValidate>
        <Radios
          id={fieldId('method')}
          name="method"
          legend={t('delivery.legend')}
          error={errors.method}
          options={allowed.map((m) => ({ value: m, label: t(`delivery.${m}`) }))}
          defaultValue={chosen}
        />
        {allowed.includes('post') ? (
          <Fieldset id="address" legend={t('delivery.address')}>
            {parts.map((p) => {
              const name = `address.${p}`
              return (
                <Field
                  key={p}
                  id={fieldId(name)}
                  name={name}
                  label={t(`forms:${p}`)}
                  error={errors[name]}
                  defaultValue={values[name] ?? address?.[p] ?? ''}
                />
              )
            })}
          </Fieldset>
        ) : null}
        <button type="submit" className="button">
          {t('apply.saveAndContinue')}
        </button>
      </Form>
      <p>
        <a href={applyPath(code)}>{t('apply.back')}</a>
      </p>
    </div>
  )
}
