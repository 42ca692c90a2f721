import { createHash, createPrivateKey, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import * as oidc from 'openid-client'
import type { Database } from '../../../../db/schema'
import type { Env } from '../../../utils/env.server'
import { ClaimsError, normaliseClaims, type ClaimNames, type VerifiedClaims } from './claims'

/**
 * The portal as an OpenID Connect relying party of VNeID (issue 16), on `openid-client` 6: discovery, the
 * authorization code flow with PKCE (S256), `state` and `nonce`, the ID token checked by the library (signature
 * by the provider's published keys with the algorithm registered for the client — RS256 — so `alg: none` and an
 * HMAC made with the public key are refused; `iss`, `aud`, `azp`, `exp`, `iat`, `nonce`), userinfo for the
 * claims, client authentication by client secret or `private_key_jwt`, and RP-initiated logout.
 *
 * What the library cannot know is kept here: each authorization request is a row (`vneid_logins`) keyed by the
 * sha256 of a random token in the browser's cookie and deleted when its callback arrives, so a callback is
 * accepted once, only from the browser that started it (a login CSRF finds no row), within ten minutes; a
 * replayed callback or a replayed ID token meets no row or the wrong nonce; a replayed code is refused by the
 * provider.
 */

/** The provider could not be reached (or answered 5xx / not JSON): the page says so, password login still works. */
export class ProviderUnavailableError extends Error {}
/** The callback or the provider's answer failed a check: nothing is signed in. `reason` goes to the log only. */
export class CallbackRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`VNeID callback refused: ${reason}`)
  }
}

const loginTtlMs = 10 * 60_000
export const callbackPath = '/auth/vneid/callback'

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')

export function claimNames(env: Env): ClaimNames {
  return {
    personalId: env.VNEID_CLAIM_PERSONAL_ID,
    fullName: env.VNEID_CLAIM_FULL_NAME,
    birthdate: env.VNEID_CLAIM_BIRTHDATE,
    gender: env.VNEID_CLAIM_GENDER,
    address: env.VNEID_CLAIM_ADDRESS,
    phone: env.VNEID_CLAIM_PHONE,
    level: env.VNEID_CLAIM_LEVEL,
  }
}

export const vneidEnabled = (env: Env) => env.VNEID_PROVIDER !== 'off' && !!env.VNEID_ISSUER

/** Plain http only towards a provider on this machine (the demo provider, the tests); live needs https (env). */
function loopbackHttp(issuer: URL) {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname)
}

async function clientAuth(env: Env): Promise<oidc.ClientAuth> {
  switch (env.VNEID_TOKEN_AUTH) {
    case 'private_key_jwt': {
      const keyObject = createPrivateKey(env.VNEID_PRIVATE_KEY ?? '')
      const der = keyObject.export({ format: 'der', type: 'pkcs8' })
      const algorithm =
        keyObject.asymmetricKeyType === 'ec'
          ? { name: 'ECDSA', namedCurve: 'P-256' }
          : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      const key = await crypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign'])
      return oidc.PrivateKeyJwt({ key, kid: env.VNEID_PRIVATE_KEY_ID })
    }
    case 'client_secret_post':
      return oidc.ClientSecretPost(env.VNEID_CLIENT_SECRET)
    default:
      return oidc.ClientSecretBasic(env.VNEID_CLIENT_SECRET)
  }
}

// Discovery is cached per provider and client (a failed one is forgotten, so the next click tries again).
const configurations = new Map<string, Promise<oidc.Configuration>>()

export async function rpConfiguration(env: Env): Promise<oidc.Configuration> {
  if (!vneidEnabled(env)) throw new ProviderUnavailableError('VNeID is off')
  const issuer = new URL(env.VNEID_ISSUER!)
  const key = [issuer.href, env.VNEID_CLIENT_ID, env.VNEID_TOKEN_AUTH, env.VNEID_TIMEOUT_SECONDS].join(' ')
  let pending = configurations.get(key)
  if (!pending) {
    pending = (async () =>
      oidc.discovery(
        issuer,
        env.VNEID_CLIENT_ID,
        // The ID token must be signed with RS256 by a key of the provider's JWKS (never none, never HMAC).
        { id_token_signed_response_alg: 'RS256' },
        await clientAuth(env),
        {
          timeout: env.VNEID_TIMEOUT_SECONDS,
          // The ID token's signature is verified too (by default the library trusts the TLS channel to the
          // token endpoint, OIDC Core §3.1.3.7 step 6): a token not signed by the provider's key is refused.
          execute: [
            oidc.enableNonRepudiationChecks,
            ...(loopbackHttp(issuer) ? [oidc.allowInsecureRequests] : []),
          ],
        },
      ))()
    configurations.set(key, pending)
    pending.catch(() => configurations.delete(key))
  }
  try {
    return await pending
  } catch (error) {
    throw new ProviderUnavailableError(`discovery failed: ${describe(error)}`)
  }
}

