import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** Typed picture of the database. Nullable columns are `T | null`, never optional (Kysely's convention). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** `date` columns come back as 'yyyy-mm-dd' strings (see create-db.ts): a calendar day has no time zone. */
type CalendarDate = ColumnType<string, string, string>
/**
 * A JSON column written as JSON text. The columns that hold a domain shape (a procedure's fee policy and texts, a
 * version's form and documents) are `unknown` here: the module that owns the shape parses them with its zod
 * schema (catalogue: feePolicyOf, procedureTextsOf; forms: procedureVersionFromRow), so db/ imports nothing
 * from app/ and nothing is cast where it is used.
 */
type Json<T> = ColumnType<T, string, string>

export type Locale = 'vi' | 'en'
export type StaffRole = 'reception' | 'specialist' | 'approver' | 'finance' | 'admin'
export type UserKind = 'citizen' | 'staff'

export interface AgenciesTable {
  id: Generated<string>
  code: string
  name_vi: string
  name_en: string
  parent_id: string | null
  address_vi: Generated<string>
  address_en: Generated<string>
  phone: Generated<string>
  email: Generated<string>
  /** the line printed above the agency's name on the circular's forms (cơ quan chủ quản); null: the parent's name */
  parent_authority_vi: ColumnType<string | null, string | null | undefined, string | null>
  parent_authority_en: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

export interface UsersTable {
  id: Generated<string>
  kind: UserKind
  email: string
  full_name: string
  phone: string | null
  citizen_id: string | null
  password_hash: string
  locale: Generated<Locale>
  disabled_at: Date | null
  /** null until the owner opens the link of the registration letter; every other account starts confirmed */
  email_confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface StaffRolesTable {
  user_id: string
  agency_id: string
  role: StaffRole
  created_at: CreatedAt
}

export interface SessionsTable {
  id: string
  user_id: string
  created_at: CreatedAt
  last_seen_at: Timestamp
  expires_at: Date
  ip: string | null
  user_agent: string | null
  /** how the session was opened; a VNeID session carries its identity level and link (issue 16) */
  auth_method: ColumnType<'password' | 'vneid', 'password' | 'vneid' | undefined, 'password' | 'vneid'>
  identity_level: ColumnType<1 | 2 | null, 1 | 2 | null | undefined, 1 | 2 | null>
  identity_id: ColumnType<string | null, string | null | undefined, string | null>
  /** the provider's ID token of this sign-in: the id_token_hint of RP-initiated logout */
  id_token: ColumnType<string | null, string | null | undefined, string | null>
}

/** An account's link to its national electronic identity (VNeID): issuer + subject, as last verified. */
export interface UserIdentitiesTable {
  id: Generated<string>
  user_id: string
  provider: 'vneid'
  issuer: string
  subject: string
  personal_id: string
  level: 1 | 2
  /** the normalised verified claims of the latest sign-in (app/modules/auth/vneid/claims.ts) */
  claims: Json<unknown>
  verified_at: Date
  linked_at: CreatedAt
}

/** An authorization request in flight: keyed by the sha256 of the browser's cookie token, used once. */
export interface VneidLoginsTable {
  id: string
  state: string
  nonce: string
  code_verifier: string
  redirect_uri: string
  redirect_to: string
  created_at: CreatedAt
  expires_at: Date
}

/** A verified VNeID sign-in waiting for the owner of the password account with that number to prove it. */
export interface VneidLinkRequestsTable {
  id: string
  user_id: string
  issuer: string
  subject: string
  personal_id: string
  level: 1 | 2
  claims: Json<unknown>
  id_token: string
  redirect_to: string
  created_at: CreatedAt
  expires_at: Date
}

export interface EmailConfirmationsTable {
  id: Generated<string>
  user_id: string
  /** sha256 (hex) of the token in the letter's link; the token itself is never stored */
  token_hash: string
  expires_at: Date
  used_at: Date | null
  created_at: CreatedAt
}

export interface LoginThrottleTable {
  key: string
  failures: Generated<number>
  window_started_at: Timestamp
  blocked_until: Date | null
}

export interface ProceduresTable {
  id: Generated<string>
  code: string
  agency_id: string
  level: 3 | 4
  field_vi: string
  field_en: string
  name_vi: string
  name_en: string
  processing_days: number
  delivery: ColumnType<string[], string[], string[]>
  fee_policy: Json<unknown>
  fee_amount: Generated<number>
  texts: Json<unknown>
  /** kept by a trigger: lower(unaccent(code, names, fields)) */
  search_text: Generated<string>
  /** kept by the same trigger: lower(unaccent(name_vi, name_en)) — ranking: name before field before code */
  search_name: Generated<string>
  /** kept by the same trigger: lower(unaccent(field_vi, field_en)) */
  search_field: Generated<string>
  /** false: listed for information only, dossiers at the counter or by post (no e-form here yet) */
  online: Generated<boolean>
  published: Generated<boolean>
  created_at: CreatedAt
  updated_at: Timestamp
}

/** The words of the catalogue's accent-free texts, for correcting a mistyped search word (kept by a trigger). */
export interface CatalogueWordsTable {
  word: string
}

export interface ProcedureVersionsTable {
  id: Generated<string>
  procedure_id: string
  version: number
  form: Json<unknown>
  documents: Json<unknown>
  /** 1: any signed-in applicant; 2: only a level-2 VNeID sign-in may file under this version (issue 16) */
  required_identity_level: ColumnType<1 | 2, 1 | 2 | undefined, 1 | 2>
  /** the kind of document this version issues (a required document's `kind` elsewhere), e.g. 'driving_licence' */
  result_kind: ColumnType<string | null, string | null | undefined, string | null>
  /** the result definition (app/modules/results/definition.ts); null: an uploaded PDF, register 'KQ' */
  result: ColumnType<unknown, string | null | undefined, string | null>
  published_at: Date | null
  created_by: string | null
  created_at: CreatedAt
}

/**
 * The city's calendar: days off ('off': holidays, days in lieu, the weekday of a swap) and weekend days worked
 * ('working', ngày làm bù, naming in `replaces` the day off they make up for). `basis` cites the decision.
 */
export interface HolidaysTable {
  date: CalendarDate
  name_vi: string
  name_en: string
  kind: ColumnType<'off' | 'working', 'off' | 'working' | undefined, 'off' | 'working'>
  replaces: ColumnType<string | null, string | null | undefined, string | null>
  basis: ColumnType<string | null, string | null | undefined, string | null>
}

export type DossierStatus =
  | 'draft'
  | 'awaiting_payment'
  | 'submitted'
  | 'received'
  | 'in_progress'
  | 'supplement_requested'
  | 'awaiting_approval'
  | 'result_ready'
  | 'completed'
  | 'refused_at_intake'
  | 'refused'
  | 'withdrawn'
export type DeliveryMethod = 'online' | 'counter' | 'post'

export interface DossierCountersTable {
  agency_id: string
  day: CalendarDate
  last: number
}

/** The tracking book's counter (sổ theo dõi hồ sơ, Mẫu 06): the last number given per agency and Vietnamese year. */
export interface TrackingBookCountersTable {
  agency_id: string
  year: number
  last: number
}

export interface DossiersTable {
  id: Generated<string>
  code: string | null
  procedure_id: string
  procedure_version_id: string
  agency_id: string
  applicant_id: string
  status: Generated<DossierStatus>
  form_data: ColumnType<Record<string, unknown>, string | undefined, string>
  sections_done: ColumnType<string[], string[] | undefined, string[]>
  delivery_method: DeliveryMethod | null
  delivery_address: ColumnType<Record<string, string> | null, string | null | undefined, string | null>
  declared_at: Date | null
  submit_token: string | null
  submitted_at: Date | null
  received_at: Date | null
  due_at: Date | null
  paused_since: Date | null
  paused_working_minutes: Generated<number>
  completed_at: Date | null
  timeliness: 'early' | 'on_time' | 'late' | null
  assignee_id: string | null
  /** the agency's tracking book (Mẫu 06): the Vietnamese year of reception and the number in that year's book */
  book_year: ColumnType<number | null, number | null | undefined, number | null>
  book_number: ColumnType<number | null, number | null | undefined, number | null>
  /** which e-form fields were filled from verified VNeID claims, by which claim, at which level and when */
  identity_claims: ColumnType<unknown, string | null | undefined, string | null>
  /** the postal item number (UPU S10, e.g. EB123456785VN) recorded when the result was handed to the post */
  postal_tracking_number: ColumnType<string | null, string | null | undefined, string | null>
  version: Generated<number>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface SupplementItem {
  kind: 'document' | 'field'
  key: string
  reason: string
}

export interface SupplementRequestsTable {
  id: Generated<string>
  dossier_id: string
  requested_by: string
  items: ColumnType<SupplementItem[], string, string>
  return_status: DossierStatus
  requested_at: CreatedAt
  answered_at: Date | null
}

export interface DossierFilesTable {
  id: Generated<string>
  dossier_id: string
  requirement_key: string
  original_name: string
  mime: string
  size: number
  sha256: string
  storage_key: string
  uploaded_by: string
  supplement_request_id: string | null
  /** taken from the applicant's document store: the file it reuses (same storage object, no copy) */
  source_file_id: ColumnType<string | null, string | null | undefined, string | null>
  created_at: CreatedAt
}

/** The officer's latest check of one stored file (issue 13): valid, or needs a supplement with the reason. */
export interface DossierFileChecksTable {
  file_id: string
  dossier_id: string
  verdict: 'valid' | 'needs_supplement'
  reason: string | null
  checked_by: string
  checked_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface DossierEventsTable {
  id: Generated<number>
  dossier_id: string
  actor_id: string | null
  actor_role: string
  action: string
  from_status: DossierStatus | null
  to_status: DossierStatus | null
  reason: string | null
  data: ColumnType<Record<string, unknown>, string | undefined, never>
  citizen_visible: Generated<boolean>
  at: CreatedAt
}

export interface MessagesTable {
  id: Generated<string>
  dossier_id: string
  author_id: string
  body: string
  internal: Generated<boolean>
  created_at: CreatedAt
}

export interface RatingsTable {
  dossier_id: string
  score: number
  comment: string | null
  created_at: CreatedAt
}

export interface FeesTable {
  id: Generated<string>
  dossier_id: string
  kind: 'submission' | 'assessed' | 'counter'
  amount: number
  status: Generated<'due' | 'paid' | 'waived' | 'refunded'>
  description: ColumnType<{ vi: string; en: string }, string, string>
  created_at: CreatedAt
  paid_at: Date | null
  /** the attempt whose money paid this fee (null for counter payments and waivers) */
  paid_attempt_id: string | null
  paid_method: PaidMethod | null
}

export type PaidMethod = 'stripe' | 'vnpay' | 'counter'
export type AttemptStatus =
  'creating' | 'pending' | 'processing' | 'succeeded' | 'failed' | 'expired' | 'superseded'

/** One try at paying a fee through a gateway; its id is our reference at the gateway. */
export interface PaymentAttemptsTable {
  id: Generated<string>
  fee_id: string
  provider: 'stripe' | 'vnpay'
  provider_ref: string | null
  idempotency_key: string
  amount: number
  status: Generated<AttemptStatus>
  redirect_url: string | null
  return_url: string
  cancel_url: string
  payer_ip: string
  locale: Generated<'vi' | 'en'>
  transaction_id: string | null
  failure_code: string | null
  created_by: string | null
  created_at: CreatedAt
  expires_at: Date
  settled_at: Date | null
  checked_at: Date | null
  check_count: Generated<number>
}

/** Every verified notification (and every poll result), once per provider event id. */
export interface PaymentEventsTable {
  id: Generated<number>
  provider: string
  event_id: string
  attempt_id: string | null
  source: 'notification' | 'poll' | 'reconciliation'
  kind: string
  status: string | null
  amount: number | null
  outcome: string
  payload: string
  received_at: CreatedAt
  /** the money movement the event named (a second success names another one) */
  transaction_id: ColumnType<string | null, string | null | undefined, string | null>
}

export type RefundStatus = 'proposed' | 'requested' | 'rejected' | 'processing' | 'succeeded' | 'failed'

export interface RefundsTable {
  id: Generated<string>
  fee_id: string
  attempt_id: string
  origin: 'refused' | 'withdrawn' | 'duplicate' | 'manual'
  amount: number
  status: Generated<RefundStatus>
  reason: string | null
  requested_by: string | null
  requested_at: Date | null
  decided_by: string | null
  decided_at: Date | null
  decision_note: string | null
  idempotency_key: string
  provider_ref: string | null
  submitted_at: Date | null
  created_at: CreatedAt
  settled_at: Date | null
}

export interface ReceiptCountersTable {
  agency_id: string
  year: number
  last_number: number
}

export interface ReceiptsTable {
  id: Generated<string>
  fee_id: string
  attempt_id: string | null
  agency_id: string
  year: number
  number: number
  series: string
  dossier_code: string
  payer_name: string
  amount: number
  method: PaidMethod
  description: ColumnType<{ vi: string; en: string }, string, never>
  transaction_id: string | null
  issued_at: Date
  document_hash: string
}

/** Every e-mail sent (the development mailbox, or the SMTP sent log); the key makes a resend a no-op. */
export interface MailboxTable {
  id: Generated<string>
  idempotency_key: string
  to_address: string
  subject: string
  body: string
  transport: Generated<'mailbox' | 'smtp'>
  created_at: CreatedAt
}

/** Append-only (enforced by a trigger): who changed what in the administration, and when. */
export interface AdminAuditTable {
  id: Generated<number>
  actor_id: string
  /** the agency the change belongs to; null for city-wide data (holidays, procedure versions) */
  agency_id: string | null
  action: string
  target: string
  data: ColumnType<Record<string, unknown>, string | undefined, never>
  at: CreatedAt
}

export interface Database {
  agencies: AgenciesTable
  users: UsersTable
  staff_roles: StaffRolesTable
  sessions: SessionsTable
  user_identities: UserIdentitiesTable
  vneid_logins: VneidLoginsTable
  vneid_link_requests: VneidLinkRequestsTable
  login_throttle: LoginThrottleTable
  email_confirmations: EmailConfirmationsTable
  procedures: ProceduresTable
  procedure_versions: ProcedureVersionsTable
  catalogue_words: CatalogueWordsTable
  holidays: HolidaysTable
  dossier_counters: DossierCountersTable
  tracking_book_counters: TrackingBookCountersTable
  dossiers: DossiersTable
  supplement_requests: SupplementRequestsTable
  dossier_files: DossierFilesTable
  dossier_file_checks: DossierFileChecksTable
  dossier_events: DossierEventsTable
  messages: MessagesTable
  ratings: RatingsTable
  fees: FeesTable
  mailbox: MailboxTable
  admin_audit: AdminAuditTable
  payment_attempts: PaymentAttemptsTable
  payment_events: PaymentEventsTable
  refunds: RefundsTable
  receipt_counters: ReceiptCountersTable
  receipts: ReceiptsTable
  settlement_imports: SettlementImportsTable
  settlement_lines: SettlementLinesTable
  reconciliation_runs: ReconciliationRunsTable
  reconciliation_items: ReconciliationItemsTable
  reconciliation_audit: ReconciliationAuditTable
  finance_days: FinanceDaysTable
  ledger_codes: LedgerCodesTable
  result_drafts: ResultDraftsTable
  result_counters: ResultCountersTable
  results: ResultsTable
  signing_roots: SigningRootsTable
  signing_credentials: SigningCredentialsTable
}

// ------------------------------------------------------------------------------------------ results (issue 15)

/** One draft of a dossier's result as the specialist proposed it (the history survives a return for rework). */
export interface ResultDraftsTable {
  id: Generated<string>
  dossier_id: string
  seq: number
  kind: 'template' | 'upload'
  /** what the specialist filled in (template) */
  fields: ColumnType<Record<string, string>, string | undefined, string>
  original_name: string
  mime: string
  size: number
  sha256: string
  storage_key: string
  note: string | null
  status: Generated<'proposed' | 'returned' | 'approved'>
  returned_reason: string | null
  created_by: string
  created_at: CreatedAt
}

export interface ResultCountersTable {
  agency_id: string
  year: number
  register: string
  last: number
}

/** An issued, signed result (app/modules/results/issue.server.ts). */
export interface ResultsTable {
  id: Generated<string>
  dossier_id: string
  agency_id: string
  draft_id: string | null
  register: string
  year: number
  number: number
  /** as printed: 000012/2026/LLTP-STP */
  number_text: string
  title: string
  fields: ColumnType<Record<string, string>, string | undefined, string>
  /** the dossier's 'result' file row holding the signed PDF */
  file_id: string | null
  storage_key: string
  size: number
  sha256: string
  /** 'PAdES-B-B' or 'PAdES-B-T' */
  signature_format: string
  signer_id: string | null
  signer_name: string
  signer_title: string
  certificate_subject: string
  certificate_issuer: string
  certificate_serial: string
  signed_at: Date
  replaces_id: string | null
  revoked_at: Date | null
  revoked_by: string | null
  revoke_reason: string | null
}

export interface SigningRootsTable {
  id: Generated<string>
  name: string
  certificate_pem: string
  demo: boolean
  created_at: CreatedAt
}

/** A demo agency's signing key (PKCS#12) and certificate chain, created by the seed (demo profile only). */
export interface SigningCredentialsTable {
  agency_id: string
  p12: Buffer
  certificate_pem: string
  chain_pem: string
  demo: boolean
  created_at: CreatedAt
}

// ------------------------------------------------------------------------------------------ finance (issue 10)

export type SettlementProvider = 'stripe' | 'vnpay'

/** One settlement report pulled from a gateway's API or uploaded as a file (once per content hash). */
export interface SettlementImportsTable {
  id: Generated<string>
  provider: SettlementProvider
  source: 'api' | 'file'
  file_name: string | null
  content_sha256: string | null
  period_from: Date | null
  period_to: Date | null
  line_count: Generated<number>
  new_lines: Generated<number>
  status: 'imported' | 'rejected' | 'failed'
  /** parsed by app/modules/finance/import-errors.ts */
  error_report: ColumnType<unknown, string | null | undefined, string | null>
  /** a file's header, once (its lines keep their cells in this order) */
  columns: string[] | null
  imported_by: string | null
  at: CreatedAt
}

export type SettlementLineType = 'payment' | 'refund' | 'fee' | 'adjustment' | 'payout'

/** One money movement as the gateway settled it, once per provider line id. */
export interface SettlementLinesTable {
  id: Generated<number>
  provider: SettlementProvider
  line_id: string
  import_id: string
  our_reference: string | null
  attempt_ref: string | null
  transaction_id: string | null
  refund_ref: string | null
  type: SettlementLineType
  gross: number
  fee: number
  net: number
  currency: Generated<string>
  settled_at: Date
  payout_id: string | null
  bank_code: string | null
  /** the gateway API's line as it came (null for a file's line, which keeps `cells`) */
  raw: ColumnType<unknown, string | null | undefined, never>
  /** a file's line, its cells as they came, in the order of its import's `columns` */
  cells: ColumnType<string[] | null, string[] | null | undefined, never>
}

export interface ReconciliationRunsTable {
  id: Generated<string>
  provider: string | null
  period_from: Date
  period_to: Date
  started_at: Date
  finished_at: Date | null
  results: ColumnType<unknown, string | undefined, string>
  error: string | null
  started_by: string | null
}

export type ReconciliationClass =
  | 'missing_in_portal'
  | 'missing_at_gateway'
  | 'amount_mismatch'
  | 'duplicate_payment'
  | 'refund_mismatch'
  | 'fee_mismatch'
export type ResolutionKind = 'apply_payment' | 'propose_refund' | 'explained' | 'write_off'

/** An exception found by a run: open until a person resolves it (two people when it moves money). */
export interface ReconciliationItemsTable {
  id: Generated<string>
  run_id: string
  class: ReconciliationClass
  subject: string
  status: Generated<'open' | 'resolved'>
  agency_id: string | null
  provider: string
  business_day: string
  /** set by the database (trigger): the business day, or the next open day when that one is closed */
  finance_day: ColumnType<string, string | undefined, string>
  corrects_day: string | null
  payment_attempt_id: string | null
  settlement_line_id: number | null
  refund_id: string | null
  fee_id: string | null
  dossier_id: string | null
  portal_amount: number | null
  gateway_amount: number | null
  detail: ColumnType<unknown, string | undefined, string>
  owner_id: string | null
  resolution_kind: ResolutionKind | null
  reason: string | null
  requested_by: string | null
  requested_at: Date | null
  approved_by: string | null
  resolved_at: Date | null
  created_at: CreatedAt
}

/** Append-only: every request, approval, resolution and reopening of an exception. */
export interface ReconciliationAuditTable {
  id: Generated<number>
  item_id: string
  actor_id: string
  action: 'request' | 'approve' | 'resolve' | 'reopen'
  resolution_kind: ResolutionKind | null
  reason: string
  data: ColumnType<unknown, string | undefined, never>
  at: CreatedAt
}

/** A closed business day of an agency, its figures frozen. */
export interface FinanceDaysTable {
  agency_id: string
  business_day: string
  closed_by: string
  closed_at: Date
  figures: ColumnType<unknown, string, never>
}

export interface LedgerCodesTable {
  procedure_id: string
  fee_kind: 'submission' | 'assessed' | 'counter'
  code: string
  updated_by: string
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export type Agency = Selectable<AgenciesTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Session = Selectable<SessionsTable>
export type Procedure = Selectable<ProceduresTable>
export type ProcedureVersion = Selectable<ProcedureVersionsTable>
export type Holiday = Selectable<HolidaysTable>
export type Dossier = Selectable<DossiersTable>
export type DossierFile = Selectable<DossierFilesTable>
export type DossierEvent = Selectable<DossierEventsTable>
export type Fee = Selectable<FeesTable>
export type MailboxMessage = Selectable<MailboxTable>
export type PaymentAttempt = Selectable<PaymentAttemptsTable>
export type Refund = Selectable<RefundsTable>
export type Receipt = Selectable<ReceiptsTable>
