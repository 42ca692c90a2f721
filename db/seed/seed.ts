import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema'
import { demoCitizen, demoPasswords, demoStaff } from './accounts'
import { agencies, holidays, procedures } from './catalogue'
import {
  feePolicySchema,
  procedureTextsSchema,
  unitFieldProblem,
  type FeePolicy,
} from '../../app/modules/catalogue/types'
import {
  formatPath,
  parseFormDefinition,
  parseRequiredDocuments,
  type FormDefinition,
} from '../../app/modules/forms/definition'
import { cityAgencies, generateCityCatalogue } from './city-catalogue'
import { procedureForms } from './forms'
import type { SeedProcedure } from './types'
import { procedureResults } from './results'
import { beginSigningKeys, seedSigning, startSigningKeys, type SigningKeys } from './signing'

/** The fee shown in lists: the fixed amount, or the unit price; 0 for free and assessed fees. */
export function headlineFee(fee: FeePolicy): number {
  if (fee.kind === 'fixed') return fee.amount
  if (fee.kind === 'per_unit') return fee.unitAmount
  return 0
}

/**
 * What is wrong with the demo data, checked with the domain's own schemas and rules (never throws; [] when all
 * is well): each procedure's form, documents, fee and texts, and a per-unit fee's unit field, which must be a
 * number field of the procedure's form.
 */
export function seedProblems(
  list: readonly SeedProcedure[] = procedures,
  forms: Readonly<Record<string, FormDefinition>> = procedureForms,
): string[] {
  const problems: string[] = []
  for (const p of list) {
    const form = parseFormDefinition(forms[p.code])
    if (!form.ok) problems.push(`Seed form of ${p.code} is invalid: ${form.errors.join('; ')}`)
    const docs = parseRequiredDocuments(p.documents)
    if (!docs.ok) problems.push(`Seed documents of ${p.code} are invalid: ${docs.errors.join('; ')}`)
    for (const [what, result] of [
      ['fee', feePolicySchema.safeParse(p.fee)],
      ['texts', procedureTextsSchema.safeParse(texts(p))],
    ] as const) {
      if (!result.success)
        problems.push(
          `Seed ${what} of ${p.code} is invalid: ${result.error.issues
            .map((issue) => `${formatPath(issue.path, what)}: ${issue.message}`)
            .join('; ')}`,
        )
    }
    const unit = form.ok ? unitFieldProblem(p.fee, form.definition) : null
    if (unit)
      problems.push(
        `Seed fee of ${p.code} is per unit of "${unit.unitField}", which is not a number field of its form`,
      )
  }
  return problems
}

function texts(p: SeedProcedure) {
  return {
    summary: p.summary,
    applicantType: p.applicantType,
    steps: p.steps,
    conditions: p.conditions,
    result: p.result,
    legalBasis: p.legalBasis,
    channels: p.channels,
  }
}

const demoAgencyCodes = agencies.map((a) => a.code)

/**
 * Idempotent: running it again changes nothing that exists (accounts keep their passwords, procedures that an
 * administrator edited keep their edits); it only adds what is missing. `signing: false` leaves the agencies'
 * signing credentials to `seedDemoSigning` (the server's start runs it beside the other seeds).
 */
