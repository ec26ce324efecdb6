import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [],
  invalid: [
    {
      name: 'an upgrade stream asserted to net.Socket',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer();
server.on('upgrade', (req, socket, head) => {
  (socket as net.Socket).setNoDelay(true);
});
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer();
server.on('upgrade', (req, socket, head) => {
  if ('setNoDelay' in socket) (socket as net.Socket).setNoDelay(true);
});
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 7,
          },
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 36,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an angle-bracket assertion',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  (<net.Socket>x).setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  if ('setNoDelay' in x) (<net.Socket>x).setNoDelay(true);
}
      `,
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
          column: 19,
          endLine: 6,
          endColumn: 29,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an assertion through unknown in a const',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as unknown as net.Socket;
  s.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as unknown as net.Socket;
  if ('setNoDelay' in s) s.setNoDelay(true);
}
      `,
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
          column: 5,
          endLine: 7,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an assertion from any that comes from the caller',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(opts: { stream: any }) {
  const s = opts.stream as net.Socket;
  s.setKeepAlive(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(opts: { stream: any }) {
  const s = opts.stream as net.Socket;
  if (s != null && 'setKeepAlive' in s) s.setKeepAlive(true);
}
      `,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "s != null && 'setKeepAlive' in s",
            evidence: '`opts.stream` comes from the caller and may be any stream',
            line: 6,
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 17,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an any receiver',
      code: `
export function f(socket: any) {
  socket.setNoDelay(true);
}
      `,
      output: `
export function f(socket: any) {
  if (socket != null && 'setNoDelay' in socket) socket.setNoDelay(true);
}
      `,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "socket != null && 'setNoDelay' in socket",
            evidence: '`socket` comes from the caller and may be any stream',
            line: 2,
          },
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
  ],
});
