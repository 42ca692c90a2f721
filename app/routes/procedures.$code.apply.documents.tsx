import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { DocumentSlot, UploadForm } from '../components/document-upload'
import { Radios } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { attachToDraft, draftFiles, removeFromDraft } from '../modules/dossiers/attachments.server'
import { attachFromStore, storeChoices } from '../modules/dossiers/document-store.server'
import { NotADraftError, StoreChoiceError } from '../modules/dossiers/errors'
import { receiveUpload } from '../modules/files/upload.server'
import { requireDraft } from '../utils/apply.server'
import { formatDate, formatSize } from '../utils/format'
import { applyPath } from '../utils/paths'
import { passActionHeaders } from '../utils/headers'
import { pageTitle } from '../utils/meta'
import { uploadErrorStatus } from '../utils/upload-errors'
import { refusedUpload, uploadRefusalHeaders } from '../utils/upload-refusal.server'

export async function loader(args: LoaderFunctionArgs) {
  const { user, procedure, draft } = await requireDraft(args)
  const [{ t }, files, store] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    draftFiles(args.context.db, { draftId: draft.id, applicantId: user.id }),
    storeChoices(args.context.db, user.id, draft.documents),
  ])
  // What the page needs of each store document (never its storage key).
  const choices = Object.fromEntries(
    Object.entries(store).map(([key, docs]) => [
      key,
      docs.map((s) => ({
        id: s.id,
        title: s.title,
        source: s.source,
        fileName: s.fileName,
        size: s.size,
        dossierCode: s.dossierCode,
        at: s.at,
      })),
    ]),
  )
  return {
    title: t('documents.title'),
    titleSuffix: t('common:meta.titleSuffix'),
    code: procedure.code,
    documents: draft.documents,
    files,
    choices,
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user, procedure, draft } = await requireDraft(args)
  const { db, storage } = args.context
  const back = applyPath(procedure.code, 'documents')
  const type = args.request.headers.get('content-type') ?? ''
  if (!type.startsWith('multipart/form-data')) {
    const form = await args.request.formData()
    // "Use from my documents": every chosen document in one go, all or nothing (like an upload).
    if (form.get('intent') === STORE_INTENT) {
      const choices = [...form.entries()].flatMap(([name, value]) =>
        name.startsWith('store:') && typeof value === 'string' && value
          ? [{ key: name.slice('store:'.length), fileId: value }]
          : [],
      )
      if (!choices.length)
        return data({ store: { field: null, error: 'dossier:documents.errors.none' } }, { status: 400 })
      try {
        await attachFromStore(db, storage, { draftId: draft.id, applicantId: user.id, choices })
      } catch (error) {
        if (error instanceof NotADraftError) return redirect(applyPath(procedure.code))
        if (error instanceof StoreChoiceError)
          return data(
            { store: { field: error.field, error: `dossier:store.errors.${error.problem}` } },
            { status: 422 },
          )
        throw error
      }
      return redirect(`${back}?from=store`)
    }
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

const STORE_INTENT = 'store'
const STORE_FORM = 'use-store'

export default function Documents() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { code, documents, files, choices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const refused = actionData && 'error' in actionData && actionData.error ? actionData : null
  const storeRefusal = actionData && 'store' in actionData ? actionData.store : null
  const [params] = useSearchParams()
  const storeFor = (doc: (typeof documents)[number]) => {
    const offered = choices[doc.key]
    if (!offered?.length) return null
    return (
      <div className="store-choice">
        <Radios
          id={`store-${doc.key}`}
          name={`store:${doc.key}`}
          legend={t('store.use.legend')}
          hint={t('store.use.hint')}
          error={storeRefusal?.field === doc.key ? storeRefusal.error : undefined}
          registration={{ form: STORE_FORM }}
          defaultValue=""
          options={[
            { value: '', label: t('store.use.none') },
            ...offered.map((s) => ({
              value: s.id,
              label: t('store.use.option', {
                name: s.fileName,
                kind: s.source === 'result' ? `${t('result.title')}: ${s.title[lng]}` : s.title[lng],
                code: s.dossierCode,
                date: formatDate(s.at, lng),
                size: formatSize(s.size, lng),
              }),
            })),
          ]}
        />
        <button type="submit" form={STORE_FORM} className="button button--secondary">
          {t('store.use.submit')}
        </button>
      </div>
    )
  }
  return (
    <div className="narrow">
      <h1>{t('documents.title')}</h1>
      <p>{t('documents.several')}</p>
      {storeRefusal ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t('common:form.errorSummaryTitle')}</h2>
          <p>
            {storeRefusal.field ? (
              <a href={`#store-${storeRefusal.field}`}>
                {`${documents.find((d) => d.key === storeRefusal.field)?.name[lng] ?? ''}: ${t(storeRefusal.error)}`}
              </a>
            ) : (
              t('store.errors.nothingStored')
            )}
          </p>
          {storeRefusal.field ? <p>{t('store.errors.nothingStored')}</p> : null}
        </div>
      ) : params.get('from') === 'store' ? (
        <p className="notice notice--success" role="status">
          {t('store.use.done')}
        </p>
      ) : null}
      <Form method="post" id={STORE_FORM}>
        <input type="hidden" name="intent" value={STORE_INTENT} />
      </Form>
      <UploadForm documents={documents} refused={refused}>
        {(failed) =>
          documents.map((doc) => (
            <DocumentSlot
              key={doc.key}
              doc={doc}
              files={files.filter((f) => f.requirement_key === doc.key)}
              failed={failed === doc.key}
              note={<p className="field__hint">{doc.copies[lng]}</p>}
              removeFormId="remove-file"
              fromStore={storeFor(doc)}
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
