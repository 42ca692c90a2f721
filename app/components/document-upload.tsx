import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from './forms'
import type { RequiredDocument } from '../modules/forms/definition'
import { acceptText, sizeText } from '../utils/upload-errors'

interface UploadedFile {
  id: string
  original_name: string
  size: number
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
  /** a remove button per file (drafts only) */
  removable?: boolean
}

/**
 * One required document: its files and a form to upload (or replace) it. A plain multipart form, so it works
 * without JavaScript; with it, Remix submits the same form without a reload.
 */
export function DocumentSlot({ doc, files, failed, note, removable }: SlotProps) {
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
              {`${f.original_name} (${sizeText(f.size, lng)}) `}
              {removable ? (
                <Form method="post" className="inline-form">
                  <button type="submit" name="remove" value={f.id} className="link-button">
                    {t('documents.remove', { name: f.original_name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('documents.none')}</p>
      )}
      <Form method="post" encType="multipart/form-data" className="upload-form">
        <Field
          id={inputId}
          name={doc.key}
          type="file"
          label={t('documents.choose', { name: doc.name[lng] })}
          hint={
            <>
              {files.length ? `${t('documents.replaceHint')} ` : ''}
              {t('documents.accepted', { types: acceptText(doc.accept), size: sizeText(doc.maxBytes, lng) })}
            </>
          }
          invalid={failed}
          className="input--file"
          accept={doc.accept.join(',')}
        />
        <button type="submit" className="button button--secondary">
          {t('documents.upload')}
        </button>
      </Form>
    </section>
  )
}
