/**
 * `server.address()` in the callback of the very `listen` call that made the server listen: there it listens where
 * that call said, whatever its other `listen` calls say; also through a method that hands all its parameters on to
 * `this.server.listen(…)` (a wrapper class, as SMTP and proxy servers have), and through a framework's `app.listen(…)`
 * around a read of `app.server` where that `listen` has no body in the program (a package's, as Fastify's). Each valid
 * case has an invalid twin (another server's callback, a method that changes what it hands on, a path, another
 * member than `server`, a method of the program that does not hand on).
 */
import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();
const requireProof = [{ requireProof: true }] as const;

const WRAPPER = `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
class Wrapper {
  server = net.createServer();
  listen(...args: any[]) {
    return this.server.listen(...args);
  }
}
const wrapper = new Wrapper();
const other = new Wrapper();
`;

/** A framework's app as a package declares it: its `listen` has no body in the program (Fastify's shape). */
const FRAMEWORK = `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
interface ListenOptions { port?: number; host?: string; path?: string }
interface App {
  server: http.Server;
  httpServer: http.Server;
  listen(options: ListenOptions, callback: (err: Error | null) => void): void;
  listen(options?: ListenOptions): Promise<string>;
}
declare function createApp(): App;
const app = createApp();
`;

const PLAIN_WRAPPER = `
const net = require('node:net');
class Wrapper {
  constructor() {
    this.server = net.createServer();
  }
  listen() {
    return this.server.listen.apply(this.server, arguments);
  }
}
const wrapper = new Wrapper();
`;

const unproven = (call: string, line: number, column: number, endColumn: number, evidence = '') => ({
  messageId: 'serverAddress' as const,
  data: { call, evidence },
  line,
  column,
  endLine: line,
  endColumn,
});

ruleTester.run('no-unchecked-bound-address (the listen call around the read)', rule, {
  assertionOptions,
  valid: [
    {
      name: 'in the callback of a listen on a port, where another listen of the same server takes a path',
      options: requireProof,
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
const server = net.createServer();
export function onPort() {
  server.listen(0, '127.0.0.1', () => {
    console.log((server.address() as AddressInfo).port);
  });
}
export function onPath(path: string) {
  server.listen(path);
}
      `,
    },
    {
      name: "a wrapper's listen that hands its rest parameter on to its server's listen, called with a port",
      options: requireProof,
      code: `${WRAPPER}
wrapper.listen(0, '127.0.0.1', () => {
  console.log((wrapper.server.address() as AddressInfo).port);
});
      `,
    },
    {
      name: "a wrapper's listen that hands its parameters on one by one",
      options: requireProof,
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
class Wrapper {
  server = net.createServer();
  listen(port: number, host: string, callback: () => void) {
    this.server.listen(port, host, callback);
  }
}
const wrapper = new Wrapper();
wrapper.listen(0, '127.0.0.1', () => {
  console.log((wrapper.server.address() as AddressInfo).port);
});
      `,
    },
    {
      name: 'plain JavaScript: a wrapper that hands on `arguments` with apply',
      filename: 'plain.js',
      options: requireProof,
      code: `${PLAIN_WRAPPER}
wrapper.listen(0, () => {
  const address = wrapper.server.address();
  console.log(address.port);
});
      `,
    },
    {
      name: "a framework's listen on a port, around a read of its server: in the callback and after await",
      options: requireProof,
      code: `${FRAMEWORK}
app.listen({ port: 0 }, (err) => {
  if (err) throw err;
  console.log((app.server.address() as AddressInfo).port);
});
export async function start() {
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log((app.server.address() as AddressInfo).port);
}
      `,
    },
  ],
  invalid: [
    {
      name: 'in the callback of the listen on a path: the path is the evidence, also without requireProof',
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
const server = net.createServer();
export function onPort() {
  server.listen(0, '127.0.0.1');
}
export function onPath(path: string) {
  server.listen('/tmp/app.sock', () => {
    console.log((server.address() as AddressInfo).port);
  });
}
      `,
      output: null,
      errors: [unproven('server.address()', 10, 18, 49, ": it listens on the path `'/tmp/app.sock'` (line 9)")],
    },
    {
      name: "a framework's listen on a path: the path is the evidence, also without requireProof",
      code: `${FRAMEWORK}
export async function start() {
  await app.listen({ path: '/tmp/app.sock' });
  console.log((app.server.address() as AddressInfo).port);
}
      `,
      output: null,
      errors: [unproven('app.server.address()', 16, 16, 51, ": it listens on the path `'/tmp/app.sock'` (line 15)")],
    },
    {
      name: "a framework's listen around a read of another member than `server`",
      options: requireProof,
      code: `${FRAMEWORK}
app.listen({ port: 0 }, () => {
  console.log((app.httpServer.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [unproven('app.httpServer.address()', 15, 16, 55)],
    },
    {
      name: 'a listen method of the program that does not hand its options on to its server',
      options: requireProof,
      code: `
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
class App {
  server = http.createServer();
  listen(options: { port: number }, callback: () => void) {
    setImmediate(callback);
  }
}
const app = new App();
app.listen({ port: 0 }, () => {
  console.log((app.server.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [unproven('app.server.address()', 12, 16, 51)],
    },
    {
      name: "in the callback of another wrapper's listen",
      options: requireProof,
      code: `${WRAPPER}
other.listen(0, '127.0.0.1', () => {
  console.log((wrapper.server.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [unproven('wrapper.server.address()', 14, 16, 55)],
    },
    {
      name: "a wrapper's listen called with a path",
      code: `${WRAPPER}
wrapper.listen('/tmp/app.sock', () => {
  console.log((wrapper.server.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [
        unproven('wrapper.server.address()', 14, 16, 55, ": it listens on the path `'/tmp/app.sock'` (line 13)"),
      ],
    },
    {
      name: 'a method that hands on its parameters in another order',
      options: requireProof,
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
class Wrapper {
  server = net.createServer();
  listen(host: any, port: any, callback: () => void) {
    return this.server.listen(port, host, callback);
  }
}
const wrapper = new Wrapper();
wrapper.listen(0, '127.0.0.1', () => {
  console.log((wrapper.server.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [unproven('wrapper.server.address()', 12, 16, 55)],
    },
    {
      name: 'plain JavaScript: apply with other arguments than its own',
      filename: 'plain.js',
      options: requireProof,
      code: PLAIN_WRAPPER.replace('arguments)', '[0])').concat(`
wrapper.listen(0, () => {
  const address = wrapper.server.address();
  console.log(address.port);
});
      `),
      output: null,
      errors: [unproven('wrapper.server.address()', 15, 15, 27)],
    },
  ],
});
