const config = require('../../config')
const { ChatClient } = require('../../utils/chat-client')
const view = require('./message-view')

Page({
  data: {
    messages: [],
    hiddenCount: 0,
    scrollTarget: '',
    draft: '',
    banner: view.bannerFor({ state: 'idle' }),
  },

  onLoad() {
    this.sequence = 0
    this.client = new ChatClient({
      url: config.serverUrl,
      connectSocket: options => wx.connectSocket(options),
    })
    this.client.on('status', status => this.setData({ banner: view.bannerFor(status) }))
    this.client.on('outgoing', outgoing => this.append(view.ownItem(++this.sequence, outgoing, new Date())))
    this.client.on('sent', ({ id }) => this.markOwn(id, 'sent'))
    this.client.on('unsent', ({ id }) => this.markOwn(id, 'unsent'))
    this.client.on('reply', reply => this.append(view.serverItem(++this.sequence, reply, new Date())))
    this.networkListener = ({ isConnected }) => this.client.networkChanged(isConnected)
    wx.onNetworkStatusChange(this.networkListener)
  },

  onShow() {
    this.client.start()
  },

  onHide() {
    this.client.stop('page hidden')
  },

  onUnload() {
    wx.offNetworkStatusChange(this.networkListener)
    this.client.stop('page unloaded')
  },

  onDraftInput(event) {
    this.setData({ draft: event.detail.value })
  },

  onSend() {
    const text = this.data.draft.trim()
    if (!text) {
      wx.showToast({ title: '消息不能为空', icon: 'none' })
      return
    }
    this.client.send(text)
    this.setData({ draft: '' })
  },

  /**
   * Appends one bubble with a path update, so only the new item travels to the view. Past the
   * limit the oldest quarter is dropped in one full update: trims stay rare and the rendered
   * list never exceeds renderedMessageLimit.
   */
  append(item) {
    const messages = this.data.messages
    const limit = config.renderedMessageLimit
    if (messages.length < limit) {
      this.setData({ [`messages[${messages.length}]`]: item, scrollTarget: item.domId })
      return
    }
    const keep = Math.max(0, limit - Math.ceil(limit / 4) - 1)
    const dropped = messages.length - keep
    this.setData({
      messages: messages.slice(dropped).concat(item),
      hiddenCount: this.data.hiddenCount + dropped,
      scrollTarget: item.domId,
    })
  },

  markOwn(outId, state) {
    const messages = this.data.messages
    for (let index = messages.length - 1; index >= 0; index--) {
      if (messages[index].outId === outId) {
        this.setData({ [`messages[${index}]`]: view.withState(messages[index], state) })
        return
      }
    }
  },
})
