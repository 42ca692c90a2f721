import { readFile, rm } from 'node:fs/promises'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cleanOrphans } from '../../app/modules/files/cleanup.server'
import { LocalFolderStorage } from '../../app/modules/files/storage.server'
import { portalProcess } from '../setup/portal-process'
import {
  checkSubmissions,
  folderObjects,
  freshDatabase,
  log,
  prepareDrafts,
  runDriver,
  sleep,
  type Failures,
} from './harness'

/**
 * (a) The web server is killed (SIGKILL: no draining, requests cut mid-body, transactions mid-flight) twice during
 * a load of submissions and started again on the same port. Every submission that got its confirmation must be
 * there exactly once with all its files; no dossier past draft may lack a file, no row may point at nothing, and
 * no object may be left without its row.
 */
export async function killWebServer({ adminUrl, failures }: { adminUrl: string; failures: Failures }) {
  const database = await freshDatabase(adminUrl, 'kill')
  const store = mkdtempSync(path.join(os.tmpdir(), 'portal-faults-store-'))
  const web = await portalProcess('web', { DATABASE_URL: database.url, STORAGE_DIR: store })
  try {
    await web.start()
    const { drafts, documentKeys, procedureCode } = await prepareDrafts(database.db, 60)
    const kills: number[] = []
    let busy = false
    const strike = async () => {
      busy = true
      kills.push(Date.now())
      await web.kill('SIGKILL')
      await sleep(500)
      await web.start()
      busy = false
    }
    const records = await runDriver(
      {
        mode: 'submit',
        baseUrl: web.url,
        procedureCode,
        documentKeys,
        citizens: drafts,
        users: 12,
        deadlineMs: Date.now() + 90_000,
        retryMs: 250,
        thinkMs: 150,
      },
      (acks) => {
        if (!busy && (acks === 8 || acks === 30)) void strike()
      },
    )
    while (busy) await sleep(100)
    const before = folderObjects(store)
    // A kill between an object's write and its row's commit leaves an orphan object by design (the row is the
    // truth, attachments.server.ts); the worker's hourly cleanup deletes those. Run it now, with no grace: the
    // load is over, so nothing unreferenced is still being written.
    const cleanup = await cleanOrphans(database.db, new LocalFolderStorage(store, { tempGraceMs: 0 }), {
      graceMs: 0,
    })
    const { keys, temps } = folderObjects(store)
    const counts = await checkSubmissions(database.db, drafts, records, documentKeys, keys, (key) =>
      readFile(path.join(store, key)).catch(() => null),
    )
    const orphansBefore = before.keys.length - keys.length
    log(
      `   sent ${counts.sent} · acknowledged ${counts.acknowledged} · found ${counts.found}` +
        ` (retried after a cut: ${counts.retried}; kills: ${kills.length})`,
    )
    log(
      `   half-written dossiers ${counts.halfWritten} · duplicates ${counts.duplicates} · rows without object ${counts.missingObjects}` +
        ` · orphan objects after the kills ${orphansBefore} (+${before.temps.length} temp files), deleted by the cleanup ${cleanup.deleted}, left ${counts.orphans} (+${temps.length})`,
    )
    failures.check(kills.length === 2, 'the web server was killed twice mid-load and restarted')
    failures.check(counts.retried > 0, 'the kills cut requests in flight (some were sent again)')
    failures.check(counts.acknowledged > 0, 'submissions were acknowledged')
    failures.check(
      counts.found === counts.acknowledged,
      'every acknowledged submission is found with all its files',
    )
    failures.check(counts.duplicates === 0, 'no citizen has two dossiers (one token, one dossier)')
    failures.check(counts.halfWritten === 0, 'no dossier past draft lacks a document')
    failures.check(counts.missingObjects === 0, 'no file row points at a missing object')
    failures.check(cleanup.deleted === orphansBefore, 'the cleanup deleted exactly the unreferenced objects')
    failures.check(counts.orphans === 0 && temps.length === 0, 'no stored object is left without its row')
  } finally {
    await web.stop()
    await database.drop()
    await rm(store, { recursive: true, force: true })
  }
}
