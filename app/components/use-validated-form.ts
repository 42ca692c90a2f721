import { useSubmit } from '@remix-run/react'
import { useMemo, type FormEvent } from 'react'
import { useForm, type FieldValues, type Resolver } from 'react-hook-form'
import type { z } from 'zod'
import { fieldId, type FieldErrors } from './forms'

export interface ServerFormState {
  errors?: FieldErrors
  values?: Record<string, string>
}

type Schema = z.ZodType<FieldValues, FieldValues>

/** A schema, or how to load it: pages pass a loader so that zod stays out of the JavaScript a page loads first. */
export type SchemaSource = Schema | (() => Promise<Schema>)

/**
 * react-hook-form's zod resolver, loaded with the schema on the first validation (a submit): zod and the resolver
 * are about 95 KB gzipped, more than React itself, and a citizen reading a page never needs them. Until they
 * arrive the form simply waits; without JavaScript the server validates with the same schema.
 */
export function lazyZodResolver(source: SchemaSource): Resolver<FieldValues> {
  let ready: Promise<Resolver<FieldValues>> | undefined
  return (values, context, options) => {
    ready ??= Promise.all([
      import('@hookform/resolvers/zod'),
      typeof source === 'function' ? source() : Promise.resolve(source),
    ]).then(([{ zodResolver }, schema]) => zodResolver(schema as never) as unknown as Resolver<FieldValues>)
    return ready.then((resolver) => resolver(values, context, options))
  }
}

/**
 * The same zod schema validates in the browser (react-hook-form) and in the action. Errors first appear on
 * submit, then follow every keystroke (GOV.UK's advice: no error while a person is still typing the first
 * time, and no layout shift under the pointer on the way to the button). A valid form is submitted through Remix (no reload); without JavaScript the browser posts it and
 * the action answers with the same errors.
 */
export function useValidatedForm(schema: SchemaSource, server: ServerFormState | undefined) {
  const resolver = useMemo(() => lazyZodResolver(schema), [schema])
  const form = useForm({
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // Focus goes to the error summary (which links to each field), not to the first field.
    shouldFocusError: false,
    defaultValues: server?.values,
  })
  const submit = useSubmit()
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget
    void form.handleSubmit(() => submit(element))(event)
  }
  const errors: FieldErrors = { ...server?.errors }
  for (const [name, error] of Object.entries(form.formState.errors)) {
    if (typeof error?.message === 'string') errors[name] = error.message
  }
  /** The kit's wiring for one input: id, name, error, the value posted back and react-hook-form's register. */
  const field = (name: string) => ({
    id: fieldId(name),
    name,
    error: errors[name],
    defaultValue: server?.values?.[name],
    registration: form.register(name),
  })
  return { form, onSubmit, errors, field, submitCount: form.formState.submitCount }
}
