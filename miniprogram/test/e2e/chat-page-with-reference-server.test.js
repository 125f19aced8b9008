/**
 * The real page logic, with wx.connectSocket backed by a real WebSocket, against the real
 * Java reference server started from its jar (operator mode, operator lines on its stdin).
 */
const crypto = require('crypto')
const { loadPage } = require('../support/load-page')
const { readChat, typeAndSend } = require('../support/chat-view')
const { startReferenceServer } = require('../support/reference-server')
const { createWsSocketTask, waitFor } = require('../support/ws-socket-task')

const AUTO_REPLY = '[自动回复] : 请等待用户接入回复...'
const OPERATOR_DATE = /^\d{4}-\d{1,2}-\d{1,2} , \d{1,2}:\d{2} (am|pm)$/

let server
let sockets
let chat
let saved

beforeAll(async () => {
  server = await startReferenceServer({ token: crypto.randomBytes(16).toString('hex') })
}, 60000)

afterAll(async () => {
  if (server) expect(await server.stop()).toBe(0)
})

beforeEach(() => {
  if (!server) return // beforeAll failed and Jest reports why on every test
  sockets = []
  saved = { connectSocket: wx.connectSocket, onNetworkStatusChange: wx.onNetworkStatusChange, offNetworkStatusChange: wx.offNetworkStatusChange }
  wx.connectSocket = options => {
    const task = createWsSocketTask(options)
    sockets.push(task)
    return task
  }
  wx.onNetworkStatusChange = () => {}
  wx.offNetworkStatusChange = () => {}
  chat = loadPage('pages/chat/chat', { config: { serverUrl: server.url } })
})

afterEach(async () => {
  if (!chat) return
  chat.unload()
  chat = null
  await waitFor(() => sockets.every(task => task.isClosed()), { what: 'every socket to close after unload' })
  Object.assign(wx, saved)
})

const rows = () => readChat(chat.page).rows
const describeRows = () => rows().map(row => `  ${row.role}: ${row.text} [${row.meta}]`).join('\n') + `\nserver log:\n${server.log()}`
const until = (condition, what) => waitFor(condition, { what, describe: describeRows })
const serverRows = text => rows().filter(row => row.role === 'server' && row.text === text)

test('the page greets, shows the auto-reply, then an operator push; auto-replies stop', async () => {
  // given the page connected and greeted
  await until(() => serverRows(AUTO_REPLY).length === 1, 'the auto-reply to the greeting')
  const [greeting, autoReply] = rows()
  expect(greeting).toEqual(expect.objectContaining({ role: 'me', side: 'right', text: '你好' }))
  expect(greeting.meta).not.toContain('发送中')
  expect(autoReply).toEqual(expect.objectContaining({ role: 'server', side: 'left', avatar: '/images/server.png' }))
  expect(autoReply.meta).toMatch(OPERATOR_DATE)
  expect(readChat(chat.page).banner.text).toBe('已连接')

  // when the operator speaks
  server.say('您好，我是客服小王')

  // then the push shows up with the operator's date
  await until(() => serverRows('您好，我是客服小王').length === 1, 'the operator push')
  expect(serverRows('您好，我是客服小王')[0].meta).toMatch(OPERATOR_DATE)

  // and once online, a typed message gets no auto-reply before the operator's next line
  await typeAndSend(chat.page, '我想咨询一下订单')
  await until(() => rows().some(row => row.text === '我想咨询一下订单' && !row.meta.includes('发送中')), 'the typed message to be sent')
  server.say('好的，请提供订单号')
  await until(() => serverRows('好的，请提供订单号').length === 1, 'the second operator line')
  expect(rows().map(row => row.text)).toEqual([
    '你好', AUTO_REPLY, '您好，我是客服小王', '我想咨询一下订单', '好的，请提供订单号',
  ])
})

test('hiding closes the socket; showing reconnects and greets again', async () => {
  await until(() => sockets.length === 1 && rows().some(row => row.text === '你好' && row.meta !== '' && !row.meta.includes('发送中')), 'the first greeting to be sent')

  chat.hide()
  await until(() => sockets[0].isClosed(), 'the socket to close on hide')
  expect(readChat(chat.page).banner.text).toBe('已离线')

  chat.show()
  await until(() => readChat(chat.page).banner.text === '已连接' && rows().filter(row => row.text === '你好' && !row.meta.includes('发送中')).length === 2, 'a second greeting after show')
  expect(sockets).toHaveLength(2)
})
