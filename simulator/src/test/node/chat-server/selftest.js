'use strict';

// Self-check of server.js: runs the correct server in both profiles against a few rules of
// docs/PROTOCOL.md, checks the command line, then starts every fault once.
//   node selftest.js            correct server + command line + every fault starts and stops
//   node selftest.js --faults   also runs the checks against every fault: each must be caught
//   --only=NAME,NAME            only these faults (with or without --faults)
// Every wait is bounded; the exit code is non-zero on any failure.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const FAULTS = require('./faults');
const { SERVER, READY, sleep, expect, startServer, Client, plainGet } = require('./harness');

const AUTO_REPLY = '[自动回复] : 请等待用户接入回复...';
const DATE = /^\d{4}-([1-9]|[12]\d|3[01])-([1-9]|1[0-2]) , ([1-9]|1[0-2]):[0-5]\d (am|pm)$/;
const TIMESTAMP = /^([1-9]|1[0-2]):[0-5]\d:[0-5]\d (AM|PM)$/;

// ---------------------------------------------------------------- expected values

function momentDate(d) {
  const hour = d.getHours() % 12 || 12;
  const meridiem = d.getHours() < 12 ? 'am' : 'pm';
  return `${d.getFullYear()}-${d.getDate()}-${d.getMonth() + 1} , ${hour}:${String(d.getMinutes()).padStart(2, '0')} ${meridiem}`;
}

const localeTime = (d) => d.toLocaleTimeString('en-US').replace(/\u202f/g, ' ');

function sameKeys(frame, keys) {
  const actual = Object.keys(frame).sort().join(',');
  expect(actual === [...keys].sort().join(','), `expected exactly the fields [${keys}], got [${Object.keys(frame)}]: ${JSON.stringify(frame)}`);
}

function expectOperatorFrame(frame, content, since) {
  sameKeys(frame, ['content', 'date']);
  expect(frame.content === content, `expected content ${JSON.stringify(content)}, got ${JSON.stringify(frame.content)}`);
  expect(typeof frame.date === 'string' && DATE.test(frame.date), `date does not match O2: ${JSON.stringify(frame.date)}`);
  const now = [momentDate(new Date(since)), momentDate(new Date())];
  expect(now.includes(frame.date), `date is not the local time now (${now[1]}): ${frame.date}`);
}

function expectEchoFrame(frame, text, since) {
  sameKeys(frame, ['content', 'timestamp']);
  const content = `服务器回复:${text}`;
  expect(frame.content === content, `expected content ${JSON.stringify(content)}, got ${JSON.stringify(frame.content)}`);
  expect(typeof frame.timestamp === 'string' && TIMESTAMP.test(frame.timestamp), `timestamp does not match E3: ${JSON.stringify(frame.timestamp)}`);
  const now = [localeTime(new Date(since)), localeTime(new Date())];
  expect(now.includes(frame.timestamp), `timestamp is not the local time now (${now[1]}): ${frame.timestamp}`);
}

async function expectAutoReply(client, text) {
  const since = Date.now();
  client.send(text);
  expectOperatorFrame(await client.json(), AUTO_REPLY, since);
}

async function expectEcho(client, text) {
  const since = Date.now();
  client.send(text);
  expectEchoFrame(await client.json(), text, since);
}

// ---------------------------------------------------------------- checks

