#!/usr/bin/env node
'use strict';

// A third-party wxchat server written from docs/PROTOCOL.md alone, for the conformance
// simulator's own tests. `--fault NAME` turns it into one of the broken variants in faults.js:
// each is a single careless-implementer mistake, made where the `fault === NAME` check stands.

const http = require('node:http');
const readline = require('node:readline');
const { WebSocket, WebSocketServer } = require('ws');
const FAULTS = require('./faults');

const AUTO_REPLY = '[自动回复] : 请等待用户接入回复...';
const ECHO_PREFIX = '服务器回复:';
const MAX_MESSAGE_BYTES = 64 * 1024;

const USAGE = `usage: node server.js [--port N] [--host ADDR] [--mode operator|echo] [--fault NAME]
  --port N      port to listen on (default: $PORT, else 3000; 0 picks a free port)
  --host ADDR   address to bind (default: 127.0.0.1)
  --mode MODE   operator (default) or echo
  --fault NAME  break one rule on purpose; NAME is one of:
                ${FAULTS.map((f) => f.name).join(', ')}`;

const { port, host, mode, fault } = parseArgs(process.argv.slice(2), process.env);

let online = false; // O6: one switch for the whole server, never reset
const heardOperator = new WeakSet(); // clients a push was sent to; only online-not-global reads it
let newestClient = null; // only push-to-last-only reads it
let pushesInTurn = Promise.resolve(); // only push-in-turn uses it
const staleSessions = new Set(); // only stale-session uses it: addresses whose last connection dropped
const frozenTime = new Date(Date.now() + (3 * 60 + 17) * 60 * 1000); // only frozen-timestamp reads it

const httpServer = http.createServer((req, res) => {
  const status = { 'plain-http-200': 200, 'plain-http-426': 426 }[fault] ?? 404; // T2
  res.writeHead(status, { 'Content-Length': 0 }).end();
});

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false, // T3
  maxPayload: fault === 'no-size-limit' ? 100 * 1024 * 1024 : MAX_MESSAGE_BYTES, // R2: ws closes 1009 past it
  skipUTF8Validation: fault === 'skip-utf8-validation', // R1: ws closes 1007
});

// one-handshake-at-a-time: a connection waits until every earlier one has upgraded, been answered or closed
if (fault === 'one-handshake-at-a-time') {
  let turn = Promise.resolve();
  const listeners = httpServer.listeners('connection');
  httpServer.removeAllListeners('connection');
  httpServer.on('connection', (socket) => {
    socket.pause();
    turn = turn.then(() => new Promise((done) => {
      for (const event of ['close', 'upgraded', 'finish']) socket.once(event, done);
      socket.resume();
      for (const listener of listeners) listener.call(httpServer, socket);
    }));
  });
}
if (fault === 'crash-on-bad-request') httpServer.on('clientError', (err) => { throw err; }); // rethrown: the process dies

httpServer.on('upgrade', (req, socket, head) => {
  const path = fault === 'refuses-query-string' ? req.url : req.url.split('?')[0]; // T5
  const isWebSocket = String(req.headers.upgrade).toLowerCase() === 'websocket';
  if (!isWebSocket && fault === 'foreign-upgrade-unanswered') return; // the socket waits for an answer forever
  if (!isWebSocket || path !== '/') return refuse(socket, 404); // T1, T2
  if (fault === 'requires-origin' && req.headers.origin === undefined) return refuse(socket, 403);
  if (fault === 'stale-session' && staleSessions.has(req.socket.remoteAddress)) return refuse(socket, 409); // W2
  wss.handleUpgrade(req, socket, head, (client) => {
    socket.emit('upgraded'); // only one-handshake-at-a-time listens
    wss.emit('connection', client, req);
  });
});

