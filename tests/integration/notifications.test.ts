import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type PgBoss from 'pg-boss'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { createBoss, NOTIFICATION_QUEUE } from '../../app/modules/notifications/boss.server'
import { MailboxMailer, SmtpMailer, type SmtpTransport } from '../../app/modules/notifications/mailer.server'
import {
  enqueueNotification,
  notifyApology,
  notifyReceived,
  notifyResultReady,
  notifySupplementRequested,
} from '../../app/modules/notifications/outbox.server'
import { processNotification, startNotificationWorker } from '../../app/modules/notifications/worker.server'
import { createLogger } from '../../app/server/logger'
import { parseEnv } from '../../app/utils/env.server'
import { demoCitizen, demoPasswords, demoStaff } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp } from '../setup/http'

const env = parseEnv({ NODE_ENV: 'test', PUBLIC_URL: 'https://dichvucong.example.gov.vn/' })
const logger = createLogger('silent')

let t: Awaited<ReturnType<typeof createTestDb>>
let boss: PgBoss
const bossErrors: unknown[] = []

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  boss = createBoss(t.db, { supervise: false, schedule: false, pollingIntervalSeconds: 0.5 })
  boss.on('error', (error) => bossErrors.push(error))
  await boss.start()
  await startNotificationWorker(boss, { db: t.db, env, logger, pollingIntervalSeconds: 0.5 })
})
afterAll(async () => {
  await boss?.stop({ graceful: true, timeout: 2000 })
  await t?.drop()
})

/** Polls until `probe` gives something truthy (the worker polls every 0.5 s). */
async function until<T>(probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 100))
  }
}

const mailTo = (address: string) =>
  t.db.selectFrom('mailbox').selectAll().where('to_address', '=', address).orderBy('created_at').execute()
/** Waits for the worker to have sent something to `address`; returns what it sent. */
const mailArrives = (address: string) =>
  until(async () => {
    const mails = await mailTo(address)
    return mails.length > 0 && mails
  })

const jobsOf = async (dossierId: string) =>
  (
    await sql<{ id: string; state: string; data: unknown; singleton_key: string }>`
      SELECT id, state, data, singleton_key FROM pgboss.job
      WHERE name = ${NOTIFICATION_QUEUE} AND data->>'dossierId' = ${dossierId}`.execute(t.db)
  ).rows

async function submitWithNotification(applicantId: string, extra?: () => Promise<void>) {
  const { procedure, draftId } = await completeJudicialDraft(t.db, applicantId)
  const result = await submitDraft(t.db, {
    applicantId,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
    afterSubmit: async (trx, d) => {
      await enqueueNotification(trx, { kind: 'submitted', dossierId: d.id, data: {} })
      await extra?.()
    },
  })
  return { ...result, dossierId: draftId }
}

