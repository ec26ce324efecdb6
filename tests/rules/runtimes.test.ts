/**
 * The rules on Deno's and Bun's native transport APIs. Each runtime has its own fixture project (tests/fixtures/deno,
 * tests/fixtures/bun) so that its global declarations do not meet @types/node's.
 */
import path from 'node:path';
import noUncheckedBoundAddress from '../../src/rules/no-unchecked-bound-address.ts';
import noUncheckedPeerAddress from '../../src/rules/no-unchecked-peer-address.ts';
import noUnguardedSocketOptions from '../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../rule-tester.ts';

const tester = (runtime: string) => typedRuleTester(path.join(fixtures, runtime));
const deno = tester('deno');
const bun = tester('bun');

deno.run('no-unguarded-socket-options (deno)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'Deno.connect with a port gives a TcpConn',
      code: `const conn = await Deno.connect({ hostname: 'db', port: 5432 });\nconn.setNoDelay(true);\nconn.setKeepAlive(true);\nexport {};`,
    },
    {
      name: "the 'in' check is exact on Deno",
      code: `export function tune(conn: Deno.Conn) {\n  if ('setNoDelay' in conn) (conn as Deno.TcpConn).setNoDelay(true);\n}`,
    },
    {
      name: 'connections of a TCP listener',
      code: `const listener = Deno.listen({ port: 8080 });\nfor await (const conn of listener) conn.setNoDelay(true);\nexport {};`,
    },
  ],
  invalid: [
    {
      name: 'a UnixConn cast to TcpConn',
      code: `const conn = await Deno.connect({ transport: 'unix', path: '/run/app.sock' });\n(conn as unknown as Deno.TcpConn).setNoDelay(true);\nexport {};`,
      output: `const conn = await Deno.connect({ transport: 'unix', path: '/run/app.sock' });\nif ('setNoDelay' in conn) (conn as unknown as Deno.TcpConn).setNoDelay(true);\nexport {};`,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `TcpConn` from `UnixConn`',
            line: 2,
          },
          line: 2,
          column: 35,
          endLine: 2,
          endColumn: 45,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Conn cast to TcpConn',
      code: `export function tune(conn: Deno.Conn) {\n  (conn as Deno.TcpConn).setKeepAlive(true);\n}`,
      output: `export function tune(conn: Deno.Conn) {\n  if ('setKeepAlive' in conn) (conn as Deno.TcpConn).setKeepAlive(true);\n}`,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in conn",
            evidence: 'it is asserted to `TcpConn` from `Conn<Addr>`',
            line: 2,
          },
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    {
      name: "transport === 'tcp' is true for TLS too",
      code: `export function tune(conn: Deno.Conn) {\n  if (conn.remoteAddr.transport === 'tcp') (conn as Deno.TcpConn).setNoDelay(true);\n}`,
      output: `export function tune(conn: Deno.Conn) {\n  if (conn.remoteAddr.transport === 'tcp') { if ('setNoDelay' in conn) (conn as Deno.TcpConn).setNoDelay(true); }\n}`,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `TcpConn` from `Conn<Addr>`',
            line: 2,
          },
          line: 2,
          column: 67,
          endLine: 2,
          endColumn: 77,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a TlsConn cast to TcpConn',
      code: `const conn = await Deno.connectTls({ hostname: 'example.com', port: 443 });\n(conn as unknown as Deno.TcpConn).setNoDelay(true);\nexport {};`,
      output: `const conn = await Deno.connectTls({ hostname: 'example.com', port: 443 });\nif ('setNoDelay' in conn) (conn as unknown as Deno.TcpConn).setNoDelay(true);\nexport {};`,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `TcpConn` from `TlsConn`',
            line: 2,
          },
          line: 2,
          column: 35,
          endLine: 2,
          endColumn: 45,
          suggestions: null,
        },
      ],
    },
  ],
});

