import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unchecked-bound-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the test idiom: inside the listen callback of a port',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
server.listen(0, () => {
  const { port } = server.address() as AddressInfo;
  console.log(port);
});
      `,
    },
    {
      name: "inside a 'listening' listener of a port listener",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = net.createServer();
server.on('listening', () => {
  console.log((server.address() as net.AddressInfo).port);
});
server.listen({ port: 8080 });
      `,
    },
    {
      name: "after await once(server, 'listening')",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: "after await once(server.listen(0, host), 'listening'): listen returns the server, also with requireProof",
      options: [{ requireProof: true }],
      code: `
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'after an awaited listen',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'after a synchronous listen(port) without a host',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
server.listen(0);
const { port } = server.address() as AddressInfo;
console.log(port);
      `,
    },
    {
      name: 'a server made and started in one expression: http.createServer().listen(0)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer().listen(0);
const { port } = server.address() as AddressInfo;
console.log(port);
      `,
    },
    {
      name: "the server that an app's listen(port) returns (Express, Koa), right after it",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string): http.Server };
const server = app.listen(0);
const { port } = server.address() as AddressInfo;
console.log(port);
      `,
    },
    {
      name: 'a promise that the listen callback resolves with the server',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };
export async function start() {
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, () => resolve(s));
  });
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: "a 'listening' listener registered by name, and taken off again",
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
export function start(port: number, host: string) {
  const server = net.createServer();
  const onListening = () => {
    console.log((server.address() as net.AddressInfo).port);
    server.removeListener('listening', onListening);
  };
  server.on('listening', onListening);
  server.listen(port, host);
}
      `,
    },
    {
      name: 'a listen callback declared as a function and passed by name',
      options: [{ requireProof: true }],
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
function ready() {
  console.log((server.address() as AddressInfo).port);
}
server.listen(0, ready);
      `,
    },
    {
      name: 'after an awaited promisify(server.listen.bind(server)) with a host',
      options: [{ requireProof: true }],
      code: `
import * as http from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  await promisify(server.listen.bind(server))(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}
      `,
    },
    {
      name: 'in a callback made after the awaited listen (it cannot run before)',
      options: [{ requireProof: true }],
      code: `
import * as http from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
declare function onRequest(handler: () => string): void;
export async function start() {
  const server = http.createServer();
  await promisify(server.listen.bind(server))(0, '127.0.0.1');
  onRequest(() => \`http://localhost:\${(server.address() as AddressInfo).port}\`);
}
      `,
    },
  ],
  invalid: [
    {
      name: 'in a callback made before the awaited listen',
      options: [{ requireProof: true }],
      code: `
import * as http from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
declare function onRequest(handler: () => string): void;
export async function start() {
  const server = http.createServer();
  onRequest(() => \`http://localhost:\${(server.address() as AddressInfo).port}\`);
  await promisify(server.listen.bind(server))(0, '127.0.0.1');
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 9 has completed here',
          },
          line: 8,
          column: 40,
          endLine: 8,
          endColumn: 71,
        },
      ],
    },
    {
      name: 'a promisified listen with a host that is not awaited',
      code: `
import * as http from 'node:http';
import util from 'node:util';
import type { AddressInfo } from 'node:net';
export function start() {
  const server = http.createServer();
  const listening = util.promisify(server.listen.bind(server))(0, '127.0.0.1');
  return [listening, (server.address() as AddressInfo).port];
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': here the `listen` on line 7 has not completed yet',
          },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 54,
        },
      ],
    },
    {
      name: 'a promisified listen on a path, awaited',
      code: `
import * as http from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  await promisify(server.listen.bind(server))('/tmp/app.sock');
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ": it listens on the path `'/tmp/app.sock'` (line 7)",
          },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'a named listener that code also calls before the listen is no proof',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
export function start(port: number, host: string) {
  const server = net.createServer();
  const onListening = () => {
    console.log((server.address() as net.AddressInfo).port);
  };
  server.on('listening', onListening);
  onListening();
  server.listen(port, host);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 10 has completed here',
          },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 53,
        },
      ],
    },
    {
      name: 'a named function registered for another event is no proof',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
export function start(port: number, host: string) {
  const server = net.createServer();
  function report() {
    console.log((server.address() as net.AddressInfo).port);
  }
  server.on('close', report);
  server.listen(port, host);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 9 has completed here',
          },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 53,
        },
      ],
    },
    {
      name: 'a promise resolved with the server right after a listen with a host',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };
export async function start() {
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, 'localhost');
    resolve(s);
  });
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 9 has completed here',
          },
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a promise resolved with a server that listens on a path',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };
export async function start() {
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen('/tmp/app.sock', () => resolve(s));
  });
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/app.sock'` (line 9)" },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: "an awaited promise that is resolved on 'error', not on listening",
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, 'localhost');
    server.on('error', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 9 has completed here',
          },
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: "the server that an app's listen(path) returns",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string): http.Server };
const server = app.listen('/tmp/app.sock');
const { port } = server.address() as AddressInfo;
console.log(port);
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/app.sock'` (line 7)" },
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string): http.Server };
const server = app.listen('/tmp/app.sock');
const address = server.address();
if (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);
const { port } = address;
console.log(port);
      `,
            },
          ],
        },
      ],
    },
    {
      name: "the server that an app's listen(port, host) returns, before the lookup is done",
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare const app: { listen(port: number | string, host?: string): http.Server };
const server = app.listen(0, 'localhost');
const { port } = server.address() as AddressInfo;
console.log(port);
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 7 has completed here',
          },
          line: 8,
          column: 18,
          endLine: 8,
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
declare const app: { listen(port: number | string, host?: string): http.Server };
const server = app.listen(0, 'localhost');
const address = server.address();
if (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);
const { port } = address;
console.log(port);
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a listen target typed string (process.env.PORT)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
server.listen(process.env.PORT, () => {
  console.log((server.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence:
              ': it listens on `process.env.PORT`, a string that names a Unix domain socket or named pipe unless it is all digits (line 7)',
          },
          line: 8,
          column: 16,
          endLine: 8,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a server listening on a path',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = net.createServer();
server.listen('/tmp/app.sock');
server.on('listening', () => {
  const address = server.address() as net.AddressInfo;
  console.log(address.port);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/app.sock'` (line 7)" },
          line: 9,
          column: 19,
          endLine: 9,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = net.createServer();
server.listen('/tmp/app.sock');
server.on('listening', () => {
  const address2 = server.address();
  if (typeof address2 !== 'object' || address2 === null || !('port' in address2)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address2)}\`);
  const address = address2;
  console.log(address.port);
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: "with requireProof, after await once(server.listen(0, host), 'close'), another event",
      options: [{ requireProof: true }],
      code: `
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export async function start() {
  const server = http.createServer();
  await once(server.listen(0, '127.0.0.1'), 'close');
  return (server.address() as AddressInfo).port;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 7 has completed here',
          },
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'before an asynchronous listen with a host completes',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
server.listen(0, 'localhost');
console.log((<AddressInfo>server.address()).port);
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ': here the `listen` on line 7 has not completed yet' },
          line: 8,
          column: 14,
          endLine: 8,
          endColumn: 43,
          suggestions: null,
        },
      ],
    },
  ],
});
