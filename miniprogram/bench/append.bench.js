/**
 * How long one more message takes to appear once the page has shown 1,000 of them, in
 * miniprogram-simulate (official WXML compiler, exparser, jsdom). Each append is one frame
 * delivered to the page (or one tap on 发送) and renders synchronously, so its wall time is the
 * whole cost.
 *
 * Prints median / p95 / max and fails if any append after the first 1,000 takes 50 ms or more.
 */
const { performance } = require('perf_hooks')
const { loadPage } = require('../test/support/load-page')
const { createFakeWx } = require('../test/support/fake-wx')

const HISTORY = 1000
const MEASURED = 300
const BUDGET_MS = 50

function stats(samples) {
  const sorted = samples.slice().sort((a, b) => a - b)
  const at = q => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
  return { count: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] }
}

function line(label, { count, median, p95, max }) {
  const ms = value => `${value.toFixed(2)} ms`
  return `  ${label.padEnd(34)} n=${String(count).padEnd(4)} median ${ms(median)}, p95 ${ms(p95)}, max ${ms(max)}`
}

function openPage(config) {
  const fake = createFakeWx()
  const saved = { connectSocket: wx.connectSocket, onNetworkStatusChange: wx.onNetworkStatusChange }
  wx.connectSocket = options => fake.connectSocket(options)
  wx.onNetworkStatusChange = () => {}
  const { page, unload } = loadPage('pages/chat/chat', { config })
  fake.last.open()
  const close = () => {
    unload()
    Object.assign(wx, saved)
  }
  return { page, fake, close }
}

function run(config) {
  const { page, fake, close } = openPage(config)
  let sequence = 1 // the greeting is message 1
  const appendOne = () => {
    sequence++
    const own = sequence % 3 === 0
    // every third message is the user's own; typing happens before the clock starts
    if (own) page.instance.onDraftInput({ detail: { value: `我的第 ${sequence} 条消息` } })
    const started = performance.now()
    if (own) {
      page.instance.onSend() // appends, is confirmed sent, clears the input: three renders
    } else {
      fake.last.receive(JSON.stringify({ content: `服务器的第 ${sequence} 条消息`, date: '2026-21-11 , 9:05 pm' }))
    }
    return { own, ms: performance.now() - started }
  }

  const history = []
  while (sequence < HISTORY) history.push(appendOne())
  const measured = []
  for (let i = 0; i < MEASURED; i++) measured.push(appendOne())
  const rendered = page.querySelectorAll('.row').length
  const hidden = page.instance.data.hiddenCount
  close()

  const all = stats(measured.map(each => each.ms))
  process.stdout.write([
    `chat page, renderedMessageLimit ${config.renderedMessageLimit || 'from config.js'}`,
    `  messages shown: ${sequence} (${rendered} rendered at the end, ${hidden} collapsed)`,
    line(`appends 1-${HISTORY}`, stats(history.map(each => each.ms))),
    line(`appends ${HISTORY + 1}-${sequence}, all`, all),
    line('  of which server messages', stats(measured.filter(each => !each.own).map(each => each.ms))),
    line('  of which own messages (send)', stats(measured.filter(each => each.own).map(each => each.ms))),
    '',
  ].join('\n'))
  return all
}

test(`after ${HISTORY} messages every append still renders within ${BUDGET_MS} ms`, () => {
  const limit = Number(process.env.BENCH_RENDERED_LIMIT)
  const after = run(limit ? { renderedMessageLimit: limit } : {})
  expect(after.max).toBeLessThan(BUDGET_MS)
})
