/**
 * `server.address()` after a promise that is fulfilled only once the server listens: in `.then(…)` of it (or of a
 * chain of `.then` on it), or after `await` of it; the promise may come from a helper of the program that makes the
 * server it is given listen (`serverListen(server, 0)`, or `listen(server)` whose `server.listen(0, resolve)` writes the
 * port itself, resolved in the `listen` callback). Each valid case has an
 * invalid twin: `.finally`, a helper that resolves before the listen completes, a path, another server, a promise
 * that has nothing to do with the server.
 */
import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();
const requireProof = [{ requireProof: true }] as const;

const HELPERS = `
import * as http from 'node:http';
import { once } from 'node:events';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
const serverListen = (server: http.Server, port: number | string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
function eagerListen(server: http.Server, port: number) {
  return new Promise<void>((resolve) => {
    server.listen(port);
    resolve();
  });
}
`;

const read = (server = 'server') => `console.log((${server}.address() as AddressInfo).port)`;

const unproven = (line: number, column: number, evidence = '') => ({
  messageId: 'serverAddress' as const,
  data: { call: 'server.address()', evidence },
  line,
  column,
  endLine: line,
  endColumn: column + 'server.address() as AddressInfo'.length,
});

ruleTester.run('no-unchecked-bound-address (a promise that waits for the listen)', rule, {
  assertionOptions,
  valid: [
    {
      name: "in .then of a helper's promise that resolves in the listen callback",
      options: requireProof,
      code: `${HELPERS}
export function start() {
  const server = http.createServer();
  return serverListen(server, 0).then(() => ${read()});
}
      `,
    },
    {
      name: 'after await of a helper that listens on a port it writes itself, resolved by `resolve` as the listen callback',
      options: requireProof,
      code: `${HELPERS}
function listen(server: http.Server) {
  return new Promise<void>((resolve) => server.listen(0, resolve));
}
export async function start() {
  const server = http.createServer();
  await listen(server);
  ${read()};
}
      `,
    },
    {
      name: "the server an awaited async function returns once it listens (a test suite's startServer())",
      options: requireProof,
      code: `${HELPERS}
async function startServer() {
  const server = http.createServer();
  await once(server.listen(0, '127.0.0.1'), 'listening');
  return server;
}
export async function start() {
  const server = await startServer();
  ${read()};
}
      `,
    },
    {
      name: 'after await promisify(server.listen).call(server, 0): the promisified listen called with the server as this',
      options: requireProof,
      code: `${HELPERS}
export async function start() {
  const server = http.createServer();
  await promisify(server.listen).call(server, 0);
  ${read()};
}
      `,
    },
    {
      name: "after await of the helper's promise",
      options: requireProof,
      code: `${HELPERS}
export async function start() {
  const server = http.createServer();
  await serverListen(server, 0);
  ${read()};
}
      `,
    },
    {
      name: 'in the second .then of a chain on a new Promise that the listen callback resolves',
      options: requireProof,
      code: `${HELPERS}
export function start() {
  const server = http.createServer();
  return new Promise((resolve) => server.listen(0, resolve))
    .then(() => 'listening')
    .then(() => ${read()});
}
      `,
    },
    {
      name: 'in .then of a promisified listen, and of once(server, "listening")',
      options: requireProof,
      code: `${HELPERS}
export function start() {
  const server = http.createServer();
  return promisify(server.listen.bind(server))(0).then(() => ${read()});
}
export function later() {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  return once(server, 'listening').then(() => ${read()});
}
      `,
    },
    {
      name: 'after await of a promisified listen stored in a const (and cast), and in .then of a call of it',
      options: requireProof,
      code: `${HELPERS}
export async function start() {
  const server = http.createServer();
  const listen = promisify(server.listen.bind(server) as (callback: (error?: Error) => void) => void);
  await listen();
  ${read()};
}
export function later() {
  const server = http.createServer();
  const listen = promisify(server.listen.bind(server) as (port: number, callback: () => void) => void);
  return listen(0).then(() => ${read()});
}
      `,
    },
  ],
  invalid: [
    {
      name: 'a promisified listen stored in a const, read before its promise is awaited',
      options: requireProof,
      code: `${HELPERS}
export async function start() {
  const server = http.createServer();
  const listen = promisify(server.listen.bind(server) as (port: number, host: string, callback: () => void) => void);
  const listening = listen(0, 'localhost');
  ${read()};
  await listening;
}
      `,
      output: null,
      errors: [unproven(22, 16, ': here the `listen` on line 21 has not completed yet')],
    },
    {
      name: 'in .finally, which also runs when the listen failed',
      options: requireProof,
      code: `${HELPERS}
export function start() {
  const server = http.createServer();
  return serverListen(server, 0).finally(() => ${read()});
}
      `,
      output: null,
      errors: [unproven(20, 61)],
    },
    {
      name: 'a helper that resolves before its listen completes',
      options: requireProof,
      code: `${HELPERS}
export function start() {
  const server = http.createServer();
  return eagerListen(server, 0).then(() => ${read()});
}
      `,
      output: null,
      errors: [unproven(20, 57)],
    },
    {
      name: 'a helper given a path: the path is the evidence, also without requireProof',
      code: `${HELPERS}
export async function start() {
  const server = http.createServer();
  await serverListen(server, '/tmp/app.sock');
  ${read()};
}
      `,
      output: null,
      errors: [unproven(21, 16, ": it listens on the path `'/tmp/app.sock'` (line 20)")],
    },
    {
      name: 'a helper that listens on a path it writes itself: the path is the evidence, also without requireProof',
      code: `${HELPERS}
function listen(server: http.Server) {
  return new Promise<void>((resolve) => server.listen('/tmp/app.sock', resolve));
}
export async function start() {
  const server = http.createServer();
  await listen(server);
  ${read()};
}
      `,
      output: null,
      errors: [unproven(24, 16, ": it listens on the path `'/tmp/app.sock'` (line 19)")],
    },
    {
      name: 'an awaited async function that returns the server before its listen completes',
      options: requireProof,
      code: `${HELPERS}
async function startServer() {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  return server;
}
export async function start() {
  const server = await startServer();
  ${read()};
}
      `,
      output: null,
      errors: [unproven(25, 16, ': nothing shows that the `listen` on line 20 has completed here')],
    },
    {
      name: 'an awaited async function that returns a server listening on a path: the path is the evidence',
      code: `${HELPERS}
async function startServer() {
  const server = http.createServer();
  await once(server.listen('/tmp/app.sock'), 'listening');
  return server;
}
export async function start() {
  const server = await startServer();
  ${read()};
}
      `,
      output: null,
      errors: [unproven(25, 16, ": it listens on the path `'/tmp/app.sock'` (line 20)")],
    },
    {
      name: 'promisify(server.listen).call(server, path): the path is the evidence, also without requireProof',
      code: `${HELPERS}
export async function start() {
  const server = http.createServer();
  await promisify(server.listen).call(server, '/tmp/app.sock');
  ${read()};
}
      `,
      output: null,
      errors: [unproven(21, 16, ": it listens on the path `'/tmp/app.sock'` (line 20)")],
    },
    {
      name: 'promisify(other.listen).call(other, 0): another server',
      options: requireProof,
      code: `${HELPERS}
export async function start(other: http.Server) {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await promisify(other.listen).call(other, 0);
  ${read()};
}
      `,
      output: null,
      errors: [unproven(22, 16, ': nothing shows that the `listen` on line 20 has completed here')],
    },
    {
      name: 'a helper that made another server listen',
      options: requireProof,
      code: `${HELPERS}
export async function start(other: http.Server) {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await serverListen(other, 0);
  ${read()};
}
      `,
      output: null,
      errors: [unproven(22, 16, ': nothing shows that the `listen` on line 20 has completed here')],
    },
    {
      name: 'in .then of a promise that does not wait for the listen',
      options: requireProof,
      code: `${HELPERS}
export function start() {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  return Promise.resolve().then(() => ${read()});
}
      `,
      output: null,
      errors: [unproven(21, 52, ': nothing shows that the `listen` on line 20 has completed here')],
    },
  ],
});
