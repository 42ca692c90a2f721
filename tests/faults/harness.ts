import { spawn } from 'node:child_process'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { hashPassword } from '../../app/modules/auth/password.server'
import { createSession, createSessionCookie } from '../../app/modules/auth/session.server'
import { createDb } from '../../db/create-db'
import { withDatabase } from '../../db/embedded'
import { migrateOrThrow } from '../../db/migrate'
import type { Database } from '../../db/schema'
import { seedDemo } from '../../db/seed/seed'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { adminQuery, dropDatabase, quoteIdent } from '../setup/pg'
import { portalSecret } from '../setup/portal-process'
import type { DriverCitizen, DriverPlan, DriverRecord } from './load-driver'
import { pdfFor } from './load-driver'

/** What the fault scenarios share: databases, prepared drafts, the load driver as a child process, the checks. */

const here = path.dirname(fileURLToPath(import.meta.url))

export const log = (line: string) => process.stdout.write(`${line}\n`)

export class Failures {
  readonly list: string[] = []
  check(ok: boolean, what: string) {
    log(`    ${ok ? 'ok  ' : 'FAIL'} ${what}`)
    if (!ok) this.list.push(what)
  }
}

const templates = new Map<string, Promise<string>>()

/** One database per server migrated and seeded once (the demo catalogue, agencies and staff); clones are cheap. */
function template(adminUrl: string): Promise<string> {
  let name = templates.get(adminUrl)
  if (!name) {
    name = (async () => {
      const tpl = `portal_faults_tpl_${randomBytes(4).toString('hex')}`
      await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(tpl)}`)
      const db = createDb(withDatabase(adminUrl, tpl), { max: 2, name: 'portal-faults' })
      try {
        await migrateOrThrow(db)
        await seedDemo(db, hashPassword)
      } finally {
        await db.destroy()
      }
      return tpl
    })()
    templates.set(adminUrl, name)
  }
  return name
}

/** Drops the templates made on `adminUrl` (at the end of the run). */
export async function dropTemplates() {
  for (const [adminUrl, name] of templates) await dropDatabase(adminUrl, await name).catch(() => {})
  templates.clear()
}

/** A new database on `adminUrl`, migrated, with the demo catalogue, agencies and staff. */
export async function freshDatabase(adminUrl: string, tag: string) {
  const name = `portal_faults_${tag}_${randomBytes(4).toString('hex')}`
  await adminQuery(
    adminUrl,
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(await template(adminUrl))}`,
  )
  const url = withDatabase(adminUrl, name)
  const db = createDb(url, { max: 5, name: 'portal-faults', connectionTimeoutMillis: 30_000 })
  return {
    url,
    db,
    async drop() {
      await db.destroy()
      await dropDatabase(adminUrl, name).catch(() => {})
    },
  }
}

const cookie = createSessionCookie({ secure: false, secret: portalSecret })

async function sessionCookie(db: Kysely<Database>, id: string) {
  const { token, expiresAt } = await createSession(
    db,
    { id, kind: 'citizen' },
    { ip: null, userAgent: 'faults' },
  )
  return (await cookie.serialize(token, { expires: expiresAt })).split(';')[0]
}

export interface PreparedDraft extends DriverCitizen {
  citizenId: string
  email: string
  draftId: string
}

/**
 * Citizens signed in, each with a judicial-record draft whose answers and delivery are saved and whose required
 * documents are still to upload (the load uploads them). Made through the database: a precondition, not load.
 */
export async function prepareDrafts(db: Kysely<Database>, count: number) {
  const drafts: PreparedDraft[] = []
  let documentKeys: string[] = []
  let procedureCode = ''
  for (let i = 0; i < count; i++) {
    const { id, email } = await createCitizen(db, `Công dân chịu lỗi ${i}`)
    const { procedure, draftId } = await completeJudicialDraft(db, id)
    documentKeys = procedure.documents.filter((d) => d.required).map((d) => d.key)
    procedureCode = procedure.code
    await db.deleteFrom('dossier_files').where('dossier_id', '=', draftId).execute()
    drafts.push({ cookie: await sessionCookie(db, id), token: randomUUID(), citizenId: id, email, draftId })
  }
  return { drafts, documentKeys, procedureCode }
}

export async function citizenCookie(db: Kysely<Database>, citizenId: string) {
  return sessionCookie(db, citizenId)
}

/** The load driver in its own process; `onAck` hears each acknowledgement as it comes. */
export function runDriver(plan: DriverPlan, onAck: (count: number) => void = () => {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-faults-plan-'))
  const file = path.join(dir, 'plan.json')
  writeFileSync(file, JSON.stringify(plan))
  return new Promise<DriverRecord[]>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'load-driver.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let buffer = ''
    let acks = 0
    let done: DriverRecord[] | null = null
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        const message = JSON.parse(line) as { ack?: number; done?: DriverRecord[] }
        if (message.ack !== undefined) onAck(++acks)
        if (message.done) done = message.done
      }
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true })
      if (code === 0 && done) resolve(done)
      else reject(new Error(`load driver exited ${code}`))
    })
  })
}

