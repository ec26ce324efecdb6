import rule from '../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../rule-tester.ts';

const ruleTester = typedRuleTester();

const HEADER = `import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
`;

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    // ---- proven TCP by provenance
    {
      name: 'net.connect with a port',
      code: `${HEADER}const c = net.connect(8080, 'localhost');\nc.setNoDelay(true);`,
    },
    {
      name: 'net.connect with { port }',
      code: `${HEADER}const c = net.connect({ host: 'db', port: 5432 });\nc.setKeepAlive(true, 1000);`,
    },
    { name: 'net.connect with a numeric string is TCP', code: `${HEADER}net.connect('8080').setNoDelay(true);` },
    {
      name: 'chained creation is TCP',
      code: `${HEADER}net.createConnection({ port: 80 }).setNoDelay(true).setKeepAlive(true);`,
    },
    { name: 'new Socket().connect(port)', code: `${HEADER}new net.Socket().connect(80, 'h').setNoDelay(true);` },
    {
      name: 'connection listener of a server that listens on a port',
      code: `${HEADER}const server = net.createServer((socket) => {\n  socket.setNoDelay(true);\n  socket.setTimeout(1000);\n});\nserver.listen(3000);`,
    },
    {
      name: 'request socket of a server that listens on { port }',
      code: `${HEADER}const server = http.createServer((req, res) => {\n  req.socket.setKeepAlive(true);\n});\nserver.listen({ port: 8080, host: '0.0.0.0' });`,
    },
    {
      name: "server.on('connection') with listen on a port, the listener a named function",
      code: `${HEADER}function onConnection(socket: net.Socket) {\n  socket.setNoDelay(true);\n}\nconst server = http.createServer();\nserver.on('connection', onConnection);\nserver.listen(80);`,
    },
    {
      name: 'emit(connection) with a real socket does not taint',
      code: `${HEADER}const server = net.createServer((s) => s.setNoDelay(true));\nserver.listen(1);\nserver.emit('connection', net.connect(2));`,
    },
    {
      name: 'client request with the default agent',
      code: `${HEADER}const req = http.request({ host: 'example.com', port: 80 });\nreq.on('socket', (socket) => {\n  socket.setNoDelay(true);\n});`,
    },
    {
      name: 'client request with new http.Agent()',
      code: `${HEADER}const agent = new http.Agent({ keepAlive: true });\nconst req = http.request({ host: 'h', agent });\nreq.on('socket', (socket) => {\n  socket.setNoDelay(true);\n});`,
    },
    {
      name: 'a local function called only with TCP sockets',
      code: `${HEADER}function tune(s: net.Socket) {\n  s.setNoDelay(true);\n}\ntune(net.connect(80));`,
    },
    // ---- a real socket of unknown transport: not reported without requireTcp
    {
      name: 'a net.Socket parameter from elsewhere',
      code: `${HEADER}export function tune(s: net.Socket) {\n  s.setNoDelay(true);\n}`,
    },
    {
      name: 'a request handler with no visible listen',
      code: `${HEADER}export const handler: http.RequestListener = (req) => {\n  req.socket.setNoDelay(true);\n};`,
    },
    {
      name: 'a server listening on process.env.PORT is only reported with requireTcp',
      code: `${HEADER}const server = http.createServer((req) => {\n  req.socket.setNoDelay(true);\n});\nserver.listen(process.env.PORT);`,
    },
    // ---- guards
    {
      name: "'setNoDelay' in x guard",
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in s) s.setNoDelay(true);\n}`,
    },
    {
      name: "'setKeepAlive' in x proves setNoDelay too",
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('setKeepAlive' in s) s.setNoDelay(true);\n}`,
    },
    {
      name: 'instanceof net.Socket guard (narrowed by TypeScript)',
      code: `${HEADER}export function f(x: Duplex) {\n  if (x instanceof net.Socket) x.setNoDelay(true);\n}`,
    },
    {
      name: 'instanceof guard on an asserted value',
      code: `${HEADER}export function f(x: Duplex) {\n  if (x instanceof net.Socket) (x as net.Socket).setNoDelay(true);\n}`,
    },
    {
      name: 'early return guard',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (!('setNoDelay' in s)) return;\n  s.setNoDelay(true);\n}`,
    },
    {
      name: 'typeof x.m === function guard',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (typeof s.setNoDelay === 'function') s.setNoDelay(true);\n}`,
    },
    {
      name: 'remoteFamily proves TCP',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (s.remoteFamily) s.setNoDelay(true);\n}`,
    },
    {
      name: "typeof remotePort === 'number' proves TCP",
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (typeof s.remotePort === 'number') s.setNoDelay(true);\n}`,
    },
    {
      name: 'net.isIP(remoteAddress) proves TCP',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (net.isIP(s.remoteAddress ?? '') !== 0) s.setNoDelay(true);\n}`,
    },
    {
      name: 'a guard stored in a const',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  const canTune = 'setNoDelay' in s;\n  if (canTune) s.setNoDelay(true);\n}`,
    },
    {
      name: 'guard in && and ?:',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  'setNoDelay' in s && s.setNoDelay(true);\n  return 'setKeepAlive' in s ? s.setKeepAlive(true) : s;\n}`,
    },
    {
      name: 'negated guard with || ',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  !('setNoDelay' in s) || s.setNoDelay(true);\n}`,
    },
    {
      name: 'guard in the else branch of a negation',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (!('setNoDelay' in s)) {\n    console.log('not a socket');\n  } else {\n    s.setNoDelay(true);\n  }\n}`,
    },
    {
      name: 'user type predicate',
      code: `${HEADER}declare function isSocket(x: unknown): x is net.Socket;\nexport function f(x: Duplex) {\n  if (isSocket(x)) x.setNoDelay(true);\n}`,
    },
    {
      name: 'try/catch around the call',
      code: `${HEADER}export function f(x: Duplex) {\n  try {\n    (x as net.Socket).setNoDelay(true);\n  } catch {\n    // not a socket\n  }\n}`,
    },
    {
      name: 'guard outside a callback on a const',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (!(s instanceof net.Socket)) return;\n  s.on('connect', () => s.setNoDelay(true));\n}`,
    },
    {
      name: 'res.socket?.setNoDelay()',
      code: `${HEADER}http.createServer((req, res) => {\n  res.socket?.setNoDelay(true);\n}).listen(80);`,
    },
    {
      name: 'res.socket checked for null',
      code: `${HEADER}http.createServer((req, res) => {\n  if (res.socket) res.socket.setNoDelay(true);\n  if (res.socket != null) res.socket.setKeepAlive(true);\n}).listen(80);`,
    },
    // ---- checks on fields and at call sites
    {
      name: 'a class field checked for truthiness',
      code: `${HEADER}export class Wrapper {\n  server: any;\n  address() {\n    if (this.server) this.server.address();\n    if (!this.server) return null;\n    return this.server.address();\n  }\n  close() {\n    this.server = null;\n  }\n}`,
    },
    {
      name: 'a value checked at the call of a local function',
      code: `${HEADER}function tune(socket: any) {\n  socket.ref();\n}\nexport function start(input: { socket: any } | null) {\n  const socket = input ? input.socket : null;\n  if (socket) tune(socket);\n}`,
    },
    // ---- not our business
    {
      name: 'setTimeout of a request, a response or an HTTP/2 stream is their own API',
      code: `${HEADER}import * as http2 from 'node:http2';\nhttp.createServer((req, res) => {\n  req.setTimeout(0);\n  res.setTimeout(5000);\n}).listen(1);\nhttp2.createServer((req) => {\n  req.setTimeout(0);\n  req.stream.setTimeout(0);\n});`,
    },
    {
      name: 'a Duplex subclass with its own setTimeout',
      code: `${HEADER}class Timed extends Duplex {\n  setTimeout(ms: number) { return ms; }\n}\nnew Timed().setTimeout(5);`,
    },
    { name: 'timers have ref and unref', code: `declare const timer: NodeJS.Timeout;\ntimer.ref();\ntimer.unref();` },
    {
      name: 'HTTP/2 proxies belong to no-http2-socket-manipulation (one rule owns each call)',
      code: `import * as http2 from 'node:http2';\ndeclare const session: http2.ClientHttp2Session;\nsession.socket.setNoDelay(true);\nhttp2.createServer((req) => req.socket.setKeepAlive(true));`,
    },
    {
      name: 'a user class with setNoDelay',
      code: `class Conn { setNoDelay(on: boolean) { return on; } }\nnew Conn().setNoDelay(true);`,
    },
    {
      name: 'unresolved types are never reported',
      code: `// @ts-expect-error the module does not exist\nimport { thing } from 'no-such-module';\nthing.setNoDelay(true);`,
    },
    {
      name: 'setTimeout on a timer-like any is not reported',
      code: `declare const timer: any;\ntimer.ref();\ntimer.unref();\ntimer.setTimeout(1);`,
    },
    {
      name: 'assigning the method is not a call',
      code: `${HEADER}declare const d: Duplex;\n(d as any).setNoDelay = () => {};`,
    },
    {
      name: 'members not in the options',
      code: `${HEADER}declare const d: Duplex;\n(d as net.Socket).setEncoding('utf8');`,
      options: [{ methods: ['setNoDelay'], socketOnlyMethods: [] }],
    },
    {
      name: 'proven TCP with requireTcp',
      code: `${HEADER}const c = net.connect(8080);\nc.setNoDelay(true);`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'the response socket of a client request with the default agent, with requireTcp',
      code: `${HEADER}http.get('http://example.com/', (res) => {\n  res.socket.setNoDelay(true);\n  res.resume();\n});`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'new net.Socket() connected to a port later, with requireTcp',
      code: `${HEADER}const s = new net.Socket();\ns.connect(8080, 'localhost');\ns.setNoDelay(true);`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a handler shared by two servers that listen on ports, with requireTcp',
      code: `${HEADER}const handler: http.RequestListener = (req, res) => {\n  req.socket.setNoDelay(true);\n  res.end();\n};\nhttp.createServer(handler).listen(80);\nhttp.createServer(handler).listen(8080);`,
      options: [{ requireTcp: true }],
    },
    {
      name: "the connections of the server that an app's listen(port) returns, with requireTcp",
      code: `${HEADER}declare const app: { listen(target: number | string): http.Server };\nconst server = app.listen(3000);\nserver.on('connection', (socket) => {\n  socket.setNoDelay(true);\n});`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'guarded with requireTcp',
      code: `${HEADER}export function f(s: net.Socket) {\n  if ('setNoDelay' in s) s.setNoDelay(true);\n}`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a JavaScript file with a TCP server',
      filename: 'plain.js',
      code: `import * as net from 'node:net';\nconst server = net.createServer((socket) => {\n  socket.setNoDelay(true);\n});\nserver.listen(3000);`,
    },
    // ---- seen on real code (issue 18)
    {
      name: 'optional calls: ref?.() and unref?.() never throw on a plain stream',
      code: `${HEADER}export function f(x: Duplex) {
  const s = x as net.Socket;
  s.ref?.();
  s.unref?.();
  s.setNoDelay?.(true);
}`,
    },
    {
      name: 'an untyped value the module made itself is judged by its creation',
      code: `${HEADER}export function f(raw: string) {
  const s = JSON.parse(raw) as net.Socket;
  s.setKeepAlive(true);
}`,
    },
    {
      name: 'a socket from a module required lazily into a let',
      filename: 'sloppy.cjs',
      code: `let net;
function connect(port, host) {
  if (!net) net = require('net');
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  return socket;
}
module.exports = connect;`,
    },
    {
      name: 'a class field assigned in several branches is judged per branch',
      code: `${HEADER}export class Connection {
  stream: Duplex;
  constructor(opts: { stream?: Duplex; port: number; host: string }) {
    if (opts.stream) this.stream = opts.stream;
    else {
      this.stream = net.connect(opts.port, opts.host);
      (this.stream as net.Socket).setNoDelay(true);
    }
  }
}`,
    },
    {
      name: 'a field declared null and set in the constructor is not null in a handler that runs later',
      code: `${HEADER}export class Client {
  socket: net.Socket | null = null;
  constructor(port: number) {
    this.socket = net.connect(port);
    this.socket.on('connect', () => this.onConnect());
  }
  onConnect() {
    this.socket!.setKeepAlive(true);
  }
}`,
    },
    {
      name: "a callback's result after if (err) return",
      code: `${HEADER}declare function acquire(cb: (err: Error | null, socket?: net.Socket) => void): void;
acquire((err, socket) => {
  if (err) return;
  socket!.setNoDelay(true);
});`,
    },
    {
      name: 'the callback of connect() on the same socket',
      code: `${HEADER}export class Client {
  socket: any;
  constructor(opts: { socket: any }) {
    this.socket = opts.socket;
  }
  open(port: number) {
    this.socket.connect(port, () => {
      this.socket.setKeepAlive(true);
    });
  }
}`,
    },
    {
      name: 'a field whose value is the call the callback was given to',
      code: `${HEADER}export class Client {
  socket: any;
  constructor(opts: { socket: any }) {
    this.socket = opts.socket;
  }
  open(port: number) {
    this.socket = net.connect(port, () => {
      this.socket.setKeepAlive(true);
    });
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'a parameter of an exported constructor function, kept in this.socket',
      filename: 'plain.js',
      code: `export function Connection(socket) {
  this.socket = socket;
  this.socket.setNoDelay(true);
}`,
      output: `export function Connection(socket) {
  this.socket = socket;
  if (this.socket != null && 'setNoDelay' in this.socket) this.socket.setNoDelay(true);
}`,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 'this.socket',
            method: 'setNoDelay',
            guard: "this.socket != null && 'setNoDelay' in this.socket",
            evidence: '`this.socket` comes from the caller and may be any stream',
            line: 3,
          },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      name: 'net.connect with a path',
      code: `${HEADER}const c = net.connect('/tmp/app.sock');\nc.setNoDelay(true);`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setNoDelay',
            guard: "'setNoDelay' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/app.sock'`",
            line: 4,
          },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}const c = net.connect('/tmp/app.sock');\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'net.connect with { path }',
      code: `${HEADER}const c = net.connect({ path: '/run/db.sock' });\nc.setKeepAlive(true, 1000);`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/run/db.sock'`",
            line: 4,
          },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}const c = net.connect({ path: '/run/db.sock' });\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'net.connect with a non-numeric string',
      code: `${HEADER}net.connect('app.sock').setNoDelay(true);`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: "net.connect('app.sock')",
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `net.connect(…)` with the path `'app.sock'`",
            line: 4,
          },
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}net.connect('app.sock');`,
            },
          ],
        },
      ],
    },
    {
      name: 'new Socket().connect(path)',
      code: `${HEADER}new net.Socket().connect('/tmp/s').setNoDelay(true);`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: "new net.Socket().connect('/tmp/s')",
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `new net.Socket().connect(…)` with the path `'/tmp/s'`",
            line: 4,
          },
          line: 4,
          column: 36,
          endLine: 4,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}new net.Socket().connect('/tmp/s');`,
            },
          ],
        },
      ],
    },
    {
      name: 'connection listener of a server that listens on a path',
      code: `${HEADER}const server = net.createServer((socket) => {\n  socket.setNoDelay(true);\n});\nserver.listen('/tmp/app.sock');`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: 7,
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}const server = net.createServer((socket) => {\n});\nserver.listen('/tmp/app.sock');`,
            },
          ],
        },
      ],
    },
    {
      name: 'request socket of a server that listens on { path }',
      code: `${HEADER}const server = http.createServer((req, res) => {\n  req.socket.setKeepAlive(true);\n});\nserver.listen({ path: '/tmp/http.sock' });`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'req.socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in req.socket",
            evidence: "its server listens on the path `'/tmp/http.sock'`",
            line: 7,
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}const server = http.createServer((req, res) => {\n});\nserver.listen({ path: '/tmp/http.sock' });`,
            },
          ],
        },
      ],
    },
    {
      name: 'connection listener of a server given a Duplex through emit',
      code: `${HEADER}const server = net.createServer((socket) => {\n  socket.setNoDelay(true);\n  socket.setTimeout(1000);\n});\nserver.listen(3000);\nserver.emit('connection', new PassThrough());`,
      output: `${HEADER}const server = net.createServer((socket) => {\n  if ('setNoDelay' in socket) socket.setNoDelay(true);\n  if ('setTimeout' in socket) socket.setTimeout(1000);\n});\nserver.listen(3000);\nserver.emit('connection', new PassThrough());`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server is given a `PassThrough` through `emit('connection', …)`",
            line: 9,
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setTimeout',
            guard: "'setTimeout' in socket",
            evidence: "its server is given a `PassThrough` through `emit('connection', …)`",
            line: 9,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'named connection listener of a tainted http server',
      code: `${HEADER}function onConnection(socket: net.Socket) {\n  socket.setNoDelay(true);\n}\nconst server = http.createServer();\nserver.on('connection', onConnection);\nserver.listen(80);\nexport function inject(stream: Duplex) {\n  server.emit('connection', stream);\n}`,
      output: `${HEADER}function onConnection(socket: net.Socket) {\n  if ('setNoDelay' in socket) socket.setNoDelay(true);\n}\nconst server = http.createServer();\nserver.on('connection', onConnection);\nserver.listen(80);\nexport function inject(stream: Duplex) {\n  server.emit('connection', stream);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server is given a `Duplex` through `emit('connection', …)`",
            line: 11,
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'client request with a caller-supplied agent',
      code: `${HEADER}export function get(agent: http.Agent) {\n  const req = http.request({ host: 'h', agent });\n  req.on('socket', (socket) => {\n    socket.setNoDelay(true);\n  });\n}`,
      output: `${HEADER}export function get(agent: http.Agent) {\n  const req = http.request({ host: 'h', agent });\n  req.on('socket', (socket) => {\n    if ('setNoDelay' in socket) socket.setNoDelay(true);\n  });\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'its request is given the agent `agent`, whose `createConnection` may return any Duplex',
            line: 5,
          },
          line: 7,
          column: 12,
          endLine: 7,
          endColumn: 22,
          suggestions: null,
        },
      ],
    },
    {
      name: 'client request with createConnection',
      code: `${HEADER}const req = http.request({ host: 'h', createConnection: () => new PassThrough() });\nreq.on('socket', (socket) => {\n  socket.setNoDelay(true);\n});`,
      output: `${HEADER}const req = http.request({ host: 'h', createConnection: () => new PassThrough() });\nreq.on('socket', (socket) => {\n  if ('setNoDelay' in socket) socket.setNoDelay(true);\n});`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'its request is given a `createConnection` that may return any Duplex',
            line: 4,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'client request through socketPath',
      code: `${HEADER}const req = http.request({ socketPath: '/var/run/docker.sock', path: '/info' });\nreq.on('socket', (socket) => {\n  socket.setKeepAlive(true);\n});`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in socket",
            evidence: "its request connects through `socketPath` ('/var/run/docker.sock')",
            line: 4,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}const req = http.request({ socketPath: '/var/run/docker.sock', path: '/info' });\nreq.on('socket', (socket) => {\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a local function called with a Duplex',
      code: `${HEADER}function tune(s: net.Socket) {\n  s.setNoDelay(true);\n}\ntune(net.connect(80));\ntune(new PassThrough() as unknown as net.Socket);`,
      output: `${HEADER}function tune(s: net.Socket) {\n  if ('setNoDelay' in s) s.setNoDelay(true);\n}\ntune(net.connect(80));\ntune(new PassThrough() as unknown as net.Socket);`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `PassThrough`',
            line: 8,
          },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the response socket of a client request through socketPath',
      code: `${HEADER}http.get({ socketPath: '/var/run/docker.sock', path: '/info' }, (res) => {\n  res.socket.setKeepAlive(true);\n  res.resume();\n});`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'res.socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in res.socket",
            evidence: "its request connects through `socketPath` ('/var/run/docker.sock')",
            line: 4,
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}http.get({ socketPath: '/var/run/docker.sock', path: '/info' }, (res) => {\n  res.resume();\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'the response socket of a callback that is exported as well, with requireTcp',
      code: `${HEADER}export function onResponse(res: http.IncomingMessage) {\n  res.socket.setNoDelay(true);\n}\nhttp.get('http://example.com/', onResponse);`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 'res.socket', method: 'setNoDelay', guard: "'setNoDelay' in res.socket" },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'wrapInGuard',
              data: { guard: "'setNoDelay' in res.socket" },
              output: `${HEADER}export function onResponse(res: http.IncomingMessage) {\n  if ('setNoDelay' in res.socket) res.socket.setNoDelay(true);\n}\nhttp.get('http://example.com/', onResponse);`,
            },
          ],
        },
      ],
    },
    {
      name: 'new net.Socket() connected to a path later',
      code: `${HEADER}const s = new net.Socket();\ns.setKeepAlive(true);\ns.connect('/tmp/app.sock');`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "it is connected by `s.connect(…)` with the path `'/tmp/app.sock'`",
            line: 6,
          },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}const s = new net.Socket();\ns.connect('/tmp/app.sock');`,
            },
          ],
        },
      ],
    },
    {
      name: 'new net.Socket() passed on before it is connected, with requireTcp',
      code: `${HEADER}declare function start(s: net.Socket): void;\nconst s = new net.Socket();\nstart(s);\ns.connect(8080);\ns.setNoDelay(true);`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 's', method: 'setNoDelay', guard: "'setNoDelay' in s" },
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'wrapInGuard',
              data: { guard: "'setNoDelay' in s" },
              output: `${HEADER}declare function start(s: net.Socket): void;\nconst s = new net.Socket();\nstart(s);\ns.connect(8080);\nif ('setNoDelay' in s) s.setNoDelay(true);`,
            },
          ],
        },
      ],
    },
    {
      name: 'a handler shared by a server on a port and one on a path: no removal',
      code: `${HEADER}const handler: http.RequestListener = (req, res) => {\n  req.socket.setNoDelay(true);\n  res.end();\n};\nhttp.createServer(handler).listen(80);\nhttp.createServer(handler).listen('/tmp/app.sock');`,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'req.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in req.socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: 9,
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a socket that is a pipe on one path and TCP on the other: no removal',
      code: `${HEADER}declare const local: boolean;\nconst s = local ? net.connect('/tmp/app.sock') : net.connect(80);\ns.setKeepAlive(true);`,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "it is created by `net.connect(\u2026)` with the path `'/tmp/app.sock'`",
            line: 5,
          },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: "the connections of the server that an app's listen(path) returns",
      code: `${HEADER}declare const app: { listen(target: number | string): http.Server };\nconst server = app.listen('/tmp/app.sock');\nserver.on('connection', (socket) => {\n  socket.setNoDelay(true);\n});`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: 5,
          },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}declare const app: { listen(target: number | string): http.Server };\nconst server = app.listen('/tmp/app.sock');\nserver.on('connection', (socket) => {\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a net.Socket parameter from elsewhere with requireTcp',
      code: `${HEADER}export function tune(s: net.Socket) {\n  s.setNoDelay(true);\n}`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 's', method: 'setNoDelay', guard: "'setNoDelay' in s" },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'wrapInGuard',
              data: { guard: "'setNoDelay' in s" },
              output: `${HEADER}export function tune(s: net.Socket) {\n  if ('setNoDelay' in s) s.setNoDelay(true);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a request handler with no visible listen with requireTcp',
      code: `${HEADER}export const handler: http.RequestListener = (req) => {\n  req.socket.setNoDelay(true);\n};`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 'req.socket', method: 'setNoDelay', guard: "'setNoDelay' in req.socket" },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'wrapInGuard',
              data: { guard: "'setNoDelay' in req.socket" },
              output: `${HEADER}export const handler: http.RequestListener = (req) => {\n  if ('setNoDelay' in req.socket) req.socket.setNoDelay(true);\n};`,
            },
          ],
        },
      ],
    },
    {
      name: 'a server listening on process.env.PORT with requireTcp',
      code: `${HEADER}const server = http.createServer((req) => {\n  req.socket.setNoDelay(true);\n});\nserver.listen(process.env.PORT);`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcpMaybePipe',
          data: {
            subject: 'req.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in req.socket",
            evidence:
              'its server listens on `process.env.PORT`, a string that names a Unix socket or pipe unless it is all digits',
            line: 7,
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'wrapInGuard',
              data: { guard: "'setNoDelay' in req.socket" },
              output: `${HEADER}const server = http.createServer((req) => {\n  if ('setNoDelay' in req.socket) req.socket.setNoDelay(true);\n});\nserver.listen(process.env.PORT);`,
            },
          ],
        },
      ],
    },
    {
      name: 'an upgrade stream asserted to net.Socket',
      code: `${HEADER}const server = http.createServer();\nserver.on('upgrade', (req, socket, head) => {\n  (socket as net.Socket).setNoDelay(true);\n});`,
      output: `${HEADER}const server = http.createServer();\nserver.on('upgrade', (req, socket, head) => {\n  if ('setNoDelay' in socket) (socket as net.Socket).setNoDelay(true);\n});`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 36,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an angle-bracket assertion',
      code: `${HEADER}export function f(x: Duplex) {\n  (<net.Socket>x).setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  if ('setNoDelay' in x) (<net.Socket>x).setNoDelay(true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 29,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an assertion through unknown in a const',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as unknown as net.Socket;\n  s.setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as unknown as net.Socket;\n  if ('setNoDelay' in s) s.setNoDelay(true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an assertion from any that comes from the caller',
      code: `${HEADER}export function f(opts: { stream: any }) {\n  const s = opts.stream as net.Socket;\n  s.setKeepAlive(true);\n}`,
      output: `${HEADER}export function f(opts: { stream: any }) {\n  const s = opts.stream as net.Socket;\n  if (s != null && 'setKeepAlive' in s) s.setKeepAlive(true);\n}`,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "s != null && 'setKeepAlive' in s",
            evidence: '`opts.stream` comes from the caller and may be any stream',
            line: 5,
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an any receiver',
      code: `export function f(socket: any) {\n  socket.setNoDelay(true);\n}`,
      output: `export function f(socket: any) {\n  if (socket != null && 'setNoDelay' in socket) socket.setNoDelay(true);\n}`,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "socket != null && 'setNoDelay' in socket",
            evidence: '`socket` comes from the caller and may be any stream',
            line: 1,
          },
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'in on another member does not prove setNoDelay',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('write' in s) s.setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('write' in s) { if ('setNoDelay' in s) s.setNoDelay(true); }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      name: 'typeof on a stream member does not prove setNoDelay',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (typeof s.write === 'function') s.setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (typeof s.write === 'function') { if ('setNoDelay' in s) s.setNoDelay(true); }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard on another variable',
      code: `${HEADER}export function f(x: Duplex, y: net.Socket) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in y) s.setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex, y: net.Socket) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in y) { if ('setNoDelay' in s) s.setNoDelay(true); }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard of the wrong polarity',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (!('setNoDelay' in s)) s.setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (!('setNoDelay' in s)) { if ('setNoDelay' in s) s.setNoDelay(true); }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard after the call',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  s.setNoDelay(true);\n  if (!('setNoDelay' in s)) return;\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in s) s.setNoDelay(true);\n  if (!('setNoDelay' in s)) return;\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a || guard that does not exclude',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  ('setNoDelay' in s) || s.setNoDelay(true);\n}`,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in s" },
              output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  ('setNoDelay' in s) || ('setNoDelay' in s ? s.setNoDelay(true) : s);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a type predicate for another type',
      code: `${HEADER}declare function isReadable(x: unknown): x is Duplex;\nexport function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (isReadable(s)) s.setNoDelay(true);\n}`,
      output: `${HEADER}declare function isReadable(x: unknown): x is Duplex;\nexport function f(x: Duplex) {\n  const s = x as net.Socket;\n  if (isReadable(s)) { if ('setNoDelay' in s) s.setNoDelay(true); }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 34,
          suggestions: null,
        },
      ],
    },
    {
      name: 'try/finally does not catch',
      code: `${HEADER}export function f(x: Duplex) {\n  try {\n    (x as net.Socket).setNoDelay(true);\n  } finally {\n    x.end();\n  }\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  try {\n    if ('setNoDelay' in x) (x as net.Socket).setNoDelay(true);\n  } finally {\n    x.end();\n  }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      name: 'try/catch does not cover a callback',
      code: `${HEADER}export function f(x: Duplex) {\n  try {\n    x.on('data', () => (x as net.Socket).setNoDelay(true));\n  } catch {\n    // ignore\n  }\n}`,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 42,
          endLine: 6,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in x" },
              output: `${HEADER}export function f(x: Duplex) {\n  try {\n    x.on('data', () => ('setNoDelay' in x ? (x as net.Socket).setNoDelay(true) : (x as net.Socket)));\n  } catch {\n    // ignore\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'res.socket! asserted non-null',
      code: `${HEADER}http.createServer((req, res) => {\n  res.socket!.setNoDelay(true);\n}).listen(80);`,
      output: `${HEADER}http.createServer((req, res) => {\n  if (res.socket != null && 'setNoDelay' in res.socket) res.socket!.setNoDelay(true);\n}).listen(80);`,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'res.socket',
            method: 'setNoDelay',
            guard: "res.socket != null && 'setNoDelay' in res.socket",
            evidence: 'it is asserted non-null with `!` though it is typed `Socket | null`',
            line: 5,
          },
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a timer-like Duplex for socket-only members',
      code: `${HEADER}declare const d: Duplex;\n(d as net.Socket).ref();\n(d as net.Socket).setTimeout(100);`,
      output: `${HEADER}declare const d: Duplex;\nif ('ref' in d) (d as net.Socket).ref();\nif ('setTimeout' in d) (d as net.Socket).setTimeout(100);`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'd',
            method: 'ref',
            guard: "'ref' in d",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 22,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 'd',
            method: 'setTimeout',
            guard: "'setTimeout' in d",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 29,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a JavaScript file: res.socket may be null',
      filename: 'plain.js',
      code: `import * as http from 'node:http';\nhttp.createServer((req, res) => {\n  res.socket.setNoDelay(true);\n}).listen(80);`,
      output: `import * as http from 'node:http';\nhttp.createServer((req, res) => {\n  if (res.socket != null && 'setNoDelay' in res.socket) res.socket.setNoDelay(true);\n}).listen(80);`,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'res.socket',
            method: 'setNoDelay',
            guard: "res.socket != null && 'setNoDelay' in res.socket",
            evidence: 'it is typed `Socket | null`',
            line: 3,
          },
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'optional call shape on a Duplex',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  s?.setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in s) s?.setNoDelay(true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 6,
          endLine: 6,
          endColumn: 16,
          suggestions: null,
        },
      ],
    },
    {
      name: 'computed member shape',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  s['setNoDelay'](true);\n  s[\`setKeepAlive\`](true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in s) s['setNoDelay'](true);\n  if ('setKeepAlive' in s) s[\`setKeepAlive\`](true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 17,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 19,
          suggestions: null,
        },
      ],
    },
    {
      name: '.call and .bind shapes',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  s.setNoDelay.call(s, true);\n  const bound = s.setKeepAlive.bind(s);\n  bound(true);\n}`,
      output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  if ('setNoDelay' in s) s.setNoDelay.call(s, true);\n  const bound = s.setKeepAlive.bind(s);\n  bound(true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destructured method',
      code: `${HEADER}export function f(x: Duplex) {\n  const { setNoDelay } = x as net.Socket;\n  return setNoDelay;\n}`,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 21,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a value used in a chain gets a suggestion',
      code: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  return s.setNoDelay(true).setKeepAlive(true);\n}`,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in s" },
              output: `${HEADER}export function f(x: Duplex) {\n  const s = x as net.Socket;\n  return ('setNoDelay' in s ? s.setNoDelay(true) : s).setKeepAlive(true);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a body of an if without braces gets braces',
      code: `${HEADER}export function f(x: Duplex, fast: boolean) {\n  const s = x as net.Socket;\n  if (fast) s.setNoDelay(true); // fast path\n  else s.end();\n}`,
      output: `${HEADER}export function f(x: Duplex, fast: boolean) {\n  const s = x as net.Socket;\n  if (fast) { if ('setNoDelay' in s) s.setNoDelay(true); } // fast path\n  else s.end();\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a receiver with side effects gets no fix',
      code: `${HEADER}declare function next(): Duplex;\n(next() as net.Socket).setNoDelay(true);`,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'next()',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 24,
          endLine: 5,
          endColumn: 34,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a class field asserted from a Duplex',
      code: `${HEADER}export class Conn {\n  private socket: net.Socket;\n  constructor(stream: Duplex) {\n    this.socket = stream as net.Socket;\n  }\n  tune() {\n    this.socket.setNoDelay(true);\n  }\n}`,
      output: `${HEADER}export class Conn {\n  private socket: net.Socket;\n  constructor(stream: Duplex) {\n    this.socket = stream as net.Socket;\n  }\n  tune() {\n    if ('setNoDelay' in this.socket) this.socket.setNoDelay(true);\n  }\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'this.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in this.socket",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 7,
          },
          line: 10,
          column: 17,
          endLine: 10,
          endColumn: 27,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a generic constrained to Duplex',
      code: `${HEADER}export function f<T extends Duplex>(x: T) {\n  (x as unknown as net.Socket).setNoDelay(true);\n}`,
      output: `${HEADER}export function f<T extends Duplex>(x: T) {\n  if ('setNoDelay' in x) (x as unknown as net.Socket).setNoDelay(true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a union of socket and stream',
      code: `${HEADER}export function f(x: net.Socket | Duplex) {\n  (x as net.Socket).setNoDelay(true);\n}`,
      output: `${HEADER}export function f(x: net.Socket | Duplex) {\n  if ('setNoDelay' in x) (x as net.Socket).setNoDelay(true);\n}`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a let reassigned after a guard in a callback',
      code: `${HEADER}export function f(x: Duplex, y: Duplex) {\n  let s = x as net.Socket;\n  if (!('setNoDelay' in s)) return;\n  setImmediate(() => s.setNoDelay(true));\n  s = y as net.Socket;\n}`,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in s" },
              output: `${HEADER}export function f(x: Duplex, y: Duplex) {\n  let s = x as net.Socket;\n  if (!('setNoDelay' in s)) return;\n  setImmediate(() => ('setNoDelay' in s ? s.setNoDelay(true) : s));\n  s = y as net.Socket;\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a user class twin: a Duplex has no setNoDelay',
      code: `${HEADER}declare const conn: Duplex;\n(conn as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);`,
      output: `${HEADER}declare const conn: Duplex;\nif ('setNoDelay' in conn) (conn as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `{ setNoDelay(on: boolean): void; }` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 56,
          endLine: 5,
          endColumn: 66,
          suggestions: null,
        },
      ],
    },
    {
      name: 'custom methods option',
      code: `${HEADER}declare const d: Duplex;\n(d as net.Socket).resetAndDestroy();\n(d as net.Socket).setKeepAlive(true);`,
      options: [{ methods: ['resetAndDestroy'], socketOnlyMethods: [] }],
      output: `${HEADER}declare const d: Duplex;\nif ('resetAndDestroy' in d) (d as net.Socket).resetAndDestroy();\n(d as net.Socket).setKeepAlive(true);`,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'd',
            method: 'resetAndDestroy',
            guard: "'resetAndDestroy' in d",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 5,
          },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 34,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a class field reset to null and used in the same method',
      code: `${HEADER}export class Wrapper {
  socket: any;
  restart() {
    this.socket = null;
    this.socket.ref();
  }
}`,
      output: `${HEADER}export class Wrapper {
  socket: any;
  restart() {
    this.socket = null;
    if (this.socket != null && 'ref' in this.socket) this.socket.ref();
  }
}`,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'this.socket',
            method: 'ref',
            guard: "this.socket != null && 'ref' in this.socket",
            evidence: 'it is assigned `null`',
            line: 7,
          },
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a value that may be null passed to a local function without a check',
      code: `${HEADER}function tune(socket: any) {\n  socket.ref();\n}\nexport function start(input: { socket: any } | null) {\n  const socket = input ? input.socket : null;\n  tune(socket);\n}`,
      output: `${HEADER}function tune(socket: any) {\n  if (socket != null && 'ref' in socket) socket.ref();\n}\nexport function start(input: { socket: any } | null) {\n  const socket = input ? input.socket : null;\n  tune(socket);\n}`,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'socket',
            method: 'ref',
            guard: "socket != null && 'ref' in socket",
            evidence: 'it is assigned `null`',
            line: 8,
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 13,
          suggestions: null,
        },
      ],
    },
  ],
});
