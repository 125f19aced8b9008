/**
 * Starts the project's Java reference server from its built jar, as the e2e test needs it:
 * port 0 on 127.0.0.1, operator lines written to its stdin.
 */
const { spawn } = require('child_process')
const fs = require('fs')
const path = require('path')
const readline = require('readline')

const ROOT = path.join(__dirname, '..', '..')
const DEFAULT_JAR = '../reference-server/target/reference-server.jar'
const READY_LINE = /listening on (wss?:\/\/\S+)/

function jarPath() {
  return path.resolve(ROOT, process.env.WXCHAT_REFERENCE_JAR || DEFAULT_JAR)
}

function javaCommand() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java'
}

function missingJarError(jar) {
  return new Error([
    `reference server jar not found: ${jar}`,
    'Build it from the repository root with: ./mvnw -pl reference-server package',
    '(or set WXCHAT_REFERENCE_JAR to a built jar)',
  ].join('\n'))
}

/** @returns {Promise<{url: string, say(line: string): void, stop(): Promise<number|null>, log(): string}>} */
function startReferenceServer({ mode = 'operator', token, startTimeoutMs = 30000 }) {
  const jar = jarPath()
  if (!fs.existsSync(jar)) return Promise.reject(missingJarError(jar))

  const args = ['-jar', jar, '--port', '0', '--host', '127.0.0.1', '--mode', mode]
  if (token) args.push('--operator-token', token)
  const child = spawn(javaCommand(), args, { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', chunk => {
    stderr = (stderr + chunk).slice(-8000)
  })
  const exited = new Promise(resolve => {
    child.on('exit', (code, signal) => resolve({ code, signal }))
    child.on('error', error => resolve({ code: null, signal: null, error }))
  })

  const server = {
    url: '',
    say(line) {
      child.stdin.write(`${line}\n`)
    },
    async stop() {
      child.kill('SIGTERM')
      const { code } = await exited
      return code
    },
    log: () => stderr,
  }

  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout })
    const fail = message => {
      clearTimeout(timer)
      lines.close()
      child.kill('SIGKILL')
      reject(new Error(`${message}\ncommand: java ${args.join(' ')}\nserver stderr:\n${stderr}`))
    }
    const timer = setTimeout(() => fail(`reference server printed no "listening on" line within ${startTimeoutMs} ms`), startTimeoutMs)
    lines.on('line', line => {
      const match = READY_LINE.exec(line)
      if (!match) return
      clearTimeout(timer)
      server.url = match[1]
      resolve(server)
    })
    exited.then(({ code, signal, error }) => {
      if (!server.url) fail(error ? `could not start java: ${error.message}` : `reference server exited early (code ${code}, signal ${signal})`)
    })
  })
}

module.exports = { startReferenceServer, jarPath }
