import http from 'node:http';
import { loadConfig } from './config.js';
import { handleConnect } from './tunnel.js';
import { handleUpgrade } from './websocket.js';

const config = loadConfig();

const server = http.createServer((req, res) => {
  // long-polling clients sit idle for minutes; probe them so dead peers get dropped
  req.socket.setKeepAlive(true, config.keepAliveMs);

  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  if (url.pathname === '/api/time') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ now: new Date().toISOString() }));
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
});

server.on('upgrade', handleUpgrade);
server.on('connect', (req, socket, head) => handleConnect(req, socket, head, config.allowedTunnelHosts));
server.on('clientError', (err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  else socket.destroy(err);
});

const { listen } = config;
if (listen.kind === 'unix') {
  // nginx runs as another user and needs to connect to the socket
  server.listen({ path: listen.path, readableAll: true, writableAll: true }, () => {
    console.log(`listening on unix:${listen.path}`);
  });
} else {
  server.listen(listen.port, listen.host, () => {
    console.log(`listening on ${listen.host ?? '*'}:${listen.port}`);
  });
}

function shutdown(signal: NodeJS.Signals): void {
  console.log(`${signal} received, closing`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 10_000).unref();
}

process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
