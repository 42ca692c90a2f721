import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { citizenActionPaths } from '../../app/modules/dossiers/citizen-paths'
import { officerIntents } from '../../app/modules/officer/action-forms'
import { effects } from '../../app/modules/workflow/effects.server'
import { effectNames, workflow } from '../../app/modules/workflow/transitions'

/**
 * Adding a workflow action (README "Add a workflow action") touches the table, a surface, the locales and maybe
 * an effect. Each omission fails here: an action nobody can take, a timeline row without words, an effect that
 * does nothing.
 */

const locale = (lng: 'vi' | 'en', ns: string) =>
  JSON.parse(readFileSync(path.resolve('locales', lng, `${ns}.json`), 'utf8')) as Record<string, unknown>
const lookup = (lng: 'vi' | 'en', key: string): unknown => {
  const [ns, rest] = key.split(':')
  return rest.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], locale(lng, ns))
}
/** The route file of a path such as /dossiers/X/withdraw, by Remix's flat-routes naming. */
const routeFileExists = (file: string) =>
  ['.tsx', '.ts'].some((ext) => existsSync(path.resolve('app/routes', file + ext))) ||
  existsSync(path.resolve('app/routes', file, 'route.tsx'))

const citizenRouteFiles: Record<string, string> = {
  submit: 'procedures.$code.apply.check',
  supplement: 'dossiers.$code.supplement',
  withdraw: 'dossiers.$code.withdraw',
}

describe('every action of the workflow table', () => {
  it.each(workflow.map((d) => [d.action, d] as const))('%s has a surface someone can use', (action, def) => {
    switch (def.surface) {
      case 'officer':
        expect(officerIntents, `${action}: no form on the officer's dossier page`).toContain(action)
        expect(def.roles.some((r) => r !== 'citizen' && r !== 'system')).toBe(true)
        break
      case 'citizen': {
        const pathOf = (citizenActionPaths as Record<string, (d: { code: string; procedure_code: string }) => string>)[action]
        expect(pathOf, `${action}: no citizenActionPaths entry`).toBeTypeOf('function')
        expect(def.roles).toContain('citizen')
        const file = citizenRouteFiles[action]
        expect(file, `${action}: name its route file in this test`).toBeDefined()
        expect(routeFileExists(file), `${action}: app/routes/${file} is missing`).toBe(true)
        expect(pathOf({ code: 'C', procedure_code: 'P' })).toBe(
          `/${file.replaceAll('.', '/').replace('$code', action === 'submit' ? 'P' : 'C')}`,
        )
        break
      }
      case 'system':
        expect(def.roles, `${action}: a system-only action is taken by no person`).toEqual(['system'])
        break
    }
  })

  it.each(workflow.map((d) => [d.action, d] as const))('%s has its texts in both languages', (action, def) => {
    const keys = [`dossier:event.${action}`, `officer:event.${action}`]
    if (def.surface === 'officer') keys.push(`officer:actions.${action}.title`, `officer:done.${action}`)
    for (const lng of ['vi', 'en'] as const)
      for (const key of keys) expect(lookup(lng, key), `${lng} ${key}`).toBeTypeOf('string')
  })

  it('has a handler for every effect it names', () => {
    for (const name of effectNames) expect(effects[name], name).toBeTypeOf('function')
    for (const def of workflow) for (const name of def.effects ?? []) expect(effectNames).toContain(name)
  })

  it('lets the officer page offer only officer actions', () => {
    const officerActions = workflow.filter((d) => d.surface === 'officer').map((d) => d.action)
    expect([...officerIntents].sort()).toEqual([...officerActions].sort())
  })
})