const OPERATOR_CHECKS = [
  ['O1-O4 O9 T3 C1: one well-formed auto-reply, to the sender only, nothing on connect, JSON-looking texts too', async (server) => {
    const alice = await server.connect();
    const bob = await server.connect({ deflate: true });
    expect(bob.ws.extensions === '', `per-message deflate was negotiated: ${bob.ws.extensions}`);
    await alice.none();
    await bob.none();
    await expectAutoReply(alice, '你好');
    await alice.none();
    await bob.none();
    await expectAutoReply(alice, '{"content":"looks like JSON"}');
    await expectAutoReply(alice, '[1,2,3]');
  }],
  ['O8: a binary frame gets no reply and keeps the connection', async (server) => {
    const alice = await server.connect();
    alice.send(Buffer.from([0x01, 0x02, 0x03]), { binary: true });
    await alice.none();
    await expectAutoReply(alice, 'after binary');
  }],
  ['C3: an empty text is answered like any other', async (server) => {
    const alice = await server.connect();
    await expectAutoReply(alice, '');
    await expectAutoReply(alice, 'after empty');
  }],
  ['R2 R3: 65,536 bytes answered, 65,537 closed 1009, other clients unaffected', async (server) => {
    const alice = await server.connect();
    const bob = await server.connect();
    await expectAutoReply(alice, `${'你'.repeat(21845)}a`); // 3 * 21,845 + 1 = 65,536 bytes
    alice.send('a'.repeat(65537));
    const code = await alice.closed();
    expect(code === 1009, `expected close 1009, got ${code}`);
    await expectAutoReply(bob, 'still here');
  }],
  ['R1: invalid UTF-8 in a text frame is closed 1007', async (server) => {
    const alice = await server.connect();
    alice.send(Buffer.from([0x48, 0x69, 0xff, 0xfe]), { binary: false });
    const code = await alice.closed();
    expect(code === 1007, `expected close 1007, got ${code}`);
  }],
  ['R4: a burst of 1,000 texts gets 1,000 auto-replies', async (server) => {
    const alice = await server.connect();
    const since = Date.now();
    for (let i = 0; i < 1000; i++) alice.send(`burst ${i}`);
    for (let i = 0; i < 1000; i++) {
      const frame = await alice.json(5000).catch((err) => {
        throw new Error(`reply ${i + 1} of 1000: ${err.message}`);
      });
      expectOperatorFrame(frame, AUTO_REPLY, since);
    }
    await alice.none();
  }],
  ['O5-O7: operator lines trimmed, blanks ignored, one push each, online for all', async (server) => {
    const alice = await server.connect();
    const bob = await server.connect();
    await expectAutoReply(alice, 'hello');
    server.type('   \n');
    await alice.none();
    await bob.none();
    await expectAutoReply(alice, 'still offline after a blank line');
    const since = Date.now();
    server.type('  您好，我是客服  \n');
    for (const client of [alice, bob]) expectOperatorFrame(await client.json(), '您好，我是客服', since);
    await alice.none();
    await bob.none();
    alice.send('after the push');
    await alice.none(500);
    const carol = await server.connect();
    await carol.none();
    carol.send('你好');
    await carol.none(500);
    server.type('first line\nsecond line\n'); // one write, two lines
    expectOperatorFrame(await carol.json(), 'first line', since);
    expectOperatorFrame(await carol.json(), 'second line', since);
    await carol.none();
  }],
  ['O5: every Unicode space is trimmed (U+3000, U+00A0, U+FEFF), and a lone CR ends a line', async (server) => {
    const alice = await server.connect();
    const since = Date.now();
    server.type('\u3000\ufeff您好\u00a0\n');
    expectOperatorFrame(await alice.json(), '您好', since);
    server.type('one\rtwo\n');
    expectOperatorFrame(await alice.json(), 'one', since);
    expectOperatorFrame(await alice.json(), 'two', since);
    await alice.none();
  }],
  ['O5: the end of stdin changes nothing: the server stays up and offline', async (server) => {
    server.endInput();
    const exit = await server.exitedWithin(300);
    expect(exit === null, `the server exited when its stdin ended: ${JSON.stringify(exit)}`);
    const alice = await server.connect();
    await expectAutoReply(alice, '你好');
  }],
  ['T5: a query string on / is accepted', async (server) => {
    const alice = await server.connect({}, '/?uid=1&from=wechat');
    await expectAutoReply(alice, '你好');
  }],
  ['O6 D1: a line typed while nobody is connected switches the server online', async (server) => {
    server.type('有人吗\n');
    await sleep(300);
    const alice = await server.connect();
    alice.send('你好');
    await alice.none(500);
  }],
  ['T1 T2: plain HTTP gets 404, and so does an upgrade on another path', async (server) => {
    for (const path of ['/', '/index.html']) {
      const status = await plainGet(server.port, path);
      expect(status === 404, `GET ${path}: expected 404, got ${status}`);
    }
    const refused = await Client.open(`ws://127.0.0.1:${server.port}/chat`).then(() => 'accepted', (err) => err.message);
    expect(refused === 'handshake refused with HTTP 404', `upgrade on /chat: ${refused}`);
    const h2c = await plainGet(server.port, '/', { Connection: 'Upgrade', Upgrade: 'h2c' }).catch((err) => err.message);
    expect(h2c === 404, `GET / with Upgrade: h2c: expected 404, got ${h2c}`);
  }],
  ['R3: clients that drop mid-reply do not disturb the others', async (server) => {
    const bob = await server.connect();
    for (let i = 0; i < 20; i++) {
      const dropper = await server.connect();
      dropper.send('你好');
      dropper.ws.terminate(); // no close frame, the reply in flight
    }
    await expectAutoReply(bob, '你好');
  }],
  ['R3: an upgrade that never completes, or bytes that are not HTTP, hold up no one', async (server) => {
    const held = [];
    for (const bytes of ['GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n', '\x00\xff\r\n\r\n']) {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((connected) => socket.once('connect', connected));
      socket.write(Buffer.from(bytes, 'latin1'));
      held.push(socket);
    }
    try {
      const bob = await server.connect();
      await expectAutoReply(bob, '你好');
    } finally {
      held.forEach((socket) => socket.destroy());
    }
  }],
  ['X6: SIGTERM closes clients with 1001, exits 0, one line on stdout', async (server) => {
    const alice = await server.connect();
    const { code, signal } = await server.stop();
    expect(code === 0, `expected exit code 0, got ${code} (${signal})`);
    const closeCode = await alice.closed();
    expect(closeCode === 1001, `expected close 1001, got ${closeCode}`);
    expect(READY.test(server.stdout()) && server.stdout().split('\n').length === 2, `stdout is not one ready line: ${JSON.stringify(server.stdout())}`);
  }],
];

