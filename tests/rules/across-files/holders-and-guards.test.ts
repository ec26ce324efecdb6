/**
 * no-unguarded-socket-options, with values kept in holders and guards stored away from the call: class fields that
 * hold a flag next to the socket, module constants that test the socket's target, arrays, sets and maps of sockets,
 * object-literal holders (also returned by a function), `const self = this`, methods bound with `.bind(this)`,
 * `module.exports = function`, and targets passed as parameters. The linted file is the virtual file.ts, file.cjs or
 * file.mjs of the program in tests/fixtures/program (hosts.ts calls what it defines), and file.cjs of
 * tests/fixtures/program-clients (clients.cjs calls it).
 */
import path from 'node:path';
import noUnguardedSocketOptions from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const program = typedRuleTester(path.join(fixtures, 'program'));

program.run('no-unguarded-socket-options (holders and stored guards)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'JavaScript: a TCP flag stored in a field next to the socket, from the options it was created with',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export class DbConnection {
  constructor(opts) {
    this.isTcp = !opts.path;
    this.socket = net.connect(opts);
  }
  tune() {
    if (this.isTcp) this.socket.setNoDelay(true);
  }
}
new DbConnection({ path: '/tmp/db.sock' }).tune();
      `,
    },
    {
      name: 'an instanceof test stored in a field of the class that holds the stream',
      code: `
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
export class Tunnel {
  private readonly tcp: boolean;
  constructor(private readonly stream: Duplex) {
    this.tcp = stream instanceof net.Socket;
  }
  start(): void {
    if (this.tcp) (this.stream as net.Socket).setNoDelay(true);
  }
}
      `,
    },
    {
      name: 'CommonJS: a const of the module that says the socket path is empty',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
const socketPath = process.env.REDIS_SOCKET;
const useTcp = !socketPath;
function open() {
  const socket = socketPath ? net.connect(socketPath) : net.connect(6379, 'localhost');
  socket.on('connect', () => {
    if (useTcp) socket.setNoDelay(true);
  });
  return socket;
}
module.exports = { open };
      `,
    },
    {
      name: 'JavaScript: sockets pushed into an array with a port, tuned in forEach',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export class TcpPool {
  constructor(port, size) {
    this.sockets = [];
    for (let i = 0; i < size; i++) this.sockets.push(net.connect(port, 'localhost'));
  }
  tune() {
    this.sockets.forEach((socket) => socket.setNoDelay(true));
  }
}
new TcpPool(7000, 4).tune();
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a map filled with the sockets of a TCP server',
      code: `
import * as net from 'node:net';
const clients = new Map<number, net.Socket>();
let next = 0;
net
  .createServer((socket) => {
    clients.set(next++, socket);
  })
  .listen(7001);
export function keepAlive(id: number): void {
  clients.get(id)?.setKeepAlive(true);
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'JavaScript: an object holder whose socket was replaced by a TCP one before the call',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
const conn = { id: 1, socket: net.connect('/tmp/setup.sock') };
conn.socket.end('setup done');
conn.socket = net.connect(6000, 'localhost');
conn.socket.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'JavaScript: const self = this in a constructor function, connected to a port',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
function TcpClient(port) {
  const self = this;
  self.socket = net.connect(port, '127.0.0.1');
  self.socket.on('connect', function () {
    self.socket.setNoDelay(true);
  });
}
module.exports = { TcpClient };
new TcpClient(4000);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a method bound with .bind(this), registered on a server held in a field and listened on a port elsewhere',
      code: `
import * as net from 'node:net';
export class TcpService {
  readonly server = net.createServer();
  constructor() {
    this.server.on('connection', this.onConnection.bind(this));
  }
  private onConnection(socket: net.Socket): void {
    socket.setKeepAlive(true, 60_000);
  }
}
export class Service {
  readonly server = net.createServer();
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'JavaScript: a connect target passed as a parameter by every caller, a port',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
function open(target) {
  const socket = net.connect(target);
  socket.setNoDelay(true);
  return socket;
}
open(6379);
open('6380');
      `,
      options: [{ requireTcp: true }],
    },
  ],
  invalid: [
    {
      name: 'JavaScript: a flag stored in a field next to the socket that says nothing of its target',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export class DbConnection {
  constructor(opts) {
    this.ready = !opts.lazy;
    this.socket = net.connect(opts);
  }
  tune() {
    if (this.ready) this.socket.setNoDelay(true);
  }
}
new DbConnection({ path: '/tmp/db.sock' }).tune();
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'this.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in this.socket",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/db.sock'`",
            line: '12',
          },
          line: 9,
          column: 33,
          endLine: 9,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import net from 'node:net';
export class DbConnection {
  constructor(opts) {
    this.ready = !opts.lazy;
    this.socket = net.connect(opts);
  }
  tune() {
    if (this.ready) {}
  }
}
new DbConnection({ path: '/tmp/db.sock' }).tune();
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'an instanceof test stored in a field, of another stream than the one called',
      code: `
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
export class Tunnel {
  private readonly tcp: boolean;
  constructor(private readonly stream: Duplex, other: Duplex) {
    this.tcp = other instanceof net.Socket;
  }
  start(): void {
    if (this.tcp) (this.stream as net.Socket).setNoDelay(true);
  }
}
      `,
      output: `
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
export class Tunnel {
  private readonly tcp: boolean;
  constructor(private readonly stream: Duplex, other: Duplex) {
    this.tcp = other instanceof net.Socket;
  }
  start(): void {
    if (this.tcp) { if ('setNoDelay' in this.stream) (this.stream as net.Socket).setNoDelay(true); }
  }
}
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'this.stream',
            method: 'setNoDelay',
            guard: "'setNoDelay' in this.stream",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: '10',
          },
          line: 10,
          column: 47,
          endLine: 10,
          endColumn: 57,
          suggestions: null,
        },
      ],
    },
    {
      name: 'CommonJS: a const of the module that says another path is empty',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
const controlPath = process.env.CONTROL_SOCKET;
const dataPath = process.env.DATA_SOCKET || '/tmp/data.sock';
const tcpControl = !controlPath;
const data = net.connect(dataPath);
if (tcpControl) data.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'data',
            method: 'setNoDelay',
            guard: "'setNoDelay' in data",
            evidence: 'it is created by `net.connect(…)` with the path `dataPath`',
            line: '6',
          },
          line: 7,
          column: 22,
          endLine: 7,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const net = require('node:net');
const controlPath = process.env.CONTROL_SOCKET;
const dataPath = process.env.DATA_SOCKET || '/tmp/data.sock';
const tcpControl = !controlPath;
const data = net.connect(dataPath);
if (tcpControl) {}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'JavaScript: sockets pushed into an array with a path, tuned in a for-of loop',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export class Pool {
  constructor(target, size) {
    this.sockets = [];
    for (let i = 0; i < size; i++) this.sockets.push(net.connect(target));
  }
  tune() {
    for (const socket of this.sockets) socket.setNoDelay(true);
  }
}
new Pool('/var/run/worker.sock', 4).tune();
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `net.connect(…)` with the path `'/var/run/worker.sock'`",
            line: '12',
          },
          line: 9,
          column: 47,
          endLine: 9,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import net from 'node:net';
export class Pool {
  constructor(target, size) {
    this.sockets = [];
    for (let i = 0; i < size; i++) this.sockets.push(net.connect(target));
  }
  tune() {
    for (const socket of this.sockets) {}
  }
}
new Pool('/var/run/worker.sock', 4).tune();
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a map filled with the sockets of a Unix-socket server',
      code: `
import * as net from 'node:net';
const clients = new Map<number, net.Socket>();
let next = 0;
net
  .createServer((socket) => {
    clients.set(next++, socket);
  })
  .listen('/tmp/registry.sock');
export function keepAlive(id: number): void {
  clients.get(id)?.setKeepAlive(true);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'clients.get(id)',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in socket",
            evidence: "its server listens on the path `'/tmp/registry.sock'`",
            line: '9',
          },
          line: 11,
          column: 20,
          endLine: 11,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
const clients = new Map<number, net.Socket>();
let next = 0;
net
  .createServer((socket) => {
    clients.set(next++, socket);
  })
  .listen('/tmp/registry.sock');
export function keepAlive(id: number): void {
  clients.get(id);
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'an object holder returned by a function, with a socket on a path',
      code: `
import * as net from 'node:net';
function connectWorker(id: number) {
  return { id, socket: net.connect(\`/tmp/worker-\${id}.sock\`) };
}
const worker = connectWorker(1);
worker.socket.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'worker.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in worker.socket",
            evidence: 'it is created by `net.connect(…)` with the path ``/tmp/worker-${id}.sock``',
            line: '4',
          },
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
function connectWorker(id: number) {
  return { id, socket: net.connect(\`/tmp/worker-\${id}.sock\`) };
}
const worker = connectWorker(1);
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'JavaScript: const self = this in a constructor function, connected to a path',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
function Client(path) {
  const self = this;
  self.socket = net.connect(path);
  self.socket.on('connect', function () {
    self.socket.setNoDelay(true);
  });
}
module.exports = { Client };
new Client('/tmp/agent.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'self.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in self.socket",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/agent.sock'`",
            line: '11',
          },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const net = require('node:net');
function Client(path) {
  const self = this;
  self.socket = net.connect(path);
}
module.exports = { Client };
new Client('/tmp/agent.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a method bound with .bind(this), registered on a server held in a field and listened on a path elsewhere',
      code: `
import * as net from 'node:net';
export class Service {
  readonly server = net.createServer();
  constructor() {
    this.server.on('connection', this.onConnection.bind(this));
  }
  private onConnection(socket: net.Socket): void {
    socket.setKeepAlive(true, 60_000);
  }
}
export class TcpService {
  readonly server = net.createServer();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in socket",
            evidence: "its server listens on the path `'/tmp/service.sock'`",
            line: '4 of hosts.ts',
          },
          line: 9,
          column: 12,
          endLine: 9,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
export class Service {
  readonly server = net.createServer();
  constructor() {
    this.server.on('connection', this.onConnection.bind(this));
  }
  private onConnection(socket: net.Socket): void {
  }
}
export class TcpService {
  readonly server = net.createServer();
}
      `,
            },
          ],
        },
      ],
    },
  ],
});

// A program of its own: tests/fixtures/program has other callers of what file.cjs assigns to module.exports
// (default-callers.cjs passes a socket), which would be callers of this factory too.
const clients = typedRuleTester(path.join(fixtures, 'program-clients'));

clients.run('no-unguarded-socket-options (module.exports = function)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [],
  invalid: [
    {
      name: 'CommonJS: module.exports = function, called in another module with a path',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
module.exports = function createClient(options) {
  const socket = net.connect(options);
  socket.setNoDelay(true);
  return socket;
};
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `net.connect(…)` with the path `'/var/run/stats.sock'`",
            line: '4 of clients.cjs',
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const net = require('node:net');
module.exports = function createClient(options) {
  const socket = net.connect(options);
  return socket;
};
      `,
            },
          ],
        },
      ],
    },
  ],
});
