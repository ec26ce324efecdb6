import rule from '../../src/rules/no-ambiguous-listen-options.ts';
import { assertionOptions, typedRuleTester } from '../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-ambiguous-listen-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'listen with a port',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
http.createServer().listen({ port: 8080, host: '0.0.0.0' });
      `,
    },
    {
      name: 'listen with a path',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createServer().listen({ path: '/tmp/app.sock', readableAll: true });
      `,
    },
    {
      name: 'options built for one transport',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const config: { port?: number; path?: string };
const options: net.ListenOptions = config.path ? { path: config.path } : { port: config.port };
net.createServer().listen(options);
      `,
    },
    {
      name: 'connect with host and port',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.connect({ host: 'db', port: 5432 });
tls.connect({ host: 'db', port: 5432, servername: 'db' });
      `,
    },
    {
      name: 'a NetConnectOpts union from elsewhere',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
export function open(options: net.NetConnectOpts) {
  return net.connect(options);
}
      `,
    },
    {
      name: 'ListenOptions with both keys optional',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
export function start(server: net.Server, options: net.ListenOptions) {
  server.listen(options);
}
      `,
    },
    {
      name: 'a path property of something else',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
http.request({ path: '/index.html', port: 80 });
      `,
    },
    {
      name: 'listen with a port number and a callback',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createServer().listen(3000, () => {});
      `,
    },
    {
      name: 'a builder that sets path or host and port in branches that each return',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
function connectOptions(address: { socketPath?: string; host?: string; port?: number }) {
  const result: Partial<net.TcpNetConnectOpts & net.IpcNetConnectOpts> = { noDelay: true };
  if (typeof address.socketPath === 'string') {
    result.path = address.socketPath;
    return result as net.IpcNetConnectOpts;
  } else if (typeof address.host === 'string') {
    result.host = address.host;
    result.port = address.port;
    return result as net.TcpNetConnectOpts;
  }
  throw new Error('no address');
}
export function open(address: { socketPath?: string; host?: string; port?: number }) {
  return net.createConnection(connectOptions(address));
}
      `,
    },
    {
      name: 'path set in one branch, port in the other, the call after an early return',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
export function open(socketPath: string | undefined, port: number) {
  const options: Partial<net.TcpNetConnectOpts & net.IpcNetConnectOpts> = {};
  if (socketPath) {
    options.path = socketPath;
    return net.connect(options as net.IpcNetConnectOpts);
  }
  options.port = port;
  return net.connect(options as net.TcpNetConnectOpts);
}
      `,
    },
    {
      name: 'renamed and copied functions that are not net or tls: their option names mean something else',
      code: `
import * as net from 'node:net';
const db = { connect(options: { port: number; path: string }) { return options; } };
const { connect: dial } = db;
const open = db.connect;
dial({ port: 1, path: '/tmp/a' });
open({ port: 1, path: '/tmp/a' });
export const ok = net.connect({ port: 1 });
      `,
    },
  ],
  invalid: [
    {
      name: 'a renamed import: the call is known by what it calls',
      code: `
import { connect as tlsConnect } from 'node:tls';
tlsConnect({ port: 1, path: '/tmp/a' });
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'tlsConnect()' },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import { connect as tlsConnect } from 'node:tls';
tlsConnect({ port: 1 });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import { connect as tlsConnect } from 'node:tls';
tlsConnect({ path: '/tmp/a' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a renamed destructuring, a copy of the member, and a bound copy',
      code: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ port: 1, path: '/tmp/a' });
open({ port: 2, path: '/tmp/b' });
bound({ port: 3, path: '/tmp/c' });
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'dial()' },
          line: 7,
          column: 6,
          endLine: 7,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ port: 1 });
open({ port: 2, path: '/tmp/b' });
bound({ port: 3, path: '/tmp/c' });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ path: '/tmp/a' });
open({ port: 2, path: '/tmp/b' });
bound({ port: 3, path: '/tmp/c' });
      `,
            },
          ],
        },
        {
          messageId: 'connect',
          data: { call: 'open()' },
          line: 8,
          column: 6,
          endLine: 8,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ port: 1, path: '/tmp/a' });
