/** Shapes of the demo data. Pure data: nothing here touches the database. */

export type Locale = 'vi' | 'en'
/** A text in both languages; Vietnamese first, always both. */
export interface Bilingual {
  vi: string
  en: string
}

export type StaffRole = 'reception' | 'specialist' | 'approver' | 'finance' | 'admin'
export type Delivery = 'online' | 'counter' | 'post'

export interface SeedAgency {
  /** Short upper-case code, used at the start of dossier codes (e.g. "STP"). 2–8 chars, A–Z and digits. */
  code: string
  name: Bilingual
  /** Code of the parent agency, or null for the city people's committee level. */
  parentCode: string | null
  address: Bilingual
  phone: string
  email: string
}

/** How the fee is computed. Amounts are integer đồng. */
export type FeePolicy =
  | { kind: 'free'; note: Bilingual | null }
  | { kind: 'fixed'; amount: number; note: Bilingual | null }
  /** amount per unit; `unitField` names the form field holding the count (e.g. copies, pages). */
  | { kind: 'per_unit'; unitAmount: number; unit: Bilingual; unitField: string; note: Bilingual | null }
  | { kind: 'assessed'; note: Bilingual }

export interface SeedDocument {
  /** snake_case key, stable: attachments refer to it. */
  key: string
  name: Bilingual
  /** e.g. { vi: '01 bản chính', en: '1 original' } */
  copies: Bilingual
  required: boolean
  /** MIME types accepted online, e.g. ['application/pdf','image/jpeg','image/png'] */
  accept: string[]
  /** bytes */
  maxBytes: number
}

export interface SeedChannel {
  channel: 'online' | 'counter' | 'post'
  /** processing time as shown in the channel × time × fee table */
  time: Bilingual
  /** fee as shown in that table */
  fee: Bilingual
}

export interface SeedProcedure {
  /** national-style code, e.g. "1.001612.000.00.00.H56" */
  code: string
  agencyCode: string
  field: Bilingual
  level: 3 | 4
  name: Bilingual
  /** short summary for the catalogue card */
  summary: Bilingual
  processingDays: number
  applicantType: Bilingual
  /** the steps, as a numbered procedure (one string with newline-separated steps is fine) */
  steps: Bilingual
  conditions: Bilingual
  result: Bilingual
  legalBasis: Bilingual[]
  channels: SeedChannel[]
  delivery: Delivery[]
  fee: FeePolicy
  documents: SeedDocument[]
}

export interface SeedHoliday {
  /** ISO date yyyy-mm-dd, a day off in Viet Nam */
  date: string
  name: Bilingual
}