describe('notification e-mails', () => {
  it('on submission, the worker sends the applicant one e-mail in Vietnamese with the code, fee and link', async () => {
    const citizen = await createCitizen(t.db, 'Trần Văn Bình')
    const { code, dossierId } = await submitWithNotification(citizen.id)

    const [mail] = await mailArrives(citizen.email)
    expect(mail.subject).toBe(`[Cổng Dịch vụ công] Hồ sơ ${code} đã được nộp trực tuyến`)
    expect(mail.body).toContain('Kính gửi Ông/Bà Trần Văn Bình,')
    expect(mail.body).toMatch(/200\.000\s₫/)
    expect(mail.body).toContain(`https://dichvucong.example.gov.vn/dossiers/${code}`)
    expect(mail.transport).toBe('mailbox')

    const jobs = await until(async () => {
      const j = await jobsOf(dossierId)
      return j.every((x) => x.state === 'completed') && j
    })
    expect(jobs).toHaveLength(1)
    expect(jobs[0].singleton_key).toBe(`submitted:${dossierId}:submitted`)
    expect(await mailTo(citizen.email)).toHaveLength(1)
  })

  it('is idempotent: the same job run again, or the same event queued again, still gives one e-mail', async () => {
    const citizen = await createCitizen(t.db)
    const { dossierId } = await submitWithNotification(citizen.id)
    await mailArrives(citizen.email)

    const [job] = await jobsOf(dossierId)
    const deps = { db: t.db, env, logger, mailer: new MailboxMailer(t.db) }
    expect(await processNotification(job.data, deps)).toMatchObject({ status: 'sent' })
    expect(await processNotification(job.data, deps)).toMatchObject({ status: 'sent' })

    const again = await t.db
      .transaction()
      .execute((trx) => enqueueNotification(trx, { kind: 'submitted', dossierId, data: {} }))
    expect(again).toBe(false)
    expect(await jobsOf(dossierId)).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 700)) // one more polling round of the worker
    expect(await mailTo(citizen.email)).toHaveLength(1)
  })

  it('a submission that rolls back after queuing leaves no job, no e-mail and the draft unchanged', async () => {
    const citizen = await createCitizen(t.db)
    const error = await submitWithNotification(citizen.id, async () => {
      throw new Error('boom after enqueue')
    }).catch((e: unknown) => e)
    expect((error as Error).message).toBe('boom after enqueue')

    const draft = await t.db
      .selectFrom('dossiers')
      .select(['id', 'status', 'code'])
      .where('applicant_id', '=', citizen.id)
      .executeTakeFirstOrThrow()
    expect(draft).toMatchObject({ status: 'draft', code: null })
    expect(await jobsOf(draft.id)).toEqual([])
    const events = await t.db
      .selectFrom('dossier_events')
      .select('id')
      .where('dossier_id', '=', draft.id)
      .execute()
    expect(events).toEqual([])
    await new Promise((r) => setTimeout(r, 700))
    expect(await mailTo(citizen.email)).toEqual([])
  })

  it('writes to an English-speaking applicant in English', async () => {
    const citizen = await createCitizen(t.db, 'Jane Doe')
    await t.db.updateTable('users').set({ locale: 'en' }).where('id', '=', citizen.id).execute()
    const { code } = await submitWithNotification(citizen.id)
    const [mail] = await mailArrives(citizen.email)
    expect(mail.subject).toBe(`[Public Service Portal] Dossier ${code} has been submitted online`)
    expect(mail.body).toMatch(/^Dear Jane Doe,/)
    expect(mail.body).toContain('Procedure: Issuance of a judicial record certificate')
    expect(mail.body).toContain('₫200,000')
  })

  it('the officers’ helpers queue reception, supplement, result and apology e-mails in their transaction', async () => {
    const citizen = await createCitizen(t.db)
    const { code, dossierId } = await submitWithNotification(citizen.id)
    const version = await t.db
      .selectFrom('dossiers as d')
      .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
      .select('v.documents')
      .where('d.id', '=', dossierId)
      .executeTakeFirstOrThrow()
    const doc = (version.documents as { key: string; name: { vi: string } }[])[0]
    const staff = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoStaff[0].email)
      .executeTakeFirstOrThrow()

    await t.db.transaction().execute(async (trx) => {
      const request = await trx
        .insertInto('supplement_requests')
        .values({
          dossier_id: dossierId,
          requested_by: staff.id,
          items: JSON.stringify([{ kind: 'document', key: doc.key, reason: 'Ảnh chụp bị mờ' }]),
          return_status: 'submitted',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect(await notifyReceived(trx, { dossierId, appointmentAt: '2026-12-15' })).toBe(true)
      expect(await notifySupplementRequested(trx, { dossierId, supplementRequestId: request.id })).toBe(true)
      expect(await notifyResultReady(trx, { dossierId })).toBe(true)
      expect(
        await notifyApology(trx, { dossierId, newAppointmentAt: '2027-01-05', reason: 'Cần xác minh thêm' }),
      ).toBe(true)
      // the same event twice in one transaction queues once
      expect(await notifyResultReady(trx, { dossierId })).toBe(false)
    })

    const mails = await until(async () => {
      const m = await mailTo(citizen.email)
      return m.length === 5 && m
    })
    const subjects = mails.map((m) => m.subject)
    expect(subjects).toEqual(
      expect.arrayContaining([
        `[Cổng Dịch vụ công] Hồ sơ ${code} đã được tiếp nhận`,
        `[Cổng Dịch vụ công] Đề nghị bổ sung, hoàn thiện hồ sơ ${code}`,
        `[Cổng Dịch vụ công] Hồ sơ ${code} đã có kết quả`,
        `[Cổng Dịch vụ công] Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`,
      ]),
    )
    const body = (s: string) => mails.find((m) => m.subject.includes(s))!.body
    expect(body('đã được tiếp nhận')).toContain('15 tháng 12, 2026')
    expect(body('bổ sung')).toContain(`- ${doc.name.vi}: Ảnh chụp bị mờ`)
    expect(body('xin lỗi')).toContain('Lý do: Cần xác minh thêm')
    expect(body('xin lỗi')).toContain('5 tháng 1, 2027')
  })

  it('a job that can never succeed is completed, not retried: unknown dossier, malformed payload', async () => {
    const deps = { db: t.db, env, logger, mailer: new MailboxMailer(t.db) }
    const missing = randomUUID()
    expect(
      await processNotification(
        { kind: 'submitted', dossierId: missing, idempotencyKey: `submitted:${missing}:x`, data: {} },
        deps,
      ),
    ).toEqual({ status: 'skipped', reason: 'dossier_missing' })
    expect(await processNotification({ kind: 'nonsense' }, deps)).toEqual({
      status: 'skipped',
      reason: 'bad_payload',
    })
  })

  it('refuses to queue outside a transaction', async () => {
    await expect(
      enqueueNotification(t.db, { kind: 'submitted', dossierId: randomUUID(), data: {} }),
    ).rejects.toThrow(/inside the transaction/)
  })
})

