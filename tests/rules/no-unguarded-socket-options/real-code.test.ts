import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

// seen on real code (issue 18)
ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    {
      name: 'optional calls: ref?.() and unref?.() never throw on a plain stream',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  s.ref?.();
  s.unref?.();
  s.setNoDelay?.(true);
}
      `,
    },
    {
      name: 'an untyped value the module made itself is judged by its creation',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(raw: string) {
  const s = JSON.parse(raw) as net.Socket;
  s.setKeepAlive(true);
}
      `,
    },
    {
      name: 'a socket from a module required lazily into a let',
      filename: 'sloppy.cjs',
      code: `
let net;
function connect(port, host) {
  if (!net) net = require('net');
  const socket = net.connect(port, host);
  socket.setNoDelay(true);
  return socket;
}
module.exports = connect;
      `,
    },
    {
      name: 'a class field assigned in several branches is judged per branch',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Connection {
  stream: Duplex;
  constructor(opts: { stream?: Duplex; port: number; host: string }) {
    if (opts.stream) this.stream = opts.stream;
    else {
      this.stream = net.connect(opts.port, opts.host);
      (this.stream as net.Socket).setNoDelay(true);
    }
  }
}
      `,
    },
    {
      name: 'a field declared null and set in the constructor is not null in a handler that runs later',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Client {
  socket: net.Socket | null = null;
  constructor(port: number) {
    this.socket = net.connect(port);
    this.socket.on('connect', () => this.onConnect());
  }
  onConnect() {
    this.socket!.setKeepAlive(true);
  }
}
      `,
    },
    {
      name: "a callback's result after if (err) return",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare function acquire(cb: (err: Error | null, socket?: net.Socket) => void): void;
acquire((err, socket) => {
  if (err) return;
  socket!.setNoDelay(true);
});
      `,
    },
    {
      name: 'the callback of connect() on the same socket',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Client {
  socket: any;
  constructor(opts: { socket: any }) {
    this.socket = opts.socket;
  }
  open(port: number) {
    this.socket.connect(port, () => {
      this.socket.setKeepAlive(true);
    });
  }
}
      `,
    },
    {
      name: 'a field whose value is the call the callback was given to',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Client {
  socket: any;
  constructor(opts: { socket: any }) {
    this.socket = opts.socket;
  }
  open(port: number) {
    this.socket = net.connect(port, () => {
      this.socket.setKeepAlive(true);
    });
  }
}
      `,
    },
    {
      name: "a string port with a host after it is a port (strict): the driver's own 'host:port' endpoint",
      options: [{ requireTcp: true }],
      code: `
import * as net from 'node:net';
export function open(endpoint: string) {
  const i = endpoint.lastIndexOf(':');
  const socket = net.connect(endpoint.slice(i + 1), endpoint.slice(0, i));
  socket.setNoDelay(true);
}
      `,
    },
  ],
  invalid: [
    {
      name: 'a parameter of an exported constructor function, kept in this.socket',
      filename: 'plain.js',
      code: `
export function Connection(socket) {
  this.socket = socket;
  this.socket.setNoDelay(true);
}
      `,
      output: `
export function Connection(socket) {
  this.socket = socket;
  if (this.socket != null && 'setNoDelay' in this.socket) this.socket.setNoDelay(true);
}
      `,
      errors: [
        {
          messageId: 'unknown',
          data: {
            subject: 'this.socket',
            method: 'setNoDelay',
            guard: "this.socket != null && 'setNoDelay' in this.socket",
            evidence: '`this.socket` comes from the caller and may be any stream',
            line: 2,
          },
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a lone string is a path unless it is all digits (strict)',
      options: [{ requireTcp: true }],
      code: `
import * as net from 'node:net';
export function open(endpoint: string) {
  const i = endpoint.lastIndexOf(':');
  const socket = net.connect(endpoint.slice(i + 1));
  socket.setNoDelay(true);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTcpMaybePipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            evidence:
              'it is created by `net.connect(…)` with `endpoint.slice(i + 1)`, a string that Node treats as a path unless it is all digits',
            line: 5,
            guard: "'setNoDelay' in socket",
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
        },
      ],
    },
  ],
});
