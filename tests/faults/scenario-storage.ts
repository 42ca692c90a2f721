import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { createStorage } from '../../app/modules/files/storage-config.server'
import { parseEnv } from '../../app/utils/env.server'
import { judicialAnswers } from '../setup/factories'
import { portalProcess } from '../setup/portal-process'
import { startS3Server } from '../setup/s3-server'
import {
  freshDatabase,
  log,
  prepareDrafts,
  runDriver,
  statusOf,
  type Failures,
  type PreparedDraft,
} from './harness'
import { pdfFor, type DriverRecord } from './load-driver'

/**
 * (d) The S3-compatible server stops between two waves of concurrent uploads, and comes back for a third. While
 * it is down every upload must be refused with the translated "store unavailable, your answers are kept" message
 * (503, nothing stored, no row), `/readyz` must say 503 and `/healthz` 200, and the drafts must keep every answer;
 * once it is back, the same citizens' uploads must land, byte for byte.
 */
export async function storageDown({ adminUrl, failures }: { adminUrl: string; failures: Failures }) {
  const database = await freshDatabase(adminUrl, 'storage')
  const s3 = await startS3Server()
  const web = await portalProcess('web', { DATABASE_URL: database.url, ...s3.env })
  const store = createStorage(parseEnv({ NODE_ENV: 'test', ...s3.env }))
  const locale = JSON.parse(readFileSync('locales/vi/dossier.json', 'utf8')) as {
    documents: { errors: { storage: string } }
  }
  const message = locale.documents.errors.storage
  try {
    await web.start()
    const { drafts, documentKeys, procedureCode } = await prepareDrafts(database.db, 30)
    const first = drafts.slice(0, 10)
    const rest = drafts.slice(10)
    const wave = (citizens: PreparedDraft[]) =>
      runDriver({
        mode: 'upload',
        baseUrl: web.url,
        procedureCode,
        documentKeys,
        citizens,
        users: 10,
        deadlineMs: Date.now() + 60_000,
        expectText: message,
      })
    const answersOf = async (list: PreparedDraft[]) =>
      (
        await database.db
          .selectFrom('dossiers')
          .select(['id', 'form_data'])
          .where(
            'id',
            'in',
            list.map((d) => d.draftId),
          )
          .orderBy('id')
          .execute()
      ).map((d) => JSON.stringify(d.form_data))

    const up = await wave(first)
    await s3.stop()
    const answersBefore = await answersOf(rest)
    const [readyz, healthz] = [await statusOf(`${web.url}/readyz`), await statusOf(`${web.url}/healthz`)]
    const down = await wave(rest)
    const answersAfter = await answersOf(rest)
    const rowsWhileDown = await database.db
      .selectFrom('dossier_files')
      .select('id')
      .where(
        'dossier_id',
        'in',
        rest.map((d) => d.draftId),
      )
      .execute()
    // The draft's pages still show what was entered.
    const checkPage = await fetch(`${web.url}/procedures/${encodeURIComponent(procedureCode)}/apply/check`, {
      headers: { cookie: rest[0].cookie },
    })
    const checkHtml = await checkPage.text()
    await s3.restart()
    const back = await wave(rest)

    const found = async (list: PreparedDraft[], records: DriverRecord[]) => {
      let n = 0
      for (const record of records.filter((r) => r.acknowledged)) {
        const rows = await database.db
          .selectFrom('dossier_files')
          .select(['requirement_key', 'storage_key'])
          .where('dossier_id', '=', list[record.i].draftId)
          .execute()
        let ok = rows.length === documentKeys.length
        for (const row of rows) {
          const bytes = await store
            .get(row.storage_key)
            .then((s: Readable) => buffer(s))
            .catch(() => null)
          if (!bytes?.equals(pdfFor(`${record.i}-${row.requirement_key}`))) ok = false
        }
        if (ok) n++
      }
      return n
    }
    const sent = up.length + down.length + back.length
    const acknowledged = [...up, ...down, ...back].filter((r) => r.acknowledged).length
    const foundCount = (await found(first, up)) + (await found(rest, back))
    const refused = down.filter(
      (r) => r.status === 503 && r.uploadError === 'dossier:documents.errors.storage',
    )
    log(
      `   sent ${sent} · acknowledged ${acknowledged} · found ${foundCount} (uploads, in three waves of ${up.length}, ${down.length}, ${back.length})`,
    )
    log(
      `   while S3 was down: ${refused.length} of ${down.length} refused with 503 and the message, ${down.filter((r) => r.hasText).length} pages showing it; /readyz ${readyz}, /healthz ${healthz}; rows written ${rowsWhileDown.length}`,
    )
    failures.check(
      up.every((r) => r.status === 302),
      'before the outage every upload landed',
    )
    failures.check(
      refused.length === down.length,
      'while down, every upload was refused: 503 with the store message',
    )
    failures.check(
      down.every((r) => r.hasText),
      'the page says so in Vietnamese ("Kho lưu trữ hồ sơ tạm thời không hoạt động…")',
    )
    failures.check(readyz === 503 && healthz === 200, '/readyz said 503 (storage), /healthz stayed 200')
    failures.check(rowsWhileDown.length === 0, 'no file row was written while the store was down')
    failures.check(
      answersAfter.length === rest.length && answersAfter.every((a, i) => a === answersBefore[i]),
      'every draft kept its answers',
    )
    failures.check(
      checkPage.status === 200 && checkHtml.includes(judicialAnswers.fullName),
      'the check page still shows the answers',
    )
    failures.check(
      back.every((r) => r.status === 302),
      'after the restart every upload landed',
    )
    failures.check(foundCount === acknowledged, 'every acknowledged upload is in the bucket, byte for byte')
  } finally {
    await web.stop()
    await s3.close()
    await database.drop()
  }
}
