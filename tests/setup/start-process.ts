import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import PgBoss from 'pg-boss'

/**
 * `tsx app/server/start.ts [web|worker]` as an operator runs it: one node process (tsx as a loader, so a signal
 * reaches the server itself), the production build, the environment given on top of a small fixed one (nothing
 * of this process's environment leaks in but PATH and HOME). Output is kept; `exited` resolves with the exit code.
 */
export interface StartedProcess {
  child: ChildProcess
  output(): string
  stderr(): string
  exited: Promise<number | null>
  /** resolves when the output matches, rejects if the process exits first or after `ms` */
  waitFor(pattern: RegExp, ms?: number): Promise<void>
  /** SIGTERM and the exit code (SIGKILL after 20 s) */
  stop(): Promise<number | null>
}

export const testSessionSecret = 'process-test-session-secret-0123456789abcdef'

export function startProcess(
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; uid?: number; gid?: number } = {},
): StartedProcess {
  const ownDataDir = env.DATA_DIR ? null : mkdtempSync(path.join(os.tmpdir(), 'portal-process-data-'))
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/server/start.ts', ...args], {
    cwd: options.cwd ?? process.cwd(),
    uid: options.uid,
    gid: options.gid,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: options.uid ? '/tmp' : (process.env.HOME ?? '/tmp'),
      NODE_ENV: 'production',
      PROFILE: 'demo',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SESSION_SECRET: testSessionSecret,
      SEED_DEMO: 'false',
      ...(ownDataDir ? { DATA_DIR: ownDataDir } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString()
    out += c.toString()
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true })
      resolve(code)
    }),
  )
  const alive = () => child.exitCode === null && child.signalCode === null
  return {
    child,
    output: () => out,
    stderr: () => err,
    exited,
    async waitFor(pattern, ms = 60_000) {
      const deadline = Date.now() + ms
      while (!pattern.test(out)) {
        if (!alive()) throw new Error(`exited (${child.exitCode}) before ${pattern}:\n${out.slice(-3000)}`)
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${ms} ms:\n${out.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
    async stop() {
      if (alive()) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
        const code = await exited
        clearTimeout(timer)
        return code
      }
      return exited
    },
  }
}

/** GET a path on loopback; `null` when nothing answers (connection refused, reset). */
export async function probe(
  port: number,
  pathname: string,
  timeoutMs = 5000,
): Promise<{ status: number; body: unknown; headers: Headers; ms: number } | null> {
  const started = performance.now()
  try {
    const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(timeoutMs) })
    const text = await res.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON
    }
    return { status: res.status, body, headers: res.headers, ms: performance.now() - started }
  } catch {
    return null
  }
}

/** Polls until `check` holds (or throws after `ms`). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  ms: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await check().catch(() => null)
    if (value) return value
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Sends one job with a pg-boss of the test's own (never working, no maintenance); returns its id. */
export async function sendJob(url: string, queue: string, data: object): Promise<string> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    migrate: false,
    supervise: false,
    schedule: false,
    max: 1,
  })
  boss.on('error', () => {})
  await boss.start()
  try {
    const id = await boss.send(queue, data)
    if (!id) throw new Error(`pg-boss refused a job on ${queue}`)
    return id
  } finally {
    await boss.stop({ graceful: false, wait: true })
  }
}
