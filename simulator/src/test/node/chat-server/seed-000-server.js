#!/usr/bin/env node
'use strict';

// A server that behaves like the seed-000 tutorial's (the echo server), written anew for the
// simulator's tests, with the tutorial's gaps kept on purpose: ws's own HTTP server (plain HTTP
// gets 426, D5), binary frames echoed as text (D7), ws's 100 MiB limit (D8), and no `error`
// listener on the sockets, so a frame ws rejects (invalid UTF-8, a reserved opcode) is an uncaught
// error that kills the process. Unlike the seed it binds 127.0.0.1 only and takes --port N.

const { WebSocketServer } = require('ws');

const port = Number(process.argv[process.argv.indexOf('--port') + 1] || 3000);
const wss = new WebSocketServer({ port, host: '127.0.0.1' });

wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const message = data.toString();
    ws.send(JSON.stringify({ content: `服务器回复:${message}`, timestamp: new Date().toLocaleTimeString() }));
  });
});
wss.on('listening', () => console.log(`WebSocket server on ws://127.0.0.1:${wss.address().port}`));
process.stdin.resume(); // the simulator may write to stdin; the echo server ignores it
