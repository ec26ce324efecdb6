import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    // ---- not our business
    {
      name: 'setTimeout of a request, a response or an HTTP/2 stream is their own API',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
import * as http2 from 'node:http2';
http.createServer((req, res) => {
  req.setTimeout(0);
  res.setTimeout(5000);
}).listen(1);
http2.createServer((req) => {
  req.setTimeout(0);
  req.stream.setTimeout(0);
});
      `,
    },
    {
      // the invalid twin: '.call and .bind shapes' in fixes.test.ts (the same receiver, the member called)
      name: 'a read of the member that calls nothing (its length, its name) is not judged',
      code: `
import * as net from 'node:net';
import { Duplex } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  const arity = s.setNoDelay.length;
  return [arity, s.unref.name];
}
      `,
    },
    {
      name: 'a Duplex subclass with its own setTimeout',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
class Timed extends Duplex {
  setTimeout(ms: number) { return ms; }
}
new Timed().setTimeout(5);
      `,
    },
    {
      name: 'timers have ref and unref',
      code: `
declare const timer: NodeJS.Timeout;
timer.ref();
timer.unref();
      `,
    },
    {
      name: 'HTTP/2 proxies belong to no-http2-socket-manipulation (one rule owns each call)',
      code: `
import * as http2 from 'node:http2';
declare const session: http2.ClientHttp2Session;
session.socket.setNoDelay(true);
http2.createServer((req) => req.socket.setKeepAlive(true));
      `,
    },
    {
      name: 'a user class with setNoDelay',
      code: `
class Conn { setNoDelay(on: boolean) { return on; } }
new Conn().setNoDelay(true);
      `,
    },
    {
      name: 'unresolved types are never reported',
      code: `
// @ts-expect-error the module does not exist
import { thing } from 'no-such-module';
thing.setNoDelay(true);
      `,
    },
    {
      name: 'setTimeout on a timer-like any is not reported',
      code: `
declare const timer: any;
timer.ref();
timer.unref();
timer.setTimeout(1);
      `,
    },
    {
      name: 'assigning the method is not a call',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const d: Duplex;
(d as any).setNoDelay = () => {};
      `,
    },
  ],
  invalid: [
    {
      name: 'a timer-like Duplex for socket-only members',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const d: Duplex;
(d as net.Socket).ref();
(d as net.Socket).setTimeout(100);
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const d: Duplex;
if ('ref' in d) (d as net.Socket).ref();
if ('setTimeout' in d) (d as net.Socket).setTimeout(100);
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'd',
            method: 'ref',
            guard: "'ref' in d",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 22,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 'd',
            method: 'setTimeout',
            guard: "'setTimeout' in d",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 7,
          },
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 29,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a class field asserted from a Duplex',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Conn {
  private socket: net.Socket;
  constructor(stream: Duplex) {
    this.socket = stream as net.Socket;
  }
  tune() {
    this.socket.setNoDelay(true);
  }
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export class Conn {
  private socket: net.Socket;
  constructor(stream: Duplex) {
    this.socket = stream as net.Socket;
  }
  tune() {
    if ('setNoDelay' in this.socket) this.socket.setNoDelay(true);
  }
}
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'this.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in this.socket",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 8,
          },
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 27,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a generic constrained to Duplex',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f<T extends Duplex>(x: T) {
  (x as unknown as net.Socket).setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f<T extends Duplex>(x: T) {
  if ('setNoDelay' in x) (x as unknown as net.Socket).setNoDelay(true);
}
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 32,
          endLine: 6,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a union of socket and stream',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: net.Socket | Duplex) {
  (x as net.Socket).setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: net.Socket | Duplex) {
  if ('setNoDelay' in x) (x as net.Socket).setNoDelay(true);
}
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'x',
            method: 'setNoDelay',
            guard: "'setNoDelay' in x",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a let reassigned after a guard in a callback',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex, y: Duplex) {
  let s = x as net.Socket;
  if (!('setNoDelay' in s)) return;
  setImmediate(() => s.setNoDelay(true));
  s = y as net.Socket;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 8,
          column: 24,
          endLine: 8,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in s" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex, y: Duplex) {
  let s = x as net.Socket;
  if (!('setNoDelay' in s)) return;
  setImmediate(() => ('setNoDelay' in s ? s.setNoDelay(true) : s));
  s = y as net.Socket;
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a user class twin: a Duplex has no setNoDelay',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const conn: Duplex;
(conn as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const conn: Duplex;
if ('setNoDelay' in conn) (conn as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true);
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'conn',
            method: 'setNoDelay',
            guard: "'setNoDelay' in conn",
            evidence: 'it is asserted to `{ setNoDelay(on: boolean): void; }` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 56,
          endLine: 6,
          endColumn: 66,
          suggestions: null,
        },
      ],
    },
  ],
});
