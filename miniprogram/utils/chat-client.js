/**
 * The chat protocol over one WeChat SocketTask: greeting, raw-text sends, reply parsing,
 * reconnects with backoff and an outbox for text typed while offline.
 *
 * It knows nothing about pages: the socket factory and timers are passed in, so the same code
 * runs in WeChat (`wx.connectSocket`) and in Node tests (a fake or a `ws`-backed SocketTask).
 *
 *   const client = new ChatClient({ url, connectSocket: options => wx.connectSocket(options) })
 *   client.on('reply', reply => show(reply.content, reply.time))
 *   client.start()
 *   client.send('在吗')
 */
const { DEFAULT_BACKOFF, delayFor } = require('./backoff')
const { parseServerFrame } = require('./server-frame')
const { Outbox } = require('./outbox')

const GREETING = '你好'
const NORMAL_CLOSURE = 1000
const EVENTS = ['status', 'outgoing', 'sent', 'unsent', 'reply', 'ignored']

const globalTimers = {
  // Looked up on each call so that fake timers installed after construction still apply.
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: handle => clearTimeout(handle),
}

function checkOptions({ url, connectSocket }) {
  if (typeof url !== 'string' || !/^wss?:\/\//.test(url)) {
    throw new TypeError(`url must start with ws:// or wss://: ${url}`)
  }
  if (typeof connectSocket !== 'function') {
    throw new TypeError('connectSocket must be a function, e.g. options => wx.connectSocket(options)')
  }
}

function closeQuietly(task, reason) {
  try {
    task.close({ code: NORMAL_CLOSURE, reason })
  } catch (error) {
    // Closing a socket that already died may throw on some base libraries; it is gone either way.
  }
}

class ChatClient {
  constructor(options) {
    checkOptions(options)
    this.url = options.url
    this.connectSocket = options.connectSocket
    this.greeting = options.greeting || GREETING
    this.backoff = options.backoff || DEFAULT_BACKOFF
    this.stableAfterMs = options.stableAfterMs === undefined ? 5000 : options.stableAfterMs
    this.connectTimeoutMs = options.connectTimeoutMs || 10000
    this.random = options.random || Math.random
    this.now = options.now || (() => Date.now())
    this.timers = options.timers || globalTimers

    this.listeners = new Map(EVENTS.map(name => [name, []]))
    this.state = 'idle'
    this.running = false
    this.networkUp = true
    // Every socket gets a generation; callbacks from an older generation are stale and ignored.
    this.generation = 0
    this.socket = null
    this.open = false
    this.openedAt = 0
    this.attempt = 0
    this.retryTimer = null
    this.nextId = 0
    this.outbox = new Outbox()
  }

  on(event, listener) {
    const list = this.listeners.get(event)
    if (!list) throw new Error(`unknown event "${event}"; expected one of [${EVENTS.join(', ')}]`)
    list.push(listener)
    return () => {
      const index = list.indexOf(listener)
      if (index >= 0) list.splice(index, 1)
    }
  }

  start() {
    if (this.running) return
    this.running = true
    this.attempt = 0
    this.connect('connecting')
  }

  stop(reason = 'client stopped') {
    this.running = false
    this.cancelRetry()
    this.dropSocket(reason)
    this.setState('offline', { cause: 'stopped' })
  }

  /** Sends raw text (never JSON); while offline it waits in the outbox. Returns the message id. */
  send(text) {
    if (typeof text !== 'string' || text.trim() === '') {
      throw new TypeError('text must be a non-empty string')
    }
    const message = this.createMessage(text, false)
    if (this.open) this.transmit(message)
    else this.outbox.add(message)
    return message.id
  }

  /** Feed wx.onNetworkStatusChange here: a returning network reconnects at once. */
  networkChanged(isConnected) {
    if (!isConnected) {
      this.networkUp = false
      if (!this.running) return
      this.cancelRetry()
      this.dropSocket('network lost')
      this.setState('offline', { cause: 'network' })
      return
    }
    this.networkUp = true
    if (!this.running || this.socket) return
    this.attempt = 0
    this.connect('reconnecting')
  }

