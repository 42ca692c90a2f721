import { describe, expect, it } from 'vitest'
import {
  availableActions,
  canPerform,
  checkAction,
  resolveTarget,
  actionDefinition,
  roles,
  statuses,
  validateWorkflow,
  workflow,
  type ActionName,
  type Facts,
  type Role,
  type Status,
  type WorkflowRow,
} from '../../app/modules/workflow/transitions'

describe('the workflow table', () => {
  it('has no problems', () => {
    expect(validateWorkflow(workflow)).toEqual([])
  })

  it('names every action of DESIGN §5 once', () => {
    expect(workflow.map((d) => d.action).sort()).toEqual(
      [
        'apologise',
        'approve',
        'assess_fee',
        'assign',
        'deliver',
        'pay',
        'propose',
        'receive',
        'record_counter_payment',
        'refuse',
        'refuse_intake',
        'request_supplement',
        'return_rework',
        'submit',
        'supplement',
        'withdraw',
      ].sort(),
    )
  })

  it('asks for a reason exactly where the citizen or the file must be told why', () => {
    expect(
      workflow
        .filter((d) => d.needsReason)
        .map((d) => d.action)
        .sort(),
    ).toEqual(['apologise', 'refuse', 'refuse_intake', 'return_rework'])
  })
})

describe('validateWorkflow reports broken tables', () => {
  const base = (): WorkflowRow[] => workflow.map((d) => ({ ...d }))
  const kinds = (rows: WorkflowRow[]) => validateWorkflow(rows).map((p) => p.kind)

  it('a duplicate action name', () => {
    const rows = base()
    rows.push({ ...rows.find((r) => r.action === 'receive')! })
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({ kind: 'duplicate_action', action: 'receive' }),
    )
  })

  it('an unknown target or from-status', () => {
    const rows = base().map((r) => (r.action === 'approve' ? { ...r, to: 'signed' } : r))
    const problems = validateWorkflow(rows)
    expect(problems).toContainEqual(
      expect.objectContaining({ kind: 'unknown_status', action: 'approve', status: 'signed' }),
    )
    // result_ready is then reachable from nowhere
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'unreachable', status: 'result_ready' }))

    const rows2 = base().map((r) => (r.action === 'receive' ? { ...r, from: ['submited'] } : r))
    expect(validateWorkflow(rows2)).toContainEqual(
      expect.objectContaining({ kind: 'unknown_status', status: 'submited' }),
    )
  })

  it('an unknown status in a chooser', () => {
    const rows = base().map((r) =>
      r.action === 'pay' ? { ...r, to: { choose: 'paymentPhase', among: ['submitted', 'paid'] } } : r,
    )
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({ kind: 'unknown_status', action: 'pay', status: 'paid' }),
    )
  })

  it('an unreachable status', () => {
    // without receive, nothing leads to received (and so on down the line)
    const rows = base().filter((r) => r.action !== 'receive')
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({ kind: 'unreachable', status: 'received' }),
    )
  })

  it('an action leaving a terminal status', () => {
    const rows = base().map((r) => (r.action === 'apologise' ? { ...r, from: [...r.from, 'completed'] } : r))
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({ kind: 'terminal_has_action', action: 'apologise', status: 'completed' }),
    )
  })

  it('an unknown role, guard, effect or chooser; an action without roles or from-statuses', () => {
    const rows = base().map((r) => {
      if (r.action === 'receive') return { ...r, roles: ['receptionist'] }
      if (r.action === 'propose') return { ...r, guards: ['isBoss'] }
      if (r.action === 'approve') return { ...r, effects: ['sign'] }
      if (r.action === 'submit') return { ...r, to: { choose: 'coinFlip', among: ['submitted'] } }
      if (r.action === 'refuse') return { ...r, roles: [] }
      if (r.action === 'return_rework') return { ...r, from: [] }
      return r
    })
    expect(kinds(rows)).toEqual(
      expect.arrayContaining([
        'unknown_role',
        'unknown_guard',
        'unknown_effect',
        'unknown_chooser',
        'no_roles',
        'no_from',
      ]),
    )
  })

  it('a non-terminal status nothing leaves (a dossier would be stuck)', () => {
    const rows = base().filter((r) => r.action !== 'deliver')
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({ kind: 'dead_end', status: 'result_ready' }),
    )
    // completed is then unreachable too
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({ kind: 'unreachable', status: 'completed' }),
    )
  })

  it("a 'return' from a status nothing leads into", () => {
    const rows = base().filter((r) => r.action !== 'request_supplement')
    expect(validateWorkflow(rows)).toContainEqual(
      expect.objectContaining({
        kind: 'return_without_origin',
        action: 'supplement',
        status: 'supplement_requested',
      }),
    )
  })
})

