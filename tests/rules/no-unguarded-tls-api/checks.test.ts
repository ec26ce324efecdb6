import rule from '../../../src/rules/no-unguarded-tls-api.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-tls-api', rule, {
  assertionOptions,
  valid: [
    {
      name: 'an instanceof tls.TLSSocket check',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(req: http.IncomingMessage) {
  if (req.socket instanceof tls.TLSSocket) return req.socket.getPeerCertificate();
  return null;
}
      `,
    },
    {
      name: 'an encrypted === true check',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(socket: net.Socket) {
  if ((socket as tls.TLSSocket).encrypted === true) return (socket as tls.TLSSocket).getPeerCertificate();
  return null;
}
      `,
    },
    {
      name: 'reading encrypted through an assertion is the documented check',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function isSecure(req: http.IncomingMessage): boolean {
  return (req.socket as tls.TLSSocket).encrypted === true;
}
      `,
    },
    {
      name: 'a TLSSocket parameter',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function cipher(socket: tls.TLSSocket) {
  return socket.getCipher().name;
}
      `,
    },
    {
      name: 'a user object with the same names',
      code: `
const session = { authorized: true, getCipher: () => 'x' };
export const ok = session.authorized && session.getCipher();
      `,
    },
  ],
  invalid: [
    {
      name: 'authorizationError on a plain socket fails silently (undefined reads as no error)',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function check(req: http.IncomingMessage, res: http.ServerResponse) {
  if ((req.socket as tls.TLSSocket).authorizationError) {
    res.statusCode = 401;
  }
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'req.socket',
            member: 'authorizationError',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 7,
          column: 37,
          endLine: 7,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'guardTls',
              data: { subject: 'req.socket', tlsSocket: 'tls.TLSSocket' },
              output: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function check(req: http.IncomingMessage, res: http.ServerResponse) {
  if ((req.socket instanceof tls.TLSSocket ? (req.socket as tls.TLSSocket).authorizationError : undefined)) {
    res.statusCode = 401;
  }
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a reassigned response parameter proves nothing',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
declare const other: http.IncomingMessage;
https.get('https://example.com/', (res) => {
  res = other;
  console.log((res.socket as tls.TLSSocket).authorized);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'res.socket',
            member: 'authorized',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 9,
          column: 45,
          endLine: 9,
          endColumn: 55,
          suggestions: null,
        },
      ],
    },
    {
      name: "'encrypted' in x is no proof",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(socket: net.Socket) {
  if ('encrypted' in socket) (socket as tls.TLSSocket).getPeerCertificate();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'getPeerCertificate',
            why: 'it is asserted to `TLSSocket` from `Socket & Record<"encrypted", unknown>`',
            effect: 'it is not a function (TypeError)',
          },
          line: 7,
          column: 56,
          endLine: 7,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'guardTls',
              data: { subject: 'socket', tlsSocket: 'tls.TLSSocket' },
              output: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(socket: net.Socket) {
  if ('encrypted' in socket) { if (socket instanceof tls.TLSSocket) (socket as tls.TLSSocket).getPeerCertificate(); }
}
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a Duplex',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { Duplex } from 'node:stream';
export function proto(stream: Duplex) {
  return (stream as unknown as tls.TLSSocket).alpnProtocol;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'stream',
            member: 'alpnProtocol',
            why: 'it is asserted to `TLSSocket` from `Duplex`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 8,
          column: 47,
          endLine: 8,
          endColumn: 59,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destructuring TLS members',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(socket: net.Socket) {
  const { authorized, authorizationError } = socket as tls.TLSSocket;
  return authorized || authorizationError;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'authorized',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 21,
          suggestions: null,
        },
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'authorizationError',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a JavaScript file',
      filename: 'plain.js',
      code: `
import * as http from 'node:http';
http.createServer((req, res) => {
  res.end(String(req.socket.authorized));
}).listen(80);
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'req.socket',
            member: 'authorized',
            why: 'it is typed `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 4,
          column: 29,
          endLine: 4,
          endColumn: 39,
          suggestions: null,
        },
      ],
    },
    {
      name: 'no tls import: no suggestion',
      code: `
import type { TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
export function peer(socket: Socket) {
  return (socket as TLSSocket).getPeerCertificate();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'getPeerCertificate',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is not a function (TypeError)',
          },
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
  ],
});
