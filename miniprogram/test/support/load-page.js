/**
 * Loads a mini-program page into miniprogram-simulate, which only knows components.
 *
 * The shim turns `Page({...})` into `Component({...})`: page data stays data, every function
 * becomes a method, and page lifecycle maps onto component lifetimes the way WeChat orders
 * them (attach = onLoad then onShow, detach = onUnload; hide()/show() = onHide/onShow).
 */
const path = require('path')
const simulate = require('miniprogram-simulate')

const ROOT = path.join(__dirname, '..', '..')

function pageToComponent(definition) {
  const methods = {}
  const fields = {}
  for (const [key, value] of Object.entries(definition)) {
    if (key === 'data') continue
    if (typeof value === 'function') methods[key] = value
    else fields[key] = value
  }
  const call = (instance, name, ...args) => {
    if (typeof instance[name] === 'function') instance[name](...args)
  }
  return {
    data: definition.data || {},
    methods,
    lifetimes: {
      created() {
        Object.assign(this, fields)
      },
      attached() {
        call(this, 'onLoad', {})
        call(this, 'onShow')
      },
      ready() {
        call(this, 'onReady')
      },
      detached() {
        call(this, 'onUnload')
      },
    },
    pageLifetimes: {
      show() {
        call(this, 'onShow')
      },
      hide() {
        call(this, 'onHide')
      },
    },
  }
}

/**
 * Renders and attaches the page at `pagePath` (e.g. 'pages/chat/chat'). `config` overrides
 * fields of the project's config.js for this page only, e.g. `{ serverUrl }`.
 */
function loadPage(pagePath, { config = {} } = {}) {
  // miniprogram-simulate runs the page file with require() and expects a fresh evaluation each
  // time; Jest's registry would hand back the cached module, so the page would never call Page().
  jest.resetModules()
  Object.assign(require(path.join(ROOT, 'config')), config)
  global.Page = definition => global.Component(pageToComponent(definition))
  const id = simulate.load(path.join(ROOT, pagePath), { rootPath: ROOT })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return {
    page,
    hide: () => page.triggerPageLifeTime('hide'),
    show: () => page.triggerPageLifeTime('show'),
    unload: () => page.detach(),
  }
}

module.exports = { loadPage, pageToComponent, ROOT }
