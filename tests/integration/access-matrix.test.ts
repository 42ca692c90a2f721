import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actors, answerOf, expected, matrix, setUpMatrix } from './access-matrix'

/** The access matrix (the table and its world are in ./access-matrix.ts): zero unexpected cells. */

let world: Awaited<ReturnType<typeof setUpMatrix>>
beforeAll(async () => {
  world = await setUpMatrix()
}, 120_000)
afterAll(() => world?.close())

describe('the access matrix', () => {
  it('gives every actor the expected answer on every route and action', async () => {
    const unexpected: string[] = []
    let cells = 0
    for (const row of matrix) {
      const want = expected(row)
      const method = row.method ?? 'GET'
      for (const actor of actors) {
        const path = row.path(world.fixture)
        const res =
          method === 'GET'
            ? await world.clients[actor].get(path)
            : await world.clients[actor].post(path, row.form?.(world.fixture) ?? {})
        await res.arrayBuffer()
        const got = answerOf(res)
        cells++
        if (got !== want[actor])
          unexpected.push(`${method} ${path} [${row.route}] as ${actor}: expected ${want[actor]}, got ${got}`)
      }
    }
    expect(unexpected, `${unexpected.length} unexpected of ${cells} cells`).toEqual([])
  }, 300_000)

  it('has a row for every route file', () => {
    const files = readdirSync('app/routes').map((f) => f.replace(/\.tsx?$/, ''))
    const covered = new Set(matrix.map((r) => r.route))
    expect(files.filter((f) => !covered.has(f))).toEqual([])
  })
})