/** Every key stored in a storage folder, and the temporary files a killed write left behind. */
export function folderObjects(root: string) {
  const keys: string[] = []
  const temps: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.includes('.')) temps.push(full)
      else keys.push(path.relative(root, full))
    }
  }
  walk(root)
  return { keys, temps }
}

export interface SubmissionCounts {
  sent: number
  acknowledged: number
  found: number
  retried: number
  halfWritten: number
  duplicates: number
  missingObjects: number
  orphans: number
}

/**
 * What the database and the store hold after a submission load: each acknowledged submission exactly once (one
 * dossier for its citizen, no longer a draft, under the code its confirmation named), with every required
 * document as one row whose object holds the bytes the driver sent; no dossier past draft without all its
 * documents; no row without its object; no object without its row (`objects`: every key in the store).
 */
export async function checkSubmissions(
  db: Kysely<Database>,
  drafts: PreparedDraft[],
  records: DriverRecord[],
  documentKeys: string[],
  objects: string[],
  readObject: (key: string) => Promise<Buffer | null>,
): Promise<SubmissionCounts> {
  const acked = records.filter((r) => r.acknowledged)
  let found = 0
  let duplicates = 0
  for (const record of acked) {
    const draft = drafts[record.i]
    const dossiers = await db
      .selectFrom('dossiers')
      .select(['id', 'code', 'status'])
      .where('applicant_id', '=', draft.citizenId)
      .execute()
    if (dossiers.length !== 1) duplicates++
    const dossier = dossiers.find((d) => d.code === record.code && d.status !== 'draft')
    if (!dossier) continue
    const files = await db
      .selectFrom('dossier_files')
      .select(['requirement_key', 'storage_key', 'sha256'])
      .where('dossier_id', '=', dossier.id)
      .execute()
    let complete = files.length === documentKeys.length
    for (const key of documentKeys) {
      const rows = files.filter((f) => f.requirement_key === key)
      const bytes = rows.length === 1 ? await readObject(rows[0].storage_key) : null
      const expected = pdfFor(`${record.i}-${key}`)
      if (!bytes || !bytes.equals(expected)) complete = false
      else if (createHash('sha256').update(bytes).digest('hex') !== rows[0].sha256) complete = false
    }
    if (complete) found++
  }
  // Over the whole database, acknowledged or not.
  const submitted = await db
    .selectFrom('dossiers as d')
    .leftJoin('dossier_files as f', 'f.dossier_id', 'd.id')
    .select(['d.id', (eb) => eb.fn.count<string>('f.id').as('files')])
    .where('d.status', '<>', 'draft')
    .where(
      'd.applicant_id',
      'in',
      drafts.map((d) => d.citizenId),
    )
    .groupBy('d.id')
    .execute()
  const halfWritten = submitted.filter((d) => Number(d.files) !== documentKeys.length).length
  const rows = await db
    .selectFrom('dossier_files')
    .select('storage_key')
    .where(
      'dossier_id',
      'in',
      drafts.map((d) => d.draftId),
    )
    .execute()
  const stored = new Set(objects)
  const referenced = new Set(rows.map((r) => r.storage_key))
  const missingObjects = rows.filter((r) => !stored.has(r.storage_key)).length
  const orphans = objects.filter((k) => !referenced.has(k)).length
  return {
    sent: records.length,
    acknowledged: acked.length,
    found,
    retried: records.filter((r) => r.failures > 0).length,
    halfWritten,
    duplicates,
    missingObjects,
    orphans,
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** GETs a path and returns the status, 0 when nothing answered. */
export async function statusOf(url: string, timeoutMs = 3000): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}
