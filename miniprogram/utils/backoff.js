/**
 * Reconnect delays: capped exponential growth with "equal jitter".
 *
 * Equal jitter (half fixed, half random) keeps a floor under every delay, so a server that
 * drops each connection is never hammered, while the random half spreads many clients apart
 * after a server restart.
 */
const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, maxMs: 30000 })

function ceilingFor(attempt, { baseMs, maxMs }) {
  // 2 ** attempt overflows to Infinity long after it passes maxMs, so Math.min stays exact.
  return Math.min(maxMs, baseMs * 2 ** attempt)
}

function delayFor(attempt, random = Math.random, backoff = DEFAULT_BACKOFF) {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(`attempt must be an integer >= 0: ${attempt}`)
  }
  const ceiling = ceilingFor(attempt, backoff)
  const half = ceiling / 2
  return Math.round(half + random() * half)
}

module.exports = { DEFAULT_BACKOFF, ceilingFor, delayFor }
