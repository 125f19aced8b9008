const fs = require('fs')
const path = require('path')
const config = require('../../config')
const { loadPage, ROOT } = require('../support/load-page')
const { createFakeWx } = require('../support/fake-wx')
const { readChat, fire, typeAndSend } = require('../support/chat-view')

const AUTO_REPLY = '{"content":"[自动回复] : 请等待用户接入回复...","date":"2026-21-11 , 9:05 pm"}'
const ECHO_REPLY = '{"content":"服务器回复:在吗","timestamp":"11:51:39 PM"}'
const WX_OVERRIDES = ['connectSocket', 'showToast', 'onNetworkStatusChange', 'offNetworkStatusChange']
const GLOBAL_SOCKET_API = ['onSocketOpen', 'onSocketMessage', 'onSocketClose', 'onSocketError', 'sendSocketMessage', 'closeSocket']

let fake
let chat
let saved

beforeEach(() => {
  jest.useFakeTimers()
  jest.setSystemTime(new Date(2026, 10, 21, 21, 5, 0))
  jest.spyOn(Math, 'random').mockReturnValue(0) // backoff delays at their floor: 250, 500, 1000 ms
  fake = createFakeWx()
  saved = Object.fromEntries([...WX_OVERRIDES, ...GLOBAL_SOCKET_API].map(name => [name, wx[name]]))
  for (const name of WX_OVERRIDES) wx[name] = (...args) => fake[name](...args)
  for (const name of GLOBAL_SOCKET_API) wx[name] = jest.fn()
})

afterEach(() => {
  if (chat) chat.unload()
  chat = null
  Object.assign(wx, saved)
  jest.restoreAllMocks()
  jest.useRealTimers()
})

function openChat() {
  chat = loadPage('pages/chat/chat')
  return chat.page
}

function openConnectedChat() {
  const page = openChat()
  fake.last.open()
  return page
}

describe('chat page: connection', () => {
  test('connects to the configured server with a SocketTask, not the global socket API', () => {
    openChat()
    expect(fake.sockets).toHaveLength(1)
    expect(fake.last.url).toBe(config.serverUrl)
    expect(config.serverUrl).toBe('ws://127.0.0.1:3000')
    for (const name of GLOBAL_SOCKET_API) expect(wx[name]).not.toHaveBeenCalled()
  })

  test('greets with raw 你好 on open and shows the greeting as its own message', () => {
    const page = openConnectedChat()
    expect(fake.last.sent).toEqual(['你好'])
    expect(readChat(page).rows).toEqual([expect.objectContaining({ role: 'me', text: '你好', meta: '21:05' })])
  })

  test('banner walks through connecting, connected, reconnecting and offline', () => {
    const page = openChat()
    const banner = () => readChat(page).banner
    expect(banner()).toEqual({ text: '正在连接…', classes: ['banner', 'banner-connecting'] })
    fake.last.open()
    expect(banner()).toEqual({ text: '已连接', classes: ['banner', 'banner-connected'] })
    fake.last.drop()
    expect(banner()).toEqual({ text: '连接已断开，1 秒后重连（第 1 次）', classes: ['banner', 'banner-reconnecting'] })
    fake.setNetwork(false)
    expect(banner()).toEqual({ text: '网络不可用，恢复后自动重连', classes: ['banner', 'banner-offline'] })
    fake.setNetwork(true)
    expect(banner().classes).toEqual(['banner', 'banner-reconnecting'])
    chat.hide()
    expect(banner()).toEqual({ text: '已离线', classes: ['banner', 'banner-offline'] })
  })

  test('reconnects with doubling delays after the socket drops', () => {
    openConnectedChat()
    for (const [index, delay] of [250, 500, 1000, 2000, 4000].entries()) {
      fake.last.drop()
      jest.advanceTimersByTime(delay - 1)
      expect(fake.sockets).toHaveLength(index + 1)
      jest.advanceTimersByTime(1)
      expect(fake.sockets).toHaveLength(index + 2)
    }
  })

  test('reconnect delays are capped and jittered', () => {
    Math.random.mockReturnValue(0.999999)
    openChat()
    for (let i = 0; i < 10; i++) {
      fake.last.drop()
      jest.runOnlyPendingTimers()
    }
    fake.last.drop()
    jest.advanceTimersByTime(29999)
    expect(fake.sockets).toHaveLength(11)
    jest.advanceTimersByTime(1)
    expect(fake.sockets).toHaveLength(12)
  })

  test('reconnects greet again and never hold more than one socket', () => {
    openConnectedChat()
    for (let i = 0; i < 8; i++) {
      fake.last.error()
      fake.last.drop()
      jest.runOnlyPendingTimers()
      fake.last.open()
    }
    expect(fake.maxLive).toBe(1)
    expect(fake.sockets.every(task => task.sent[0] === '你好')).toBe(true)
  })

  test('late events from a replaced socket change nothing on screen', () => {
    const page = openConnectedChat()
    const old = fake.last
    old.drop()
    jest.advanceTimersByTime(250)
    fake.last.open()
    const before = readChat(page)

    old.receive(AUTO_REPLY)
    old.drop()
    jest.advanceTimersByTime(60000)

    expect(readChat(page)).toEqual(before)
    expect(fake.sockets).toHaveLength(2)
  })

  test('closes the socket on unload and stops listening to the network', () => {
    openConnectedChat()
    chat.unload()
    chat = null
    expect(fake.last.closeCalls).toEqual([{ code: 1000, reason: 'page unloaded' }])
    expect(fake.networkListeners).toEqual([])
    jest.advanceTimersByTime(120000)
    expect(fake.sockets).toHaveLength(1)
  })

  test('closes on hide, reconnects and greets again on show', () => {
    const page = openConnectedChat()
    chat.hide()
    expect(fake.last.closeCalls).toEqual([{ code: 1000, reason: 'page hidden' }])
    jest.advanceTimersByTime(120000)
    expect(fake.sockets).toHaveLength(1)

    chat.show()
    fake.last.open()

    expect(fake.sockets).toHaveLength(2)
    expect(fake.last.sent).toEqual(['你好'])
    expect(readChat(page).rows.map(row => row.text)).toEqual(['你好', '你好'])
  })

  test('a returning network reconnects at once', () => {
    openConnectedChat()
    fake.last.drop()
    fake.setNetwork(true)
    expect(fake.sockets).toHaveLength(2)
  })

  test('no reconnect attempts while the network is down', () => {
    openConnectedChat()
    fake.setNetwork(false)
    expect(fake.last.closeCalls).toHaveLength(1)
    jest.advanceTimersByTime(120000)
    expect(fake.sockets).toHaveLength(1)
  })
})

