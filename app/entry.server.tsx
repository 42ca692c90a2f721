import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { stripTrailingNuls } from './utils/html-stream.server'
import { I18nextProvider } from 'react-i18next'
import { getLng, i18nFor } from './i18n/i18next.server'
import { NonceProvider } from './utils/nonce'

export const streamTimeout = 5_000

/*
 * The server process (app/server/start.ts, and the tests' app in tests/setup/http.ts) reaches application code
 * only through the build: these exports, read as `build.entry.module.<name>`, and the routes. So every module is
 * loaded once, in one graph, and a class has one identity wherever its instances travel (README, Decisions).
 * Only the migrate/seed CLI (app/server/cli.ts, a process of its own) imports db/ directly.
 */
export { createDb } from '../db/create-db'
export { embeddedClusterExists, ensureDatabase, startEmbedded, withDatabase } from '../db/embedded'
export { migrateOrThrow, migrationState } from '../db/migrate'
export { seedFinanceHistory } from '../db/seed/finance-history'
export { seedDemoHistory } from '../db/seed/history'
export { seedCityCatalogue, seedDemo, seedDemoSigning, startDemoSigningKeys } from '../db/seed/seed'
export { seedVolume } from '../db/seed/volume'
export { isLng } from './i18n/config'
export { lngCookie } from './i18n/lng-cookie.server'
export { resources } from './i18n/resources'
export { hashPassword } from './modules/auth/password.server'
export { createSessionCookie, lookupSession } from './modules/auth/session.server'
export {
  createDemoIdentityProvider,
  demoClientOf,
  startDemoIdentityProvider,
} from './modules/auth/vneid/demo-provider.server'
export { claimNames } from './modules/auth/vneid/relying-party.server'
export { LocalFolderStorage } from './modules/files/storage.server'
export { startStorageCleanup } from './modules/files/cleanup.server'
export { createStorage } from './modules/files/storage-config.server'
export { createBoss, ensureQueues } from './modules/notifications/boss.server'
export { portalUrl, startNotificationWorker } from './modules/notifications/worker.server'
export { startSettlementImports } from './modules/finance/import-gateway.server'
export { startPaymentPolling } from './modules/payments/poll.server'
export { createPaymentsRuntime } from './modules/payments/runtime.server'
export { EnvError, httpsOnly, parseEnv, trustProxySetting } from './utils/env.server'

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const lng = await getLng(request)
  const i18n = i18nFor(lng)
  const nonce = loadContext.nonce
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = stripTrailingNuls()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) loadContext.logger.error({ err: error }, 'render error')
        },
      },
    )
    setTimeout(abort, streamTimeout + 1_000)
  })
}

export function handleError(
  error: unknown,
  { request, context }: { request: Request; context: AppLoadContext },
) {
  if (request.signal.aborted) return
  context.logger?.error({ err: error, path: new URL(request.url).pathname }, 'unhandled error')
}
