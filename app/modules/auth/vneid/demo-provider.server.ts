import { createPublicKey, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Env } from '../../../utils/env.server'
import enAuth from '../../../../locales/en/auth.json'
import viAuth from '../../../../locales/vi/auth.json'
import type { ClaimNames } from './claims'
import { acrFor, demoIdentities, type DemoIdentity } from './demo-identities'
import { callbackPath, claimNames } from './relying-party.server'

/**
 * "VNeID (demo)": a real OpenID Provider (`oidc-provider`, certified) for the demo profile and the tests
 * (issue 16 §2). It speaks the real protocol over real HTTP on a loopback port — discovery, JWKS, the
 * authorization endpoint with PKCE required, the token endpoint with the client's secret or private_key_jwt,
 * userinfo, RP-initiated logout — and knows the people of demo-identities.ts. Its sign-in and consent page,
 * and its logout and error pages, are its own (bilingual, accessible); the library's development pages are off.
 * Everything is in memory (oidc-provider's memory adapter): a restart forgets its sessions and grants.
 *
 * `oidc-provider` 9 prints "Unsupported runtime" on Node 20 (it is tested on 22+); it is imported only here, when
 * a demo provider is started, so a live portal never loads it.
 */

type Texts = typeof viAuth.vneidDemo
const textsOf = (lng: 'vi' | 'en'): Texts => (lng === 'en' ? enAuth : viAuth).vneidDemo

export interface DemoClient {
  clientId: string
  clientSecret?: string
  /** PKCS#8 PEM: the demo provider registers its public half for private_key_jwt */
  privateKey?: string
  privateKeyId?: string
  tokenAuth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt'
  redirectUris: string[]
  postLogoutRedirectUris: string[]
}

export interface DemoProviderOptions {
  issuer: string
  client: DemoClient
  claims: ClaimNames
  /** signing keys as private JWKs (tests sign their own tokens with them); generated when absent */
  signingKeys?: Record<string, unknown>[]
}

