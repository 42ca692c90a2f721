import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '../components/forms'
import { useValidatedForm } from '../components/use-validated-form'
import { getT } from '../i18n/i18next.server'
import { ThrottledError } from '../modules/auth/errors'
import { resendConfirmation } from '../modules/auth/registration.server'
import { resendSchema } from '../modules/auth/schemas.server'
import { passActionHeaders } from '../utils/headers'
import { pageTitle } from '../utils/meta'
import { parseForm } from '../utils/validation'

/** The schema for the browser's check, loaded on the first submit (zod stays out of the page's first load). */
const loadResendSchema = () => import('../modules/auth/schemas').then((m) => m.resendSchema)

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getT(request, ['auth', 'common'])
  return { title: t('resend.title'), titleSuffix: t('common:meta.titleSuffix') }
}

// The same answer whether or not the address has an account awaiting confirmation.
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(resendSchema, await request.formData())
  const values = { email: parsed.raw.email ?? '' }
  const none = { sentTo: null as string | null, message: undefined as string | undefined }
  if (!parsed.ok) return data({ ...none, errors: parsed.errors, values }, { status: 400 })
  try {
    await resendConfirmation(context.db, parsed.data.email, context.ip)
  } catch (error) {
    if (error instanceof ThrottledError) {
      const { t } = await getT(request, 'auth')
      return data(
        { ...none, errors: {}, values, message: t('register.throttled', { seconds: error.seconds }) },
        { status: 429, headers: { 'Retry-After': String(error.seconds) } },
      )
    }
    throw error
  }
  return { ...none, errors: {}, values, sentTo: parsed.data.email }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export const headers = passActionHeaders(['Retry-After'])

export default function ResendConfirmation() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const { onSubmit, errors, field, submitCount } = useValidatedForm(loadResendSchema, actionData)
  const busy = useNavigation().state === 'submitting'
  const labels = { email: t('resend.email') }
  return (
    <div className="narrow">
      <h1>{t('resend.title')}</h1>
      {actionData?.sentTo ? (
        <p className="notice" role="status">
          {t('resend.sent', { email: actionData.sentTo })}
        </p>
      ) : null}
      <ErrorSummary
        errors={errors}
        order={['email']}
        labels={labels}
        message={actionData?.message}
        focusKey={[actionData, submitCount]}
      />
      <p>{t('resend.intro')}</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <Field
          {...field('email')}
          type="email"
          autoComplete="email"
          spellCheck={false}
          label={labels.email}
        />
        <button type="submit" className="button" disabled={busy}>
          {t('resend.submit')}
        </button>
      </Form>
      <p>
        <a href="/login">{t('register.loginLink')}</a>
      </p>
    </div>
  )
}
