import rule from '../../../src/rules/no-http2-socket-manipulation.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-http2-socket-manipulation', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the in guard: false on the session proxy, never throws',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
if ('setNoDelay' in session.socket) session.socket.setNoDelay(true);
      `,
    },
    {
      name: 'members the session proxy forwards',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ServerHttp2Session;
session.socket.setTimeout(1000);
session.socket.unref();
console.log(session.socket.remoteAddress, session.socket.remotePort);
      `,
    },
  ],
  invalid: [
    {
      name: 'setNoDelay on the session proxy',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
session.socket.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'typeof on the session proxy throws too',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
if (typeof session.socket.setNoDelay === 'function') session.socket.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 37,
          suggestions: null,
        },
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 6,
          column: 69,
          endLine: 6,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
if (typeof session.socket.setNoDelay === 'function') {}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'optional call on the session proxy throws too',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ServerHttp2Session;
session.socket.setKeepAlive?.(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setKeepAlive',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: "Set keep-alive on the real socket in the server's 'connection' listener or in `createConnection`",
          },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 28,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destructuring from the session proxy',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
const { setNoDelay, remotePort } = session.socket;
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 19,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a session proxy through a variable',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
const client = http2.connect('https://example.com');
const sock = client.socket;
sock.end();
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'sock',
            member: 'end',
            evidence: '`client` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Call `session.close()` instead',
          },
          line: 7,
          column: 6,
          endLine: 7,
          endColumn: 9,
          suggestions: null,
        },
      ],
    },
    {
      name: 'stream.session.socket',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer().on('stream', (stream) => {
  stream.session?.socket.write('x');
});
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'stream.session?.socket',
            member: 'write',
            evidence: '`stream.session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Use the session or stream API instead',
          },
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    {
      name: 'req.stream.session.socket',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
http2.createServer((req) => {
  req.stream.session!.socket.setEncoding('utf8');
});
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'req.stream.session!.socket',
            member: 'setEncoding',
            evidence: '`req.stream.session!` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Read from the stream, not from the session socket',
          },
          line: 6,
          column: 30,
          endLine: 6,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destroy on the session proxy',
      code: `
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
declare const session: http2.ClientHttp2Session;
session.socket.destroy();
      `,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'destroy',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 6,
            advice: 'Call `session.destroy()` instead',
          },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 23,
          suggestions: null,
        },
      ],
    },
  ],
});
