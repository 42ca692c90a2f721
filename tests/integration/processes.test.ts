import net from 'node:net'
import { sql } from 'kysely'
import PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../db/embedded'
import { createTestDb } from '../setup/db'
import { eventually, probe, sendJob, startProcess, type StartedProcess } from '../setup/start-process'

/**
 * The processes apart (issue 14 §2), as an operator runs them: `tsx app/server/start.ts web` serves HTTP and never
 * works a job nor runs a schedule; `… worker` works the jobs and runs the schedules and listens on nothing; and
 * however many workers run, one tick of a schedule makes one job (pg-boss 10: every instance's cron monitor first
 * claims the tick with a conditional UPDATE of pgboss.version.cron_on, and the job it queues for the tick carries
 * a singleton key and a 60 s singleton slot, so a second evaluation of the same minute inserts nothing).
 */
let t: Awaited<ReturnType<typeof createTestDb>>
const running: StartedProcess[] = []
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL')
  await Promise.all(running.map((p) => p.exited))
  await t?.drop()
})

function start(role: 'web' | 'worker', port: number) {
  const p = startProcess([role], { DATABASE_URL: t.url, PORT: String(port) })
  running.push(p)
  return p
}

const jobState = async (id: string) =>
  (
    await sql<{ state: string }>`SELECT state::text FROM pgboss.job WHERE id = ${id}
      UNION ALL SELECT state::text FROM pgboss.archive WHERE id = ${id}`.execute(t.db)
  ).rows[0]?.state ?? null

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })

describe('web and worker apart', () => {
  it('a web server queues but never works a job nor runs a schedule; a worker works it and listens on nothing', async () => {
    const webPort = await freePort()
    const web = start('web', webPort)
    await web.waitFor(/portal listening/, 90_000)
    expect((await probe(webPort, '/readyz'))?.status).toBe(200)
    expect(web.output()).not.toMatch(/job worker started/)

    const id = await sendJob(t.url, 'notification-email', { kind: 'not-a-notification' })
    await new Promise((r) => setTimeout(r, 5000))
    expect(await jobState(id)).toBe('created')
    const schedules = async () =>
      (await sql<{ name: string }>`SELECT name FROM pgboss.schedule ORDER BY name`.execute(t.db)).rows.map(
        (r) => r.name,
      )
    expect(await schedules()).toEqual([])
    // Neither the cron monitor nor the maintenance ever ran (they stamp pgboss.version when they do).
    const stamps = async () =>
      (
        await sql<{
          cron_on: Date | null
          maintained_on: Date | null
        }>`SELECT cron_on, maintained_on FROM pgboss.version`.execute(t.db)
      ).rows[0]
    expect(await stamps()).toEqual({ cron_on: null, maintained_on: null })

    const workerPort = await freePort()
    const worker = start('worker', workerPort)
    await worker.waitFor(
      /job worker started: notifications, payment polling, settlement imports, storage cleanup/,
      90_000,
    )
    expect(await eventually(async () => (await jobState(id)) === 'completed', 20_000, 'the job worked')).toBe(
      true,
    )
    expect(worker.output()).not.toMatch(/portal listening/)
    expect(await refused(workerPort)).toBe(true)
    expect(await schedules()).toEqual(['payment-poll', 'settlement-import', 'storage-cleanup'])
    expect((await stamps())?.cron_on).not.toBeNull()

    expect(await worker.stop(), worker.output().slice(-2000)).toBe(0)
    expect(worker.output()).toContain('"msg":"stopped"')
    expect(await web.stop(), web.output().slice(-2000)).toBe(0)
  }, 180_000)
})

describe('one tick of a schedule, several workers', () => {
  it('makes one job: two worker processes (payment-poll, every minute), and two pg-boss instances polling every second', async () => {
    const workers = [start('worker', await freePort()), start('worker', await freePort())]
    await Promise.all(workers.map((w) => w.waitFor(/job worker started/, 90_000)))
    // Two more instances, in this process, whose cron monitors run every second (pg-boss's minimum): some 60
    // evaluations of the same minute, each trying to queue its job.
    const bosses = [0, 1].map(
      () =>
        new PgBoss({
          connectionString: t.url,
          schema: 'pgboss',
          max: 2,
          supervise: false,
          cronMonitorIntervalSeconds: 1,
          cronWorkerIntervalSeconds: 1,
        }),
    )
    const errors: unknown[] = []
    for (const boss of bosses) boss.on('error', (error) => errors.push(error))
    try {
      for (const boss of bosses) await boss.start()
      await bosses[0].createQueue('tick-test', { name: 'tick-test', policy: 'standard' })
      await bosses[0].schedule('tick-test', '* * * * *')
      for (const boss of bosses) await boss.work('tick-test', { pollingIntervalSeconds: 0.5 }, async () => {})

      const now = async () => (await sql<{ now: Date }>`SELECT now() AS now`.execute(t.db)).rows[0].now
      const tick = new Date(Math.ceil(((await now()).getTime() + 1) / 60_000) * 60_000)
      const end = new Date(tick.getTime() + 60_000)
      // Past the end of that minute (and the send-it worker's 5 s), so a second job would be there by now.
      const waitMs = end.getTime() + 8_000 - (await now()).getTime()
      await new Promise((r) => setTimeout(r, waitMs))

      const count = async (queue: string) =>
        Number(
          (
            await sql<{ n: string }>`SELECT count(*) AS n FROM (
              SELECT id FROM pgboss.job WHERE name = ${queue} AND created_on >= ${tick} AND created_on < ${end}
              UNION ALL
              SELECT id FROM pgboss.archive WHERE name = ${queue} AND created_on >= ${tick} AND created_on < ${end}
            ) jobs`.execute(t.db)
          ).rows[0].n,
        )
      const polls = await count('payment-poll')
      const ticks = await count('tick-test')
      console.log(
        `one minute (${tick.toISOString()}), 2 worker processes + 2 pg-boss instances: payment-poll ${polls} job(s), tick-test ${ticks} job(s)`,
      )
      expect(polls).toBe(1)
      expect(ticks).toBe(1)
      for (const w of workers) expect(w.child.exitCode).toBeNull()
      expect(errors).toEqual([])
    } finally {
      for (const boss of bosses) await boss.stop({ graceful: false, wait: true }).catch(() => {})
    }
    for (const w of workers) expect(await w.stop(), w.output().slice(-2000)).toBe(0)
  }, 240_000)
})
