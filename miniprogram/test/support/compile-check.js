/**
 * Compiles a mini-program's WXML and WXSS with the official compilers (wcc, wcsc) that
 * miniprogram-simulate bundles, and throws their error text on failure.
 *
 * The wrappers are called directly: miniprogram-compiler's wxssToJs returns a wcsc failure as
 * a value instead of throwing, and its default file glob would sweep in test fixtures.
 */
const fs = require('fs')
const path = require('path')
const wcc = require('miniprogram-compiler/src/wcc')
const wcsc = require('miniprogram-compiler/src/wcsc')

/** Pages listed in app.json, as paths without extension (e.g. 'pages/chat/chat'). */
function pagesOf(root) {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
  return app.pages
}

function checkWxml(root, pages) {
  // wcc reads each page's .json with require(), which needs an absolute path.
  wcc(path.resolve(root), pages, [], {})
}

function checkWxss(root, files) {
  const result = wcsc(path.resolve(root), files, {})
  if (result instanceof Error) throw result
  return Object.keys(result).filter(key => key.endsWith('.wxss'))
}

module.exports = { pagesOf, checkWxml, checkWxss }
