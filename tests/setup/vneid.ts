import { createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDemoIdentityProvider, demoClientOf } from '../../app/modules/auth/vneid/demo-provider.server'
import { claimNames } from '../../app/modules/auth/vneid/relying-party.server'
import { parseEnv } from '../../app/utils/env.server'
import type { Client } from './http'

/**
 * "VNeID (demo)" for integration tests, in this process on a loopback port, behind a small relay that can
 * rewrite the token endpoint's answer (to hand the portal an expired, wrongly signed, `alg: none`, HMAC-with-the-
 * public-key or replayed ID token, as a malicious or broken provider would). The portal talks to it over real
 * HTTP with the real protocol; the relay only changes bytes on the wire.
 */
export async function startTestProvider(env: Record<string, string>) {
  const front = http.createServer()
  front.listen(0, '127.0.0.1')
  await new Promise((r) => front.once('listening', r))
  const issuer = `http://127.0.0.1:${(front.address() as AddressInfo).port}`
  const portalEnv = { ...env, VNEID_ISSUER: issuer }
  let tamper: ((idToken: string) => string) | null = null
  let down = false
  const tokens: string[] = []
  return {
    issuer,
    portalEnv,
    tokens,
    /** rewrite the next token responses' id_token (null: pass them unchanged) */
    setTamper(fn: ((idToken: string) => string) | null) {
      tamper = fn
    },
    setDown(value: boolean) {
      down = value
    },
    async register(portalOrigin: string) {
      const parsed = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...portalEnv })
      const demo = await createDemoIdentityProvider({
        issuer,
        client: demoClientOf(parsed, [portalOrigin]),
        claims: claimNames(parsed),
      })
      const back = http.createServer(demo.handler)
      back.listen(0, '127.0.0.1')
      await new Promise((r) => back.once('listening', r))
      const backPort = (back.address() as AddressInfo).port
      front.on('request', (req, res) => {
        if (down) return void res.socket?.destroy()
        const upstream = http.request(
          { host: '127.0.0.1', port: backPort, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            const isToken = req.url?.startsWith('/token')
            if (!isToken) {
              res.writeHead(answer.statusCode ?? 500, answer.headers)
              return void answer.pipe(res)
            }
            const chunks: Buffer[] = []
            answer.on('data', (c: Buffer) => chunks.push(c))
            answer.on('end', () => {
              let body = Buffer.concat(chunks).toString()
              const json = JSON.parse(body) as { id_token?: string }
              if (json.id_token) {
                tokens.push(json.id_token)
                if (tamper) json.id_token = tamper(json.id_token)
                body = JSON.stringify(json)
              }
              const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) }
              res.writeHead(answer.statusCode ?? 500, headers)
              res.end(body)
            })
          },
        )
        req.pipe(upstream)
      })
      return demo
    },
    close: () =>
      new Promise<void>((resolve) => {
        front.closeAllConnections()
        front.close(() => resolve())
      }),
  }
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

export function decodeJwt(token: string) {
  const [h, p] = token.split('.')
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>,
  }
}

/** An RS256 JWS over `payload` with a private JWK (the provider's own, or another with the same kid). */
export function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, jwk: object) {
  const input = `${b64({ ...header, alg: 'RS256' })}.${b64(payload)}`
  const key = createPrivateKey({ key: jwk as never, format: 'jwk' })
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url')
  return `${input}.${signature}`
}

export function otherRsaJwk(kid: string) {
  return { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid }
}

/**
 * A citizen's sign-in through the demo provider, as a browser does it: the portal's button, the provider's
 * sign-in and consent page (choosing `identity`, e.g. 'vneid-demo-an:2'), back to the portal's callback.
 * Returns the callback's answer (and the callback path, for replays).
 */
export async function vneidSignIn(
  portal: Client,
  provider: Client,
  identity: string,
  options: { redirectTo?: string; beforeCallback?: (callback: URL) => URL; prompt?: 'login' } = {},
) {
  const start = await portal.post('/auth/vneid', {
    redirectTo: options.redirectTo ?? '/',
    ...(options.prompt ? { prompt: options.prompt } : {}),
  })
  if (start.status !== 302) throw new Error(`POST /auth/vneid answered ${start.status}`)
  const authorize = new URL(start.headers.get('location')!)
  let res = await provider.get(authorize.pathname + authorize.search)
  let location = new URL(res.headers.get('location') ?? '', provider.baseUrl)
  let html = ''
  // Without a session at the provider (or with prompt=login): its sign-in and consent page.
  if (location.origin === provider.baseUrl) {
    const page = await provider.get(location.pathname)
    html = await page.text()
    if (page.status !== 200) throw new Error(`interaction page answered ${page.status}`)
    res = await provider.post(location.pathname, { identity, decision: 'allow', lng: 'vi' })
    // resume → the portal's callback
    for (let hops = 0; hops < 5; hops++) {
      location = new URL(res.headers.get('location') ?? '', provider.baseUrl)
      if (location.origin !== provider.baseUrl) break
      res = await provider.get(location.pathname + location.search)
    }
  }
  const callback = options.beforeCallback ? options.beforeCallback(location) : location
  const answer = await portal.get(callback.pathname + callback.search)
  return { answer, callback, authorize, interactionHtml: html }
}
