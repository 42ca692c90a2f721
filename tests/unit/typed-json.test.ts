import { describe, expect, it } from 'vitest'
import {
  feePolicyOf,
  procedureTextsOf,
  unitFieldProblem,
  type FeePolicy,
} from '../../app/modules/catalogue/types'
import {
  procedureVersionFromRow,
  StoredJsonError,
  type FormDefinition,
  type GroupFieldDef,
} from '../../app/modules/forms/definition'
import { supplementItemsOf } from '../../app/modules/forms/supplement-items'
import { procedures } from '../../db/seed/catalogue'
import { procedureForms } from '../../db/seed/forms'
import { seedProblems } from '../../db/seed/seed'

const bi = (vi: string, en: string) => ({ vi, en })
const perCopy: FeePolicy = {
  kind: 'per_unit',
  unitAmount: 8000,
  unit: bi('bản', 'copy'),
  unitField: 'copies',
  note: null,
}
const formWith = (...fields: FormDefinition['sections'][number]['fields']): FormDefinition => ({
  sections: [{ key: 'main', title: bi('Phần', 'Part'), fields }],
})
const copies = { key: 'copies', type: 'number', label: bi('Số bản', 'Copies'), required: true } as const
const documents = [
  {
    key: 'id_card',
    name: bi('Căn cước', 'Identity card'),
    copies: bi('01 bản', '1 copy'),
    required: true,
    accept: ['application/pdf'],
    maxBytes: 1000,
  },
]

describe('a per-unit fee counts a number field of the form', () => {
  it('accepts a number field at the top level of a section', () => {
    expect(unitFieldProblem(perCopy, formWith(copies))).toBeNull()
  })

  it('refuses a missing field, a field of another type and a sub-field of a group', () => {
    const problem = { unitField: 'copies', unit: bi('bản', 'copy') }
    expect(unitFieldProblem(perCopy, formWith({ ...copies, key: 'pages' }))).toEqual(problem)
    expect(unitFieldProblem(perCopy, formWith({ ...copies, type: 'text' }))).toEqual(problem)
    const group: GroupFieldDef = {
      key: 'requests',
      type: 'group',
      label: bi('Yêu cầu', 'Requests'),
      required: true,
      minItems: 1,
      maxItems: 3,
      itemLabel: bi('Yêu cầu', 'Request'),
      fields: [copies],
    }
    expect(unitFieldProblem(perCopy, formWith(group))).toEqual(problem)
  })

  it('has nothing to check for the other kinds of fee', () => {
    const form = formWith({ ...copies, key: 'pages' })
    expect(unitFieldProblem({ kind: 'free', note: null }, form)).toBeNull()
    expect(unitFieldProblem({ kind: 'fixed', amount: 100000, note: null }, form)).toBeNull()
    expect(
      unitFieldProblem({ kind: 'assessed', note: bi('Sau thẩm định', 'After appraisal') }, form),
    ).toBeNull()
  })
})

describe('the seed checks its data with the domain schemas and rules', () => {
  it('finds nothing wrong with the demo data', () => {
    expect(seedProblems()).toEqual([])
  })

  it('names a per-unit fee whose unit field is not a number field of the form', () => {
    const extract = procedures.find((p) => p.fee.kind === 'per_unit')!
    const form = structuredClone(procedureForms[extract.code])
    for (const section of form.sections)
      section.fields = section.fields.filter(
        (f) => f.key !== (extract.fee as { unitField: string }).unitField,
      )
    expect(seedProblems([extract], { [extract.code]: form })).toEqual([
      `Seed fee of ${extract.code} is per unit of "copies", which is not a number field of its form`,
    ])
  })

  it('names a fee or texts that do not match their schema, with the path', () => {
    const [first] = procedures
    const bad = {
      ...first,
      fee: { kind: 'fixed', amount: -5, note: null } as FeePolicy,
      summary: bi('', 'x'),
    }
    const problems = seedProblems([bad], procedureForms)
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(
      /^Seed fee of .+ is invalid: fee\.amount: must be a whole number of 1 or more$/,
    )
    expect(problems[1]).toMatch(
      /^Seed texts of .+ is invalid: texts\.summary\.vi: the Vietnamese text is required$/,
    )
  })
})

describe('JSON columns enter the domain through their mapper', () => {
  it('parses a version row and keeps its other columns', () => {
    const row = { id: 'v1', version: 3, form: formWith(copies), documents }
    expect(procedureVersionFromRow(row)).toEqual(row)
  })

  it('throws StoredJsonError, naming the column, for a row that does not match its schema', () => {
    const row = { id: 'v1', form: { sections: [] }, documents }
    expect(() => procedureVersionFromRow(row)).toThrow(StoredJsonError)
    expect(() => procedureVersionFromRow(row)).toThrow(
      'procedure_versions.form does not match its schema: sections: at least one section',
    )
    expect(() => feePolicyOf({ kind: 'per_unit', unitAmount: 8000 })).toThrow(/^procedures\.fee_policy /)
    expect(() => procedureTextsOf({})).toThrow(/^procedures\.texts /)
    expect(() => supplementItemsOf([{ kind: 'photo', key: 'x', reason: 'y' }])).toThrow(
      /^dossier_events\.data\.items /,
    )
  })

  it('reads fee policies, texts and supplement items as stored', () => {
    for (const p of procedures) expect(feePolicyOf(JSON.parse(JSON.stringify(p.fee)))).toEqual(p.fee)
    const items = [{ kind: 'document', key: 'id_card', reason: 'Ảnh mờ' }]
    expect(supplementItemsOf(items)).toEqual(items)
  })
})