export interface DemoProvider {
  issuer: string
  /** the private signing JWKs (for tests that forge tokens with the provider's real key) */
  signingKeys: Record<string, unknown>[]
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const style = `
*{box-sizing:border-box}body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#0b0c0c;background:#f3f2f1}
header{background:#b71c1c;color:#fff;padding:.75rem 1rem}header p{margin:0;font-weight:700}
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff}h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{font-weight:700;font-size:1.25rem;margin-bottom:.5rem}
.choice{display:flex;gap:.75rem;align-items:flex-start;margin:.5rem 0;padding:.5rem;border:2px solid #b1b4b6}
.choice input{width:1.5rem;height:1.5rem;margin:.15rem 0 0;flex:none}
ul{padding-left:1.25rem}.hint{color:#505a5f}
button{font:inherit;font-weight:700;padding:.5rem 1rem;margin:0 .5rem .5rem 0;border:2px solid #0b0c0c;cursor:pointer;min-height:44px}
.primary{background:#00703c;color:#fff;border-color:#005a30}.secondary{background:#f3f2f1;color:#0b0c0c}
a{color:#1d70b8}a:focus,button:focus,input:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
.lang{text-align:right;margin:0}
`

function page(lng: 'vi' | 'en', title: string, body: string, switchHref?: string) {
  const t = textsOf(lng)
  const other = lng === 'vi' ? 'en' : 'vi'
  const lang = switchHref
    ? `<p class="lang"><a href="${esc(switchHref)}" lang="${other}" hreflang="${other}">${esc(t.switchLanguage)}</a></p>`
    : ''
  return `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} — ${esc(t.brand)}</title><link rel="stylesheet" href="/vneid-demo.css"></head><body><header><p>${esc(t.brand)}</p></header><main>${lang}<h1>${esc(title)}</h1>${body}</main></body></html>`
}

function lngOf(value: unknown): 'vi' | 'en' {
  const first = String(value ?? '').split(' ')[0]
  return first === 'en' ? 'en' : 'vi'
}

function claimsFor(person: DemoIdentity, names: ClaimNames): Record<string, unknown> {
  return {
    [names.fullName]: person.fullName,
    [names.personalId]: person.personalId,
    [names.birthdate]: person.birthdate,
    [names.gender]: person.gender,
    [names.address]: {
      formatted: `${person.address.street}, ${person.address.ward}, ${person.address.district}, ${person.address.province}`,
      street_address: person.address.street,
      ward: person.address.ward,
      district: person.address.district,
      province: person.address.province,
      country: 'VN',
    },
    [names.phone]: `+84${person.phone.slice(1)}`,
    phone_number_verified: true,
  }
}

/** Builds the provider; `handler` serves it (start it with startDemoIdentityProvider, or mount it in a test). */
export async function createDemoIdentityProvider(options: DemoProviderOptions): Promise<DemoProvider> {
  const { default: Provider } = await import('oidc-provider')
  const { generateKeyPairSync } = await import('node:crypto')
  const signingKeys = options.signingKeys ?? [
    {
      ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as Record<
        string,
        unknown
      >),
      kid: `demo-${randomBytes(6).toString('hex')}`,
      use: 'sig',
      alg: 'RS256',
    },
  ]
  const names = options.claims
  const { client } = options
  // The level is the authentication's acr (chosen on the sign-in page); other claim names follow the portal's
  // configuration, so the same code reads a real provider's vocabulary by configuration only.
  const standard: Record<string, string[]> = {
    profile: [names.fullName, names.birthdate, names.gender],
    address: [names.address],
    phone: [names.phone, 'phone_number_verified'],
    vneid: [names.personalId, ...(names.level === 'acr' ? [] : [names.level])],
  }
  const people = new Map(demoIdentities.map((p) => [p.id, p]))
  // With a custom level claim name, the level of each account's latest sign-in (demo only: one process).
  const lastLevel = new Map<string, 1 | 2>()
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: client.clientId,
        ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
        ...(client.tokenAuth === 'private_key_jwt' && client.privateKey
          ? {
              jwks: {
                keys: [
                  {
                    ...(createPublicKey(client.privateKey).export({ format: 'jwk' }) as Record<
                      string,
                      unknown
                    >),
                    ...(client.privateKeyId ? { kid: client.privateKeyId } : {}),
                  },
                ],
              },
            }
          : {}),
        client_name: 'Cổng Dịch vụ công',
        token_endpoint_auth_method: client.tokenAuth,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: signingKeys as never },
    // acr (the level) under openid: the ID token carries it, as claims of the other scopes go to userinfo.
    claims: { auth_time: null, iss: null, sid: null, openid: ['sub', 'acr'], ...standard },
    scopes: ['openid', ...Object.keys(standard)],
    acrValues: [acrFor(1), acrFor(2)],
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          const lng = lngOf(ctx.oidc.params?.ui_locales)
          const t = textsOf(lng)
          ctx.body = page(
            lng,
            t.logoutTitle,
            `${form}<p>${esc(t.logoutIntro)}</p><button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${esc(t.logoutYes)}</button><button class="secondary" type="submit" form="op.logoutForm">${esc(t.logoutNo)}</button>`,
          )
        },
        postLogoutSuccessSource: async (ctx) => {
          const t = textsOf(lngOf(ctx.oidc.params?.ui_locales))
          ctx.body = page(
            lngOf(ctx.oidc.params?.ui_locales),
            t.loggedOutTitle,
            `<p>${esc(t.loggedOutBody)}</p>`,
          )
        },
      },
    },
    renderError: async (ctx, out) => {
      const lng = lngOf(ctx.oidc?.params?.ui_locales)
      const t = textsOf(lng)
      ctx.type = 'html'
      ctx.body = page(
        lng,
        t.errorTitle,
        `<p>${esc(t.errorBody)}</p><p class="hint"><code>${esc(String(out.error ?? ''))}</code> ${esc(String(out.error_description ?? ''))}</p>`,
      )
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, id) => {
      const person = people.get(id)
      if (!person) return undefined
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...claimsFor(person, names),
          ...(names.level === 'acr' ? {} : { [names.level]: lastLevel.get(id) ?? person.levels[0] }),
        }),
      }
    },
  })

  const send = (res: http.ServerResponse, status: number, html: string) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy':
        "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    })
    res.end(html)
  }

  const readForm = async (req: http.IncomingMessage) => {
    let body = ''
    for await (const chunk of req) {
      body += String(chunk)
      if (body.length > 10_000) throw new Error('body too large')
    }
    return new URLSearchParams(body)
  }

  /** The sign-in and consent page: choose a demo person (and level), see what the portal asks for, agree. */
  async function interactionPage(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    error = false,
  ) {
    const details = await provider.interactionDetails(req, res)
    const lng = url.searchParams.has('lng')
      ? lngOf(url.searchParams.get('lng'))
      : lngOf(details.params.ui_locales)
    const t = textsOf(lng)
    const scopes = String(details.params.scope ?? '').split(' ')
    const asked = (['profile', 'vneid', 'address', 'phone'] as const).filter((s) => scopes.includes(s))
    const consentOnly = details.prompt.name === 'consent'
    const who = consentOnly ? people.get(String(details.session?.accountId)) : undefined
    const choices = demoIdentities
      .flatMap((p) => p.levels.map((level) => ({ p, level })))
      .map(
        ({ p, level }, i) =>
          `<div class="choice"><input type="radio" name="identity" id="identity-${i}" value="${esc(`${p.id}:${level}`)}"${i === 0 ? ' checked' : ''}><label for="identity-${i}">${esc(t.identityOption.replace('{{name}}', p.fullName).replace('{{number}}', p.personalId).replace('{{level}}', String(level)))}</label></div>`,
      )
      .join('')
    const body = `
${error ? `<p role="alert"><strong>${esc(t.chooseError)}</strong></p>` : ''}
<p>${esc(t.intro)}</p>
<form method="post" action="/interaction/${esc(details.uid)}">
<input type="hidden" name="lng" value="${lng}">
${
  consentOnly
    ? `<p>${esc(t.signedInAs.replace('{{name}}', who?.fullName ?? ''))}</p>`
    : `<fieldset><legend>${esc(t.chooseIdentity)}</legend><p class="hint">${esc(t.chooseHint)}</p>${choices}</fieldset>`
}
<h2>${esc(t.consentTitle)}</h2>
<p>${esc(t.consentIntro)}</p>
<ul>${asked.map((s) => `<li>${esc(t.scopes[s])}</li>`).join('')}</ul>
<button class="primary" type="submit" name="decision" value="allow">${esc(t.allow)}</button>
<button class="secondary" type="submit" name="decision" value="deny">${esc(t.deny)}</button>
</form>`
    send(
      res,
      error ? 400 : 200,
      page(
        lng,
        consentOnly ? t.consentTitle : t.title,
        body,
        `${url.pathname}?lng=${lng === 'vi' ? 'en' : 'vi'}`,
      ),
    )
  }

  async function finishInteraction(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const form = await readForm(req)
    const details = await provider.interactionDetails(req, res)
    if (form.get('decision') !== 'allow') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person did not agree' },
        { mergeWithLastSubmission: false },
      )
    }
    let accountId = details.session?.accountId
    let login: { accountId: string; acr: string; amr: string[] } | undefined
    if (details.prompt.name === 'login') {
      const [id, levelText] = String(form.get('identity') ?? '').split(':')
      const person = people.get(id)
      const level = Number(levelText) as 1 | 2
      if (!person || !person.levels.includes(level)) return interactionPage(req, res, url, true)
      lastLevel.set(person.id, level)
      accountId = person.id
      login = { accountId: person.id, acr: acrFor(level), amr: ['pwd'] }
    }
    if (!accountId) return interactionPage(req, res, url, true)
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: String(details.params.client_id) })
    if (!grant) return interactionPage(req, res, url, true)
    grant.addOIDCScope(String(details.params.scope ?? 'openid'))
    const grantId = await grant.save()
    return provider.interactionFinished(
      req,
      res,
      { ...(login ? { login } : {}), consent: { grantId } },
      { mergeWithLastSubmission: false },
    )
  }

  const callback = provider.callback()
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://provider.invalid')
    const interaction = /^\/interaction\/([\w-]+)$/.exec(url.pathname)
    const run = async () => {
      if (url.pathname === '/vneid-demo.css') {
        res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' })
        return void res.end(style)
      }
      if (interaction && req.method === 'GET') return interactionPage(req, res, url)
      if (interaction && req.method === 'POST') return finishInteraction(req, res, url)
      return callback(req, res)
    }
    run().catch(() => {
      if (res.headersSent) return void res.end()
      // An interaction that expired or is unknown (a stale tab, a replayed form): say so, in both languages.
      const t = textsOf('vi')
      const en = textsOf('en')
      send(
        res,
        400,
        page('vi', t.expiredTitle, `<p>${esc(t.expiredBody)}</p><p lang="en">${esc(en.expiredBody)}</p>`),
      )
    })
  }
  return { issuer: options.issuer, signingKeys, handler }
}

