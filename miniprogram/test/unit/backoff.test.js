const { delayFor, ceilingFor, DEFAULT_BACKOFF } = require('../../utils/backoff')

describe('reconnect backoff', () => {
  test('ceiling doubles from 500 ms and is capped at 30 s', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 50, 5000].map(n => ceilingFor(n, DEFAULT_BACKOFF))
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000])
  })

  test('jitter keeps every delay between half the ceiling and the ceiling', () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const ceiling = ceilingFor(attempt, DEFAULT_BACKOFF)
      expect(delayFor(attempt, () => 0)).toBe(ceiling / 2)
      expect(delayFor(attempt, () => 0.5)).toBe(Math.round(ceiling * 0.75))
      expect(delayFor(attempt, () => 0.999999)).toBe(ceiling)
    }
  })

  test('jitter spreads clients apart', () => {
    const delays = new Set(Array.from({ length: 50 }, () => delayFor(6)))
    expect(delays.size).toBeGreaterThan(10)
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(15000)
      expect(delay).toBeLessThanOrEqual(30000)
    }
  })

  test('a negative or fractional attempt is a misuse', () => {
    expect(() => delayFor(-1)).toThrow('attempt must be an integer >= 0: -1')
    expect(() => delayFor(1.5)).toThrow('attempt must be an integer >= 0: 1.5')
  })
})
