import rule from '../../src/rules/no-unguarded-tls-api.ts';
import { assertionOptions, typedRuleTester } from '../rule-tester.ts';

const ruleTester = typedRuleTester();

const HEADER = `import * as tls from 'node:tls';\nimport * as http from 'node:http';\nimport * as https from 'node:https';\nimport * as net from 'node:net';\n`;

ruleTester.run('no-unguarded-tls-api', rule, {
  assertionOptions,
  valid: [
    {
      name: 'a socket from tls.connect',
      code: `${HEADER}const socket = tls.connect(443, 'example.com');\nsocket.on('secureConnect', () => console.log(socket.getPeerCertificate(), socket.authorized));`,
    },
    {
      name: 'the secure connection of a TLS server',
      code: `${HEADER}tls.createServer({}, (socket) => {\n  console.log(socket.getProtocol(), socket.alpnProtocol);\n}).listen(8443);`,
    },
    {
      name: 'the request socket of an HTTPS server',
      code: `${HEADER}https.createServer({}, (req, res) => {\n  const cert = (req.socket as tls.TLSSocket).getPeerCertificate();\n  res.end(cert.subject?.CN);\n}).listen(443);`,
    },
    {
      name: 'the compatibility socket of a secure HTTP/2 server',
      code: `${HEADER}import * as http2 from 'node:http2';\nhttp2.createSecureServer({}, (req) => {\n  console.log((req.socket as tls.TLSSocket).getCipher());\n});`,
    },
    {
      name: "the response socket in an HTTPS request's callback (default agent)",
      code: `${HEADER}https.get('https://example.com/', (res) => {\n  console.log((res.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n  res.resume();\n});`,
    },
    {
      name: "the response socket in an HTTPS request's 'response' listener",
      code: `${HEADER}const req = https.request({ host: 'example.com' });\nreq.on('response', (res) => {\n  console.log((res.socket as tls.TLSSocket).authorized);\n});\nreq.end();`,
    },
    {
      name: "a secure HTTP/2 server's session socket (the proxy routes TLS members to the TLS socket)",
      code: `${HEADER}import * as http2 from 'node:http2';\nconst server = http2.createSecureServer({});\nserver.on('session', (session) => {\n  console.log((session.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n});\nserver.listen(8443);`,
    },
    {
      name: "a secure HTTP/2 server's stream.session socket",
      code: `${HEADER}import * as http2 from 'node:http2';\nconst server = http2.createSecureServer({});\nserver.on('stream', (stream) => {\n  console.log((stream.session!.socket as tls.TLSSocket).authorized);\n  stream.respond({ ':status': 200 });\n  stream.end();\n});\nserver.listen(8443);`,
    },
    {
      name: 'the session socket of http2.connect to an https: URL',
      code: `${HEADER}import * as http2 from 'node:http2';\nconst client = http2.connect('https://example.com');\nclient.on('connect', () => console.log((client.socket as tls.TLSSocket).getPeerCertificate().subject?.CN));`,
    },
    {
      name: 'req.stream.session.socket of a secure HTTP/2 compatibility request',
      code: `${HEADER}import * as http2 from 'node:http2';\nhttp2.createSecureServer({}, (req, res) => {\n  console.log((req.stream.session!.socket as tls.TLSSocket).authorized);\n  res.end();\n}).listen(8443);`,
    },
    {
      name: 'a request socket of a handler shared by two HTTPS servers',
      code: `${HEADER}function handler(req: http.IncomingMessage, res: http.ServerResponse) {\n  res.end((req.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n}\nhttps.createServer({}, handler).listen(443);\nhttps.createServer({}, handler).listen(8443);`,
    },
    {
      name: 'an instanceof tls.TLSSocket check',
      code: `${HEADER}export function peer(req: http.IncomingMessage) {\n  if (req.socket instanceof tls.TLSSocket) return req.socket.getPeerCertificate();\n  return null;\n}`,
    },
    {
      name: 'an encrypted === true check',
      code: `${HEADER}export function peer(socket: net.Socket) {\n  if ((socket as tls.TLSSocket).encrypted === true) return (socket as tls.TLSSocket).getPeerCertificate();\n  return null;\n}`,
    },
    {
      name: 'reading encrypted through an assertion is the documented check',
      code: `${HEADER}export function isSecure(req: http.IncomingMessage): boolean {\n  return (req.socket as tls.TLSSocket).encrypted === true;\n}`,
    },
    {
      name: 'a TLSSocket parameter',
      code: `${HEADER}export function cipher(socket: tls.TLSSocket) {\n  return socket.getCipher().name;\n}`,
    },
    {
      name: 'a user object with the same names',
      code: `const session = { authorized: true, getCipher: () => 'x' };\nexport const ok = session.authorized && session.getCipher();`,
    },
    // ---- seen on real code (issue 18)
    {
      name: 'authorized tested on a socket that may be plain: undefined is the plain socket answer',
      code: `${HEADER}export function check(req: http.IncomingMessage, res: http.ServerResponse) {
  if (!(req.socket as tls.TLSSocket).authorized) {
    res.statusCode = 401;
  }
}`,
    },
    {
      name: 'TLS flags read as discriminators',
      code: `${HEADER}export function describe(socket: net.Socket) {
  const tlsSocket = socket as tls.TLSSocket;
  const secure = tlsSocket.encrypted && tlsSocket.authorized;
  const h2 = tlsSocket.alpnProtocol === 'h2';
  const named = Boolean(tlsSocket.servername);
  return { secure, h2, named };
}`,
    },
    {
      name: 'a const that is only tested',
      code: `${HEADER}export function allow(socket: net.Socket): boolean {
  const authorized = (socket as tls.TLSSocket).authorized;
  return authorized === true;
}`,
    },
    {
      name: 'a guard on the HTTP/2 session: encrypted',
      code: `${HEADER}import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session) {
  if (session.encrypted) {
    const s = session.socket as tls.TLSSocket;
    return s.getPeerCertificate();
  }
  return null;
}`,
    },
    {
      name: 'instanceof tls.TLSSocket on the HTTP/2 session socket',
      code: `${HEADER}import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session) {
  if (session.socket instanceof tls.TLSSocket) return session.socket.getPeerCertificate();
  return null;
}`,
    },
    {
      name: 'an optional call of a TLS method',
      code: `${HEADER}export function peer(socket: net.Socket) {
  return (socket as tls.TLSSocket).getPeerCertificate?.();
}`,
    },
    {
      name: 'an untyped value the module made, asserted to TLSSocket',
      code: `${HEADER}export function peer(raw: string) {
  const socket = JSON.parse(raw) as tls.TLSSocket;
  return socket.getPeerCertificate();
}`,
    },
  ],
  invalid: [
    // ---- seen on real code (issue 18): the twins
    {
      name: 'authorized compared with false: a plain socket passes',
      code: `${HEADER}export function reject(req: http.IncomingMessage): boolean {
  return (req.socket as tls.TLSSocket).authorized === false;
}`,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'req.socket',
            member: 'authorized',
            why: 'it is asserted to `TLSSocket` from `Socket`',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 6,
          column: 40,
          endLine: 6,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a TLS method on the HTTP/2 session socket without the encrypted guard',
      code: `${HEADER}import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session) {
  const s = session.socket as tls.TLSSocket;
  return s.getPeerCertificate();
}`,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 's',
            member: 'getPeerCertificate',
            why: 'it is the socket of an HTTP/2 session that may be cleartext (h2c)',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 30,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard on another session does not count',
      code: `${HEADER}import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session, other: http2.ServerHttp2Session) {
  if (other.encrypted) return (session.socket as tls.TLSSocket).getPeerCertificate();
  return null;
}`,
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
          line: 7,
          column: 65,
          endLine: 7,
          endColumn: 83,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an untyped value from the caller, asserted to TLSSocket',
      code: `${HEADER}export function peer(options: { socket: any }) {
  const socket = options.socket as tls.TLSSocket;
  return socket.getPeerCertificate();
}`,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'socket',
            member: 'getPeerCertificate',
            why: '`options.socket` comes from the caller and may be any stream',
            effect: 'it is not a function (TypeError)',
          },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 35,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a request socket of a handler shared by HTTP and HTTPS',
      code: `${HEADER}function handler(req: http.IncomingMessage, res: http.ServerResponse) {\n  const cert = (req.socket as tls.TLSSocket).getPeerCertificate();\n  res.end(cert.subject?.CN);\n}\nhttp.createServer(handler).listen(80);\nhttps.createServer({}, handler).listen(443);`,
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
          line: 6,
          column: 46,
          endLine: 6,
          endColumn: 64,
          suggestions: null,
        },
      ],
    },
    {
      name: 'authorizationError on a plain socket fails silently (undefined reads as no error)',
      code: `${HEADER}export function check(req: http.IncomingMessage, res: http.ServerResponse) {\n  if ((req.socket as tls.TLSSocket).authorizationError) {\n    res.statusCode = 401;\n  }\n}`,
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
          line: 6,
          column: 37,
          endLine: 6,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'guardTls',
              data: { subject: 'req.socket', tlsSocket: 'tls.TLSSocket' },
              output: `${HEADER}export function check(req: http.IncomingMessage, res: http.ServerResponse) {\n  if ((req.socket instanceof tls.TLSSocket ? (req.socket as tls.TLSSocket).authorizationError : undefined)) {\n    res.statusCode = 401;\n  }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: "the response socket in an HTTP request's callback is no TLS socket",
      code: `${HEADER}http.get('http://example.com/', (res) => {\n  console.log((res.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n  res.resume();\n});`,
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
          line: 6,
          column: 45,
          endLine: 6,
          endColumn: 63,
          suggestions: null,
        },
      ],
    },
    {
      name: "the response socket in an HTTP request's 'response' listener is no TLS socket",
      code: `${HEADER}const req = http.request({ host: 'example.com' });\nreq.on('response', (res) => {\n  console.log((res.socket as tls.TLSSocket).authorized);\n});\nreq.end();`,
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
    {
      name: 'the response socket of an HTTPS request with an agent of its own',
      code: `${HEADER}export function check(agent: https.Agent) {\n  https.get('https://example.com/', { agent }, (res) => {\n    console.log((res.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n  });\n}`,
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
          column: 47,
          endLine: 7,
          endColumn: 65,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a response callback that is also called directly proves nothing',
      code: `${HEADER}const onResponse = (res: http.IncomingMessage) => {\n  console.log((res.socket as tls.TLSSocket).authorized);\n};\nhttps.get('https://example.com/', onResponse);\nexport function replay(res: http.IncomingMessage) {\n  onResponse(res);\n}`,
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
          line: 6,
          column: 45,
          endLine: 6,
          endColumn: 55,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a reassigned response parameter proves nothing',
      code: `${HEADER}declare const other: http.IncomingMessage;\nhttps.get('https://example.com/', (res) => {\n  res = other;\n  console.log((res.socket as tls.TLSSocket).authorized);\n});`,
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
      name: "a cleartext HTTP/2 server's session socket",
      code: `${HEADER}import * as http2 from 'node:http2';\nconst server = http2.createServer();\nserver.on('session', (session) => {\n  console.log((session.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n});\nserver.listen(8080);`,
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
      name: 'the session socket of http2.connect to an http: URL',
      code: `${HEADER}import * as http2 from 'node:http2';\nconst client = http2.connect('http://localhost:8080');\nclient.on('connect', () => console.log((client.socket as tls.TLSSocket).getPeerCertificate().subject?.CN));`,
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
          line: 7,
          column: 73,
          endLine: 7,
          endColumn: 91,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a session listener that is exported as well proves nothing',
      code: `${HEADER}import * as http2 from 'node:http2';\nexport function onSession(session: http2.ServerHttp2Session) {\n  console.log((session.socket as tls.TLSSocket).getPeerCertificate().subject?.CN);\n}\nhttp2.createSecureServer({}).on('session', onSession).listen(8443);`,
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
          line: 7,
          column: 49,
          endLine: 7,
          endColumn: 67,
          suggestions: null,
        },
      ],
    },
    {
      name: "a cleartext HTTP/2 server's stream.session socket",
      code: `${HEADER}import * as http2 from 'node:http2';\nconst server = http2.createServer();\nserver.on('stream', (stream) => {\n  console.log((stream.session!.socket as tls.TLSSocket).authorized);\n  stream.end();\n});\nserver.listen(8080);`,
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
          line: 8,
          column: 57,
          endLine: 8,
          endColumn: 67,
          suggestions: null,
        },
      ],
    },
    {
      name: "'encrypted' in x is no proof",
      code: `${HEADER}export function peer(socket: net.Socket) {\n  if ('encrypted' in socket) (socket as tls.TLSSocket).getPeerCertificate();\n}`,
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
          line: 6,
          column: 56,
          endLine: 6,
          endColumn: 74,
          suggestions: [
            {
              messageId: 'guardTls',
              data: { subject: 'socket', tlsSocket: 'tls.TLSSocket' },
              output: `${HEADER}export function peer(socket: net.Socket) {\n  if ('encrypted' in socket) { if (socket instanceof tls.TLSSocket) (socket as tls.TLSSocket).getPeerCertificate(); }\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'the compatibility socket of a cleartext HTTP/2 server',
      code: `${HEADER}import * as http2 from 'node:http2';\nhttp2.createServer((req) => {\n  console.log((req.socket as tls.TLSSocket).getProtocol());\n});`,
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
          line: 7,
          column: 45,
          endLine: 7,
          endColumn: 56,
          suggestions: null,
        },
      ],
    },
    {
      name: "the raw 'connection' socket of a TLS server",
      code: `${HEADER}const server = tls.createServer({});\nserver.on('connection', (socket) => {\n  console.log((socket as tls.TLSSocket).getSession());\n});`,
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
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 51,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a Duplex',
      code: `${HEADER}import { Duplex } from 'node:stream';\nexport function proto(stream: Duplex) {\n  return (stream as unknown as tls.TLSSocket).alpnProtocol;\n}`,
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
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 59,
          suggestions: null,
        },
      ],
    },
    {
      name: 'destructuring TLS members',
      code: `${HEADER}export function peer(socket: net.Socket) {\n  const { authorized, authorizationError } = socket as tls.TLSSocket;\n  return authorized || authorizationError;\n}`,
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
          line: 6,
          column: 11,
          endLine: 6,
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
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 41,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a JavaScript file',
      filename: 'plain.js',
      code: `import * as http from 'node:http';\nhttp.createServer((req, res) => {\n  res.end(String(req.socket.authorized));\n}).listen(80);`,
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
          line: 3,
          column: 29,
          endLine: 3,
          endColumn: 39,
          suggestions: null,
        },
      ],
    },
    {
      name: 'no tls import: no suggestion',
      code: `import type { TLSSocket } from 'node:tls';\nimport type { Socket } from 'node:net';\nexport function peer(socket: Socket) {\n  return (socket as TLSSocket).getPeerCertificate();\n}`,
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
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
  ],
});
