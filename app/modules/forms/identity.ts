/**
 * Once-only data (issue 16 §4): the e-form fields declared with an `identity` fact, filled from the claims a
 * VNeID sign-in verified. Pure: the section page renders with it and the action overrides what was posted with
 * it, so a locked field cannot be changed by editing the page.
 */
import type { FieldSource, IdentitySources, VerifiedClaims } from '../auth/vneid/claims'
import type { Field, IdentityFact } from './definition'
import type { Address } from './names'

export interface VerifiedIdentity {
  claims: VerifiedClaims
  level: 1 | 2
  verifiedAt: Date
  /** the provider's claim name of each fact (VNEID_CLAIM_*) */
  claimNames: Record<IdentityFact, string>
}

function valueOf(fact: IdentityFact, claims: VerifiedClaims): string | Address | undefined {
  if (fact === 'address') return claims.address ? { ...claims.address } : undefined
  return claims[fact]
}

/** The locked fields of `fields` (top-level only) and their verified values; a fact the provider did not give stays open. */
export function lockedValues(fields: readonly Field[], identity: VerifiedIdentity | null) {
  const values: Record<string, string | Address> = {}
  if (!identity) return values
  for (const field of fields) {
    if (!field.identity || field.type === 'group') continue
    const value = valueOf(field.identity, identity.claims)
    if (value === undefined) continue
    if ('options' in field && !field.options.some((o) => o.value === value)) continue
    values[field.key] = value
  }
  return values
}

/** What the dossier records for each locked field: the fact, the provider's claim, the level, when verified and used. */
export function sourcesOf(
  fields: readonly Field[],
  locked: Record<string, unknown>,
  identity: VerifiedIdentity,
  usedAt: Date,
): IdentitySources {
  const sources: IdentitySources = {}
  for (const field of fields) {
    if (!field.identity || !(field.key in locked)) continue
    const source: FieldSource = {
      fact: field.identity,
      claim: identity.claimNames[field.identity],
      level: identity.level,
      verifiedAt: identity.verifiedAt.toISOString(),
      usedAt: usedAt.toISOString(),
    }
    sources[field.key] = source
  }
  return sources
}
