import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

/**
 * A real S3-compatible server for tests: s3rver (npm) on a random loopback port, its objects in a temp folder, the
 * bucket created. Usable in a vitest process and from a child process (tests/setup/s3-server-cli.ts prints the same
 * `env` as one JSON line).
 *
 * - `env`: the STORAGE_DRIVER / S3_* variables that point the portal at it (give them to parseEnv, startTestApp or a
 *   child process's environment);
 * - `stop()`: the server goes away at once (open connections cut), as a crashed S3 would; objects stay on disk;
 * - `restart()`: (stops if running and) starts again on the same port over the same folder: the same objects, the
 *   same `env`;
 * - `close()`: stop and delete the folder (a folder this helper made is also deleted when the process exits).
 *
 * s3rver accepts its own credentials only (S3RVER / S3RVER) and checks every signature with them.
 */
export interface S3TestServer {
  endpoint: string
  port: number
  bucket: string
  accessKeyId: string
  secretAccessKey: string
  directory: string
  env: Record<string, string>
  running(): boolean
  stop(): Promise<void>
  restart(): Promise<void>
  close(): Promise<void>
}

export async function startS3Server(
  options: { bucket?: string; port?: number; directory?: string } = {},
): Promise<S3TestServer> {
  const bucket = options.bucket ?? 'portal-test'
  const ownDirectory = !options.directory
  const directory = options.directory ?? mkdtempSync(path.join(os.tmpdir(), 'portal-s3rver-'))
  const removeDirectory = () => rmSync(directory, { recursive: true, force: true })
  if (ownDirectory) process.once('exit', removeDirectory)
  let port = options.port ?? 0
  let server: S3rver | null = null
  let http: Server | null = null

  async function run() {
    const s3 = new S3rver({
      address: '127.0.0.1',
      port,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket, configs: [] }],
      // Path-style only (the portal sets S3_FORCE_PATH_STYLE); no virtual-host names to resolve.
      vhostBuckets: false,
    })
    const address = (await s3.run()) as AddressInfo
    port = address.port
    server = s3
    http = (s3 as unknown as { httpServer: Server }).httpServer
  }

  async function stop() {
    const s3 = server
    const h = http
    if (!s3 || !h) return
    server = null
    http = null
    const closed = s3.close()
    h.closeAllConnections()
    await closed
  }

  await run()
  const endpoint = `http://127.0.0.1:${port}`
  const accessKeyId = 'S3RVER'
  const secretAccessKey = 'S3RVER'
  return {
    endpoint,
    port,
    bucket,
    accessKeyId,
    secretAccessKey,
    directory,
    env: {
      STORAGE_DRIVER: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    running: () => server !== null,
    stop,
    async restart() {
      await stop()
      await run()
    },
    async close() {
      await stop()
      if (ownDirectory) {
        removeDirectory()
        process.removeListener('exit', removeDirectory)
      }
    },
  }
}
