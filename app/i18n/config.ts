/** Languages and namespaces. Vietnamese first: it is the default and the fallback. */
export const supportedLngs = ['vi', 'en'] as const
export type Lng = (typeof supportedLngs)[number]
export const fallbackLng: Lng = 'vi'
export const defaultNS = 'common'
export const namespaces = [
  'common',
  'auth',
  'home',
  'staff',
  'validation',
  'catalogue',
  'forms',
  'dossier',
  'email',
  'queues',
  'officer',
  'admin',
  'payments',
  'finance',
  'results',
] as const
export type Namespace = (typeof namespaces)[number]
export const lngCookieName = 'lng'

export function isLng(value: unknown): value is Lng {
  return typeof value === 'string' && (supportedLngs as readonly string[]).includes(value)
}
