import rule from '../../../src/rules/no-unguarded-socket-options.ts';
import { assertionOptions, typedRuleTester } from '../../helpers/rule-tester.ts';

const ruleTester = typedRuleTester();

ruleTester.run('no-unguarded-socket-options', rule, {
  assertionOptions,
  valid: [
    // ---- proven TCP by provenance
    {
      name: 'net.connect with a port',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect(8080, 'localhost');
c.setNoDelay(true);
      `,
    },
    {
      name: 'net.connect with { port }',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect({ host: 'db', port: 5432 });
c.setKeepAlive(true, 1000);
      `,
    },
    {
      name: 'net.connect with a numeric string is TCP',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
net.connect('8080').setNoDelay(true);
      `,
    },
    {
      name: 'chained creation is TCP',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
net.createConnection({ port: 80 }).setNoDelay(true).setKeepAlive(true);
      `,
    },
    {
      name: 'new Socket().connect(port)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
new net.Socket().connect(80, 'h').setNoDelay(true);
      `,
    },
    {
      name: 'connection listener of a server that listens on a port',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.setTimeout(1000);
});
server.listen(3000);
      `,
    },
    {
      name: 'request socket of a server that listens on { port }',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer((req, res) => {
  req.socket.setKeepAlive(true);
});
server.listen({ port: 8080, host: '0.0.0.0' });
      `,
    },
    {
      name: "server.on('connection') with listen on a port, the listener a named function",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function onConnection(socket: net.Socket) {
  socket.setNoDelay(true);
}
const server = http.createServer();
server.on('connection', onConnection);
server.listen(80);
      `,
    },
    {
      name: 'emit(connection) with a real socket does not taint',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = net.createServer((s) => s.setNoDelay(true));
server.listen(1);
server.emit('connection', net.connect(2));
      `,
    },
    {
      name: 'client request with the default agent',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ host: 'example.com', port: 80 });
req.on('socket', (socket) => {
  socket.setNoDelay(true);
});
      `,
    },
    {
      name: 'client request with new http.Agent()',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const agent = new http.Agent({ keepAlive: true });
const req = http.request({ host: 'h', agent });
req.on('socket', (socket) => {
  socket.setNoDelay(true);
});
      `,
    },
    {
      name: 'a local function called only with TCP sockets',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function tune(s: net.Socket) {
  s.setNoDelay(true);
}
tune(net.connect(80));
      `,
    },
    // ---- a real socket of unknown transport: not reported without requireTcp
    {
      name: 'a net.Socket parameter from elsewhere',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function tune(s: net.Socket) {
  s.setNoDelay(true);
}
      `,
    },
    {
      name: 'a request handler with no visible listen',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export const handler: http.RequestListener = (req) => {
  req.socket.setNoDelay(true);
};
      `,
    },
    {
      name: 'a server listening on process.env.PORT is only reported with requireTcp',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer((req) => {
  req.socket.setNoDelay(true);
});
server.listen(process.env.PORT);
      `,
    },
    {
      name: 'a JavaScript file with a TCP server',
      filename: 'plain.js',
      code: `
import * as net from 'node:net';
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
});
server.listen(3000);
      `,
    },
  ],
  invalid: [
    {
      name: 'net.connect with a path',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect('/tmp/app.sock');
c.setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setNoDelay',
            guard: "'setNoDelay' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/tmp/app.sock'`",
            line: 5,
          },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect('/tmp/app.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'net.connect with { path }',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect({ path: '/run/db.sock' });
c.setKeepAlive(true, 1000);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'c',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in c",
            evidence: "it is created by `net.connect(…)` with the path `'/run/db.sock'`",
            line: 5,
          },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const c = net.connect({ path: '/run/db.sock' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'net.connect with a non-numeric string',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
net.connect('app.sock').setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: "net.connect('app.sock')",
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `net.connect(…)` with the path `'app.sock'`",
            line: 5,
          },
          line: 5,
          column: 25,
          endLine: 5,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
net.connect('app.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'new Socket().connect(path)',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
new net.Socket().connect('/tmp/s').setNoDelay(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: "new net.Socket().connect('/tmp/s')",
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "it is created by `new net.Socket().connect(…)` with the path `'/tmp/s'`",
            line: 5,
          },
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
new net.Socket().connect('/tmp/s');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'connection listener of a server that listens on a path',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
});
server.listen('/tmp/app.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: 8,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = net.createServer((socket) => {
});
server.listen('/tmp/app.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'request socket of a server that listens on { path }',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer((req, res) => {
  req.socket.setKeepAlive(true);
});
server.listen({ path: '/tmp/http.sock' });
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'req.socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in req.socket",
            evidence: "its server listens on the path `'/tmp/http.sock'`",
            line: 8,
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = http.createServer((req, res) => {
});
server.listen({ path: '/tmp/http.sock' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'connection listener of a server given a Duplex through emit',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.setTimeout(1000);
});
server.listen(3000);
server.emit('connection', new PassThrough());
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const server = net.createServer((socket) => {
  if ('setNoDelay' in socket) socket.setNoDelay(true);
  if ('setTimeout' in socket) socket.setTimeout(1000);
});
server.listen(3000);
server.emit('connection', new PassThrough());
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server is given a `PassThrough` through `emit('connection', …)`",
            line: 10,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
          suggestions: null,
        },
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setTimeout',
            guard: "'setTimeout' in socket",
            evidence: "its server is given a `PassThrough` through `emit('connection', …)`",
            line: 10,
          },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'named connection listener of a tainted http server',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function onConnection(socket: net.Socket) {
  socket.setNoDelay(true);
}
const server = http.createServer();
server.on('connection', onConnection);
server.listen(80);
export function inject(stream: Duplex) {
  server.emit('connection', stream);
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function onConnection(socket: net.Socket) {
  if ('setNoDelay' in socket) socket.setNoDelay(true);
}
const server = http.createServer();
server.on('connection', onConnection);
server.listen(80);
export function inject(stream: Duplex) {
  server.emit('connection', stream);
}
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server is given a `Duplex` through `emit('connection', …)`",
            line: 12,
          },
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'client request with a caller-supplied agent',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function get(agent: http.Agent) {
  const req = http.request({ host: 'h', agent });
  req.on('socket', (socket) => {
    socket.setNoDelay(true);
  });
}
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
export function get(agent: http.Agent) {
  const req = http.request({ host: 'h', agent });
  req.on('socket', (socket) => {
    if ('setNoDelay' in socket) socket.setNoDelay(true);
  });
}
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'its request is given the agent `agent`, whose `createConnection` may return any Duplex',
            line: 6,
          },
          line: 8,
          column: 12,
          endLine: 8,
          endColumn: 22,
          suggestions: null,
        },
      ],
    },
    {
      name: 'client request with createConnection',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ host: 'h', createConnection: () => new PassThrough() });
