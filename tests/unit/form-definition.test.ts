import { describe, expect, it } from 'vitest'
import {
  formDefinitionOf,
  parseFormDefinition,
  StoredJsonError,
  parseRequiredDocuments,
  type Field,
  type FormDefinition,
} from '../../app/modules/forms/definition'
import { procedures } from '../../db/seed/catalogue'
import { procedureForms } from '../../db/seed/forms'

const bi = (vi: string, en: string) => ({ vi, en })
const text = (key: string, extra: object = {}) => ({
  key,
  type: 'text',
  label: bi('Tên', 'Name'),
  required: true,
  ...extra,
})
const radio = (key: string, values: string[], extra: object = {}) => ({
  key,
  type: 'radio',
  label: bi('Chọn', 'Choose'),
  required: true,
  options: values.map((v) => ({ value: v, label: bi(v, v) })),
  ...extra,
})
const group = (key: string, fields: object[], extra: object = {}) => ({
  key,
  type: 'group',
  label: bi('Thành viên', 'Members'),
  required: true,
  minItems: 1,
  maxItems: 5,
  itemLabel: bi('Thành viên', 'Member'),
  fields,
  ...extra,
})
const section = (key: string, fields: object[]) => ({ key, title: bi('Phần', 'Part'), fields })
const form = (...sections: object[]) => ({ sections })

/** The errors of a definition that must be refused. */
const errorsOf = (json: unknown) => {
  const result = parseFormDefinition(json)
  if (result.ok) throw new Error('expected the definition to be refused')
  return result.errors
}