const ECHO_CHECKS = [
  ['E1-E3 C1: one reply to the sender, prefix, text unchanged, en-US time', async (server) => {
    const alice = await server.connect();
    const bob = await server.connect();
    await alice.none();
    for (const text of ['你好', 'hello', '  spaced out  ', '{"content":"x"}', '']) await expectEcho(alice, text);
    await alice.none();
    await bob.none();
  }],
  ['E4: a binary frame gets no reply and keeps the connection', async (server) => {
    const alice = await server.connect();
    alice.send(Buffer.from('binary hello'), { binary: true });
    await alice.none();
    await expectEcho(alice, 'after binary');
  }],
  ['R4 R6: a burst of 1,000 texts is echoed once each, in order', async (server) => {
    const alice = await server.connect();
    const since = Date.now();
    for (let i = 0; i < 1000; i++) alice.send(`n${i}`);
    for (let i = 0; i < 1000; i++) {
      const frame = await alice.json(5000).catch((err) => {
        throw new Error(`reply ${i + 1} of 1000: ${err.message}`);
      });
      expectEchoFrame(frame, `n${i}`, since);
    }
    await alice.none();
  }],
  ['T2: plain HTTP gets 404', async (server) => {
    const status = await plainGet(server.port, '/');
    expect(status === 404, `expected 404, got ${status}`);
  }],
];

const CHECKS = { operator: OPERATOR_CHECKS, echo: ECHO_CHECKS };

// Runs one check against a fresh server; returns null when it passes, else the failure message.
async function runCheck(check, args) {
  let server;
  try {
    server = await startServer(['--port', '0', ...args]);
    await Promise.race([
      check(server),
      sleep(20000).then(() => {
        throw new Error('check took longer than 20 s');
      }),
    ]);
    return null;
  } catch (err) {
    return err.message;
  } finally {
    if (server) await server.stop();
  }
}

