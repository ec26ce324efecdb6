import rule from '../../src/rules/no-http2-socket-manipulation.ts';
import { assertionOptions, typedRuleTester } from '../rule-tester.ts';

const ruleTester = typedRuleTester();

const HEADER = `import * as http from 'node:http';\nimport * as http2 from 'node:http2';\nimport * as net from 'node:net';\n`;

ruleTester.run('no-http2-socket-manipulation', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the in guard: false on the session proxy, never throws',
      code: `${HEADER}declare const session: http2.ClientHttp2Session;\nif ('setNoDelay' in session.socket) session.socket.setNoDelay(true);`,
    },
    {
      name: 'members the session proxy forwards',
      code: `${HEADER}declare const session: http2.ServerHttp2Session;\nsession.socket.setTimeout(1000);\nsession.socket.unref();\nconsole.log(session.socket.remoteAddress, session.socket.remotePort);`,
    },
    {
      name: 'HTTP/1 proven by httpVersionMajor',
      code: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  if (req.httpVersionMajor === 1) req.socket.setNoDelay(true);\n}`,
    },
    {
      name: "HTTP/1 proven by !('stream' in req)",
      code: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  if (!('stream' in req)) req.socket.setKeepAlive(true);\n}`,
    },
    {
      name: 'HTTP/1 proven by instanceof http.IncomingMessage',
      code: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  if (!(req instanceof http.IncomingMessage)) return;\n  req.socket.setTimeout(0);\n}`,
    },
    {
      name: 'compat proxy members that are forwarded safely',
      code: `${HEADER}http2.createServer((req, res) => {\n  console.log(req.socket.remoteAddress);\n  res.socket.on('close', () => {});\n  req.setTimeout(0);\n});`,
    },
    {
      name: 'an HTTP/1 server request socket',
      code: `${HEADER}http.createServer((req, res) => {\n  req.socket.pause();\n  res.socket?.write('x');\n}).listen(80);`,
    },
    {
      name: 'destroy with destroyThrows off',
      code: `${HEADER}declare const session: http2.ClientHttp2Session;\nsession.socket.destroy();`,
      options: [{ destroyThrows: false }],
    },
    {
      name: 'a write on something else',
      code: `${HEADER}const sink = { write(chunk: string) { return chunk; } };\nsink.write('x');\ndeclare const socket: net.Socket;\nsocket.write('x');`,
    },
  ],
  invalid: [
    {
      name: 'setNoDelay on the session proxy',
      code: `${HEADER}declare const session: http2.ClientHttp2Session;\nsession.socket.setNoDelay(true);`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}declare const session: http2.ClientHttp2Session;\n`,
            },
          ],
        },
      ],
    },
    {
      name: 'typeof on the session proxy throws too',
      code: `${HEADER}declare const session: http2.ClientHttp2Session;\nif (typeof session.socket.setNoDelay === 'function') session.socket.setNoDelay(true);`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 37,
          suggestions: null,
        },
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 5,
          column: 69,
          endLine: 5,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}declare const session: http2.ClientHttp2Session;\nif (typeof session.socket.setNoDelay === 'function') {}`,
            },
          ],
        },
      ],
    },
    {
      name: 'optional call on the session proxy throws too',
      code: `${HEADER}declare const session: http2.ServerHttp2Session;\nsession.socket.setKeepAlive?.(true);`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setKeepAlive',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: "Set keep-alive on the real socket in the server's 'connection' listener or in `createConnection`",
          },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 28,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destructuring from the session proxy',
      code: `${HEADER}declare const session: http2.ClientHttp2Session;\nconst { setNoDelay, remotePort } = session.socket;`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'setNoDelay',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 19,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a session proxy through a variable',
      code: `${HEADER}const client = http2.connect('https://example.com');\nconst sock = client.socket;\nsock.end();`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'sock',
            member: 'end',
            evidence: '`client` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Call `session.close()` instead',
          },
          line: 6,
          column: 6,
          endLine: 6,
          endColumn: 9,
          suggestions: null,
        },
      ],
    },
    {
      name: 'stream.session.socket',
      code: `${HEADER}http2.createServer().on('stream', (stream) => {\n  stream.session?.socket.write('x');\n});`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'stream.session?.socket',
            member: 'write',
            evidence: '`stream.session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Use the session or stream API instead',
          },
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    {
      name: 'req.stream.session.socket',
      code: `${HEADER}http2.createServer((req) => {\n  req.stream.session!.socket.setEncoding('utf8');\n});`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'req.stream.session!.socket',
            member: 'setEncoding',
            evidence: '`req.stream.session!` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Read from the stream, not from the session socket',
          },
          line: 5,
          column: 30,
          endLine: 5,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destroy on the session proxy',
      code: `${HEADER}declare const session: http2.ClientHttp2Session;\nsession.socket.destroy();`,
      output: null,
      errors: [
        {
          messageId: 'sessionThrows',
          data: {
            subject: 'session.socket',
            member: 'destroy',
            evidence: '`session` is an HTTP/2 session, and its `socket` is a proxy',
            line: 5,
            advice: 'Call `session.destroy()` instead',
          },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 23,
          suggestions: null,
        },
      ],
    },
    {
      name: 'pause on a compat socket',
      code: `${HEADER}http2.createServer((req, res) => {\n  req.socket.pause();\n});`,
      output: null,
      errors: [
        {
          messageId: 'compatThrows',
          data: {
            subject: 'req.socket',
            member: 'pause',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 5,
            owner: 'req',
            when: '',
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'useStream',
              data: { owner: 'req', member: 'pause' },
              output: `${HEADER}http2.createServer((req, res) => {\n  req.pause();\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'write on a compat response connection',
      code: `${HEADER}http2.createSecureServer({}, (req, res) => {\n  res.connection.write('data');\n});`,
      output: null,
      errors: [
        {
          messageId: 'compatThrows',
          data: {
            subject: 'res.connection',
            member: 'write',
            evidence: '`res` is an HTTP/2 compatibility response',
            line: 5,
            owner: 'res',
            when: '',
          },
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 23,
          suggestions: null,
        },
      ],
    },
    {
      name: 'setTimeout(0) on a compat socket retunes the session',
      code: `${HEADER}http2.createServer((req, res) => {\n  req.socket.setTimeout(0);\n  res.writeHead(200, { 'content-type': 'text/event-stream' });\n});`,
      output: null,
      errors: [
        {
          messageId: 'compatShared',
          data: {
            subject: 'req.socket',
            member: 'setTimeout',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 5,
            owner: 'req',
            when: '',
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'useStream',
              data: { owner: 'req', member: 'setTimeout' },
              output: `${HEADER}http2.createServer((req, res) => {\n  req.setTimeout(0);\n  res.writeHead(200, { 'content-type': 'text/event-stream' });\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a request that may be HTTP/2',
      code: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  req.socket.setNoDelay(true);\n}`,
      output: null,
      errors: [
        {
          messageId: 'compatShared',
          data: {
            subject: 'req.socket',
            member: 'setNoDelay',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 5,
            owner: 'req',
            when: ' when the request is HTTP/2',
          },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'onlyHttp1',
              data: { guard: 'req.httpVersionMajor === 1' },
              output: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  if (req.httpVersionMajor === 1) req.socket.setNoDelay(true);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an HTTP/1 check of the wrong polarity',
      code: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  if ('stream' in req) req.socket.setKeepAlive(true);\n}`,
      output: null,
      errors: [
        {
          messageId: 'compatShared',
          data: {
            subject: 'req.socket',
            member: 'setKeepAlive',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 5,
            owner: 'req',
            when: '',
          },
          line: 5,
          column: 35,
          endLine: 5,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `${HEADER}export function handle(req: http.IncomingMessage | http2.Http2ServerRequest) {\n  if ('stream' in req) {}\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the in guard does not help a compat write',
      code: `${HEADER}http2.createServer((req) => {\n  if ('write' in req.socket) req.socket.write('x');\n});`,
      output: null,
      errors: [
        {
          messageId: 'compatThrows',
          data: {
            subject: 'req.socket',
            member: 'write',
            evidence: '`req` is an HTTP/2 compatibility request',
            line: 5,
            owner: 'req',
            when: '',
          },
          line: 5,
          column: 41,
          endLine: 5,
          endColumn: 46,
          suggestions: null,
        },
      ],
    },
  ],
});
