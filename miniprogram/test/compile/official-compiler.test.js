const fs = require('fs')
const os = require('os')
const path = require('path')
const { ROOT } = require('../support/load-page')
const { pagesOf, checkWxml, checkWxss } = require('../support/compile-check')

// The broken page is written to a temporary folder, never into the project, so WeChat
// DevTools never meets it.
let BROKEN

beforeAll(() => {
  BROKEN = fs.mkdtempSync(path.join(os.tmpdir(), 'wxchat-broken-'))
  const page = path.join(BROKEN, 'pages', 'broken')
  fs.mkdirSync(page, { recursive: true })
  fs.writeFileSync(path.join(page, 'broken.json'), '{"usingComponents": {}}')
  fs.writeFileSync(path.join(page, 'broken.wxml'), '<view class="row">\n  <text>{{item.text}}</view>\n</view>\n')
  fs.writeFileSync(path.join(page, 'broken.wxss'), '.row {\n  color: red;\n\n.bubble { color: blue; }\n')
})

afterAll(() => fs.rmSync(BROKEN, { recursive: true, force: true }))

describe('official WXML/WXSS compilers', () => {
  test('app.json lists the chat page and every page has its four files', () => {
    expect(pagesOf(ROOT)).toEqual(['pages/chat/chat'])
    for (const page of pagesOf(ROOT)) {
      for (const ext of ['js', 'json', 'wxml', 'wxss']) {
        expect(fs.existsSync(path.join(ROOT, `${page}.${ext}`))).toBe(true)
      }
    }
  })

  test('every page WXML compiles with wcc', () => {
    expect(() => checkWxml(ROOT, pagesOf(ROOT))).not.toThrow()
  })

  test('app and page WXSS compile with wcsc', () => {
    const compiled = checkWxss(ROOT, ['app', ...pagesOf(ROOT)])
    expect(compiled).toEqual(expect.arrayContaining(['app.wxss', 'pages/chat/chat.wxss']))
  })

  test('a broken WXML file fails the check with its file and position', () => {
    expect(() => checkWxml(BROKEN, ['pages/broken/broken']))
      .toThrow('pages/broken/broken.wxml:2:24: expect end-tag `text`.')
  })

  test('a broken WXSS file fails the check with its file and position', () => {
    expect(() => checkWxss(BROKEN, ['pages/broken/broken']))
      .toThrow('pages/broken/broken.wxss(4:9): unexpected `{`')
  })
})
