import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import { ensureDatabase, freePort, startEmbedded, withDatabase, type EmbeddedServer } from '../../db/embedded'
import { createTestDb } from '../setup/db'
import { createCitizen } from '../setup/factories'
import { startTestApp } from '../setup/http'
import { eventually, probe, sendJob, startProcess } from '../setup/start-process'

/**
 * Readiness (`/readyz`: database, migrations exactly this code's, storage) apart from liveness (`/healthz`), on
 * the real app over HTTP; and both while a PostgreSQL of this test's own is stopped and started again under a
 * running portal (web and worker in one process): 503 quickly meanwhile, then ready again without a restart, the
 * job queue working again.
 */
type ReadyBody = { status: string; checks: Record<string, { status: string; reason?: string; ms: number }> }

describe('/readyz on the app', () => {
  let t: Awaited<ReturnType<typeof createTestDb>>
  let app: Awaited<ReturnType<typeof startTestApp>>
  beforeAll(async () => {
    t = await createTestDb()
    app = await startTestApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.drop()
  })
  const get = async (pathname: string) => {
    const res = await fetch(`${app.baseUrl}${pathname}`)
    return { res, body: (await res.json()) as ReadyBody }
  }

  it('answers 200 with each check by name, never stored, no ETag; /healthz keeps {status:"ok"}', async () => {
    const { res, body } = await get('/readyz')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('etag')).toBeNull()
    expect(body.status).toBe('ok')
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'migrations', 'storage'])
    for (const check of Object.values(body.checks)) expect(check.status).toBe('ok')
    const health = await get('/healthz')
    expect(health.res.status).toBe(200)
    expect(health.body).toEqual({ status: 'ok' })
    expect(health.res.headers.get('cache-control')).toBe('no-store')
  })

  it('503 naming "migrations" when one is pending or the database has one newer than the code', async () => {
    const [last] = (
      await sql<{
        name: string
        timestamp: string
      }>`SELECT name, timestamp FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(t.db)
    ).rows
    await sql`DELETE FROM kysely_migration WHERE name = ${last.name}`.execute(t.db)
    try {
      const { res, body } = await get('/readyz')
      expect(res.status).toBe(503)
      expect(body.status).toBe('unavailable')
      expect(body.checks.migrations).toMatchObject({ status: 'unavailable', reason: '1 pending' })
      expect(body.checks.database.status).toBe('ok')
      // liveness is not readiness: the process and its database are fine
      expect((await get('/healthz')).res.status).toBe(200)
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${last.name}, ${last.timestamp})`.execute(
        t.db,
      )
    }
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('2099-01-01T0000-next', now())`.execute(
      t.db,
    )
    try {
      const { res, body } = await get('/readyz')
      expect(res.status).toBe(503)
      expect(body.checks.migrations).toMatchObject({ status: 'unavailable', reason: '1 newer than the code' })
    } finally {
      await sql`DELETE FROM kysely_migration WHERE name = '2099-01-01T0000-next'`.execute(t.db)
    }
    expect((await get('/readyz')).res.status).toBe(200)
  })

  it('503 naming "storage" when the store cannot be written, without saying why in the public body', async () => {
    const root = (app.storage as unknown as { root: string }).root
    rmSync(root, { recursive: true, force: true })
    // A file where the folder should be: mkdir and write both fail, even for root.
    writeFileSync(root, 'not a folder')
    try {
      const { res, body } = await get('/readyz')
      expect(res.status).toBe(503)
      expect(body.checks.storage).toEqual({ status: 'unavailable', ms: expect.any(Number) })
      expect(JSON.stringify(body)).not.toContain(root)
      expect(body.checks.database.status).toBe('ok')
    } finally {
      rmSync(root, { force: true })
    }
    expect((await get('/readyz')).res.status).toBe(200)
  })

  it('503 for both at once when the database does not answer', async () => {
    const dead = createDb(`postgres://postgres@127.0.0.1:${await freePort()}/nothing`)
    const down = await startTestApp(dead)
    try {
      const ready = await fetch(`${down.baseUrl}/readyz`)
      expect(ready.status).toBe(503)
      const body = (await ready.json()) as ReadyBody
      expect(body.checks.database.status).toBe('unavailable')
      expect(body.checks.migrations.status).toBe('unavailable')
      expect(body.checks.storage.status).toBe('ok')
      expect((await fetch(`${down.baseUrl}/healthz`)).status).toBe(503)
    } finally {
      await down.close()
      await dead.destroy()
    }
  })
})

