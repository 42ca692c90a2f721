import { Form, useRevalidator } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from './forms'
import type { RequiredDocument } from '../modules/forms/definition'
import { acceptText, sizeText } from '../utils/upload-errors'

interface UploadedFile {
  id: string
  original_name: string
  size: number
  /** taken from the citizen's document store rather than uploaded */
  source_file_id?: string | null
}

/** The page-level message of a refused upload (413, 415, empty…), naming the document it was for. */
export function UploadError({
  documents,
  field,
  error,
}: {
  documents: RequiredDocument[]
  field: string | null
  error: string
}) {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const doc = documents.find((d) => d.key === field)
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">{t('common:form.errorSummaryTitle')}</h2>
      <p>
        {doc ? `${doc.name[lng]}: ` : ''}
        {t(error, {
          size: doc ? sizeText(doc.maxBytes, lng) : '',
          types: doc ? acceptText(doc.accept) : '',
          name: '',
        })}
      </p>
      {error !== 'dossier:documents.errors.none' ? <p>{t('documents.nothingStored')}</p> : null}
    </div>
  )
}

interface SlotProps {
  doc: RequiredDocument
  files: UploadedFile[]
  /** marks the input when the last upload for this document was refused */
  failed: boolean
  /** shown under the heading: copies and formats for a draft, the officer's reason for a supplement */
  note: ReactNode
  /** a remove button per file (drafts only), submitting the form `removeFormId` */
  removeFormId?: string
  /** drawn after the file input: the choice of a document from the citizen's store (drafts only) */
  fromStore?: ReactNode
}

/**
 * One required document: its files and a file input to upload (or replace) it. The input belongs to the page's
 * UploadForm (drawn around the slots), so several documents go up in one request; the remove buttons belong to
 * a separate form by their `form` attribute (forms cannot nest).
 */
