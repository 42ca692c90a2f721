/** The catalogue's texts, as stored in procedures.texts (both languages always). */
export interface Bilingual {
  vi: string
  en: string
}

export interface ProcedureTexts {
  summary: Bilingual
  applicantType: Bilingual
  steps: Bilingual
  conditions: Bilingual
  result: Bilingual
  legalBasis: Bilingual[]
  channels: { channel: 'online' | 'counter' | 'post'; time: Bilingual; fee: Bilingual }[]
}

export type FeePolicy =
  | { kind: 'free'; note: Bilingual | null }
  | { kind: 'fixed'; amount: number; note: Bilingual | null }
  | { kind: 'per_unit'; unitAmount: number; unit: Bilingual; unitField: string; note: Bilingual | null }
  | { kind: 'assessed'; note: Bilingual }

export interface RequiredDocument {
  key: string
  name: Bilingual
  copies: Bilingual
  required: boolean
  accept: string[]
  maxBytes: number
}

export const pick = (b: Bilingual, lng: 'vi' | 'en') => b[lng]
