'use strict';
// Operator profile (docs/PROTOCOL.md section 3) on the `ws` package, with the reference server's
// operator channel (X1) so the Gatling fan-out drives both servers the same way: the Node baseline
// of docs/BENCHMARKS.md "Load with Gatling". Same readiness line and SIGTERM contract as server.js.
//   node operator-server.js [--port N] [--host 127.0.0.1] [--operator-token T]

const { WebSocketServer } = require('ws');

const AUTO_REPLY = '[自动回复] : 请等待用户接入回复...';
const options = { port: 0, host: '127.0.0.1', token: null };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const [name, value] = [args[i], args[i + 1]];
  if (value === undefined) fail(`${name} needs a value`);
  if (name === '--port') options.port = Number(value);
  else if (name === '--host') options.host = value;
  else if (name === '--operator-token') options.token = value;
  else fail(`unknown option "${name}"; expected one of [--port, --host, --operator-token]`);
}
if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) fail(`--port must be in [0,65535]`);

function fail(message) {
  process.stderr.write(`node-operator: ${message}\n`);
  process.exit(2);
}

// moment's "YYYY-D-M , h:mm a" (rule O2), by hand: day before month, nothing padded but the minutes.
function date(now) {
  const h = now.getHours() % 12 === 0 ? 12 : now.getHours() % 12;
  const mm = String(now.getMinutes()).padStart(2, '0');
  return `${now.getFullYear()}-${now.getDate()}-${now.getMonth() + 1} , ${h}:${mm} ${now.getHours() < 12 ? 'am' : 'pm'}`;
}

const frame = (content) => JSON.stringify({ content, date: date(new Date()) });
const chat = new Set();
let online = false;

const wss = new WebSocketServer({ host: options.host, port: options.port, perMessageDeflate: false, backlog: 4096,
  clientTracking: false,
  verifyClient: (info, done) => {
    const url = new URL(info.req.url, 'ws://x');
    if (url.pathname === '/') return done(true);
    if (url.pathname !== '/operator' || options.token === null) return done(false, 404);
    return done(url.searchParams.get('token') === options.token, 401);
  } });

wss.on('connection', (socket, request) => {
  if (new URL(request.url, 'ws://x').pathname === '/operator') {
    socket.on('message', (data) => {
      const line = data.toString().trim();
      if (line === '') return socket.send(JSON.stringify({ ok: false, error: 'empty line' }));
      online = true;
      const pushed = frame(line);
      for (const client of chat) client.send(pushed);
      socket.send(JSON.stringify({ ok: true, delivered: chat.size, online: true }));
    });
    return;
  }
  chat.add(socket);
  socket.on('close', () => chat.delete(socket));
  socket.on('message', (data, isBinary) => {
    if (!isBinary && !online) socket.send(frame(AUTO_REPLY));
  });
  socket.on('error', () => chat.delete(socket));
});

// the stdin console of seed 002: one line, one push
process.stdin.setEncoding('utf8');
let typed = '';
process.stdin.on('data', (chunk) => {
  typed += chunk;
  const lines = typed.split(/\r\n|\r|\n/);
  typed = lines.pop();
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    online = true;
    const pushed = frame(line);
    for (const client of chat) client.send(pushed);
  }
});

wss.on('listening', () => process.stdout.write(`listening on ws://${wss.address().address}:${wss.address().port}/\n`));
wss.on('error', (err) => fail(err.message));

function stop() {
  for (const client of chat) client.close(1001);
  wss.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
