import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useMemo, type FormEvent } from 'react'
import { useForm, type FieldValues } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FormSectionFields, formSectionLabels } from '../components/form-section'
import { ErrorSummary } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { saveSection } from '../modules/dossiers/drafts.server'
import { NotADraftError } from '../modules/dossiers/errors'
import { lazyZodResolver } from '../components/use-validated-form'
import {
  applyGroupAction,
  buildSectionSchema,
  errorsFromIssues,
  formValuesFromFormData,
} from '../modules/forms/build-schema.server'
import { allFields, flattenFormErrors } from '../modules/forms/names'
import { requireDraft, sessionIdentity } from '../utils/apply.server'
import { lockedValues, sourcesOf } from '../modules/forms/identity'
import { notFound } from '../utils/http-errors.server'
import { applyPath } from '../utils/paths'
import { formatDateTime } from '../utils/format'
import { pageTitle } from '../utils/meta'

function findSection(form: { sections: { key: string }[] }, key: string | undefined) {
  const index = form.sections.findIndex((s) => s.key === key)
  if (index < 0) throw notFound()
  return index
}

export async function loader(args: LoaderFunctionArgs) {
  const { procedure, draft, auth } = await requireDraft(args)
  const index = findSection(draft.form, args.params.section)
  const section = draft.form.sections[index]
  const { lng } = await getT(args.request, ['dossier', 'common'])
  const { t } = await getT(args.request, ['common'])
  // Identity fields: filled from what VNeID verified in this session, and locked (issue 16 §4).
  const identity = await sessionIdentity(args.context, auth)
  const locked = lockedValues(section.fields, identity)
  return {
    title: section.title[lng],
    titleSuffix: t('meta.titleSuffix'),
    code: procedure.code,
    section,
    position: { index, total: draft.form.sections.length },
    values: { ...draft.form_data, ...locked },
    locked: identity
      ? { keys: Object.keys(locked), level: identity.level, verifiedAt: identity.verifiedAt.toISOString() }
      : null,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user, procedure, draft, auth } = await requireDraft(args)
  const index = findSection(draft.form, args.params.section)
  const section = draft.form.sections[index]
  const formData = await args.request.formData()
  const identity = await sessionIdentity(args.context, auth)
  const locked = lockedValues(section.fields, identity)
  // A locked field keeps its verified value whatever was posted.
  const raw = { ...formValuesFromFormData(section, formData), ...locked }
  // "Add another" / "remove" in a repeatable group: show the page again with one slot more or less, unsaved.
  const regrouped = applyGroupAction(section, raw, formData.get('_action'))
  if (regrouped) return data({ values: regrouped, errors: {} as Record<string, string> })
  const parsed = buildSectionSchema(section).safeParse(raw)
  if (!parsed.success)
    return data({ values: raw, errors: errorsFromIssues(parsed.error.issues) }, { status: 400 })
  try {
    await saveSection(
      args.context.db,
      draft.id,
      user.id,
      { key: section.key, fieldKeys: allFields({ sections: [section] }).map((f) => f.key) },
      parsed.data,
      identity ? sourcesOf(section.fields, locked, identity, new Date()) : {},
    )
  } catch (error) {
    if (error instanceof NotADraftError) return redirect(applyPath(procedure.code))
    throw error
  }
  const next = draft.form.sections[index + 1]
  return redirect(applyPath(procedure.code, next && !draft.sections_done.includes(next.key) ? next.key : ''))
}

export const meta: MetaFunction<typeof loader> = pageTitle

const lockedOnly = (values: Record<string, unknown>, keys: string[] = []) =>
  Object.fromEntries(keys.map((k) => [k, values[k]]))

export default function Section() {
  const { t, i18n } = useTranslation(['dossier', 'forms'])
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { code, section, values: saved, locked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const values = { ...(actionData?.values ?? saved), ...lockedOnly(saved, locked?.keys) } as Record<
    string,
    unknown
  >
  // The schema is built from the section's definition in the browser too, once the first submit needs it.
  const resolver = useMemo(
    () =>
      lazyZodResolver(async () => {
        const { buildSectionSchema: build } = await import('../modules/forms/build-schema')
        return build(section) as never
      }),
    [section],
  )
  const form = useForm({
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: false,
    defaultValues: values,
  })
  // A group button's answer brings new slots: start the form again from what the server sent back.
  useEffect(() => {
    if (actionData?.values) form.reset(actionData.values as FieldValues)
  }, [actionData, form])
  const submit = useSubmit()
  const busy = useNavigation().state === 'submitting'
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    // Group buttons re-render the page on the server; only "save" is validated here first.
    if (submitter?.name === '_action') return
    void form.handleSubmit(() => submit(event.currentTarget ?? submitter))(event)
  }
  const errors = { ...(actionData?.errors ?? {}), ...flattenFormErrors(form.formState.errors) }
  const { order, labels } = formSectionLabels(section, lng, values, t)
  return (
    <div className="narrow">
      <p className="caption">{t('apply.sectionsHeading')}</p>
      <h1>{section.title[lng]}</h1>
      <ErrorSummary
        errors={errors}
        order={order}
        labels={labels}
        focusKey={[actionData, form.formState.submitCount]}
      />
      {section.description ? <p>{section.description[lng]}</p> : null}
      <Form method="post" noValidate onSubmit={onSubmit}>
        <FormSectionFields
          section={section}
          lng={lng}
          values={values}
          errors={errors}
          register={form.register as unknown as (name: string) => object}
          watch={form.watch as unknown as (name: string) => unknown}
          locked={
            locked
              ? {
                  keys: locked.keys,
                  note: t('forms:lockedFromVneid', {
                    level: locked.level,
                    at: formatDateTime(locked.verifiedAt, lng),
                  }),
                }
              : undefined
          }
        />
        <button type="submit" className="button" disabled={busy}>
          {t('apply.saveAndContinue')}
        </button>
      </Form>
      <p>
        <a href={applyPath(code)}>{t('apply.back')}</a>
      </p>
    </div>
  )
}
