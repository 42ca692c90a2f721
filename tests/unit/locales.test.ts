import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { namespaces } from '../../app/i18n/config'

const root = path.resolve('locales')
const pluralSuffix = /_(zero|one|two|few|many|other)$/

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix]
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}
const load = (lng: string, ns: string) => JSON.parse(readFileSync(path.join(root, lng, `${ns}.json`), 'utf8'))
// Plural forms differ by language (Vietnamese has one): compare the base keys.
const normalised = (lng: string, ns: string) =>
  [...new Set(keys(load(lng, ns)).map((k) => k.replace(pluralSuffix, '')))].sort()

describe('translations', () => {
  it('have the same namespaces in both languages, and all are registered', () => {
    const vi = readdirSync(path.join(root, 'vi')).sort()
    const en = readdirSync(path.join(root, 'en')).sort()
    expect(en).toEqual(vi)
    expect(vi.map((f) => f.replace(/\.json$/, ''))).toEqual([...namespaces].sort())
  })

  it.each([...namespaces])('namespace %s has the same keys in vi and en', (ns) => {
    expect(normalised('en', ns)).toEqual(normalised('vi', ns))
  })

  it.each([...namespaces])('namespace %s has no empty strings', (ns) => {
    for (const lng of ['vi', 'en']) {
      const empty = keys(load(lng, ns)).filter((k) => {
        const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], load(lng, ns))
        return typeof value === 'string' && value.trim() === ''
      })
      expect(empty, `${lng}/${ns}`).toEqual([])
    }
  })
})
