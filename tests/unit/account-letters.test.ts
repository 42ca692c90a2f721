import { describe, expect, it } from 'vitest'
import { renderAccountLetter } from '../../app/modules/notifications/templates'

const link = 'https://dichvucong.example.gov.vn/register/confirm/abc'

describe('account letters', () => {
  it.each(['vi', 'en'] as const)('render every part in %s, with no key left untranslated', (lng) => {
    const confirm = renderAccountLetter(lng, 'Lê Thị Hoa', { kind: 'account_confirm', link, hours: 24 })
    const exists = [
      renderAccountLetter(lng, 'Lê Thị Hoa', {
        kind: 'account_exists',
        by: 'email',
        link: 'https://x/login',
      }),
      renderAccountLetter(lng, 'Lê Thị Hoa', {
        kind: 'account_exists',
        by: 'citizenId',
        link: 'https://x/login',
      }),
    ]
    expect(confirm.text).toContain(link)
    expect(confirm.text).toContain('24')
    for (const letter of [confirm, ...exists]) {
      expect(letter.text).toContain('Lê Thị Hoa')
      expect(`${letter.subject}\n${letter.text}`).not.toMatch(/account_(confirm|exists)\.|letter\./)
    }
    // The warning carries no link that activates anything.
    for (const letter of exists) expect(letter.text).not.toContain('/register/confirm/')
    expect(exists[0].text).not.toBe(exists[1].text)
  })
})