describe('parseFormDefinition', () => {
  it('accepts a definition with every field type and returns it', () => {
    const definition = form(
      section('main', [
        text('fullName', { maxLength: 100, hint: bi('Gợi ý', 'Hint') }),
        { key: 'note', type: 'textarea', label: bi('Ghi chú', 'Note'), required: false },
        {
          key: 'copies',
          type: 'number',
          label: bi('Số bản', 'Copies'),
          required: true,
          min: 1,
          max: 20,
          integer: true,
        },
        { key: 'born', type: 'date', label: bi('Ngày sinh', 'Born'), required: true, notAfterToday: true },
        { ...radio('kind', ['a', 'b']), type: 'select' },
        radio('sex', ['male', 'female']),
        { ...radio('tags', ['x', 'y']), type: 'checkboxes', required: false },
        { key: 'citizenId', type: 'citizen_id', label: bi('CCCD', 'ID'), required: true },
        { key: 'phone', type: 'phone', label: bi('Điện thoại', 'Phone'), required: true },
        { key: 'email', type: 'email', label: bi('Thư', 'Email'), required: false },
        { key: 'home', type: 'address', label: bi('Địa chỉ', 'Address'), required: true },
        text('kindOther', { showIf: { field: 'kind', equals: ['b'] } }),
        group('members', [
          text('memberName'),
          { key: 'memberId', type: 'citizen_id', label: bi('CCCD', 'ID'), required: true },
        ]),
      ]),
    )
    const result = parseFormDefinition(definition)
    expect(result).toEqual({ ok: true, definition })
  })

  it('accepts the JSON text as well', () => {
    expect(parseFormDefinition(JSON.stringify(form(section('main', [text('a')]))))).toMatchObject({
      ok: true,
    })
    expect(errorsOf('{ not json')).toEqual(['definition: not valid JSON'])
  })

  it.each<[string, unknown, string[]]>([
    ['no section', form(), ['sections: at least one section']],
    ['not an object', null, ['definition: Invalid input: expected object, received null']],
    ['a section without fields', form(section('main', [])), ['sections[0].fields: at least one field']],
    [
      'duplicate section keys',
      form(section('main', [text('a')]), section('main', [text('b')])),
      ['sections[1].key: duplicate section key "main"'],
    ],
    [
      'duplicate field keys across sections',
      form(section('one', [text('a'), text('b')]), section('two', [text('c'), text('a')])),
      ['sections[1].fields[1].key: duplicate key "a" (already used at sections[0].fields[0])'],
    ],
    [
      'a sub-field reusing a key',
      form(section('one', [text('memberName'), group('members', [text('memberName')])])),
      [
        'sections[0].fields[1].fields[0].key: duplicate key "memberName" (already used at sections[0].fields[0])',
      ],
    ],
    [
      'a key that is not camelCase',
      form(section('one', [text('full_name')])),
      [
        'sections[0].fields[0].key: must be a camelCase identifier (a lower-case letter, then letters and digits)',
      ],
    ],
    [
      'an unknown field type',
      form(section('one', [{ ...text('a'), type: 'colour' }])),
      [
        'sections[0].fields[0].type: unknown field type (one of: text, textarea, number, date, select, radio, checkboxes, citizen_id, phone, email, address, group)',
      ],
    ],
    [
      'a missing English label',
      form(section('one', [text('a', { label: { vi: 'Tên' } })])),
      ['sections[0].fields[0].label.en: the English text is required'],
    ],
    [
      'an empty Vietnamese label',
      form(section('one', [text('a', { label: bi(' ', 'Name') })])),
      ['sections[0].fields[0].label.vi: the Vietnamese text is required'],
    ],
    [
      'a misspelt property',
      form(section('one', [text('a', { requried: true })])),
      ['sections[0].fields[0]: Unrecognized key: "requried"'],
    ],
    [
      'a showIf pointing to an unknown field',
      form(
        section('one', [radio('a', ['yes', 'no']), text('b', { showIf: { field: 'nope', equals: 'yes' } })]),
      ),
      ['sections[0].fields[1].showIf.field: unknown field "nope"'],
    ],
    [
      'a showIf pointing to a later field',
      form(section('one', [text('b', { showIf: { field: 'a', equals: 'yes' } }), radio('a', ['yes', 'no'])])),
      ['sections[0].fields[0].showIf.field: "a" must be an earlier field of the same section'],
    ],
    [
      'a showIf pointing to itself',
      form(section('one', [radio('a', ['yes'], { showIf: { field: 'a', equals: 'yes' } })])),
      ['sections[0].fields[0].showIf.field: "a" must be an earlier field of the same section'],
    ],
    [
      'a showIf pointing to another section',
      form(
        section('one', [radio('a', ['yes', 'no'])]),
        section('two', [text('b', { showIf: { field: 'a', equals: 'yes' } })]),
      ),
      ['sections[1].fields[0].showIf.field: "a" must be an earlier field of the same section'],
    ],
    [
      'a showIf pointing into a group from outside',
      form(
        section('one', [
          group('members', [radio('a', ['yes'])]),
          text('b', { showIf: { field: 'a', equals: 'yes' } }),
        ]),
      ),
      ['sections[0].fields[1].showIf.field: "a" is inside a group; only its own group can use it'],
    ],
    [
      'a showIf on a field that is not a choice',
      form(section('one', [text('a'), text('b', { showIf: { field: 'a', equals: 'x' } })])),
      ['sections[0].fields[1].showIf.field: "a" must be a select, radio or checkboxes field'],
    ],
    [
      'a showIf on a value that is not an option',
      form(
        section('one', [
          radio('a', ['yes', 'no']),
          text('b', { showIf: { field: 'a', equals: ['yes', 'maybe'] } }),
        ]),
      ),
      ['sections[0].fields[1].showIf.equals: "maybe" is not an option of "a"'],
    ],
    [
      'a showIf with no value',
      form(section('one', [radio('a', ['yes']), text('b', { showIf: { field: 'a', equals: [] } })])),
      ['sections[0].fields[1].showIf.equals: at least one value'],
    ],
    [
      'empty options',
      form(section('one', [text('x'), radio('a', [])])),
      ['sections[0].fields[1].options: at least one option'],
    ],
    [
      'duplicate option values',
      form(section('one', [radio('a', ['yes', 'no', 'yes'])])),
      ['sections[0].fields[0].options[2].value: duplicate option value "yes"'],
    ],
    [
      'min greater than max',
      form(
        section('one', [
          { key: 'n', type: 'number', label: bi('Số', 'Number'), required: true, min: 5, max: 1 },
        ]),
      ),
      ['sections[0].fields[0].min: min (5) is greater than max (1)'],
    ],
    [
      'a date both not after and not before today',
      form(
        section('one', [
          {
            key: 'd',
            type: 'date',
            label: bi('Ngày', 'Date'),
            required: true,
            notAfterToday: true,
            notBeforeToday: true,
          },
        ]),
      ),
      ['sections[0].fields[0].notBeforeToday: notAfterToday and notBeforeToday cannot both be set'],
    ],
    [
      'a group with minItems greater than maxItems',
      form(section('one', [group('members', [text('a')], { minItems: 3, maxItems: 2 })])),
      ['sections[0].fields[0].minItems: minItems (3) is greater than maxItems (2)'],
    ],
    [
      'a nested group',
      form(section('one', [group('members', [text('a'), group('children', [text('b')])])])),
      ['sections[0].fields[0].fields[1].type: a group cannot contain another group'],
    ],
    [
      'a group without fields',
      form(section('one', [group('members', [])])),
      ['sections[0].fields[0].fields: at least one field'],
    ],
    [
      'a group with a negative minItems',
      form(section('one', [group('members', [text('a')], { minItems: -1 })])),
      ['sections[0].fields[0].minItems: must be a whole number of 0 or more'],
    ],
  ])('refuses %s with the exact message', (_name, json, errors) => {
    expect(errorsOf(json)).toEqual(errors)
  })

  it('reports every problem at once, each with its path', () => {
    const errors = errorsOf(
      form(
        section('one', [
          radio('a', []),
          { key: 'n', type: 'number', label: bi('Số', 'N'), required: true, min: 2, max: 1 },
        ]),
      ),
    )
    expect(errors).toEqual([
      'sections[0].fields[0].options: at least one option',
      'sections[0].fields[1].min: min (2) is greater than max (1)',
    ])
  })

  it('lets a sub-field depend on an earlier sibling, or on an earlier field of the section', () => {
    const definition = form(
      section('one', [
        radio('hasMembers', ['yes', 'no']),
        group(
          'members',
          [radio('role', ['owner', 'member']), text('note', { showIf: { field: 'role', equals: 'member' } })],
          {
            showIf: { field: 'hasMembers', equals: 'yes' },
          },
        ),
      ]),
    )
    expect(parseFormDefinition(definition).ok).toBe(true)
    const later = form(
      section('one', [
        group('members', [text('note', { showIf: { field: 'role', equals: 'x' } }), radio('role', ['x'])]),
      ]),
    )
    expect(errorsOf(later)).toEqual([
      'sections[0].fields[0].fields[0].showIf.field: "role" must be an earlier field of the same section',
    ])
  })
})

