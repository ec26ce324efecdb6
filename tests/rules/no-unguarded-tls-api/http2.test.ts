import rule from '../../../src/rules/no-unguarded-tls-api.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-tls-api', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the compatibility socket of a secure HTTP/2 server',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
http2.createSecureServer({}, (req) => {
  console.log((req.socket as tls.TLSSocket).getCipher());
});
      `,
    },
    {
      name: "a secure HTTP/2 server's session socket (the proxy routes TLS members to the TLS socket)",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
const server = http2.createSecureServer({});
server.on('session', (session) => {
  console.log((session.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
});
server.listen(8443);
      `,
    },
    {
      name: "a secure HTTP/2 server's stream.session socket",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
const server = http2.createSecureServer({});
server.on('stream', (stream) => {
  console.log((stream.session!.socket as tls.TLSSocket).authorized);
  stream.respond({ ':status': 200 });
  stream.end();
});
server.listen(8443);
      `,
    },
    {
      name: 'the session socket of http2.connect to an https: URL',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
const client = http2.connect('https://example.com');
client.on('connect', () => console.log((client.socket as tls.TLSSocket).getPeerCertificate().subject?.CN));
      `,
    },
    {
      name: 'req.stream.session.socket of a secure HTTP/2 compatibility request',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
http2.createSecureServer({}, (req, res) => {
  console.log((req.stream.session!.socket as tls.TLSSocket).authorized);
  res.end();
}).listen(8443);
      `,
    },
  ],
  invalid: [
    {
      name: "a cleartext HTTP/2 server's session socket",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
const server = http2.createServer();
server.on('session', (session) => {
  console.log((session.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
});
server.listen(8080);
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'session.socket',
            member: 'getPeerCertificate',
            why: 'it is the socket of an HTTP/2 session that may be cleartext (h2c)',
            effect: 'it is not a function (TypeError)',
          },
          line: 9,
          column: 49,
          endLine: 9,
          endColumn: 67,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the session socket of http2.connect to an http: URL',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
const client = http2.connect('http://localhost:8080');
client.on('connect', () => console.log((client.socket as tls.TLSSocket).getPeerCertificate().subject?.CN));
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'client.socket',
            member: 'getPeerCertificate',
            why: 'it is the socket of an HTTP/2 session that may be cleartext (h2c)',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 73,
          endLine: 8,
          endColumn: 91,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a session listener that is exported as well proves nothing',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
export function onSession(session: http2.ServerHttp2Session) {
  console.log((session.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
}
http2.createSecureServer({}).on('session', onSession).listen(8443);
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'session.socket',
            member: 'getPeerCertificate',
            why: 'it is the socket of an HTTP/2 session that may be cleartext (h2c)',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 49,
          endLine: 8,
          endColumn: 67,
          suggestions: null,
        },
      ],
    },
    {
      name: "a cleartext HTTP/2 server's stream.session socket",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
const server = http2.createServer();
server.on('stream', (stream) => {
  console.log((stream.session!.socket as tls.TLSSocket).authorized);
  stream.end();
});
server.listen(8080);
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'stream.session!.socket',
            member: 'authorized',
            why: 'it is the socket of an HTTP/2 session that may be cleartext (h2c)',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 9,
          column: 57,
          endLine: 9,
          endColumn: 67,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the compatibility socket of a cleartext HTTP/2 server',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
http2.createServer((req) => {
  console.log((req.socket as tls.TLSSocket).getProtocol());
});
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'req.socket',
            member: 'getProtocol',
            why: '`req` is an HTTP/2 compatibility request of a server without TLS',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 45,
          endLine: 8,
          endColumn: 56,
          suggestions: null,
        },
      ],
    },
  ],
});