open({ port: 2 });
bound({ port: 3, path: '/tmp/c' });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ port: 1, path: '/tmp/a' });
open({ path: '/tmp/b' });
bound({ port: 3, path: '/tmp/c' });
      `,
            },
          ],
        },
        {
          messageId: 'connect',
          data: { call: 'bound()' },
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ port: 1, path: '/tmp/a' });
open({ port: 2, path: '/tmp/b' });
bound({ port: 3 });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
const { createConnection: dial } = net;
const open = net.connect;
let bound;
bound = net.connect.bind(net);
dial({ port: 1, path: '/tmp/a' });
open({ port: 2, path: '/tmp/b' });
bound({ path: '/tmp/c' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a field holding the member, called as a method',
      code: `
import * as tls from 'node:tls';
export class Client {
  private readonly open = tls.connect;
  start() {
    return this.open({ port: 1, path: '/tmp/a' });
  }
}
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'this.open()' },
          line: 6,
          column: 22,
          endLine: 6,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as tls from 'node:tls';
export class Client {
  private readonly open = tls.connect;
  start() {
    return this.open({ port: 1 });
  }
}
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as tls from 'node:tls';
export class Client {
  private readonly open = tls.connect;
  start() {
    return this.open({ path: '/tmp/a' });
  }
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a builder whose path branch falls through to the port',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
function connectOptions(address: { socketPath?: string; host?: string; port?: number }) {
  const result: Partial<net.TcpNetConnectOpts & net.IpcNetConnectOpts> = { noDelay: true };
  if (typeof address.socketPath === 'string') {
    result.path = address.socketPath;
  }
  result.host = address.host;
  result.port = address.port;
  return result as net.TcpNetConnectOpts;
}
export function open(address: { socketPath?: string; host?: string; port?: number }) {
  return net.createConnection(connectOptions(address));
}
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'net.createConnection()' },
          line: 15,
          column: 31,
          endLine: 15,
          endColumn: 54,
        },
      ],
    },
    {
      name: 'path set in a branch of a loop, the call in the other branch of a later round',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
export function open(paths: string[], port: number) {
  const options: Partial<net.TcpNetConnectOpts & net.IpcNetConnectOpts> = { port };
  for (const path of paths) {
    if (path) {
      options.path = path;
    } else {
      net.connect(options as net.TcpNetConnectOpts);
    }
  }
}
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'net.connect()' },
          line: 11,
          column: 19,
          endLine: 11,
          endColumn: 51,
        },
      ],
    },
    {
      name: 'listen with port and path keys',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const config: { port?: number; path?: string };
net.createServer().listen({ port: config.port, path: config.path });
      `,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'net.createServer().listen()' },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const config: { port?: number; path?: string };
net.createServer().listen({ port: config.port });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const config: { port?: number; path?: string };
net.createServer().listen({ path: config.path });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'listen through a const options object',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
const options = { port: Number(process.env.PORT), path: process.env.SOCKET };
http.createServer().listen(options, () => {});
      `,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'http.createServer().listen()' },
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
const options = { port: Number(process.env.PORT) };
http.createServer().listen(options, () => {});
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
const options = { path: process.env.SOCKET };
http.createServer().listen(options, () => {});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'connect with port and path',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const target: { port: number; socketPath?: string };
net.connect({ path: target.socketPath, port: target.port });
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'net.connect()' },
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const target: { port: number; socketPath?: string };
net.connect({ port: target.port });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'createConnection and tls.connect',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createConnection({ port: 1, path: '/tmp/a' });
tls.connect({ path: '/tmp/b', port: 2 });
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'net.createConnection()' },
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createConnection({ port: 1 });
tls.connect({ path: '/tmp/b', port: 2 });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createConnection({ path: '/tmp/a' });
tls.connect({ path: '/tmp/b', port: 2 });
      `,
            },
          ],
        },
        {
          messageId: 'connect',
          data: { call: 'tls.connect()' },
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createConnection({ port: 1, path: '/tmp/a' });
tls.connect({ port: 2 });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
net.createConnection({ port: 1, path: '/tmp/a' });
tls.connect({ path: '/tmp/b' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'socket.connect',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
new net.Socket().connect({ port: 1, path: '/tmp/c' });
      `,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'new net.Socket().connect()' },
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
new net.Socket().connect({ port: 1 });
      `,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
new net.Socket().connect({ path: '/tmp/c' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a spread whose type has both keys',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
declare const both: { port: number | undefined; path: string | undefined };
net.createServer().listen({ ...both, backlog: 10 });
      `,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'net.createServer().listen()' },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 51,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a value whose type has both keys',
      code: `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http from 'node:http';
export function start(server: net.Server, options: { port: number | undefined; path: string | undefined }) {
  server.listen(options);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'server.listen()' },
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
  ],
});
