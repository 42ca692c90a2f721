import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field, Select } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { adminAgencies } from '../modules/admin/access.server'
import { createAgency, listAgencies, updateAgency } from '../modules/admin/agencies.server'
import { DuplicateError, InvalidParentError } from '../modules/admin/errors'
import { agencySchema } from '../modules/admin/schemas'
import { requireArea } from '../utils/auth.server'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadAgencySchema = () => import('../modules/admin/schemas').then((m) => m.agencySchema)

const fields = ['code', 'nameVi', 'nameEn', 'parent'] as const

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'admin')
  const url = new URL(args.request.url)
  const ownIds = adminAgencies(user).map((a) => a.id)
  const [{ t }, agencies] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    listAgencies(args.context.db, ownIds),
  ])
  const editCode = url.searchParams.get('edit')
  const editing = editCode ? agencies.find((a) => a.code === editCode && a.manageable) : undefined
  if (editCode && !editing) throw notFound()
  return {
    title: t('agencies.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    agencies,
    editing: editing ? { ...editing, own: ownIds.includes(editing.id) } : null,
    saved: url.searchParams.get('saved'),
  }
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireArea(args, 'admin')
  const form = await args.request.formData()
  const intent = form.get('intent') === 'update' ? ('update' as const) : ('create' as const)
  const parsed = parseForm(agencySchema, form)
  const values = Object.fromEntries(fields.map((f) => [f, parsed.raw[f] ?? '']))
  if (!parsed.ok) return data({ intent, errors: parsed.errors, values }, { status: 400 })
  const actor = { id: user.id, adminAgencyIds: adminAgencies(user).map((a) => a.id) }
  try {
    if (intent === 'update') await updateAgency(args.context.db, actor, parsed.data)
    else await createAgency(args.context.db, actor, parsed.data)
  } catch (error) {
    if (error instanceof DuplicateError)
      return data({ intent, errors: { code: 'admin:agencies.errors.codeTaken' }, values }, { status: 409 })
    if (error instanceof InvalidParentError)
      return data(
        { intent, errors: { parent: `admin:agencies.errors.${error.problem}` }, values },
        { status: 422 },
      )
    rethrowAsHttp(error)
  }
  return redirect(`/admin/agencies?saved=${parsed.data.code}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminAgencies() {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { agencies, editing, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const managed = agencies.filter((a) => a.manageable)
  const name = (a: { name_vi: string; name_en: string }) => (lng === 'en' ? a.name_en : a.name_vi)
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a>
      </nav>
      <h1>{t('agencies.title')}</h1>
      <p className="lead">{t('agencies.intro')}</p>
      {saved ? (
        <p className="notice" role="status">
          {t('agencies.saved', { code: saved })}
        </p>
      ) : null}

      {editing ? (
        <AgencyForm
          key={`edit-${editing.code}`}
          mode="update"
          title={t('agencies.editTitle', { code: editing.code })}
          initial={{
            code: editing.code,
            nameVi: editing.name_vi,
            nameEn: editing.name_en,
            parent: editing.parent_code ?? '',
          }}
          // The administrator's own agency keeps its parent; another one may move within their agencies.
          parents={editing.own ? [] : managed.filter((a) => a.code !== editing.code)}
          fixedParent={editing.own ? (editing.parent_code ?? '') : null}
          actionData={actionData?.intent === 'update' ? actionData : undefined}
        />
      ) : null}

      <section className="section" aria-labelledby="list-title">
        <h2 id="list-title">{t('agencies.listTitle', { count: agencies.length })}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('agencies.code')}</th>
              <th scope="col">{t('agencies.name')}</th>
              <th scope="col">{t('agencies.parent')}</th>
              <th scope="col" className="num">
                {t('agencies.staff')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.code}</th>
                <td>{name(a)}</td>
                <td>{a.parent_code ?? '—'}</td>
                <td className="num">{a.staff}</td>
                <td>
                  {a.manageable ? (
                    <a href={`/admin/agencies?edit=${a.code}`}>
                      {t('agencies.edit')}
                      <span className="visually-hidden"> {a.code}</span>
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {/* One form at a time: both would use the same field ids. */}
      {!editing && managed.length > 0 ? (
        <AgencyForm
          key="create"
          mode="create"
          title={t('agencies.createTitle')}
          initial={{ code: '', nameVi: '', nameEn: '', parent: managed[0].code }}
          parents={managed}
          fixedParent={null}
          actionData={actionData?.intent === 'create' ? actionData : undefined}
        />
      ) : null}
    </>
  )
}

interface AgencyFormProps {
  mode: 'create' | 'update'
  title: string
  initial: Record<(typeof fields)[number], string>
  parents: { code: string; name_vi: string; name_en: string }[]
  /** the parent cannot change (the administrator's own agency): shown, and posted as is */
  fixedParent: string | null
  actionData?: { errors?: Partial<Record<string, string>>; values?: Record<string, string> }
}

function AgencyForm({ mode, title, initial, parents, fixedParent, actionData }: AgencyFormProps) {
  const { t, i18n } = useTranslation('admin')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { form, onSubmit, errors, field, submitCount } = useValidatedForm(loadAgencySchema, {
    errors: actionData?.errors,
    values: actionData?.values ?? initial,
  })
  const busy = useNavigation().state === 'submitting'
  const v = actionData?.values ?? initial
  const id = `${mode}-title`
  const labels: Record<(typeof fields)[number], string> = {
    code: t('agencies.code'),
    nameVi: t('nameVi'),
    nameEn: t('nameEn'),
    parent: t('agencies.parent'),
  }
  return (
    <section className="section narrow" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ErrorSummary
        errors={errors}
        order={[...fields]}
        labels={labels}
        focusKey={[actionData, submitCount]}
      />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value={mode} />
        {mode === 'update' ? (
          <>
            <input type="hidden" defaultValue={v.code} {...form.register('code')} />
            <p>
              <strong>{labels.code}:</strong> {v.code}
            </p>
          </>
        ) : (
          <Field
            {...field('code')}
            className="input--10ch"
            autoComplete="off"
            spellCheck={false}
            label={labels.code}
            hint={t('agencies.codeHint')}
          />
        )}
        <Field {...field('nameVi')} lang="vi" label={labels.nameVi} />
        <Field {...field('nameEn')} lang="en" label={labels.nameEn} />
        {fixedParent !== null ? (
          <>
            <input type="hidden" defaultValue={fixedParent} {...form.register('parent')} />
            <p>
              <strong>{labels.parent}:</strong> {fixedParent || '—'} ({t('agencies.ownParentFixed')})
            </p>
          </>
        ) : (
          <Select {...field('parent')} label={labels.parent}>
            {parents.map((p) => (
              <option key={p.code} value={p.code}>
                {`${p.code} — ${lng === 'en' ? p.name_en : p.name_vi}`}
              </option>
            ))}
          </Select>
        )}
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {mode === 'update' ? t('agencies.save') : t('agencies.create')}
          </button>
          {mode === 'update' ? <a href="/admin/agencies">{t('agencies.cancel')}</a> : null}
        </div>
      </Form>
    </section>
  )
}
