import { describe, expect, it } from 'vitest'
import { networkKey } from '../../app/modules/auth/throttle.server'

describe('networkKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::198.51.100.1', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s → %s', (address, key) => {
    expect(networkKey(address)).toBe(key)
  })

  it('gives every address of one /64 the same key, and a neighbouring /64 another', () => {
    const keys = new Set(
      ['2001:db8:aa:1::1', '2001:db8:aa:1:ffff:ffff:ffff:ffff', '2001:db8:aa:1:1234::9'].map(networkKey),
    )
    expect(keys.size).toBe(1)
    expect(networkKey('2001:db8:aa:2::1')).not.toBe(networkKey('2001:db8:aa:1::1'))
  })
})
