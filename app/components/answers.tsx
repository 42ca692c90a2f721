import { useTranslation } from 'react-i18next'
import type { Field, FormDefinition } from '../modules/forms/definition'
import { formatDate } from '../utils/format'
import { SummaryRows } from './forms'

type Values = Record<string, unknown>

function optionLabel(field: Field, value: string, lng: 'vi' | 'en') {
  const options = 'options' in field && field.options ? field.options : []
  return options.find((o) => o.value === value)?.label[lng] ?? value
}

/** A field's answer as text, the way a person reads it back. */
export function answerText(field: Field, value: unknown, lng: 'vi' | 'en'): string {
  if (value === undefined || value === null || value === '') return ''
  switch (field.type) {
    case 'select':
    case 'radio':
      return optionLabel(field, String(value), lng)
    case 'checkboxes':
      return (Array.isArray(value) ? value : [value])
        .map((v) => optionLabel(field, String(v), lng))
        .join(', ')
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? formatDate(String(value), lng) : String(value)
    case 'address': {
      const a = value as Record<string, string>
      return [a.street, a.ward, a.district, a.province].filter(Boolean).join(', ')
    }
    case 'group':
      return ''
    default:
      return String(value)
  }
}

function isShown(field: Field, values: Values): boolean {
  if (!field.showIf) return true
  const current = values[field.showIf.field]
  const wanted = Array.isArray(field.showIf.equals) ? field.showIf.equals : [field.showIf.equals]
  return Array.isArray(current)
    ? current.some((v) => wanted.includes(String(v)))
    : wanted.includes(String(current ?? ''))
}

interface Props {
  form: FormDefinition
  formData: Record<string, unknown>
  /** the check page links each section to its page; the dossier page does not */
  changeHref?: (sectionKey: string) => string
}

/** GOV.UK "check answers" summary lists, one per section. */
export function Answers({ form, formData, changeHref }: Props) {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  return (
    <>
      {form.sections.map((section) => {
        const values = formData as Values
        return (
          <section key={section.key} className="answers">
            <div className="answers__head">
              <h3>{section.title[lng]}</h3>
              {changeHref ? (
                <a href={changeHref(section.key)}>
                  {t('check.change')}
                  <span className="visually-hidden"> {section.title[lng]}</span>
                </a>
              ) : null}
            </div>
            <SummaryRows
              rows={section.fields
                .filter((f) => isShown(f, values))
                .flatMap((field) =>
                  field.type === 'group'
                    ? ((values[field.key] as Values[] | undefined) ?? []).map((item, i) => ({
                        key: `${field.key}-${i}`,
                        label: `${field.itemLabel[lng]} ${i + 1}`,
                        value: field.fields
                          .map(
                            (sub) =>
                              `${sub.label[lng]}: ${answerText(sub, item[sub.key], lng) || t('check.empty')}`,
                          )
                          .join('; '),
                      }))
                    : [
                        {
                          key: field.key,
                          label: field.label[lng],
                          value: answerText(field, values[field.key], lng) || t('check.empty'),
                        },
                      ],
                )}
            />
          </section>
        )
      })}
    </>
  )
}
