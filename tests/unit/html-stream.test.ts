import { PassThrough, Transform, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { text } from 'node:stream/consumers'
import { createElement } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { stripTrailingNuls } from '../../app/utils/html-stream.server'

/** A page of Vietnamese long enough to cross React's 2 KB views with multi-byte characters at their edges. */
const page = () =>
  createElement(
    'main',
    null,
    Array.from({ length: 400 }, (_, i) =>
      createElement(
        'p',
        { key: i },
        `${'ệ'.repeat(i % 7)}Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam ${i}`,
      ),
    ),
  )

function render(into: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(), {
      onAllReady() {
        pipe(into)
        text(into as unknown as NodeJS.ReadableStream).then(resolve, reject)
      },
      onError: reject,
    })
  })
}

describe('streamed HTML', () => {
  it('has NUL padding from React 18 at view edges without the filter (the bug it works around)', async () => {
    expect(await render(new PassThrough())).toContain('\u0000')
  })

  it('has no NUL and loses no character through stripTrailingNuls', async () => {
    const html = await render(stripTrailingNuls())
    expect(html).not.toContain('\u0000')
    for (let i = 0; i < 400; i++)
      expect(html).toContain(`Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam ${i}<`)
  })

  it("ends once: React's second end() of the finished stream does not reach Node's (which builds an error)", async () => {
    const ends = vi.spyOn(Transform.prototype, 'end')
    try {
      const stream = stripTrailingNuls()
      const html = render(stream)
      expect(await html).toContain('Cấp Phiếu')
      await finished(stream)
      expect(ends.mock.calls.length).toBe(1)
      expect(stream.end()).toBe(stream)
      expect(ends.mock.calls.length).toBe(1)
    } finally {
      ends.mockRestore()
    }
  })
})
