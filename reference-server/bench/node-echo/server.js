'use strict';
// Echo profile on the `ws` package: the baseline that bench/run.sh compares the Java reference
// server against. Same wire behaviour, same readiness line, same SIGTERM contract.

const { WebSocketServer } = require('ws');

function usage() {
  return 'usage: node server.js [--port N] [--host 127.0.0.1]\n' +
    '  --port N   TCP port, 0 picks a free one (default 0)\n' +
    '  --host H   address to bind (default 127.0.0.1)\n';
}

function parseArgs(argv) {
  const options = { port: 0, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--help' || name === '-h') {
      process.stdout.write(usage());
      process.exit(0);
    }
    if (name !== '--port' && name !== '--host') {
      fail(`unknown option "${name}"; expected one of [--port, --host, --help]`);
    }
    if (i + 1 >= argv.length) fail(`${name} needs a value`);
    const value = argv[++i];
    if (name === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        fail(`--port must be an integer in [0,65535]: ${value}`);
      }
      options.port = port;
    } else {
      options.host = value;
    }
  }
  return options;
}

function fail(message) {
  process.stderr.write(`node-echo: ${message}\n${usage()}`);
  process.exit(2);
}

// Same text as JS `new Date().toLocaleTimeString('en-US')` ("11:51:39 PM"), built by hand: Intl
// is slow per message, and newer ICU versions put U+202F before AM/PM where the protocol has a
// plain space.
function timestamp(now) {
  const hours = now.getHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const mm = String(now.getMinutes()).padStart(2, '0');
  const ss = String(now.getSeconds()).padStart(2, '0');
  return `${h12}:${mm}:${ss} ${hours < 12 ? 'AM' : 'PM'}`;
}

const options = parseArgs(process.argv.slice(2));
// Compression off because the Java server has none; backlog raised so that a burst of
// handshakes (bench idle mode opens 200 at once) is not throttled by the default of 511.
const wss = new WebSocketServer({
  host: options.host,
  port: options.port,
  perMessageDeflate: false,
  backlog: 4096,
  clientTracking: true,
});

wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const reply = JSON.stringify({ content: '服务器回复:' + data.toString(), timestamp: timestamp(new Date()) });
    socket.send(reply);
  });
  socket.on('error', (err) => process.stderr.write(`node-echo: connection error: ${err.message}\n`));
});

wss.on('listening', () => {
  const { address, port } = wss.address();
  process.stdout.write(`listening on ws://${address}:${port}/\n`);
});

wss.on('error', (err) => {
  process.stderr.write(`node-echo: ${err.message}\n`);
  process.exit(1);
});

function stop() {
  for (const client of wss.clients) client.terminate();
  wss.close(() => process.exit(0));
  // Bounded: never wait more than 2 s for the close callbacks.
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
