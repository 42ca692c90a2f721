import { Readable } from 'node:stream'
import { randomUUID } from 'node:crypto'
import { hashPassword } from '../../app/modules/auth/password.server'
import { getProcedure } from '../../app/modules/catalogue/catalogue.server'
import { submitDraft } from '../../app/modules/dossiers/submit.server'
import { workflow } from '../../app/modules/workflow/transitions'
import { vnDay } from '../../app/modules/calendar/vietnam-time'
import { demoPasswords } from '../../db/seed/accounts'
import { seedDemo } from '../../db/seed/seed'
import { createTestDb } from '../setup/db'
import { BUILDING, JUDICIAL, completeJudicialDraft, createCitizen } from '../setup/factories'
import { startTestApp, type Client } from '../setup/http'

/**
 * THE ACCESS MATRIX (security-and-reliability.md, "Access"; issue 11). Every route file, every action (each
 * intent), every kind of actor, against the answer a reviewer expects, in this one table. Zero unexpected cells.
 * A route file without a row fails the last test, so the table grows with every new route.
 *
 * How a cell reads: `login` — redirected to /login?redirectTo=…; a number — that status exactly; `302` — a
 * redirect elsewhere (the action's own answer). Actions are sent with a body that the permitted actor's own
 * checks refuse (a stale version, an empty field): a permitted actor gets 409/422/400 and the rest get 403, 404
 * or login — so walking the table changes no dossier.
 *
 * Agency X is Sở Tư pháp (STP), where citizen A's dossier is; agency Y is UBND Quận 1 (UBQ1).
 */

export const actors = [
  'anon',
  'citizenA',
  'citizenB',
  'reception.X',
  'specialist.X',
  'approver.X',
  'finance.X',
  'admin.X',
  'reception.Y',
  'specialist.Y',
  'approver.Y',
  'finance.Y',
  'admin.Y',
  'admin.city',
] as const
export type Actor = (typeof actors)[number]

export const groups = {
  all: actors,
  signedIn: actors.filter((a) => a !== 'anon'),
  citizens: ['citizenA', 'citizenB'],
  staff: actors.filter((a) => a.includes('.')),
  staffX: actors.filter((a) => a.endsWith('.X')),
  staffY: actors.filter((a) => a.endsWith('.Y')),
  officersX: ['reception.X', 'specialist.X', 'approver.X'],
  officersY: ['reception.Y', 'specialist.Y', 'approver.Y'],
  officers: ['reception.X', 'specialist.X', 'approver.X', 'reception.Y', 'specialist.Y', 'approver.Y'],
  finance: ['finance.X', 'finance.Y'],
  admins: ['admin.X', 'admin.Y', 'admin.city'],
  dashboard: ['approver.X', 'approver.Y', 'admin.X', 'admin.Y', 'admin.city'],
} as const satisfies Record<string, readonly Actor[]>

type Who = Actor | keyof typeof groups
export type Answer = number | 'login'
/** Applied in order: later entries override earlier ones. */
type Expect = readonly (readonly [Who, Answer])[]

export interface Fixture {
  code: string
  fileId: string
  receiptId: string
  attemptId: string
  judicial: string
  building: string
  section: string
  mailId: string
  /** the last 4 digits of citizen A's phone: the lookup's check value */
  check: string
  /** a reconciliation exception of agency X (the attempt never settled) */
  exceptionId: string
  /** today in Viet Nam (a business day) */
  day: string
}

export interface Row {
  /** the route file under app/routes (folder routes by their folder name) */
  route: string
  method?: 'GET' | 'POST'
  path: (f: Fixture) => string
  form?: (f: Fixture) => Record<string, string>
  expect: Expect
}

/** A body each officer action accepts as input (only the version is stale). */
const validBody: Partial<Record<string, Record<string, string>>> = {
  refuse_intake: { reason: 'Không thuộc thẩm quyền' },
  request_supplement: { items: 'field:purpose', 'reason:field:purpose': 'Ghi rõ mục đích' },
  assign: { assigneeId: '00000000-0000-4000-8000-000000000000' },
  assess_fee: { amount: '50000' },
  refuse: { reason: 'Không đủ điều kiện' },
  return_rework: { reason: 'Xem lại' },
  deliver: { method: 'online' },
  apologise: { reason: 'Quá hạn', newAppointmentAt: '2030-01-07' },
}

