/**
 * Where the citizen takes each of their workflow actions (the table's rows with `surface: 'citizen'`). The
 * dossier page links only the actions the engine says are available now; a test fails when a citizen action of
 * the table has no path here or its route file is missing.
 */
export interface CitizenDossierRef {
  /** null only for a draft (submit) */
  code: string | null
  procedure_code: string
}

export const citizenActionPaths = {
  submit: (d: CitizenDossierRef) => `/procedures/${d.procedure_code}/apply/check`,
  supplement: (d: CitizenDossierRef) => `/dossiers/${d.code ?? ''}/supplement`,
  withdraw: (d: CitizenDossierRef) => `/dossiers/${d.code ?? ''}/withdraw`,
} as const

export type CitizenAction = keyof typeof citizenActionPaths
