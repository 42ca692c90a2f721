import { mkdtempSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { freePort, startEmbedded, type EmbeddedServer } from '../../db/embedded'
import { portalProcess } from '../setup/portal-process'
import {
  checkSubmissions,
  folderObjects,
  freshDatabase,
  log,
  prepareDrafts,
  runDriver,
  sleep,
  statusOf,
  type Failures,
} from './harness'

/**
 * (b) PostgreSQL is stopped during a load of submissions and started again seconds later (an embedded server of
 * this suite's own on a spare port — never the machine's shared one). Meanwhile `/healthz` and `/readyz` must say
 * 503 on the web server; afterwards the web server and the worker must serve again without being restarted, and
 * no acknowledged submission may be missing.
 */
export async function restartPostgres({ failures }: { adminUrl: string; failures: Failures }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-faults-pg-'))
  const port = await freePort()
  let pg: EmbeddedServer = await startEmbedded(dataDir, { port })
  const database = await freshDatabase(pg.adminUrl, 'pg')
  const store = mkdtempSync(path.join(os.tmpdir(), 'portal-faults-store-'))
  const env = { DATABASE_URL: database.url, STORAGE_DIR: store }
  const web = await portalProcess('web', env)
  const worker = await portalProcess('worker', { ...env, LOG_LEVEL: 'info' })
  try {
    await Promise.all([web.start(), worker.start()])
    const { drafts, documentKeys, procedureCode } = await prepareDrafts(database.db, 60)
    const probes: { at: 'down' | 'up'; healthz: number; readyz: number }[] = []
    let outage: Promise<void> | null = null
    let downMs = 0
    let upAt = Infinity
    const restart = async () => {
      await pg.stop()
      const t0 = Date.now()
      // Down for a few seconds: the checks answer meanwhile.
      while (Date.now() - t0 < 4000) {
        const [healthz, readyz] = await Promise.all([
          statusOf(`${web.url}/healthz`),
          statusOf(`${web.url}/readyz`),
        ])
        probes.push({ at: 'down', healthz, readyz })
        await sleep(300)
      }
      pg = await startEmbedded(dataDir, { port })
      downMs = Date.now() - t0
      upAt = Date.now()
    }
    const records = await runDriver(
      {
        mode: 'submit',
        baseUrl: web.url,
        procedureCode,
        documentKeys,
        citizens: drafts,
        users: 10,
        deadlineMs: Date.now() + 90_000,
        retryMs: 400,
        thinkMs: 150,
      },
      (acks) => {
        if (acks === 10) outage = restart()
      },
    )
    if (outage) await outage
    // Back without a restart of ours: the same processes answer again.
    let recovered = false
    for (let i = 0; i < 60 && !recovered; i++) {
      const [healthz, readyz] = await Promise.all([
        statusOf(`${web.url}/healthz`),
        statusOf(`${web.url}/readyz`),
      ])
      probes.push({ at: 'up', healthz, readyz })
      recovered = healthz === 200 && readyz === 200
      if (!recovered) await sleep(250)
    }
    const { keys } = folderObjects(store)
    // The suite's own pool lived through the restart too (its idle connections were replaced).
    const counts = await checkSubmissions(database.db, drafts, records, documentKeys, keys, (key) =>
      readFile(path.join(store, key)).catch(() => null),
    )
    const down = probes.filter((p) => p.at === 'down')
    log(
      `   sent ${counts.sent} · acknowledged ${counts.acknowledged} · found ${counts.found}` +
        ` (retried: ${counts.retried}; PostgreSQL down ${(downMs / 1000).toFixed(1)} s)`,
    )
    log(
      `   while down: /healthz ${summary(down.map((p) => p.healthz))} · /readyz ${summary(down.map((p) => p.readyz))}`,
    )
    log(
      `   half-written dossiers ${counts.halfWritten} · duplicates ${counts.duplicates} · rows without object ${counts.missingObjects} · orphan objects ${counts.orphans}`,
    )
    failures.check(
      down.length > 0 && down.every((p) => p.healthz === 503),
      '/healthz answered 503 while PostgreSQL was down',
    )
    failures.check(
      down.length > 0 && down.every((p) => p.readyz === 503),
      '/readyz answered 503 while PostgreSQL was down',
    )
    failures.check(recovered, '/healthz and /readyz answer 200 again after the restart')
    for (const p of [web, worker])
      if (!p.running()) log(`   the ${p.role} process died; its last words:\n${p.log().slice(-2500)}`)
    failures.check(
      web.running() && worker.running(),
      'the web server and the worker lived through it (no restart)',
    )
    failures.check(counts.retried > 0, 'the outage failed requests in flight (they were sent again)')
    failures.check(counts.acknowledged > 0, 'submissions were acknowledged')
    failures.check(counts.found === counts.acknowledged, 'no acknowledged submission was lost')
    failures.check(
      counts.duplicates === 0 && counts.halfWritten === 0,
      'no duplicate, no half-written dossier',
    )
    failures.check(counts.missingObjects === 0, 'no file row points at a missing object')
    // An outage between an object's write and its row's commit leaves an orphan for the cleanup job, by design
    // (attachments.server.ts): counted above, not a lost write.
    // Letters go out one by one (the notification worker's pace); wait for one acknowledged after the restart.
    const after = records.filter((r) => r.acknowledged && r.ackedAt! > upAt).map((r) => drafts[r.i].email)
    const all = records.filter((r) => r.acknowledged).map((r) => drafts[r.i].email)
    const letters = await lettersUntil(database.db, all, after)
    if (process.env.FAULTS_DEBUG) log(worker.log().slice(-3000))
    log(
      `   letters so far: ${letters.letters} to ${letters.addressed} of ${all.length} acknowledged citizens` +
        ` (${letters.afterRestart} of them acknowledged after the restart)`,
    )
    failures.check(
      letters.afterRestart > 0,
      'the worker (its job queue reconnected) sends letters after the restart',
    )
    failures.check(letters.letters === letters.addressed, 'no letter was sent twice')
  } finally {
    await Promise.all([web.stop(), worker.stop()])
    await database.drop()
    await pg.stop()
    await rm(dataDir, { recursive: true, force: true })
    await rm(store, { recursive: true, force: true })
  }
}

const summary = (statuses: number[]) => {
  const counts = new Map<number, number>()
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1)
  return [...counts].map(([s, n]) => `${s}×${n}`).join(' ') || 'none'
}

/** Waits (up to 40 s) until one of `after` got its letter; counts the letters to `all` (twice-sent ones twice). */
async function lettersUntil(
  db: Awaited<ReturnType<typeof freshDatabase>>['db'],
  all: string[],
  after: string[],
) {
  let rows: { to_address: string }[] = []
  for (let i = 0; i < 80; i++) {
    rows = all.length
      ? await db.selectFrom('mailbox').select('to_address').where('to_address', 'in', all).execute()
      : []
    if (rows.some((r) => after.includes(r.to_address))) break
    await sleep(500)
  }
  return {
    addressed: new Set(rows.map((r) => r.to_address)).size,
    letters: rows.length,
    afterRestart: new Set(rows.filter((r) => after.includes(r.to_address)).map((r) => r.to_address)).size,
  }
}
