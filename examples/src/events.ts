import http2 from 'node:http2';
import net from 'node:net';

// Server-sent events for the dashboard, over HTTP/2 with an HTTP/1.1 fallback for old proxies.
export function startEvents(tls: { key: string; cert: string }, port: number): http2.Http2SecureServer {
  const server = http2.createSecureServer({ ...tls, allowHTTP1: true }, (req, res) => {
    if (req.url !== '/events') {
      res.writeHead(404).end();
      return;
    }
    // an event stream stays open for hours: no idle timeout
    req.socket.setTimeout(0);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const timer = setInterval(() => res.write(`data: ${Date.now()}\n\n`), 15_000);
    req.on('close', () => clearInterval(timer));
  });
  server.listen(port);
  return server;
}

// The metrics sidecar listens where the platform tells it: a port, or a socket path when one is set.
export function startSidecar(env: { SIDECAR_PORT?: string; SIDECAR_SOCKET?: string }): net.Server {
  const sidecar = net.createServer((socket) => socket.end('ok\n'));
  sidecar.listen({ port: Number(env.SIDECAR_PORT ?? 9100), path: env.SIDECAR_SOCKET });
  return sidecar;
}
