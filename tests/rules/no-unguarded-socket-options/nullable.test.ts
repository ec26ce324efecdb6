import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'res.socket?.setNoDelay()',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.createServer((req, res) => {
  res.socket?.setNoDelay(true);
}).listen(80);
      `,
    },
    {
      name: 'res.socket checked for null',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.createServer((req, res) => {
  if (res.socket) res.socket.setNoDelay(true);
  if (res.socket != null) res.socket.setKeepAlive(true);
}).listen(80);
      `,
    },
    // ---- checks on fields and at call sites
    {
      name: 'a class field checked for truthiness',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Wrapper {
  server: any;
  address() {
    if (this.server) this.server.address();
    if (!this.server) return null;
    return this.server.address();
  }
  close() {
    this.server = null;
  }
}
      `,
    },
    {
      name: 'a value checked at the call of a local function',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function tune(socket: any) {
  socket.ref();
}
export function start(input: { socket: any } | null) {
  const socket = input ? input.socket : null;
  if (socket) tune(socket);
}
      `,
    },
  ],
  invalid: [
    {
      name: 'res.socket! asserted non-null',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.createServer((req, res) => {
  res.socket!.setNoDelay(true);
}).listen(80);
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.createServer((req, res) => {
  if (res.socket != null && 'setNoDelay' in res.socket) res.socket!.setNoDelay(true);
}).listen(80);
      `,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'res.socket',
            method: 'setNoDelay',
            guard: "res.socket != null && 'setNoDelay' in res.socket",
            evidence: 'it is asserted non-null with `!` though it is typed `Socket | null`',
            line: 6,
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
      name: 'a JavaScript file: res.socket may be null',
      filename: 'plain.js',
      code: `
import * as http from 'node:http';
http.createServer((req, res) => {
  res.socket.setNoDelay(true);
}).listen(80);
      `,
      output: `
import * as http from 'node:http';
http.createServer((req, res) => {
  if (res.socket != null && 'setNoDelay' in res.socket) res.socket.setNoDelay(true);
}).listen(80);
      `,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'res.socket',
            method: 'setNoDelay',
            guard: "res.socket != null && 'setNoDelay' in res.socket",
            evidence: 'it is typed `Socket | null`',
            line: 4,
          },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a class field reset to null and used in the same method',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Wrapper {
  socket: any;
  restart() {
    this.socket = null;
    this.socket.ref();
  }
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Wrapper {
  socket: any;
  restart() {
    this.socket = null;
    if (this.socket != null && 'ref' in this.socket) this.socket.ref();
  }
}
      `,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'this.socket',
            method: 'ref',
            guard: "this.socket != null && 'ref' in this.socket",
            evidence: 'it is assigned `null`',
            line: 8,
          },
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a value that may be null passed to a local function without a check',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function tune(socket: any) {
  socket.ref();
}
export function start(input: { socket: any } | null) {
  const socket = input ? input.socket : null;
  tune(socket);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function tune(socket: any) {
  if (socket != null && 'ref' in socket) socket.ref();
}
export function start(input: { socket: any } | null) {
  const socket = input ? input.socket : null;
  tune(socket);
}
      `,
      errors: [
        {
          messageId: 'nullish',
          data: {
            subject: 'socket',
            method: 'ref',
            guard: "socket != null && 'ref' in socket",
            evidence: 'it is assigned `null`',
            line: 9,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 13,
          suggestions: null,
        },
      ],
    },
  ],
});
