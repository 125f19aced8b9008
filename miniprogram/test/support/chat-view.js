/**
 * Reads the rendered chat page the way a person (or a screen reader) meets it: rows, bubbles,
 * avatars, labels and the banner, from miniprogram-simulate's rendered tree.
 */

function attrsOf(node) {
  return Object.fromEntries(node.attrs.map(attr => [attr.name, attr.value]))
}

function classesOf(node) {
  return String(attrsOf(node).class || '').split(/\s+/).filter(Boolean)
}

function textOf(node) {
  return node.children.map(child => (typeof child === 'string' ? child : textOf(child))).join('')
}

function find(node, className) {
  if (typeof node === 'string') return null
  if (classesOf(node).includes(className)) return node
  for (const child of node.children) {
    const found = find(child, className)
    if (found) return found
  }
  return null
}

function readRow(row) {
  const json = row.toJSON()
  const bubble = find(json, 'bubble')
  return {
    id: attrsOf(json).id,
    role: classesOf(json).includes('row-me') ? 'me' : 'server',
    side: window.getComputedStyle(row.dom).flexDirection === 'row-reverse' ? 'right' : 'left',
    avatar: attrsOf(find(json, 'avatar')).src,
    text: textOf(bubble),
    ariaLabel: attrsOf(bubble).ariaLabel,
    meta: textOf(find(json, 'meta')),
  }
}

function readChat(page) {
  const banner = page.querySelector('.banner')
  const hint = page.querySelector('.history-hint')
  return {
    rows: page.querySelectorAll('.row').map(readRow),
    banner: { text: banner.dom.textContent, classes: classesOf(banner.toJSON()) },
    hint: hint ? hint.dom.textContent : '',
    scrollIntoView: attrsOf(page.querySelector('.history').toJSON()).scrollIntoView,
    input: attrsOf(page.querySelector('.draft').toJSON()),
    sendButton: attrsOf(page.querySelector('.send').toJSON()),
  }
}

/** Dispatches a component event; miniprogram-simulate delivers it on the next microtask. */
async function fire(component, eventName, detail = {}) {
  component.dispatchEvent(eventName, { detail })
  await Promise.resolve()
  await Promise.resolve()
}

async function typeAndSend(page, text) {
  await fire(page.querySelector('.draft'), 'input', { value: text })
  await fire(page.querySelector('.send'), 'tap')
}

module.exports = { readChat, fire, typeAndSend }
