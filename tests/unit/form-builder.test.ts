import { createInstance, type i18n as I18n } from 'i18next'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import enCommon from '../../locales/en/common.json'
import enForms from '../../locales/en/forms.json'
import viCommon from '../../locales/vi/common.json'
import viForms from '../../locales/vi/forms.json'
import { FormSectionFields, formSectionLabels } from '../../app/components/form-section'
import { fieldId } from '../../app/components/forms'
import {
  applyGroupAction,
  buildFormSchema,
  buildSectionSchema,
  errorsFromIssues,
  flattenFormErrors,
  formValuesFromFormData,
  todayInVietnam,
  translateMessage,
  type Translate,
} from '../../app/modules/forms/build-schema'
import type { Field, FormDefinition, FormSection, LeafField } from '../../app/modules/forms/definition'
import { procedureForms } from '../../db/seed/forms'

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

const bi = (vi: string, en: string) => ({ vi, en })
const options = (...values: string[]) => values.map((v) => ({ value: v, label: bi(`vi ${v}`, `en ${v}`) }))

// 20:00 UTC on 10 March is 03:00 on 11 March in Viet Nam: "today" must be the 11th.
const now = () => new Date('2026-03-10T20:00:00Z')
const TODAY = '2026-03-11'

/** Parses one field's value; the result as a test reads it. */
function parseOne(field: Field, value: unknown) {
  const result = buildSectionSchema({ fields: [field] }, { now }).safeParse(
    value === undefined ? {} : { [field.key]: value },
  )
  if (result.success) return { value: result.data[field.key] }
  return { errors: errorsFromIssues(result.error.issues) }
}
const ok = (value: unknown) => ({ value })
const err = (errors: Record<string, string>) => ({ errors })

const leaf = (type: LeafField['type'], extra: object = {}) =>
  ({ key: 'f', type, label: bi('Nhãn', 'Label'), required: true, ...extra }) as LeafField

let vi: I18n
let en: I18n
beforeAll(async () => {
  const make = async (lng: 'vi' | 'en') => {
    const instance = createInstance()
    await instance.use(initReactI18next).init({
      lng,
      resources: { vi: { forms: viForms, common: viCommon }, en: { forms: enForms, common: enCommon } },
      ns: ['forms', 'common'],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initImmediate: false,
    })
    return instance
  }
  vi = await make('vi')
  en = await make('en')
})
const tVi: Translate = (key, o) => vi.t(key, o)
const tEn: Translate = (key, o) => en.t(key, o)

// ---------------------------------------------------------------------------------------------------------------
// Today
// ---------------------------------------------------------------------------------------------------------------