// Recurring shapes.
const publicPage: Expect = [['all', 200]]
const signedInPage: Expect = [
  ['all', 200],
  ['anon', 'login'],
]
/** Citizen A's own dossier: everyone else finds nothing. */
const ownerOnly = (ok: Answer): Expect => [
  ['all', 404],
  ['anon', 'login'],
  ['citizenA', ok],
]
/** A staff area: anonymous to login, the area's roles in, everyone else 403. */
const area = (roles: readonly Who[], ok: Answer = 200): Expect => [
  ['all', 403],
  ['anon', 'login'],
  ...roles.map((r) => [r, ok] as const),
]
/** One dossier of agency X in the officer area: X's officers in, Y's officers find nothing. */
const officerDossier = (ok: Answer, xOfficers: readonly Who[] = ['officersX']): Expect => [
  ...area([...xOfficers, 'officersY']),
  ['officersY', 404],
  ...xOfficers.map((r) => [r, ok] as const),
]

export const matrix: readonly Row[] = [
  // Public pages
  { route: '_index', path: () => '/', expect: publicPage },
  { route: '$', path: () => '/no-such-page', expect: [['all', 404]] },
  { route: 'procedures._index', path: () => '/procedures?q=ly+lich', expect: publicPage },
  { route: 'procedures.$code._index', path: (f) => `/procedures/${f.judicial}`, expect: publicPage },
  { route: 'lookup', path: () => '/lookup', expect: publicPage },
  {
    route: 'lookup',
    method: 'POST',
    path: () => '/lookup',
    form: (f) => ({ code: f.code, check: f.check }),
    expect: [['all', 200]],
  },
  { route: 'verify.$id', path: (f) => `/verify/${f.receiptId}`, expect: publicPage },
  { route: 'verify.$id', path: () => `/verify/${randomUUID()}`, expect: [['all', 404]] },
  // The public PDF check (issue 15 §4): the form for anyone; a post that is not a multipart file upload is 400.
  { route: 'verify._index', path: () => '/verify', expect: publicPage },
  { route: 'verify._index', method: 'POST', path: () => '/verify', form: () => ({}), expect: [['all', 400]] },
  { route: 'language', path: () => '/language', expect: [['all', 302]] },
  {
    route: 'language',
    method: 'POST',
    path: () => '/language',
    form: () => ({ lng: 'vi', redirectTo: '/' }),
    expect: [['all', 302]],
  },

  // Accounts
  { route: 'login', path: () => '/login', expect: publicPage },
  {
    route: 'login',
    method: 'POST',
    path: () => '/login',
    // A different unknown account each time, so the per-account throttle does not answer instead.
    form: () => ({ email: `nobody-${randomUUID()}@example.vn`, password: 'wrong password 2026' }),
    expect: [['all', 401]],
  },
  { route: 'register', path: () => '/register', expect: publicPage },
  {
    route: 'register',
    method: 'POST',
    path: () => '/register',
    form: () => ({ fullName: '', email: 'x' }),
    expect: [['all', 400]],
  },
  // The registration letter's link: GET only asks; a token nobody was sent activates nothing (404 for all).
  {
    route: 'register_.confirm.$token',
    path: () => `/register/confirm/${'A'.repeat(43)}`,
    expect: publicPage,
  },
  {
    route: 'register_.confirm.$token',
    method: 'POST',
    path: () => `/register/confirm/${'A'.repeat(43)}`,
    expect: [['all', 404]],
  },
  { route: 'register_.resend', path: () => '/register/resend', expect: publicPage },
  {
    route: 'register_.resend',
    method: 'POST',
    path: () => '/register/resend',
    form: () => ({ email: 'x' }),
    expect: [['all', 400]],
  },
  // The sign-out confirmation page is harmless to show anyone; the POST ends the session.
  { route: 'logout', path: () => '/logout', expect: publicPage },
  // VNeID (issue 16): the start is a POST (GET goes back to /login); it sends anyone on to the provider, or back to
  // /login when the provider cannot be reached (as here: none runs). A callback without the browser's login
  // cookie signs nobody in and goes back to /login.
  { route: 'auth.vneid', path: () => '/auth/vneid', expect: [['all', 'login']] },
  {
    route: 'auth.vneid',
    method: 'POST',
    path: () => '/auth/vneid',
    form: () => ({ redirectTo: '/dossiers' }),
    expect: [['all', 'login']],
  },
  {
    route: 'auth.vneid_.callback',
    path: () => '/auth/vneid/callback?code=x&state=y',
    expect: [['all', 'login']],
  },
  // Without a pending link (its cookie) the page only says the request expired; a post is refused as it reads it.
  { route: 'auth.vneid_.link', path: () => '/auth/vneid/link', expect: publicPage },
  {
    route: 'auth.vneid_.link',
    method: 'POST',
    path: () => '/auth/vneid/link',
    form: () => ({ email: '', password: '' }),
    expect: [['all', 400]],
  },
  { route: 'account._index', path: () => '/account', expect: signedInPage },
  {
    route: 'account.identity-level',
    path: (f) => `/account/identity-level?procedure=${f.judicial}`,
    expect: signedInPage,
  },

  // The citizen's side
  { route: 'dossiers._index', path: () => '/dossiers', expect: signedInPage },
  { route: 'dossiers.$code._index', path: (f) => `/dossiers/${f.code}`, expect: ownerOnly(200) },
  {
    route: 'dossiers.$code._index',
    method: 'POST',
    path: (f) => `/dossiers/${f.code}`,
    form: () => ({ score: '9' }),
    expect: [
      ['all', 400],
      ['anon', 'login'],
    ],
  },
  {
    route: 'dossiers.$code.confirmation',
    path: (f) => `/dossiers/${f.code}/confirmation`,
    expect: ownerOnly(200),
  },
  {
    route: 'dossiers.$code.files.$fileId',
    path: (f) => `/dossiers/${f.code}/files/${f.fileId}`,
    expect: ownerOnly(200),
  },
  { route: 'dossiers.$code.pay', path: (f) => `/dossiers/${f.code}/pay`, expect: ownerOnly(200) },
  {
    route: 'dossiers.$code.pay',
    method: 'POST',
    path: (f) => `/dossiers/${f.code}/pay`,
    form: () => ({ provider: 'nonexistent' }),
    expect: ownerOnly(422),
  },
  // Nothing is asked of this dossier: the owner's page says so.
  {
    route: 'dossiers.$code.supplement',
    path: (f) => `/dossiers/${f.code}/supplement`,
    expect: ownerOnly(200),
  },
  {
    route: 'dossiers.$code.supplement',
    method: 'POST',
    path: (f) => `/dossiers/${f.code}/supplement`,
    form: () => ({}),
    expect: ownerOnly(409),
  },
  { route: 'dossiers.$code.withdraw', path: (f) => `/dossiers/${f.code}/withdraw`, expect: ownerOnly(200) },
  {
    route: 'dossiers.$code.withdraw',
    method: 'POST',
    path: () => `/dossiers/HS-NOT-MINE/withdraw`,
    form: () => ({ reason: '' }),
    expect: [
      ['all', 404],
      ['anon', 'login'],
    ],
  },
  // The citizen's document store (issue 15 §3): their own page; a document of A's store is A's alone.
  { route: 'documents._index', path: () => '/documents', expect: signedInPage },
  { route: 'documents.$id', path: (f) => `/documents/${f.fileId}`, expect: ownerOnly(200) },
  { route: 'documents.$id', path: () => `/documents/${randomUUID()}`, expect: ownerOnly(404) },
  {
    route: 'receipts.$id._index',
    path: (f) => `/receipts/${f.receiptId}`,
    expect: [...ownerOnly(200), ['staffX', 200]],
  },
  {
    route: 'receipts.$id.pdf',
    path: (f) => `/receipts/${f.receiptId}/pdf`,
    expect: [...ownerOnly(200), ['staffX', 200]],
  },
  {
    route: 'payments.return.$attemptId',
    path: (f) => `/payments/return/${f.attemptId}`,
    expect: ownerOnly(200),
  },
  {
    route: 'payments.vnpay.return',
    path: () => '/payments/vnpay/return',
    expect: [
      ['all', 400],
      ['anon', 'login'],
    ],
  },

  // Filing (citizen A holds a draft of the building permit; nobody else does)
  {
    route: 'procedures.$code.apply._index',
    path: (f) => `/procedures/${f.judicial}/apply`,
    expect: signedInPage,
  },
  {
    route: 'procedures.$code.apply._index',
    method: 'POST',
    path: () => `/procedures/0.000000.000.00.00.H00/apply`,
    form: () => ({}),
    expect: [
      ['all', 404],
      ['anon', 'login'],
    ],
  },
  ...(['$section', 'documents', 'delivery', 'check'] as const).flatMap((page): Row[] => [
    {
      route: `procedures.$code.apply.${page}`,
      path: (f) => `/procedures/${f.building}/apply/${page === '$section' ? f.section : page}`,
      expect: [
        ['all', 302],
        ['anon', 'login'],
        ['staff', 403],
        ['citizenA', 200],
      ],
    },
  ]),
  {
    route: 'procedures.$code.apply.$section',
    method: 'POST',
    path: (f) => `/procedures/${f.building}/apply/${f.section}`,
    form: () => ({}),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
      ['citizenA', 400],
    ],
  },
  {
    route: 'procedures.$code.apply.delivery',
    method: 'POST',
    path: (f) => `/procedures/${f.building}/apply/delivery`,
    form: () => ({ deliveryMethod: 'teleport' }),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
      ['citizenA', 400],
    ],
  },
  {
    route: 'procedures.$code.apply.documents',
    method: 'POST',
    path: (f) => `/procedures/${f.building}/apply/documents`,
    // Removing a file that is not in the draft changes nothing and comes back to the page.
    form: () => ({ intent: 'remove', fileId: randomUUID() }),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
    ],
  },
  // "Use from my documents" with nothing chosen: A (who holds the draft) is told to choose; nothing changes.
  {
    route: 'procedures.$code.apply.documents',
    method: 'POST',
    path: (f) => `/procedures/${f.building}/apply/documents`,
    form: () => ({ intent: 'store' }),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
      ['citizenA', 400],
    ],
  },
  // A document of someone else's store (an unknown id) is refused whole (422) for A.
  {
    route: 'procedures.$code.apply.documents',
    method: 'POST',
    path: (f) => `/procedures/${f.building}/apply/documents`,
    form: () => ({ intent: 'store', 'store:land_use_certificate': randomUUID() }),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
      ['citizenA', 422],
    ],
  },
  // Discarding a draft: nobody holds one of the judicial record (A's was filed), so nothing is deleted.
  {
    route: 'procedures.$code.apply._index',
    method: 'POST',
    path: (f) => `/procedures/${f.judicial}/apply`,
    form: () => ({ intent: 'discard' }),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
    ],
  },
  {
    route: 'procedures.$code.apply.check',
    method: 'POST',
    path: (f) => `/procedures/${f.building}/apply/check`,
    form: () => ({ token: randomUUID(), declaration: 'no' }),
    expect: [
      ['all', 302],
      ['anon', 'login'],
      ['staff', 403],
      ['citizenA', 422],
    ],
  },

  // Officers
  { route: 'officer._index', path: () => '/officer', expect: area(['officers']) },
  {
    route: 'officer.dossiers.$code._index',
    path: (f) => `/officer/dossiers/${f.code}`,
    expect: officerDossier(200),
  },
  // Each officer action with a valid body and a stale version: the roles of its workflow row hear "changed,
  // reload" (409), the agency's other officers 403, agency Y 404. `propose` carries a file: posted without
  // multipart it is a request no page of ours sends (400) for every officer of the agency.
  ...workflow
    .filter((d) => d.surface === 'officer')
    .map((def): Row => ({
      route: 'officer.dossiers.$code._index',
      method: 'POST',
      path: (f) => `/officer/dossiers/${f.code}`,
      form: () => ({ intent: def.action, version: '0', ...validBody[def.action] }),
      expect: [
        ...officerDossier(403),
        ...def.roles
          .filter((r) => r !== 'finance' && r !== 'citizen' && r !== 'system')
          .map((r) => [`${r}.X` as Actor, 409] as const),
        ...(def.action === 'propose' ? ([['officersX', 400]] as const) : []),
      ],
    })),
  // The per-document check (issue 13): who may ask for a supplement (reception, specialist of agency X) hears
  // "changed, reload" for the stale version; the agency's approver 403; agency Y 404.
  {
    route: 'officer.dossiers.$code._index',
    method: 'POST',
    path: (f) => `/officer/dossiers/${f.code}`,
    form: (f) => ({
      intent: 'check_document',
      version: '0',
      fileId: f.fileId,
      verdict: 'needs_supplement',
      reason: 'Bản chụp bị mờ',
    }),
    expect: [...officerDossier(403), ['reception.X', 409], ['specialist.X', 409]],
  },
  // Revoking or correcting a result (issue 15 §5): only the approver of agency X, here with a stale version (409);
  // the agency's other officers 403; agency Y 404.
  ...(['revoke_result', 'correct_result'] as const).map((intent): Row => ({
    route: 'officer.dossiers.$code._index',
    method: 'POST',
    path: (f) => `/officer/dossiers/${f.code}`,
    form: () => ({ intent, version: '0', resultId: randomUUID(), reason: 'Sai ngày sinh' }),
    expect: [...officerDossier(403), ['approver.X', 409]],
  })),
  ...(['message', 'note'] as const).map((intent): Row => ({
    route: 'officer.dossiers.$code._index',
    method: 'POST',
    path: (f) => `/officer/dossiers/${f.code}`,
    form: () => ({ intent, body: '' }),
    expect: officerDossier(422),
  })),
  {
    route: 'officer.dossiers.$code.files.$fileId',
    path: (f) => `/officer/dossiers/${f.code}/files/${f.fileId}`,
    expect: officerDossier(200),
  },
  {
    route: 'officer.dossiers.$code.files.$fileId',
    path: (f) => `/officer/dossiers/${f.code}/files/${f.fileId}?inline`,
    expect: officerDossier(200),
  },
  // A draft of the result (none here): the officers of agency X are told it does not exist, like agency Y.
  {
    route: 'officer.dossiers.$code.drafts.$draftId',
    path: (f) => `/officer/dossiers/${f.code}/drafts/${randomUUID()}`,
    expect: officerDossier(404),
  },
  {
    route: 'officer.dossiers.$code.print.$form',
    path: (f) => `/officer/dossiers/${f.code}/print/01`,
    // Mẫu 01 exists once the dossier is received; this one is not yet: 404 for everyone allowed to ask.
    expect: officerDossier(404),
  },
  {
    route: 'officer.dossiers.$code.print.$form.pdf',
    path: (f) => `/officer/dossiers/${f.code}/print/01/pdf`,
    expect: officerDossier(404),
  },
  // Mẫu 06, the tracking book: officers and administrators, each of their own agency (like the dashboard's CSV).
  {
    route: 'officer.tracking-book._index',
    path: () => '/officer/tracking-book',
    expect: area(['officers', 'admins']),
  },
  {
    route: 'officer.tracking-book._index',
    path: () => '/officer/tracking-book?agency=STP',
    expect: area(['officersX', 'admin.X']),
  },
  {
    route: 'officer.tracking-book.csv',
    path: () => '/officer/tracking-book/csv?agency=STP',
    expect: area(['officersX', 'admin.X']),
  },
  {
    route: 'officer.tracking-book.pdf',
    path: () => '/officer/tracking-book/pdf',
    expect: area(['officers', 'admins']),
  },

  // Finance
  { route: 'finance._index', path: () => '/finance', expect: area(['finance']) },
  { route: 'finance.refunds', path: () => '/finance/refunds', expect: area(['finance']) },
  {
    route: 'finance.refunds',
    method: 'POST',
    path: () => '/finance/refunds',
    form: () => ({ intent: 'approve', refundId: randomUUID(), note: '' }),
    expect: area(['finance'], 404),
  },
  {
    route: 'finance.reconciliation._index',
    path: () => '/finance/reconciliation',
    expect: area(['finance']),
  },
  {
    route: 'finance.reconciliation._index',
    method: 'POST',
    path: () => '/finance/reconciliation',
    form: () => ({ intent: 'nothing' }),
    expect: area(['finance'], 400),
  },
  {
    route: 'finance.reconciliation.exceptions._index',
    path: () => '/finance/reconciliation/exceptions?status=all',
    expect: area(['finance']),
  },
  {
    route: 'finance.reconciliation.exceptions.$id',
    path: (f) => `/finance/reconciliation/exceptions/${f.exceptionId}`,
    expect: [...area(['finance']), ['finance.Y', 404]],
  },
  {
    route: 'finance.reconciliation.exceptions.$id',
    method: 'POST',
    path: (f) => `/finance/reconciliation/exceptions/${f.exceptionId}`,
    // No reason: X's clerk is told to give one; Y's clerk finds nothing.
    form: () => ({ intent: 'resolve', kind: 'explained', reason: '' }),
    expect: [...area(['finance'], 422), ['finance.Y', 404]],
  },
  {
    route: 'finance.reconciliation.days.$date',
    path: (f) => `/finance/reconciliation/days/${f.day}?agency=STP`,
    expect: [...area(['finance']), ['finance.Y', 404]],
  },
  {
    route: 'finance.reconciliation.days.$date',
    method: 'POST',
    path: (f) => `/finance/reconciliation/days/${f.day}?agency=STP`,
    // Not confirmed: nothing closes.
    form: () => ({ intent: 'close' }),
    expect: [...area(['finance'], 422), ['finance.Y', 404]],
  },
  {
    route: 'finance.reconciliation.export',
    path: (f) => `/finance/reconciliation/export?agency=STP&from=${f.day}&to=${f.day}&format=csv`,
    expect: [...area(['finance']), ['finance.Y', 404]],
  },

  // Leaders' dashboard
  { route: 'dashboard._index', path: () => '/dashboard', expect: area(['dashboard']) },
  { route: 'dashboard.csv', path: () => '/dashboard/csv', expect: area(['dashboard']) },
  {
    route: 'dashboard.dossiers',
    path: () => '/dashboard/dossiers?kind=received',
    expect: area(['dashboard']),
  },
  // The dashboard counts the viewer's own agencies; the city's administrator has the city agency only.
  {
    route: 'dashboard._index',
    path: () => '/dashboard?agency=STP',
    expect: [...area(['dashboard']), ['approver.Y', 403], ['admin.Y', 403], ['admin.city', 403]],
  },

  // Administration
  { route: 'admin._index', path: () => '/admin', expect: area(['admins']) },
  { route: 'admin.procedures._index', path: () => '/admin/procedures', expect: area(['admins']) },
  {
    route: 'admin.procedures.$code',
    path: (f) => `/admin/procedures/${f.judicial}`,
    expect: [...area(['admins']), ['admin.Y', 404]],
  },
  {
    route: 'admin.procedures.$code',
    method: 'POST',
    path: (f) => `/admin/procedures/${f.judicial}`,
    form: () => ({ form: '{', documents: '[]' }),
    expect: [...area(['admins'], 422), ['admin.Y', 404]],
  },
  { route: 'admin.agencies', path: () => '/admin/agencies', expect: area(['admins']) },
  {
    route: 'admin.agencies',
    method: 'POST',
    path: () => '/admin/agencies',
    form: () => ({ intent: 'create', code: '', nameVi: '', nameEn: '' }),
    expect: area(['admins'], 400),
  },
  { route: 'admin.staff', path: () => '/admin/staff', expect: area(['admins']) },
  {
    route: 'admin.staff',
    path: () => '/admin/staff?agency=STP',
    expect: [...area(['admins']), ['admin.Y', 403]],
  },
  {
    route: 'admin.staff',
    method: 'POST',
    path: () => '/admin/staff?agency=STP',
    form: () => ({ agency: 'STP', intent: 'create', email: 'not-an-email', fullName: '' }),
    expect: [...area(['admins'], 400), ['admin.Y', 403]],
  },
  { route: 'admin.ledger-codes', path: () => '/admin/ledger-codes', expect: area(['admins']) },
  {
    route: 'admin.ledger-codes',
    method: 'POST',
    path: () => '/admin/ledger-codes',
    form: (f) => ({ procedure: f.judicial, feeKind: 'submission', code: 'not a code!' }),
    expect: area(['admins'], 400),
  },
  { route: 'admin.holidays', path: () => '/admin/holidays', expect: area(['admins']) },
  {
    route: 'admin.holidays',
    method: 'POST',
    path: () => '/admin/holidays',
    form: () => ({ intent: 'add', date: 'not a date', nameVi: '', nameEn: '' }),
    expect: [...area(['admins'], 403), ['admin.city', 400]],
  },
  {
    route: 'admin.holidays',
    method: 'POST',
    path: () => '/admin/holidays',
    form: () => ({ intent: 'swap', dayOff: 'not a date', makeUpDay: '', swapNameVi: '', swapNameEn: '' }),
    expect: [...area(['admins'], 403), ['admin.city', 400]],
  },

  // The demo mailbox (personal data: administrators only)
  { route: 'dev.mailbox._index', path: () => '/dev/mailbox', expect: area(['admins']) },
  { route: 'dev.mailbox.$id', path: (f) => `/dev/mailbox/${f.mailId}`, expect: area(['admins']) },

  // The mock gateway's payer pages (demo and tests only) and the gateways' callbacks (signed, not sessions)
  {
    route: 'mock-gateway.checkout.$id',
    path: () => '/mock-gateway/checkout/cs_unknown',
    expect: [['all', 404]],
  },
  {
    route: 'mock-gateway.checkout.$id',
    method: 'POST',
    path: () => '/mock-gateway/checkout/cs_unknown',
    form: () => ({ intent: 'pay', card: '4242 4242 4242 4242' }),
    // The mock answers as Stripe's page would for a session it does not know: the payment fails.
    expect: [['all', 402]],
  },
  {
    route: 'mock-gateway.vnpay.paymentv2.vpcpay[.]html',
    path: () => '/mock-gateway/vnpay/paymentv2/vpcpay.html?vnp_TxnRef=x',
    expect: [['all', 400]],
  },
  {
    route: 'mock-gateway.vnpay.paymentv2.vpcpay[.]html',
    method: 'POST',
    path: () => '/mock-gateway/vnpay/paymentv2/vpcpay.html',
    form: () => ({ query: 'vnp_TxnRef=x', bankCode: 'NCB', outcome: 'success' }),
    expect: [['all', 400]],
  },
  {
    route: 'webhooks.stripe',
    method: 'POST',
    path: () => '/webhooks/stripe',
    form: () => ({ forged: 'yes' }),
    expect: [['all', 400]],
  },
  { route: 'webhooks.vnpay.ipn', path: () => '/webhooks/vnpay/ipn?vnp_TxnRef=x', expect: [['all', 200]] },
]

