/**
 * Vietnamese to plain ASCII letters: tone and vowel marks removed (ấ → a, ư → u, ơ → o), đ → d, Đ → D.
 * Everything else is left as it is (see `orderInfoText` for what VNPay accepts).
 */
export function stripDiacritics(text: string): string {
  return (
    text
      // NFD splits a precomposed letter into its base and combining marks (U+0300–U+036F; ư and ơ carry U+031B).
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      // đ/Đ are letters of their own, not d plus a mark, so NFD leaves them.
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFC')
  )
}

/** VNPay's limit on vnp_OrderInfo. */
export const orderInfoMaxLength = 255

/**
 * Text fit for vnp_OrderInfo: Vietnamese without diacritics and without special characters, at most 255
 * characters. Only letters, digits, space and `- . , : _` survive; anything else becomes a space. Keeping to
 * these characters also means every encoder VNPay's demos use (Java, PHP, Node) encodes the text alike, so the
 * signature cannot depend on which one VNPay's side uses.
 */
export function orderInfoText(text: string, maxLength = orderInfoMaxLength): string {
  return stripDiacritics(text)
    .replace(/[^A-Za-z0-9 ,.:_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength)
    .trimEnd()
}
