import rule from '../../src/rules/no-ambiguous-listen-options.ts';
import { assertionOptions, typedRuleTester } from '../rule-tester.ts';

const ruleTester = typedRuleTester();

const HEADER = `import * as net from 'node:net';\nimport * as tls from 'node:tls';\nimport * as http from 'node:http';\n`;

ruleTester.run('no-ambiguous-listen-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'listen with a port',
      code: `${HEADER}http.createServer().listen({ port: 8080, host: '0.0.0.0' });`,
    },
    {
      name: 'listen with a path',
      code: `${HEADER}net.createServer().listen({ path: '/tmp/app.sock', readableAll: true });`,
    },
    {
      name: 'options built for one transport',
      code: `${HEADER}declare const config: { port?: number; path?: string };\nconst options: net.ListenOptions = config.path ? { path: config.path } : { port: config.port };\nnet.createServer().listen(options);`,
    },
    {
      name: 'connect with host and port',
      code: `${HEADER}net.connect({ host: 'db', port: 5432 });\ntls.connect({ host: 'db', port: 5432, servername: 'db' });`,
    },
    {
      name: 'a NetConnectOpts union from elsewhere',
      code: `${HEADER}export function open(options: net.NetConnectOpts) {\n  return net.connect(options);\n}`,
    },
    {
      name: 'ListenOptions with both keys optional',
      code: `${HEADER}export function start(server: net.Server, options: net.ListenOptions) {\n  server.listen(options);\n}`,
    },
    {
      name: 'a path property of something else',
      code: `${HEADER}http.request({ path: '/index.html', port: 80 });`,
    },
    {
      name: 'listen with a port number and a callback',
      code: `${HEADER}net.createServer().listen(3000, () => {});`,
    },
  ],
  invalid: [
    {
      name: 'listen with port and path keys',
      code: `${HEADER}declare const config: { port?: number; path?: string };\nnet.createServer().listen({ port: config.port, path: config.path });`,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'net.createServer().listen()' },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 67,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `${HEADER}declare const config: { port?: number; path?: string };\nnet.createServer().listen({ port: config.port });`,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `${HEADER}declare const config: { port?: number; path?: string };\nnet.createServer().listen({ path: config.path });`,
            },
          ],
        },
      ],
    },
    {
      name: 'listen through a const options object',
      code: `${HEADER}const options = { port: Number(process.env.PORT), path: process.env.SOCKET };\nhttp.createServer().listen(options, () => {});`,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'http.createServer().listen()' },
          line: 5,
          column: 28,
          endLine: 5,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `${HEADER}const options = { port: Number(process.env.PORT) };\nhttp.createServer().listen(options, () => {});`,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `${HEADER}const options = { path: process.env.SOCKET };\nhttp.createServer().listen(options, () => {});`,
            },
          ],
        },
      ],
    },
    {
      name: 'connect with port and path',
      code: `${HEADER}declare const target: { port: number; socketPath?: string };\nnet.connect({ path: target.socketPath, port: target.port });`,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'net.connect()' },
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `${HEADER}declare const target: { port: number; socketPath?: string };\nnet.connect({ port: target.port });`,
            },
          ],
        },
      ],
    },
    {
      name: 'createConnection and tls.connect',
      code: `${HEADER}net.createConnection({ port: 1, path: '/tmp/a' });\ntls.connect({ path: '/tmp/b', port: 2 });`,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'net.createConnection()' },
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `${HEADER}net.createConnection({ port: 1 });\ntls.connect({ path: '/tmp/b', port: 2 });`,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `${HEADER}net.createConnection({ path: '/tmp/a' });\ntls.connect({ path: '/tmp/b', port: 2 });`,
            },
          ],
        },
        {
          messageId: 'connect',
          data: { call: 'tls.connect()' },
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 40,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `${HEADER}net.createConnection({ port: 1, path: '/tmp/a' });\ntls.connect({ port: 2 });`,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `${HEADER}net.createConnection({ port: 1, path: '/tmp/a' });\ntls.connect({ path: '/tmp/b' });`,
            },
          ],
        },
      ],
    },
    {
      name: 'socket.connect',
      code: `${HEADER}new net.Socket().connect({ port: 1, path: '/tmp/c' });`,
      output: null,
      errors: [
        {
          messageId: 'connect',
          data: { call: 'new net.Socket().connect()' },
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 53,
          suggestions: [
            {
              messageId: 'keepOnly',
              data: { key: 'port' },
              output: `${HEADER}new net.Socket().connect({ port: 1 });`,
            },
            {
              messageId: 'keepOnly',
              data: { key: 'path' },
              output: `${HEADER}new net.Socket().connect({ path: '/tmp/c' });`,
            },
          ],
        },
      ],
    },
    {
      name: 'a spread whose type has both keys',
      code: `${HEADER}declare const both: { port: number | undefined; path: string | undefined };\nnet.createServer().listen({ ...both, backlog: 10 });`,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'net.createServer().listen()' },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 51,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a value whose type has both keys',
      code: `${HEADER}export function start(server: net.Server, options: { port: number | undefined; path: string | undefined }) {\n  server.listen(options);\n}`,
      output: null,
      errors: [
        {
          messageId: 'listen',
          data: { call: 'server.listen()' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
  ],
});