// -------------------------------------------------------------------------------------------------------------
// The allow/deny matrix, written out by hand from DESIGN §5 (not derived from the table): for each action, the
// facts under which its guards hold, and per role the statuses from which it is allowed. Every other
// action × role × status cell must be denied.
// -------------------------------------------------------------------------------------------------------------

const running: Status[] = ['received', 'in_progress', 'awaiting_approval']
const counterFee: Status[] = [
  'submitted',
  'received',
  'in_progress',
  'supplement_requested',
  'awaiting_approval',
  'result_ready',
]

const expected: Record<ActionName, { facts: Facts; allow: Partial<Record<Role, Status[]>> }> = {
  submit: { facts: {}, allow: { citizen: ['draft'] } },
  pay: { facts: { feeDue: false }, allow: { system: ['awaiting_payment'] } },
  receive: { facts: {}, allow: { reception: ['submitted'] } },
  refuse_intake: { facts: {}, allow: { reception: ['submitted'] } },
  request_supplement: {
    facts: { isAssignee: true },
    allow: { reception: ['submitted', 'received'], specialist: ['in_progress'] },
  },
  supplement: { facts: { returnStatus: 'received' }, allow: { citizen: ['supplement_requested'] } },
  assign: { facts: {}, allow: { reception: ['received'], approver: ['received'] } },
  assess_fee: { facts: { isAssignee: true, level: 4 }, allow: { specialist: ['in_progress'] } },
  propose: { facts: { isAssignee: true }, allow: { specialist: ['in_progress'] } },
  approve: { facts: {}, allow: { approver: ['awaiting_approval'] } },
  refuse: { facts: {}, allow: { approver: ['awaiting_approval'] } },
  return_rework: { facts: {}, allow: { approver: ['awaiting_approval'] } },
  record_counter_payment: {
    facts: { level: 3, feeDue: true },
    allow: { reception: counterFee, finance: counterFee },
  },
  deliver: { facts: { feeDue: false }, allow: { reception: ['result_ready'] } },
  withdraw: { facts: {}, allow: { citizen: ['awaiting_payment', 'submitted'] } },
  apologise: { facts: { overdue: true }, allow: { reception: running, approver: running } },
}

describe('who may do what, from where', () => {
  it('covers every action of the table', () => {
    expect(Object.keys(expected).sort()).toEqual(workflow.map((d) => d.action).sort())
  })

  it.each(Object.keys(expected) as ActionName[])('%s: every role × status cell as expected', (action) => {
    const { facts, allow } = expected[action]
    const wrong: string[] = []
    for (const role of roles)
      for (const status of statuses) {
        const want = allow[role]?.includes(status) ?? false
        const got = canPerform(action, { status, roles: [role], facts })
        if (got !== want) wrong.push(`${role} @ ${status}: expected ${want ? 'allow' : 'deny'}`)
      }
    expect(wrong).toEqual([])
  })

  it('staff of no workflow role and unknown actions are denied', () => {
    expect(canPerform('receive', { status: 'submitted', roles: [], facts: {} })).toBe(false)
    expect(checkAction('stamp', { status: 'submitted', roles: ['reception'], facts: {} })).toEqual({
      ok: false,
      because: 'unknown_action',
    })
  })
})