req.on('socket', (socket) => {
  socket.setNoDelay(true);
});
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ host: 'h', createConnection: () => new PassThrough() });
req.on('socket', (socket) => {
  if ('setNoDelay' in socket) socket.setNoDelay(true);
});
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: 'its request is given a `createConnection` that may return any Duplex',
            line: 5,
          },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 20,
          suggestions: null,
        },
      ],
    },
    {
      name: 'client request through socketPath',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/var/run/docker.sock', path: '/info' });
req.on('socket', (socket) => {
  socket.setKeepAlive(true);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in socket",
            evidence: "its request connects through `socketPath` ('/var/run/docker.sock')",
            line: 5,
          },
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const req = http.request({ socketPath: '/var/run/docker.sock', path: '/info' });
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a local function called with a Duplex',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function tune(s: net.Socket) {
  s.setNoDelay(true);
}
tune(net.connect(80));
tune(new PassThrough() as unknown as net.Socket);
      `,
      output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
function tune(s: net.Socket) {
  if ('setNoDelay' in s) s.setNoDelay(true);
}
tune(net.connect(80));
tune(new PassThrough() as unknown as net.Socket);
      `,
      errors: [
        {
          messageId: 'duplex',
          data: {
            subject: 's',
            method: 'setNoDelay',
            guard: "'setNoDelay' in s",
            evidence: 'it is asserted to `Socket` from `PassThrough`',
            line: 9,
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: 'the response socket of a client request through socketPath',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.get({ socketPath: '/var/run/docker.sock', path: '/info' }, (res) => {
  res.socket.setKeepAlive(true);
  res.resume();
});
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'res.socket',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in res.socket",
            evidence: "its request connects through `socketPath` ('/var/run/docker.sock')",
            line: 5,
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
http.get({ socketPath: '/var/run/docker.sock', path: '/info' }, (res) => {
  res.resume();
});
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'new net.Socket() connected to a path later',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const s = new net.Socket();
s.setKeepAlive(true);
s.connect('/tmp/app.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "it is connected by `s.connect(…)` with the path `'/tmp/app.sock'`",
            line: 7,
          },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const s = new net.Socket();
s.connect('/tmp/app.sock');
      `,
            },
          ],
        },
      ],
    },
    {
      name: 'a handler shared by a server on a port and one on a path: no removal',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
const handler: http.RequestListener = (req, res) => {
  req.socket.setNoDelay(true);
  res.end();
};
http.createServer(handler).listen(80);
http.createServer(handler).listen('/tmp/app.sock');
      `,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 'req.socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in req.socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: 10,
          },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 24,
          suggestions: null,
        },
      ],
    },
    {
      name: 'a socket that is a pipe on one path and TCP on the other: no removal',
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const local: boolean;
const s = local ? net.connect('/tmp/app.sock') : net.connect(80);
s.setKeepAlive(true);
      `,
      output: null,
      errors: [
        {
          messageId: 'pipeOnSomePaths',
          data: {
            subject: 's',
            method: 'setKeepAlive',
            guard: "'setKeepAlive' in s",
            evidence: "it is created by `net.connect(\u2026)` with the path `'/tmp/app.sock'`",
            line: 6,
          },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 15,
          suggestions: null,
        },
      ],
    },
    {
      name: "the connections of the server that an app's listen(path) returns",
      code: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const app: { listen(target: number | string): http.Server };
const server = app.listen('/tmp/app.sock');
server.on('connection', (socket) => {
  socket.setNoDelay(true);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'pipe',
          data: {
            subject: 'socket',
            method: 'setNoDelay',
            guard: "'setNoDelay' in socket",
            evidence: "its server listens on the path `'/tmp/app.sock'`",
            line: 6,
          },
          line: 8,
          column: 10,
          endLine: 8,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'removeCall',
              output: `
import * as net from 'node:net';
import * as http from 'node:http';
import { Duplex, PassThrough } from 'node:stream';
declare const app: { listen(target: number | string): http.Server };
const server = app.listen('/tmp/app.sock');
      `,
            },
          ],
        },
      ],
    },
  ],
});
