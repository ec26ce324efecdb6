import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'members not in the options',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const d: Duplex;
(d as net.Socket).setEncoding('utf8');
      `,
      options: [{ methods: ['setNoDelay'], socketOnlyMethods: [] }],
    },
    {
      name: 'proven TCP with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect(8080);
c.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'the response socket of a client request with the default agent, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.get('http://example.com/', (res) => {
  res.socket.setNoDelay(true);
  res.resume();
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'new net.Socket() connected to a port later, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const s = new net.Socket();
s.connect(8080, 'localhost');
s.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a handler shared by two servers that listen on ports, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const handler: http.RequestListener = (req, res) => {
  req.socket.setNoDelay(true);
  res.end();
};
http.createServer(handler).listen(80);
http.createServer(handler).listen(8080);
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: "the connections of the server that an app's listen(port) returns, with requireTcp",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const app: { listen(target: number | string): http.Server };
const server = app.listen(3000);
server.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'guarded with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(s: net.Socket) {
  if ('setNoDelay' in s) s.setNoDelay(true);
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a net.Socket parameter behind a transport check, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function tune(s: net.Socket) {
  if (s.remoteFamily) s.setNoDelay(true);
}
      `,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a server listening on process.env.PORT, the call behind a transport check, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer((req) => {
  if (req.socket.remoteFamily) req.socket.setNoDelay(true);
});
server.listen(process.env.PORT);
      `,
      options: [{ requireTcp: true }],
    },
  ],
  invalid: [
    {
      name: 'the response socket of a callback that is exported as well, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function onResponse(res: http.IncomingMessage) {
  res.socket.setNoDelay(true);
}
http.get('http://example.com/', onResponse);
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 'res.socket', method: 'setNoDelay', guard: "'setNoDelay' in res.socket" },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'new net.Socket() passed on before it is connected, with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare function start(s: net.Socket): void;
const s = new net.Socket();
start(s);
s.connect(8080);
s.setNoDelay(true);
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 's', method: 'setNoDelay', guard: "'setNoDelay' in s" },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 13,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a net.Socket parameter from elsewhere with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function tune(s: net.Socket) {
  s.setNoDelay(true);
}
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 's', method: 'setNoDelay', guard: "'setNoDelay' in s" },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a request handler with no visible listen with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export const handler: http.RequestListener = (req) => {
  req.socket.setNoDelay(true);
};
      `,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'notTcp',
          data: { subject: 'req.socket', method: 'setNoDelay', guard: "'setNoDelay' in req.socket" },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a server listening on process.env.PORT with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer((req) => {
  req.socket.setNoDelay(true);
});
server.listen(process.env.PORT);
      `,
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
              'its server listens on `process.env.PORT`, a string that names a Unix domain socket or named pipe unless it is all digits',
            line: 8,
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'custom methods option',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const d: Duplex;
(d as net.Socket).resetAndDestroy();
(d as net.Socket).setKeepAlive(true);
      `,
      options: [{ methods: ['resetAndDestroy'], socketOnlyMethods: [] }],
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const d: Duplex;
if ('resetAndDestroy' in d) (d as net.Socket).resetAndDestroy();
(d as net.Socket).setKeepAlive(true);
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'd',
            method: 'resetAndDestroy',
            guard: "'resetAndDestroy' in d",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 34,
          suggestions: null,
        },
      ],
    },
  ],
});
