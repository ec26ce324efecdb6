import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unchecked-bound-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'after a typeof check',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function url(server: net.Server) {
  const address = server.address();
  if (typeof address === 'object' && address !== null) return (address as AddressInfo).port;
  return address;
}
      `,
    },
    {
      name: 'after typeof !== string with an early return',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function port(server: net.Server) {
  const address = server.address();
  if (typeof address === 'string' || !address) return undefined;
  return (address as AddressInfo).port;
}
      `,
    },
    {
      name: "a socket address after 'port' in",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function port(socket: net.Socket) {
  const address = socket.address();
  return 'port' in address ? (address as AddressInfo).port : undefined;
}
      `,
    },
    {
      name: 'an assertion that keeps every case',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function describe(server: net.Server) {
  const address = server.address() as AddressInfo | string | null;
  return address;
}
      `,
    },
    {
      name: 'optional chaining in JavaScript',
      filename: 'plain.js',
      code: `
import * as http from 'node:http';
export function port(server) {
  return server.address()?.port;
}
      `,
    },
  ],
  invalid: [
    {
      name: 'asserted with no visible listen',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function url(server: http.Server) {
  const { port } = server.address() as AddressInfo;
  return \`http://localhost:\${port}\`;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'checkAddress',
              data: undefined,
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function url(server: http.Server) {
  const address = server.address();
  if (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);
  const { port } = address;
  return \`http://localhost:\${port}\`;
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a non-null assertion',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function log(server: net.Server) {
  console.log(server.address()!);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 32,
          suggestions: null,
        },
      ],
    },
    {
      name: 'through any',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function port(server: net.Server): number {
  return (server.address() as any as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 49,
          suggestions: null,
        },
      ],
    },
    {
      name: 'through a const without a check',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function port(server: net.Server) {
  const address = server.address();
  return (address as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a JavaScript file reads the port directly',
      filename: 'plain.js',
      code: `
import * as http from 'node:http';
const server = http.createServer();
server.listen(process.env.PORT);
export const port = () => server.address().port;
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence:
              ': it listens on `process.env.PORT`, a string that names a Unix domain socket or named pipe unless it is all digits (line 4)',
          },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    {
      name: 'JavaScript destructuring',
      options: [{ requireProof: true }],
      filename: 'plain.js',
      code: `
import * as net from 'node:net';
export function port(/** @type {net.Server} */ server) {
  const { port } = server.address();
  return port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 17,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the suggestion picks a free name',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function url(server: http.Server, address: string) {
  let { port } = server.address() as AddressInfo;
  return address + port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'checkAddress',
              data: undefined,
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function url(server: http.Server, address: string) {
  const address2 = server.address();
  if (typeof address2 !== 'object' || address2 === null || !('port' in address2)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address2)}\`);
  let { port } = address2;
  return address + port;
}
      `,
            },
          ],
        },
      ],
    },
  ],
});
