import { spawn } from 'node:child_process'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { createBoss } from '../../app/modules/notifications/boss.server'
import {
  cleanOrphans,
  isGeneratedKey,
  STORAGE_CLEANUP_QUEUE,
  startStorageCleanup,
  storageCleanupCron,
  storageKeyColumns,
} from '../../app/modules/files/cleanup.server'
import { FileNotFoundError, StorageUnavailableError } from '../../app/modules/files/errors'
import { S3Storage } from '../../app/modules/files/s3-storage.server'
import { createStorage } from '../../app/modules/files/storage-config.server'
import {
  LocalFolderStorage,
  newStorageKey,
  type FileStorage,
  type StoredObject,
} from '../../app/modules/files/storage.server'
import { createLogger } from '../../app/server/logger'
import { EnvError, parseEnv } from '../../app/utils/env.server'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { completeJudicialDraft, createCitizen } from '../setup/factories'
import { startS3Server, type S3TestServer } from '../setup/s3-server'

/*
 * One contract for every FileStorage (storage.server.ts), run against the local folder and against S3Storage on a
 * real S3-compatible server (s3rver, started here). Then what is particular to each: the folder's temp files, the
 * S3 server going away and coming back, the configuration, and the orphan cleanup job on pg-boss.
 */

const MB = 1024 * 1024
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

let s3: S3TestServer
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-contract-'))
let t: Awaited<ReturnType<typeof createTestDb>>
let draftId: string

beforeAll(async () => {
  s3 = await startS3Server({ bucket: 'contract-test' })
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  const person = await createCitizen(t.db)
  ;({ draftId } = await completeJudicialDraft(t.db, person.id))
})
afterAll(async () => {
  await s3?.close()
  await t?.drop()
  fs.rmSync(base, { recursive: true, force: true })
})

const s3Storage = () =>
  new S3Storage({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
    checkTimeoutMs: 2000,
  })

/** `bytes` in chunks of `chunk` bytes, as a stream that yields them one by one. */
function chunked(bytes: Buffer, chunk = 64 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk)
    })(),
  )
}

/** A body that yields `before` bytes, then fails. */
function failingBody(before: number, message = 'connection lost') {
  const error = new Error(message)
  const body = Readable.from(
    (async function* () {
      for (let sent = 0; sent < before; sent += 256 * 1024) {
        yield randomBytes(Math.min(256 * 1024, before - sent))
        await new Promise((r) => setImmediate(r))
      }
      throw error
    })(),
  )
  return { body, error }
}

