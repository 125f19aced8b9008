const { ChatClient } = require('../../utils/chat-client')
const { createFakeWx } = require('../support/fake-wx')

const URL = 'ws://127.0.0.1:3000'
const EVENTS = ['status', 'outgoing', 'sent', 'unsent', 'reply', 'ignored']

function setup(options = {}) {
  const wx = createFakeWx()
  const client = new ChatClient({
    url: URL,
    connectSocket: socketOptions => wx.connectSocket(socketOptions),
    random: () => 0, // delays are exactly half the ceiling: 250, 500, 1000, ...
    ...options,
  })
  const events = []
  for (const name of EVENTS) client.on(name, payload => events.push({ event: name, ...payload }))
  const of = name => events.filter(each => each.event === name)
  const states = () => of('status').map(each => each.state)
  return { wx, client, events, of, states }
}

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

describe('construction', () => {
  test('a url that is not ws:// or wss:// is refused', () => {
    expect(() => new ChatClient({ url: 'http://x', connectSocket: () => {} }))
      .toThrow('url must start with ws:// or wss://: http://x')
  })

  test('a missing socket factory names what to pass', () => {
    expect(() => new ChatClient({ url: URL }))
      .toThrow('connectSocket must be a function, e.g. options => wx.connectSocket(options)')
  })

  test('listening to an unknown event lists the known ones', () => {
    const { client } = setup()
    expect(() => client.on('message', () => {}))
      .toThrow('unknown event "message"; expected one of [status, outgoing, sent, unsent, reply, ignored]')
  })

  test('a removed listener hears nothing more', () => {
    const { client, wx } = setup()
    const heard = []
    const remove = client.on('status', status => heard.push(status.state))
    client.start()
    remove()
    wx.last.open()
    expect(heard).toEqual(['connecting'])
  })
})

describe('connecting and greeting', () => {
  test('start opens one SocketTask to the url, however often it is called', () => {
    const { client, wx, states } = setup()
    client.start()
    client.start()
    expect(wx.sockets).toHaveLength(1)
    expect(wx.last.url).toBe(URL)
    expect(states()).toEqual(['connecting'])
  })

  test('sends 你好 as raw text when the socket opens', () => {
    const { client, wx, states, of } = setup()
    client.start()
    wx.last.open()
    expect(wx.last.sent).toEqual(['你好'])
    expect(states()).toEqual(['connecting', 'connected'])
    expect(of('outgoing')).toEqual([{ event: 'outgoing', id: 'out-1', text: '你好', greeting: true, state: 'sending' }])
    expect(of('sent')).toEqual([{ event: 'sent', id: 'out-1' }])
  })

  test('sends typed text verbatim, never wrapped in JSON', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.open()
    client.send('{"content":"not wrapped"}')
    client.send('在吗')
    expect(wx.last.sent).toEqual(['你好', '{"content":"not wrapped"}', '在吗'])
  })

  test('empty text is a misuse: the page checks input first', () => {
    const { client } = setup()
    expect(() => client.send('   ')).toThrow('text must be a non-empty string')
  })
})

describe('receiving', () => {
  test('replies of both profiles arrive with their time', () => {
    const { client, wx, of } = setup()
    client.start()
    wx.last.open()
    wx.last.receive('{"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}')
    wx.last.receive('{"content":"服务器回复:你好","timestamp":"11:51:39 PM"}')
    expect(of('reply').map(reply => [reply.content, reply.time])).toEqual([
      ['[自动回复] : 请等待用户接入回复...', '2026-21-11 , 9:05 pm'],
      ['服务器回复:你好', '11:51:39 PM'],
    ])
  })

  test('binary frames are ignored, not shown', () => {
    const { client, wx, of } = setup()
    client.start()
    wx.last.open()
    wx.last.receive(new ArrayBuffer(8))
    expect(of('reply')).toEqual([])
    expect(of('ignored')).toEqual([{ event: 'ignored', kind: 'ignored', reason: 'binary' }])
  })
})

