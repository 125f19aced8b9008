const { Outbox } = require('../../utils/outbox')

const message = (seq, greeting = false) => ({ id: `out-${seq}`, seq, text: `t${seq}`, greeting })

describe('outbox', () => {
  test('requeued in-flight messages go back before later ones, in typed order', () => {
    const outbox = new Outbox()
    outbox.markInFlight(message(1))
    outbox.markInFlight(message(2))
    outbox.add(message(3))

    outbox.requeueInFlight()

    expect(outbox.takeAll().map(m => m.seq)).toEqual([1, 2, 3])
  })

  test('in-flight greetings are dropped, not requeued', () => {
    const outbox = new Outbox()
    outbox.markInFlight(message(1, true))
    outbox.markInFlight(message(2))

    const dropped = outbox.requeueInFlight()

    expect(dropped.map(m => m.id)).toEqual(['out-1'])
    expect(outbox.takeAll().map(m => m.id)).toEqual(['out-2'])
  })

  test('confirm answers whether the message was still in flight', () => {
    const outbox = new Outbox()
    outbox.markInFlight(message(1))
    expect(outbox.size()).toBe(1)
    expect(outbox.confirm('out-1')).toBe(true)
    expect(outbox.confirm('out-1')).toBe(false)
    expect(outbox.size()).toBe(0)
  })
})
