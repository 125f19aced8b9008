/**
 * Turns one server frame into something the chat can show.
 *
 * Two reply shapes are known:
 *   operator profile  {"content": "...", "date": "2026-21-11 , 9:05 pm"}
 *   echo profile      {"content": "服务器回复:...", "timestamp": "11:51:39 PM"}
 * The time is kept as the server wrote it: its formats are the server's business.
 */

function isBinary(data) {
  // SocketTask hands binary frames over as ArrayBuffer; anything not a string is binary here.
  return typeof data !== 'string'
}

function readTime(reply) {
  if (typeof reply.date === 'string') return reply.date
  if (typeof reply.timestamp === 'string') return reply.timestamp
  return ''
}

function parseJsonReply(text) {
  let value
  try {
    value = JSON.parse(text)
  } catch (error) {
    return null
  }
  const hasContent = value !== null && typeof value === 'object' && !Array.isArray(value) &&
    (typeof value.content === 'string' || typeof value.content === 'number')
  if (!hasContent) return null
  return { kind: 'reply', content: String(value.content), time: readTime(value), raw: false }
}

/**
 * @returns {{kind: 'reply', content: string, time: string, raw: boolean}
 *         | {kind: 'ignored', reason: 'binary' | 'empty'}}
 */
function parseServerFrame(data) {
  if (isBinary(data)) return { kind: 'ignored', reason: 'binary' }
  if (data.trim() === '') return { kind: 'ignored', reason: 'empty' }
  const reply = parseJsonReply(data)
  if (reply) return reply
  // Text that is not a reply object is shown as it came, not dropped: a server that speaks
  // plain text (or a new JSON shape) stays readable and visibly off-protocol.
  return { kind: 'reply', content: data, time: '', raw: true }
}

module.exports = { parseServerFrame }
