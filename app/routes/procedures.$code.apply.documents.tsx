import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { DocumentSlot, UploadForm } from '../components/document-upload'
import { getT } from '../i18n/i18next.server'
import { attachToDraft, draftFiles, removeFromDraft } from '../modules/dossiers/attachments.server'
import { NotADraftError } from '../modules/dossiers/errors'
import { receiveUpload } from '../modules/files/upload.server'
import { requireDraft } from '../utils/apply.server'
import { applyPath } from '../utils/paths'
import { passActionHeaders } from '../utils/headers'
import { pageTitle } from '../utils/meta'
import { uploadErrorStatus } from '../utils/upload-errors'
import { refusedUpload, uploadRefusalHeaders } from '../utils/upload-refusal.server'

export async function loader(args: LoaderFunctionArgs) {
  const { user, procedure, draft } = await requireDraft(args)
  const [{ t }, files] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    draftFiles(args.context.db, { draftId: draft.id, applicantId: user.id }),
  ])
  return {
    title: t('documents.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: procedure.code,
    documents: draft.documents,
    files,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user, procedure, draft } = await requireDraft(args)
  const { db, storage } = args.context
  const back = applyPath(procedure.code, 'documents')
  const type = args.request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) {
    const form = await args.request.formData()
    const fileId = String(form.get('remove') ?? '')
    if (/^[0-9a-f-]{36}$/.test(fileId))
      await removeFromDraft(db, storage, { draftId: draft.id, applicantId: user.id, fileId })
    return redirect(back)
  }
  const rules = Object.fromEntries(
    draft.documents.map((d) => [d.key, { accept: d.accept, maxBytes: d.maxBytes }]),
  )
  try {
    const { files } = await receiveUpload(args.request, {
      rules,
      storage,
      keyPrefix: 'dossiers',
      // One file per document, all in one request: stored all together or not at all.
      maxFiles: draft.documents.length,
    })
    if (files.length === 0) return refusedUpload(400, null, 'dossier:documents.errors.none')
    await attachToDraft(db, storage, { draftId: draft.id, applicantId: user.id, uploads: files })
  } catch (error) {
    if (error instanceof NotADraftError) return redirect(applyPath(procedure.code))
    const mapped = uploadErrorStatus(error)
    if (!mapped) throw error
    args.context.logger.info({ event: 'upload_refused', reason: (error as Error).name }, 'upload refused')
    return refusedUpload(mapped.status, mapped.field, mapped.key)
  }
  return redirect(back)
}

export const meta: MetaFunction<typeof loader> = pageTitle

// Connection: close after a refused upload: the rest of its body was never read.
export const headers = passActionHeaders(uploadRefusalHeaders)

export default function Documents() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { code, documents, files } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="narrow">
      <h1>{t('documents.title')}</h1>
      <p>{t('documents.several')}</p>
      <UploadForm documents={documents} refused={actionData?.error ? actionData : null}>
        {(failed) =>
          documents.map((doc) => (
            <DocumentSlot
              key={doc.key}
              doc={doc}
              files={files.filter((f) => f.requirement_key === doc.key)}
              failed={failed === doc.key}
              note={<p className="field__hint">{doc.copies[lng]}</p>}
              removeFormId="remove-file"
            />
          ))
        }
      </UploadForm>
      <Form method="post" id="remove-file" />
      <p>
        <a className="button" href={applyPath(code)}>
          {t('documents.continue')}
        </a>
      </p>
    </div>
  )
}
