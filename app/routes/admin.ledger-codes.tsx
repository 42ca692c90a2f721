import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import {
  feeKinds,
  ledgerCodeSchema,
  listLedgerCodes,
  setLedgerCode,
} from '../modules/admin/ledger-codes.server'
import { requireAdminScope } from '../utils/guards.server'
import { rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

/** Ledger codes per procedure and fee kind (printed on finance's exports), for the procedures in scope. */
export async function loader(args: LoaderFunctionArgs) {
  const { scope } = await requireAdminScope(args)
  const [{ t }, procedures] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    listLedgerCodes(args.context.db, scope),
  ])
  return { title: t('ledgerCodes.title'), titleSuffix: t('common:meta.titleSuffix'), procedures }
}

export async function action(args: ActionFunctionArgs) {
  const { user, scope } = await requireAdminScope(args)
  const parsed = ledgerCodeSchema.safeParse(Object.fromEntries(await args.request.formData()))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path[0] === 'code' ? issue.message : 'admin:ledgerCodes.badForm'
    return data({ error: key, procedure: null as string | null }, { status: 400 })
  }
  try {
    await setLedgerCode(args.context.db, scope, user.id, parsed.data)
  } catch (error) {
    rethrowAsHttp(error)
  }
  return redirect(`/admin/ledger-codes?saved=${encodeURIComponent(parsed.data.procedure)}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function LedgerCodes() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { procedures } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a>
      </nav>
      <h1>{t('ledgerCodes.title')}</h1>
      <p className="lead">{t('ledgerCodes.intro')}</p>
      {outcome?.error ? (
        <p className="notice notice--warning" role="alert">
          {t(outcome.error)}
        </p>
      ) : null}
      {procedures.map((p) => (
        <section key={p.id} className="section card" aria-labelledby={`p-${p.code}`}>
          <h2
            id={`p-${p.code}`}
          >{`${p.agency_code} · ${p.code} – ${lng === 'en' ? p.name_en : p.name_vi}`}</h2>
          {feeKinds.map((kind) => (
            <Form method="post" key={kind} className="filters">
              <input type="hidden" name="procedure" value={p.code} />
              <input type="hidden" name="feeKind" value={kind} />
              <Field
                id={`code-${p.code}-${kind}`}
                name="code"
                label={t('ledgerCodes.codeFor', { kind: t(`ledgerCodes.kind.${kind}`) })}
                defaultValue={p.codes[kind] ?? ''}
                className="input--12ch"
                maxLength={32}
              />
              <button type="submit" className="button button--secondary">
                {t('ledgerCodes.save')}
              </button>
            </Form>
          ))}
        </section>
      ))}
    </>
  )
}
