/**
 * The echo profile end to end: the reference server in echo mode answers every text with
 * {"content": "服务器回复:<text>", "timestamp": "..."} and the page shows that time.
 */
const { loadPage } = require('../support/load-page')
const { readChat, typeAndSend } = require('../support/chat-view')
const { startReferenceServer } = require('../support/reference-server')
const { createWsSocketTask, waitFor } = require('../support/ws-socket-task')

let server
let sockets = []
let chat
let saved

beforeAll(async () => {
  server = await startReferenceServer({ mode: 'echo' })
  saved = { connectSocket: wx.connectSocket, onNetworkStatusChange: wx.onNetworkStatusChange, offNetworkStatusChange: wx.offNetworkStatusChange }
  wx.connectSocket = options => {
    const task = createWsSocketTask(options)
    sockets.push(task)
    return task
  }
  wx.onNetworkStatusChange = () => {}
  wx.offNetworkStatusChange = () => {}
}, 60000)

afterAll(async () => {
  if (chat) {
    chat.unload()
    await waitFor(() => sockets.every(task => task.isClosed()), { what: 'every socket to close after unload' })
  }
  if (saved) Object.assign(wx, saved)
  if (server) expect(await server.stop()).toBe(0)
})

test('echo replies show with the timestamp the server sent', async () => {
  chat = loadPage('pages/chat/chat', { config: { serverUrl: server.url } })
  const rows = () => readChat(chat.page).rows
  const describe = () => rows().map(row => `  ${row.role}: ${row.text} [${row.meta}]`).join('\n') + `\nserver log:\n${server.log()}`
  const echoOf = text => rows().find(row => row.role === 'server' && row.text === `服务器回复:${text}`)

  await waitFor(() => echoOf('你好'), { what: 'the echo of the greeting', describe })
  await typeAndSend(chat.page, 'ping 🙂')
  await waitFor(() => echoOf('ping 🙂'), { what: 'the echo of the typed text', describe })

  expect(echoOf('你好').meta).toMatch(/^\d{1,2}:\d{2}:\d{2} (AM|PM)$/)
  expect(rows().map(row => [row.role, row.text])).toEqual([
    ['me', '你好'], ['server', '服务器回复:你好'], ['me', 'ping 🙂'], ['server', '服务器回复:ping 🙂'],
  ])
})
