import { Form, Link, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Radios, TextArea } from '../../components/forms'
import { translateMessage } from '../../modules/forms/names'
import { previewKind } from '../../modules/files/preview'
import { CHECK_INTENT, RESULT_KEY } from '../../modules/officer/action-forms'
import { formatDateTime, formatSize } from '../../utils/format'
import type { ActionFeedback, OfficerPageData } from './route'

type Lng = 'vi' | 'en'
type File = OfficerPageData['files'][number]

/**
 * Every file of the dossier: name, size, when; a preview in the page (PDF and images, `?preview=<id>`, a plain
 * link that works without JavaScript); the officer's check of each document (valid / needs a supplement, with
 * the reason), which pre-fills the supplement request; and the download.
 */
export function Documents({ d, feedback }: { d: OfficerPageData; feedback: ActionFeedback | undefined }) {
  const { t, i18n } = useTranslation('officer')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  const [params] = useSearchParams()
  const previewed = d.files.find((f) => f.id === params.get('preview') && previewKind(f.mime))
  const name = (key: string) =>
    key === RESULT_KEY
      ? t('documents.result')
      : (d.documents.find((doc) => doc.key === key)?.name[lng] ?? key)
  return (
    <section className="section desk__documents" aria-labelledby="documents">
      <h2 id="documents">{t('documents.title')}</h2>
      {d.files.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <ul className="doc-list">
          {d.files.map((f) => (
            <li key={f.id} id={`file-${f.id}`} className="doc">
              <h3 className="doc__title">
                {name(f.requirement_key)}
                {f.supplement_request_id ? (
                  <>
                    {' '}
                    <span className="tag">{t('documents.supplemented')}</span>
                  </>
                ) : null}
                {f.source_file_id ? (
                  <>
                    {' '}
                    <span className="tag">{t('documents.fromStore')}</span>
                  </>
                ) : null}
              </h3>
              <p className="doc__meta">
                {`${f.original_name} · ${formatSize(f.size, lng)} · ${formatDateTime(f.created_at, lng)}`}
              </p>
              {f.source_file_id ? (
                <p className="doc__meta">
                  {f.source_dossier_code
                    ? t('documents.fromStoreDossier', { code: f.source_dossier_code })
                    : t('documents.fromStoreHint')}
                </p>
              ) : null}
              <p className="doc__links">
                {previewKind(f.mime) ? (
                  <Link
                    to={`?preview=${f.id}#preview`}
                    preventScrollReset
                    aria-current={previewed?.id === f.id ? 'true' : undefined}
                    aria-label={t('documents.preview', { name: f.original_name })}
                  >
                    {t('documents.previewShort')}
                  </Link>
                ) : null}
                <a
                  href={`/officer/dossiers/${d.code}/files/${f.id}`}
                  aria-label={t('documents.download', { name: f.original_name })}
                >
                  {t('documents.downloadShort')}
                </a>
              </p>
              <CheckStatus f={f} />
              {d.mayCheck && f.requirement_key !== RESULT_KEY ? (
                <CheckForm d={d} f={f} label={name(f.requirement_key)} feedback={feedback} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {previewed ? <Preview d={d} f={previewed} label={name(previewed.requirement_key)} /> : null}
    </section>
  )
}

function CheckStatus({ f }: { f: File }) {
  const { t, i18n } = useTranslation('officer')
  const lng: Lng = i18n.language === 'en' ? 'en' : 'vi'
  if (!f.check) return <p className="doc__check">{t('documents.check.none')}</p>
  return (
    <p className={`doc__check doc__check--${f.check.verdict}`}>
      <strong>{t(`documents.check.${f.check.verdict}`)}</strong>
      {f.check.reason ? `: ${f.check.reason}` : ''}
      <span className="doc__checked-by">
        {t('documents.check.by', {
          name: f.check.checked_by_name,
          at: formatDateTime(f.check.checked_at, lng),
        })}
      </span>
    </p>
  )
}

/** One document's check: valid, or needs a supplement with the reason (the reason pre-fills the request). */
function CheckForm({
  d,
  f,
  label,
  feedback,
}: {
  d: OfficerPageData
  f: File
  label: string
  feedback: ActionFeedback | undefined
}) {
  const { t } = useTranslation('officer')
  const mine = feedback?.intent === CHECK_INTENT && feedback.values.fileId === f.id ? feedback : undefined
  const id = (name: string) => `check-${f.id}-${name}`
  return (
    <Form method="post" className="action-form doc__form" noValidate>
      <input type="hidden" name="intent" value={CHECK_INTENT} />
      <input type="hidden" name="version" value={d.version} />
      <input type="hidden" name="fileId" value={f.id} />
      {mine?.errors.form || mine?.errors.fileId ? (
        <p className="field__error">{translateMessage(t, mine.errors.form ?? mine.errors.fileId)}</p>
      ) : null}
      <Radios
        id={id('verdict')}
        name="verdict"
        inline
        legend={t('documents.check.legend', { name: label })}
        error={mine?.errors.verdict}
        defaultValue={mine?.values.verdict ?? f.check?.verdict ?? null}
        options={[
          { value: 'valid', label: t('documents.check.valid') },
          { value: 'needs_supplement', label: t('documents.check.needs_supplement') },
        ]}
      />
      <TextArea
        id={id('reason')}
        name="reason"
        rows={2}
        className="textarea--short"
        label={t('documents.check.reason')}
        hint={t('documents.check.reasonHint')}
        error={mine?.errors.reason}
        defaultValue={mine?.values.reason ?? f.check?.reason ?? ''}
      />
      <button type="submit" className="button button--secondary">
        {t('documents.check.submit')}
      </button>
    </Form>
  )
}

/**
 * The chosen document in the page: an image as <img>, a PDF in a frame of the browser's own viewer. Both come
 * from the officer file route's `inline` variant (same authorisation, nosniff; see download.server.ts).
 */
function Preview({ d, f, label }: { d: OfficerPageData; f: File; label: string }) {
  const { t } = useTranslation('officer')
  const src = `/officer/dossiers/${d.code}/files/${f.id}?inline`
  const title = t('documents.previewTitle', { name: label, file: f.original_name })
  return (
    <figure id="preview" className="preview" tabIndex={-1} aria-labelledby="preview-caption">
      <figcaption id="preview-caption" className="preview__caption">
        {title}{' '}
        <Link to="?" preventScrollReset>
          {t('documents.closePreview')}
        </Link>
      </figcaption>
      {previewKind(f.mime) === 'image' ? (
        <img className="preview__image" src={src} alt={title} />
      ) : (
        <iframe className="preview__frame" src={src} title={title} />
      )}
    </figure>
  )
}
