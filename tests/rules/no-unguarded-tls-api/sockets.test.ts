import rule from '../../../src/rules/no-unguarded-tls-api.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-tls-api', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a socket from tls.connect',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
const socket = tls.connect(443, 'example.com');
socket.on('secureConnect', () => console.log(socket.getPeerCertificate(), socket.authorized));
      `,
    },
    {
      name: 'the secure connection of a TLS server',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
tls.createServer({}, (socket) => {
  console.log(socket.getProtocol(), socket.alpnProtocol);
}).listen(8443);
      `,
    },
    {
      name: "a 'secureConnection' listener of a TLS server made elsewhere (a parameter, a subclass), also through as any",
      code: `
import * as tls from 'node:tls';
export function attach(server: tls.Server) {
  server.on('secureConnection', (socket) => {
    console.log(socket.getPeerCertificate(), socket.authorized);
  });
  server.once('secureConnection', (socket) => {
    console.log((socket as any).servername);
  });
}
      `,
    },
  ],
  invalid: [
    {
      name: "the raw 'connection' socket of a TLS server made elsewhere (a parameter)",
      code: `
import * as tls from 'node:tls';
export function attach(server: tls.Server) {
  server.on('connection', (socket) => {
    console.log((socket as any).servername);
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'servername',
            why: 'it is asserted to `any` from `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 43,
          suggestions: null,
        },
      ],
    },
    {
      name: "the raw 'connection' socket of a TLS server",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
const server = tls.createServer({});
server.on('connection', (socket) => {
  console.log((socket as tls.TLSSocket).getSession());
});
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'getSession',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 41,
          endLine: 8,
          endColumn: 51,
          suggestions: null,
        },
      ],
    },
  ],
});
