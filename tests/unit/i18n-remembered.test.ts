import { describe, expect, it } from 'vitest'
import { namespaces, supportedLngs } from '../../app/i18n/config'
import { rememberPlainTranslations } from '../../app/i18n/i18next.server'
import { createI18n } from '../../app/i18n/instance'
import { resources } from '../../app/i18n/resources'

/** Every key of a namespace's JSON, as i18next names it (plural forms by their base key too). */
function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
}

describe('remembered server translations', () => {
  it('answer exactly what i18next answers, for every key of every namespace, asked twice', () => {
    for (const lng of supportedLngs) {
      const plain = createI18n(lng, resources)
      const remembered = rememberPlainTranslations(createI18n(lng, resources))
      for (const ns of namespaces) {
        const keys = keysOf((resources[lng] as Record<string, unknown>)[ns])
        expect(keys.length, `${lng}/${ns}`).toBeGreaterThan(0)
        const fixedPlain = plain.getFixedT(lng, ns)
        const fixedRemembered = remembered.getFixedT(lng, ns)
        for (const key of [...keys, ...keys.map((k) => k.replace(/_(one|other)$/, '')), 'no.such.key']) {
          expect(fixedRemembered(key), `${lng} ${ns}:${key}`).toBe(fixedPlain(key))
          expect(fixedRemembered(key), `${lng} ${ns}:${key} (again)`).toBe(fixedPlain(key))
        }
      }
    }
  })

  it('keep the namespaces apart and leave counts, values and defaults to i18next on every call', () => {
    const vi = rememberPlainTranslations(createI18n('vi', resources))
    const en = rememberPlainTranslations(createI18n('en', resources))
    const tDossier = en.getFixedT('en', 'dossier')
    const tCommon = en.getFixedT('en', 'common')
    expect(tDossier('list.title')).toBe('My dossiers')
    expect(tCommon('list.title')).toBe('list.title')
    expect(vi.getFixedT('vi', 'dossier')('list.title')).not.toBe('My dossiers')
    expect(tDossier('list.count', { count: 1 })).toBe('1 dossier')
    expect(tDossier('list.count', { count: 7 })).toBe('7 dossiers')
    expect(tDossier('list.caption', { page: 2, pages: 3 })).toBe('Your dossiers, page 2 of 3')
    expect(tDossier('list.caption', { page: 3, pages: 3 })).toBe('Your dossiers, page 3 of 3')
    expect(tDossier('no.such.key', { defaultValue: 'fallback' })).toBe('fallback')
    expect(tDossier('no.such.key', 'another fallback')).toBe('another fallback')
  })
})
