import rule from '../../../src/rules/no-http2-socket-manipulation.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-http2-socket-manipulation', rule, {
  assertionOptions,
  valid: [
    {
      name: 'HTTP/1 proven by httpVersionMajor',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  if (req.httpVersionMajor === 1) req.socket.setNoDelay(true);
}
      `,
    },
    {
      name: "HTTP/1 proven by !('stream' in req)",
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  if (!('stream' in req)) req.socket.setKeepAlive(true);
}
      `,
    },
    {
      name: 'HTTP/1 proven by instanceof http.IncomingMessage',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  if (!(req instanceof http.IncomingMessage)) return;
  req.socket.setTimeout(0);
}
      `,
    },
    {
      name: 'compat proxy members that are forwarded safely',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req, res) => {
  console.log(req.socket.remoteAddress);
  res.socket.on('close', () => {});
  req.setTimeout(0);
});
      `,
    },
    {
      name: 'an HTTP/1 server request socket',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http.createServer((req, res) => {
  req.socket.pause();
  res.socket?.write('x');
}).listen(80);
      `,
    },
    {
      name: 'destroy with destroyThrows off',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
session.socket.destroy();
      `,
      options: [{ destroyThrows: false }],
    },
    {
      name: 'a write on something else',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
const sink = { write(chunk: string) { return chunk; } };
sink.write('x');
declare const socket: net.Socket;
socket.write('x');
      `,
    },
  ],
  invalid: [
    {
      name: 'pause on a compat socket',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req, res) => {
  req.socket.pause();
});
      `,
      output: null,
      errors: [
        {
          messageId: 'compatThrows',
          data: {
            subject: 'req.socket',
            member: 'pause',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 6,
            owner: 'req',
            when: '',
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useStream',
              data: { owner: 'req', member: 'pause' },
              output: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req, res) => {
  req.pause();
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'write on a compat response connection',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createSecureServer({}, (req, res) => {
  res.connection.write('data');
});
      `,
      output: null,
      errors: [
        {
          messageId: 'compatThrows',
          data: {
            subject: 'res.connection',
            member: 'write',
            evidence: '`res` is an HTTP/2 compatibility response',
            line: 6,
            owner: 'res',
            when: '',
          },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 23,
          suggestions: null,
        },
      ],
    },
    {
      name: 'setTimeout(0) on a compat socket retunes the session',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req, res) => {
  req.socket.setTimeout(0);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'compatShared',
          data: {
            subject: 'req.socket',
            member: 'setTimeout',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 6,
            owner: 'req',
            when: '',
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useStream',
              data: { owner: 'req', member: 'setTimeout' },
              output: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req, res) => {
  req.setTimeout(0);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a request that may be HTTP/2',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  req.socket.setNoDelay(true);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'compatShared',
          data: {
            subject: 'req.socket',
            member: 'setNoDelay',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 6,
            owner: 'req',
            when: ' when the request is HTTP/2',
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'onlyHttp1',
              data: { guard: 'req.httpVersionMajor === 1' },
              output: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  if (req.httpVersionMajor === 1) req.socket.setNoDelay(true);
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'an HTTP/1 check of the wrong polarity',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  if ('stream' in req) req.socket.setKeepAlive(true);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'compatShared',
          data: {
            subject: 'req.socket',
            member: 'setKeepAlive',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 6,
            owner: 'req',
            when: '',
          },
          line: 6,
          column: 35,
          endLine: 6,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {
  if ('stream' in req) {}
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'the in guard does not help a compat write',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req) => {
  if ('write' in req.socket) req.socket.write('x');
});
      `,
      output: null,
      errors: [
        {
          messageId: 'compatThrows',
          data: {
            subject: 'req.socket',
            member: 'write',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 6,
            owner: 'req',
            when: '',
          },
          line: 6,
          column: 41,
          endLine: 6,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
  ],
});
