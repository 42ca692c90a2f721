import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client } from '../setup/http'
import { actors, expected, matrix, setUpMatrix, type Actor, type Row } from './access-matrix'

/**
 * The attack suite over every action of the access matrix (issue 11): cross-site posts and malformed bodies on
 * each one, as the actor the matrix lets through (so the attack meets the action itself, not its guard), and
 * sessions that must not be fixed or reused. Holes found by the outside review have their own files
 * (security-*.test.ts); XSS payloads are rendered in Chromium by tests/e2e/attacks.spec.ts.
 */

let world: Awaited<ReturnType<typeof setUpMatrix>>
beforeAll(async () => {
  world = await setUpMatrix()
}, 120_000)
afterAll(() => world?.close())

const actions = matrix.filter((r) => r.method === 'POST')
/** Gateway callbacks are server-to-server: exempt from the same-origin rule, authenticated by signature. */
const callback = (row: Row) => row.route.startsWith('webhooks.')

/**
 * The actor the matrix lets furthest into the action (not sent to login, not refused, not 404); citizen A where
 * nobody gets further (the action's own 404 is then the answer under attack).
 */
function insider(row: Row): Actor {
  const cells = expected(row)
  return actors.find((a) => !['login', 403, 404].includes(cells[a])) ?? 'citizenA'
}

async function dossierState() {
  return world.t.db
    .selectFrom('dossiers')
    .select(['status', 'version'])
    .where('code', '=', world.fixture.code)
    .executeTakeFirstOrThrow()
}

describe('cross-site requests', () => {
  it('are refused with 403 on every action, whoever is signed in, and change nothing', async () => {
    const before = await dossierState()
    const failures: string[] = []
    for (const row of actions.filter((r) => !callback(r))) {
      const actor = insider(row)
      const path = row.path(world.fixture)
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
        // No usable Origin and no Sec-Fetch-Site (a stripped request): refused as well.
        { origin: '' },
      ]) {
        const res = await world.clients[actor].request(path, {
          method: 'POST',
          headers,
          form: row.form?.(world.fixture) ?? {},
        })
        const body = await res.text()
        if (res.status !== 403)
          failures.push(`${path} as ${actor} with ${JSON.stringify(headers)}: ${res.status}`)
        if (/\bat .+\.(js|ts):\d+/.test(body)) failures.push(`${path}: a stack in the answer`)
      }
    }
    expect(failures).toEqual([])
    expect(await dossierState()).toEqual(before)
  }, 120_000)

  it('do not concern the signed gateway callbacks, which answer by their signature', async () => {
    for (const row of actions.filter(callback)) {
      const res = await world.clients.anon.request(row.path(world.fixture), {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        form: row.form?.(world.fixture) ?? {},
      })
      expect(res.status, row.route).toBe(400)
    }
  })
})

describe('malformed bodies', () => {
  /** `strict`: refused whatever the action; the others may also be answered before the body is read (302). */
  const bodies: { name: string; strict?: boolean; headers: Record<string, string>; body: string }[] = [
    {
      name: 'JSON instead of a form',
      strict: true,
      headers: { 'content-type': 'application/json' },
      body: '{"email":1,"intent":[1]}',
    },
    {
      name: 'a broken multipart body',
      headers: { 'content-type': 'multipart/form-data; boundary=----x' },
      body: '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
    },
    {
      name: 'a form with a broken escape',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'intent=%E0%A4%A&version=%ZZ',
    },
    { name: 'no content type', strict: true, headers: {}, body: '\u0000\u0001\u0002' },
  ]

  it('never get a 500 or a stack on any action, and a body no page sends gets a 4xx', async () => {
    const before = await dossierState()
    const failures: string[] = []
    for (const row of actions) {
      const actor = insider(row)
      const path = row.path(world.fixture)
      for (const b of bodies) {
        const res = await world.clients[actor].request(path, {
          method: 'POST',
          headers: b.headers,
          body: b.body,
        })
        const text = await res.text()
        if (res.status >= 500 || (b.strict && res.status < 400))
          failures.push(`${path} as ${actor}, ${b.name}: ${res.status}`)
        if (/"stack"|\bat .+\.(js|ts):\d+/.test(text))
          failures.push(`${path} as ${actor}, ${b.name}: a stack`)
      }
    }
    expect(failures).toEqual([])
    expect(await dossierState()).toEqual(before)
  }, 120_000)
})

describe('sessions', () => {
  const sessionCookie = (c: Client) => [...c.cookies.keys()].find((k) => /sid$/.test(k))

  it('are not fixed: a session id planted before sign-in is not the one the sign-in gives, and opens nothing', async () => {
    const victim = new Client(world.app.baseUrl)
    await victim.login('reception.stp@example.gov.vn', 'CanBo@2026')
    const name = sessionCookie(victim)!
    expect(name).toBeTruthy()
    const planted = 'attacker-chosen-session-value'
    const client = new Client(world.app.baseUrl)
    client.cookies.set(name, planted)
    await client.login('reception.stp@example.gov.vn', 'CanBo@2026')
    expect(client.cookies.get(name)).not.toBe(planted)
    const attacker = new Client(world.app.baseUrl)
    attacker.cookies.set(name, planted)
    const res = await attacker.get('/officer')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login/)
  })

  it('cannot be reused after sign-out', async () => {
    const client = new Client(world.app.baseUrl)
    await client.login('finance.stp@example.gov.vn', 'CanBo@2026')
    const name = sessionCookie(client)!
    const stolen = client.cookies.get(name)!
    expect((await client.get('/finance')).status).toBe(200)
    const out = await client.post('/logout', {})
    expect(out.status).toBe(302)
    const replay = new Client(world.app.baseUrl)
    replay.cookies.set(name, stolen)
    const res = await replay.get('/finance')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login/)
  })
})
