import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The boundary "no Kysely in routes" is a lint rule; these tests prove that it fires (a rule that cannot fail
// guards nothing) and that it stays out of the modules, where queries belong.
const message = 'Routes call modules; no Kysely in routes.'

async function boundaryErrors(code: string, filePath: string) {
  const eslint = new ESLint()
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.message.includes(message)).map((m) => m.line)
}

describe('no Kysely in routes', () => {
  it('fails on a query reached through the load context, whatever the import', async () => {
    const code = [
      "import type { LoaderFunctionArgs } from '@remix-run/node'",
      'export async function loader({ context }: LoaderFunctionArgs) {',
      "  const users = await context.db.selectFrom('users').selectAll().execute()",
      "  await context.db.updateTable('users').set({ locale: 'vi' }).execute()",
      '  return { users }',
      '}',
      'export async function action(args: LoaderFunctionArgs) {',
      '  await args.context.db.transaction().execute(async () => {})',
      '}',
      '',
    ].join('\n')
    expect(await boundaryErrors(code, 'app/routes/x.tsx')).toEqual([3, 4, 8])
  }, 60_000)

  it('fails on sql templates and imports of kysely or db/', async () => {
    const code = [
      "import { sql } from 'kysely'",
      "import { createDb } from '../../db/create-db'",
      'export const a = sql`select 1`',
      "export const b = sql.raw('select 1')",
      'export { createDb }',
      '',
    ].join('\n')
    expect(await boundaryErrors(code, 'app/routes/x.tsx')).toEqual([1, 2, 3, 4])
  }, 60_000)

  it('lets modules query the database', async () => {
    const code = [
      "import { sql, type Kysely } from 'kysely'",
      "import type { Database } from '../../../db/schema'",
      'export function users(db: Kysely<Database>) {',
      "  return db.selectFrom('users').select(sql<number>`1`.as('one')).execute()",
      '}',
      '',
    ].join('\n')
    expect(await boundaryErrors(code, 'app/modules/x/x.server.ts')).toEqual([])
  }, 60_000)
})
