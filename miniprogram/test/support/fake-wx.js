/**
 * A scripted stand-in for wx.connectSocket and the few wx APIs the chat page uses.
 *
 * Each FakeSocketTask records what the client did (sent frames, close calls) and lets the test
 * play the server and the platform: open(), receive(), drop(), error(). Callbacks fire
 * synchronously, the harsh case: a close() re-enters the client before close() returns.
 */

class FakeSocketTask {
  constructor(options, wx) {
    this.options = options
    this.url = options.url
    this.wx = wx
    this.state = 'connecting'
    this.sent = []
    this.closeCalls = []
    this.failSends = false
    this.handlers = { open: [], message: [], close: [], error: [] }
  }

  onOpen(callback) { this.handlers.open.push(callback) }
  onMessage(callback) { this.handlers.message.push(callback) }
  onClose(callback) { this.handlers.close.push(callback) }
  onError(callback) { this.handlers.error.push(callback) }

  send({ data, success, fail }) {
    if (this.state !== 'open' || this.failSends) {
      if (fail) fail({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' })
      return
    }
    this.sent.push(data)
    if (success) success({ errMsg: 'sendSocketMessage:ok' })
  }

  close({ code = 1000, reason = '' } = {}) {
    this.closeCalls.push({ code, reason })
    if (this.state === 'closed') return
    this.finish()
    this.emit('close', { code, reason })
  }

  // ---- the test plays the server and the platform -----------------------------------

  open() {
    this.state = 'open'
    this.emit('open', { header: {} })
  }

  /** Delivers a frame whatever the state, as a late callback from an old socket would. */
  receive(data) {
    this.emit('message', { data })
  }

  drop(code = 1006, reason = 'abnormal closure') {
    this.finish()
    this.emit('close', { code, reason })
  }

  error(errMsg = 'connectSocket:fail') {
    this.emit('error', { errMsg })
  }

  finish() {
    if (this.state !== 'closed') this.wx.released(this)
    this.state = 'closed'
  }

  emit(event, payload) {
    for (const handler of this.handlers[event].slice()) handler(payload)
  }
}

function createFakeWx() {
  const wx = {
    sockets: [],
    live: new Set(),
    maxLive: 0,
    toasts: [],
    networkListeners: [],

    connectSocket(options) {
      const task = new FakeSocketTask(options, wx)
      wx.sockets.push(task)
      wx.live.add(task)
      wx.maxLive = Math.max(wx.maxLive, wx.live.size)
      return task
    },
    released(task) {
      wx.live.delete(task)
    },
    get last() {
      return wx.sockets[wx.sockets.length - 1]
    },

    showToast(options) {
      wx.toasts.push(options)
    },

    onNetworkStatusChange(listener) {
      wx.networkListeners.push(listener)
    },
    offNetworkStatusChange(listener) {
      wx.networkListeners = wx.networkListeners.filter(each => each !== listener)
    },
    setNetwork(isConnected) {
      const event = { isConnected, networkType: isConnected ? 'wifi' : 'none' }
      for (const listener of wx.networkListeners.slice()) listener(event)
    },
  }
  return wx
}

module.exports = { createFakeWx, FakeSocketTask }
