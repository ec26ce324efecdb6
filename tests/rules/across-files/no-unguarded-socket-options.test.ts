/**
 * no-unguarded-socket-options, with values followed across functions and files: a multi-file program in
 * tests/fixtures/program (TypeScript and JavaScript, ESM and CommonJS). The linted file is the virtual file.ts,
 * file.cjs or file.mjs of that program; the other files are on disk and call, import or listen on what it defines.
 */
import path from 'node:path';
import noUnguardedSocketOptions from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const program = typedRuleTester(path.join(fixtures, 'program'));

program.run('no-unguarded-socket-options (across files)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'CommonJS: a helper exported to a module that calls it with the sockets of a TCP server',
      filename: 'file.cjs',
      code: `
function tuneTcp(socket) {
  socket.setNoDelay(true);
}
module.exports = { tuneTcp };
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a connection factory in another module that connects to a port',
      code: `
import { openTcp } from './connections.js';
const c = openTcp();
c.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a server exported to a module that listens on it on a port',
      code: `
import * as net from 'node:net';
export const tcpServer = net.createServer((socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a server factory whose caller in another module listens on a port',
      code: `
import * as net from 'node:net';
export function createTcpApp() {
  return net.createServer((socket) => {
    socket.setNoDelay(true);
  });
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'ESM JavaScript: a class wrapper built in another module around the sockets of a TCP server',
      filename: 'file.mjs',
      code: `
export class TcpConnection {
  constructor(socket) {
    this.socket = socket;
  }
  tune() {
    this.socket.setNoDelay(true);
  }
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'options built in another module from defaults with a port, merged with Object.assign',
      code: `
import * as net from 'node:net';
import { tcpOptions } from './options.js';
const opts = Object.assign({}, tcpOptions(), { host: 'db' });
const c = net.connect(opts);
c.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'JavaScript: a path deleted from the options before the connect',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
const opts = { host: 'db', path: '/tmp/db.sock' };
delete opts.path;
opts.port = 5432;
const c = net.connect(opts);
c.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: "JavaScript: options without a path, proven by !('path' in opts)",
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export function open(ipc) {
  const opts = ipc ? { path: '/tmp/db.sock' } : { port: 5432 };
  if (!('path' in opts)) net.connect(opts).setNoDelay(true);
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'CommonJS: a boolean helper of another module that proves TCP guards the call',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
const { isTcp } = require('./guards.cjs');
net.createServer((socket) => {
  if (isTcp(socket)) socket.setNoDelay(true);
}).listen('/tmp/g.sock');
      `,
    },
  ],
  invalid: [
    {
      name: 'options built in another module with a path, spread into the options of the connect',
      code: `
import * as net from 'node:net';
import { ipcOptions } from './options.js';
const opts = { ...ipcOptions() };
const c = net.connect(opts);
c.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setNoDelay',
            guard: "'setNoDelay' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/run/app.sock'`",
            line: '5 of options.ts',
          },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import { ipcOptions } from './options.js';
const opts = { ...ipcOptions() };
const c = net.connect(opts);
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'JavaScript: a path set on the options later, on one branch',
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export function open(ipc) {
  const opts = { host: 'db', port: 5432 };
  if (ipc) opts.path = '/tmp/db.sock';
  const c = net.connect(opts);
  c.setNoDelay(true);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'c',
            method: 'setNoDelay',
            guard: "c != null && 'setNoDelay' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/db.sock'`",
            line: '5',
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: "JavaScript: options with a path on one branch, without the 'path' in opts test",
      filename: 'file.mjs',
      code: `
import net from 'node:net';
export function open(ipc) {
  const opts = ipc ? { path: '/tmp/db.sock' } : { port: 5432 };
  net.connect(opts).setNoDelay(true);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'net.connect(opts)',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/db.sock'`",
            line: '4',
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
      name: 'CommonJS: a boolean helper of another module that does not prove TCP',
      filename: 'file.cjs',
      code: `
const net = require('node:net');
const { isOpen } = require('./guards.cjs');
net.createServer((socket) => {
  if (isOpen(socket)) socket.setNoDelay(true);
}).listen('/tmp/g.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "socket != null && 'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/g.sock'`",
            line: '6',
          },
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const net = require('node:net');
const { isOpen } = require('./guards.cjs');
net.createServer((socket) => {
  if (isOpen(socket)) {}
}).listen('/tmp/g.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a server exported to a module that listens on it on a Unix socket',
      code: `
import * as net from 'node:net';
export const unixServer = net.createServer((socket) => {
  socket.setNoDelay(true);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/unix.sock'`",
            line: '4 of listen.ts',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
export const unixServer = net.createServer((socket) => {
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a server factory whose caller in another module listens on a Unix socket',
      code: `
import * as net from 'node:net';
export function createUnixApp() {
  return net.createServer((socket) => {
    socket.setNoDelay(true);
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: '6 of listen.ts',
          },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
export function createUnixApp() {
  return net.createServer((socket) => {
  });
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'ESM JavaScript: a class wrapper built in another module around the sockets of a Unix-socket server',
      filename: 'file.mjs',
      code: `
export class Connection {
  constructor(socket) {
    this.socket = socket;
  }
  tune() {
    this.socket.setNoDelay(true);
  }
}
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'this.socket',
            method: 'setNoDelay',
            guard: "this.socket != null && 'setNoDelay' in this.socket",
            evidence: "its server listens on the path `'/tmp/wrap.sock'`",
            line: '5 of wrappers.mjs',
          },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
export class Connection {
  constructor(socket) {
    this.socket = socket;
  }
  tune() {
  }
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: "CommonJS: a helper that the package's entry point exports takes any stream from the caller",
      filename: 'file.cjs',
      code: `
function tunePublic(socket) {
  socket.setNoDelay(true);
}
module.exports = { tunePublic };
      `,
      output: `
function tunePublic(socket) {
  if (socket != null && 'setNoDelay' in socket) socket.setNoDelay(true);
}
module.exports = { tunePublic };
      `,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "socket != null && 'setNoDelay' in socket",
            evidence: '`socket` comes from the caller and may be any stream',
            line: '2',
          },
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'CommonJS: a helper exported to a module that calls it with the sockets of a Unix-socket server',
      filename: 'file.cjs',
      code: `
function tune(socket) {
  socket.setNoDelay(true);
}
module.exports = { tune };
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "socket != null && 'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: '5 of callers.cjs',
          },
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
function tune(socket) {
}
module.exports = { tune };
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a connection factory in another module that connects to a path',
      code: `
import { openIpc } from './connections.js';
const c = openIpc();
c.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setNoDelay',
            guard: "'setNoDelay' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/ipc.sock'`",
            line: '5 of connections.ts',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import { openIpc } from './connections.js';
const c = openIpc();
      `,
            },
          ],
        },
      ],
    },
  ],
});
