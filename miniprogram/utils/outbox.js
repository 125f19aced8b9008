/**
 * Messages not yet confirmed by the socket, in the order they were typed.
 *
 * `waiting` holds messages that have not been handed to a socket; `inFlight` those handed over
 * whose send() has not succeeded yet. When a socket dies, in-flight messages go back to waiting,
 * except greetings: the next connection greets anew, so resending one would greet twice.
 */
class Outbox {
  constructor() {
    this.waiting = []
    this.inFlight = new Map()
  }

  add(message) {
    let index = this.waiting.length
    while (index > 0 && this.waiting[index - 1].seq > message.seq) index--
    this.waiting.splice(index, 0, message)
  }

  takeAll() {
    const taken = this.waiting
    this.waiting = []
    return taken
  }

  markInFlight(message) {
    this.inFlight.set(message.id, message)
  }

  /** @returns true if the message was still in flight */
  confirm(id) {
    return this.inFlight.delete(id)
  }

  /** Moves in-flight messages back to waiting; returns the greetings dropped instead. */
  requeueInFlight() {
    const dropped = []
    for (const message of this.inFlight.values()) {
      if (message.greeting) dropped.push(message)
      else this.add(message)
    }
    this.inFlight.clear()
    return dropped
  }

  size() {
    return this.waiting.length + this.inFlight.size
  }
}

module.exports = { Outbox }
