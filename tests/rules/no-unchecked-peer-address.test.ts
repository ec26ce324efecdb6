import rule from '../../src/rules/no-unchecked-peer-address.ts';
import { assertionOptions, typedRuleTester } from '../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unchecked-peer-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a request socket of a server listening on a port',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
http.createServer((req) => {
  console.log(req.socket.remoteAddress!, req.socket.remotePort as number);
}).listen(8080);
      `,
    },
    {
      name: 'a ?? fallback',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function ip(socket: net.Socket) {
  return socket.remoteAddress ?? 'unknown';
}
      `,
    },
    {
      name: 'after an undefined check',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function ip(socket: net.Socket) {
  if (socket.remoteAddress === undefined) return 'unknown';
  return socket.remoteAddress!;
}
      `,
    },
    {
      name: 'after a remoteFamily check',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function ip(socket: net.Socket) {
  if (!socket.remoteFamily) return 'local';
  return socket.remoteAddress as string;
}
      `,
    },
    {
      name: "in a client's connect listener",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = net.connect(80, 'example.com');
client.on('connect', () => {
  console.log(client.localPort!);
});
      `,
    },
    {
      name: 'in the connect callback',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = net.connect({ port: 80, host: 'example.com' }, () => {
  console.log(client.remoteAddress!);
});
      `,
    },
    {
      name: 'assertions that keep undefined',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function ip(socket: net.Socket) {
  return socket.remoteAddress as string | undefined;
}
      `,
    },
    {
      name: 'not a socket',
      code: `
const peer = { remoteAddress: undefined as string | undefined };
export const ip = peer.remoteAddress!;
      `,
    },
    {
      name: 'the connect callback of a new net.Socket() connected to a port',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = new net.Socket();
client.connect(80, 'example.com', () => {
  console.log(client.remoteAddress!);
});
      `,
    },
    {
      name: "the 'connect' listener of a new net.Socket() connected to a port",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = new net.Socket();
client.on('connect', () => console.log(client.remotePort!));
client.connect(80, 'example.com');
      `,
    },
  ],
  invalid: [
    {
      name: 'the connect callback of a new net.Socket() connected to a path',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = new net.Socket();
client.connect('/tmp/a.sock', () => {
  console.log(client.remoteAddress!);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'client',
            member: 'remoteAddress',
            evidence: ": it is connected by `client.connect(…)` with the path `'/tmp/a.sock'` (line 5)",
            fallback: "''",
          },
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = new net.Socket();
client.connect('/tmp/a.sock', () => {
  console.log((client.remoteAddress ?? ''));
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a new net.Socket() connected to a port, read before it has connected',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = new net.Socket();
client.connect(80, 'example.com');
console.log(client.remoteAddress!);
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'client',
            member: 'remoteAddress',
            evidence:
              ": here `client` may not have connected yet (it is connected by `client.connect(…)` with port `80`, line 5); read it in its 'connect' listener",
            fallback: "''",
          },
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = new net.Socket();
client.connect(80, 'example.com');
console.log((client.remoteAddress ?? ''));
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket from elsewhere',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function ip(socket: net.Socket) {
  return socket.remoteAddress!;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'remoteAddress', evidence: '', fallback: "''" },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
export function ip(socket: net.Socket) {
  return (socket.remoteAddress ?? '');
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'as string and as number',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function peer(socket: net.Socket) {
  return [socket.remoteAddress as string, <number>socket.remotePort];
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'remoteAddress', evidence: '', fallback: "''" },
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
export function peer(socket: net.Socket) {
  return [(socket.remoteAddress ?? ''), <number>socket.remotePort];
}
      `,
            },
          ],
        },
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'remotePort', evidence: '', fallback: '0' },
          line: 5,
          column: 43,
          endLine: 5,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remotePort', fallback: '0' },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
export function peer(socket: net.Socket) {
  return [socket.remoteAddress as string, (socket.remotePort ?? 0)];
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a server listening on a path',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
http.createServer((req) => {
  console.log(req.socket.remoteAddress!);
}).listen('/tmp/app.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'req.socket',
            member: 'remoteAddress',
            evidence: ": its server listens on the path `'/tmp/app.sock'` (line 6)",
            fallback: "''",
          },
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
http.createServer((req) => {
  console.log((req.socket.remoteAddress ?? ''));
}).listen('/tmp/app.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: "in a 'close' listener, even on a TCP server",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
net.createServer((socket) => {
  socket.on('close', () => {
    console.log(\`closed \${socket.remoteAddress!}\`);
  });
}).listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'afterClose',
          data: {
            subject: 'socket',
            member: 'remoteAddress',
            event: 'close',
            fallback: "''",
            when: 'it is `undefined` unless it was read while connected',
          },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
net.createServer((socket) => {
  socket.on('close', () => {
    console.log(\`closed \${(socket.remoteAddress ?? '')}\`);
  });
}).listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a client before it connects',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = net.connect(80, 'example.com');
console.log(client.remoteAddress!);
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'client',
            member: 'remoteAddress',
            evidence:
              ": here `client` may not have connected yet (it is created by `net.connect(…)` with port `80`, line 4); read it in its 'connect' listener",
            fallback: "''",
          },
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
const client = net.connect(80, 'example.com');
console.log((client.remoteAddress ?? ''));
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'local address with optional chaining',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
export function local(socket?: net.Socket) {
  return socket?.localAddress!;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'localAddress', evidence: '', fallback: "''" },
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'localAddress', fallback: "''" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
export function local(socket?: net.Socket) {
  return (socket?.localAddress ?? '');
}
      `,
            },
          ],
        },
      ],
    },
  ],
});
