// Options copied from a caller's and given a port and a host by the code (`{ ...socketOptions, host, port }`,
// `opts = clone(user); opts.host = h; opts.port = p`): the port decides, as with `connect(port, host, options)`; a
// `path` among the caller's options would win over both, but nobody passes one with a port and a host
// (realworld/FINDINGS.md, amqplib's `sockopts`). Each valid case fails without portWithHost (src/engine/endpoints.ts:
// "nothing proves TCP" under requireTcp; the cases with an if … else also fail without mutated's branches in
// src/engine/options-shape.ts, the builder case without returnedParameter there); the twins take away the host or
// the else, or set the path in the code or in what this call gives the builder.
import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';
import { notTcp } from './errors.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: "a spread of the caller's options with a host and a port after it",
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, host: string) {
  const socket = net.connect({ ...user, host, port: 5432 });
  socket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a clone given a host and a port in both branches of an if, connected with tls or net (plain JavaScript)',
      filename: 'plain.js',
      code: `
const net = require('net');
const tls = require('tls');
function clone(o) { return Object.assign({}, o); }
function connect(socketOptions, url, secure) {
  const sockopts = clone(socketOptions || {});
  if (typeof url === 'object') {
    sockopts.host = url.hostname;
    sockopts.port = Number(url.port) || 5672;
  } else {
    const parts = new URL(url);
    sockopts.host = parts.hostname;
    sockopts.port = parseInt(parts.port, 10) || 5672;
  }
  let sock;
  function onConnect() { sock.setNoDelay(true); }
  if (secure) sock = tls.connect(sockopts, onConnect);
  else sock = net.connect(sockopts, onConnect);
}
module.exports = { connect };
`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a copy given a host and a port in each branch of an if … else',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, url?: URL) {
  const o = { ...user };
  if (url) {
    o.host = url.hostname;
    o.port = Number(url.port);
  } else {
    o.host = 'localhost';
    o.port = 5432;
  }
  net.connect(o).setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a builder that returns the object it is given, called elsewhere with an unknown object (plain JavaScript)',
      filename: 'plain.js',
      code: `
const net = require('net');
function copyInto(from, to) {
  for (const key of Object.keys(from)) to[key] = from[key];
  return to;
}
const env = copyInto(process.env, Object.create(null));
function open(user) {
  const o = copyInto(user || {}, {});
  o.host = 'db.internal';
  o.port = 5432;
  const socket = net.connect(o);
  socket.setNoDelay(true);
}
module.exports = { open, env };
`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a host and a port in every branch of an else if chain',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, url?: URL, local?: boolean) {
  const o = { ...user };
  if (url) {
    o.host = url.hostname;
    o.port = Number(url.port);
  } else if (local) {
    o.host = 'localhost';
    o.port = 5432;
  } else {
    o.host = 'db.internal';
    o.port = 5432;
  }
  const socket = net.connect(o);
  socket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
    },
  ],
  invalid: [
    {
      name: 'twin: this call gives the builder an object with a path',
      filename: 'plain.js',
      code: `
const net = require('net');
function copyInto(from, to) {
  for (const key of Object.keys(from)) to[key] = from[key];
  return to;
}
const env = copyInto(process.env, Object.create(null));
function open(user) {
  const o = copyInto(user || {}, { path: '/run/db.sock' });
  o.host = 'db.internal';
  o.port = 5432;
  const socket = net.connect(o);
  socket.setNoDelay(true);
}
module.exports = { open, env };
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `net.connect(…)` with the path `'/run/db.sock'`",
            line: 9,
          },
          line: 13,
          column: 10,
          endLine: 13,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'twin: an if without an else (the copy may keep whatever it had)',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, url?: URL) {
  const o = { ...user };
  if (url) {
    o.host = url.hostname;
    o.port = Number(url.port);
  }
  const socket = net.connect(o);
  socket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('socket', 10, 10)],
    },
    {
      name: 'twin: an else if without a final else (neither branch may run)',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, url?: URL, local?: boolean) {
  const o = { ...user };
  if (url) {
    o.host = url.hostname;
    o.port = Number(url.port);
  } else if (local) {
    o.host = 'localhost';
    o.port = 5432;
  }
  const socket = net.connect(o);
  socket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('socket', 13, 10)],
    },
    {
      name: 'twin: the other branch sets a path',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, socketPath: string, url?: URL) {
  const o = { ...user };
  if (url) {
    o.host = url.hostname;
    o.port = Number(url.port);
  } else {
    o.path = socketPath;
  }
  const socket = net.connect(o);
  socket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is created by `net.connect(…)` with the path `socketPath`',
            line: 9,
          },
          line: 12,
          column: 10,
          endLine: 12,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'twin: a port without a host',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts) {
  const socket = net.connect({ ...user, port: 5432 });
  socket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('socket', 5, 10)],
    },
    {
      name: 'twin: the code sets the path as well',
      code: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, host: string, socketPath: string) {
  const socket = net.connect({ ...user, host, port: 5432, path: socketPath });
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
            guard: "'setNoDelay' in socket",
            evidence: 'it is created by `net.connect(…)` with the path `socketPath`',
            line: 4,
          },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
export function open(user: net.NetConnectOpts, host: string, socketPath: string) {
  const socket = net.connect({ ...user, host, port: 5432, path: socketPath });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