deno.run('no-unchecked-bound-address (deno)', noUncheckedBoundAddress, {
  assertionOptions,
  valid: [
    {
      name: 'a TCP listener address is a NetAddr',
      code: `const listener = Deno.listen({ port: 0 });\nconsole.log(listener.addr.port);\nexport {};`,
    },
    {
      name: "checked with transport === 'tcp'",
      code: `export function port(listener: Deno.Listener) {\n  const addr = listener.addr;\n  if (addr.transport !== 'tcp') return undefined;\n  return (addr as Deno.NetAddr).port;\n}`,
    },
  ],
  invalid: [
    {
      name: 'a Listener address asserted to NetAddr',
      code: `export function port(listener: Deno.Listener) {\n  return (listener.addr as Deno.NetAddr).port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'denoAddr',
          data: { subject: 'listener.addr' },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 40,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Conn local address asserted to NetAddr',
      code: `export function local(conn: Deno.Conn) {\n  return (<Deno.NetAddr>conn.localAddr).hostname;\n}`,
      output: null,
      errors: [
        {
          messageId: 'denoAddr',
          data: { subject: 'conn.localAddr' },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 39,
          suggestions: null,
        },
      ],
    },
  ],
});

deno.run('no-unchecked-peer-address (deno)', noUncheckedPeerAddress, {
  assertionOptions,
  valid: [
    {
      name: 'a TcpConn remote address is a NetAddr',
      code: `const conn = await Deno.connect({ hostname: 'h', port: 1 });\nconsole.log(conn.remoteAddr.hostname);\nexport {};`,
    },
    {
      name: 'remoteAddr checked first',
      code: `export function peer(conn: Deno.Conn) {\n  if (conn.remoteAddr.transport === 'tcp') return (conn.remoteAddr as Deno.NetAddr).hostname;\n  return 'local';\n}`,
    },
  ],
  invalid: [
    {
      name: 'remoteAddr asserted to NetAddr',
      code: `export function peer(conn: Deno.Conn) {\n  return (conn.remoteAddr as Deno.NetAddr).hostname;\n}`,
      output: null,
      errors: [
        {
          messageId: 'denoRemoteAddr',
          data: { subject: 'conn.remoteAddr' },
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
  ],
});

bun.run('no-unguarded-socket-options (bun)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'Bun.connect with a port',
      code: `const socket = await Bun.connect({ hostname: 'db', port: 5432, socket: { data() {} } });\nsocket.setNoDelay(true);\nexport {};`,
    },
    {
      name: 'Bun.listen on a port',
      code: `Bun.listen({ hostname: '0.0.0.0', port: 8080, socket: { open(socket) { socket.setKeepAlive(true); } } });\nexport {};`,
    },
  ],
  invalid: [
    {
      name: 'Bun.connect with unix: true is returned but nothing applies',
      code: `const socket = await Bun.connect({ unix: '/run/app.sock', socket: { data() {} } });\nsocket.setNoDelay(true);\nexport {};`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is created by `Bun.connect(…)` with `unix`',
            line: 1,
          },
          line: 2,
          column: 8,
          endLine: 2,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `const socket = await Bun.connect({ unix: '/run/app.sock', socket: { data() {} } });\nexport {};`,
            },
          ],
        },
      ],
    },
    {
      name: 'Bun.listen on a unix socket',
      code: `Bun.listen({ unix: '/run/app.sock', socket: { open(socket) { socket.setKeepAlive(true); } } });\nexport {};`,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in socket",
            evidence: 'it is created by `Bun.listen(…)` with `unix`',
            line: 1,
          },
          line: 1,
          column: 69,
          endLine: 1,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `Bun.listen({ unix: '/run/app.sock', socket: { open(socket) {  } } });\nexport {};`,
            },
          ],
        },
      ],
    },
  ],
});

bun.run('no-unchecked-bound-address (bun)', noUncheckedBoundAddress, {
  assertionOptions,
  valid: [
    {
      name: 'Bun.serve on a port',
      code: `const server = Bun.serve({ port: 3000, fetch: () => new Response('ok') });\nconsole.log(server.port!, server.hostname!);\nexport {};`,
    },
    {
      name: 'server.port checked',
      code: `export function url(server: import('bun').Server<undefined>) {\n  return server.port === undefined ? server.url.href : \`http://localhost:\${server.port}\`;\n}`,
    },
  ],
  invalid: [
    {
      name: 'Bun.serve on a unix socket',
      code: `const server = Bun.serve({ unix: '/run/app.sock', fetch: () => new Response('ok') });\nconsole.log(server.port!, server.hostname as string);\nexport {};`,
      output: null,
      errors: [
        {
          messageId: 'bunServer',
          data: { subject: 'server.port', evidence: ', and it does (line 1)' },
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 25,
          suggestions: null,
        },
        {
          messageId: 'bunServer',
          data: { subject: 'server.hostname', evidence: ', and it does (line 1)' },
          line: 2,
          column: 27,
          endLine: 2,
          endColumn: 52,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Bun server from elsewhere',
      code: `export function port(server: import('bun').Server<undefined>) {\n  return server.port!;\n}`,
      output: null,
      errors: [
        {
          messageId: 'bunServer',
          data: { subject: 'server.port', evidence: '' },
          line: 2,
          column: 10,
          endLine: 2,
          endColumn: 22,
          suggestions: null,
        },
      ],
    },
  ],
});

bun.run('no-unchecked-peer-address (bun)', noUncheckedPeerAddress, {
  assertionOptions,
  valid: [
    {
      name: 'requestIP on a TCP server',
      code: `Bun.serve({ port: 3000, fetch(req, server) { return new Response(server.requestIP(req)!.address); } });\nexport {};`,
    },
    {
      name: 'requestIP checked',
      code: `Bun.serve({ unix: '/run/app.sock', fetch(req, server) { return new Response(server.requestIP(req)?.address ?? 'local'); } });\nexport {};`,
    },
  ],
  invalid: [
    {
      name: 'requestIP on a unix socket server',
      code: `Bun.serve({ unix: '/run/app.sock', fetch(req, server) { return new Response(server.requestIP(req)!.address); } });\nexport {};`,
      output: null,
      errors: [
        {
          messageId: 'bunRequestIP',
          data: { subject: 'server.requestIP(req)', evidence: ', and it does (line 1)' },
          line: 1,
          column: 77,
          endLine: 1,
          endColumn: 99,
          suggestions: null,
        },
      ],
    },
  ],
});
