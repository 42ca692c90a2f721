import { describe, expect, it } from 'vitest'
import { activeContentMarker } from '../../app/modules/files/sniff.server'
import { nameForType } from '../../app/modules/files/upload.server'

describe('nameForType', () => {
  it.each([
    ['bien-lai.html', 'application/pdf', 'bien-lai.pdf'],
    ['scan.exe', 'application/pdf', 'scan.pdf'],
    ['scan.pdf', 'application/pdf', 'scan.pdf'],
    ['Ảnh chân dung.JPEG', 'image/jpeg', 'Ảnh chân dung.jpg'],
    ['to-khai', 'application/pdf', 'to-khai.pdf'],
    ['bao-cao.html.exe', 'image/png', 'bao-cao.html.png'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['.htaccess', 'application/pdf', 'htaccess.pdf'],
    ['', 'application/pdf', 'tep-dinh-kem.pdf'],
    ['.exe', 'application/pdf', 'exe.pdf'],
    ['x.unknown', 'application/x-made-up', 'x.bin'],
  ])('%s holding %s → %s', (raw, mime, expected) => {
    expect(nameForType(raw, mime)).toBe(expected)
  })

  it('keeps a long name within 200 characters, ending in the extension', () => {
    const name = nameForType(`${'a'.repeat(300)}.html`, 'application/pdf')
    expect([...name].length).toBeLessThanOrEqual(200)
    expect(name.endsWith('a.pdf')).toBe(true)
  })
})

describe('activeContentMarker', () => {
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'))
  it.each([
    ['%PDF-1.4 <script>alert(1)</script>', '<script'],
    ['%PDF-1.4 <HTML>', '<html'],
    ['\x89PNG <svg onload=x>', '<svg'],
    ['%PDF <!DOCTYPE html>', '<!doctype html'],
    ['%PDF (JavaScript:alert(1))', 'javascript:'],
  ])('finds %j', (content, marker) => {
    expect(activeContentMarker(bytes(content))).toBe(marker)
  })

  it('finds nothing in an ordinary PDF, whose own JavaScript actions are not web markup', () => {
    expect(
      activeContentMarker(bytes('%PDF-1.7\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n')),
    ).toBeNull()
  })
})
