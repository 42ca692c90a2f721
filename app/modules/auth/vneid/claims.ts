/**
 * What a VNeID sign-in verified, in the portal's own words, whatever the provider calls its claims. Pure: the
 * e-form pages (browser too) read the type; the server fills it from the ID token and userinfo.
 */

import type { IdentityFact } from '../../forms/definition'

export type { IdentityFact }

export interface VerifiedAddress {
  province: string
  district: string
  ward: string
  street: string
}

/** The normalised claims of one sign-in (user_identities.claims). Facts the provider did not give are absent. */
export interface VerifiedClaims {
  fullName?: string
  personalId: string
  /** yyyy-mm-dd */
  birthdate?: string
  gender?: 'male' | 'female'
  address?: VerifiedAddress
  /** 0xxxxxxxxx */
  phone?: string
}

/** The claim names the provider uses for each fact (VNEID_CLAIM_*), and for the identity level. */
export type ClaimNames = Record<IdentityFact, string> & { level: string }

export class ClaimsError extends Error {}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 500) : undefined)

/** An OIDC address object (street_address, locality, region) or VNeID's own parts (ward, district, province). */
function addressOf(v: unknown): VerifiedAddress | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined
  const a = v as Record<string, unknown>
  const parts = {
    province: text(a.province) ?? text(a.region),
    district: text(a.district) ?? text(a.locality),
    ward: text(a.ward),
    street: text(a.street) ?? text(a.street_address),
  }
  if (!parts.province || !parts.district || !parts.ward || !parts.street) return undefined
  return parts as VerifiedAddress
}

/** +84912345678, 84912345678 or 0912345678 → 0912345678; anything else is dropped. */
function phoneOf(v: unknown): string | undefined {
  const s = text(v)?.replace(/[\s.-]/g, '')
  const national = s?.replace(/^\+?84/, '0')
  return national && /^0[0-9]{9}$/.test(national) ? national : undefined
}

/** 2 from 2, '2', 'level2', 'urn:…:loa:2'; only 1 and 2 exist (Decree 69/2024). */
export function levelOf(v: unknown): 1 | 2 | undefined {
  const m = /([12])$/.exec(String(v ?? ''))
  return m ? (Number(m[1]) as 1 | 2) : undefined
}

/**
 * The verified facts and level from the merged ID token and userinfo claims. Throws ClaimsError when the
 * personal identification number (12 digits) or the level is missing: without them nothing can be linked.
 */
export function normaliseClaims(
  raw: Record<string, unknown>,
  names: ClaimNames,
): { claims: VerifiedClaims; level: 1 | 2 } {
  const personalId = text(raw[names.personalId])
  if (!personalId || !/^[0-9]{12}$/.test(personalId)) throw new ClaimsError('personal identification number')
  const level = levelOf(raw[names.level])
  if (!level) throw new ClaimsError('identity level')
  const birthdate = text(raw[names.birthdate])
  const gender = text(raw[names.gender])?.toLowerCase()
  const claims: VerifiedClaims = {
    personalId,
    fullName: text(raw[names.fullName]),
    birthdate: birthdate && /^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? birthdate : undefined,
    gender: gender === 'male' || gender === 'female' ? gender : undefined,
    address: addressOf(raw[names.address]),
    phone: phoneOf(raw[names.phone]),
  }
  for (const key of Object.keys(claims) as (keyof VerifiedClaims)[])
    if (claims[key] === undefined) delete claims[key]
  return { claims, level }
}

/** A stored claims object read back (user_identities.claims), keeping only well-formed facts. */
export function verifiedClaimsOf(stored: unknown): VerifiedClaims | null {
  if (typeof stored !== 'object' || stored === null) return null
  const s = stored as Record<string, unknown>
  if (typeof s.personalId !== 'string') return null
  return stored as VerifiedClaims
}

/** How a dossier records one field's source (dossiers.identity_claims[fieldKey]). */
export interface FieldSource {
  fact: IdentityFact
  /** the provider's claim name */
  claim: string
  level: 1 | 2
  verifiedAt: string
  usedAt: string
}
export type IdentitySources = Record<string, FieldSource>

export function identitySourcesOf(stored: unknown): IdentitySources {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {}
  return stored as IdentitySources
}

/** The lowest level among the fields a dossier took from VNeID, or null when none was. */
export function verifiedLevelOf(sources: IdentitySources): 1 | 2 | null {
  const levels = Object.values(sources).map((s) => s.level)
  if (!levels.length) return null
  return Math.min(...levels) as 1 | 2
}
