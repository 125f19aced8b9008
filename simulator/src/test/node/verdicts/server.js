#!/usr/bin/env node
'use strict';

// An echo-profile server (E1-E3) for the simulator's verdict tests, each flag one behaviour whose
// verdict the runner must get right:
//   --die-on CODE          exit 1 on a ws protocol error with this code (WS_ERR_INVALID_OPCODE), like
//                          seed 000's server, which has no error handler and dies on any
//   --die-after TEXT:MS    exit 2, MS ms after receiving TEXT (a crash the rerun sees again)
//   --slow-ms MS           answer every text MS ms late
//   --slow-while-busy MS   answer MS ms late while another client is connected (a load-bound server)
//   --reply-twice          answer every text twice, 0.1 ms apart
//   --stop-reading         never read a client's frames after the upgrade
// Uses `ws` from ../chat-server (npm ci there).

const http = require('node:http');
const path = require('node:path');
const { WebSocketServer } = require(path.join(__dirname, '..', 'chat-server', 'node_modules', 'ws'));

const args = parse(process.argv.slice(2));
const httpServer = http.createServer((req, res) => res.writeHead(404, { 'Content-Length': 0 }).end());
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });

wss.on('connection', (client) => {
  if (args['stop-reading']) {
    client._socket.pause();
    return;
  }
  client.on('error', (err) => {
    console.error(`client error ${err.code}: ${err.message}`);
    if (err.code === args['die-on']) process.exit(1);
  });
  client.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = data.toString('utf8');
    const [dieText, dieMs] = String(args['die-after'] ?? '').split(':');
    if (dieText && text === dieText) setTimeout(() => process.exit(2), Number(dieMs));
    const busy = args['slow-while-busy'] !== undefined && wss.clients.size > 1;
    const delay = Number(args['slow-ms'] ?? (busy ? args['slow-while-busy'] : 0));
    const reply = () => {
      client.send(JSON.stringify({ content: '服务器回复:' + text, timestamp: time(new Date()) }));
      if (args['reply-twice']) setTimeout(() => client.send(JSON.stringify({ content: '服务器回复:' + text,
        timestamp: time(new Date()) })), 0.1);
    };
    if (delay > 0) setTimeout(reply, delay);
    else reply();
  });
});

// E3: en-US h:mm:ss AM in local time, a plain space before AM/PM
function time(d) {
  return d.toLocaleTimeString('en-US').replace(/[\u202f\u00a0]/g, ' ');
}

function parse(argv) {
  const out = { port: process.env.PORT ?? 3000 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    const value = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : true;
    out[name] = value;
  }
  return out;
}

httpServer.listen(Number(args.port), '127.0.0.1', () => console.log(`listening on ${args.port}`));
process.on('SIGTERM', () => process.exit(0));