describe('SMTP mailer', () => {
  it('hands a key to the SMTP server once, records it, and sends nothing when recorded already', async () => {
    const sent: { to: string; messageId: string }[] = []
    const transport: SmtpTransport = {
      sendMail: async (m) => {
        sent.push(m)
        return {}
      },
    }
    const mailer = new SmtpMailer(t.db, transport, 'Cổng Dịch vụ công <no-reply@dichvucong.example.gov.vn>')
    const message = {
      to: 'smtp-test@example.vn',
      subject: 'S',
      text: 'T',
      idempotencyKey: `test:${randomUUID()}`,
    }
    await Promise.all([mailer.send(message), mailer.send(message)])
    await mailer.send(message)
    expect(sent).toHaveLength(1)
    expect(sent[0].messageId).toMatch(/^<[0-9a-f]{32}@dichvucong\.example\.gov\.vn>$/)
    const rows = await mailTo('smtp-test@example.vn')
    expect(rows).toHaveLength(1)
    expect(rows[0].transport).toBe('smtp')
  })

  it('records nothing when the server refuses, so the job is retried', async () => {
    const mailer = new SmtpMailer(
      t.db,
      { sendMail: () => Promise.reject(new Error('421 try later')) },
      'no-reply@dichvucong.example.gov.vn',
    )
    const key = `test:${randomUUID()}`
    await expect(
      mailer.send({ to: 'refused@example.vn', subject: 'S', text: 'T', idempotencyKey: key }),
    ).rejects.toThrow('421')
    expect(await mailTo('refused@example.vn')).toEqual([])
  })
})

describe('the demo mailbox page', () => {
  it('lists what was sent, newest first, and shows one message to a demo’s administrator; the citizen’s submission reaches it', async () => {
    const app = await startTestApp(t.db)
    try {
      // A submission through the real check page queues the e-mail (the workflow queues it with the submit transition).
      const citizen = await t.db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('email', '=', demoCitizen.email)
        .executeTakeFirstOrThrow()
      const { procedure } = await completeJudicialDraft(t.db, citizen.id)
      const client = app.client()
      await client.login(demoCitizen.email, demoPasswords.citizen)
      const checkPath = `/procedures/${encodeURIComponent(procedure.code)}/apply/check`
      const page = await (await client.get(checkPath)).text()
      const token = /name="token" value="([0-9a-f-]{36})"/.exec(page)?.[1]
      expect(token).toBeTruthy()
      const posted = await client.post(checkPath, { token: token!, declaration: 'yes' })
      expect(posted.status).toBe(302)
      const code = /\/dossiers\/([^/]+)\/confirmation/.exec(posted.headers.get('location') ?? '')?.[1]
      expect(code).toBeTruthy()
      const [mail] = await mailArrives(citizen.email)
      expect(mail.subject).toContain(code!)

      // The mailbox is for a demo's administrators (letters are personal data).
      const admin = app.client()
      await admin.login('admin.stp@example.gov.vn', demoPasswords.staff)
      const list = await admin.get('/dev/mailbox')
      expect(list.status).toBe(200)
      const html = await list.text()
      expect(html).toContain('<h1>Hộp thư thử nghiệm</h1>')
      expect(html).toContain('scope="col"')
      expect(html).toContain(`Hồ sơ ${code} đã được nộp trực tuyến`)
      // newest first
      const sent = await t.db
        .selectFrom('mailbox')
        .select('subject')
        .where('subject', 'like', '[%')
        .orderBy('created_at', 'desc')
        .execute()
      expect(sent.length).toBeGreaterThan(1)
      const at = (subject: string) => html.indexOf(subject)
      expect(at(sent[0].subject)).toBeGreaterThan(html.indexOf('<tbody>'))
      expect(at(sent[0].subject)).toBeLessThan(at(sent[sent.length - 1].subject))

      const one = await admin.get(`/dev/mailbox/${mail.id}`)
      expect(one.status).toBe(200)
      const text = await one.text()
      expect(text).toContain('<pre')
      expect(text).toContain('Kính gửi Ông/Bà Nguyễn Văn An,')
      expect((await admin.get(`/dev/mailbox/${randomUUID()}`)).status).toBe(404)
      expect((await admin.get('/dev/mailbox?lng=en')).status).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('does not exist in the live profile, signed in as staff or not', async () => {
    const app = await startTestApp(t.db, {
      NODE_ENV: 'production',
      SESSION_SECRET: 'production-secret-production-secret-0001',
    })
    try {
      const [mail] = await t.db.selectFrom('mailbox').select('id').limit(1).execute()
      expect((await fetch(`${app.baseUrl}/dev/mailbox`)).status).toBe(404)
      expect((await fetch(`${app.baseUrl}/dev/mailbox/${mail.id}`)).status).toBe(404)
      const staff = app.client()
      await staff.login(demoStaff[0].email, demoPasswords.staff)
      expect((await staff.get('/dev/mailbox')).status).toBe(404)
    } finally {
      await app.close()
    }
  })

  it('pg-boss reported no errors', () => {
    expect(bossErrors).toEqual([])
  })
})