describe('chat page: sending', () => {
  test('sends typed text raw and clears the input', async () => {
    const page = openConnectedChat()
    await typeAndSend(page, '  {"content":"x"} 在吗 ')
    expect(fake.last.sent).toEqual(['你好', '{"content":"x"} 在吗'])
    expect(page.instance.data.draft).toBe('')
    expect(readChat(page).input.value).toBe('')
  })

  test('the keyboard send key sends too', async () => {
    const page = openConnectedChat()
    await fire(page.querySelector('.draft'), 'input', { value: '回车发送' })
    await fire(page.querySelector('.draft'), 'confirm', { value: '回车发送' })
    expect(fake.last.sent).toEqual(['你好', '回车发送'])
  })

  test('empty or blank input shows the toast and sends nothing', async () => {
    const page = openConnectedChat()
    await fire(page.querySelector('.send'), 'tap')
    await typeAndSend(page, '   ')
    expect(fake.toasts).toEqual([
      { title: '消息不能为空', icon: 'none' },
      { title: '消息不能为空', icon: 'none' },
    ])
    expect(fake.last.sent).toEqual(['你好'])
    expect(readChat(page).rows).toHaveLength(1)
  })

  test('text typed while offline shows as sending and goes out after the reconnect greeting', async () => {
    const page = openConnectedChat()
    fake.last.drop()
    await typeAndSend(page, '离线时写的')

    expect(readChat(page).rows.at(-1)).toEqual(expect.objectContaining({
      role: 'me', text: '离线时写的', meta: '21:05 · 发送中', ariaLabel: '我：离线时写的，21:05，发送中',
    }))

    jest.advanceTimersByTime(250)
    fake.last.open()

    expect(fake.last.sent).toEqual(['你好', '离线时写的'])
    const rows = readChat(page).rows
    expect(rows.map(row => [row.text, row.meta])).toEqual([['你好', '21:05'], ['离线时写的', '21:05'], ['你好', '21:05']])
    expect(rows[1].ariaLabel).toBe('我：离线时写的，21:05')
  })

  test('a greeting lost with its socket is marked unsent', () => {
    const page = openChat()
    fake.last.failSends = true
    fake.last.open()
    expect(readChat(page).rows).toEqual([expect.objectContaining({ text: '你好', meta: '21:05 · 未发送' })])
  })
})

