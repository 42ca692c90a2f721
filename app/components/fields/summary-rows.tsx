import type { ReactNode } from 'react'

export interface SummaryRow {
  label: ReactNode
  value: ReactNode
  /** a class for the value's <dd> */
  valueClassName?: string
  /** a React key where the rows come from a list */
  key?: string
}

/**
 * A description list of label → value rows (receipts, verification, check answers, dossier summaries).
 * Rows that do not apply can be passed as `false`/`null` and are skipped.
 */
export function SummaryRows({ rows }: { rows: readonly (SummaryRow | false | null | undefined)[] }) {
  return (
    <dl className="summary-list">
      {rows.map((row, i) =>
        row ? (
          <div className="summary-list__row" key={row.key ?? i}>
            <dt>{row.label}</dt>
            <dd className={row.valueClassName}>{row.value}</dd>
          </div>
        ) : null,
      )}
    </dl>
  )
}