describe('reconnecting', () => {
  test('delays double from 250 ms with jitter at its floor and are capped at 15 s', () => {
    const { client, wx } = setup()
    client.start()
    const expected = [250, 500, 1000, 2000, 4000, 8000, 15000, 15000, 15000]
    for (const [index, delay] of expected.entries()) {
      wx.last.drop()
      jest.advanceTimersByTime(delay - 1)
      expect(wx.sockets).toHaveLength(index + 1)
      jest.advanceTimersByTime(1)
      expect(wx.sockets).toHaveLength(index + 2)
    }
  })

  test('the reconnecting status carries the attempt and the delay', () => {
    const { client, wx, of } = setup({ random: () => 0.5 })
    client.start()
    wx.last.drop()
    expect(of('status').at(-1)).toEqual({ event: 'status', state: 'reconnecting', attempt: 1, delayMs: 375 })
    jest.advanceTimersByTime(375)
    expect(of('status').at(-1)).toEqual({ event: 'status', state: 'reconnecting', attempt: 1 })
  })

  test('an error followed by a close plans a single retry', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.error()
    wx.last.drop()
    jest.advanceTimersByTime(60000)
    expect(wx.sockets).toHaveLength(2)
  })

  test('a socket that failed to be created is retried', () => {
    const wx = createFakeWx()
    let calls = 0
    const client = new ChatClient({
      url: URL,
      random: () => 0,
      connectSocket: options => {
        calls++
        if (calls === 1) {
          options.fail({ errMsg: 'connectSocket:fail exceed max task count' })
          return undefined
        }
        return wx.connectSocket(options)
      },
    })
    client.start()
    jest.advanceTimersByTime(250)
    expect(calls).toBe(2)
    wx.last.open()
    expect(client.state).toBe('connected')
  })

  test('a connection that stayed up 5 s starts the backoff again from the bottom', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.drop()
    jest.advanceTimersByTime(250)
    wx.last.drop()
    jest.advanceTimersByTime(500)
    wx.last.open()
    jest.advanceTimersByTime(5000)
    wx.last.drop()
    jest.advanceTimersByTime(250)
    expect(wx.sockets).toHaveLength(4)
  })

  test('a server that closes right after accepting keeps backing off', () => {
    const { client, wx } = setup()
    client.start()
    for (const delay of [250, 500, 1000]) {
      wx.last.open()
      wx.last.drop()
      jest.advanceTimersByTime(delay)
    }
    expect(wx.sockets).toHaveLength(4)
    wx.last.open()
    wx.last.drop()
    jest.advanceTimersByTime(1999)
    expect(wx.sockets).toHaveLength(4)
  })

  test('never holds more than one socket, so the 5-socket limit is never reached', () => {
    const { client, wx } = setup()
    client.start()
    for (let cycle = 0; cycle < 20; cycle++) {
      if (cycle % 3 === 0) wx.last.open()
      wx.last.error()
      if (cycle % 2 === 0) wx.last.drop()
      jest.advanceTimersByTime(60000)
    }
    expect(wx.sockets).toHaveLength(21)
    expect(wx.maxLive).toBe(1)
    // a socket that only reported an error was closed by the client, not left open
    expect(wx.sockets.slice(0, -1).every(task => task.state === 'closed')).toBe(true)
  })

  test('late callbacks from an old socket are ignored', () => {
    const { client, wx, of, states } = setup()
    client.start()
    const old = wx.last
    old.open()
    old.drop()
    jest.advanceTimersByTime(250)
    wx.last.open()
    const statesBefore = states().length

    old.receive('{"content":"late"}')
    old.open()
    old.error()
    old.drop()

    expect(of('reply')).toEqual([])
    expect(states()).toHaveLength(statesBefore)
    expect(client.state).toBe('connected')
    jest.advanceTimersByTime(60000)
    expect(wx.sockets).toHaveLength(2)
  })
})

describe('stopping', () => {
  test('stop closes the socket normally and does not reconnect', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.open()
    client.stop('page hidden')
    expect(wx.last.closeCalls).toEqual([{ code: 1000, reason: 'page hidden' }])
    expect(client.state).toBe('offline')
    jest.advanceTimersByTime(120000)
    expect(wx.sockets).toHaveLength(1)
  })

  test('stop cancels a planned retry', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.drop()
    client.stop()
    jest.advanceTimersByTime(120000)
    expect(wx.sockets).toHaveLength(1)
  })

  test('start after stop connects and greets again', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.open()
    client.stop()
    client.start()
    wx.last.open()
    expect(wx.sockets.map(task => task.sent)).toEqual([['你好'], ['你好']])
  })
})

describe('outbox', () => {
  test('text typed while offline waits as sending and goes out after the greeting, in order', () => {
    const { client, wx, of } = setup()
    client.start()
    const first = client.send('第一条')
    const second = client.send('第二条')
    expect(of('outgoing').map(each => [each.text, each.state])).toEqual([['第一条', 'sending'], ['第二条', 'sending']])
    expect(of('sent')).toEqual([])
    expect(client.pendingCount()).toBe(2)

    wx.last.open()

    expect(wx.last.sent).toEqual(['你好', '第一条', '第二条'])
    expect(of('sent').map(each => each.id)).toEqual(expect.arrayContaining([first, second]))
    expect(client.pendingCount()).toBe(0)
  })

  test('a failed send reconnects and resends the text', () => {
    const { client, wx } = setup()
    client.start()
    wx.last.open()
    wx.last.failSends = true
    client.send('丢了吗')
    expect(client.pendingCount()).toBe(1)

    jest.advanceTimersByTime(250)
    wx.last.open()

    expect(wx.last.sent).toEqual(['你好', '丢了吗'])
    expect(client.pendingCount()).toBe(0)
  })

  test('a greeting that could not be sent is reported unsent, not resent', () => {
    const { client, wx, of } = setup()
    client.start()
    wx.last.failSends = true
    wx.last.open()
    expect(of('unsent')).toEqual([{ event: 'unsent', id: 'out-1' }])

    jest.advanceTimersByTime(250)
    wx.last.open()
    expect(wx.last.sent).toEqual(['你好'])
  })
})

describe('network status', () => {
  test('losing the network closes the socket and stops retrying until it returns', () => {
    const { client, wx, of } = setup()
    client.start()
    wx.last.open()
    client.networkChanged(false)
    expect(of('status').at(-1)).toEqual({ event: 'status', state: 'offline', cause: 'network' })
    expect(wx.last.closeCalls).toHaveLength(1)
    jest.advanceTimersByTime(120000)
    expect(wx.sockets).toHaveLength(1)

    client.networkChanged(true)
    expect(wx.sockets).toHaveLength(2)
  })

  test('a returning network reconnects at once instead of waiting out the backoff', () => {
    const { client, wx } = setup()
    client.start()
    for (let i = 0; i < 5; i++) {
      wx.last.drop()
      jest.runOnlyPendingTimers()
    }
    wx.last.drop() // the next retry is 8 s away
    client.networkChanged(true)
    expect(wx.sockets).toHaveLength(7)
    jest.advanceTimersByTime(60000)
    expect(wx.sockets).toHaveLength(7)
  })

  test('network news while connected or stopped changes nothing', () => {
    const { client, wx } = setup()
    client.networkChanged(true)
    expect(wx.sockets).toHaveLength(0)
    client.start()
    wx.last.open()
    client.networkChanged(true)
    expect(wx.sockets).toHaveLength(1)
    expect(client.state).toBe('connected')
  })
})