describe('chat page: showing messages', () => {
  test('own messages sit right and server messages left, each with its avatar', async () => {
    const page = openConnectedChat()
    fake.last.receive(AUTO_REPLY)
    const [mine, theirs] = readChat(page).rows
    expect(mine).toEqual(expect.objectContaining({ role: 'me', side: 'right', avatar: '/images/me.png' }))
    expect(theirs).toEqual(expect.objectContaining({ role: 'server', side: 'left', avatar: '/images/server.png' }))
  })

  test('the avatars the page shows ship with it as PNG files', () => {
    for (const name of ['me', 'server']) {
      const bytes = fs.readFileSync(path.join(ROOT, 'images', `${name}.png`))
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
      expect(bytes.length).toBeLessThan(4096)
    }
  })

  test('shows the operator date and the echo timestamp as the server wrote them', () => {
    const page = openConnectedChat()
    fake.last.receive(AUTO_REPLY)
    fake.last.receive(ECHO_REPLY)
    expect(readChat(page).rows.map(row => [row.role, row.text, row.meta])).toEqual([
      ['me', '你好', '21:05'],
      ['server', '[自动回复] : 请等待用户接入回复...', '2026-21-11 , 9:05 pm'],
      ['server', '服务器回复:在吗', '11:51:39 PM'],
    ])
  })

  test('scrolls to the newest message with ids that start with a letter', async () => {
    const page = openConnectedChat()
    fake.last.receive(AUTO_REPLY)
    await typeAndSend(page, '再来一条')
    const { rows, scrollIntoView } = readChat(page)
    expect(rows.map(row => row.id)).toEqual(['msg-1', 'msg-2', 'msg-3'])
    for (const row of rows) expect(row.id).toMatch(/^[A-Za-z][\w-]*$/)
    expect(scrollIntoView).toBe('msg-3')
  })

  test('binary frames are ignored', () => {
    const page = openConnectedChat()
    fake.last.receive(new ArrayBuffer(16))
    expect(readChat(page).rows).toHaveLength(1)
  })

  test('non-JSON server text is shown as plain text and the page keeps working', async () => {
    const page = openConnectedChat()
    fake.last.receive('not json {')
    fake.last.receive(ECHO_REPLY)
    await typeAndSend(page, '还在吗')
    expect(readChat(page).rows.map(row => row.text)).toEqual(['你好', 'not json {', '服务器回复:在吗', '还在吗'])
  })

  test('the input, the send button and every bubble carry aria labels', () => {
    const page = openConnectedChat()
    fake.last.receive(AUTO_REPLY)
    const view = readChat(page)
    expect(view.input.ariaLabel).toBe('输入聊天内容')
    expect(view.sendButton.ariaLabel).toBe('发送消息')
    expect(view.rows.map(row => row.ariaLabel)).toEqual([
      '我：你好，21:05',
      '客服：[自动回复] : 请等待用户接入回复...，2026-21-11 , 9:05 pm',
    ])
  })

  test('a long history keeps only the newest messages rendered', () => {
    const page = openConnectedChat()
    for (let i = 1; i <= 1000; i++) fake.last.receive(JSON.stringify({ content: `第${i}条`, date: 'd' }))
    const view = readChat(page)
    const limit = config.renderedMessageLimit
    expect(view.rows.length).toBeLessThanOrEqual(limit)
    expect(view.rows.length).toBeGreaterThanOrEqual(limit * 0.75)
    expect(view.rows.at(-1).text).toBe('第1000条')
    expect(view.hint).toBe(`更早的 ${1001 - view.rows.length} 条消息已收起`)
    expect(view.scrollIntoView).toBe(view.rows.at(-1).id)
  })

  test('the navigation title is 在线聊天', () => {
    for (const file of ['app.json', 'pages/chat/chat.json']) {
      const json = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))
      const title = json.navigationBarTitleText || json.window.navigationBarTitleText
      expect(title).toBe('在线聊天')
    }
  })
})
