import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { FileStorage } from '../../app/modules/files/storage.server'
import { createApp } from '../../app/server/app'
import { loadBuild } from '../../app/server/build'
import { createLogger } from '../../app/server/logger'

/**
 * The real production build behind the real Express app, on a random loopback port, over this file's database.
 * As in `npm start`, the app's side (environment, gateways, storage) comes from the build's entry, so the routes
 * and the gateways share one copy of each module. The test file's own imports of app/ are a second copy: hand
 * `payments` to a module function imported from source only where the test does not tell errors by their class.
 */
export async function startTestApp(
  db: Kysely<Database>,
  env: Record<string, string> = {},
  options: { storage?: FileStorage } = {},
) {
  const build = await loadBuild()
  const { createPaymentsRuntime, createStorage, LocalFolderStorage, parseEnv } = build.entry.module
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'portal-test-uploads-'))
  // Listen first: the mock gateway needs our address to send its webhooks and IPNs back.
  const server = http.createServer()
  server.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Production refuses the mock gateway: give such tests a real-provider configuration they never call.
  const productionPayments =
    env.NODE_ENV === 'production' && !env.PAYMENT_PROVIDER
      ? {
          PAYMENT_PROVIDER: 'vnpay',
          VNPAY_TMN_CODE: 'PRODTEST',
          VNPAY_HASH_SECRET: 'production-test-hash-secret',
        }
      : {}
  const parsedEnv = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...productionPayments, ...env })
  const payments = createPaymentsRuntime(parsedEnv, {
    publicUrl: baseUrl,
    retryDelayMs: 50,
    gatewayTimeoutMs: 1500,
  })
  // A folder in a temp dir by default; `env` with STORAGE_DRIVER=s3 (tests/setup/s3-server.ts) gives the store the
  // build makes of it, as `npm start` would; or the caller's own store.
  const storage: FileStorage =
    options.storage ??
    (parsedEnv.STORAGE_DRIVER === 's3' ? createStorage(parsedEnv) : new LocalFolderStorage(storageDir))
  const app = createApp({
    build,
    db,
    env: parsedEnv,
    logger: createLogger('silent'),
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    publicDir: path.resolve('public'),
    storage,
    payments,
  })
  server.on('request', app)
  return {
    baseUrl,
    payments,
    storage,
    client: () => new Client(baseUrl),
    close: () =>
      new Promise<void>((resolve) => {
        payments.close()
        server.closeAllConnections()
        rmSync(storageDir, { recursive: true, force: true })
        server.close(() => resolve())
      }),
  }
}

/** A browser-like HTTP client: keeps cookies, sends our Origin on posts, does not follow redirects. */
export class Client {
  cookies = new Map<string, string>()
  constructor(readonly baseUrl: string) {}

  async request(pathname: string, init: RequestInit & { form?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    let body = init.body
    if (init.form) {
      body = new URLSearchParams(init.form)
      headers.set('content-type', 'application/x-www-form-urlencoded')
    }
    const method = init.method ?? (init.form ? 'POST' : 'GET')
    if (method !== 'GET' && !headers.has('origin')) headers.set('origin', this.baseUrl)
    const res = await fetch(new URL(pathname, this.baseUrl), {
      ...init,
      method,
      body,
      headers,
      redirect: 'manual',
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';')
      const [name, ...rest] = pair.split('=')
      const value = rest.join('=')
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()))
      if (expired || value === '') this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
    return res
  }

  get(pathname: string, init: RequestInit = {}) {
    return this.request(pathname, init)
  }

  post(pathname: string, form: Record<string, string>, init: RequestInit = {}) {
    return this.request(pathname, { ...init, form })
  }

  async login(email: string, password: string) {
    const res = await this.post('/login', { email, password })
    if (res.status !== 302) throw new Error(`login of ${email} answered ${res.status}`)
    return res
  }
}

/**
 * One request over node:http, headers exactly as given (fetch would not send a `Host` of our choosing, nor a body
 * that is not what its content type says): for the attacks on the server's first lines.
 */
export function rawRequest(
  baseUrl: string,
  pathname: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: init.method ?? 'GET',
        path: pathname,
        headers: { host: url.host, ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}