describe('guards', () => {
  const ctx = (status: Status, role: Role, facts: Facts) => ({ status, roles: [role], facts })

  it('apologise only when overdue', () => {
    expect(checkAction('apologise', ctx('in_progress', 'reception', { overdue: false }))).toEqual({
      ok: false,
      because: 'guard',
      guard: 'overdue',
    })
    expect(canPerform('apologise', ctx('in_progress', 'reception', {}))).toBe(false)
  })

  it('a specialist acts only on the dossier assigned to them', () => {
    for (const action of ['propose', 'request_supplement'] as const)
      expect(canPerform(action, ctx('in_progress', 'specialist', { isAssignee: false }))).toBe(false)
    expect(canPerform('assess_fee', ctx('in_progress', 'specialist', { isAssignee: false, level: 4 }))).toBe(
      false,
    )
    // reception asking for a supplement before assignment does not need to be the assignee
    expect(canPerform('request_supplement', ctx('submitted', 'reception', { isAssignee: false }))).toBe(true)
  })

  it('counter payments are for level 3 with a fee due; online (level 4) fees are assessed, not taken at the counter', () => {
    expect(canPerform('record_counter_payment', ctx('received', 'finance', { level: 4, feeDue: true }))).toBe(
      false,
    )
    expect(
      canPerform('record_counter_payment', ctx('received', 'finance', { level: 3, feeDue: false })),
    ).toBe(false)
    expect(canPerform('assess_fee', ctx('in_progress', 'specialist', { isAssignee: true, level: 3 }))).toBe(
      false,
    )
  })

  it('no delivery and no payment move while a fee is still due (or unknown)', () => {
    expect(canPerform('deliver', ctx('result_ready', 'reception', { feeDue: true }))).toBe(false)
    expect(canPerform('deliver', ctx('result_ready', 'reception', {}))).toBe(false)
    expect(canPerform('pay', ctx('awaiting_payment', 'system', { feeDue: true }))).toBe(false)
  })

  it('a user holding several roles acts as the one the row and its guards allow', () => {
    const both: Role[] = ['reception', 'specialist']
    expect(
      checkAction('request_supplement', { status: 'in_progress', roles: both, facts: { isAssignee: true } }),
    ).toEqual({
      ok: true,
      role: 'specialist',
    })
    expect(checkAction('request_supplement', { status: 'received', roles: both, facts: {} })).toEqual({
      ok: true,
      role: 'reception',
    })
  })
})

describe('availableActions and targets', () => {
  it('shows reception what it can do with a new dossier', () => {
    const names = availableActions({
      status: 'submitted',
      roles: ['reception'],
      facts: { level: 4, feeDue: false },
    })
      .map((d) => d.action)
      .sort()
    expect(names).toEqual(['receive', 'refuse_intake', 'request_supplement'])
    const level3 = availableActions({
      status: 'submitted',
      roles: ['reception'],
      facts: { level: 3, feeDue: true },
    })
    expect(level3.map((d) => d.action)).toContain('record_counter_payment')
  })

  it('shows nothing on a closed dossier', () => {
    for (const status of ['completed', 'refused_at_intake', 'refused', 'withdrawn'] as const)
      expect(
        availableActions({ status, roles: [...roles], facts: { overdue: true, level: 3, feeDue: true } }),
      ).toEqual([])
  })

  it('submit goes to awaiting_payment only for a level-4 fee due now; pay returns to where the payment was asked', () => {
    const submit = actionDefinition('submit')
    expect(resolveTarget(submit, 'draft', { level: 4, feeDue: true })).toBe('awaiting_payment')
    expect(resolveTarget(submit, 'draft', { level: 3, feeDue: true })).toBe('submitted')
    expect(resolveTarget(submit, 'draft', { level: 4, feeDue: false })).toBe('submitted')
    const pay = actionDefinition('pay')
    expect(resolveTarget(pay, 'awaiting_payment', { received: false })).toBe('submitted')
    expect(resolveTarget(pay, 'awaiting_payment', { received: true })).toBe('in_progress')
    expect(
      resolveTarget(actionDefinition('supplement'), 'supplement_requested', { returnStatus: 'in_progress' }),
    ).toBe('in_progress')
    expect(resolveTarget(actionDefinition('apologise'), 'awaiting_approval', {})).toBe('awaiting_approval')
  })
})
