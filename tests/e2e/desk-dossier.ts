import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { pdf } from './journeys'

/**
 * A judicial-record dossier of a new applicant at Sở Tư pháp, waiting for reception (its fee paid), whose required
 * documents are real PDFs in the e2e server's storage: what the officer's desk previews and checks. Made through
 * the same factories as the integration tests, so nothing is clicked through that is not the point.
 */
export async function deskDossier(
  db: Kysely<Database>,
): Promise<{ code: string; files: { id: string; key: string }[] }> {
  const { completeJudicialDraft, createCitizen } = await import('../setup/factories')
  const { submitDraft } = await import('../../app/modules/dossiers/submit.server')
  const applicant = await createCitizen(db, 'Trần Thị Bàn')
  const { procedure, draftId } = await completeJudicialDraft(db, applicant.id)
  const { code } = await submitDraft(db, {
    applicantId: applicant.id,
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
  await db.updateTable('dossiers').set({ status: 'submitted' }).where('id', '=', draftId).execute()
  const files = await db
    .selectFrom('dossier_files')
    .select(['id', 'requirement_key'])
    .where('dossier_id', '=', draftId)
    .orderBy('created_at')
    .execute()
  const root = path.resolve('.data/e2e-uploads')
  for (const f of files) {
    const key = `dossiers/e2e-desk-${randomUUID()}`
    await mkdir(path.join(root, 'dossiers'), { recursive: true })
    await writeFile(path.join(root, ...key.split('/')), pdf)
    await db
      .updateTable('dossier_files')
      .set({ storage_key: key, size: pdf.length })
      .where('id', '=', f.id)
      .execute()
  }
  return { code: code!, files: files.map((f) => ({ id: f.id, key: f.requirement_key })) }
}
