/**
 * The one place that says where the chat connects.
 *
 * Point `serverUrl` at the reference server, at any server speaking the protocol, or at a
 * recording proxy (its ws://host:port). ws:// on 127.0.0.1 or a LAN address works in WeChat
 * DevTools with "不校验合法域名" (the local-domain check) turned off. A released mini-program
 * needs wss:// on a domain listed under "socket合法域名" in the mini-program admin console.
 */
module.exports = {
  serverUrl: 'ws://127.0.0.1:3000',
  // Only the newest messages stay rendered, so long conversations keep scrolling smoothly.
  renderedMessageLimit: 100,
}
