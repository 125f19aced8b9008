/**
 * What the chat page shows for client events: bubbles, their spoken labels, the banner.
 * Pure functions, so tests and the page agree on the exact text.
 */

function formatClock(date) {
  const pad = n => String(n).padStart(2, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

const STATE_WORDS = { sending: '发送中', unsent: '未发送' }

function ariaLabelFor(item) {
  const speaker = item.role === 'me' ? '我' : '客服'
  const parts = [`${speaker}：${item.text}`]
  if (item.time) parts.push(item.time)
  if (STATE_WORDS[item.state]) parts.push(STATE_WORDS[item.state])
  return parts.join('，')
}

function metaFor(item) {
  const word = STATE_WORDS[item.state]
  return word ? `${item.time} · ${word}` : item.time
}

/** Derived fields are computed here so the template needs no conditionals per message. */
function complete(item) {
  return { ...item, meta: metaFor(item), ariaLabel: ariaLabelFor(item) }
}

/** Scroll ids must not start with a digit, or scroll-into-view ignores them. */
function domIdFor(sequence) {
  return `msg-${sequence}`
}

function ownItem(sequence, outgoing, now) {
  return complete({
    domId: domIdFor(sequence),
    role: 'me',
    kind: 'me',
    outId: outgoing.id,
    text: outgoing.text,
    time: formatClock(now),
    state: outgoing.state,
  })
}

function serverItem(sequence, reply, now) {
  return complete({
    domId: domIdFor(sequence),
    role: 'server',
    kind: reply.raw ? 'raw' : 'server',
    outId: '',
    text: reply.content,
    // The server's own time string when it sent one, otherwise when it arrived.
    time: reply.time || formatClock(now),
    state: '',
  })
}

function withState(item, state) {
  return complete({ ...item, state })
}

function bannerFor(status) {
  switch (status.state) {
    case 'connecting':
      return { state: 'connecting', text: '正在连接…' }
    case 'connected':
      return { state: 'connected', text: '已连接' }
    case 'reconnecting':
      return {
        state: 'reconnecting',
        text: status.delayMs
          ? `连接已断开，${Math.ceil(status.delayMs / 1000)} 秒后重连（第 ${status.attempt} 次）`
          : '连接已断开，正在重连…',
      }
    case 'offline':
      return {
        state: 'offline',
        text: status.cause === 'network' ? '网络不可用，恢复后自动重连' : '已离线',
      }
    default:
      return { state: 'idle', text: '' }
  }
}

module.exports = { formatClock, ariaLabelFor, domIdFor, ownItem, serverItem, withState, bannerFor }
