import type { ResultDefinition } from '../../app/modules/results/definition'

/**
 * The result each demo procedure issues (procedure_versions.result, issue 15). The judicial-record certificate is
 * a template (the same definition migration 0141 gives an existing database); the others are the PDF the
 * specialist uploads, numbered in the agency's general register 'KQ'.
 */
export const procedureResults: Record<string, ResultDefinition> = {
  '2.001417.000.00.00.H56': {
    kind: 'template',
    register: 'LLTP',
    title: { vi: 'PHIẾU LÝ LỊCH TƯ PHÁP', en: 'JUDICIAL RECORD CERTIFICATE' },
    answers: [
      'fullName',
      'sex',
      'dateOfBirth',
      'placeOfBirth',
      'nationality',
      'citizenId',
      'certificateType',
    ],
    fields: [
      {
        key: 'convictions',
        label: { vi: 'Tình trạng án tích', en: 'Criminal record' },
        type: 'textarea',
        required: true,
      },
      {
        key: 'validUntil',
        label: { vi: 'Có giá trị đến ngày', en: 'Valid until' },
        type: 'date',
        required: false,
      },
      { key: 'remarks', label: { vi: 'Ghi chú', en: 'Remarks' }, type: 'textarea', required: false },
    ],
  },
}
