// A Node function imported under another name (`import { connect as tlsConnect } from 'node:tls'`, `const { connect:
// tlsConnect } = require('tls')`) is the same creation as under its own name: the engine knows a call by the name the
// module exports (calleeParts in src/engine/ast.ts). nats.js's `tlsConnect(hp.port, hp.hostname, opts, …)` was
// "nothing proves TCP" under requireTcp. Each valid case fails without the alias (the call was not seen as a
// creation); the invalid twins show the creation is followed for what it says (a path: a TLS socket connected only
// to a path is a pipe alone, `pipe`, not `pipeOnSomePaths`) and that a name alone makes no creation.
import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';
import { notTcp } from './errors.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'tls.connect imported under another name, with a port and a host',
      code: `
import { connect as tlsConnect } from 'node:tls';
export function dial(hp: { hostname: string; port: number }) {
  const tlsSocket = tlsConnect(hp.port, hp.hostname, { servername: hp.hostname }, () => {});
  tlsSocket.setNoDelay(true);
}
`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'net.createConnection destructured from require under another name, with { port }',
      filename: 'plain.js',
      code: `
const { createConnection: open } = require('net');
const socket = open({ host: 'cache.internal', port: 6379 });
socket.setKeepAlive(true);
`,
      options: [{ requireTcp: true }],
    },
  ],
  invalid: [
    {
      name: 'twin: the renamed tls.connect with a path',
      code: `
import { connect as tlsConnect } from 'node:tls';
const tlsSocket = tlsConnect('/run/app.sock');
tlsSocket.setNoDelay(true);
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'tlsSocket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in tlsSocket",
            evidence: "it is created by `tlsConnect(…)` with the path `'/run/app.sock'`",
            line: 3,
          },
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import { connect as tlsConnect } from 'node:tls';
const tlsSocket = tlsConnect('/run/app.sock');
`,
            },
          ],
        },
      ],
    },
    {
      name: 'twin: a function of the program named like the alias is no creation',
      code: `
import * as net from 'node:net';
declare function tlsConnect(port: number, host: string): net.Socket;
const socket = tlsConnect(443, 'example.com');
socket.setNoDelay(true);
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('socket', 5, 8)],
    },
    {
      name: 'twin: a function of the program named connect is no creation',
      code: `
import * as net from 'node:net';
declare function connect(port: number, host: string): net.Socket;
const socket = connect(6379, 'cache.internal');
socket.setNoDelay(true);
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('socket', 5, 8)],
    },
  ],
});
