import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../../app/utils/safe-redirect'

describe('safeRedirect', () => {
  it.each(['/officer', '/procedures?q=ly%20lich', '/dossiers/STP-261127-0001'])(
    'keeps the local path %s',
    (to) => {
      expect(safeRedirect(to)).toBe(to)
    },
  )
  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    '/%2f%2fevil.example',
    '/%5cevil.example',
    'javascript:alert(1)',
    '/a\nb',
    '',
    null,
    undefined,
  ])('refuses %s', (to) => {
    expect(safeRedirect(to as string, '/home')).toBe('/home')
  })
})
