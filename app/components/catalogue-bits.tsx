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
      <span aria-current="page">{t('pagination.page', { page, pages })}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {t('pagination.next')}
        </a>
      ) : null}
    </nav>
  )
}
