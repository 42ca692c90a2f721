import type { RequiredDocument } from '../catalogue/types'
import { buildSectionSchema } from '../forms/build-schema'
import type { FormDefinition } from '../forms/definition'

export interface Problem {
  key: string
  values?: Record<string, string>
  /** where to fix it: a section key, 'documents', 'delivery' or 'declaration' */
  where: string
}

/** What still stops a draft from being submitted; empty when it can go. Pure: the server and the check page share it. */
export function completenessProblems(input: {
  form: FormDefinition
  documents: RequiredDocument[]
  formData: Record<string, unknown>
  uploadedKeys: Set<string>
  deliveryMethod: string | null
  allowedDelivery: string[]
  lng: 'vi' | 'en'
}): Problem[] {
  const problems: Problem[] = []
  for (const section of input.form.sections) {
    if (!buildSectionSchema(section).safeParse(input.formData).success) {
      problems.push({
        key: 'dossier:check.sectionIncomplete',
        values: { name: section.title[input.lng] },
        where: section.key,
      })
    }
  }
  for (const doc of input.documents) {
    if (doc.required && !input.uploadedKeys.has(doc.key)) {
      problems.push({
        key: 'dossier:documents.missing',
        values: { name: doc.name[input.lng] },
        where: 'documents',
      })
    }
  }
  if (!input.deliveryMethod || !input.allowedDelivery.includes(input.deliveryMethod)) {
    problems.push({ key: 'dossier:check.deliveryMissing', where: 'delivery' })
  }
  return problems
}
