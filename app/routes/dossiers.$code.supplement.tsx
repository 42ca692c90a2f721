import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormSectionFields, formSectionLabels } from '../components/form-section'
import { DocumentSlot, UploadForm } from '../components/document-upload'
import { ErrorSummary } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { IncompleteDossierError, TransitionNotAllowedError } from '../modules/dossiers/errors'
import {
  answerSupplement,
  attachToSupplement,
  getSupplement,
  SupplementFieldErrors,
} from '../modules/dossiers/supplement.server'
import { formValuesFromFormData } from '../modules/forms/build-schema.server'
import { receiveUpload } from '../modules/files/upload.server'
import { requireUser } from '../utils/auth.server'
import { passActionHeaders } from '../utils/headers'
import { notFound, rethrowAsHttp } from '../utils/http-errors.server'
import { formatDateTime } from '../utils/format'
import { pageTitle } from '../utils/meta'
import { uploadErrorStatus } from '../utils/upload-errors'
import { refusedUpload, uploadRefusalHeaders } from '../utils/upload-refusal.server'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args)
  const s = await getSupplement(args.context.db, args.params.code ?? '', user.id)
  if (!s) throw notFound()
  const { t } = await getT(args.request, ['dossier', 'common'])
  return {
    title: t('supplement.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: s.code,
    open: s.request !== null,
    items: s.items,
    askedFields: s.askedFields,
    askedDocuments: s.askedDocuments,
    files: s.files,
    values: s.form_data,
    pausedSince: s.paused_since ?? s.request?.requested_at ?? new Date(),
  }
}

/** A refused upload (see refusedUpload), shaped like the fields' answers of this action. */
function uploadRefused(status: number, field: string | null, error: string) {
  const res = refusedUpload(status, field, error)
  return data({ kind: 'upload' as const, ...res.data, errors: {} }, res.init ?? undefined)
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args)
  const code = args.params.code ?? ''
  const s = await getSupplement(args.context.db, code, user.id)
  if (!s) throw notFound()
  const here = `/dossiers/${code}/supplement`
  const type = args.request.headers.get('content-type') ?? ''
  if (type.startsWith('multipart/form-data')) {
    if (!s.request || !s.askedDocuments.length) return redirect(here)
    const rules = Object.fromEntries(
      s.askedDocuments.map((d) => [d.key, { accept: d.accept, maxBytes: d.maxBytes }]),
    )
    try {
      const { files } = await receiveUpload(args.request, {
        rules,
        storage: args.context.storage,
        keyPrefix: 'dossiers',
        // One file per asked document, all in one request: stored all together or not at all.
        maxFiles: s.askedDocuments.length,
      })
      if (!files.length) return uploadRefused(400, null, 'dossier:documents.errors.none')
      await attachToSupplement(args.context.db, args.context.storage, {
        dossierId: s.id,
        requestId: s.request.id,
        applicantId: user.id,
        uploads: files,
      })
    } catch (error) {
      const mapped = uploadErrorStatus(error)
      if (mapped) return uploadRefused(mapped.status, mapped.field, mapped.key)
      if (error instanceof TransitionNotAllowedError) return redirect(here)
      rethrowAsHttp(error)
    }
    return redirect(here)
  }
  const formData = await args.request.formData()
  try {
    await answerSupplement(args.context.db, {
      code,
      applicantId: user.id,
      values: formValuesFromFormData({ fields: s.askedFields }, formData),
    })
  } catch (error) {
    if (error instanceof SupplementFieldErrors)
      return data(
        { kind: 'fields' as const, field: null, error: null, errors: error.errors },
        { status: 400 },
      )
    if (error instanceof IncompleteDossierError) {
      return data(
        { kind: 'fields' as const, field: null, error: error.problems[0].key, errors: {} },
        { status: 422 },
      )
    }
    if (error instanceof TransitionNotAllowedError) {
      return data(
        { kind: 'fields' as const, field: null, error: 'dossier:errors.conflict', errors: {} },
        { status: 409 },
      )
    }
    rethrowAsHttp(error)
  }
  args.context.logger.info({ event: 'supplement_answered', code }, 'supplement answered')
  return redirect(`/dossiers/${code}`)
}

export const meta: MetaFunction<typeof loader> = pageTitle

// Connection: close after a refused upload: the rest of its body was never read.
export const headers = passActionHeaders(uploadRefusalHeaders)

export default function Supplement() {
  const { t, i18n } = useTranslation(['dossier', 'forms'])
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (!d.open) {
    return (
      <div className="narrow">
        <h1>{t('supplement.title')}</h1>
        <p>{t('supplement.nothingAsked')}</p>
        <p>
          <a href={`/dossiers/${d.code}`}>{t('confirmation.view')}</a>
        </p>
      </div>
    )
  }
  const reasonOf = (kind: string, key: string) =>
    d.items.find((i) => i.kind === kind && i.key === key)?.reason ?? ''
  const section = { fields: d.askedFields }
  const errors = actionData?.errors ?? {}
  const { order, labels } = formSectionLabels(section, lng, d.values, t)
  return (
    <div className="narrow">
      <p className="caption">{d.code}</p>
      <h1>{t('supplement.title')}</h1>
      <p>{t('supplement.intro')}</p>
      <ErrorSummary errors={errors} order={order} labels={labels} focusKey={[actionData, 0]} />
      <p>
        {t('asked.clockPaused', { since: formatDateTime(d.pausedSince, lng) })} {t('asked.noDeadline')}
      </p>
      {d.askedDocuments.length ? (
        <UploadForm
          documents={d.askedDocuments}
          refused={actionData?.kind === 'upload' && actionData.error ? actionData : null}
        >
          {(failed) =>
            d.askedDocuments.map((doc) => (
              <DocumentSlot
                key={doc.key}
                doc={doc}
                files={d.files.filter((f) => f.requirement_key === doc.key)}
                failed={failed === doc.key}
                note={
                  <p className="notice">
                    {t('supplement.reason', { reason: reasonOf('document', doc.key) })}
                  </p>
                }
              />
            ))
          }
        </UploadForm>
      ) : null}
      <Form method="post" noValidate>
        {d.askedFields.length ? (
          <>
            {d.askedFields.map((f) => (
              <p key={f.key} className="notice">
                {`${f.label[lng]} — ${t('supplement.reason', { reason: reasonOf('field', f.key) })}`}
              </p>
            ))}
            <FormSectionFields section={section} lng={lng} values={d.values} errors={errors} />
          </>
        ) : null}
        <button type="submit" className="button">
          {t('supplement.submit')}
        </button>
      </Form>
    </div>
  )
}
