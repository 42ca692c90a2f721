import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { freePort } from '../../db/embedded'

/**
 * A portal process as an operator runs it (`tsx app/server/start.ts [web|worker]` on the production build), for
 * the multi-process tests: its own PORT, the environment given, its log kept in memory. `kill('SIGKILL')` and
 * `start()` again play a crash and a restart on the same port.
 */

export type PortalRole = 'web' | 'worker' | 'both'

/** Whether start.ts takes a `web` / `worker` argument yet (until then every process is both). */
export function rolesSupported(): boolean {
  const source = readFileSync(path.resolve('app/server/start.ts'), 'utf8')
  return /['"]worker['"]/.test(source) && /['"]web['"]/.test(source)
}

export interface PortalProcess {
  role: PortalRole
  port: number
  url: string
  /** everything it printed so far */
  log(): string
  start(): Promise<void>
  kill(signal: NodeJS.Signals): Promise<void>
  /** SIGTERM, and wait for the exit */
  stop(): Promise<void>
  running(): boolean
}

export const portalSecret = 'multi-process-test-session-secret-0123456789'

export async function portalProcess(
  role: PortalRole,
  env: Record<string, string>,
  options: { port?: number; readyPath?: string; readyTimeoutMs?: number } = {},
): Promise<PortalProcess> {
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  // One process (tsx as a loader, not its CLI, which would run the server in a child of its own): a SIGKILL must
  // reach the server itself.
  const args = ['--import', 'tsx', 'app/server/start.ts']
  if (role !== 'both' && rolesSupported()) args.push(role)
  let child: ChildProcess | null = null
  let output = ''
  let exited: Promise<void> = Promise.resolve()

  const fullEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    PROFILE: 'demo',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: portalSecret,
    SEED_DEMO: 'false',
    ...env,
    PORT: String(port),
  }

  async function start() {
    output = ''
    const proc = spawn(process.execPath, args, {
      env: fullEnv as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    proc.stdout!.on('data', (c: Buffer) => (output += c.toString()))
    proc.stderr!.on('data', (c: Buffer) => (output += c.toString()))
    exited = new Promise((resolve) => proc.once('exit', () => resolve()))
    const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000)
    // A worker without HTTP is ready when it says it started its job queue, or (old start.ts) when it listens.
    const readyPath = options.readyPath ?? '/healthz'
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null)
        throw new Error(`${role} process on ${port} exited during start-up:\n${output.slice(-3000)}`)
      if (role === 'worker' && rolesSupported()) {
        if (/worker|jobs? (started|running)|listening/i.test(output)) return
      } else {
        const ok = await fetch(`${url}${readyPath}`)
          .then((r) => r.status === 200)
          .catch(() => false)
        if (ok) return
      }
      if (Date.now() > deadline)
        throw new Error(`${role} process on ${port} not ready in time:\n${output.slice(-3000)}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  const running = () => child !== null && child.exitCode === null && child.signalCode === null

  return {
    role,
    port,
    url,
    log: () => output,
    start,
    running,
    async kill(signal) {
      if (!running()) return
      child!.kill(signal)
      await exited
    },
    async stop() {
      if (!running()) return
      child!.kill('SIGTERM')
      const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000)
      await exited
      clearTimeout(timer)
    },
  }
}