describe('todayInVietnam', () => {
  it('is the calendar day in Asia/Ho_Chi_Minh (UTC+7), whatever the machine', () => {
    expect(todayInVietnam(new Date('2026-03-10T16:59:59Z'))).toBe('2026-03-10')
    expect(todayInVietnam(new Date('2026-03-10T17:00:00Z'))).toBe('2026-03-11')
    expect(todayInVietnam(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01')
    expect(todayInVietnam(now())).toBe(TODAY)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Every field type
// ---------------------------------------------------------------------------------------------------------------

describe('text and textarea', () => {
  it.each<[string, Field, unknown, object]>([
    ['trims', leaf('text'), '  Nguyễn Thị Lan  ', ok('Nguyễn Thị Lan')],
    ['required, empty', leaf('text'), '   ', err({ f: 'forms:errors.required' })],
    ['required, missing', leaf('text'), undefined, err({ f: 'forms:errors.required' })],
    ['optional, empty: left out', leaf('text', { required: false }), '', ok(undefined)],
    ['maxLength', leaf('text', { maxLength: 5 }), 'abcdef', err({ f: 'forms:errors.tooLong|{"max":5}' })],
    ['maxLength, exactly', leaf('text', { maxLength: 5 }), 'abcde', ok('abcde')],
    ['default maxLength 500', leaf('text'), 'x'.repeat(501), err({ f: 'forms:errors.tooLong|{"max":500}' })],
    ['not a string', leaf('text'), ['a', 'b'], err({ f: 'forms:errors.required' })],
    ['textarea keeps lines', leaf('textarea'), ' a\r\nb ', ok('a\nb')],
    // a browser posts CRLF: 3 lines of 2 characters are 8 characters typed, not 10
    [
      'textarea counts a line break once',
      leaf('textarea', { maxLength: 8 }),
      'ab\r\ncd\r\nef',
      ok('ab\ncd\nef'),
    ],
    [
      'textarea maxLength',
      leaf('textarea', { maxLength: 3 }),
      'abcd',
      err({ f: 'forms:errors.tooLong|{"max":3}' }),
    ],
    [
      'textarea default maxLength 5000',
      leaf('textarea'),
      'x'.repeat(5001),
      err({ f: 'forms:errors.tooLong|{"max":5000}' }),
    ],
  ])('%s', (_name, field, value, expected) => {
    expect(parseOne(field, value)).toEqual(expected)
  })
})

describe('number', () => {
  const copies = leaf('number', { integer: true, min: 1, max: 20 })
  it.each<[string, Field, unknown, object]>([
    ['a string becomes a number', copies, '3', ok(3)],
    ['spaces are ignored', copies, ' 1 2 ', ok(12)],
    ['an already parsed number', copies, 7, ok(7)],
    ['not a number', copies, 'ba', err({ f: 'forms:errors.number' })],
    ['a number and text', copies, '3 bản', err({ f: 'forms:errors.number' })],
    ['not whole', copies, '2.5', err({ f: 'forms:errors.integer' })],
    ['below min', copies, '0', err({ f: 'forms:errors.min|{"min":1}' })],
    ['above max', copies, '21', err({ f: 'forms:errors.max|{"max":20}' })],
    ['at min and max', copies, '20', ok(20)],
    ['required, empty', copies, '', err({ f: 'forms:errors.required' })],
    ['optional, empty', leaf('number', { required: false }), '', ok(undefined)],
    ['decimal comma', leaf('number'), '12,5', ok(12.5)],
    ['decimal point', leaf('number'), '12.5', ok(12.5)],
    ['negative', leaf('number'), '-3', ok(-3)],
    [
      'grouped thousands in a whole number (dots)',
      leaf('number', { integer: true }),
      '100.000.000',
      ok(100_000_000),
    ],
    [
      'grouped thousands in a whole number (commas)',
      leaf('number', { integer: true }),
      '1,500,000',
      ok(1_500_000),
    ],
    [
      'grouped thousands in a whole number (spaces)',
      leaf('number', { integer: true }),
      '1 500 000',
      ok(1_500_000),
    ],
    ['too large to be exact', leaf('number'), '9007199254740993', err({ f: 'forms:errors.number' })],
    ['min with decimals', leaf('number', { min: 0.5 }), '0,4', err({ f: 'forms:errors.min|{"min":0.5}' })],
  ])('%s', (_name, field, value, expected) => {
    expect(parseOne(field, value)).toEqual(expected)
  })
})

describe('date', () => {
  it.each<[string, Field, unknown, object]>([
    ['ISO date', leaf('date'), '2024-02-29', ok('2024-02-29')],
    ['not a real day', leaf('date'), '2023-02-29', err({ f: 'forms:errors.date' })],
    ['month 13', leaf('date'), '2024-13-01', err({ f: 'forms:errors.date' })],
    ['free text', leaf('date'), 'hôm qua', err({ f: 'forms:errors.date' })],
    ['typed the Vietnamese way', leaf('date'), '5/3/2024', ok('2024-03-05')],
    ['typed the Vietnamese way, not a real day', leaf('date'), '31/04/2024', err({ f: 'forms:errors.date' })],
    ['required, empty', leaf('date'), '', err({ f: 'forms:errors.required' })],
    ['optional, empty', leaf('date', { required: false }), '', ok(undefined)],
    ['not after today: today (in Viet Nam)', leaf('date', { notAfterToday: true }), TODAY, ok(TODAY)],
    [
      'not after today: tomorrow',
      leaf('date', { notAfterToday: true }),
      '2026-03-12',
      err({ f: 'forms:errors.dateFuture' }),
    ],
    ['not before today: today', leaf('date', { notBeforeToday: true }), TODAY, ok(TODAY)],
    // still the 10th in UTC, but already the 11th in Viet Nam
    [
      'not before today: yesterday',
      leaf('date', { notBeforeToday: true }),
      '2026-03-10',
      err({ f: 'forms:errors.datePast' }),
    ],
  ])('%s', (_name, field, value, expected) => {
    expect(parseOne(field, value)).toEqual(expected)
  })

  it('reads the clock at every parse, not when the schema is built', () => {
    let clock = new Date('2026-03-10T00:00:00Z')
    const schema = buildSectionSchema(
      { fields: [leaf('date', { notAfterToday: true })] },
      { now: () => clock },
    )
    expect(schema.safeParse({ f: '2026-03-11' }).success).toBe(false)
    clock = new Date('2026-03-11T00:00:00Z')
    expect(schema.safeParse({ f: '2026-03-11' }).success).toBe(true)
  })
})

describe('select, radio and checkboxes', () => {
  it.each<[string, Field, unknown, object]>([
    ['select: an option', leaf('select', { options: options('a', 'b') }), 'b', ok('b')],
    [
      'select: not an option',
      leaf('select', { options: options('a', 'b') }),
      'c',
      err({ f: 'forms:errors.option' }),
    ],
    [
      'select: nothing chosen',
      leaf('select', { options: options('a') }),
      '',
      err({ f: 'forms:errors.requiredChoice' }),
    ],
    ['select: optional', leaf('select', { options: options('a'), required: false }), '', ok(undefined)],
    ['radio: an option', leaf('radio', { options: options('yes', 'no') }), 'no', ok('no')],
    [
      'radio: not an option',
      leaf('radio', { options: options('yes', 'no') }),
      'maybe',
      err({ f: 'forms:errors.option' }),
    ],
    [
      'radio: nothing chosen',
      leaf('radio', { options: options('yes', 'no') }),
      undefined,
      err({ f: 'forms:errors.requiredChoice' }),
    ],
    [
      'radio: react-hook-form null',
      leaf('radio', { options: options('yes'), required: false }),
      null,
      ok(undefined),
    ],
    [
      'checkboxes: one ticked (a single posted value)',
      leaf('checkboxes', { options: options('a', 'b', 'c') }),
      'b',
      ok(['b']),
    ],
    [
      'checkboxes: in the order of the options',
      leaf('checkboxes', { options: options('a', 'b', 'c') }),
      ['c', 'a', 'c'],
      ok(['a', 'c']),
    ],
    [
      'checkboxes: an unknown value',
      leaf('checkboxes', { options: options('a', 'b') }),
      ['a', 'x'],
      err({ f: 'forms:errors.option' }),
    ],
    [
      'checkboxes: none ticked, required',
      leaf('checkboxes', { options: options('a') }),
      [],
      err({ f: 'forms:errors.requiredChoice' }),
    ],
    [
      'checkboxes: react-hook-form false',
      leaf('checkboxes', { options: options('a'), required: false }),
      false,
      ok(undefined),
    ],
    [
      'checkboxes: none ticked, optional',
      leaf('checkboxes', { options: options('a'), required: false }),
      [],
      ok(undefined),
    ],
  ])('%s', (_name, field, value, expected) => {
    expect(parseOne(field, value)).toEqual(expected)
  })
})

describe('citizen ID, phone and email', () => {
  it.each<[string, Field, unknown, object]>([
    ['citizen ID', leaf('citizen_id'), '079190012345', ok('079190012345')],
    ['citizen ID typed in groups', leaf('citizen_id'), ' 079 190 012 345 ', ok('079190012345')],
    ['citizen ID of 11 digits', leaf('citizen_id'), '07919001234', err({ f: 'forms:errors.citizenId' })],
    ['citizen ID of 13 digits', leaf('citizen_id'), '0791900123456', err({ f: 'forms:errors.citizenId' })],
    ['citizen ID with a letter', leaf('citizen_id'), '07919001234a', err({ f: 'forms:errors.citizenId' })],
    ['citizen ID, required', leaf('citizen_id'), '', err({ f: 'forms:errors.required' })],
    ['citizen ID, optional', leaf('citizen_id', { required: false }), '', ok(undefined)],
    ['phone', leaf('phone'), '0912345678', ok('0912345678')],
    ['phone with spaces and dots', leaf('phone'), '0912 345.678', ok('0912345678')],
    ['phone with +84', leaf('phone'), '+84 912 345 678', ok('0912345678')],
    ['phone, each mobile prefix', leaf('phone'), '0387654321', ok('0387654321')],
    ['phone, a landline prefix', leaf('phone'), '0212345678', err({ f: 'forms:errors.phone' })],
    ['phone, too short', leaf('phone'), '091234567', err({ f: 'forms:errors.phone' })],
    ['phone, too long', leaf('phone'), '09123456789', err({ f: 'forms:errors.phone' })],
    ['phone, 84 without +', leaf('phone'), '84912345678', err({ f: 'forms:errors.phone' })],
    ['phone, required', leaf('phone'), '', err({ f: 'forms:errors.required' })],
    ['email, lower-cased', leaf('email'), ' Lan.Nguyen@Example.VN ', ok('lan.nguyen@example.vn')],
    ['email without domain', leaf('email'), 'lan@', err({ f: 'forms:errors.email' })],
    ['email, two @', leaf('email'), 'lan@@example.vn', err({ f: 'forms:errors.email' })],
    [
      'email too long',
      leaf('email'),
      `${'a'.repeat(250)}@x.vn`,
      err({ f: 'forms:errors.tooLong|{"max":254}' }),
    ],
    ['email, optional', leaf('email', { required: false }), '', ok(undefined)],
  ])('%s', (_name, field, value, expected) => {
    expect(parseOne(field, value)).toEqual(expected)
  })
})

describe('address', () => {
  const home = { key: 'home', type: 'address', label: bi('Địa chỉ', 'Address'), required: true } as Field
  const full = {
    province: ' TP Hồ Chí Minh ',
    district: 'Quận 1',
    ward: 'Phường  Bến Nghé',
    street: '29 Mạc Đĩnh Chi',
  }
  const parse = (field: Field, value: unknown) => {
    const r = buildSectionSchema({ fields: [field] }).safeParse({ home: value })
    return r.success ? { value: r.data.home } : { errors: errorsFromIssues(r.error.issues) }
  }

  it('keeps the four parts, trimmed and with single spaces', () => {
    expect(parse(home, full)).toEqual(
      ok({
        province: 'TP Hồ Chí Minh',
        district: 'Quận 1',
        ward: 'Phường Bến Nghé',
        street: '29 Mạc Đĩnh Chi',
      }),
    )
  })
  it('requires every part when required, each at its own name', () => {
    const all = {
      'home.province': 'forms:errors.required',
      'home.district': 'forms:errors.required',
      'home.ward': 'forms:errors.required',
      'home.street': 'forms:errors.required',
    }
    expect(parse(home, undefined)).toEqual(err(all))
    expect(parse(home, { province: '', district: ' ', ward: '', street: '' })).toEqual(err(all))
    expect(parse(home, { ...full, ward: '' })).toEqual(err({ 'home.ward': 'forms:errors.required' }))
  })
  it('is left out when optional and empty, but needs all parts once one is filled', () => {
    const optional = { ...home, required: false } as Field
    expect(parse(optional, { province: '', district: '', ward: '', street: '' })).toEqual(ok(undefined))
    expect(parse(optional, { province: 'Hà Nội' })).toEqual(
      err({
        'home.district': 'forms:errors.required',
        'home.ward': 'forms:errors.required',
        'home.street': 'forms:errors.required',
      }),
    )
  })
  it('limits each part', () => {
    expect(parse(home, { ...full, street: 'x'.repeat(201) })).toEqual(
      err({ 'home.street': 'forms:errors.tooLong|{"max":200}' }),
    )
  })
})

describe('group', () => {
  const members = {
    key: 'members',
    type: 'group',
    label: bi('Thành viên', 'Members'),
    required: true,
    minItems: 1,
    maxItems: 3,
    itemLabel: bi('Thành viên', 'Member'),
    fields: [
      { key: 'memberName', type: 'text', label: bi('Họ tên', 'Name'), required: true },
      { key: 'memberId', type: 'citizen_id', label: bi('CCCD', 'ID'), required: true },
      { key: 'memberNote', type: 'text', label: bi('Ghi chú', 'Note'), required: false },
    ],
  } as Field
  const schema = buildSectionSchema({ fields: [members] })
  const parse = (value: unknown) => {
    const r = schema.safeParse({ members: value })
    return r.success ? { value: r.data.members } : { errors: errorsFromIssues(r.error.issues) }
  }
  const lan = { memberName: 'Lan', memberId: '079190012345', memberNote: '' }
  const binh = { memberName: 'Bình', memberId: '079190054321' }

  it('validates each item and returns them clean', () => {
    expect(parse([lan, binh])).toEqual(
      ok([
        { memberName: 'Lan', memberId: '079190012345' },
        { memberName: 'Bình', memberId: '079190054321' },
      ]),
    )
  })
  it('names errors after the item slot on the page, blank slots skipped', () => {
    const blank = { memberName: '', memberId: '  ' }
    expect(parse([blank, { memberName: 'Lan', memberId: '123' }, blank])).toEqual(
      err({ 'members[1].memberId': 'forms:errors.citizenId' }),
    )
    expect(parse([blank, lan, blank])).toEqual(ok([{ memberName: 'Lan', memberId: '079190012345' }]))
  })
  it('needs minItems filled items', () => {
    expect(parse([{ memberName: '', memberId: '' }])).toEqual(
      err({ members: 'forms:errors.minItems|{"min":1}' }),
    )
    expect(parse(undefined)).toEqual(err({ members: 'forms:errors.minItems|{"min":1}' }))
    const two = buildSectionSchema({ fields: [{ ...members, minItems: 2 } as Field] })
    const r = two.safeParse({ members: [lan] })
    expect(r.success ? null : errorsFromIssues(r.error.issues)).toEqual({
      members: 'forms:errors.minItems|{"min":2}',
    })
  })
  it('takes at most maxItems', () => {
    expect(parse([lan, binh, lan, binh])).toEqual(err({ members: 'forms:errors.maxItems|{"max":3}' }))
    expect(parse([lan, binh, lan])).toMatchObject({ value: expect.any(Array) })
  })
  it('an optional group with minItems 0 may stay empty; a required one needs one item', () => {
    const optional = buildSectionSchema({ fields: [{ ...members, required: false, minItems: 0 } as Field] })
    expect(optional.parse({ members: [{ memberName: '', memberId: '' }] })).toEqual({})
    const required = buildSectionSchema({ fields: [{ ...members, minItems: 0 } as Field] })
    const r = required.safeParse({ members: [] })
    expect(r.success ? null : errorsFromIssues(r.error.issues)).toEqual({
      members: 'forms:errors.minItems|{"min":1}',
    })
  })
  it('a half-filled item reports its missing sub-fields', () => {
    expect(parse([{ memberName: 'Lan', memberId: '' }])).toEqual(
      err({ 'members[0].memberId': 'forms:errors.required' }),
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Conditional fields
// ---------------------------------------------------------------------------------------------------------------

describe('conditional fields', () => {
  const section: Pick<FormSection, 'fields'> = {
    fields: [
      {
        key: 'healthNeeded',
        type: 'radio',
        label: bi('Cần?', 'Needed?'),
        required: true,
        options: options('yes', 'no'),
      },
      {
        key: 'healthNumber',
        type: 'text',
        label: bi('Số giấy khám', 'Certificate number'),
        required: true,
        showIf: { field: 'healthNeeded', equals: 'yes' },
      },
      {
        key: 'healthDate',
        type: 'date',
        label: bi('Ngày khám', 'Date'),
        required: true,
        notAfterToday: true,
        showIf: { field: 'healthNeeded', equals: ['yes'] },
      },
    ],
  }
  const schema = buildSectionSchema(section, { now })
  const errorsOf = (values: object) => {
    const r = schema.safeParse(values)
    return r.success ? {} : errorsFromIssues(r.error.issues)
  }

  it('a hidden required field never errors, and its value is dropped', () => {
    expect(schema.parse({ healthNeeded: 'no', healthNumber: 'rubbish', healthDate: 'not a date' })).toEqual({
      healthNeeded: 'no',
    })
    expect(errorsOf({ healthNeeded: 'no' })).toEqual({})
  })
  it('a shown field is validated like any other', () => {
    expect(errorsOf({ healthNeeded: 'yes' })).toEqual({
      healthNumber: 'forms:errors.required',
      healthDate: 'forms:errors.required',
    })
    expect(errorsOf({ healthNeeded: 'yes', healthNumber: 'GKSK-1', healthDate: '2099-01-01' })).toEqual({
      healthDate: 'forms:errors.dateFuture',
    })
    expect(schema.parse({ healthNeeded: 'yes', healthNumber: ' GKSK-1 ', healthDate: '2026-01-05' })).toEqual(
      {
        healthNeeded: 'yes',
        healthNumber: 'GKSK-1',
        healthDate: '2026-01-05',
      },
    )
  })
  it('stays hidden while the field it depends on is unanswered or invalid', () => {
    expect(errorsOf({})).toEqual({ healthNeeded: 'forms:errors.requiredChoice' })
    expect(errorsOf({ healthNeeded: 'perhaps', healthNumber: '' })).toEqual({
      healthNeeded: 'forms:errors.option',
    })
  })

  it('follows a chain: hiding a field hides what depends on it', () => {
    const chain = buildSectionSchema({
      fields: [
        { key: 'a', type: 'radio', label: bi('A', 'A'), required: true, options: options('yes', 'no') },
        {
          key: 'b',
          type: 'select',
          label: bi('B', 'B'),
          required: true,
          options: options('x', 'y'),
          showIf: { field: 'a', equals: 'yes' },
        },
        { key: 'c', type: 'text', label: bi('C', 'C'), required: true, showIf: { field: 'b', equals: 'x' } },
      ],
    })
    expect(chain.parse({ a: 'no', b: 'x' })).toEqual({ a: 'no' })
    expect(chain.safeParse({ a: 'yes', b: 'x' }).success).toBe(false)
  })

  it('depends on ticked checkboxes: shown when one of them matches', () => {
    const ticks = buildSectionSchema({
      fields: [
        {
          key: 'kinds',
          type: 'checkboxes',
          label: bi('Loại', 'Kinds'),
          required: false,
          options: options('meat', 'fish', 'milk'),
        },
        {
          key: 'coldStore',
          type: 'text',
          label: bi('Kho lạnh', 'Cold store'),
          required: true,
          showIf: { field: 'kinds', equals: ['meat', 'fish'] },
        },
      ],
    })
    expect(ticks.parse({ kinds: ['milk'] })).toEqual({ kinds: ['milk'] })
    expect(ticks.safeParse({ kinds: ['milk', 'fish'] }).success).toBe(false)
    expect(ticks.parse({ kinds: ['fish'], coldStore: 'Có' })).toEqual({ kinds: ['fish'], coldStore: 'Có' })
  })

  it('works inside a group item (on a sibling) and for a whole group', () => {
    const fields: Field[] = [
      {
        key: 'together',
        type: 'radio',
        label: bi('Cùng đăng ký?', 'Together?'),
        required: true,
        options: options('yes', 'no'),
      },
      {
        key: 'members',
        type: 'group',
        label: bi('Thành viên', 'Members'),
        required: true,
        minItems: 1,
        maxItems: 5,
        itemLabel: bi('Thành viên', 'Member'),
        showIf: { field: 'together', equals: 'yes' },
        fields: [
          {
            key: 'role',
            type: 'radio',
            label: bi('Vai trò', 'Role'),
            required: true,
            options: options('owner', 'other'),
          },
          {
            key: 'roleNote',
            type: 'text',
            label: bi('Ghi rõ', 'Explain'),
            required: true,
            showIf: { field: 'role', equals: 'other' },
          },
        ],
      },
    ]
    const schema = buildSectionSchema({ fields })
    expect(schema.parse({ together: 'no', members: [{ role: 'x' }] })).toEqual({ together: 'no' })
    const r = schema.safeParse({
      together: 'yes',
      members: [{ role: 'owner', roleNote: 'ignored' }, { role: 'other' }],
    })
    expect(r.success ? null : errorsFromIssues(r.error.issues)).toEqual({
      'members[1].roleNote': 'forms:errors.required',
    })
    expect(schema.parse({ together: 'yes', members: [{ role: 'owner', roleNote: 'ignored' }] })).toEqual({
      together: 'yes',
      members: [{ role: 'owner' }],
    })
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Whole forms, sections, idempotence
// ---------------------------------------------------------------------------------------------------------------

describe('buildFormSchema and buildSectionSchema on the seeded forms', () => {
  const judicial = procedureForms['2.001417.000.00.00.H56']
  const address = { province: 'TP Hồ Chí Minh', district: 'Quận 3', ward: 'Phường 6', street: '141 Pasteur' }
  const applicant = {
    fullName: 'Nguyễn Văn An',
    sex: 'male',
    dateOfBirth: '1990-05-17',
    placeOfBirth: 'Bệnh viện Từ Dũ',
    nationality: 'Việt Nam',
    ethnicity: 'Kinh',
    citizenId: '079090012345',
    phone: '+84 903 123 456',
    email: '',
    permanentAddress: address,
    temporaryAddress: { province: '', district: '', ward: '', street: '' },
  }
  const request = {
    certificateType: '2',
    includeBans: 'yes',
    purpose: 'Xin việc',
    copies: '3',
    reducedFee: 'none',
  }

  it('parses the whole judicial-record form; the copies count comes out a number', () => {
    const data = buildFormSchema(judicial, { now }).parse({ ...applicant, ...request, _action: 'submit' })
    expect(data).toEqual({
      ...applicant,
      phone: '0903123456',
      email: undefined,
      temporaryAddress: undefined,
      ...request,
      includeBans: undefined, // only for certificate no. 1
      copies: 3,
    })
    expect(Object.keys(data)).not.toContain('includeBans')
    expect(Object.keys(data)).not.toContain('_action')
  })

  it('a section schema checks that section only', () => {
    const [applicantSection, requestSection] = judicial.sections
    expect(buildSectionSchema(applicantSection, { now }).safeParse(applicant).success).toBe(true)
    const r = buildSectionSchema(requestSection, { now }).safeParse({ ...request, copies: '0' })
    expect(r.success ? null : errorsFromIssues(r.error.issues)).toEqual({
      copies: 'forms:errors.min|{"min":1}',
    })
  })

  it('parsing an output again gives the same output (stored drafts can be re-checked)', () => {
    const schema = buildFormSchema(judicial, { now })
    const once = schema.parse({ ...applicant, ...request })
    expect(schema.parse(once)).toEqual(once)
    const household = buildFormSchema(procedureForms['2.000720.000.00.00.H56'], { now })
    const values = {
      businessName: 'Hộ kinh doanh Hoa Mai',
      businessAddress: address,
      linesOfBusiness: 'Bán lẻ hoa tươi\r\nCà phê',
      capital: '100.000.000',
      ownerFullName: 'Trần Thị Mai',
      ownerDateOfBirth: '1985-01-02',
      ownerCitizenId: '079185000111',
      ownerPhone: '0987 654 321',
      ownerResidence: address,
      members: [
        { memberFullName: 'Trần Thị Mai', memberCitizenId: '079185000111' },
        { memberFullName: '', memberCitizenId: '' },
      ],
    }
    const parsed = household.parse(values)
    expect(parsed).toMatchObject({
      capital: 100_000_000,
      linesOfBusiness: 'Bán lẻ hoa tươi\nCà phê',
      members: [{ memberFullName: 'Trần Thị Mai' }],
    })
    expect(household.parse(parsed)).toEqual(parsed)
  })

  it('refuses what is not a values object', () => {
    expect(buildFormSchema(judicial).safeParse(undefined).success).toBe(false)
    expect(buildFormSchema(judicial).safeParse('copies=3').success).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Names ↔ values, errors
// ---------------------------------------------------------------------------------------------------------------

const household: Pick<FormSection, 'fields'> = {
  fields: [
    { key: 'businessName', type: 'text', label: bi('Tên', 'Name'), required: true },
    {
      key: 'tags',
      type: 'checkboxes',
      label: bi('Nhãn', 'Tags'),
      required: false,
      options: options('a', 'b', 'c'),
    },
    { key: 'home', type: 'address', label: bi('Địa chỉ', 'Address'), required: true },
    {
      key: 'members',
      type: 'group',
      label: bi('Thành viên', 'Members'),
      required: true,
      minItems: 1,
      maxItems: 3,
      itemLabel: bi('Thành viên', 'Member'),
      fields: [
        { key: 'memberName', type: 'text', label: bi('Họ tên', 'Name'), required: true },
        {
          key: 'memberRoles',
          type: 'checkboxes',
          label: bi('Vai trò', 'Roles'),
          required: false,
          options: options('x', 'y'),
        },
        { key: 'memberHome', type: 'address', label: bi('Nơi ở', 'Home'), required: false },
      ],
    },
  ],
}

/** The browser's side: values → the flat names an HTML form posts. */
function toFormData(entries: [string, string][]) {
  const fd = new FormData()
  for (const [k, v] of entries) fd.append(k, v)
  return fd
}

describe('formValuesFromFormData', () => {
  it('reads plain names, repeated checkboxes, address parts and group items', () => {
    const fd = toFormData([
      ['_action', 'submit'],
      ['businessName', 'Hoa Mai'],
      ['tags', 'a'],
      ['tags', 'c'],
      ['home.province', 'Hà Nội'],
      ['home.district', 'Ba Đình'],
      ['home.ward', 'Điện Biên'],
      ['home.street', '1 Hoàng Diệu'],
      ['members[0].memberName', 'Mai'],
      ['members[0].memberRoles', 'x'],
      ['members[0].memberRoles', 'y'],
      ['members[0].memberHome.province', 'Huế'],
      ['members[1].memberName', 'Lan'],
      ['unknown', 'ignored'],
    ])
    fd.append('attachment', new Blob(['%PDF']), 'a.pdf')
    expect(formValuesFromFormData(household, fd)).toEqual({
      businessName: 'Hoa Mai',
      tags: ['a', 'c'],
      home: { province: 'Hà Nội', district: 'Ba Đình', ward: 'Điện Biên', street: '1 Hoàng Diệu' },
      members: [
        {
          memberName: 'Mai',
          memberRoles: ['x', 'y'],
          memberHome: { province: 'Huế', district: '', ward: '', street: '' },
        },
        { memberName: 'Lan', memberRoles: [] },
      ],
    })
  })

  it('closes gaps in the item indexes, keeps their order and the blank slots', () => {
    const fd = toFormData([
      ['members[10].memberName', 'Ba'],
      ['members[2].memberName', 'Hai'],
      ['members[0].memberName', ''],
    ])
    expect(formValuesFromFormData(household, fd).members).toEqual([
      { memberName: '', memberRoles: [] },
      { memberName: 'Hai', memberRoles: [] },
      { memberName: 'Ba', memberRoles: [] },
    ])
  })

  it("also reads react-hook-form's dotted indexes", () => {
    const fd = toFormData([['members.0.memberName', 'Mai']])
    expect(formValuesFromFormData(household, fd).members).toEqual([{ memberName: 'Mai', memberRoles: [] }])
  })

  it('gives no ticks as an empty list, and leaves out what was not posted', () => {
    expect(formValuesFromFormData(household, toFormData([['businessName', '']]))).toEqual({
      businessName: '',
      tags: [],
      members: [],
    })
  })

  it('round-trips: posted names → values → schema, with errors named like the inputs', () => {
    const fd = toFormData([
      ['businessName', ' Hoa Mai '],
      ['home.province', 'Hà Nội'],
      ['home.district', 'Ba Đình'],
      ['home.ward', ''],
      ['home.street', '1 Hoàng Diệu'],
      ['members[0].memberName', ''],
      ['members[1].memberName', ''],
      ['members[1].memberHome.province', 'Huế'],
    ])
    const values = formValuesFromFormData(household, fd)
    const r = buildSectionSchema(household).safeParse(values)
    const errors = r.success ? {} : errorsFromIssues(r.error.issues)
    expect(errors).toEqual({
      'home.ward': 'forms:errors.required',
      'members[1].memberName': 'forms:errors.required',
      'members[1].memberHome.district': 'forms:errors.required',
      'members[1].memberHome.ward': 'forms:errors.required',
      'members[1].memberHome.street': 'forms:errors.required',
    })
    // every error names an input that the page renders for these values
    const html = render('vi', household, values, errors)
    for (const name of Object.keys(errors)) {
      expect(html).toContain(`name="${name}"`)
      expect(html).toContain(`id="${fieldId(name)}-error"`)
    }
  })

  it('accepts a whole definition as well as a section', () => {
    const definition: FormDefinition = { sections: [{ key: 'one', title: bi('Một', 'One'), ...household }] }
    expect(formValuesFromFormData(definition, toFormData([['businessName', 'X']])).businessName).toBe('X')
  })
})

describe('errors', () => {
  it("flattens react-hook-form's nested errors to input names", () => {
    const rhf = {
      businessName: { type: 'custom', message: 'forms:errors.required', ref: {} },
      home: { ward: { type: 'custom', message: 'forms:errors.required' } },
      members: Object.assign(
        [undefined, { memberName: { type: 'custom', message: 'forms:errors.tooLong|{"max":5}' } }],
        {
          root: { type: 'custom', message: 'forms:errors.maxItems|{"max":3}' },
        },
      ),
    }
    expect(flattenFormErrors(rhf)).toEqual({
      businessName: 'forms:errors.required',
      'home.ward': 'forms:errors.required',
      'members[1].memberName': 'forms:errors.tooLong|{"max":5}',
      members: 'forms:errors.maxItems|{"max":3}',
    })
  })
})

describe('applyGroupAction', () => {
  const values = { businessName: 'X', members: [{ memberName: 'A' }, { memberName: 'B' }] }

  it('adds an empty item, up to maxItems', () => {
    const added = applyGroupAction(household, values, 'add:members')
    expect(added?.members).toEqual([{ memberName: 'A' }, { memberName: 'B' }, {}])
    expect(applyGroupAction(household, added!, 'add:members')?.members).toHaveLength(3)
    expect(applyGroupAction(household, {}, 'add:members')?.members).toEqual([{}, {}])
  })
  it('removes the item at that index', () => {
    expect(applyGroupAction(household, values, 'remove:members:0')).toEqual({
      businessName: 'X',
      members: [{ memberName: 'B' }],
    })
    expect(applyGroupAction(household, values, 'remove:members:7')?.members).toHaveLength(2)
  })
  it('answers null for anything else', () => {
    expect(applyGroupAction(household, values, 'submit')).toBeNull()
    expect(applyGroupAction(household, values, 'add:businessName')).toBeNull()
    expect(applyGroupAction(household, values, 'add:nothing')).toBeNull()
    expect(applyGroupAction(household, values, null)).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Messages, in both languages
// ---------------------------------------------------------------------------------------------------------------

describe('translateMessage', () => {
  it.each<[string, string, string]>([
    ['forms:errors.required', 'Vui lòng nhập thông tin này.', 'Enter this information.'],
    ['forms:errors.requiredChoice', 'Vui lòng chọn một phương án.', 'Select an option.'],
    [
      'forms:errors.citizenId',
      'Số căn cước công dân gồm đúng 12 chữ số.',
      'A citizen identity number has exactly 12 digits.',
    ],
    [
      'forms:errors.phone',
      'Nhập số di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (có thể viết +84 thay cho số 0 đầu).',
      'Enter a Vietnamese mobile number of 10 digits starting with 03, 05, 07, 08 or 09 (+84 may replace the first 0).',
    ],
    [
      'forms:errors.email',
      'Nhập địa chỉ thư điện tử đúng dạng, ví dụ ten@example.com.',
      'Enter an email address in the correct format, like name@example.com.',
    ],
    ['forms:errors.number', 'Nhập một số, ví dụ 12 hoặc 12,5.', 'Enter a number, like 12 or 12.5.'],
    [
      'forms:errors.integer',
      'Nhập một số nguyên, không có phần thập phân.',
      'Enter a whole number, without decimals.',
    ],
    ['forms:errors.min|{"min":1}', 'Nhập một số từ 1 trở lên.', 'Enter a number of 1 or more.'],
    ['forms:errors.max|{"max":20}', 'Nhập một số không lớn hơn 20.', 'Enter a number of 20 or less.'],
    [
      'forms:errors.tooLong|{"max":500}',
      'Nội dung không được dài quá 500 ký tự.',
      'This must be 500 characters or fewer.',
    ],
    ['forms:errors.date', 'Nhập một ngày có thật, ví dụ 15/03/2024.', 'Enter a real date, like 15/03/2024.'],
    [
      'forms:errors.dateFuture',
      'Ngày này không được sau ngày hôm nay.',
      'The date must be today or in the past.',
    ],
    [
      'forms:errors.datePast',
      'Ngày này không được trước ngày hôm nay.',
      'The date must be today or in the future.',
    ],
    [
      'forms:errors.option',
      'Vui lòng chọn một phương án trong danh sách.',
      'Select one of the options listed.',
    ],
    ['forms:errors.minItems|{"min":2}', 'Vui lòng khai ít nhất 2 mục.', 'Enter at least 2 of these.'],
    [
      'forms:errors.maxItems|{"max":10}',
      'Chỉ được khai tối đa 10 mục; vui lòng xóa bớt.',
      'Enter no more than 10 of these; remove the extra ones.',
    ],
  ])('%s', (message, inVietnamese, inEnglish) => {
    expect(translateMessage(tVi, message)).toBe(inVietnamese)
    expect(translateMessage(tEn, message)).toBe(inEnglish)
    // The field kit and ErrorSummary call t() on the text they are given: a translated text must survive it.
    expect(vi.t(inVietnamese)).toBe(inVietnamese)
    expect(en.t(inEnglish)).toBe(inEnglish)
  })

  it('translates every message the schema gives, in both languages', () => {
    const r = buildSectionSchema({ fields: [leaf('number', { integer: true, min: 5 })] }).safeParse({
      f: '3',
    })
    const message = r.success ? '' : r.error.issues[0].message
    expect(message).toBe('forms:errors.min|{"min":5}')
    expect(translateMessage(tVi, message)).toContain('5')
    expect(translateMessage(tEn, message)).toContain('5')
  })

  it('survives a malformed value part, and keys of other namespaces', () => {
    expect(translateMessage(tEn, 'forms:errors.required|{oops')).toBe('Enter this information.')
    expect(translateMessage(tVi, 'common:form.errorPrefix')).toBe('Lỗi:')
  })

  it('the two languages have the same keys', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]))
    expect(keys(enForms).sort()).toEqual(keys(viForms).sort())
  })
})

// ---------------------------------------------------------------------------------------------------------------
// The component, rendered on the server (what a browser without JavaScript gets)
// ---------------------------------------------------------------------------------------------------------------

function render(
  lng: 'vi' | 'en',
  section: Pick<FormSection, 'fields'>,
  values: Record<string, unknown> = {},
  errors: Record<string, string> = {},
) {
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: lng === 'vi' ? vi : en },
      createElement(FormSectionFields, { section, lng, values, errors }),
    ),
  )
}

describe('FormSectionFields without JavaScript', () => {
  const fields: Field[] = [
    {
      key: 'fullName',
      type: 'text',
      label: bi('Họ và tên', 'Full name'),
      hint: bi('Có dấu', 'With diacritics'),
      required: true,
    },
    { key: 'note', type: 'textarea', label: bi('Ghi chú', 'Note'), required: false },
    { key: 'kind', type: 'select', label: bi('Loại', 'Kind'), required: true, options: options('a', 'b') },
    {
      key: 'sex',
      type: 'radio',
      label: bi('Giới tính', 'Sex'),
      required: true,
      options: options('male', 'female'),
    },
    {
      key: 'kindNote',
      type: 'text',
      label: bi('Ghi rõ', 'Explain'),
      required: true,
      showIf: { field: 'kind', equals: 'b' },
    },
    ...household.fields,
  ]
  const values = {
    fullName: 'Lan',
    note: 'Dòng 1',
    kind: 'b',
    sex: 'female',
    tags: ['c'],
    home: { province: 'Hà Nội' },
    members: [{ memberName: 'Mai' }, { memberName: 'Lan' }],
  }

  /** The opening tag of the element with that name. */
  const tag = (html: string, name: string) =>
    new RegExp(`<[a-z]+ [^>]*name="${name.replace(/[[\].]/g, '\\$&')}"[^>]*>`).exec(html)?.[0]

  it('names every input after its schema path and keeps what was typed', () => {
    const html = render('vi', { fields }, values)
    expect(tag(html, 'fullName')).toContain('value="Lan"')
    expect(html).toMatch(/<textarea[^>]*name="note"[^>]*>Dòng 1<\/textarea>/)
    expect(html).toMatch(/<option value="b" selected="">vi b<\/option>/)
    expect(html).toMatch(/<input [^>]*type="radio" name="sex" checked="" value="female"\/>/)
    expect(html).toMatch(/<input [^>]*type="radio" name="sex" value="male"\/>/)
    expect(html).toMatch(/<input [^>]*type="checkbox" name="tags" checked="" value="c"\/>/)
    expect(tag(html, 'home.province')).toContain('value="Hà Nội"')
    expect(tag(html, 'home.ward')).toContain('value=""')
    expect(tag(html, 'members[1].memberName')).toContain('value="Lan"')
    expect(tag(html, 'members[0].memberHome.street')).toBeDefined()
  })

  it('renders conditional fields, marked, and not hidden', () => {
    const html = render('vi', { fields }, {})
    expect(html).toContain('data-show-if="kind"')
    expect(html).toContain('name="kindNote"')
    expect(html).not.toContain('hidden')
  })

  it('renders group slots and their buttons', () => {
    const one = render('vi', household, {})
    expect(one).toContain('name="members[0].memberName"')
    expect(one).not.toContain('name="members[1].memberName"')
    expect(one).toContain('value="add:members"')
    expect(one).toContain('Thêm thành viên')
    expect(one).not.toContain('value="remove:')
    const full = render('en', household, { members: [{}, {}, {}] })
    expect(full).toContain('value="remove:members:2"')
    expect(full).toContain('Remove member 3')
    expect(full).not.toContain('value="add:members"')
    expect(full).toContain('<legend class="fieldset__legend">Member 1</legend>')
  })

  it('wires labels, hints and translated errors to the ids the error summary links to', () => {
    const errors = {
      fullName: 'forms:errors.tooLong|{"max":5}',
      sex: 'forms:errors.requiredChoice',
      'home.ward': 'forms:errors.required',
      members: 'forms:errors.minItems|{"min":1}',
    }
    const html = render('vi', { fields }, values, errors)
    expect(html).toContain(`for="${fieldId('fullName')}"`)
    expect(html).toContain(`aria-describedby="${fieldId('fullName')}-hint ${fieldId('fullName')}-error"`)
    expect(html).toContain('Nội dung không được dài quá 5 ký tự.')
    expect(html).toContain(`id="${fieldId('sex')}"`) // the first radio: the summary's link lands on it
    expect(html).toContain('Vui lòng chọn một phương án.')
    expect(html).toContain(`id="${fieldId('home.ward')}-error"`)
    expect(html).toContain(`id="${fieldId('members')}"`)
    expect(html).toContain('Vui lòng khai ít nhất 1 mục.')
    expect(render('en', { fields }, values, errors)).toContain('This must be 5 characters or fewer.')
  })

  it('labels inputs for the error summary, in page order', () => {
    const { order, labels } = formSectionLabels(household, 'vi', { members: [{}, {}] }, tVi)
    expect(order).toEqual([
      'businessName',
      'tags',
      'home',
      'home.province',
      'home.district',
      'home.ward',
      'home.street',
      'members',
      'members[0].memberName',
      'members[0].memberRoles',
      'members[0].memberHome',
      'members[0].memberHome.province',
      'members[0].memberHome.district',
      'members[0].memberHome.ward',
      'members[0].memberHome.street',
      'members[1].memberName',
      'members[1].memberRoles',
      'members[1].memberHome',
      'members[1].memberHome.province',
      'members[1].memberHome.district',
      'members[1].memberHome.ward',
      'members[1].memberHome.street',
    ])
    expect(labels['home.ward']).toBe('Địa chỉ: Phường/Xã')
    expect(labels['members[1].memberName']).toBe('Thành viên thứ 2: Họ tên')
  })
})