// ---------------------------------------------------------------- command line

async function runCommand(args, env = {}) {
  const proc = spawn(process.execPath, [SERVER, ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  proc.stderr.on('data', (chunk) => (stderr += chunk));
  proc.stdout.resume();
  const code = await Promise.race([new Promise((resolve) => proc.on('exit', resolve)), sleep(3000)]);
  if (code === undefined) proc.kill('SIGKILL');
  return { code, stderr };
}

const COMMAND_LINE_CHECKS = [
  ['an unknown option exits 2 and lists the options', async () => {
    const { code, stderr } = await runCommand(['--prot', '1']);
    expect(code === 2 && stderr.includes('unknown option --prot') && stderr.includes('--mode'), `exit ${code}: ${stderr}`);
  }],
  ['an unknown fault exits 2 and lists the faults', async () => {
    const { code, stderr } = await runCommand(['--fault', 'nope']);
    expect(code === 2 && stderr.includes('unknown fault nope') && stderr.includes('never-online'), `exit ${code}: ${stderr}`);
  }],
  ['an unknown mode exits 2', async () => {
    const { code, stderr } = await runCommand(['--mode', 'chat']);
    expect(code === 2 && stderr.includes('operator, echo'), `exit ${code}: ${stderr}`);
  }],
  ['README.md lists every fault with its profile and rules', async () => {
    const readme = fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8');
    const missing = FAULTS.filter((f) => !readme.includes(`| \`${f.name}\` | ${f.profile} | ${f.breaks} | ${f.rules} |`));
    expect(missing.length === 0, `missing or stale rows: ${missing.map((f) => f.name).join(', ')}`);
  }],
  ['PORT is read from the environment', async () => {
    const server = await startServer([], { PORT: '0' });
    await server.stop();
  }],
];

// ---------------------------------------------------------------- main

async function main() {
  const deep = process.argv.includes('--faults');
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const unknown = (only ?? []).filter((name) => !FAULTS.some((f) => f.name === name));
  if (unknown.length > 0) {
    console.error(`unknown fault ${unknown.join(', ')}; expected one of [${FAULTS.map((f) => f.name).join(', ')}]`);
    process.exit(2);
  }
  let passed = 0;
  let failed = 0;
  const report = (ok, name, detail) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  };

  for (const [mode, checks] of Object.entries(CHECKS)) {
    for (const [name, check] of checks) {
      const failure = await runCheck(check, ['--mode', mode]);
      report(failure === null, `${mode} ${name}`, failure);
    }
  }
  for (const [name, check] of COMMAND_LINE_CHECKS) {
    const failure = await check().then(() => null, (err) => err.message);
    report(failure === null, `cli ${name}`, failure);
  }
  for (const fault of FAULTS.filter((f) => only === undefined || only.includes(f.name))) {
    const mode = fault.profile === 'echo' ? 'echo' : 'operator';
    if (deep) {
      const caughtBy = await catchFault(fault.name, mode);
      report(caughtBy !== null, `fault ${fault.name} caught`, caughtBy ?? `every ${mode} check passed`);
    } else {
      const failure = await startServer(['--port', '0', '--mode', mode, '--fault', fault.name])
        .then((server) => server.stop())
        .then(({ code }) => (code === 0 ? null : `exit code ${code} on SIGTERM`), (err) => err.message);
      report(failure === null, `fault ${fault.name} starts and stops`, failure);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// The first check of the fault's profile that fails, as "check: message"; null if none does.
async function catchFault(name, mode) {
  for (const [checkName, check] of CHECKS[mode]) {
    const failure = await runCheck(check, ['--mode', mode, '--fault', name]);
    if (failure !== null) return `${checkName.split(':')[0]}: ${failure}`;
  }
  return null;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
