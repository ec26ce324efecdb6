/**
 * When a server is listening where `server.address()` is read right after a `listen`: a port with no host binds
 * before `listen` returns, a host must be looked up first. Reads that are not in straight-line code after the listen
 * (after an `await`, in a callback, in the same statement, in a loop) are not known to come too early.
 */
import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unchecked-bound-address (reads right after a listen)', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a listen on a port with no host binds before it returns',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen(8080);
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'a listen with options that name only a port',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen({ port: 8080 });
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'an await between the listen with a host and the read: it may have completed',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen(8080, 'localhost');
  await sleep();
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'read in a callback that runs later',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen(8080, 'localhost');
  setTimeout(() => console.log((server.address() as AddressInfo).port));
}
      `,
    },
    {
      name: 'the listen with a host is the test of the if that reads',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  if (server.listen(8080, 'localhost')) return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'a listen with no arguments binds a random port before it returns',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen();
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'a listen with a host in a loop: a later iteration reads after an earlier listen',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  for (const host of ['a', 'b']) {
    server.listen(8080, host);
    console.log((server.address() as AddressInfo).port);
  }
}
      `,
    },
  ],
  invalid: [
    {
      name: 'a listen with a host read right after it',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen(8080, 'localhost');
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ': here the `listen` on line 8 has not completed yet' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'a listen with options that name a host read right after it',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen({ port: 8080, host: 'localhost' });
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ': here the `listen` on line 8 has not completed yet' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'a server handed to other code before the listen with a host: the read right after it is still too early',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  register(server);
  server.listen(8080, 'localhost');
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ': here the `listen` on line 9 has not completed yet' },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'a listen with a host and a callback read right after it, not in the callback',
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
declare function register(server: http.Server): void;
declare function sleep(): Promise<void>;
export async function start() {
  const server = http.createServer();
  server.listen(8080, 'localhost', () => {});
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ': here the `listen` on line 8 has not completed yet' },
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 42,
        },
      ],
    },
  ],
});
