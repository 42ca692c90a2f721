import type { ReactNode } from 'react'

/**
 * A table too wide for a narrow screen scrolls inside this region instead of widening the page (reflow at
 * 320 CSS px, WCAG 1.4.10). The region is focusable and named, so it can be scrolled from the keyboard.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