export function DocumentSlot({ doc, files, failed, note, removeFormId, fromStore }: SlotProps) {
  const { t, i18n } = useTranslation(['dossier', 'catalogue'])
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const inputId = `file-${doc.key}`
  return (
    <section className="document-slot" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="document-slot__title">
        {doc.name[lng]}{' '}
        <span className="tag">
          {doc.required ? t('catalogue:labels.required') : t('catalogue:labels.optional')}
        </span>
      </h2>
      {note}
      {files.length ? (
        <ul className="file-list">
          {files.map((f) => (
            <li key={f.id}>
              {`${f.original_name} (${sizeText(f.size)}${f.source_file_id ? `, ${t('files.fromStore')}` : ''}) `}
              {removeFormId ? (
                <button type="submit" form={removeFormId} name="remove" value={f.id} className="link-button">
                  {t('documents.remove', { name: f.original_name })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('documents.none')}</p>
      )}
      <Field
        id={inputId}
        name={doc.key}
        type="file"
        label={t('documents.choose', { name: doc.name[lng] })}
        hint={
          <>
            {files.length ? `${t('documents.replaceHint')} ` : ''}
            {t('documents.accepted', { types: acceptText(doc.accept), size: sizeText(doc.maxBytes) })}
          </>
        }
        invalid={failed}
        className="input--file"
        accept={doc.accept.join(',')}
        data-max-bytes={doc.maxBytes}
      />
      {fromStore}
    </section>
  )
}

type Refusal = { field: string | null; error: string }

/**
 * The page's upload form around its document slots: every chosen file goes up in one multipart request, which
 * the server takes whole or refuses whole (one bad file: nothing is stored and the message names its document).
 *
 * Without JavaScript it is a plain form post (the answer redirects back, so no file name stays in an input).
 * With it, the files go up by XMLHttpRequest — the one browser API that reports upload progress — to the same
 * action: a <progress> and a polite live region show how much has gone; on success the inputs are cleared and
 * the page's data reloaded; a refusal comes back in the `X-Upload-Error` / `X-Upload-Field` headers the action
 * sets, and is shown like the server-rendered one. Sizes are checked before sending (the server checks again).
 */
export function UploadForm({
  documents,
  refused,
  children,
}: {
  documents: RequiredDocument[]
  /** the action's answer to a plain post */
  refused: Refusal | null
  /** the slots, told which document the last refusal was for */
  children: (failedField: string | null) => ReactNode
}) {
  const { t } = useTranslation('dossier')
  const revalidator = useRevalidator()
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'sending'; loaded: number; total: number }
    | { kind: 'done'; count: number }
    | ({ kind: 'refused' } & Refusal)
  >({ kind: 'idle' })
  const announced = useRef(-1)
  // A new answer from a plain post (or a reload) replaces what the last XHR said.
  useEffect(() => setState({ kind: 'idle' }), [refused])
  const shown = state.kind === 'refused' ? state : state.kind === 'idle' ? refused : null

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (typeof XMLHttpRequest === 'undefined') return
    event.preventDefault()
    // One upload at a time. The button stays enabled (aria-disabled) while sending: a disabled button would
    // drop the keyboard user's focus to <body> in the middle of the page.
    if (state.kind === 'sending') return
    const form = event.currentTarget
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input[type=file]')].filter(
      (i) => i.files && i.files.length > 0,
    )
    if (!chosen.length)
      return setState({ kind: 'refused', field: null, error: 'dossier:documents.errors.none' })
    const tooLarge = chosen.find((i) => i.files![0].size > Number(i.dataset.maxBytes))
    if (tooLarge)
      return setState({ kind: 'refused', field: tooLarge.name, error: 'dossier:documents.errors.tooLarge' })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.getAttribute('action') ?? window.location.pathname)
    announced.current = -1
    xhr.upload.onprogress = (e) => setState({ kind: 'sending', loaded: e.loaded, total: e.total || 1 })
    xhr.onload = () => {
      const error = xhr.getResponseHeader('X-Upload-Error')
      if (error || xhr.status >= 400) {
        setState({
          kind: 'refused',
          field: xhr.getResponseHeader('X-Upload-Field'),
          error: error ?? 'dossier:documents.errors.network',
        })
        return
      }
      form.reset()
      setState({ kind: 'done', count: chosen.length })
      revalidator.revalidate()
    }
    xhr.onerror = () => setState({ kind: 'refused', field: null, error: 'dossier:documents.errors.network' })
    setState({ kind: 'sending', loaded: 0, total: chosen.reduce((n, i) => n + i.files![0].size, 0) || 1 })
    xhr.send(new FormData(form))
  }

  const percent = state.kind === 'sending' ? Math.floor((state.loaded / state.total) * 100) : 0
  // The live region speaks at each quarter, not at every progress event.
  const step = Math.floor(percent / 25) * 25
  if (state.kind === 'sending' && step > announced.current) announced.current = step
  return (
    <Form method="post" encType="multipart/form-data" className="upload-form" onSubmit={onSubmit}>
      {shown ? <UploadError documents={documents} field={shown.field} error={shown.error} /> : null}
      {children(shown?.field ?? null)}
      {state.kind === 'sending' ? (
        <div className="field">
          <label className="field__label" htmlFor="upload-progress">
            {t('documents.progress')}
          </label>
          <progress id="upload-progress" max={100} value={percent}>
            {`${percent}%`}
          </progress>
        </div>
      ) : null}
      <p className={state.kind === 'done' ? 'notice notice--success' : 'visually-hidden'} role="status">
        {state.kind === 'sending'
          ? t('documents.sending', { percent: Math.max(announced.current, 0) })
          : state.kind === 'done'
            ? t('documents.sent', { count: state.count })
            : ''}
      </p>
      <button type="submit" className="button button--secondary" aria-disabled={state.kind === 'sending'}>
        {t('documents.upload')}
      </button>
    </Form>
  )
}