wss.on('connection', (client, req) => {
  const peer = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
  log(`${peer} connected (${wss.clients.size} open)`);
  newestClient = client;
  if (fault !== 'crash-on-protocol-error') { // without a listener, ws's 'error' event is uncaught: the process dies
    client.on('error', (err) => log(`${peer} error: ${err.message}`)); // ws has already closed it (1007, 1009, ...)
  }
  client.on('close', (code) => log(`${peer} closed ${code} (${wss.clients.size} open)`));
  if (fault === 'stale-session') { // one session per address, left behind by a drop without a close frame
    client.on('close', (code) => {
      if (code !== 1006) return;
      staleSessions.add(req.socket.remoteAddress);
      setTimeout(() => staleSessions.delete(req.socket.remoteAddress), 60_000).unref();
    });
  }
  if (fault === 'crash-on-going-away') {
    client.on('close', (code) => { if (code === 1001) throw new Error('client went away'); }); // uncaught: the process dies
  }
  if (fault === 'greet-on-connect') transmit(client, mode === 'echo' ? echoFrame('欢迎') : operatorFrame('欢迎光临'));
  if (fault === 'push-listener-per-connection') operatorConsole?.on('line', onOperatorLine);

  let received = 0;
  client.on('message', (data, isBinary) => {
    if (isBinary && fault === 'die-on-binary') process.exit(1);
    if (isBinary && fault !== 'answers-binary') return; // O8, E4
    if (fault === 'crash-on-large-message' && data.length > 60 * 1024) process.exit(1);
    const text = data.toString('utf8');
    if (fault === 'crash-on-empty-text' && text.length === 0) process.exit(1);
    if (fault === 'close-on-greeting' && text === '你好') return client.close();
    if (fault === 'stops-after-100' && ++received > 100) return;
    const message = fault === 'parses-json-texts' ? jsonContent(text) : text; // C1: a text is never parsed
    if (message === null) return;
    if (mode === 'echo') return answer(client, echoFrame(message)); // E1
    const isOnline = fault === 'online-not-global' ? heardOperator.has(client) : online;
    if (!isOnline) answer(client, operatorFrame(fault === 'wrong-auto-reply-text' ? '[自动回复] 请稍候' : AUTO_REPLY)); // O3, O7
  });
});

// One console reader for the whole server (D1): a line reaches the clients open at that moment.
const operatorConsole = mode === 'operator' && !['push-chunks', 'lf-only-lines'].includes(fault)
  ? readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
  : null;
if (fault === 'lf-only-lines' && mode === 'operator') {
  let pending = ''; // lf-only-lines: splits at "\n" (and "\r\n"), so a lone "\r" stays in the line
  process.stdin.setEncoding('utf8').on('data', (chunk) => {
    const lines = (pending + chunk).split(/\r?\n/);
    pending = lines.pop();
    lines.forEach(onOperatorLine);
  });
} else if (operatorConsole) {
  operatorConsole.on('line', onOperatorLine);
  operatorConsole.on('close', () => {
    if (fault === 'exit-on-stdin-end') process.exit(0);
    log('operator console closed (stdin ended); still serving'); // O5
  });
} else if (mode === 'operator') {
  process.stdin.setEncoding('utf8').on('data', onOperatorLine); // push-chunks: a chunk is not a line (D3)
} else {
  process.stdin.resume(); // echo: there is no operator; drain stdin so a writer never blocks
}
process.stdin.on('error', (err) => log(`stdin: ${err.message}`));

function onOperatorLine(line) {
  const trimmed = fault === 'ascii-trim' ? line.replace(/^[ \t]+|[ \t]+$/g, '') : line.trim(); // O5
  if (trimmed === '' && fault !== 'push-empty-lines') return; // O5, D2
  if (fault === 'push-needs-client' && wss.clients.size === 0) return;
  if (fault !== 'never-online') online = true; // O6
  const content = fault === 'untrimmed-push' ? line : trimmed;
  const recipients = fault === 'push-to-last-only' ? [newestClient].filter(Boolean) : [...wss.clients];
  if (fault === 'push-in-turn') {
    const frame = JSON.stringify(operatorFrame(content));
    pushesInTurn = pushesInTurn.then(() => recipients.reduce((previous, client) => previous.then(() =>
      new Promise((taken) => (client.readyState === WebSocket.OPEN ? client.send(frame, taken) : taken()))), Promise.resolve()));
    return;
  }
  for (const client of recipients) {
    heardOperator.add(client);
    transmit(client, operatorFrame(content)); // O5
  }
  log(`operator line pushed to ${recipients.length} client(s)`);
}

// Sent synchronously from the message handler, so an auto-reply can never follow the operator's
// first push on the same socket (O7, D10) and replies keep the order of the texts (R6).
function answer(sender, frame) {
  const recipients = fault === 'auto-reply-to-all' ? [...wss.clients] : [sender]; // O4, E1
  const send = () => {
    for (const client of recipients) {
      transmit(client, frame);
      if (fault === 'reply-twice') transmit(client, frame);
    }
  };
  if (fault === 'slow-reply') setTimeout(send, 3000);
  else if (fault === 'unordered-replies') setTimeout(send, Math.random() * 20);
  else if (fault === 'crash-on-dropped-client') { // as a native binding does when asked to write to a closed socket
    setTimeout(() => (sender.readyState === WebSocket.OPEN ? send() : process.exit(1)), 20);
  }
  else send();
}

function transmit(client, frame) {
  if (client.readyState !== WebSocket.OPEN) return;
  const payload = fault === 'not-json' ? frame.content : JSON.stringify(frame); // O1, E1
  client.send(payload, { binary: fault === 'reply-as-binary' });
}