/** The demo client as the portal's configuration describes it; the redirect URIs the portal may use on this machine. */
export function demoClientOf(env: Env, portalOrigins: string[]): DemoClient {
  const origins = [...new Set(portalOrigins.map((o) => o.replace(/\/+$/, '')))]
  return {
    clientId: env.VNEID_CLIENT_ID,
    clientSecret: env.VNEID_CLIENT_SECRET,
    privateKey: env.VNEID_PRIVATE_KEY,
    privateKeyId: env.VNEID_PRIVATE_KEY_ID,
    tokenAuth: env.VNEID_TOKEN_AUTH ?? 'client_secret_basic',
    redirectUris: env.VNEID_REDIRECT_URL
      ? [env.VNEID_REDIRECT_URL]
      : origins.map((o) => `${o}${callbackPath}`),
    postLogoutRedirectUris: env.VNEID_POST_LOGOUT_REDIRECT_URL
      ? [env.VNEID_POST_LOGOUT_REDIRECT_URL]
      : origins.map((o) => `${o}/`),
  }
}

/**
 * `npm start` in the demo profile (VNEID_PROVIDER=demo): "VNeID (demo)" on 127.0.0.1:VNEID_DEMO_PORT for the
 * portal at PORT (localhost, 127.0.0.1 and PUBLIC_URL as redirect origins). Returns null when VNeID is not the
 * demo. Refused in the live profile by the environment's check already.
 */
export async function startDemoIdentityProvider(
  env: Env,
): Promise<{ issuer: string; close: () => Promise<void> } | null> {
  if (env.VNEID_PROVIDER !== 'demo' || env.PROFILE !== 'demo' || !env.VNEID_ISSUER) return null
  const origins = [
    `http://localhost:${env.PORT}`,
    `http://127.0.0.1:${env.PORT}`,
    ...(env.PUBLIC_URL ? [env.PUBLIC_URL] : []),
  ]
  const demo = await createDemoIdentityProvider({
    issuer: env.VNEID_ISSUER,
    client: demoClientOf(env, origins),
    claims: claimNames(env),
  })
  const server = http.createServer(demo.handler)
  const port = Number(new URL(env.VNEID_ISSUER).port) || (env.VNEID_DEMO_PORT ?? env.PORT + 1)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
