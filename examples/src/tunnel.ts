import type http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * HTTP CONNECT tunnel to a fixed list of internal hosts, for clients that can only
 * reach us through the HTTP port.
 */
export function handleConnect(req: http.IncomingMessage, clientSocket: Duplex, head: Buffer, allowedHosts: ReadonlySet<string>): void {
  const [host, portText] = (req.url ?? '').split(':');
  const port = Number(portText);
  if (!host || !allowedHosts.has(host) || !Number.isInteger(port) || port <= 0) {
    clientSocket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
    return;
  }

  const upstream = net.connect({ host, port });
  upstream.setNoDelay(true);
  upstream.setKeepAlive(true, 30_000);

  // the client side is whatever the HTTP server was handed, not necessarily a TCP socket
  const client = clientSocket as net.Socket;
  if ('setNoDelay' in client) client.setNoDelay(true);

  let established = false;
  upstream.once('connect', () => {
    established = true;
    clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(clientSocket);
    clientSocket.pipe(upstream);
  });

  upstream.on('error', () => {
    if (established) clientSocket.destroy();
    else clientSocket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
  });
  clientSocket.on('error', () => upstream.destroy());
  clientSocket.on('close', () => upstream.destroy());
}
