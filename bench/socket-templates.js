// Socket and server files for the generated projects: the patterns the rules look at, some flagged (marked
// `flagged:` with the rule) and some safe. `text(g)` gives the file for module group `g` (names stay unique).

export const SOCKET_TEMPLATES = [
  {
    name: 'tcp-server',
    text: (g) => `import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Logger } from '../shared/logger.js';

const log = new Logger('tcp-${g}');
const peers = new Set<net.Socket>();

// safe: the server listens on a port, so its sockets are TCP sockets
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.setKeepAlive(true, 30_000);
  socket.setTimeout(120_000);
  const peer = \`\${socket.remoteAddress ?? 'unknown'}:\${socket.remotePort ?? 0}\`;
  peers.add(socket);
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    for (const line of chunk.split('\\n')) if (line) socket.write(\`\${line.length}\\n\`);
  });
  socket.on('timeout', () => socket.destroy());
  socket.on('close', () => {
    peers.delete(socket);
    log.info(\`closed \${peer}\`);
  });
});

export function startTcp${g}(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      // safe: checked before use
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

export function describeTcp${g}(): string {
  // flagged: no-unchecked-bound-address (the listen may not have completed)
  const { port } = server.address() as AddressInfo;
  return \`tcp server on \${port} with \${peers.size} peers\`;
}

export function broadcast${g}(text: string): number {
  let sent = 0;
  for (const socket of peers) {
    if (socket.destroyed) continue;
    socket.write(text);
    sent++;
  }
  return sent;
}
`,
  },
  {
    name: 'unix-server',
    text: (g) => `import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CONTROL_SOCKET_PATH = path.join(os.tmpdir(), 'control-${g}.sock');

export function startControl${g}(onCommand: (line: string) => string): net.Server {
  const server = net.createServer((conn) => {
    // flagged: no-unguarded-socket-options (no effect: the server listens on a Unix socket)
    conn.setNoDelay(true);
    // flagged: no-unchecked-peer-address (undefined on a Unix socket)
    const from = conn.remoteAddress!;
    conn.on('data', (data) => {
      conn.write(onCommand(data.toString('utf8').trim()) + '\\n');
    });
    conn.once('end', () => console.log(\`control client \${from} left\`));
  });
  server.listen(CONTROL_SOCKET_PATH);
  return server;
}

export function controlAddress${g}(server: net.Server): string {
  // safe: checked
  const address = server.address();
  if (typeof address === 'string') return address;
  return address ? \`\${address.address}:\${address.port}\` : 'not listening';
}
`,
  },
  {
    name: 'upgrade',
    text: (g) => `import type http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';

const clients = new Set<Duplex>();

export function onUpgrade${g}(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 400 Bad Request\\r\\nConnection: close\\r\\n\\r\\n');
    return;
  }
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n\\r\\n');
  // flagged: no-unguarded-socket-options (a Duplex only asserted to be a socket)
  const conn = socket as net.Socket;
  conn.setNoDelay(true);
  // safe: guarded
  if ('setKeepAlive' in socket && typeof socket.setKeepAlive === 'function') socket.setKeepAlive(true, 15_000);
  if (head.length > 0) socket.unshift(head);
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('error', () => socket.destroy());
}

export function closeAll${g}(): void {
  for (const client of clients) client.end();
  clients.clear();
}
`,
  },
  {
    name: 'tls-client',
    text: (g) => `import type net from 'node:net';
import tls from 'node:tls';

export function connectSecure${g}(host: string, port: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: host }, () => {
      // safe: a TLS socket made by tls.connect, on a TCP port
      const cert = socket.getPeerCertificate();
      if (!socket.authorized) {
        socket.destroy();
        reject(new Error(\`untrusted certificate \${cert.subject?.CN ?? host}\`));
        return;
      }
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export function fingerprint${g}(socket: net.Socket): string {
  // flagged: no-unguarded-tls-api (a plain net.Socket asserted to a TLSSocket)
  const cert = (socket as tls.TLSSocket).getPeerCertificate();
  return cert.fingerprint256 ?? '';
}

export function safeFingerprint${g}(socket: net.Socket): string {
  // safe: checked
  if (socket instanceof tls.TLSSocket) return socket.getPeerCertificate().fingerprint256 ?? '';
  return '';
}
`,
  },
  {
    name: 'listen-options',
    text: (g) => `import http from 'node:http';

export interface ListenConfig {
  port?: number;
  host?: string;
  path?: string;
}

export function serve${g}(handler: http.RequestListener, config: ListenConfig): http.Server {
  const server = http.createServer(handler);
  // flagged: no-ambiguous-listen-options (port and path)
  server.listen({ port: config.port, host: config.host, path: config.path });
  return server;
}

export function serveTcp${g}(handler: http.RequestListener, port: number, host = '0.0.0.0'): http.Server {
  const server = http.createServer(handler);
  // safe: one transport
  server.listen({ port, host });
  server.on('listening', () => console.log(\`listening on \${host}:\${port}\`));
  return server;
}
`,
  },
  {
    name: 'http2-server',
    text: (g) => `import http2 from 'node:http2';

export function startH2${g}(port: number): http2.Http2Server {
  const server = http2.createServer();
  server.on('session', (session) => {
    // flagged: no-http2-socket-manipulation (the session socket is a proxy that throws)
    session.socket.setNoDelay(true);
    // safe: reading the address through the proxy works
    const peer = session.socket.remoteAddress ?? 'unknown';
    session.on('close', () => console.log(\`session from \${peer} closed\`));
  });
  server.on('stream', (stream, headers) => {
    stream.respond({ ':status': 200, 'content-type': 'text/plain' });
    stream.end(\`hello \${headers[':path'] ?? '/'}\\n\`);
  });
  server.listen(port);
  return server;
}

export function startCompat${g}(port: number): http2.Http2Server {
  const server = http2.createServer((req, res) => {
    // flagged: no-http2-socket-manipulation (tunes the connection that every stream shares)
    req.socket.setTimeout(5_000);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, version: req.httpVersion }));
  });
  server.listen(port);
  return server;
}
`,
  },
  {
    name: 'http-server',
    text: (g) => `import http from 'node:http';

export function startHttp${g}(port: number): http.Server {
  const server = http.createServer((req, res) => {
    // safe: the server listens on a port
    req.socket.setKeepAlive(true, 60_000);
    res.on('finish', () => {
      // flagged: no-unguarded-socket-options (res.socket is null once the response is finished)
      res.socket!.setNoDelay(false);
    });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(\`\${req.method ?? 'GET'} \${req.url ?? '/'}\\n\`);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port);
  return server;
}
`,
  },
  {
    name: 'http-client',
    text: (g) => `import http from 'node:http';

export function dockerInfo${g}(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: '/var/run/docker.sock', path: '/info' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('socket', (socket) => {
      // flagged: no-unguarded-socket-options (the request connects through socketPath)
      socket.setNoDelay(true);
    });
    req.once('error', reject);
    req.end();
  });
}

export function getText${g}(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    });
    req.on('socket', (socket) => {
      // safe: the default agent connects over TCP
      socket.setKeepAlive(true, 1_000);
    });
    req.once('error', reject);
  });
}
`,
  },
];
