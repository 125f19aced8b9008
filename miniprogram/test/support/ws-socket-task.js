/**
 * A WeChat SocketTask backed by a real WebSocket from the `ws` package, so the page's own
 * code can talk to a real server in Node. Text frames arrive as strings and binary frames as
 * ArrayBuffer, as in WeChat; like wx.connectSocket it sends no Origin header and offers no
 * per-message deflate.
 *
 * Every delivered callback is followed by an 'activity' event, which waitFor() uses to re-check
 * its condition instead of polling.
 */
const { EventEmitter } = require('events')
const WebSocket = require('ws')

const activity = new EventEmitter()

function toArrayBuffer(buffer) {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)
}

function createWsSocketTask(options) {
  const handlers = { open: [], message: [], close: [], error: [] }
  const emit = (event, payload) => {
    for (const handler of handlers[event].slice()) handler(payload)
    activity.emit('activity', event)
  }
  const socket = new WebSocket(options.url, {
    handshakeTimeout: options.timeout,
    perMessageDeflate: false,
  })
  let closed = false
  socket.on('open', () => emit('open', { header: {} }))
  socket.on('message', (data, isBinary) => {
    emit('message', { data: isBinary ? toArrayBuffer(data) : data.toString('utf8') })
  })
  socket.on('error', error => emit('error', { errMsg: `ws error: ${error.message}` }))
  socket.on('close', (code, reason) => {
    closed = true
    emit('close', { code, reason: reason.toString('utf8') })
  })

  return {
    url: options.url,
    isClosed: () => closed,
    onOpen: callback => handlers.open.push(callback),
    onMessage: callback => handlers.message.push(callback),
    onClose: callback => handlers.close.push(callback),
    onError: callback => handlers.error.push(callback),
    send({ data, success, fail }) {
      socket.send(data, error => {
        if (error && fail) fail({ errMsg: `sendSocketMessage:fail ${error.message}` })
        if (!error && success) success({ errMsg: 'sendSocketMessage:ok' })
        activity.emit('activity', 'send')
      })
    },
    close({ code = 1000, reason = '' } = {}) {
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate()
      else socket.close(code, reason)
    },
  }
}

/**
 * Resolves once `condition()` is true, re-checking after every socket event; rejects after
 * `timeoutMs` with `what` and, from `describe()`, what was there instead.
 */
function waitFor(condition, { what, timeoutMs = 10000, describe = () => '' }) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!condition()) return
      finish()
      resolve()
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`waited ${timeoutMs} ms for ${what}; saw instead:\n${describe()}`))
    }, timeoutMs)
    const finish = () => {
      clearTimeout(timer)
      activity.off('activity', check)
    }
    activity.on('activity', check)
    check()
  })
}

module.exports = { createWsSocketTask, waitFor }
