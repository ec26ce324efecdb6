import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [],
  invalid: [
    {
      name: 'optional call shape on a Duplex',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  s?.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('setNoDelay' in s) s?.setNoDelay(true);
}
      `,
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
          line: 7,
          column: 6,
          endLine: 7,
          endColumn: 16,
          suggestions: null,
        },
      ],
    },
    {
      name: 'computed member shape',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  s['setNoDelay'](true);
  s[\`setKeepAlive\`](true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('setNoDelay' in s) s['setNoDelay'](true);
  if ('setKeepAlive' in s) s[\`setKeepAlive\`](true);
}
      `,
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
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 17,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 19,
          suggestions: null,
        },
      ],
    },
    {
      name: '.call and .bind shapes',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  s.setNoDelay.call(s, true);
  const bound = s.setKeepAlive.bind(s);
  bound(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('setNoDelay' in s) s.setNoDelay.call(s, true);
  const bound = s.setKeepAlive.bind(s);
  bound(true);
}
      `,
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
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 15,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 31,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destructured method',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const { setNoDelay } = x as net.Socket;
  return setNoDelay;
}
      `,
      output: null,
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
          column: 11,
          endLine: 6,
          endColumn: 21,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a value used in a chain gets a suggestion',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  return s.setNoDelay(true).setKeepAlive(true);
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
          line: 7,
          column: 12,
          endLine: 7,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in s" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  return ('setNoDelay' in s ? s.setNoDelay(true) : s).setKeepAlive(true);
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a body of an if without braces gets braces',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex, fast: boolean) {
  const s = x as net.Socket;
  if (fast) s.setNoDelay(true); // fast path
  else s.end();
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex, fast: boolean) {
  const s = x as net.Socket;
  if (fast) { if ('setNoDelay' in s) s.setNoDelay(true); } // fast path
  else s.end();
}
      `,
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
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 25,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a receiver with side effects gets no fix',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare function next(): Duplex;
(next() as net.Socket).setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'next()',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'it is asserted to `Socket` from `Duplex`',
            line: 6,
          },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 34,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a socket listener that only sets an option on a Unix socket: the listener goes with the call',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/tmp/app.sock', path: '/' });
req.on('socket', (s) => s.setKeepAlive(true));
req.end();
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "its request connects through `socketPath` ('/tmp/app.sock')",
            line: 5,
          },
          line: 6,
          column: 27,
          endLine: 6,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/tmp/app.sock', path: '/' });
req.end();
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket listener block that only sets an option on a Unix socket: the listener goes with the call',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/tmp/app.sock', path: '/' });
req.once('socket', function (s) {
  s.setNoDelay(true);
});
req.end();
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: "its request connects through `socketPath` ('/tmp/app.sock')",
            line: 5,
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/tmp/app.sock', path: '/' });
req.end();
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket listener on a request in a chain: the registration goes, the request stays',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http
  .request({ socketPath: '/tmp/app.sock', path: '/' })
  .on('socket', (s) => s.setKeepAlive(true))
  .end();
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "its request connects through `socketPath` ('/tmp/app.sock')",
            line: 6,
          },
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http
  .request({ socketPath: '/tmp/app.sock', path: '/' })
  .end();
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket listener that does more than the call: only the call goes',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/tmp/app.sock', path: '/' });
req.on('socket', (s) => {
  s.setKeepAlive(true);
  s.setTimeout(1000);
});
req.end();
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "its request connects through `socketPath` ('/tmp/app.sock')",
            line: 5,
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/tmp/app.sock', path: '/' });
req.on('socket', (s) => {
  s.setTimeout(1000);
});
req.end();
      `,
            },
          ],
        },
      ],
    },
  ],
});