/** Whether an error means the provider is unreachable or broken, rather than a check that failed. */
function isUnavailable(error: unknown): boolean {
  type Chain = { message?: unknown; code?: unknown; name?: unknown; cause?: unknown; status?: unknown }
  for (let e = error as Chain | undefined; e; e = e.cause as Chain | undefined) {
    const { name, message, code, status } = e
    if (e instanceof ProviderUnavailableError) return true
    if (name === 'TypeError' && /fetch failed/i.test(String(message))) return true
    if (name === 'TimeoutError' || name === 'AbortError') return true
    if (['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND'].includes(String(code)))
      return true
    if (typeof status === 'number' && status >= 500) return true
  }
  return false
}

function describe(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined
  const cause = e?.cause ? ` (${describe(e.cause)})` : ''
  return `${String(e?.code ?? '')} ${String(e?.message ?? error)}`.trim() + cause
}

/**
 * Starts a sign-in: records the request (state, nonce, PKCE verifier, where to land) and returns the provider's
 * authorization URL and the token for the browser's cookie. `prompt: 'login'` asks the provider to sign in
 * afresh (raising the identity level), rather than reuse its own session.
 */
export async function beginLogin(
  db: Kysely<Database>,
  env: Env,
  input: { origin: string; redirectTo: string; lng: 'vi' | 'en'; prompt?: 'login'; now?: Date },
): Promise<{ url: string; token: string; maxAgeSeconds: number }> {
  const config = await rpConfiguration(env)
  const now = input.now ?? new Date()
  const token = randomBytes(32).toString('base64url')
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const redirectUri = env.VNEID_REDIRECT_URL ?? `${input.origin}${callbackPath}`
  await db.deleteFrom('vneid_logins').where('expires_at', '<', now).execute()
  await db
    .insertInto('vneid_logins')
    .values({
      id: hashToken(token),
      state,
      nonce,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
      redirect_to: input.redirectTo,
      expires_at: new Date(now.getTime() + loginTtlMs),
    })
    .execute()
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: env.VNEID_SCOPES,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ui_locales: input.lng,
    ...(input.prompt ? { prompt: input.prompt } : {}),
  })
  return { url: url.href, token, maxAgeSeconds: loginTtlMs / 1000 }
}

export interface VerifiedSignIn {
  issuer: string
  subject: string
  claims: VerifiedClaims
  level: 1 | 2
  idToken: string
  redirectTo: string
}

/**
 * Completes a sign-in from the callback URL and the browser's cookie token. The request row is taken (deleted)
 * first, so whatever happens next the same callback cannot be used again. Throws CallbackRefusedError on any
 * failed check (no or unknown cookie, expired, state mismatch, an error from the provider, a token the library
 * refuses, claims without the number or the level) and ProviderUnavailableError when the provider cannot be
 * reached.
 */
export async function completeLogin(
  db: Kysely<Database>,
  env: Env,
  input: { callbackUrl: URL; token: string | null; now?: Date },
): Promise<VerifiedSignIn> {
  const now = input.now ?? new Date()
  if (!input.token) throw new CallbackRefusedError('no login cookie')
  const row = await db
    .deleteFrom('vneid_logins')
    .where('id', '=', hashToken(input.token))
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new CallbackRefusedError('unknown or used login')
  if (row.expires_at <= now) throw new CallbackRefusedError('login expired')
  const providerError = input.callbackUrl.searchParams.get('error')
  if (providerError) throw new CallbackRefusedError(`provider said ${providerError.slice(0, 60)}`)
  const config = await rpConfiguration(env)
  // The token request names the redirect_uri the authorization request used, whatever Host this request came by.
  const current = new URL(row.redirect_uri)
  current.search = input.callbackUrl.search
  try {
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: row.code_verifier,
      expectedState: row.state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    })
    const idClaims = tokens.claims()
    if (!idClaims || !tokens.id_token) throw new CallbackRefusedError('no ID token')
    const userinfo = config.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      : {}
    const { claims, level } = normaliseClaims({ ...idClaims, ...userinfo }, claimNames(env))
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      claims,
      level,
      idToken: tokens.id_token,
      redirectTo: row.redirect_to,
    }
  } catch (error) {
    if (error instanceof CallbackRefusedError) throw error
    if (error instanceof ClaimsError) throw new CallbackRefusedError(`claims lack the ${error.message}`)
    if (isUnavailable(error)) throw new ProviderUnavailableError(describe(error))
    throw new CallbackRefusedError(describe(error))
  }
}

/**
 * Where to send the browser to end the provider's session too (RP-initiated logout), or null when the provider
 * offers none or cannot be reached now (the portal's session is ended either way).
 */
export async function endSessionUrl(
  env: Env,
  input: { idToken: string | null; origin: string },
): Promise<string | null> {
  if (!vneidEnabled(env)) return null
  try {
    const config = await rpConfiguration(env)
    if (!config.serverMetadata().end_session_endpoint) return null
    const url = oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: env.VNEID_POST_LOGOUT_REDIRECT_URL ?? `${input.origin}/`,
      ...(input.idToken ? { id_token_hint: input.idToken } : { client_id: env.VNEID_CLIENT_ID }),
    })
    return url.href
  } catch {
    return null
  }
}