describe('the seeded e-forms', () => {
  const fieldsOf = (definition: FormDefinition): Field[] => definition.sections.flatMap((s) => s.fields)

  it.each(Object.entries(procedureForms))('%s is a valid definition', (_code, definition) => {
    expect(parseFormDefinition(definition)).toEqual({ ok: true, definition })
    expect(parseFormDefinition(JSON.parse(JSON.stringify(definition)))).toMatchObject({ ok: true })
  })

  it('cover every procedure of the catalogue, and nothing else', () => {
    expect(Object.keys(procedureForms).sort()).toEqual(procedures.map((p) => p.code).sort())
  })

  const perUnit = procedures.flatMap((p) =>
    p.fee.kind === 'per_unit' ? [[p.code, p.fee.unitField] as const] : [],
  )

  it.each(perUnit)(
    '%s: the per-unit fee counts "%s", a required whole-number field of at least 1',
    (code, unitField) => {
      // top level of a section (not in a group, not conditional): the fee needs exactly one count
      const field = fieldsOf(procedureForms[code]).find((f) => f.key === unitField)
      expect(field, `field ${unitField}`).toMatchObject({ type: 'number', required: true, integer: true })
      if (field?.type !== 'number') throw new Error('unreachable')
      expect(field.min).toBeGreaterThanOrEqual(1)
      expect(field.showIf).toBeUndefined()
    },
  )

  it('there are per-unit fees to check (copies and pages)', () => {
    expect(perUnit.map(([, unitField]) => unitField).sort()).toEqual(['copies', 'pages'])
  })

  it('write every text in both languages', () => {
    const texts: unknown[] = []
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (typeof node === 'object' && node !== null) {
        if ('vi' in node || 'en' in node) texts.push(node)
        else Object.values(node).forEach(walk)
      }
    }
    walk(procedureForms)
    expect(texts.length).toBeGreaterThan(100)
    for (const t of texts)
      expect(t).toEqual({ vi: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) })
  })
})

