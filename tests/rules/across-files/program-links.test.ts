/**
 * no-unguarded-socket-options (`requireTcp`) with the transport read from another module of tests/fixtures/program:
 * a server imported from its declaration (servers.ts, by `import` and by `require`), a server of the linted file
 * read through a namespace import (namespace.ts), connection factories assigned to `exports` (factories.cjs), and
 * default exports called under other names (default-callers.ts and .cjs).
 * Each valid case has an invalid twin that differs only in which of the two declarations it names.
 */
import path from 'node:path';
import noUnguardedSocketOptions from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const program = typedRuleTester(path.join(fixtures, 'program'));

program.run('no-unguarded-socket-options (links between modules)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'the connections of a server imported from the module that listens on it on a port',
      code: `
import { portServer } from './servers.js';
portServer.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'CommonJS: the same server by require',
      filename: 'file.cjs',
      code: `
const { portServer } = require('./servers.js');
portServer.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'CommonJS: the same server by a member of require',
      filename: 'file.cjs',
      code: `
const server = require('./servers.js').portServer;
server.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a server of this module that another module listens on, on a port, through a namespace import',
      code: `
import * as net from 'node:net';
export const namespacePortServer = net.createServer((socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'CommonJS: a connection from a factory assigned to exports that connects to a port',
      filename: 'file.cjs',
      code: `
const { openPort } = require('./factories.cjs');
const c = openPort();
c.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'CommonJS: a function assigned to module.exports that another module requires and calls with a TCP socket',
      filename: 'file.cjs',
      code: `
module.exports = function (socket) {
  socket.setNoDelay(true);
};
      `,
      options: [{ requireTcp: true }],
    },
  ],
  invalid: [
    {
      name: 'the connections of a server imported from the module that listens on it on a Unix socket',
      code: `
import { socketServer } from './servers.js';
socketServer.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "its server listens on the path `'/tmp/socket-server.sock'`",
            line: '8 of servers.ts',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import { socketServer } from './servers.js';
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: the same server by require',
      filename: 'file.cjs',
      code: `
const { socketServer } = require('./servers.js');
socketServer.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "its server listens on the path `'/tmp/socket-server.sock'`",
            line: '8 of servers.ts',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const { socketServer } = require('./servers.js');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: the same server by a member of require',
      filename: 'file.cjs',
      code: `
const server = require('./servers.js').socketServer;
server.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "its server listens on the path `'/tmp/socket-server.sock'`",
            line: '8 of servers.ts',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const server = require('./servers.js').socketServer;
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a server of this module that another module listens on, on a Unix socket, through a namespace import',
      code: `
import * as net from 'node:net';
export const namespacePipeServer = net.createServer((socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "its server listens on the path `'/tmp/namespace.sock'`",
            line: '5 of namespace.ts',
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
export const namespacePipeServer = net.createServer((socket) => {
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'CommonJS: a connection from a factory assigned to exports that connects to a Unix socket',
      filename: 'file.cjs',
      code: `
const { openPipe } = require('./factories.cjs');
const c = openPipe();
c.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setNoDelay',
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/factory.sock'`",
            line: '9 of factories.cjs',
          },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const { openPipe } = require('./factories.cjs');
const c = openPipe();
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a default export that another module imports under its own name and calls with a Unix socket',
      code: `
import type * as net from 'node:net';
export default function tune(socket: net.Socket) {
  socket.setNoDelay(true);
}
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/default.sock'`",
            line: '5 of default-callers.ts',
          },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import type * as net from 'node:net';
export default function tune(socket: net.Socket) {
}
      `,
            },
          ],
        },
      ],
    },
  ],
});
