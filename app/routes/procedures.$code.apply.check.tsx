import { randomUUID } from 'node:crypto'
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Answers } from '../components/answers'
import { feeText } from '../components/catalogue-bits'
import { Choice, fieldId, SummaryRows } from '../components/forms'
import { getLng, getT } from '../i18n/i18next.server'
import { completenessProblems } from '../modules/dossiers/completeness.server'
import { draftFiles } from '../modules/dossiers/attachments.server'
import { IncompleteDossierError, NotADraftError } from '../modules/dossiers/errors'
import { codeForSubmitToken } from '../modules/dossiers/queries.server'
import { submitDraft } from '../modules/dossiers/submit.server'
import { requireDraft } from '../utils/apply.server'
import { requireUser } from '../utils/auth.server'
import { badRequest } from '../utils/http-errors.server'
import { applyPath } from '../utils/paths'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { user, procedure, draft } = await requireDraft(args)
  const [{ t, lng }, files] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    draftFiles(args.context.db, { draftId: draft.id, applicantId: user.id }),
  ])
  const problems = completenessProblems({
    form: draft.form,
    documents: draft.documents,
    formData: draft.form_data,
    uploadedKeys: new Set(files.map((f) => f.requirement_key)),
    deliveryMethod: draft.delivery_method,
    allowedDelivery: procedure.delivery,
    lng,
  })
  return {
    title: t('check.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: procedure.code,
    level: procedure.level,
    feePolicy: procedure.fee_policy,
    form: draft.form,
    formData: draft.form_data,
    documents: draft.documents,
    files,
    delivery: { method: draft.delivery_method, address: draft.delivery_address },
    problems,
    // A fresh token per rendering of this page: the same token twice (double click, retry) makes one dossier.
    token: randomUUID(),
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args)
  const { procedure } = await requireDraft(args).catch((e) => {
    // Submitted already (no draft any more): a replay of the same token still finds its dossier below.
    if (e instanceof Response && e.status === 302) return { procedure: null }
    throw e
  })
  const form = await args.request.formData()
  const token = String(form.get('token') ?? '')
  if (!/^[0-9a-f-]{36}$/.test(token)) throw badRequest('bad token')
  if (!procedure) {
    const replay = await codeForSubmitToken(args.context.db, user.id, token)
    if (replay) return redirect(`/dossiers/${replay}/confirmation`)
    return redirect(applyPath(args.params.code ?? ''))
  }
  try {
    const result = await submitDraft(args.context.db, {
      applicantId: user.id,
      procedureId: procedure.id,
      token,
      declared: form.get('declaration') === 'yes',
      lng: await getLng(args.request),
    })
    if (result.created)
      args.context.logger.info(
        { event: 'dossier_submitted', code: result.code, status: result.status },
        'submitted',
      )
    return redirect(`/dossiers/${result.code}/confirmation`)
  } catch (error) {
    if (error instanceof IncompleteDossierError) return data({ problems: error.problems }, { status: 422 })
    if (error instanceof NotADraftError) return redirect('/dossiers')
    throw error
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function Check() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const problems = actionData?.problems ?? d.problems
  const docName = (key: string) => d.documents.find((x) => x.key === key)?.name[lng] ?? key
  const whereHref = (where: string) =>
    where === 'declaration'
      ? '#f-declaration'
      : applyPath(d.code, where === 'documents' || where === 'delivery' ? where : where)
  const feeNote =
    d.feePolicy.kind === 'free'
      ? null
      : d.feePolicy.kind === 'assessed'
        ? t('check.feeAssessed')
        : d.level === 4
          ? t('check.feeAtSubmission')
          : t('check.feeAtCounter')
  return (
    <>
      <h1>{t('check.title')}</h1>
      {problems.length ? (
        <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="problems-title">
          <h2 id="problems-title" className="error-summary__title">
            {t('check.incomplete')}
          </h2>
          <ul className="error-summary__list">
            {problems.map((p) => (
              <li key={`${p.where}-${p.key}-${p.values?.name ?? ''}`}>
                <a href={whereHref(p.where)}>{t(p.key, p.values)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Answers form={d.form} formData={d.formData} changeHref={(key) => applyPath(d.code, key)} />
      <section className="answers">
        <div className="answers__head">
          <h3>{t('apply.documents')}</h3>
          <a href={applyPath(d.code, 'documents')}>
            {t('check.change')}
            <span className="visually-hidden"> {t('apply.documents')}</span>
          </a>
        </div>
        <SummaryRows
          rows={d.files.map((f) => ({
            key: f.id,
            label: docName(f.requirement_key),
            value: f.original_name,
          }))}
        />
      </section>
      <section className="answers">
        <div className="answers__head">
          <h3>{t('apply.delivery')}</h3>
          <a href={applyPath(d.code, 'delivery')}>
            {t('check.change')}
            <span className="visually-hidden"> {t('apply.delivery')}</span>
          </a>
        </div>
        <SummaryRows
          rows={[
            {
              label: t('delivery.legend'),
              value: (
                <>
                  {d.delivery.method ? t(`delivery.${d.delivery.method}`) : t('check.empty')}
                  {d.delivery.address
                    ? ` — ${[d.delivery.address.street, d.delivery.address.ward, d.delivery.address.district, d.delivery.address.province].join(', ')}`
                    : ''}
                </>
              ),
            },
          ]}
        />
      </section>
      {feeNote ? (
        <section className="answers">
          <h3>{t('check.fee')}</h3>
          <p>
            <strong>{feeText(d.feePolicy, lng, t)}</strong> — {feeNote}
          </p>
        </section>
      ) : null}
      <h2>{t('check.declarationTitle')}</h2>
      <p>{t('check.declaration')}</p>
      <Form method="post">
        <input type="hidden" name="token" value={d.token} />
        <div className="choices">
          <Choice
            id={fieldId('declaration')}
            type="checkbox"
            name="declaration"
            value="yes"
            label={t('check.declarationLabel')}
            required
          />
        </div>
        <button type="submit" className="button" disabled={busy || problems.length > 0}>
          {t('check.submit')}
        </button>
      </Form>
    </>
  )
}
