/**
 * A newcomer's first `npm start` (issue 12 §6): a fresh clone of the committed HEAD, its dependencies already
 * installed (node_modules hard-linked from this checkout: `npm install` is not what is timed), no DATABASE_URL.
 * Timed from the spawn of `npm start` to the first `/healthz` answering 200 "ok": the build, a new embedded
 * PostgreSQL cluster (initdb), the migrations and the demo seed are all inside. Target ≤ 15 s. The server is then
 * stopped with SIGTERM and the clone removed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const COLD_START_TARGET_S = 15

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

export async function benchColdStart(log: (line: string) => void, root = process.cwd()) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-cold-'))
  // As root, PostgreSQL's binaries run as `postgres`, who must be able to reach them in the clone (mkdtemp: 0700).
  chmodSync(dir, 0o755)
  const clone = path.join(dir, 'portal')
  const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { stdio: 'inherit' })
  if (cloned.status !== 0) throw new Error('git clone failed')
  // Hard links are instant on one file system; elsewhere a symlink does (Node resolves through it).
  const linked = spawnSync('cp', ['-al', path.join(root, 'node_modules'), path.join(clone, 'node_modules')])
  if (linked.status !== 0) symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'))
  const port = await freePort()
  // A newcomer's shell: no database and no NODE_ENV of ours (npm start sets its own).
  const { DATABASE_URL: _database, NODE_ENV: _nodeEnv, ...inherited } = process.env
  const env = { ...inherited, PORT: String(port), LOG_LEVEL: 'warn' } as unknown as NodeJS.ProcessEnv
  const started = performance.now()
  const child = spawn('npm', ['start'], {
    cwd: clone,
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
  let seconds: number | null = null
  try {
    const deadline = started + 120_000
    while (performance.now() < deadline && child.exitCode === null) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`)
        if (response.status === 200 && (await response.text()).includes('"ok"')) {
          seconds = (performance.now() - started) / 1000
          break
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    if (seconds === null) {
      const why =
        child.exitCode !== null ? `npm start exited with ${child.exitCode}` : 'no healthy answer within 120 s'
      log(`cold start: ${why}${stderr ? `:\n${stderr}` : ''}`)
    }
  } finally {
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      const force = setTimeout(() => {
        if (child.pid) process.kill(-child.pid, 'SIGKILL')
        resolve()
      }, 30_000)
      child.once('exit', () => {
        clearTimeout(force)
        resolve()
      })
    })
    // The embedded cluster's own folder when the clone's was not reachable as root (db/embedded.ts).
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true })
  }
  if (seconds !== null) {
    const met = seconds <= COLD_START_TARGET_S
    log(
      `cold npm start → /healthz 200: ${seconds.toFixed(1)} s (target ≤ ${COLD_START_TARGET_S} s)${met ? '' : '  MISSED'}`,
    )
  }
  return { seconds, target: COLD_START_TARGET_S, met: seconds !== null && seconds <= COLD_START_TARGET_S }
}