// parses-json-texts: read as a JSON message, as a server written for a JSON protocol would; a text that
// does not parse is kept as it is, and JSON without a "content" string is no message (null: dropped).
function jsonContent(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return typeof parsed?.content === 'string' ? parsed.content : null;
}

// The server's clock; time-zone-offset keeps the clock of a server 5 h 30 min ahead.
function serverNow() {
  return new Date(Date.now() + (fault === 'time-zone-offset' ? 5.5 * 3600 * 1000 : 0));
}

function operatorFrame(content) {
  const now = serverNow();
  const date = { 'iso-date': () => now.toISOString(), 'number-date': () => now.getTime(), 'frozen-date': () => '2026-21-11 , 9:05 pm' }[fault];
  return frame(content, 'date', date ? date() : operatorDate(now));
}

function echoFrame(text) {
  const prefix = { 'echo-drops-prefix': '', 'echo-fullwidth-colon': '服务器回复：' }[fault] ?? ECHO_PREFIX; // E2
  return frame(prefix + (fault === 'echo-trims-text' ? text.trim() : text), 'timestamp', echoTime(fault === 'frozen-timestamp' ? frozenTime : serverNow()));
}

function frame(content, timeField, time) {
  const fields = { [fault === 'wrong-field' ? 'message' : 'content']: content };
  if (fault !== 'missing-date') fields[timeField] = time;
  if (fault === 'extra-field') fields.type = 'text';
  return fields;
}

// O2: moment's `YYYY-D-M , h:mm a` in local time, day before month, nothing padded but minutes.
function operatorDate(d) {
  const hour = d.getHours() % 12 || 12;
  const minutes = String(d.getMinutes()).padStart(2, '0');
  const meridiem = d.getHours() < 12 ? 'am' : 'pm';
  const suffix = fault === 'upper-case-ampm' ? meridiem.toUpperCase() : meridiem;
  const [first, second] = fault === 'day-month-swapped' ? [d.getMonth() + 1, d.getDate()] : [d.getDate(), d.getMonth() + 1];
  return `${d.getFullYear()}-${first}-${second} , ${hour}:${minutes} ${suffix}`;
}

// E3: en-US `h:mm:ss AM` in local time. Some ICU versions put U+202F before AM/PM; we print a plain space.
function echoTime(d) {
  return d.toLocaleTimeString(fault === 'echo-24h-timestamp' ? 'en-GB' : 'en-US').replace(/[\u202f\u00a0]/g, ' ');
}

function refuse(socket, status) {
  socket.on('error', () => {});
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function shutDown(signal) {
  log(`${signal}: closing ${wss.clients.size} client(s) with 1001`);
  httpServer.close();
  for (const client of wss.clients) client.close(1001, 'server shutting down');
  // Give clients a moment to answer the close frame, then leave whatever is left.
  const deadline = Date.now() + 1000;
  setInterval(() => {
    if (wss.clients.size > 0 && Date.now() < deadline) return;
    for (const client of wss.clients) client.terminate();
    process.exit(0);
  }, 10);
}
process.once('SIGTERM', () => shutDown('SIGTERM'));
process.once('SIGINT', () => shutDown('SIGINT'));

httpServer.on('error', (err) => {
  process.stderr.write(`server.js: cannot listen on ${host}:${port}: ${err.message}\n`);
  process.exit(1);
});
httpServer.listen(port, host, () => {
  const urlHost = host.includes(':') ? `[${host}]` : host;
  process.stdout.write(`listening on ws://${urlHost}:${httpServer.address().port}/\n`);
  log(`mode ${mode}${fault ? `, fault ${fault}` : ''}`);
});

function parseArgs(argv, env) {
  const options = { port: env.PORT || '3000', host: '127.0.0.1', mode: 'operator', fault: null };
  const flags = { '--port': 'port', '--host': 'host', '--mode': 'mode', '--fault': 'fault' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!Object.hasOwn(flags, flag)) usageError(`unknown option ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) usageError(`${flag} needs a value`);
    options[flags[flag]] = value;
  }
  if (!/^\d{1,5}$/.test(options.port) || Number(options.port) > 65535) {
    usageError(`port must be an integer in [0, 65535]: ${options.port}`);
  }
  if (!['operator', 'echo'].includes(options.mode)) {
    usageError(`unknown mode ${options.mode}; expected one of [operator, echo]`);
  }
  if (options.fault !== null && !FAULTS.some((f) => f.name === options.fault)) {
    usageError(`unknown fault ${options.fault}; expected one of [${FAULTS.map((f) => f.name).join(', ')}]`);
  }
  return { ...options, port: Number(options.port) };
}

function usageError(message) {
  process.stderr.write(`server.js: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function log(message) {
  process.stderr.write(`[chat-server] ${message}\n`);
}
