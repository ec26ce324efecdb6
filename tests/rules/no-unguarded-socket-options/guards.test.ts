import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    // ---- guards
    {
      name: "'setNoDelay' in x guard",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('setNoDelay' in s) s.setNoDelay(true);
}
      `,
    },
    {
      name: "'setKeepAlive' in x proves setNoDelay too",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('setKeepAlive' in s) s.setNoDelay(true);
}
      `,
    },
    {
      name: 'instanceof net.Socket guard (narrowed by TypeScript)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  if (x instanceof net.Socket) x.setNoDelay(true);
}
      `,
    },
    {
      name: 'instanceof guard on an asserted value',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  if (x instanceof net.Socket) (x as net.Socket).setNoDelay(true);
}
      `,
    },
    {
      name: 'early return guard',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (!('setNoDelay' in s)) return;
  s.setNoDelay(true);
}
      `,
    },
    {
      name: 'typeof x.m === function guard',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (typeof s.setNoDelay === 'function') s.setNoDelay(true);
}
      `,
    },
    {
      name: 'remoteFamily proves TCP',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (s.remoteFamily) s.setNoDelay(true);
}
      `,
    },
    {
      name: "typeof remotePort === 'number' proves TCP",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (typeof s.remotePort === 'number') s.setNoDelay(true);
}
      `,
    },
    {
      name: 'net.isIP(remoteAddress) proves TCP',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (net.isIP(s.remoteAddress ?? '') !== 0) s.setNoDelay(true);
}
      `,
    },
    {
      name: 'a guard stored in a const',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  const canTune = 'setNoDelay' in s;
  if (canTune) s.setNoDelay(true);
}
      `,
    },
    {
      name: 'guard in && and ?:',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  'setNoDelay' in s && s.setNoDelay(true);
  return 'setKeepAlive' in s ? s.setKeepAlive(true) : s;
}
      `,
    },
    {
      name: 'negated guard with || ',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  !('setNoDelay' in s) || s.setNoDelay(true);
}
      `,
    },
    {
      name: 'guard in the else branch of a negation',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (!('setNoDelay' in s)) {
    console.log('not a socket');
  } else {
    s.setNoDelay(true);
  }
}
      `,
    },
    {
      name: 'user type predicate',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare function isSocket(x: unknown): x is net.Socket;
export function f(x: Duplex) {
  if (isSocket(x)) x.setNoDelay(true);
}
      `,
    },
    {
      name: 'try/catch around the call',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  try {
    (x as net.Socket).setNoDelay(true);
  } catch {
    // not a socket
  }
}
      `,
    },
    {
      name: 'guard outside a callback on a const',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (!(s instanceof net.Socket)) return;
  s.on('connect', () => s.setNoDelay(true));
}
      `,
    },
  ],
  invalid: [
    {
      name: 'in on another member does not prove setNoDelay',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('write' in s) s.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('write' in s) { if ('setNoDelay' in s) s.setNoDelay(true); }
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
          column: 23,
          endLine: 7,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      name: 'typeof on a stream member does not prove setNoDelay',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (typeof s.write === 'function') s.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (typeof s.write === 'function') { if ('setNoDelay' in s) s.setNoDelay(true); }
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
          column: 40,
          endLine: 7,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard on another variable',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex, y: net.Socket) {
  const s = x as net.Socket;
  if ('setNoDelay' in y) s.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex, y: net.Socket) {
  const s = x as net.Socket;
  if ('setNoDelay' in y) { if ('setNoDelay' in s) s.setNoDelay(true); }
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
          column: 28,
          endLine: 7,
          endColumn: 38,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard of the wrong polarity',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (!('setNoDelay' in s)) s.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (!('setNoDelay' in s)) { if ('setNoDelay' in s) s.setNoDelay(true); }
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
          column: 31,
          endLine: 7,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard after the call',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  s.setNoDelay(true);
  if (!('setNoDelay' in s)) return;
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  if ('setNoDelay' in s) s.setNoDelay(true);
  if (!('setNoDelay' in s)) return;
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
      ],
    },
    {
      name: 'a || guard that does not exclude',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  const s = x as net.Socket;
  ('setNoDelay' in s) || s.setNoDelay(true);
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
          column: 28,
          endLine: 7,
          endColumn: 38,
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
  ('setNoDelay' in s) || ('setNoDelay' in s ? s.setNoDelay(true) : s);
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a type predicate for another type',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare function isReadable(x: unknown): x is Duplex;
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (isReadable(s)) s.setNoDelay(true);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare function isReadable(x: unknown): x is Duplex;
export function f(x: Duplex) {
  const s = x as net.Socket;
  if (isReadable(s)) { if ('setNoDelay' in s) s.setNoDelay(true); }
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
            line: 7,
          },
          line: 8,
          column: 24,
          endLine: 8,
          endColumn: 34,
          suggestions: null,
        },
      ],
    },
    {
      name: 'try/finally does not catch',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  try {
    (x as net.Socket).setNoDelay(true);
  } finally {
    x.end();
  }
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  try {
    if ('setNoDelay' in x) (x as net.Socket).setNoDelay(true);
  } finally {
    x.end();
  }
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
            line: 7,
          },
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 33,
          suggestions: null,
        },
      ],
    },
    {
      name: 'try/catch does not cover a callback',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  try {
    x.on('data', () => (x as net.Socket).setNoDelay(true));
  } catch {
    // ignore
  }
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
            line: 7,
          },
          line: 7,
          column: 42,
          endLine: 7,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'guardExpression',
              data: { method: 'setNoDelay', guard: "'setNoDelay' in x" },
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function f(x: Duplex) {
  try {
    x.on('data', () => ('setNoDelay' in x ? (x as net.Socket).setNoDelay(true) : (x as net.Socket)));
  } catch {
    // ignore
  }
}
      `,
            },
          ],
        },
      ],
    },
  ],
});
