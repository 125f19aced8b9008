const { parseServerFrame } = require('../../utils/server-frame')

describe('parsing server frames', () => {
  test('operator profile reply keeps content and its date', () => {
    const frame = '{"content": "[自动回复] : 请等待用户接入回复...", "date": "2026-21-11 , 9:05 pm"}'
    expect(parseServerFrame(frame)).toEqual({
      kind: 'reply', content: '[自动回复] : 请等待用户接入回复...', time: '2026-21-11 , 9:05 pm', raw: false,
    })
  })

  test('echo profile reply keeps content and its timestamp', () => {
    const frame = '{"content": "服务器回复:在吗", "timestamp": "11:51:39 PM"}'
    expect(parseServerFrame(frame)).toEqual({
      kind: 'reply', content: '服务器回复:在吗', time: '11:51:39 PM', raw: false,
    })
  })

  test('a reply without a time has an empty time', () => {
    expect(parseServerFrame('{"content":"hi"}')).toEqual({ kind: 'reply', content: 'hi', time: '', raw: false })
  })

  test('binary frames are ignored', () => {
    expect(parseServerFrame(new ArrayBuffer(4))).toEqual({ kind: 'ignored', reason: 'binary' })
    expect(parseServerFrame(new Uint8Array([1, 2]))).toEqual({ kind: 'ignored', reason: 'binary' })
  })

  test('blank text frames are ignored', () => {
    expect(parseServerFrame('  ')).toEqual({ kind: 'ignored', reason: 'empty' })
  })

  test.each([
    ['plain text', 'server says hi'],
    ['broken JSON', '{"content": '],
    ['JSON without content', '{"ok":true,"delivered":1}'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"content"'],
    ['JSON null', 'null'],
  ])('%s is shown as raw text instead of crashing', (_, text) => {
    expect(parseServerFrame(text)).toEqual({ kind: 'reply', content: text, time: '', raw: true })
  })
})
