/**
 * The rules on Deno's native transport APIs. Deno has its own fixture project (tests/fixtures/deno) so that its global
 * declarations do not meet @types/node's.
 */
import path from 'node:path';
import noUncheckedBoundAddress from '../../../src/rules/no-unchecked-bound-address.ts';
import noUncheckedPeerAddress from '../../../src/rules/no-unchecked-peer-address.ts';
import noUnguardedSocketOptions from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const deno = typedRuleTester(path.join(fixtures, 'deno'));

deno.run('no-unguarded-socket-options (deno)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'Deno.connect with a port gives a TcpConn',
      code: `
const conn = await Deno.connect({ hostname: 'db', port: 5432 });
conn.setNoDelay(true);
conn.setKeepAlive(true);
export {};
      `,
    },
    {
      name: "the 'in' check is exact on Deno",
      code: `
export function tune(conn: Deno.Conn) {
  if ('setNoDelay' in conn) (conn as Deno.TcpConn).setNoDelay(true);
}
      `,
    },
    {
      name: 'connections of a TCP listener',
      code: `
const listener = Deno.listen({ port: 8080 });
for await (const conn of listener) conn.setNoDelay(true);
export {};
      `,
    },
  ],
  invalid: [
    {
      name: 'a UnixConn cast to TcpConn',
      code: `
const conn = await Deno.connect({ transport: 'unix', path: '/run/app.sock' });
(conn as unknown as Deno.TcpConn).setNoDelay(true);
export {};
      `,
      output: `
const conn = await Deno.connect({ transport: 'unix', path: '/run/app.sock' });
if ('setNoDelay' in conn) (conn as unknown as Deno.TcpConn).setNoDelay(true);
export {};
      `,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `TcpConn` from `UnixConn`',
            line: 3,
          },
          line: 3,
          column: 35,
          endLine: 3,
          endColumn: 45,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Conn cast to TcpConn',
      code: `
export function tune(conn: Deno.Conn) {
  (conn as Deno.TcpConn).setKeepAlive(true);
}
      `,
      output: `
export function tune(conn: Deno.Conn) {
  if ('setKeepAlive' in conn) (conn as Deno.TcpConn).setKeepAlive(true);
}
      `,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in conn",
            evidence: 'it is asserted to `TcpConn` from `Conn<Addr>`',
            line: 3,
          },
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    {
      name: "transport === 'tcp' is true for TLS too",
      code: `
export function tune(conn: Deno.Conn) {
  if (conn.remoteAddr.transport === 'tcp') (conn as Deno.TcpConn).setNoDelay(true);
}
      `,
      output: `
export function tune(conn: Deno.Conn) {
  if (conn.remoteAddr.transport === 'tcp') { if ('setNoDelay' in conn) (conn as Deno.TcpConn).setNoDelay(true); }
}
      `,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `TcpConn` from `Conn<Addr>`',
            line: 3,
          },
          line: 3,
          column: 67,
          endLine: 3,
          endColumn: 77,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a TlsConn cast to TcpConn',
      code: `
const conn = await Deno.connectTls({ hostname: 'example.com', port: 443 });
(conn as unknown as Deno.TcpConn).setNoDelay(true);
export {};
      `,
      output: `
const conn = await Deno.connectTls({ hostname: 'example.com', port: 443 });
if ('setNoDelay' in conn) (conn as unknown as Deno.TcpConn).setNoDelay(true);
export {};
      `,
      errors: [
        {
          messageId: 'deno',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `TcpConn` from `TlsConn`',
            line: 3,
          },
          line: 3,
          column: 35,
          endLine: 3,
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
      code: `
const listener = Deno.listen({ port: 0 });
console.log(listener.addr.port);
export {};
      `,
    },
    {
      name: "checked with transport === 'tcp'",
      code: `
export function port(listener: Deno.Listener) {
  const addr = listener.addr;
  if (addr.transport !== 'tcp') return undefined;
  return (addr as Deno.NetAddr).port;
}
      `,
    },
  ],
  invalid: [
    {
      name: 'a Listener address asserted to NetAddr',
      code: `
export function port(listener: Deno.Listener) {
  return (listener.addr as Deno.NetAddr).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'denoAddr',
          data: { subject: 'listener.addr' },
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 40,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Conn local address asserted to NetAddr',
      code: `
export function local(conn: Deno.Conn) {
  return (<Deno.NetAddr>conn.localAddr).hostname;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'denoAddr',
          data: { subject: 'conn.localAddr' },
          line: 3,
          column: 11,
          endLine: 3,
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
      code: `
const conn = await Deno.connect({ hostname: 'h', port: 1 });
console.log(conn.remoteAddr.hostname);
export {};
      `,
    },
    {
      name: 'remoteAddr checked first',
      code: `
export function peer(conn: Deno.Conn) {
  if (conn.remoteAddr.transport === 'tcp') return (conn.remoteAddr as Deno.NetAddr).hostname;
  return 'local';
}
      `,
    },
  ],
  invalid: [
    {
      name: 'remoteAddr asserted to NetAddr',
      code: `
export function peer(conn: Deno.Conn) {
  return (conn.remoteAddr as Deno.NetAddr).hostname;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'denoRemoteAddr',
          data: { subject: 'conn.remoteAddr' },
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
  ],
});
