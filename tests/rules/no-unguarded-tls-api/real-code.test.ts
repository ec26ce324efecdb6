import rule from '../../../src/rules/no-unguarded-tls-api.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

// seen on real code (issue 18)
ruleTester.run('no-unguarded-tls-api', rule, {
  assertionOptions,
  valid: [
    {
      name: 'authorized tested on a socket that may be plain: undefined is the plain socket answer',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function check(req: http.IncomingMessage, res: http.ServerResponse) {
  if (!(req.socket as tls.TLSSocket).authorized) {
    res.statusCode = 401;
  }
}
      `,
    },
    {
      name: 'TLS flags read as discriminators',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function describe(socket: net.Socket) {
  const tlsSocket = socket as tls.TLSSocket;
  const secure = tlsSocket.encrypted && tlsSocket.authorized;
  const h2 = tlsSocket.alpnProtocol === 'h2';
  const named = Boolean(tlsSocket.servername);
  return { secure, h2, named };
}
      `,
    },
    {
      name: 'a const that is only tested',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function allow(socket: net.Socket): boolean {
  const authorized = (socket as tls.TLSSocket).authorized;
  return authorized === true;
}
      `,
    },
    {
      name: 'a guard on the HTTP/2 session: encrypted',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session) {
  if (session.encrypted) {
    const s = session.socket as tls.TLSSocket;
    return s.getPeerCertificate();
  }
  return null;
}
      `,
    },
    {
      name: 'instanceof tls.TLSSocket on the HTTP/2 session socket',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session) {
  if (session.socket instanceof tls.TLSSocket) return session.socket.getPeerCertificate();
  return null;
}
      `,
    },
    {
      name: 'an optional call of a TLS method',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(socket: net.Socket) {
  return (socket as tls.TLSSocket).getPeerCertificate?.();
}
      `,
    },
    {
      name: 'an untyped value the module made, asserted to TLSSocket',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(raw: string) {
  const socket = JSON.parse(raw) as tls.TLSSocket;
  return socket.getPeerCertificate();
}
      `,
    },
    {
      name: 'a TLS method read only to test that it is there',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function cipherOf(socket: net.Socket) {
  const maybeTls = socket as tls.TLSSocket;
  const cipher = maybeTls.getCipher ? maybeTls.getCipher() : null;
  const known = typeof maybeTls.getProtocol !== 'undefined' && maybeTls.getProtocol !== undefined;
  return { cipher, known };
}
      `,
    },
    {
      name: 'a field read through const self = this in the callback of the tls.connect that assigned it',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export class Connection {
  netClient: net.Socket | tls.TLSSocket | undefined;
  constructor(private secure: boolean, private port: number, private host: string) {}
  open(callback: () => void) {
    const self = this;
    if (!this.secure) {
      this.netClient = new net.Socket();
      this.netClient.connect(this.port, this.host, function onConnect() {
        callback();
      });
    } else {
      this.netClient = tls.connect(this.port, this.host, {}, function onSecureConnect() {
        console.log((self.netClient as tls.TLSSocket).getProtocol());
        callback();
      });
    }
  }
}
      `,
    },
    {
      name: 'plain JavaScript: a class field holding the connections of a TLS server',
      filename: 'plain.js',
      code: `
import * as tls from 'node:tls';
class Connection {
  constructor(socket) {
    this.socket = socket;
  }
  describe() {
    return { name: this.socket.servername };
  }
}
const server = tls.createServer({}, (socket) => {
  new Connection(socket).describe();
});
server.listen(465);
      `,
    },
    {
      name: 'plain JavaScript: a class field holding a socket made by tls.connect',
      filename: 'plain.js',
      code: `
import * as tls from 'node:tls';
class Client {
  constructor(socket) {
    this.socket = socket;
  }
  peer() {
    return this.socket.getPeerCertificate();
  }
}
export function open(port) {
  return new Client(tls.connect(port, 'db.example.com'));
}
      `,
    },
    {
      name: 'plain JavaScript: an HTTPS request through a Unix socket is still TLS',
      filename: 'plain.js',
      code: `
import * as tls from 'node:tls';
import * as https from 'node:https';
class Peer {
  constructor(socket) {
    this.socket = socket;
  }
  peer() {
    return this.socket.getPeerCertificate();
  }
}
export function info() {
  const req = https.request({ socketPath: '/run/docker.sock', path: '/info' });
  req.on('socket', (socket) => new Peer(socket).peer());
}
      `,
    },
  ],
  invalid: [
    {
      name: 'a field read through const self = this in the callback of the plain connect',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export class Connection {
  netClient: net.Socket | tls.TLSSocket | undefined;
  constructor(private secure: boolean, private port: number, private host: string) {}
  open(callback: () => void) {
    const self = this;
    if (!this.secure) {
      this.netClient = new net.Socket();
      this.netClient.connect(this.port, this.host, function onConnect() {
        console.log((self.netClient as tls.TLSSocket).getProtocol());
        callback();
      });
    } else {
      this.netClient = tls.connect(this.port, this.host, {}, function onSecureConnect() {
        console.log((self.netClient as tls.TLSSocket).getProtocol());
        callback();
      });
    }
  }
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'self.netClient',
            member: 'getProtocol',
            why: 'it is asserted to `TLSSocket` from `TLSSocket | Socket | undefined`',
            effect: 'it is not a function (TypeError)',
          },
          line: 14,
          column: 55,
          endLine: 14,
          endColumn: 66,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a TLS method called where another one was tested',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function cipherOf(socket: net.Socket) {
  const maybeTls = socket as tls.TLSSocket;
  return maybeTls.getCipher ? maybeTls.getCipher() : maybeTls.getProtocol();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'maybeTls',
            member: 'getProtocol',
            why: 'it is asserted to `TLSSocket` from `Socket` on line 7',
            effect: 'it is not a function (TypeError)',
          },
          line: 8,
          column: 63,
          endLine: 8,
          endColumn: 74,
          suggestions: null,
        },
      ],
    },
    {
      name: 'authorized compared with false: a plain socket passes',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function reject(req: http.IncomingMessage): boolean {
  return (req.socket as tls.TLSSocket).authorized === false;
}
      `,
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
          line: 7,
          column: 40,
          endLine: 7,
          endColumn: 50,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a TLS method on the HTTP/2 session socket without the encrypted guard',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session) {
  const s = session.socket as tls.TLSSocket;
  return s.getPeerCertificate();
}
      `,
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
          line: 9,
          column: 12,
          endLine: 9,
          endColumn: 30,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a guard on another session does not count',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as http2 from 'node:http2';
export function peer(session: http2.ServerHttp2Session, other: http2.ServerHttp2Session) {
  if (other.encrypted) return (session.socket as tls.TLSSocket).getPeerCertificate();
  return null;
}
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
          column: 65,
          endLine: 8,
          endColumn: 83,
          suggestions: null,
        },
      ],
    },
    {
      name: 'an untyped value from the caller, asserted to TLSSocket',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
export function peer(options: { socket: any }) {
  const socket = options.socket as tls.TLSSocket;
  return socket.getPeerCertificate();
}
      `,
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
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 35,
          suggestions: null,
        },
      ],
    },
    {
      name: 'plain JavaScript: the reason is where the untyped value comes from, a server without TLS',
      filename: 'plain.js',
      code: `
import * as tls from 'node:tls';
import * as net from 'node:net';
class Connection {
  constructor(socket) {
    this.socket = socket;
  }
  describe() {
    return { name: this.socket.servername };
  }
}
const server = net.createServer((socket) => {
  new Connection(socket).describe();
});
server.listen(25);
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'this.socket',
            member: 'servername',
            why: 'it is a connection of the `net.createServer(…)` server on line 12',
            effect: 'it is `undefined`, so a check on it silently fails',
          },
          line: 9,
          column: 32,
          endLine: 9,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'plain JavaScript: the reason is where the untyped value comes from, a plain net.connect',
      filename: 'plain.js',
      code: `
import * as tls from 'node:tls';
import * as net from 'node:net';
class Client {
  constructor(socket) {
    this.socket = socket;
  }
  peer() {
    return this.socket.getPeerCertificate();
  }
}
export function open(port) {
  return new Client(net.connect(port, 'db.example.com'));
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'this.socket',
            member: 'getPeerCertificate',
            why: 'it is created by `net.connect(…)` on line 13',
            effect: 'it is not a function (TypeError)',
          },
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
    {
      name: 'plain JavaScript: the reason is where the untyped value comes from, a request through a Unix socket',
      filename: 'plain.js',
      code: `
import * as tls from 'node:tls';
import * as http from 'node:http';
class Peer {
  constructor(socket) {
    this.socket = socket;
  }
  peer() {
    return this.socket.getPeerCertificate();
  }
}
export function info() {
  const req = http.request({ socketPath: '/run/docker.sock', path: '/info' });
  req.on('socket', (socket) => new Peer(socket).peer());
}
      `,
      output: null,
      errors: [
        {
          messageId: 'notTls',
          data: {
            subject: 'this.socket',
            member: 'getPeerCertificate',
            why: "its request connects through `socketPath` ('/run/docker.sock')",
            effect: 'it is not a function (TypeError)',
          },
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 42,
          suggestions: null,
        },
      ],
    },
  ],
});
