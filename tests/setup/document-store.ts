import { createHash, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { saveDelivery, saveSection, startDraft } from '../../app/modules/dossiers/drafts.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { allFields } from '../../app/modules/forms/definition'

/**
 * The document store's world (issue 15 §3), for the integration and browser tests: a driving-licence exchange
 * (1.002804, SGTVT, level 4) issues a driving licence, and a later exchange asks for the current licence — a
 * required document of the same kind (`driving_licence`), so the first result can be reused by the second.
 */
export const DRIVING = '1.002804.000.00.00.H56'

export const drivingAnswers: Record<string, unknown> = {
  holderFullName: 'Nguyễn Thị Mai',
  holderDateOfBirth: '1985-01-20',
  holderCitizenId: '079185001234',
  holderPhone: '0912345678',
  licenceNumber: '790123456789',
  licenceClass: 'B',
  issuingAuthority: 'Sở Giao thông vận tải TP. Hồ Chí Minh',
  issueDate: '2016-05-10',
  reason: 'expiring',
  healthCertificateNeeded: 'no',
}

export const samplePdf = (label: string) =>
  Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`)

/** A driving-licence draft of `applicantId` with every e-form section saved and online delivery chosen. */
export async function drivingDraft(db: Kysely<Database>, applicantId: string) {
  const procedure = (await getProcedure(db, DRIVING))!
  const draftId = await startDraft(db, applicantId, procedure)
  for (const section of procedure.form.sections) {
    const keys = allFields({ sections: [section] }).map((f) => f.key)
    const values = Object.fromEntries(Object.entries(drivingAnswers).filter(([k]) => keys.includes(k)))
    await saveSection(db, draftId, applicantId, { key: section.key, fieldKeys: keys }, values)
  }
  await saveDelivery(db, draftId, applicantId, 'online', null)
  return { procedure, draftId }
}

type Put = (key: string, bytes: Buffer) => Promise<void>

/** A file row of `dossierId` whose bytes are put in storage under a fresh key. */
export async function storedFile(
  db: Kysely<Database>,
  put: Put,
  input: { dossierId: string; key: string; name: string; uploadedBy: string; bytes: Buffer },
) {
  const storageKey = `dossiers/test/${randomUUID()}`
  await put(storageKey, input.bytes)
  return db
    .insertInto('dossier_files')
    .values({
      dossier_id: input.dossierId,
      requirement_key: input.key,
      original_name: input.name,
      mime: 'application/pdf',
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      storage_key: storageKey,
      uploaded_by: input.uploadedBy,
    })
    .returning(['id', 'storage_key'])
    .executeTakeFirstOrThrow()
}

/**
 * A driving-licence dossier of `applicantId`, filed, and completed with its result (the new licence) approved and
 * returned online: the state the workflow leaves it in, set in the database (the officers' steps are tested
 * elsewhere). Returns its code and the result's file row.
 */
export async function issuedLicence(db: Kysely<Database>, put: Put, applicantId: string) {
  const { procedure, draftId } = await drivingDraft(db, applicantId)
  for (const doc of procedure.documents.filter((d) => d.required))
    await storedFile(db, put, {
      dossierId: draftId,
      key: doc.key,
      name: `${doc.key}.pdf`,
      uploadedBy: applicantId,
      bytes: samplePdf(doc.key),
    })
  const { code } = await submitDraft(db, {
    applicantId,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
  })
  await db
    .updateTable('fees')
    .set({ status: 'paid', paid_at: new Date(), paid_method: 'counter' })
    .where('dossier_id', '=', draftId)
    .execute()
  const approvedAt = new Date(Date.now() - 60 * 60 * 1000)
  const result = await storedFile(db, put, {
    dossierId: draftId,
    key: 'result',
    name: 'giay-phep-lai-xe.pdf',
    uploadedBy: applicantId,
    bytes: samplePdf('result'),
  })
  await db
    .insertInto('dossier_events')
    .values({
      dossier_id: draftId,
      actor_id: null,
      actor_role: 'approver',
      action: 'approve',
      from_status: 'awaiting_approval',
      to_status: 'result_ready',
      data: JSON.stringify({ resultReadyAt: approvedAt }),
      at: approvedAt,
    })
    .execute()
  await db
    .updateTable('dossiers')
    .set({ status: 'completed', received_at: approvedAt, completed_at: new Date() })
    .where('id', '=', draftId)
    .execute()
  return { code: code!, dossierId: draftId, result }
}