async function read(storage: FileStorage, key: string) {
  const chunks: Buffer[] = []
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function listed(storage: FileStorage, prefix: string): Promise<StoredObject[]> {
  const out: StoredObject[] = []
  for await (const object of storage.list(prefix)) out.push(object)
  return out.sort((a, b) => a.key.localeCompare(b.key))
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Records `key` as the storage key of one of the draft's files (so a row references it). */
async function reference(key: string) {
  const draft = await t.db
    .selectFrom('dossiers')
    .select('applicant_id')
    .where('id', '=', draftId)
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('dossier_files')
    .values({
      dossier_id: draftId,
      requirement_key: 'contract-test',
      original_name: 'contract.pdf',
      mime: 'application/pdf',
      size: 1,
      sha256: '0'.repeat(64),
      storage_key: key,
      uploaded_by: draft.applicant_id,
    })
    .execute()
}

describe.each([
  ['LocalFolderStorage', () => new LocalFolderStorage(fs.mkdtempSync(path.join(base, 'folder-')))],
  ['S3Storage on s3rver', s3Storage],
] as const)('FileStorage contract: %s', (_name, make) => {
  let storage: FileStorage
  // Each store gets a prefix of its own, so the S3 bucket's listing is this suite's alone.
  const prefix = `contract${randomUUID().slice(0, 8)}`
  const key = () => newStorageKey(prefix)
  beforeAll(() => {
    storage = make()
  })

  it('stores a 12 MB stream sent in 64 KB chunks and gives back the same bytes, streamed', async () => {
    const bytes = randomBytes(12 * MB)
    const k = key()
    expect(await storage.put(k, chunked(bytes))).toEqual({ size: bytes.length })
    expect(await storage.stat(k)).toEqual({ size: bytes.length })
    const stream = await storage.get(k)
    expect(stream).toBeInstanceOf(Readable)
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    expect(chunks.length).toBeGreaterThan(1)
    const back = Buffer.concat(chunks)
    expect(back.length).toBe(bytes.length)
    expect(sha256(back)).toBe(sha256(bytes))
  })

  it('replaces an object put again under the same key', async () => {
    const k = key()
    await storage.put(k, Readable.from([Buffer.from('first version, longer')]))
    expect(await storage.put(k, Readable.from([Buffer.from('second')]))).toEqual({ size: 6 })
    expect((await read(storage, k)).toString()).toBe('second')
    expect(await storage.stat(k)).toEqual({ size: 6 })
  })

  it('answers a missing object with FileNotFoundError on get and null on stat; delete is idempotent', async () => {
    const k = key()
    expect(await storage.stat(k)).toBeNull()
    await expect(storage.get(k)).rejects.toBeInstanceOf(FileNotFoundError)
    await storage.delete(k) // never existed
    await storage.put(k, Readable.from([Buffer.from('x')]))
    await storage.delete(k)
    await storage.delete(k) // already gone
    expect(await storage.stat(k)).toBeNull()
    await expect(storage.get(k)).rejects.toBeInstanceOf(FileNotFoundError)
  })

  it('refuses invalid keys with a TypeError', async () => {
    for (const bad of ['../x', 'a/../b', '/etc/passwd', 'a//b', 'a/', 'a.b', 'a\\b', 'tờ-khai', '', 'x y']) {
      await expect(storage.put(bad, Readable.from([Buffer.from('x')])), bad).rejects.toThrow(TypeError)
      await expect(storage.get(bad), bad).rejects.toThrow(TypeError)
      await expect(storage.stat(bad), bad).rejects.toThrow(TypeError)
      await expect(storage.delete(bad), bad).rejects.toThrow(TypeError)
      if (bad !== '') await expect(listed(storage, bad), bad).rejects.toThrow(TypeError)
    }
  })

  it.each([
    ['after 300 KB (one part)', 300 * 1024],
    ['after 7 MB (past the first part of a multipart upload)', 7 * MB],
  ])('leaves nothing under the key, nor in the listing, when the body fails %s', async (_when, bytes) => {
    const k = key()
    const { body, error } = failingBody(bytes)
    await expect(storage.put(k, body)).rejects.toBe(error)
    expect(body.destroyed).toBe(true)
    expect(await storage.stat(k)).toBeNull()
    await expect(storage.get(k)).rejects.toBeInstanceOf(FileNotFoundError)
    expect((await listed(storage, prefix)).map((o) => o.key)).not.toContain(k)
  })

  it('keeps the old object when a replacing put fails', async () => {
    const k = key()
    await storage.put(k, Readable.from([Buffer.from('kept')]))
    const { body, error } = failingBody(100 * 1024)
    await expect(storage.put(k, body)).rejects.toBe(error)
    expect((await read(storage, k)).toString()).toBe('kept')
  })

  it('lists the objects under a prefix, with the time each was written', async () => {
    const sub = `${prefix}/listing`
    const keys = [newStorageKey(sub), newStorageKey(sub), newStorageKey(`${sub}x`)]
    const before = Date.now() - 2000 // s3rver keeps whole seconds
    for (const k of keys) await storage.put(k, Readable.from([Buffer.from(k)]))
    const under = await listed(storage, sub)
    expect(under.map((o) => o.key)).toEqual([keys[0], keys[1]].sort())
    for (const o of under) {
      expect(o.lastModified).toBeInstanceOf(Date)
      expect(o.lastModified.getTime()).toBeGreaterThanOrEqual(before)
      expect(o.lastModified.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    }
    // `sub` is not a prefix of `subx/…`; the whole store has all three.
    const all = (await listed(storage, '')).map((o) => o.key)
    for (const k of keys) expect(all).toContain(k)
    expect(await listed(storage, `${prefix}/nothing-here`)).toEqual([])
  })

  it('cleanup deletes only unreferenced objects older than the grace, and only generated keys', async () => {
    const referencedOld = key()
    const orphanOld = key()
    const notGenerated = `${prefix}/notes/readme`
    for (const k of [referencedOld, orphanOld, notGenerated]) {
      await storage.put(k, Readable.from([Buffer.from(k)]))
    }
    await reference(referencedOld)
    // s3rver's LastModified has whole seconds: the cut falls strictly between the two groups.
    await sleep(1100)
    const cutoff = new Date()
    await sleep(1100)
    const orphanNew = key()
    await storage.put(orphanNew, Readable.from([Buffer.from('new')]))

    const result = await cleanOrphans(t.db, storage, { now: cutoff, graceMs: 0 })
    expect(result.deleted).toBeGreaterThanOrEqual(1)
    expect(await storage.stat(orphanOld)).toBeNull()
    expect(await storage.stat(referencedOld)).not.toBeNull()
    expect(await storage.stat(orphanNew)).not.toBeNull()
    expect(await storage.stat(notGenerated)).not.toBeNull()
    // Run again: nothing more goes.
    const again = await cleanOrphans(t.db, storage, { now: cutoff, graceMs: 0 })
    expect(again.deleted).toBe(0)
    expect(await storage.stat(referencedOld)).not.toBeNull()
    // With the default grace (1 hour) nothing this young is touched.
    await storage.delete(orphanNew)
    const young = key()
    await storage.put(young, Readable.from([Buffer.from('young')]))
    await cleanOrphans(t.db, storage)
    expect(await storage.stat(young)).not.toBeNull()
  })

  it('check() passes on a store that can be written', async () => {
    await expect(storage.check()).resolves.toBeUndefined()
  })
})

describe('S3Storage when the server goes away', () => {
  it('rejects everything with StorageUnavailableError (check with a clear reason), then works after a restart', async () => {
    const storage = s3Storage()
    const k = newStorageKey('outage')
    await storage.put(k, Readable.from([Buffer.from('before the outage')]))
    await s3.stop()
    try {
      const started = Date.now()
      const check = storage.check()
      await expect(check).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(check).rejects.toThrow(
        `S3 bucket ${s3.bucket} at ${s3.endpoint} is not reachable: ECONNREFUSED`,
      )
      expect(Date.now() - started).toBeLessThan(5000)
      const body = Readable.from([Buffer.from('during the outage')])
      await expect(storage.put(newStorageKey('outage'), body)).rejects.toBeInstanceOf(StorageUnavailableError)
      expect(body.destroyed).toBe(true)
      await expect(storage.get(k)).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(storage.stat(k)).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(storage.delete(k)).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(listed(storage, 'outage')).rejects.toBeInstanceOf(StorageUnavailableError)
    } finally {
      await s3.restart()
    }
    await expect(storage.check()).resolves.toBeUndefined()
    expect((await read(storage, k)).toString()).toBe('before the outage')
  })

  it('check() names a bucket that does not exist', async () => {
    const storage = new S3Storage({
      bucket: 'no-such-bucket',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      forcePathStyle: true,
    })
    await expect(storage.check()).rejects.toThrow(
      `S3 bucket no-such-bucket at ${s3.endpoint} is not reachable: the bucket does not exist`,
    )
    // A put into it is an outage for the user, not a missing file.
    await expect(storage.put(newStorageKey('x'), Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
      StorageUnavailableError,
    )
  })
})

describe('LocalFolderStorage specifics', () => {
  it('list removes a crashed put’s temp file once older than the grace, keeps a fresh one, lists neither', async () => {
    const root = fs.mkdtempSync(path.join(base, 'temps-'))
    const storage = new LocalFolderStorage(root, { tempGraceMs: 60_000 })
    const k = newStorageKey('dossiers')
    await storage.put(k, Readable.from([Buffer.from('object')]))
    const dir = path.join(root, ...k.split('/').slice(0, -1))
    const stale = path.join(dir, `${randomUUID()}.${randomUUID()}.tmp`)
    const fresh = path.join(dir, `${randomUUID()}.${randomUUID()}.tmp`)
    fs.writeFileSync(stale, 'half a file')
    fs.writeFileSync(fresh, 'a put in progress')
    const old = new Date(Date.now() - 120_000)
    fs.utimesSync(stale, old, old)
    expect((await listed(storage, '')).map((o) => o.key)).toEqual([k])
    expect(fs.existsSync(stale)).toBe(false)
    expect(fs.existsSync(fresh)).toBe(true)
  })

  it('check() rejects, saying why, when the folder cannot be made', async () => {
    const file = path.join(base, 'a-file')
    fs.writeFileSync(file, 'not a folder')
    const storage = new LocalFolderStorage(path.join(file, 'uploads'))
    await expect(storage.check()).rejects.toBeInstanceOf(StorageUnavailableError)
    await expect(storage.check()).rejects.toThrow(
      /storage folder .*a-file\/uploads: writing failed \(ENOTDIR\)/,
    )
    await expect(storage.put(newStorageKey('x'), Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
      StorageUnavailableError,
    )
  })
})

describe('configuration', () => {
  it('STORAGE_DRIVER chooses the store; s3 needs a bucket and credentials, named when missing', () => {
    const folder = createStorage(parseEnv({ NODE_ENV: 'test', DATA_DIR: base }))
    expect(folder).toBeInstanceOf(LocalFolderStorage)
    expect((folder as LocalFolderStorage).root).toBe(path.resolve(base, 'uploads'))
    const s3Env = parseEnv({ NODE_ENV: 'test', ...s3.env })
    expect(s3Env).toMatchObject({ STORAGE_DRIVER: 's3', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true' })
    const store = createStorage(s3Env)
    expect(store).toBeInstanceOf(S3Storage)
    expect((store as S3Storage).bucket).toBe(s3.bucket)

    for (const missing of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      const source: Record<string, string> = { NODE_ENV: 'test', ...s3.env }
      delete source[missing]
      expect(() => parseEnv(source)).toThrow(EnvError)
      expect(() => parseEnv(source)).toThrow(
        `Invalid environment variable ${missing}: required when STORAGE_DRIVER=s3`,
      )
    }
    expect(() => parseEnv({ NODE_ENV: 'test', STORAGE_DRIVER: 'nfs' })).toThrow(
      /^Invalid environment variable STORAGE_DRIVER/,
    )
    expect(() => parseEnv({ NODE_ENV: 'test', ...s3.env, S3_ENDPOINT: 'ftp://x' })).toThrow(
      /^Invalid environment variable S3_ENDPOINT/,
    )
    expect(() => parseEnv({ NODE_ENV: 'test', ...s3.env, S3_BUCKET: 'Bad_Bucket' })).toThrow(
      /^Invalid environment variable S3_BUCKET/,
    )
    expect(() => parseEnv({ NODE_ENV: 'test', ...s3.env, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /^Invalid environment variable S3_FORCE_PATH_STYLE/,
    )
    // Without S3 settings nothing changes: the folder stays the default.
    expect(parseEnv({ NODE_ENV: 'test' }).STORAGE_DRIVER).toBe('folder')
  })
})

describe('orphan cleanup job', () => {
  it('finds every column holding storage keys', async () => {
    const columns = await storageKeyColumns(t.db)
    expect(columns).toContainEqual({ table: 'dossier_files', column: 'storage_key' })
  })

  it('recognises generated keys only', () => {
    expect(isGeneratedKey(newStorageKey('dossiers'))).toBe(true)
    expect(isGeneratedKey(newStorageKey('results/signed'))).toBe(true)
    for (const k of [
      'dossiers/readme',
      'base/16384/1259',
      `demo-history/${randomUUID()}`,
      'a/2026/11/not-a-uuid',
    ]) {
      expect(isGeneratedKey(k), k).toBe(false)
    }
  })

  it("is scheduled hourly on pg-boss as 'storage-cleanup' and, run, deletes the orphans on S3", async () => {
    const storage = s3Storage()
    const orphan = newStorageKey('job')
    const kept = newStorageKey('job')
    await storage.put(orphan, Readable.from([Buffer.from('orphan')]))
    await storage.put(kept, Readable.from([Buffer.from('kept')]))
    await reference(kept)
    const boss = createBoss(t.db, { supervise: false, schedule: false, pollingIntervalSeconds: 0.5 })
    const errors: unknown[] = []
    boss.on('error', (e) => errors.push(e))
    await boss.start()
    try {
      await startStorageCleanup(boss, { db: t.db, storage, logger: createLogger('silent'), graceMs: 0 })
      const schedules = await boss.getSchedules()
      expect(schedules.find((s) => s.name === STORAGE_CLEANUP_QUEUE)).toMatchObject({
        cron: storageCleanupCron,
      })
      expect(storageCleanupCron).toMatch(/^\d{1,2} \* \* \* \*$/) // hourly
      const id = await boss.send(STORAGE_CLEANUP_QUEUE, {})
      const end = Date.now() + 20_000
      let state: string | undefined
      while (Date.now() < end) {
        state = (await boss.getJobById(STORAGE_CLEANUP_QUEUE, id as string))?.state
        if (state === 'completed' || state === 'failed') break
        await sleep(200)
      }
      expect(state).toBe('completed')
      expect(await storage.stat(orphan)).toBeNull()
      expect(await storage.stat(kept)).not.toBeNull()
      expect(errors).toEqual([])
    } finally {
      await boss.stop({ graceful: true, timeout: 2000 })
    }
  })
})

describe('the S3 test server in a process of its own (tests/setup/s3-server-cli.ts)', () => {
  it('prints its env as one JSON line, stops and starts on stdin keeping its objects, and goes on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/s3-server-cli.ts'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    })
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
      const next = async () =>
        JSON.parse(((await lines.next()).value as string) ?? 'null') as Record<string, unknown>
      const info = (await next()) as { env: Record<string, string>; directory: string }
      expect(info.env).toMatchObject({ STORAGE_DRIVER: 's3', S3_FORCE_PATH_STYLE: 'true' })
      const storage = createStorage(parseEnv({ NODE_ENV: 'test', ...info.env }))
      const k = newStorageKey('cli')
      await storage.put(k, Readable.from([Buffer.from('kept across an outage')]))

      child.stdin.write('stop\n')
      expect(await next()).toEqual({ running: false })
      await expect(storage.check()).rejects.toBeInstanceOf(StorageUnavailableError)
      child.stdin.write('start\n')
      expect(await next()).toEqual({ running: true })
      await storage.check()
      expect((await read(storage, k)).toString()).toBe('kept across an outage')

      child.kill('SIGTERM')
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(0)
      expect(fs.existsSync(info.directory)).toBe(false)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })
})
