/**
 * Shapes of the demo data. Pure data: nothing here touches the database. The domain's own types (texts, fees,
 * documents, roles) are imported, never redeclared: seed.ts checks the data with the domain's schemas.
 */
import type { FeePolicy, ProcedureTexts } from '../../app/modules/catalogue/types'
import type { Bilingual, RequiredDocument } from '../../app/modules/forms/definition'
import type { DeliveryMethod } from '../schema'

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

/** A procedure of the catalogue: its row, its texts (procedures.texts) and its first version's documents. */
export interface SeedProcedure extends ProcedureTexts {
  /** national-style code, e.g. "1.001612.000.00.00.H56" */
  code: string
  agencyCode: string
  field: Bilingual
  level: 3 | 4
  name: Bilingual
  processingDays: number
  delivery: DeliveryMethod[]
  fee: FeePolicy
  documents: RequiredDocument[]
  /** the kind of document the procedure issues (procedure_versions.result_kind), e.g. 'driving_licence': a later
   *  procedure's required document of the same `kind` can be taken from the citizen's store */
  resultKind?: string
}

export interface SeedHoliday {
  /** ISO date yyyy-mm-dd: a day off in Viet Nam, or (kind 'working') a weekend day worked */
  date: string
  name: Bilingual
  /** 'off' (default) or 'working': a make-up working day (ngày làm bù) for the day off `replaces` */
  kind?: 'off' | 'working'
  replaces?: string
  /** the law or decision the day comes from, shown to administrators */
  basis: string
}
