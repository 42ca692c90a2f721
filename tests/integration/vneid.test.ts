import { createHmac, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../app/modules/auth/password.server'
import { demoCitizen, demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { completeJudicialDraft, JUDICIAL } from '../setup/factories'
import { Client, startTestApp } from '../setup/http'
import { decodeJwt, otherRsaJwk, signRs256, startTestProvider, vneidSignIn } from '../setup/vneid'

/**
 * VNeID sign-in over OpenID Connect (issue 16), against "VNeID (demo)" (oidc-provider) over real HTTP: the
 * portal is configured as for a real provider (VNEID_PROVIDER=oidc, an issuer, a client secret), so these tests
 * also show that configuration alone points the same code at another provider.
 */
let t: Awaited<ReturnType<typeof createTestDb>>
let app: Awaited<ReturnType<typeof startTestApp>>
let op: Awaited<ReturnType<typeof startTestProvider>>
let demo: Awaited<ReturnType<Awaited<ReturnType<typeof startTestProvider>>['register']>>

beforeAll(async () => {
  t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  op = await startTestProvider({
    VNEID_PROVIDER: 'oidc',
    VNEID_CLIENT_ID: 'portal-test',
    VNEID_CLIENT_SECRET: 'test-client-secret-0123456789abcdef',
  })
  app = await startTestApp(t.db, op.portalEnv)
  demo = await op.register(app.baseUrl)
}, 60_000)
afterAll(async () => {
  await app?.close()
  await op?.close()
  await t?.drop()
})

const clients = () => ({ portal: app.client(), provider: new Client(op.issuer) })
const refused = (res: Response) => {
  expect(res.status).toBe(302)
  expect(res.headers.get('location')).toBe('/login?vneid=refused')
}

describe('signing in with VNeID', () => {
  it('creates a linked citizen account on a first sign-in, with the verified facts and level', async () => {
    const { portal, provider } = clients()
    const { answer, interactionHtml } = await vneidSignIn(portal, provider, 'vneid-demo-binh:2', {
      redirectTo: '/dossiers',
    })
    // The level travels as the ID token's acr.
    expect(decodeJwt(op.tokens.at(-1)!).payload.acr).toBe('urn:vneid:loa:2')
    // The provider's own sign-in and consent page, in Vietnamese with a switch to English.
    expect(interactionHtml).toContain('<html lang="vi">')
    expect(interactionHtml).toContain('Trần Thị Bình')
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe('/dossiers')
    const user = await t.db
      .selectFrom('users as u')
      .innerJoin('user_identities as i', 'i.user_id', 'u.id')
      .select(['u.full_name', 'u.citizen_id', 'u.kind', 'i.level', 'i.claims', 'i.issuer'])
      .where('i.personal_id', '=', '001192004567')
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({
      full_name: 'Trần Thị Bình',
      citizen_id: '001192004567',
      kind: 'citizen',
      level: 2,
    })
    expect(user.issuer).toBe(op.issuer)
    expect(user.claims).toMatchObject({
      birthdate: '1992-03-15',
      gender: 'female',
      phone: '0987654321',
      address: { province: 'Thành phố Hà Nội', ward: 'Phường Phúc Xá' },
    })
    const account = await portal.get('/account')
    const html = await account.text()
    expect(account.status).toBe(200)
    expect(html).toContain('VNeID, định danh điện tử mức 2')
    expect(html).toContain('001192004567')
  })

  it('links the seeded password account only after its password is given once', async () => {
    const { portal, provider } = clients()
    const { answer } = await vneidSignIn(portal, provider, 'vneid-demo-an:2', { redirectTo: '/dossiers' })
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe('/auth/vneid/link')
    // Nothing is signed in yet, and no link exists.
    expect((await portal.get('/account')).status).toBe(302)
    const page = await portal.get('/auth/vneid/link')
    const html = await page.text()
    expect(html).toContain('Nguyễn Văn An')
    expect(html).toContain('c•••••n@example.vn')
    // Another account's right password does not link this one.
    expect(
      (await portal.post('/auth/vneid/link', { email: demoCitizen.email, password: 'Wrong@2026x' })).status,
    ).toBe(401)
    const linked = await portal.post('/auth/vneid/link', {
      email: demoCitizen.email,
      password: demoPasswords.citizen,
    })
    expect(linked.status).toBe(302)
    expect(linked.headers.get('location')).toBe('/dossiers')
    const identity = await t.db
      .selectFrom('user_identities as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['u.email', 'i.level'])
      .where('i.personal_id', '=', demoCitizen.citizenId)
      .executeTakeFirstOrThrow()
    expect(identity).toEqual({ email: demoCitizen.email, level: 2 })
    expect(await (await portal.get('/account')).text()).toContain('VNeID, định danh điện tử mức 2')
    // The next VNeID sign-in goes straight in, now at level 1.
    const again = clients()
    const next = await vneidSignIn(again.portal, again.provider, 'vneid-demo-an:1')
    expect(next.answer.headers.get('location')).toBe('/')
    expect(await (await again.portal.get('/account')).text()).toContain('VNeID, định danh điện tử mức 1')
  })

  it('a password session says so on the account page', async () => {
    const portal = app.client()
    await portal.login(demoCitizen.email, demoPasswords.citizen)
    const html = await (await portal.get('/account')).text()
    expect(html).toContain('Thư điện tử và mật khẩu')
    expect(html).toContain('Đã liên kết')
  })
})

describe('identity level 2 per procedure version, and the locked identity fields', () => {
  it('sends password and level-1 sessions to the explanation, lets a level-2 session file with locked fields', async () => {
    const notice = 'Thủ tục này chỉ nhận hồ sơ của người đăng nhập bằng VNeID mức 2'
    const info = `/procedures/${JUDICIAL}`
    expect(await (await app.client().get(info)).text()).not.toContain(notice)
    await t.db
      .updateTable('procedure_versions')
      .set({ required_identity_level: 2 })
      .where('procedure_id', '=', t.db.selectFrom('procedures').select('id').where('code', '=', JUDICIAL))
      .execute()
    // Said on the procedure's public page before anyone starts (the cached page follows the version's change).
    expect(await (await app.client().get(info)).text()).toContain(notice)
    const english = await (await app.client().get(`${info}?lng=en`)).text()
    expect(english).toContain(
      'This procedure takes applications only from people signed in with VNeID level 2',
    )
    const apply = `/procedures/${JUDICIAL}/apply`
    const explanation = `/account/identity-level?procedure=${encodeURIComponent(JUDICIAL)}`

    const password = app.client()
    await password.login(demoCitizen.email, demoPasswords.citizen)
    const refusedPassword = await password.get(apply)
    expect(refusedPassword.status).toBe(302)
    expect(refusedPassword.headers.get('location')).toBe(explanation)
    expect((await password.post(apply, {})).headers.get('location')).toBe(explanation)
    const page = await password.get(explanation)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Thủ tục này yêu cầu tài khoản định danh điện tử mức 2')
    expect(html).toContain('Bạn đang đăng nhập bằng thư điện tử và mật khẩu.')
    expect(html).toContain('name="prompt" value="login"')

    const one = clients()
    await vneidSignIn(one.portal, one.provider, 'vneid-demo-an:1')
    expect((await one.portal.get(apply)).headers.get('location')).toBe(explanation)
    expect(await (await one.portal.get(explanation)).text()).toContain('Bạn đang đăng nhập bằng VNeID mức 1.')

    const two = clients()
    await vneidSignIn(two.portal, two.provider, 'vneid-demo-an:2')
    expect((await two.portal.get(apply)).status).toBe(200)
    expect((await two.portal.post(apply, {})).status).toBe(302)
    const section = await two.portal.get(`${apply}/applicant`)
    const form = await section.text()
    expect(section.status).toBe(200)
    expect(form).toMatch(/name="fullName"[^>]*value="Nguyễn Văn An"[^>]*readOnly|readonly/i)
    expect(form).toContain('Lấy từ VNeID (định danh điện tử mức 2')
    // A changed value for a locked field is not taken: the verified one is saved, and its source recorded.
    const saved = await two.portal.post(`${apply}/applicant`, {
      fullName: 'Someone Else',
      sex: 'female',
      dateOfBirth: '2000-01-01',
      placeOfBirth: 'Hà Nội',
      nationality: 'Việt Nam',
      ethnicity: 'Kinh',
      citizenId: '001190012345',
      phone: '0911111111',
      'permanentAddress.province': 'X',
      'permanentAddress.district': 'Y',
      'permanentAddress.ward': 'Z',
      'permanentAddress.street': 'W',
    })
    expect(saved.status).toBe(302)
    const draft = await t.db
      .selectFrom('dossiers as d')
      .innerJoin('users as u', 'u.id', 'd.applicant_id')
      .select(['d.form_data', 'd.identity_claims'])
      .where('u.email', '=', demoCitizen.email)
      .where('d.status', '=', 'draft')
      .executeTakeFirstOrThrow()
    expect(draft.form_data).toMatchObject({
      fullName: 'Nguyễn Văn An',
      sex: 'male',
      dateOfBirth: '1990-09-02',
      citizenId: demoCitizen.citizenId,
      permanentAddress: {
        province: 'Thành phố Hồ Chí Minh',
        district: 'Quận 1',
        ward: 'Phường Bến Nghé',
        street: '12 Lê Lợi',
      },
      placeOfBirth: 'Hà Nội',
    })
    expect(draft.identity_claims).toMatchObject({
      fullName: { fact: 'fullName', claim: 'name', level: 2 },
      citizenId: { fact: 'personalId', claim: 'personal_identification_number', level: 2 },
      dateOfBirth: { fact: 'birthdate', claim: 'birthdate', level: 2 },
      permanentAddress: { fact: 'address', claim: 'address', level: 2 },
    })
    expect(draft.identity_claims).not.toHaveProperty('placeOfBirth')

    // Filed (the other sections and documents by the factory, the applicant section again through the page): the
    // officer sees that the identity was verified by VNeID, and at which level.
    const an = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoCitizen.email)
      .executeTakeFirstOrThrow()
    const { procedure } = await completeJudicialDraft(t.db, an.id)
    expect(
      (
        await two.portal.post(`${apply}/applicant`, {
          placeOfBirth: 'Hà Nội',
          nationality: 'Việt Nam',
          ethnicity: 'Kinh',
        })
      ).status,
    ).toBe(302)
    const { code } = await submitDraft(t.db, {
      applicantId: an.id,
      procedureId: procedure.id,
      token: randomUUID(),
      declared: true,
      lng: 'vi',
    })
    const officer = app.client()
    await officer.login('reception.stp@example.gov.vn', demoPasswords.staff)
    const desk = await (await officer.get(`/officer/dossiers/${code}`)).text()
    expect(desk).toContain('Đã xác thực qua VNeID mức 2')
  })

  it('administrators set the level when publishing a version', async () => {
    const admin = app.client()
    await admin.login('admin.stp@example.gov.vn', demoPasswords.staff)
    const version = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select(['v.form', 'v.documents'])
      .where('p.code', '=', JUDICIAL)
      .orderBy('v.version', 'desc')
      .executeTakeFirstOrThrow()
    const res = await admin.post(`/admin/procedures/${JUDICIAL}`, {
      form: JSON.stringify(version.form),
      documents: JSON.stringify(version.documents),
      identityLevel: '1',
    })
    expect(res.status).toBe(302)
    const latest = await t.db
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select(['v.required_identity_level'])
      .where('p.code', '=', JUDICIAL)
      .orderBy('v.version', 'desc')
      .executeTakeFirstOrThrow()
    expect(latest.required_identity_level).toBe(1)
  })
})

describe('logout', () => {
  it('ends the portal session and then the provider’s (RP-initiated logout)', async () => {
    const { portal, provider } = clients()
    await vneidSignIn(portal, provider, 'vneid-demo-binh:2')
    const before = await t.db.selectFrom('sessions').select('id').where('auth_method', '=', 'vneid').execute()
    const out = await portal.post('/logout', {})
    expect(out.status).toBe(302)
    const endSession = new URL(out.headers.get('location')!)
    expect(endSession.origin).toBe(op.issuer)
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy()
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${app.baseUrl}/`)
    const after = await t.db.selectFrom('sessions').select('id').where('auth_method', '=', 'vneid').execute()
    expect(after.length).toBe(before.length - 1)
    expect((await portal.get('/account')).status).toBe(302)
    // The provider asks, in Vietnamese, then ends its session and sends the browser back to the portal.
    const ask = await provider.get(endSession.pathname + endSession.search)
    const html = await ask.text()
    expect(html).toContain('Đăng xuất khỏi VNeID (demo)?')
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]
    const action = /id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)![1]
    const done = await provider.post(new URL(action, op.issuer).pathname, { xsrf, logout: 'yes' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe(`${app.baseUrl}/`)
  })
})

describe('what a relying party must refuse', () => {
  it('a callback whose state does not match, and then that login is used up', async () => {
    const { portal, provider } = clients()
    let good: URL | undefined
    const { answer } = await vneidSignIn(portal, provider, 'vneid-demo-binh:2', {
      beforeCallback: (url) => {
        good = new URL(url)
        const bad = new URL(url)
        bad.searchParams.set('state', 'not-the-state')
        return bad
      },
    })
    refused(answer)
    refused(await portal.get(good!.pathname + good!.search))
    expect(portal.cookies.has('sid')).toBe(false)
  })

  it('a callback from another browser (no login cookie): a login CSRF signs nobody in', async () => {
    const { portal, provider } = clients()
    let stolen: URL | undefined
    await vneidSignIn(portal, provider, 'vneid-demo-binh:2', {
      beforeCallback: (url) => {
        stolen = url
        return new URL('/auth/vneid/callback?state=x', url)
      },
    })
    const victim = app.client()
    refused(await victim.get(stolen!.pathname + stolen!.search))
    expect(victim.cookies.has('sid')).toBe(false)
  })

  it('a replayed authorization code, even with a fresh state', async () => {
    const { portal, provider } = clients()
    const first = await vneidSignIn(portal, provider, 'vneid-demo-binh:2')
    expect(first.answer.status).toBe(302)
    expect(first.answer.headers.get('location')).toBe('/')
    const code = first.callback.searchParams.get('code')!
    const again = await vneidSignIn(portal, provider, 'vneid-demo-binh:2', {
      beforeCallback: (url) => {
        const replay = new URL(url)
        replay.searchParams.set('code', code)
        return replay
      },
    })
    refused(again.answer)
  })

  it('an ID token replayed into another login (nonce)', async () => {
    const { portal, provider } = clients()
    await vneidSignIn(portal, provider, 'vneid-demo-binh:2')
    const captured = op.tokens.at(-1)!
    op.setTamper(() => captured)
    try {
      const other = clients()
      refused((await vneidSignIn(other.portal, other.provider, 'vneid-demo-binh:2')).answer)
    } finally {
      op.setTamper(null)
    }
  })

  const forged: [string, (token: string) => string][] = [
    [
      'expired',
      (token) => {
        const { header, payload } = decodeJwt(token)
        const past = Math.floor(Date.now() / 1000) - 7200
        return signRs256(header, { ...payload, iat: past - 3600, exp: past }, demo.signingKeys[0])
      },
    ],
    [
      'signed by another key (same kid)',
      (token) => {
        const { header, payload } = decodeJwt(token)
        return signRs256(header, payload, otherRsaJwk(String(header.kid)))
      },
    ],
    [
      'for another audience',
      (token) => {
        const { header, payload } = decodeJwt(token)
        return signRs256(header, { ...payload, aud: 'another-client' }, demo.signingKeys[0])
      },
    ],
    [
      'from another issuer',
      (token) => {
        const { header, payload } = decodeJwt(token)
        return signRs256(header, { ...payload, iss: 'https://evil.example' }, demo.signingKeys[0])
      },
    ],
    [
      'alg: none',
      (token) => {
        const { header, payload } = decodeJwt(token)
        const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
        return `${b64({ ...header, alg: 'none' })}.${b64(payload)}.`
      },
    ],
    [
      'HS256 keyed with the provider’s public key (key confusion)',
      (token) => {
        const { header, payload } = decodeJwt(token)
        const publicPem = createPublicKey(
          createPrivateKey({ key: demo.signingKeys[0] as never, format: 'jwk' }),
        )
          .export({ format: 'pem', type: 'spki' })
          .toString()
        const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
        const input = `${b64({ ...header, alg: 'HS256' })}.${b64(payload)}`
        return `${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`
      },
    ],
  ]
  for (const [what, forge] of forged) {
    it(`an ID token ${what}`, async () => {
      op.setTamper(forge)
      try {
        const { portal, provider } = clients()
        refused((await vneidSignIn(portal, provider, 'vneid-demo-binh:2')).answer)
        expect(portal.cookies.has('sid')).toBe(false)
      } finally {
        op.setTamper(null)
      }
    })
  }

  it('a token the relay passes unchanged still signs in (the forgeries above are what failed)', async () => {
    const { portal, provider } = clients()
    const { answer } = await vneidSignIn(portal, provider, 'vneid-demo-binh:2')
    expect(answer.headers.get('location')).toBe('/')
    expect(portal.cookies.has('sid')).toBe(true)
  })
})

describe('the provider down', () => {
  it('says so in the visitor’s language, and password sign-in still works', async () => {
    op.setDown(true)
    try {
      // A provider never discovered yet (a second client id → a new discovery) cannot be reached.
      const down = await startTestApp(t.db, {
        ...op.portalEnv,
        VNEID_CLIENT_ID: 'portal-test-down',
        VNEID_TIMEOUT_SECONDS: '2',
      })
      try {
        const portal = down.client()
        const start = await portal.post('/auth/vneid', { redirectTo: '/dossiers' })
        expect(start.status).toBe(302)
        const back = start.headers.get('location')!
        expect(back).toBe('/login?vneid=unavailable&redirectTo=%2Fdossiers')
        expect(await (await portal.get(back)).text()).toContain('Hiện không kết nối được với VNeID.')
        expect(await (await portal.get(`${back}&lng=en`)).text()).toContain(
          'VNeID cannot be reached at the moment.',
        )
        await portal.login(demoCitizen.email, demoPasswords.citizen)
        expect((await portal.get('/account')).status).toBe(200)
      } finally {
        await down.close()
      }
    } finally {
      op.setDown(false)
    }
  })

  it('a callback while the token endpoint is unreachable is the same message', async () => {
    const { portal, provider } = clients()
    const { answer } = await vneidSignIn(portal, provider, 'vneid-demo-binh:2', {
      beforeCallback: (url) => {
        op.setDown(true)
        return url
      },
    })
    op.setDown(false)
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe('/login?vneid=unavailable')
  })
})
