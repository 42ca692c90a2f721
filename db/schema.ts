import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/** Typed picture of the database. Nullable columns are `T | null`, never optional (Kysely's convention). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** `date` columns come back as 'yyyy-mm-dd' strings (see create-db.ts): a calendar day has no time zone. */
type CalendarDate = ColumnType<string, string, string>
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
  published: Generated<boolean>
  created_at: CreatedAt
  updated_at: Timestamp
}

export interface ProcedureVersionsTable {
  id: Generated<string>
  procedure_id: string
  version: number
  form: Json<unknown>
  documents: Json<unknown>
  published_at: Date | null
  created_by: string | null
  created_at: CreatedAt
}

export interface HolidaysTable {
  date: CalendarDate
  name_vi: string
  name_en: string
}

export interface Database {
  agencies: AgenciesTable
  users: UsersTable
  staff_roles: StaffRolesTable
  sessions: SessionsTable
  login_throttle: LoginThrottleTable
  procedures: ProceduresTable
  procedure_versions: ProcedureVersionsTable
  holidays: HolidaysTable
}

export type Agency = Selectable<AgenciesTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>
export type Session = Selectable<SessionsTable>
export type Procedure = Selectable<ProceduresTable>
export type ProcedureVersion = Selectable<ProcedureVersionsTable>
export type Holiday = Selectable<HolidaysTable>