export async function seedDemo(
  db: Kysely<Database>,
  hashPassword: (p: string) => Promise<string>,
  options: { signing?: boolean } = {},
) {
  // The data is validated before anything is written: bad demo data stops the seed with the exact errors.
  const problems = seedProblems()
  if (problems.length) throw new Error(problems.join('\n'))
  const signing = options.signing !== false
  // The signing keys (on a first seed) are made on the thread pool while the rows below are written.
  const signingKeys = signing ? await beginSigningKeys(db, demoAgencyCodes) : null
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent seeders (two app processes starting at once).
    await sql`SELECT pg_advisory_xact_lock(hashtext('portal:seed'))`.execute(trx)

    for (const a of agencies) {
      const parent = a.parentCode
        ? await trx
            .selectFrom('agencies')
            .select('id')
            .where('code', '=', a.parentCode)
            .executeTakeFirstOrThrow()
        : null
      await trx
        .insertInto('agencies')
        .values({
          code: a.code,
          name_vi: a.name.vi,
          name_en: a.name.en,
          parent_id: parent?.id ?? null,
          address_vi: a.address.vi,
          address_en: a.address.en,
          phone: a.phone,
          email: a.email,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
    }
    await fillParentAuthorities(trx)
    const agencyIds = new Map(
      (await trx.selectFrom('agencies').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    )

    let newProcedures = 0
    for (const p of procedures) {
      const inserted = await trx
        .insertInto('procedures')
        .values({
          code: p.code,
          agency_id: agencyIds.get(p.agencyCode)!,
          level: p.level,
          field_vi: p.field.vi,
          field_en: p.field.en,
          name_vi: p.name.vi,
          name_en: p.name.en,
          processing_days: p.processingDays,
          delivery: p.delivery,
          fee_policy: JSON.stringify(p.fee),
          fee_amount: headlineFee(p.fee),
          texts: JSON.stringify(texts(p)),
          published: true,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (!inserted) continue
      newProcedures++
      await trx
        .insertInto('procedure_versions')
        .values({
          procedure_id: inserted.id,
          version: 1,
          form: JSON.stringify(procedureForms[p.code]),
          documents: JSON.stringify(p.documents),
          result_kind: p.resultKind ?? null,
          result: procedureResults[p.code] ? JSON.stringify(procedureResults[p.code]) : null,
          published_at: new Date(),
        })
        .execute()
    }

    // Days off first: a make-up day references the day off it replaces.
    for (const h of [...holidays].sort(
      (a, b) => Number(a.kind === 'working') - Number(b.kind === 'working'),
    )) {
      await trx
        .insertInto('holidays')
        .values({
          date: h.date,
          name_vi: h.name.vi,
          name_en: h.name.en,
          kind: h.kind ?? 'off',
          replaces: h.replaces ?? null,
          basis: h.basis,
        })
        .onConflict((oc) => oc.column('date').doNothing())
        .execute()
    }

    const existing = new Set(
      (
        await trx
          .selectFrom('users')
          .select('email')
          .where('email', 'in', [demoCitizen.email, ...demoStaff.map((s) => s.email)])
          .execute()
      ).map((r) => r.email),
    )
    let newUsers = 0
    if (!existing.has(demoCitizen.email)) {
      await trx
        .insertInto('users')
        .values({
          kind: 'citizen',
          email: demoCitizen.email,
          full_name: demoCitizen.fullName,
          phone: demoCitizen.phone,
          citizen_id: demoCitizen.citizenId,
          password_hash: await hashPassword(demoPasswords.citizen),
        })
        .execute()
      newUsers++
    }
    const staffHash = demoStaff.some((s) => !existing.has(s.email))
      ? await hashPassword(demoPasswords.staff)
      : ''
    for (const s of demoStaff) {
      if (existing.has(s.email)) continue
      const user = await trx
        .insertInto('users')
        .values({ kind: 'staff', email: s.email, full_name: s.fullName, password_hash: staffHash })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('staff_roles')
        .values({ user_id: user.id, agency_id: agencyIds.get(s.agency)!, role: s.role })
        .onConflict((oc) => oc.doNothing())
        .execute()
      newUsers++
    }
    // Each demo agency's signing certificate under a demo root (results are signed out of the box).
    if (signing) await seedSigning(trx, demoAgencyCodes, new Date(), signingKeys)
    return { agencies: agencies.length, newProcedures, holidays: holidays.length, newUsers }
  })
}

/**
 * The demo agencies' signing credentials under a new demo root (once; `seedDemo` first, for the agencies), with
 * keys begun by `startDemoSigningKeys` when given.
 */
export function seedDemoSigning(db: Kysely<Database>, keys?: SigningKeys | null) {
  // One transaction: a root without its agencies' credentials would stay so (a root found means done).
  return db.transaction().execute((trx) => seedSigning(trx, demoAgencyCodes, new Date(), keys))
}

/** Begins the keys `seedDemoSigning` needs (on the thread pool), for a database known to have none yet. */
export const startDemoSigningKeys = (): SigningKeys => startSigningKeys(demoAgencyCodes.length)

/**
 * The rest of the city's catalogue (./city-catalogue.ts): its agencies and about 2,000 procedures listed for
 * information only (`online` false: no e-form, dossiers at the counter). Idempotent like `seedDemo` (by code);
 * set-based (a few multi-row inserts), well under a second. Needs `seedDemo` first (the city committee is the parent).
 */
export async function seedCityCatalogue(
  db: Kysely<Database>,
): Promise<{ agencies: number; newProcedures: number }> {
  const generated = generateCityCatalogue()
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('portal:seed'))`.execute(trx)
    let newAgencies = 0
    for (const a of cityAgencies) {
      const inserted = await trx
        .insertInto('agencies')
        .values((eb) => ({
          code: a.code,
          name_vi: a.name.vi,
          name_en: a.name.en,
          parent_id: a.parentCode
            ? eb.selectFrom('agencies').select('id').where('code', '=', a.parentCode)
            : null,
          address_vi: a.address.vi,
          address_en: a.address.en,
          phone: a.phone,
          email: a.email,
        }))
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted) newAgencies++
    }
    await fillParentAuthorities(trx)
    const agencyIds = new Map(
      (await trx.selectFrom('agencies').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    )
    // A restart finds them all: nothing to send (and no catalogue-version bump, which would empty every cache).
    const known = new Set(
      (await trx.selectFrom('procedures').select('code').where('online', '=', false).execute()).map(
        (r) => r.code,
      ),
    )
    const missing = generated.filter((p) => !known.has(p.code))
    let newProcedures = 0
    for (let i = 0; i < missing.length; i += 500) {
      const rows = missing.slice(i, i + 500).map((p) => ({
        code: p.code,
        agency_id: agencyIds.get(p.agencyCode)!,
        level: 3 as const,
        online: false,
        field_vi: p.field.vi,
        field_en: p.field.en,
        name_vi: p.name.vi,
        name_en: p.name.en,
        processing_days: p.processingDays,
        delivery: p.delivery,
        fee_policy: JSON.stringify(p.fee),
        fee_amount: headlineFee(p.fee),
        texts: JSON.stringify(p.texts),
        published: true,
      }))
      const inserted = await trx
        .insertInto('procedures')
        .values(rows)
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .execute()
      newProcedures += inserted.length
    }
    return { agencies: newAgencies, newProcedures }
  })
}

/** What is wrong with the generated catalogue, checked with the domain's schemas ([] when all is well). */
export function cityCatalogueProblems(): string[] {
  const problems: string[] = []
  for (const p of generateCityCatalogue()) {
    const fee = feePolicySchema.safeParse(p.fee)
    if (!fee.success) problems.push(`Generated fee of ${p.code} is invalid: ${fee.error.message}`)
    const texts = procedureTextsSchema.safeParse(p.texts)
    if (!texts.success) problems.push(`Generated texts of ${p.code} are invalid: ${texts.error.message}`)
  }
  return problems
}

/**
 * The line printed above an agency's name on the circular's forms (tên cơ quan chủ quản): its parent's name,
 * where nobody has set one. Idempotent: an administrator's own value is never overwritten.
 */
async function fillParentAuthorities(trx: Kysely<Database>) {
  // Asked first: any UPDATE of agencies bumps the catalogue version (every server's cache), even of no row.
  const missing = await trx
    .selectFrom('agencies')
    .select('id')
    .where('parent_id', 'is not', null)
    .where('parent_authority_vi', 'is', null)
    .limit(1)
    .executeTakeFirst()
  if (!missing) return
  await sql`UPDATE agencies a SET parent_authority_vi = p.name_vi, parent_authority_en = p.name_en
    FROM agencies p WHERE p.id = a.parent_id AND a.parent_authority_vi IS NULL`.execute(trx)
}