  pendingCount() {
    return this.outbox.size()
  }

  // ---- connection ---------------------------------------------------------------------

  connect(state) {
    this.cancelRetry()
    if (!this.networkUp) {
      this.setState('offline', { cause: 'network' })
      return
    }
    const generation = ++this.generation
    this.setState(state, { attempt: this.attempt })
    let task
    try {
      task = this.connectSocket({
        url: this.url,
        timeout: this.connectTimeoutMs,
        fail: () => this.lost(generation),
      })
    } catch (error) {
      this.lost(generation)
      return
    }
    if (!task) {
      this.lost(generation)
      return
    }
    if (generation !== this.generation) {
      // connectSocket failed synchronously and a retry is already planned.
      closeQuietly(task, 'superseded')
      return
    }
    this.socket = task
    task.onOpen(() => this.opened(generation))
    task.onMessage(message => {
      if (generation === this.generation) this.received(message.data)
    })
    task.onError(() => this.lost(generation))
    task.onClose(() => this.lost(generation))
  }

  opened(generation) {
    if (generation !== this.generation) return
    this.open = true
    this.openedAt = this.now()
    this.setState('connected', {})
    this.transmit(this.createMessage(this.greeting, true))
    for (const message of this.outbox.takeAll()) this.transmit(message)
  }

  lost(generation) {
    if (generation !== this.generation) return
    const wasStable = this.open && this.now() - this.openedAt >= this.stableAfterMs
    this.dropSocket('connection lost')
    if (wasStable) this.attempt = 0
    if (this.running) this.scheduleRetry()
  }

  /** Invalidates the current socket, closes it, and puts unconfirmed messages back in the outbox. */
  dropSocket(reason) {
    this.generation++
    const task = this.socket
    this.socket = null
    this.open = false
    for (const greeting of this.outbox.requeueInFlight()) this.emit('unsent', { id: greeting.id })
    if (task) closeQuietly(task, reason)
  }

  scheduleRetry() {
    const delayMs = delayFor(this.attempt, this.random, this.backoff)
    this.attempt++
    this.setState('reconnecting', { attempt: this.attempt, delayMs })
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null
      this.connect('reconnecting')
    }, delayMs)
  }

  cancelRetry() {
    if (this.retryTimer === null) return
    this.timers.clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  // ---- messages -----------------------------------------------------------------------

  createMessage(text, greeting) {
    const message = { id: `out-${++this.nextId}`, seq: this.nextId, text, greeting }
    this.emit('outgoing', { id: message.id, text, greeting, state: 'sending' })
    return message
  }

  transmit(message) {
    if (!this.open) {
      // The socket died while the outbox was being flushed.
      if (message.greeting) this.emit('unsent', { id: message.id })
      else this.outbox.add(message)
      return
    }
    const generation = this.generation
    this.outbox.markInFlight(message)
    try {
      this.socket.send({
        data: message.text,
        // A late success from a dropped socket is ignored: the message was already put back
        // in the outbox, so delivery is at-least-once rather than possibly-never.
        success: () => {
          if (generation === this.generation && this.outbox.confirm(message.id)) {
            this.emit('sent', { id: message.id })
          }
        },
        fail: () => this.lost(generation),
      })
    } catch (error) {
      this.lost(generation)
    }
  }

  received(data) {
    const frame = parseServerFrame(data)
    this.emit(frame.kind === 'reply' ? 'reply' : 'ignored', frame)
  }

  // ---- events -------------------------------------------------------------------------

  setState(state, detail) {
    this.state = state
    this.emit('status', { state, ...detail })
  }

  emit(event, payload) {
    for (const listener of this.listeners.get(event).slice()) listener(payload)
  }
}

module.exports = { ChatClient, GREETING, NORMAL_CLOSURE }
