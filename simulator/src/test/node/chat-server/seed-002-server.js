#!/usr/bin/env node
'use strict';

// A server that behaves like the seed-002 tutorial's (the operator chat), written anew for the
// simulator's tests: what docs/PROTOCOL.md records as the seed's behaviour (D1-D4, D8) is kept on
// purpose, so that the suites can be shown to grade it NON_STRICT, not FAILED.
//   D1  one console listener per connection, never removed: a line reaches each connection once,
//       closed ones included; before anyone connects nobody reads the console at all
//   D2  a blank line is pushed as an empty message and switches the server online
//   D3  the console is read in chunks: lines written at once become one message
// Unlike the seed it binds 127.0.0.1 only (tests stay on loopback) and takes --port N.

const http = require('node:http');
const { WebSocketServer } = require('ws');

const port = Number(process.argv[process.argv.indexOf('--port') + 1] || 3000);
const AUTO_REPLY = '[自动回复] : 请等待用户接入回复...';
let online = false; // the seed's onLineStatus

const httpServer = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
// Any path is accepted (D4); the seed's `websocket` package closes past 1 MiB (D8).
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false, maxPayload: 1024 * 1024 });

wss.on('connection', (connection) => {
  connection.on('error', () => {}); // the seed's package closes a bad frame (1002, 1007) without crashing
  connection.on('message', (data, isBinary) => {
    if (!isBinary && !online) connection.send(JSON.stringify({ content: AUTO_REPLY, date: momentDate(new Date()) }));
  });
  process.stdin.on('data', (chunk) => { // D1, D3: per connection, per chunk
    connection.send(JSON.stringify({ content: chunk.toString().trim(), date: momentDate(new Date()) })); // D2
    online = true;
  });
});

// moment's `YYYY-D-M , h:mm a`
function momentDate(d) {
  const hour = d.getHours() % 12 || 12;
  const minutes = String(d.getMinutes()).padStart(2, '0');
  return `${d.getFullYear()}-${d.getDate()}-${d.getMonth() + 1} , ${hour}:${minutes} ${d.getHours() < 12 ? 'am' : 'pm'}`;
}

process.stdin.on('error', () => {});
httpServer.listen(port, '127.0.0.1', () => console.log('SERVER RUNNING ...'));
