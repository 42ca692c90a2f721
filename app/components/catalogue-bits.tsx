import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { FeePolicy } from '../modules/catalogue/types'
import { formatMoney } from '../utils/format'

export function LevelBadge({ level }: { level: 3 | 4 }) {
  const { t } = useTranslation('common')
  return (
    <span className={`badge badge--level${level}`} title={t(`level.${level}long`)}>
      {t(`level.${level}`)}
      <span className="visually-hidden"> ({t(`level.${level}long`)})</span>
    </span>
  )
}

/** In place of the level badge, for a procedure listed for information only (its dossier goes to the counter). */
export function CounterOnlyBadge() {
  const { t } = useTranslation('catalogue')
  return (
    <span className="badge" title={t('counterOnlyLong')}>
      {t('counterOnly')}
      <span className="visually-hidden"> ({t('counterOnlyLong')})</span>
    </span>
  )
}

/** The fee as a person reads it: "Miễn phí", "200.000 ₫", "8.000 ₫ / bản", "Theo kết quả thẩm định". */
export function feeText(policy: FeePolicy, lng: 'vi' | 'en', t: TFunction): string {
  switch (policy.kind) {
    case 'free':
      return t('catalogue:fee.free')
    case 'fixed':
      return formatMoney(policy.amount, lng)
    case 'per_unit':
      return t('catalogue:fee.perUnit', {
        amount: formatMoney(policy.unitAmount, lng),
        unit: policy.unit[lng],
      })
    case 'assessed':
      return t('catalogue:fee.assessed')
  }
}

interface PaginationProps {
  page: number
  pages: number
  /** builds the href of a page, keeping the current filters */
  href: (page: number) => string
}

/**
 * The page numbers to show: the first, the last and two either side of the current page, with null for a gap
 * ("1 … 4 5 6 7 8 … 200"), so 200 pages stay a short line of plain links.
 */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const wanted = new Set([1, pages])
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) wanted.add(p)
  const sorted = [...wanted].sort((a, b) => a - b)
  const out: (number | null)[] = []
  for (const p of sorted) {
    const last = out[out.length - 1]
    if (typeof last === 'number' && p - last === 2) out.push(last + 1)
    else if (typeof last === 'number' && p - last > 2) out.push(null)
    out.push(p)
  }
  return out
}

/** Previous, numbered and next page links: plain links (no JavaScript needed), the current one marked. */
export function Pagination({ page, pages, href }: PaginationProps) {
  const { t } = useTranslation('catalogue')
  if (pages <= 1) return null
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {t('pagination.previous')}
        </a>
      ) : null}
      {pageWindow(page, pages).map((p, i) =>
        p === null ? (
          <span key={`gap${i}`} aria-hidden="true">
            …
          </span>
        ) : (
          <a
            key={p}
            href={href(p)}
            aria-current={p === page ? 'page' : undefined}
            aria-label={t('pagination.page', { page: p, pages })}
          >
            {p === page ? <strong>{p}</strong> : p}
          </a>
        ),
      )}
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {t('pagination.next')}
        </a>
      ) : null}
    </nav>
  )
}
