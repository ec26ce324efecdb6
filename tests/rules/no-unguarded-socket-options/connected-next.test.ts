// A `new net.Socket()` written to a field (or a variable written more than once) and connected by the very next
// statement is what that `connect` makes it, wherever it is read later (realworld/FINDINGS.md, field-connected-later:
// datastax/nodejs-driver's `this.netClient = new net.Socket(); this.netClient.connect(this.port, this.address)`).
// Each valid case fails without the engine's connectedNext (it reported `notTcp` under requireTcp); each invalid
// twin changes one thing the proof rests on.
import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';
import { notTcp } from './errors.ts';

const ruleTester = typedRuleTester();

const HEADER = `
import * as net from 'node:net';
import * as tls from 'node:tls';
`;

/** A connection class in the shape of the driver's: TLS or a plain socket, connected in the method that tunes it. */
function driver(plainBranch: string): string {
  return `${HEADER}
class Connection {
  netClient: net.Socket | undefined;
  constructor(private port: number, private address: string, private ssl?: tls.ConnectionOptions) {}
  open() {
    if (!this.ssl) {
${plainBranch}
    } else {
      this.netClient = tls.connect(this.port, this.address, this.ssl);
    }
    this.netClient.setNoDelay(true);
  }
}
`;
}

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a field: new net.Socket() connected to a port and host by the next statement, TLS in the other branch',
      code: driver(`      this.netClient = new net.Socket();
      this.netClient.connect(this.port, this.address, () => {});`),
      options: [{ requireTcp: true }],
    },
    {
      name: 'a field written and connected in one method, tuned in another',
      code: `${HEADER}
class Client {
  sock?: net.Socket;
  start() {
    this.sock = new net.Socket({ allowHalfOpen: true });
    this.sock.connect({ port: 6379, host: 'cache' });
  }
  tune() {
    this.sock!.setNoDelay(true);
  }
}
`,
      options: [{ requireTcp: true }],
    },
    {
      name: 'a variable written in both branches, one of them a new net.Socket() connected next',
      code: `${HEADER}
declare const secure: boolean;
let s: net.Socket;
if (secure) s = tls.connect(5432, 'db');
else {
  s = new net.Socket();
  s.connect(5432, 'db');
}
s.setNoDelay(true);
`,
      options: [{ requireTcp: true }],
    },
  ],
  invalid: [
    {
      name: 'twin: the field connected by the next statement to a path',
      code: driver(`      this.netClient = new net.Socket();
      this.netClient.connect('/var/run/db.sock');`),
      options: [{ requireTcp: true }],
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'this.netClient',
            method: 'setNoDelay',
            guard: "'setNoDelay' in this.netClient",
            evidence: "it is connected by `this.netClient.connect(…)` with the path `'/var/run/db.sock'`",
            line: 11,
          },
          line: 15,
          column: 20,
          endLine: 15,
          endColumn: 30,
          suggestions: null,
        },
      ],
    },
    {
      name: 'twin: the next statement connects another field',
      code: driver(`      this.netClient = new net.Socket();
      this.other.connect(this.port, this.address);`).replace(
        'netClient: net.Socket | undefined;',
        'netClient: net.Socket | undefined;\n  other = new net.Socket();',
      ),
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('this.netClient', 16, 20)],
    },
    {
      name: 'twin: a statement between the write and the connect',
      code: driver(`      this.netClient = new net.Socket();
      this.emitCreated();
      this.netClient.connect(this.port, this.address);`).replace('  open() {', '  emitCreated() {}\n  open() {'),
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('this.netClient', 17, 20)],
    },
    {
      name: 'twin: the variable is a socket the program did not create (a Duplex would be possible)',
      code: `${HEADER}
declare const secure: boolean;
declare function makeSocket(): net.Socket;
let s: net.Socket;
if (secure) s = tls.connect(5432, 'db');
else {
  s = makeSocket();
  s.connect(5432, 'db');
}
s.setNoDelay(true);
`,
      options: [{ requireTcp: true }],
      output: null,
      errors: [notTcp('s', 13, 3)],
    },
  ],
});
