import rule from '../../src/rules/no-unchecked-bound-address.ts';
import { assertionOptions, typedRuleTester } from '../rule-tester.ts';

const ruleTester = typedRuleTester();

const HEADER = `import * as net from 'node:net';\nimport * as http from 'node:http';\nimport { once } from 'node:events';\nimport type { AddressInfo } from 'node:net';\n`;

ruleTester.run('no-unchecked-bound-address', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the test idiom: inside the listen callback of a port',
      code: `${HEADER}const server = http.createServer();\nserver.listen(0, () => {\n  const { port } = server.address() as AddressInfo;\n  console.log(port);\n});`,
    },
    {
      name: "inside a 'listening' listener of a port listener",
      code: `${HEADER}const server = net.createServer();\nserver.on('listening', () => {\n  console.log((server.address() as net.AddressInfo).port);\n});\nserver.listen({ port: 8080 });`,
    },
    {
      name: "after await once(server, 'listening')",
      code: `${HEADER}export async function start() {\n  const server = http.createServer();\n  server.listen(0, '127.0.0.1');\n  await once(server, 'listening');\n  return (server.address() as AddressInfo).port;\n}`,
    },
    {
      name: 'after an awaited listen',
      code: `${HEADER}export async function start() {\n  const server = http.createServer();\n  await new Promise<void>((resolve) => server.listen(0, resolve));\n  return (server.address() as AddressInfo).port;\n}`,
    },
    {
      name: 'after a synchronous listen(port) without a host',
      code: `${HEADER}const server = http.createServer();\nserver.listen(0);\nconst { port } = server.address() as AddressInfo;\nconsole.log(port);`,
    },
    {
      name: 'after a typeof check',
      code: `${HEADER}export function url(server: net.Server) {\n  const address = server.address();\n  if (typeof address === 'object' && address !== null) return (address as AddressInfo).port;\n  return address;\n}`,
    },
    {
      name: 'after typeof !== string with an early return',
      code: `${HEADER}export function port(server: net.Server) {\n  const address = server.address();\n  if (typeof address === 'string' || !address) return undefined;\n  return (address as AddressInfo).port;\n}`,
    },
    {
      name: "a socket address after 'port' in",
      code: `${HEADER}export function port(socket: net.Socket) {\n  const address = socket.address();\n  return 'port' in address ? (address as AddressInfo).port : undefined;\n}`,
    },
    {
      name: 'an assertion that keeps every case',
      code: `${HEADER}export function describe(server: net.Server) {\n  const address = server.address() as AddressInfo | string | null;\n  return address;\n}`,
    },
    {
      name: 'a socket accepted by a server on a port',
      code: `${HEADER}net.createServer((socket) => {\n  const { port } = socket.address() as AddressInfo;\n  console.log(port);\n}).listen(3000);`,
    },
    {
      name: 'dgram addresses are always AddressInfo',
      code: `import * as dgram from 'node:dgram';\nconst udp = dgram.createSocket('udp4');\nudp.bind(0, () => console.log(udp.address().port));`,
    },
    {
      name: 'optional chaining in JavaScript',
      filename: 'plain.js',
      code: `import * as http from 'node:http';\nexport function port(server) {\n  return server.address()?.port;\n}`,
    },
    {
      name: 'a server made and started in one expression: http.createServer().listen(0)',
      code: `${HEADER}const server = http.createServer().listen(0);\nconst { port } = server.address() as AddressInfo;\nconsole.log(port);`,
    },
    {
      name: "the server that an app's listen(port) returns (Express, Koa), right after it",
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string): http.Server };\nconst server = app.listen(0);\nconst { port } = server.address() as AddressInfo;\nconsole.log(port);`,
    },
    {
      name: 'a promise that the listen callback resolves with the server',
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };\nexport async function start() {\n  const server = await new Promise<http.Server>((resolve) => {\n    const s = app.listen(0, () => resolve(s));\n  });\n  return (server.address() as AddressInfo).port;\n}`,
    },
    // ---- without evidence, only requireProof (strict) reports these (issue 18)
    {
      name: 'a promise resolved with the server right after a listen with a host (recommended: no evidence)',
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };\nexport async function start() {\n  const server = await new Promise<http.Server>((resolve) => {\n    const s = app.listen(0, 'localhost');\n    resolve(s);\n  });\n  return (server.address() as AddressInfo).port;\n}`,
    },
    {
      name: "an awaited promise that is resolved on 'error', not on listening (recommended: no evidence)",
      code: `${HEADER}export async function start() {\n  const server = http.createServer();\n  await new Promise<void>((resolve) => {\n    server.listen(0, 'localhost');\n    server.on('error', () => resolve());\n  });\n  return (server.address() as AddressInfo).port;\n}`,
    },
    {
      name: "the server that an app's listen(port, host) returns, before the lookup is done (recommended: no evidence)",
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string): http.Server };\nconst server = app.listen(0, 'localhost');\nconst { port } = server.address() as AddressInfo;\nconsole.log(port);`,
    },
    {
      name: 'asserted with no visible listen (recommended: no evidence)',
      code: `${HEADER}export function url(server: http.Server) {\n  const { port } = server.address() as AddressInfo;\n  return \`http://localhost:\${port}\`;\n}`,
    },
    {
      name: 'a non-null assertion (recommended: no evidence)',
      code: `${HEADER}export function log(server: net.Server) {\n  console.log(server.address()!);\n}`,
    },
    {
      name: 'through any (recommended: no evidence)',
      code: `${HEADER}export function port(server: net.Server): number {\n  return (server.address() as any as AddressInfo).port;\n}`,
    },
    {
      name: 'through a const without a check (recommended: no evidence)',
      code: `${HEADER}export function port(server: net.Server) {\n  const address = server.address();\n  return (address as AddressInfo).port;\n}`,
    },
    {
      name: 'JavaScript destructuring (recommended: no evidence)',
      filename: 'plain.js',
      code: `import * as net from 'node:net';\nexport function port(/** @type {net.Server} */ server) {\n  const { port } = server.address();\n  return port;\n}`,
    },
    {
      name: 'a socket from elsewhere (recommended: no evidence)',
      code: `${HEADER}export function local(socket: net.Socket) {\n  return (socket.address() as AddressInfo).address;\n}`,
    },
    {
      name: 'the suggestion picks a free name (recommended: no evidence)',
      code: `${HEADER}export function url(server: http.Server, address: string) {\n  let { port } = server.address() as AddressInfo;\n  return address + port;\n}`,
    },
    // ---- listen ordering (issue 18): code that runs later is no evidence
    {
      name: 'a test hook that listens runs before the test',
      code: `${HEADER}declare function beforeEach(fn: (done: () => void) => void): void;
declare function it(name: string, fn: () => void): void;
let server: http.Server;
beforeEach((done) => {
  server = http.createServer();
  server.listen(0, '127.0.0.1', done);
});
it('serves', () => {
  console.log((server.address() as AddressInfo).port);
});`,
    },
    {
      name: 'a request listener of the same server runs while it listens, also with requireProof',
      code: `${HEADER}const server = http.createServer((req, res) => {
  res.end(String((server.address() as AddressInfo).port));
});
server.on('upgrade', () => console.log((server.address() as AddressInfo).port));
server.listen(0);`,
      options: [{ requireProof: true }],
    },
  ],
  invalid: [
    {
      name: 'straight-line code before the listen, in the function that creates the server',
      code: `${HEADER}const server = http.createServer();
console.log((server.address() as AddressInfo).port);
server.listen(0);`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': its `listen` on line 7 comes after this call, so it is `null`',
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a server that nothing makes listen and that is never passed on',
      code: `${HEADER}const server = http.createServer();
console.log((server.address() as AddressInfo).port);`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing in this file makes the server created on line 5 listen, so it is `null`',
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 45,
          suggestions: [],
        },
      ],
    },
    {
      name: 'a promise resolved with the server right after a listen with a host',
      options: [{ requireProof: true }],
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };\nexport async function start() {\n  const server = await new Promise<http.Server>((resolve) => {\n    const s = app.listen(0, 'localhost');\n    resolve(s);\n  });\n  return (server.address() as AddressInfo).port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 8 has completed here',
          },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a promise resolved with a server that listens on a path',
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string, cb?: () => void): http.Server };\nexport async function start() {\n  const server = await new Promise<http.Server>((resolve) => {\n    const s = app.listen('/tmp/app.sock', () => resolve(s));\n  });\n  return (server.address() as AddressInfo).port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/app.sock'` (line 8)" },
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: "an awaited promise that is resolved on 'error', not on listening",
      options: [{ requireProof: true }],
      code: `${HEADER}export async function start() {\n  const server = http.createServer();\n  await new Promise<void>((resolve) => {\n    server.listen(0, 'localhost');\n    server.on('error', () => resolve());\n  });\n  return (server.address() as AddressInfo).port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 8 has completed here',
          },
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: "the server that an app's listen(path) returns",
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string): http.Server };\nconst server = app.listen('/tmp/app.sock');\nconst { port } = server.address() as AddressInfo;\nconsole.log(port);`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/app.sock'` (line 6)" },
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `${HEADER}declare const app: { listen(port: number | string, host?: string): http.Server };\nconst server = app.listen('/tmp/app.sock');\nconst address = server.address();\nif (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);\nconst { port } = address;\nconsole.log(port);`,
            },
          ],
        },
      ],
    },
    {
      name: "the server that an app's listen(port, host) returns, before the lookup is done",
      options: [{ requireProof: true }],
      code: `${HEADER}declare const app: { listen(port: number | string, host?: string): http.Server };\nconst server = app.listen(0, 'localhost');\nconst { port } = server.address() as AddressInfo;\nconsole.log(port);`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': nothing shows that the `listen` on line 6 has completed here',
          },
          line: 7,
          column: 18,
          endLine: 7,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `${HEADER}declare const app: { listen(port: number | string, host?: string): http.Server };\nconst server = app.listen(0, 'localhost');\nconst address = server.address();\nif (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);\nconst { port } = address;\nconsole.log(port);`,
            },
          ],
        },
      ],
    },
    {
      name: 'asserted with no visible listen',
      options: [{ requireProof: true }],
      code: `${HEADER}export function url(server: http.Server) {\n  const { port } = server.address() as AddressInfo;\n  return \`http://localhost:\${port}\`;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `${HEADER}export function url(server: http.Server) {\n  const address = server.address();\n  if (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);\n  const { port } = address;\n  return \`http://localhost:\${port}\`;\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a listen target typed string (process.env.PORT)',
      code: `${HEADER}const server = http.createServer();\nserver.listen(process.env.PORT, () => {\n  console.log((server.address() as AddressInfo).port);\n});`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': it listens on `process.env.PORT`, a string that names a pipe unless it is all digits (line 6)',
          },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 47,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a server listening on a path',
      code: `${HEADER}const server = net.createServer();\nserver.listen('/tmp/app.sock');\nserver.on('listening', () => {\n  const address = server.address() as net.AddressInfo;\n  console.log(address.port);\n});`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ": it listens on the path `'/tmp/app.sock'` (line 6)" },
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `${HEADER}const server = net.createServer();\nserver.listen('/tmp/app.sock');\nserver.on('listening', () => {\n  const address2 = server.address();\n  if (typeof address2 !== 'object' || address2 === null || !('port' in address2)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address2)}\`);\n  const address = address2;\n  console.log(address.port);\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'before an asynchronous listen with a host completes',
      code: `${HEADER}const server = http.createServer();\nserver.listen(0, 'localhost');\nconsole.log((<AddressInfo>server.address()).port);`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: ': here the `listen` on line 6 has not completed yet' },
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 43,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a non-null assertion',
      options: [{ requireProof: true }],
      code: `${HEADER}export function log(server: net.Server) {\n  console.log(server.address()!);\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 32,
          suggestions: null,
        },
      ],
    },
    {
      name: 'through any',
      options: [{ requireProof: true }],
      code: `${HEADER}export function port(server: net.Server): number {\n  return (server.address() as any as AddressInfo).port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 49,
          suggestions: null,
        },
      ],
    },
    {
      name: 'through a const without a check',
      options: [{ requireProof: true }],
      code: `${HEADER}export function port(server: net.Server) {\n  const address = server.address();\n  return (address as AddressInfo).port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a JavaScript file reads the port directly',
      filename: 'plain.js',
      code: `import * as http from 'node:http';\nconst server = http.createServer();\nserver.listen(process.env.PORT);\nexport const port = () => server.address().port;`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: {
            call: 'server.address()',
            evidence: ': it listens on `process.env.PORT`, a string that names a pipe unless it is all digits (line 3)',
          },
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 48,
          suggestions: null,
        },
      ],
    },
    {
      name: 'JavaScript destructuring',
      options: [{ requireProof: true }],
      filename: 'plain.js',
      code: `import * as net from 'node:net';\nexport function port(/** @type {net.Server} */ server) {\n  const { port } = server.address();\n  return port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 17,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a socket address on a pipe server',
      code: `${HEADER}net.createServer((socket) => {\n  const { port } = socket.address() as AddressInfo;\n  console.log(port);\n}).listen('/run/app.sock');`,
      output: null,
      errors: [
        {
          messageId: 'socketAddress',
          data: { call: 'socket.address()', evidence: ": its server listens on the path `'/run/app.sock'` (line 8)" },
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 51,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `${HEADER}net.createServer((socket) => {\n  const address = socket.address();\n  if (typeof address !== 'object' || address === null || !('port' in address)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address)}\`);\n  const { port } = address;\n  console.log(port);\n}).listen('/run/app.sock');`,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket from elsewhere',
      options: [{ requireProof: true }],
      code: `${HEADER}export function local(socket: net.Socket) {\n  return (socket.address() as AddressInfo).address;\n}`,
      output: null,
      errors: [
        {
          messageId: 'socketAddress',
          data: { call: 'socket.address()', evidence: '' },
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the suggestion picks a free name',
      options: [{ requireProof: true }],
      code: `${HEADER}export function url(server: http.Server, address: string) {\n  let { port } = server.address() as AddressInfo;\n  return address + port;\n}`,
      output: null,
      errors: [
        {
          messageId: 'serverAddress',
          data: { call: 'server.address()', evidence: '' },
          line: 6,
          column: 18,
          endLine: 6,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'checkAddress',
              output: `${HEADER}export function url(server: http.Server, address: string) {\n  const address2 = server.address();\n  if (typeof address2 !== 'object' || address2 === null || !('port' in address2)) throw new Error(\`expected a TCP address, got \${JSON.stringify(address2)}\`);\n  let { port } = address2;\n  return address + port;\n}`,
            },
          ],
        },
      ],
    },
  ],
});