// -------------------------------------------------------------------------------------------------------------

/** An open exception of agency X (citizen A's attempt, as a run that found no settlement line would record it). */
async function reconciliationException(
  db: Awaited<ReturnType<typeof createTestDb>>['db'],
  attemptId: string,
) {
  const day = vnDay(new Date())
  const attempt = await db
    .selectFrom('payment_attempts as a')
    .innerJoin('fees as f', 'f.id', 'a.fee_id')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .select(['a.id', 'a.amount', 'f.id as fee_id', 'd.id as dossier_id', 'd.agency_id'])
    .where('a.id', '=', attemptId)
    .executeTakeFirstOrThrow()
  const run = await db
    .insertInto('reconciliation_runs')
    .values({ provider: 'stripe', period_from: new Date(), period_to: new Date(), started_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const item = await db
    .insertInto('reconciliation_items')
    .values({
      run_id: run.id,
      class: 'missing_at_gateway',
      subject: `attempt:${attempt.id}`,
      agency_id: attempt.agency_id,
      provider: 'stripe',
      business_day: day,
      payment_attempt_id: attempt.id,
      fee_id: attempt.fee_id,
      dossier_id: attempt.dossier_id,
      portal_amount: Number(attempt.amount),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { exceptionId: item.id, day }
}

export function expected(row: Row): Record<Actor, Answer> {
  const cells = {} as Record<Actor, Answer>
  for (const [who, answer] of row.expect) {
    const members: readonly Actor[] = who in groups ? groups[who as keyof typeof groups] : [who as Actor]
    for (const a of members) cells[a] = answer
  }
  for (const a of actors) if (cells[a] === undefined) throw new Error(`${row.route}: no answer for ${a}`)
  return cells
}

export function answerOf(res: Response): Answer {
  if (res.status === 302 || res.status === 303) {
    const to = res.headers.get('location') ?? ''
    if (to.startsWith('/login')) return 'login'
  }
  return res.status
}

/**
 * A database and the built app with the matrix's world: citizen A's paid dossier at STP (a file, a receipt, an
 * attempt), A's building-permit draft, a letter in the mailbox, and one signed-in client per actor.
 */
export async function setUpMatrix() {
  const t = await createTestDb()
  await seedDemo(t.db, hashPassword)
  const app = await startTestApp(t.db)
  const clients = {} as Record<Actor, Client>
  const password = 'ma tran truy cap 2026'
  const hash = await hashPassword(password)
  const a = await createCitizen(t.db, 'Lê Thị A', hash)
  const b = await createCitizen(t.db, 'Phạm Văn B', hash)
  for (const actor of actors) clients[actor] = app.client()
  await clients.citizenA.login(a.email, password)
  await clients.citizenB.login(b.email, password)
  const staffEmail = (actor: string) => {
    const [role, agency] = actor.split('.')
    return `${role}.${agency === 'X' ? 'stp' : agency === 'Y' ? 'ubq1' : 'city'}@example.gov.vn`
  }
  for (const actor of groups.staff) await clients[actor].login(staffEmail(actor), demoPasswords.staff)

  // Citizen A's judicial-record dossier at STP, paid by card on the mock gateway (an attempt, a receipt).
  const { procedure, draftId } = await completeJudicialDraft(t.db, a.id)
  const { code } = await submitDraft(t.db, {
    applicantId: a.id,
    procedureId: procedure.id,
    token: randomUUID(),
    declared: true,
    lng: 'vi',
  })
  const pay = await clients.citizenA.post(`/dossiers/${code}/pay`, { provider: 'stripe' })
  const checkout = new URL(pay.headers.get('location')!)
  await clients.citizenA.post(checkout.pathname, { intent: 'pay', card: '4242 4242 4242 4242' })
  await app.payments.mock!.delivery.flush()
  const file = await t.db
    .selectFrom('dossier_files')
    .select(['id', 'storage_key'])
    .where('dossier_id', '=', draftId)
    .executeTakeFirstOrThrow()
  // The bytes the record describes (10, as completeJudicialDraft records them).
  await app.storage.put(file.storage_key, Readable.from([Buffer.from('%PDF-1.4\n\n')]))
  const receipt = await t.db
    .selectFrom('receipts as r')
    .innerJoin('fees as f', 'f.id', 'r.fee_id')
    .select(['r.id', 'r.attempt_id'])
    .where('f.dossier_id', '=', draftId)
    .executeTakeFirstOrThrow()
  // A building-permit draft of citizen A (its first section is the page every other actor lacks).
  const start = await clients.citizenA.post(`/procedures/${BUILDING}/apply`, {})
  if (start.status !== 302) throw new Error(`starting the draft answered ${start.status}`)
  const building = (await getProcedure(t.db, BUILDING))!
  const mail = await t.db
    .insertInto('mailbox')
    .values({ idempotency_key: randomUUID(), to_address: a.email, subject: 'Thư thử', body: 'Nội dung' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const fixture: Fixture = {
    code,
    fileId: file.id,
    receiptId: receipt.id,
    attemptId: receipt.attempt_id!,
    judicial: JUDICIAL,
    building: BUILDING,
    section: building.form.sections[0].key,
    mailId: mail.id,
    check: a.phone!.slice(-4),
    ...(await reconciliationException(t.db, receipt.attempt_id!)),
  }
  return {
    t,
    app,
    clients,
    fixture,
    close: async () => {
      await app.close()
      await t.drop()
    },
  }
}
