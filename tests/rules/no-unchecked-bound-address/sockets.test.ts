import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unchecked-bound-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a socket accepted by a server on a port',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
net.createServer((socket) => {
  const { port } = socket.address() as AddressInfo;
  console.log(port);
}).listen(3000);
      `,
    },
    {
      name: 'dgram addresses are always AddressInfo',
      code: `
import * as dgram from 'node:dgram';
const udp = dgram.createSocket('udp4');
udp.bind(0, () => console.log(udp.address().port));
      `,
    },
    {
      name: 'a member of socket.address() only compared with undefined: the check itself',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
export function onSocket(socket: net.Socket, lookup: () => void) {
  if (socket.connecting && (socket.address() as AddressInfo).address === undefined) lookup();
}
      `,
    },
    {
      name: 'a member of socket.address() only tested, on a pipe server',
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
net.createServer((socket) => {
  if (typeof (socket.address() as AddressInfo).port === 'number') console.log('tcp');
  if (!(socket.address() as AddressInfo).family) console.log('pipe');
}).listen('/run/app.sock');
      `,
    },
  ],
  invalid: [
    {
      name: 'a socket address on a pipe server',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
net.createServer((socket) => {
  const { port } = socket.address() as AddressInfo;
  console.log(port);
}).listen('/run/app.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'socketAddress',
          data: { call: 'socket.address()', evidence: ": its server listens on the path `'/run/app.sock'` (line 9)" },
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
net.createServer((socket) => {
  const address = socket.address();
  if (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);
  const { port } = address;
  console.log(port);
}).listen('/run/app.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket from elsewhere',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function local(socket: net.Socket) {
  return (socket.address() as AddressInfo).address;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'socketAddress',
          data: { call: 'socket.address()', evidence: '' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a member of socket.address() given a default with ?? is used, not tested',
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
net.createServer((socket) => {
  console.log((socket.address() as AddressInfo).port ?? 0);
}).listen('/run/app.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'socketAddress',
          data: { call: 'socket.address()', evidence: ": its server listens on the path `'/run/app.sock'` (line 6)" },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
  ],
});