describe('parseRequiredDocuments', () => {
  const doc = (key: string, extra: object = {}) => ({
    key,
    name: bi('Tờ khai', 'Form'),
    copies: bi('01 bản chính', '1 original'),
    required: true,
    accept: ['application/pdf'],
    maxBytes: 10 * 1024 * 1024,
    ...extra,
  })

  it.each(procedures.map((p) => [p.code, p.documents] as const))(
    'accepts the documents of %s',
    (_code, documents) => {
      expect(parseRequiredDocuments(documents)).toEqual({ ok: true, documents })
    },
  )

  it.each<[string, unknown, string[]]>([
    ['no documents', [], ['documents: at least one document']],
    [
      'duplicate keys',
      [doc('id_card'), doc('form'), doc('id_card')],
      ['documents[2].key: duplicate document key "id_card"'],
    ],
    [
      'a key that is not snake_case',
      [doc('idCard')],
      [
        'documents[0].key: must be a snake_case identifier (a lower-case letter, then lower-case letters, digits and _)',
      ],
    ],
    ['no accepted type', [doc('form', { accept: [] })], ['documents[0].accept: at least one MIME type']],
    [
      'a bad MIME type',
      [doc('form', { accept: ['pdf'] })],
      ['documents[0].accept[0]: must be a MIME type such as application/pdf'],
    ],
    [
      'a zero size',
      [doc('form', { maxBytes: 0 })],
      ['documents[0].maxBytes: must be a whole number of 1 or more'],
    ],
    [
      'a missing English name',
      [doc('form', { name: { vi: 'Tờ khai' } })],
      ['documents[0].name.en: the English text is required'],
    ],
  ])('refuses %s with the exact message', (_name, json, errors) => {
    const result = parseRequiredDocuments(json)
    expect(result).toEqual({ ok: false, errors })
  })
})

describe('formDefinitionOf (a stored version, parsed once per text)', () => {
  const [first, second] = Object.values(procedureForms)

  it('gives the same frozen definition for the same text, from a fresh row each time', () => {
    const a = formDefinitionOf(JSON.parse(JSON.stringify(first)))
    const b = formDefinitionOf(JSON.parse(JSON.stringify(first)))
    expect(b).toBe(a)
    expect(a).toEqual(first)
    expect(Object.isFrozen(a)).toBe(true)
    expect(Object.isFrozen(a.sections[0].fields[0])).toBe(true)
    expect(() => (a.sections as unknown as unknown[]).push({})).toThrow(TypeError)
  })

  it('parses another text anew (an edited draft version is never answered from an older text)', () => {
    const edited = JSON.parse(JSON.stringify(first)) as FormDefinition
    edited.sections[0].title = { vi: 'Phần đã sửa', en: 'Edited section' }
    expect(formDefinitionOf(edited).sections[0].title.en).toBe('Edited section')
    expect(formDefinitionOf(first).sections[0].title).toEqual(first.sections[0].title)
    expect(formDefinitionOf(second)).toEqual(second)
  })

  it('still refuses a stored value that is not a definition, every time', () => {
    const broken = { sections: 'nope' }
    expect(() => formDefinitionOf(broken)).toThrow(StoredJsonError)
    expect(() => formDefinitionOf(broken)).toThrow(StoredJsonError)
  })
})
