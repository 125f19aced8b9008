'use strict';

// What selftest.js drives the server with: a launched server.js and a recording client whose
// frames queue up and are taken in order. Every wait is bounded.

const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { WebSocket } = require('ws');

const SERVER = path.join(__dirname, 'server.js');
const READY = /^listening on ws:\/\/127\.0\.0\.1:(\d+)\/\n/;
const REPLY_MS = 1000; // how long a reply may take
const QUIET_MS = 300; // how long "nothing more arrives" is watched

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, ms) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------- the server under test

async function startServer(args, env = {}) {
  const { PORT, ...inherited } = process.env; // the server must not pick up the caller's PORT
  const proc = spawn(process.execPath, [SERVER, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...inherited, ...env },
  });
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (chunk) => (stderr += chunk));
  proc.stdin.on('error', () => {}); // EPIPE once the server has died
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 5000 ms; stderr: ${stderr}`)), 5000);
    proc.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = READY.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before its ready line; stderr: ${stderr}`));
    });
  });
  const clients = [];
  return {
    port,
    type: (text) => proc.stdin.write(text),
    endInput: () => proc.stdin.end(),
    // the exit ({code, signal}) if the process ends within ms, else null
    exitedWithin: (ms) => Promise.race([exited, sleep(ms).then(() => null)]),
    stdout: () => stdout,
    async connect(options = {}, path = '/') {
      const client = await Client.open(`ws://127.0.0.1:${port}${path}`, options);
      clients.push(client);
      return client;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const result = await Promise.race([exited, sleep(3000)]);
      if (result) return result;
      proc.kill('SIGKILL');
      for (const client of clients) client.ws.terminate();
      return { code: null, signal: 'SIGKILL (no exit within 3000 ms of SIGTERM)' };
    },
  };
}

// A recording client: frames queue up and are taken in order, every wait is bounded.
class Client {
  static open(url, { deflate = false } = {}) {
    const ws = new WebSocket(url, { perMessageDeflate: deflate, handshakeTimeout: REPLY_MS });
    const client = new Client(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (req, res) => {
        req.destroy();
        reject(new Error(`handshake refused with HTTP ${res.statusCode}`));
      });
      ws.once('error', (err) => reject(new Error(`handshake failed: ${err.message}`)));
    });
  }

  constructor(ws) {
    this.ws = ws;
    this.frames = [];
    this.closeCode = null;
    ws.on('message', (data, isBinary) => this.frames.push({ isBinary, text: data.toString() }));
    ws.on('close', (code) => (this.closeCode = code));
    ws.on('error', () => {});
  }

  send(data, { binary = false } = {}) {
    this.ws.send(data, { binary });
  }

  async frame(ms = REPLY_MS) {
    await until(() => this.frames.length > 0 || this.closeCode !== null, ms);
    if (this.frames.length > 0) return this.frames.shift();
    expect(this.closeCode === null, `connection closed ${this.closeCode} before a frame arrived`);
    throw new Error(`no frame within ${ms} ms`);
  }

  async json(ms = REPLY_MS) {
    const frame = await this.frame(ms);
    expect(!frame.isBinary, `expected a text frame, got a binary frame: ${frame.text}`);
    let value;
    try {
      value = JSON.parse(frame.text);
    } catch {
      throw new Error(`expected JSON, got: ${frame.text}`);
    }
    expect(value !== null && typeof value === 'object' && !Array.isArray(value), `expected a JSON object, got: ${frame.text}`);
    return value;
  }

  async none(ms = QUIET_MS) {
    await until(() => this.frames.length > 0 || this.closeCode !== null, ms);
    expect(this.frames.length === 0, `expected no frame for ${ms} ms, got: ${this.frames[0]?.text}`);
    expect(this.closeCode === null, `expected the connection to stay open, it closed ${this.closeCode}`);
  }

  async closed(ms = REPLY_MS) {
    await until(() => this.closeCode !== null, ms);
    expect(this.closeCode !== null, `connection still open after ${ms} ms (frames: ${this.frames.length})`);
    return this.closeCode;
  }
}

function plainGet(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, timeout: REPLY_MS }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error(`no HTTP answer within ${REPLY_MS} ms`)));
    req.on('error', reject);
  });
}

module.exports = { SERVER, READY, sleep, expect, startServer, Client, plainGet };
