import { afterEach, beforeEach, vi } from 'vitest'

// A test that logs console.error fails (Epic Stack's rule): errors must be asserted, not printed.
let spy: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(' ').slice(0, 500)}`)
  })
})
afterEach(() => {
  spy.mockRestore()
})
