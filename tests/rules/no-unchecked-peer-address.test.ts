import rule from '../../src/rules/no-unchecked-peer-address.ts';
import { assertionOptions, typedRuleTester } from '../rule-tester.ts';

const ruleTester = typedRuleTester();

const HEADER = `import * as net from 'node:net';\nimport * as http from 'node:http';\n`;

ruleTester.run('no-unchecked-peer-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a request socket of a server listening on a port',
      code: `${HEADER}http.createServer((req) => {\n  console.log(req.socket.remoteAddress!, req.socket.remotePort as number);\n}).listen(8080);`,
    },
    {
      name: 'a ?? fallback',
      code: `${HEADER}export function ip(socket: net.Socket) {\n  return socket.remoteAddress ?? 'unknown';\n}`,
    },
    {
      name: 'after an undefined check',
      code: `${HEADER}export function ip(socket: net.Socket) {\n  if (socket.remoteAddress === undefined) return 'unknown';\n  return socket.remoteAddress!;\n}`,
    },
    {
      name: 'after a remoteFamily check',
      code: `${HEADER}export function ip(socket: net.Socket) {\n  if (!socket.remoteFamily) return 'local';\n  return socket.remoteAddress as string;\n}`,
    },
    {
      name: "in a client's connect listener",
      code: `${HEADER}const client = net.connect(80, 'example.com');\nclient.on('connect', () => {\n  console.log(client.localPort!);\n});`,
    },
    {
      name: 'in the connect callback',
      code: `${HEADER}const client = net.connect({ port: 80, host: 'example.com' }, () => {\n  console.log(client.remoteAddress!);\n});`,
    },
    {
      name: 'assertions that keep undefined',
      code: `${HEADER}export function ip(socket: net.Socket) {\n  return socket.remoteAddress as string | undefined;\n}`,
    },
    {
      name: 'not a socket',
      code: `const peer = { remoteAddress: undefined as string | undefined };\nexport const ip = peer.remoteAddress!;`,
    },
    {
      name: 'the connect callback of a new net.Socket() connected to a port',
      code: `${HEADER}const client = new net.Socket();\nclient.connect(80, 'example.com', () => {\n  console.log(client.remoteAddress!);\n});`,
    },
    {
      name: "the 'connect' listener of a new net.Socket() connected to a port",
      code: `${HEADER}const client = new net.Socket();\nclient.on('connect', () => console.log(client.remotePort!));\nclient.connect(80, 'example.com');`,
    },
  ],
  invalid: [
    {
      name: 'the connect callback of a new net.Socket() connected to a path',
      code: `${HEADER}const client = new net.Socket();\nclient.connect('/tmp/a.sock', () => {\n  console.log(client.remoteAddress!);\n});`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'client',
            member: 'remoteAddress',
            evidence: ": it is connected by `client.connect(…)` with the path `'/tmp/a.sock'` (line 4)",
            fallback: "''",
          },
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `${HEADER}const client = new net.Socket();\nclient.connect('/tmp/a.sock', () => {\n  console.log((client.remoteAddress ?? ''));\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'a new net.Socket() connected to a port, read before it has connected',
      code: `${HEADER}const client = new net.Socket();\nclient.connect(80, 'example.com');\nconsole.log(client.remoteAddress!);`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'client',
            member: 'remoteAddress',
            evidence:
              ": here `client` may not have connected yet (it is connected by `client.connect(…)` with port `80`, line 4); read it in its 'connect' listener",
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
              output: `${HEADER}const client = new net.Socket();\nclient.connect(80, 'example.com');\nconsole.log((client.remoteAddress ?? ''));`,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket from elsewhere',
      code: `${HEADER}export function ip(socket: net.Socket) {\n  return socket.remoteAddress!;\n}`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'remoteAddress', evidence: '', fallback: "''" },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `${HEADER}export function ip(socket: net.Socket) {\n  return (socket.remoteAddress ?? '');\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'as string and as number',
      code: `${HEADER}export function peer(socket: net.Socket) {\n  return [socket.remoteAddress as string, <number>socket.remotePort];\n}`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'remoteAddress', evidence: '', fallback: "''" },
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 41,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `${HEADER}export function peer(socket: net.Socket) {\n  return [(socket.remoteAddress ?? ''), <number>socket.remotePort];\n}`,
            },
          ],
        },
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'remotePort', evidence: '', fallback: '0' },
          line: 4,
          column: 43,
          endLine: 4,
          endColumn: 68,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remotePort', fallback: '0' },
              output: `${HEADER}export function peer(socket: net.Socket) {\n  return [socket.remoteAddress as string, (socket.remotePort ?? 0)];\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a server listening on a path',
      code: `${HEADER}http.createServer((req) => {\n  console.log(req.socket.remoteAddress!);\n}).listen('/tmp/app.sock');`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'req.socket',
            member: 'remoteAddress',
            evidence: ": its server listens on the path `'/tmp/app.sock'` (line 5)",
            fallback: "''",
          },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `${HEADER}http.createServer((req) => {\n  console.log((req.socket.remoteAddress ?? ''));\n}).listen('/tmp/app.sock');`,
            },
          ],
        },
      ],
    },
    {
      name: "in a 'close' listener, even on a TCP server",
      code: `${HEADER}net.createServer((socket) => {\n  socket.on('close', () => {\n    console.log(\`closed \${socket.remoteAddress!}\`);\n  });\n}).listen(3000);`,
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
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `${HEADER}net.createServer((socket) => {\n  socket.on('close', () => {\n    console.log(\`closed \${(socket.remoteAddress ?? '')}\`);\n  });\n}).listen(3000);`,
            },
          ],
        },
      ],
    },
    {
      name: 'a client before it connects',
      code: `${HEADER}const client = net.connect(80, 'example.com');\nconsole.log(client.remoteAddress!);`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: {
            subject: 'client',
            member: 'remoteAddress',
            evidence:
              ": here `client` may not have connected yet (it is created by `net.connect(…)` with port `80`, line 3); read it in its 'connect' listener",
            fallback: "''",
          },
          line: 4,
          column: 13,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'remoteAddress', fallback: "''" },
              output: `${HEADER}const client = net.connect(80, 'example.com');\nconsole.log((client.remoteAddress ?? ''));`,
            },
          ],
        },
      ],
    },
    {
      name: 'local address with optional chaining',
      code: `${HEADER}export function local(socket?: net.Socket) {\n  return socket?.localAddress!;\n}`,
      output: null,
      errors: [
        {
          messageId: 'notProven',
          data: { subject: 'socket', member: 'localAddress', evidence: '', fallback: "''" },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'useFallback',
              data: { member: 'localAddress', fallback: "''" },
              output: `${HEADER}export function local(socket?: net.Socket) {\n  return (socket?.localAddress ?? '');\n}`,
            },
          ],
        },
      ],
    },
  ],
});
