import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TextArea } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { withdrawDossier } from '../modules/dossiers/citizen-actions.server'
import { TransitionNotAllowedError } from '../modules/dossiers/errors'
import { getForApplicant } from '../modules/dossiers/queries.server'
import { requireUser } from '../utils/auth.server'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const d = await getForApplicant(args.context.db, args.params.code ?? '', user.id)
  if (!d) throw notFound()
  const { t } = await getT(args.request, ['dossier', 'common'])
  return {
    title: t('withdraw.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: d.code,
    allowed: d.actions.includes('withdraw'),
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args)
  const form = await args.request.formData()
  const reason =
    String(form.get('reason') ?? '')
      .trim()
      .slice(0, 1000) || null
  try {
    await withdrawDossier(args.context.db, { code: args.params.code ?? '', applicantId: user.id, reason })
  } catch (error) {
    if (error instanceof TransitionNotAllowedError)
      return data({ error: 'dossier:withdraw.notAllowed' }, { status: 409 })
    rethrowAsHttp(error)
  }
  return redirect(`/dossiers/${args.params.code}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Withdraw() {
  const { t } = useTranslation('dossier')
  const { code, allowed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="narrow">
      <h1>{t('withdraw.title')}</h1>
      <p className="caption">{code}</p>
      {actionData?.error || !allowed ? (
        <p className="notice notice--warning" role="alert">
          {t(actionData?.error ?? 'dossier:withdraw.notAllowed')}
        </p>
      ) : null}
      <p>{t('withdraw.intro')}</p>
      {allowed ? (
        <Form method="post">
          <TextArea
            id="reason"
            name="reason"
            label={t('withdraw.reason')}
            hint={t('withdraw.reasonHint')}
            rows={3}
          />
          <button type="submit" className="button button--warning">
            {t('withdraw.submit')}
          </button>
        </Form>
      ) : null}
      <p>
        <a href={`/dossiers/${code}`}>{t('confirmation.view')}</a>
      </p>
    </div>
  )
}
