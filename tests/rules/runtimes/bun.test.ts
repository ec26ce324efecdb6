/**
 * The rules on Bun's native transport APIs. Bun has its own fixture project (tests/fixtures/bun) so that its global
 * declarations do not meet @types/node's.
 */
import path from 'node:path';
import noUncheckedBoundAddress from '../../../src/rules/no-unchecked-bound-address.ts';
import noUncheckedPeerAddress from '../../../src/rules/no-unchecked-peer-address.ts';
import noUnguardedSocketOptions from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, fixtures, typedRuleTester } from '../../helpers/rule-tester.ts';

const bun = typedRuleTester(path.join(fixtures, 'bun'));

bun.run('no-unguarded-socket-options (bun)', noUnguardedSocketOptions, {
  assertionOptions,
  valid: [
    {
      name: 'Bun.connect with a port',
      code: `
const socket = await Bun.connect({ hostname: 'db', port: 5432, socket: { data() {} } });
socket.setNoDelay(true);
export {};
      `,
    },
    {
      name: 'Bun.listen on a port',
      code: `
Bun.listen({ hostname: '0.0.0.0', port: 8080, socket: { open(socket) { socket.setKeepAlive(true); } } });
export {};
      `,
    },
  ],
  invalid: [
    {
      name: 'Bun.connect with unix: true is returned but nothing applies',
      code: `
const socket = await Bun.connect({ unix: '/run/app.sock', socket: { data() {} } });
socket.setNoDelay(true);
export {};
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is created by `Bun.connect(…)` with `unix`',
            line: 2,
          },
          line: 3,
          column: 8,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
const socket = await Bun.connect({ unix: '/run/app.sock', socket: { data() {} } });
export {};
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'Bun.listen on a unix socket',
      code: `
Bun.listen({ unix: '/run/app.sock', socket: { open(socket) { socket.setKeepAlive(true); } } });
export {};
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in socket",
            evidence: 'it is created by `Bun.listen(…)` with `unix`',
            line: 2,
          },
          line: 2,
          column: 69,
          endLine: 2,
          endColumn: 81,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
Bun.listen({ unix: '/run/app.sock', socket: { open(socket) {  } } });
export {};
      `,
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
      code: `
const server = Bun.serve({ port: 3000, fetch: () => new Response('ok') });
console.log(server.port!, server.hostname!);
export {};
      `,
    },
    {
      name: 'server.port checked',
      code: `
export function url(server: import('bun').Server<undefined>) {
  return server.port === undefined ? server.url.href : \`http://localhost:\${server.port}\`;
}
      `,
    },
  ],
  invalid: [
    {
      name: 'Bun.serve on a unix socket',
      code: `
const server = Bun.serve({ unix: '/run/app.sock', fetch: () => new Response('ok') });
console.log(server.port!, server.hostname as string);
export {};
      `,
      output: null,
      errors: [
        {
          messageId: 'bunServer',
          data: { subject: 'server.port', evidence: ', and it does (line 2)' },
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 25,
          suggestions: null,
        },
        {
          messageId: 'bunServer',
          data: { subject: 'server.hostname', evidence: ', and it does (line 2)' },
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 52,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Bun server from elsewhere',
      code: `
export function port(server: import('bun').Server<undefined>) {
  return server.port!;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'bunServer',
          data: { subject: 'server.port', evidence: '' },
          line: 3,
          column: 10,
          endLine: 3,
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
      code: `
Bun.serve({ port: 3000, fetch(req, server) { return new Response(server.requestIP(req)!.address); } });
export {};
      `,
    },
    {
      name: 'requestIP checked',
      code: `
Bun.serve({ unix: '/run/app.sock', fetch(req, server) { return new Response(server.requestIP(req)?.address ?? 'local'); } });
export {};
      `,
    },
  ],
  invalid: [
    {
      name: 'requestIP on a unix socket server',
      code: `
Bun.serve({ unix: '/run/app.sock', fetch(req, server) { return new Response(server.requestIP(req)!.address); } });
export {};
      `,
      output: null,
      errors: [
        {
          messageId: 'bunRequestIP',
          data: { subject: 'server.requestIP(req)', evidence: ', and it does (line 2)' },
          line: 2,
          column: 77,
          endLine: 2,
          endColumn: 99,
          suggestions: null,
        },
      ],
    },
  ],
});
