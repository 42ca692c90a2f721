import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useEffect, useRef } from 'react'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Radios, TextArea } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { FeeUnitFieldError, InvalidDefinitionError } from '../modules/admin/errors'
import { procedureForAdmin, publishProcedureVersion } from '../modules/admin/procedures.server'
import { publishSchema } from '../modules/admin/schemas'
import type { Bilingual } from '../modules/forms/definition'
import { formatDateTime } from '../utils/format'
import { requireAdminScope } from '../utils/guards.server'
import { rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

export async function loader(args: LoaderFunctionArgs) {
  const { scope } = await requireAdminScope(args)
  const url = new URL(args.request.url)
  const [{ t, lng }, found] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    procedureForAdmin(args.context.db, scope, args.params.code ?? '').catch(rethrowAsHttp),
  ])
  const name = lng === 'en' ? found.procedure.name_en : found.procedure.name_vi
  return {
    title: t('procedures.publishTitle', { name }),
    titleSuffix: t('common:meta.titleSuffix'),
    ...found,
    published: url.searchParams.get('published'),
  }
}

/** A per-unit fee's count field that the submitted form lacks (the message names it and the unit). */
interface UnitField {
  field: string
  unit: Bilingual
}

export async function action(args: ActionFunctionArgs) {
  const { user, scope } = await requireAdminScope(args)
  const code = args.params.code ?? ''
  // Another agency's procedure is not found before anything posted is read (publish checks the scope again).
  await procedureForAdmin(args.context.db, scope, code).catch(rethrowAsHttp)
  const parsed = parseForm(publishSchema, await args.request.formData())
  const values = {
    form: parsed.raw.form ?? '',
    documents: parsed.raw.documents ?? '',
    identityLevel: parsed.raw.identityLevel ?? '1',
  }
  const refused = { problems: [] as string[], errors: {}, unitField: null as UnitField | null, values }
  if (!parsed.ok) return data({ ...refused, errors: parsed.errors }, { status: 400 })
  try {
    const { version } = await publishProcedureVersion(args.context.db, scope, { code, ...parsed.data })
    args.context.logger.info(
      { event: 'procedure_published', code, version, by: user.id },
      'procedure published',
    )
    return redirect(`/admin/procedures/${encodeURIComponent(code)}?published=${version}`)
  } catch (error) {
    if (error instanceof InvalidDefinitionError)
      return data({ ...refused, problems: error.errors }, { status: 422 })
    if (error instanceof FeeUnitFieldError)
      return data({ ...refused, unitField: { field: error.unitField, unit: error.unit } }, { status: 422 })
    rethrowAsHttp(error)
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminProcedure() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { procedure, versions, form, documents, published, identityLevel } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const errors = (actionData?.errors ?? {}) as Partial<Record<string, string>>
  const problems = actionData?.problems ?? []
  const unitField = actionData?.unitField ?? null
  const invalid = problems.length > 0 || Object.keys(errors).length > 0 || unitField !== null
  // With JavaScript the page does not reload: bring the list of problems into view and to the screen reader.
  const summary = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (actionData) summary.current?.focus()
  }, [actionData])
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a> › <a href="/admin/procedures">{t('procedures.title')}</a>
      </nav>
      <p className="caption">{`${procedure.code} · ${procedure.agency_code}`}</p>
      <h1>{lng === 'en' ? procedure.name_en : procedure.name_vi}</h1>
      {published ? (
        <p className="notice" role="status">
          {t('procedures.published', { version: published })}
        </p>
      ) : null}

      <section className="section" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('procedures.versionsTitle')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('procedures.version')}
              </th>
              <th scope="col">{t('procedures.publishedAt')}</th>
              <th scope="col">{t('procedures.createdBy')}</th>
              <th scope="col">{t('procedures.identityLevel')}</th>
              <th scope="col" className="num">
                {t('procedures.dossiers')}
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row" className="num">
                  {v.version}
                </th>
                <td>{v.published_at ? formatDateTime(v.published_at, lng) : t('procedures.notPublished')}</td>
                <td>{v.created_by ?? t('procedures.seeded')}</td>
                <td>{t(`procedures.identityLevelShort.${v.required_identity_level}`)}</td>
                <td className="num">{v.dossiers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="publish-title">
        <h2 id="publish-title">{t('procedures.newVersionTitle')}</h2>
        <p>{t('procedures.newVersionIntro')}</p>
        {invalid ? (
          <div
            className="error-summary"
            role="alert"
            aria-labelledby="problems-title"
            tabIndex={-1}
            ref={summary}
          >
            <h3 id="problems-title" className="error-summary__title">
              {t('procedures.refused')}
            </h3>
            <ul className="error-summary__list definition-problems">
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  <a href={`#${field}`}>{`${t(`procedures.${field}Label`)}: ${t(message ?? '')}`}</a>
                </li>
              ))}
              {problems.map((p) => (
                <li key={p}>
                  <code>{p}</code>
                </li>
              ))}
              {unitField ? (
                <li>
                  <a href="#form">
                    {t('procedures.unitFieldNotNumber', {
                      field: unitField.field,
                      unit: unitField.unit[lng],
                    })}
                  </a>
                </li>
              ) : null}
            </ul>
          </div>
        ) : null}
        <Form method="post">
          <TextArea
            id="form"
            name="form"
            label={t('procedures.formLabel')}
            hint={t('procedures.formHint')}
            className="textarea--code"
            rows={24}
            spellCheck={false}
            defaultValue={actionData?.values.form ?? form}
          />
          <TextArea
            id="documents"
            name="documents"
            label={t('procedures.documentsLabel')}
            hint={t('procedures.documentsHint')}
            className="textarea--code"
            rows={16}
            spellCheck={false}
            defaultValue={actionData?.values.documents ?? documents}
          />
          <Radios
            id="identityLevel"
            name="identityLevel"
            legend={t('procedures.identityLevel')}
            hint={t('procedures.identityLevelHint')}
            options={[
              { value: '1', label: t('procedures.identityLevelOption.1') },
              { value: '2', label: t('procedures.identityLevelOption.2') },
            ]}
            defaultValue={actionData?.values.identityLevel ?? String(identityLevel)}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('procedures.publish')}
          </button>
        </Form>
      </section>
    </>
  )
}
