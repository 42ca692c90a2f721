import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { startDraft, saveSection, saveDelivery } from '../../app/modules/dossiers/drafts.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { allFields } from '../../app/modules/forms/definition'
import type { FormDefinition } from '../../app/modules/forms/definition'

let seq = 0
/** A citizen with unique email, phone and citizen id (the password hash is a placeholder: no login). */
export async function createCitizen(db: Kysely<Database>, name = 'Công dân Thử', passwordHash = 'x') {
  const n = `${process.pid}${Date.now()}${seq++}`.slice(-8)
  return db
    .insertInto('users')
    .values({
      kind: 'citizen',
      email: `cd${n}.${seq}@example.vn`,
      full_name: name,
      phone: `09${n}`,
      citizen_id: `0790${n}`,
      password_hash: passwordHash,
    })
    .returning(['id', 'email', 'phone', 'citizen_id'])
    .executeTakeFirstOrThrow()
}

export const JUDICIAL = '2.001417.000.00.00.H56'
export const BUILDING = '1.009994.000.00.00.H56'

/** Valid answers for every field of the judicial-record form (as the seed defines it). */
export const judicialAnswers = {
  fullName: 'Nguyễn Thị Mai',
  sex: 'female',
  dateOfBirth: '1990-05-12',
  placeOfBirth: 'Hà Nội',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  citizenId: '001190012345',
  phone: '0912345678',
  permanentAddress: { province: 'Hà Nội', district: 'Ba Đình', ward: 'Phúc Xá', street: '12 Hàng Gà' },
  certificateType: '2',
  purpose: 'Xin việc',
  copies: 1,
  reducedFee: 'none',
}

/**
 * A complete draft of the judicial-record procedure for `applicantId`: every section saved, a file recorded for
 * each required document (rows only; storage is not needed to submit), delivery chosen. Returns the procedure.
 */
export async function completeJudicialDraft(db: Kysely<Database>, applicantId: string) {
  const procedure = (await getProcedure(db, JUDICIAL))!
  const draftId = await startDraft(db, applicantId, procedure)
  const form = procedure.form as FormDefinition
  for (const section of form.sections) {
    const keys = allFields({ sections: [section] }).map((f) => f.key)
    const values = Object.fromEntries(Object.entries(judicialAnswers).filter(([k]) => keys.includes(k)))
    await saveSection(db, draftId, applicantId, { key: section.key, fieldKeys: keys }, values)
  }
  for (const doc of procedure.documents.filter((d) => d.required)) {
    await db
      .insertInto('dossier_files')
      .values({
        dossier_id: draftId,
        requirement_key: doc.key,
        original_name: `${doc.key}.pdf`,
        mime: 'application/pdf',
        size: 10,
        sha256: '0'.repeat(64),
        storage_key: `test/${randomUUID()}`,
        uploaded_by: applicantId,
      })
      .execute()
  }
  await saveDelivery(db, draftId, applicantId, 'online', null)
  return { procedure, draftId }
}

/**
 * A judicial-record dossier of `applicantId`, submitted (`submitDraft`, as the citizen's check page does) with its
 * fee marked paid: the state most officer-side tests start from, before the `pay` transition.
 */
export async function submittedPaidJudicial(db: Kysely<Database>, applicantId: string) {
  const { procedure, draftId } = await completeJudicialDraft(db, applicantId)
  const { code } = await submitDraft(db, {
    applicantId,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
  })
  await db
    .updateTable('fees')
    .set({ status: 'paid', paid_at: new Date() })
    .where('dossier_id', '=', draftId)
    .execute()
  return { procedure, draftId, code }
}