describe('PostgreSQL stopped and started again under a running portal', () => {
  let dir: string
  let pgPort: number
  let embedded: EmbeddedServer | null = null
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'portal-readyz-pg-'))
    chmodSync(dir, 0o755)
    pgPort = await freePort()
    embedded = await startEmbedded(path.join(dir, 'pg'), { port: pgPort })
    await ensureDatabase(embedded.adminUrl, 'portal')
  }, 120_000)
  afterAll(async () => {
    await embedded?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers 503 quickly on both meanwhile, then recovers by itself: ready again and the worker works jobs', async () => {
    const url = withDatabase(embedded!.adminUrl, 'portal')
    const port = await freePort()
    // An SMTP server that accepts and says nothing: a letter's job is still being worked when PostgreSQL goes.
    const smtpSockets: net.Socket[] = []
    const smtp = net.createServer((socket) => smtpSockets.push(socket))
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r))
    const smtpUrl = `smtp://127.0.0.1:${(smtp.address() as net.AddressInfo).port}`
    const portal = startProcess([], { DATABASE_URL: url, PORT: String(port), SMTP_URL: smtpUrl })
    try {
      await portal.waitFor(/job worker started/, 90_000)
      await portal.waitFor(/portal listening/, 30_000)
      expect((await probe(port, '/readyz'))?.status).toBe(200)
      const setup = createDb(url, { max: 1 })
      try {
        const user = await createCitizen(setup)
        await sendJob(url, 'notification-email', {
          kind: 'account_confirm',
          userId: user.id,
          idempotencyKey: `account_confirm:${user.id}:outage`,
          data: { token: 'outage-token', hours: 24 },
        })
      } finally {
        await setup.destroy()
      }
      await eventually(async () => smtpSockets.length > 0, 15_000, 'the worker connects to SMTP')

      await embedded!.stop()
      embedded = null
      // The letter fails now (SMTP hangs up) and pg-boss cannot record it: that must not end the worker.
      for (const socket of smtpSockets) socket.destroy()
      await portal.waitFor(/"event":"job_completion_lost"/, 10_000)
      const during: { health: number; ready: number; ms: number }[] = []
      for (let i = 0; i < 5; i++) {
        const [health, ready] = await Promise.all([probe(port, '/healthz'), probe(port, '/readyz')])
        expect(health, 'the web server answers while the database is down').not.toBeNull()
        expect(ready).not.toBeNull()
        during.push({ health: health!.status, ready: ready!.status, ms: Math.max(health!.ms, ready!.ms) })
        await new Promise((r) => setTimeout(r, 1000))
      }
      for (const d of during) {
        expect(d.health).toBe(503)
        expect(d.ready).toBe(503)
        expect(d.ms).toBeLessThan(2500)
      }
      // pg-boss's polls (which swallow their errors) and its lost completion have not ended the process.
      expect(portal.child.exitCode).toBeNull()

      embedded = await startEmbedded(path.join(dir, 'pg'), { port: pgPort })
      const back = await eventually(
        async () => {
          const ready = await probe(port, '/readyz')
          return ready?.status === 200 ? ready : null
        },
        30_000,
        '/readyz 200 after PostgreSQL came back',
      )
      expect((back.body as ReadyBody).checks.database.status).toBe('ok')
      expect((await probe(port, '/healthz'))?.body).toEqual({ status: 'ok' })
      // The worker took up its queue again: a job sent now is worked (a bad payload is dropped, i.e. completed).
      const id = await sendJob(url, 'notification-email', { kind: 'not-a-notification' })
      const db = createDb(url, { max: 1 })
      try {
        const state = await eventually(
          async () => {
            const row = (
              await sql<{ state: string }>`SELECT state FROM pgboss.job WHERE id = ${id}
                UNION ALL SELECT state FROM pgboss.archive WHERE id = ${id}`.execute(db)
            ).rows[0]
            return row?.state === 'completed' ? row.state : null
          },
          30_000,
          'the job worked after recovery',
        )
        expect(state).toBe('completed')
      } finally {
        await db.destroy()
      }
      expect(await portal.stop(), portal.output().slice(-2000)).toBe(0)
      console.log(
        `database down: /healthz and /readyz ${during.map((d) => `${d.health}/${d.ready} in ${Math.round(d.ms)} ms`).join(', ')}`,
      )
    } finally {
      if (portal.child.exitCode === null) portal.child.kill('SIGKILL')
      await portal.exited
      smtp.close()
    }
  }, 180_000)
})
