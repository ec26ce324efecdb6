import rule from '../../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

// seen on real code (issue 18)
ruleTester.run('no-unchecked-bound-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a promise resolved with the server right after a listen with a host (recommended: no evidence)',
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
    },
    {
      name: "an awaited promise that is resolved on 'error', not on listening (recommended: no evidence)",
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
    },
    {
      name: "the server that an app's listen(port, host) returns, before the lookup is done (recommended: no evidence)",
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
    },
    {
      name: 'asserted with no visible listen (recommended: no evidence)',
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
    },
    {
      name: 'a non-null assertion (recommended: no evidence)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function log(server: net.Server) {
  console.log(server.address()!);
}
      `,
    },
    {
      name: 'through any (recommended: no evidence)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function port(server: net.Server): number {
  return (server.address() as any as AddressInfo).port;
}
      `,
    },
    {
      name: 'through a const without a check (recommended: no evidence)',
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
    },
    {
      name: 'JavaScript destructuring (recommended: no evidence)',
      filename: 'plain.js',
      code: `
import * as net from 'node:net';
export function port(/** @type {net.Server} */ server) {
  const { port } = server.address();
  return port;
}
      `,
    },
    {
      name: 'a socket from elsewhere (recommended: no evidence)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
export function local(socket: net.Socket) {
  return (socket.address() as AddressInfo).address;
}
      `,
    },
    {
      name: 'the suggestion picks a free name (recommended: no evidence)',
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
    },
    {
      name: 'a test hook that listens runs before the test',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
declare function beforeEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
let server: http.Server;
beforeEach((done) => {
  server = http.createServer();
  server.listen(0, '127.0.0.1', done);
});
it('serves', () => {
  console.log((server.address() as AddressInfo).port);
});
      `,
    },
    {
      name: 'a request listener of the same server runs while it listens, also with requireProof',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer((req, res) => {
  res.end(String((server.address() as AddressInfo).port));
});
server.on('upgrade', () => console.log((server.address() as AddressInfo).port));
server.listen(0);
      `,
      options: [{ requireProof: true }],
    },
    {
      name: 'a before hook that completes once the server listens proves it listening, also with requireProof',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
declare function describe(name: string, fn: () => void): void;
declare function before(fn: (done: () => void) => void): void;
declare function beforeEach(fn: (done: () => void) => void): void;
declare function beforeAll(fn: () => Promise<void>): void;
declare function afterEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
describe('server', () => {
  let server: net.Server;
  let other: net.Server;
  beforeEach((done) => {
    server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      done();
    });
  });
  beforeAll(async () => {
    other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  });
  describe('nested', () => {
    it('reads both', () => {
      console.log((server.address() as AddressInfo).port, (other.address() as AddressInfo).port);
    });
  });
});
      `,
    },
    {
      name: 'a hook registered after the one that listens runs once it is listening, also with requireProof',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
declare function describe(name: string, fn: () => void): void;
declare function before(fn: (done: () => void) => void): void;
declare function beforeEach(fn: (done: () => void) => void): void;
declare function beforeAll(fn: () => Promise<void>): void;
declare function afterEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
let server: net.Server;
let client: net.Socket;
beforeEach((done) => {
  server = net.createServer();
  server.listen(0, done);
});
beforeEach((done) => {
  client = net.connect((server.address() as AddressInfo).port, 'localhost', done);
});
      `,
    },
    {
      name: 'hooks written as arrows with an expression body (the listen callback is done, an awaited promise), also with requireProof',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
declare function describe(name: string, fn: () => void): void;
declare function before(fn: () => Promise<void>): void;
declare function beforeEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
describe('server', () => {
  const server = net.createServer();
  const other = net.createServer();
  beforeEach((done) => server.listen(0, done));
  before(async () => await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve)));
  it('reads both', () => {
    console.log((server.address() as AddressInfo).port, (other.address() as AddressInfo).port);
  });
});
      `,
    },
    {
      name: 'JavaScript: a class that listens through const self = this, on a port with a host, also with requireProof',
      filename: 'plain.js',
      options: [{ requireProof: true }],
      code: `
const net = require('node:net');
class MockServer {
  constructor(port, host) {
    this.host = host;
    this.port = port;
    this.server = net.createServer();
  }
  start() {
    const self = this;
    return new Promise((resolve) => {
      self.server.listen(self.port, self.host, function () {
        self.port = self.server.address().port;
        resolve(self);
      });
    });
  }
}
module.exports = { MockServer };
      `,
    },
    {
      name: 'JavaScript: listen(port || 0, host || localhost) with parameters is a TCP listen, also with requireProof',
      filename: 'plain.js',
      options: [{ requireProof: true }],
      code: `
const net = require('node:net');
function createMock(port, host) {
  const server = net.createServer();
  server.listen(port || 0, host || 'localhost', () => {
    console.log(server.address().port);
  });
  return server;
}
module.exports = { createMock };
      `,
    },
  ],
  invalid: [
    {
      name: 'with requireProof, a hook that runs before the one that listens',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
declare function describe(name: string, fn: () => void): void;
declare function before(fn: (done: () => void) => void): void;
declare function beforeEach(fn: (done: () => void) => void): void;
declare function beforeAll(fn: () => Promise<void>): void;
declare function afterEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
let server: net.Server;
let client: net.Socket;
beforeEach((done) => {
  client = net.connect((server.address() as AddressInfo).port, 'localhost', done);
});
beforeEach((done) => {
  server = net.createServer();
  server.listen(0, done);
});
before((done) => {
  client = net.connect((server.address() as AddressInfo).port, 'localhost', done);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 17 has completed here',
          },
          line: 13,
          column: 25,
          endLine: 13,
          endColumn: 56,
        },
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 17 has completed here',
          },
          line: 20,
          column: 25,
          endLine: 20,
          endColumn: 56,
        },
      ],
    },
    {
      name: 'with requireProof, hooks with an expression body that do not wait for a listen with a host',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
declare function describe(name: string, fn: () => void): void;
declare function before(fn: () => Promise<void>): void;
declare function beforeEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
describe('server', () => {
  const server = net.createServer();
  const other = net.createServer();
  beforeEach((done) => server.listen(0, 'localhost'));
  before(async () => new Promise<void>((resolve) => { other.listen(0, '127.0.0.1'); resolve(); }));
  it('reads both', () => {
    console.log((server.address() as AddressInfo).port, (other.address() as AddressInfo).port);
  });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 11 has completed here',
          },
          line: 14,
          column: 18,
          endLine: 14,
          endColumn: 49,
        },
        {
          messageId: 'serverAddress',
          data: {
            call: 'other.address()',
            evidence: ': nothing shows that the `listen` on line 12 has completed here',
          },
          line: 14,
          column: 58,
          endLine: 14,
          endColumn: 88,
        },
      ],
    },
    {
      name: 'with requireProof, a hook that does not wait for the listen, an afterEach, a hook of another suite',
      options: [{ requireProof: true }],
      code: `
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
declare function describe(name: string, fn: () => void): void;
declare function before(fn: (done: () => void) => void): void;
declare function beforeEach(fn: (done: () => void) => void): void;
declare function beforeAll(fn: () => Promise<void>): void;
declare function afterEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
let a: net.Server;
let b: net.Server;
let c: net.Server;
before(() => {
  a = net.createServer();
  a.listen(0, '127.0.0.1');
});
afterEach((done) => {
  b = net.createServer();
  b.listen(0, '127.0.0.1', done);
});
describe('other', () => {
  before((done) => {
    c = net.createServer();
    c.listen(0, '127.0.0.1', done);
  });
});
it('reads', () => {
  console.log((a.address() as AddressInfo).port);
  console.log((b.address() as AddressInfo).port);
  console.log((c.address() as AddressInfo).port);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'a.address()', evidence: ': nothing shows that the `listen` on line 15 has completed here' },
          line: 28,
          column: 16,
          endLine: 28,
          endColumn: 42,
        },
        {
          messageId: 'serverAddress',
          data: { call: 'b.address()', evidence: ': nothing shows that the `listen` on line 19 has completed here' },
          line: 29,
          column: 16,
          endLine: 29,
          endColumn: 42,
        },
        {
          messageId: 'serverAddress',
          data: { call: 'c.address()', evidence: ': nothing shows that the `listen` on line 24 has completed here' },
          line: 30,
          column: 16,
          endLine: 30,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'straight-line code before the listen, in the function that creates the server',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
console.log((server.address() as AddressInfo).port);
server.listen(0);
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': its `listen` on line 8 comes after this call, so it is `null`',
          },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a server that nothing makes listen and that is never passed on',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
const server = http.createServer();
console.log((server.address() as AddressInfo).port);
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing in this file makes the server created on line 6 listen, so it is `null`',
          },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      name: 'JavaScript: a class that listens through const self = this, on a path',
      filename: 'plain.js',
      code: `
const net = require('node:net');
class MockServer {
  constructor() {
    this.server = net.createServer();
  }
  start() {
    const self = this;
    return new Promise((resolve) => {
      self.server.listen('/tmp/mock.sock', function () {
        resolve(self.server.address().port);
      });
    });
  }
}
module.exports = { MockServer };
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'self.server.address()', evidence: ": it listens on the path `'/tmp/mock.sock'` (line 10)" },
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 43,
          suggestions: [],
        },
      ],
    },
    {
      name: 'JavaScript: a path that a caller passes stays a path, whatever follows it',
      filename: 'plain.js',
      code: `
const net = require('node:net');
function createMock(port, host) {
  const server = net.createServer();
  server.listen(port, host, () => {
    console.log(server.address().port);
  });
  return server;
}
createMock('/tmp/mock.sock', 'localhost');
      `,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/mock.sock'` (line 10)" },
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 38,
          suggestions: [],
        },
      ],
    },
  ],
});
