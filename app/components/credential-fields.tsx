import { Field } from './forms'
import type { useValidatedForm } from './use-validated-form'

type FieldProps = ReturnType<typeof useValidatedForm>['field']

/**
 * The e-mail and password of a password sign-in, with the browser's credential hints: the sign-in page and the
 * page that links a VNeID identity to an existing account ask for the same two things the same way.
 */
export function CredentialFields({
  field,
  labels,
}: {
  field: FieldProps
  labels: { email: string; password: string }
}) {
  return (
    <>
      <Field
        {...field('email')}
        type="email"
        autoComplete="username"
        spellCheck={false}
        label={labels.email}
      />
      <Field {...field('password')} type="password" autoComplete="current-password" label={labels.password} />
    </>
  )
}
