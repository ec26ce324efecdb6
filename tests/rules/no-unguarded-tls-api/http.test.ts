import rule from '../../../src/rules/no-unguarded-tls-api.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-tls-api', rule, {
  assertionOptions,
  valid: [
    {
      name: 'the request socket of an HTTPS server',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
https.createServer({}, (req, res) => {
  const cert = (req.socket as tls.TLSSocket).getPeerCertificate();
  res.end(cert.subject?.CN);
}).listen(443);
      `,
    },
    {
      name: "the response socket in an HTTPS request's callback (default agent)",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
https.get('https://example.com/', (res) => {
  console.log((res.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
  res.resume();
});
      `,
    },
    {
      name: "the response socket in an HTTPS request's 'response' listener",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
const req = https.request({ host: 'example.com' });
req.on('response', (res) => {
  console.log((res.socket as tls.TLSSocket).authorized);
});
req.end();
      `,
    },
    {
      name: 'a request socket of a handler shared by two HTTPS servers',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  res.end((req.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
}
https.createServer({}, handler).listen(443);
https.createServer({}, handler).listen(8443);
      `,
    },
    {
      name: "the response socket of an HTTPS request whose options merge a caller's config",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function fetchInfo(extra: https.RequestOptions) {
  https.get({ hostname: 'example.com', ...extra }, (res) => {
    console.log((res.socket as tls.TLSSocket).getProtocol());
  });
  https.get(Object.assign({ hostname: 'example.com' }, extra), (res) => {
    console.log((res.socket as tls.TLSSocket).getProtocol());
  });
}
      `,
    },
  ],
  invalid: [
    {
      name: "the response socket of an HTTP request whose options merge a caller's config",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function fetchInfo(extra: https.RequestOptions) {
  http.get({ hostname: 'example.com', ...extra }, (res) => {
    console.log((res.socket as tls.TLSSocket).getProtocol());
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'res.socket',
            member: 'getProtocol',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 47,
          endLine: 8,
          endColumn: 58,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a request socket of a handler shared by HTTP and HTTPS',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const cert = (req.socket as tls.TLSSocket).getPeerCertificate();
  res.end(cert.subject?.CN);
}
http.createServer(handler).listen(80);
https.createServer({}, handler).listen(443);
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'req.socket',
            member: 'getPeerCertificate',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is not a function (TypeError)',
          },
          line: 7,
          column: 46,
          endLine: 7,
          endColumn: 64,
          suggestions: null,
        },
      ],
    },
    {
      name: "the response socket in an HTTP request's callback is no TLS socket",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
http.get('http://example.com/', (res) => {
  console.log((res.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
  res.resume();
});
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'res.socket',
            member: 'getPeerCertificate',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is not a function (TypeError)',
          },
          line: 7,
          column: 45,
          endLine: 7,
          endColumn: 63,
          suggestions: null,
        },
      ],
    },
    {
      name: "the response socket in an HTTP request's 'response' listener is no TLS socket",
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
const req = http.request({ host: 'example.com' });
req.on('response', (res) => {
  console.log((res.socket as tls.TLSSocket).authorized);
});
req.end();
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
          line: 8,
          column: 45,
          endLine: 8,
          endColumn: 55,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the response socket of an HTTPS request with an agent of its own',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function check(agent: https.Agent) {
  https.get('https://example.com/', { agent }, (res) => {
    console.log((res.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'res.socket',
            member: 'getPeerCertificate',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 47,
          endLine: 8,
          endColumn: 65,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a response callback that is also called directly proves nothing',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
const onResponse = (res: http.IncomingMessage) => {
  console.log((res.socket as tls.TLSSocket).authorized);
};
https.get('https://example.com/', onResponse);
export function replay(res: http.IncomingMessage) {
  onResponse(res);
}
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
          line: 7,
          column: 45,
          endLine: 7,
          endColumn: 55,
          suggestions: null,
        },
      ],
    },
  ],
});
