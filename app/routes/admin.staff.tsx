import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useEffect } from 'react'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Checkboxes, ErrorSummary, Field, Select } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { DuplicateError, SelfAdminRevokeError } from '../modules/admin/errors'
import { createStaffSchema, setRolesSchema } from '../modules/admin/schemas'
import { createStaff, listStaff, setStaffRoles } from '../modules/admin/staff.server'
import { staffRoles } from '../modules/auth/permissions'
import { requireAdminAgency } from '../utils/guards.server'
import { badRequest, rethrowAsHttp } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadCreateStaffSchema = () => import('../modules/admin/schemas').then((m) => m.createStaffSchema)

const fields = ['fullName', 'email', 'password', 'role'] as const

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url)
  const { user, agency, agencies } = await requireAdminAgency(args, url.searchParams.get('agency'))
  const [{ t }, staff] = await Promise.all([
    getT(args.request, ['admin', 'common']),
    listStaff(args.context.db, agency.id),
  ])
  return {
    title: t('staff.title', { agency: agency.code }),
    titleSuffix: t('common:meta.titleSuffix'),
    me: user.id,
    agency,
    agencies,
    staff,
    created: url.searchParams.get('created'),
    saved: url.searchParams.get('saved'),
  }
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData()
  const { user, agency } = await requireAdminAgency(args, String(form.get('agency') ?? ''))
  const back = `/admin/staff?agency=${agency.code}`

  if (form.get('intent') === 'roles') {
    const parsed = setRolesSchema.safeParse({ userId: form.get('userId'), roles: form.getAll('roles') })
    if (!parsed.success) throw badRequest()
    try {
      await setStaffRoles(args.context.db, user.id, agency.id, parsed.data)
    } catch (error) {
      if (error instanceof SelfAdminRevokeError)
        return data(
          { intent: 'roles' as const, userId: parsed.data.userId, message: 'admin:staff.errors.selfAdmin' },
          { status: 422 },
        )
      rethrowAsHttp(error)
    }
    return redirect(`${back}&saved=${parsed.data.userId}#staff-${parsed.data.userId}`)
  }

  const parsed = parseForm(createStaffSchema, form)
  // Echo what was typed, never the password.
  const values = {
    fullName: parsed.raw.fullName ?? '',
    email: parsed.raw.email ?? '',
    role: parsed.raw.role ?? '',
  }
  if (!parsed.ok) return data({ intent: 'create' as const, errors: parsed.errors, values }, { status: 400 })
  try {
    const id = await createStaff(args.context.db, user.id, agency.id, parsed.data)
    args.context.logger.info({ event: 'staff_created', userId: id, by: user.id }, 'staff account created')
  } catch (error) {
    if (error instanceof DuplicateError)
      return data(
        { intent: 'create' as const, errors: { email: 'validation:emailTaken' }, values },
        { status: 409 },
      )
    rethrowAsHttp(error)
  }
  return redirect(`${back}&created=${encodeURIComponent(parsed.data.email)}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function AdminStaff() {
  const { t } = useTranslation('admin')
  const { me, agency, agencies, staff, created, saved } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const createData = actionData?.intent === 'create' ? actionData : undefined
  const rolesError = actionData?.intent === 'roles' ? actionData : undefined
  const { form, onSubmit, errors, field, submitCount } = useValidatedForm(loadCreateStaffSchema, createData)
  const busy = useNavigation().state === 'submitting'
  // After an account is created (with JavaScript the page does not reload), the form starts empty again.
  const { reset } = form
  useEffect(() => {
    if (created) reset({ fullName: '', email: '', password: '', role: '' })
  }, [created, reset])
  const labels: Record<(typeof fields)[number], string> = {
    fullName: t('staff.fullName'),
    email: t('staff.email'),
    password: t('staff.password'),
    role: t('staff.role'),
  }
  const v = (createData?.values ?? {}) as Record<string, string>
  const savedName = staff.find((s) => s.id === saved)?.fullName
  return (
    <>
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <a href="/admin">{t('home.title')}</a>
      </nav>
      <h1>{t('staff.title', { agency: agency.code })}</h1>
      <p className="lead">{t('staff.intro')}</p>
      {created ? (
        <p className="notice" role="status">
          {t('staff.created', { email: created })}
        </p>
      ) : savedName ? (
        <p className="notice" role="status">
          {t('staff.saved', { name: savedName })}
        </p>
      ) : null}

      {agencies.length > 1 ? (
        <Form method="get" className="inline-filter">
          <Select id="agency-filter" name="agency" label={t('staff.agency')} defaultValue={agency.code}>
            {agencies.map((a) => (
              <option key={a.id} value={a.code}>
                {a.code}
              </option>
            ))}
          </Select>
          <button type="submit" className="button button--secondary">
            {t('staff.show')}
          </button>
        </Form>
      ) : null}

      <section className="section" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('staff.listTitle', { count: staff.length })}</h2>
        <ul className="staff-list">
          {staff.map((s) => {
            const error = rolesError?.userId === s.id ? rolesError.message : undefined
            return (
              <li key={s.id} id={`staff-${s.id}`} className="staff-list__item">
                <h3 className="staff-list__name">{s.fullName}</h3>
                <p className="staff-list__email">
                  {s.email}
                  {s.disabled ? ` — ${t('staff.disabled')}` : ''}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="roles" />
                  <input type="hidden" name="agency" value={agency.code} />
                  <input type="hidden" name="userId" value={s.id} />
                  <Checkboxes
                    id={`role-${s.id}`}
                    name="roles"
                    legend={t('staff.rolesOf', { name: s.fullName })}
                    hint={s.id === me ? t('staff.selfHint') : undefined}
                    error={error}
                    inline
                    options={staffRoles.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
                    defaultValue={s.roles}
                  />
                  <button type="submit" className="button button--secondary">
                    {t('staff.saveRoles')}
                    <span className="visually-hidden"> {s.fullName}</span>
                  </button>
                </Form>
              </li>
            )
          })}
        </ul>
      </section>

      <section className="section narrow" aria-labelledby="create-title">
        <h2 id="create-title">{t('staff.createTitle')}</h2>
        <ErrorSummary
          errors={errors}
          order={[...fields]}
          labels={labels}
          focusKey={[actionData, submitCount]}
        />
        <p>{t('staff.createIntro', { agency: agency.code })}</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="create" />
          <input type="hidden" name="agency" value={agency.code} />
          <Field {...field('fullName')} autoComplete="off" label={labels.fullName} />
          <Field
            {...field('email')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            label={labels.email}
          />
          <Field
            {...field('password')}
            type="password"
            autoComplete="new-password"
            label={labels.password}
            hint={t('staff.passwordHint')}
          />
          <Select {...field('role')} label={labels.role} defaultValue={v.role ?? ''}>
            <option value="">{t('staff.chooseRole')}</option>
            {staffRoles.map((role) => (
              <option key={role} value={role}>
                {t(`common:roles.${role}`)}
              </option>
            ))}
          </Select>
          <button type="submit" className="button" disabled={busy}>
            {t('staff.create')}
          </button>
        </Form>
      </section>
    </>
  )
}
