import type { Cookie } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database } from '../../db/schema'
import type { FileStorage } from '../modules/files/storage.server'
import type { SessionLookup } from '../modules/auth/session.server'
import type { PaymentsRuntime } from '../modules/payments/runtime.server'
import type { Env } from '../utils/env.server'

/**
 * What the Express server hands every loader and action. Dependencies come in through here (not module
 * singletons), so tests can run the same build against their own database.
 */
export interface AppContext {
  db: Kysely<Database>
  env: Env
  logger: Logger
  nonce: string
  requestId: string
  ip: string
  /** our own origin, e.g. http://localhost:3000 */
  origin: string
  sessionCookie: Cookie
  /** where attachments live (a local folder by default) */
  storage: FileStorage
  /** the payment gateways (and the mock gateway in mock mode) */
  payments: PaymentsRuntime
  /** The session behind this request's cookie, looked up once per request. */
  session(): Promise<SessionLookup & { token: string | null }>
}

declare module '@remix-run/server-runtime' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
  interface Future {
    v3_singleFetch: true
  }
}
