import { createHash } from 'node:crypto';
import type http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const clients = new Set<Duplex>();

function reject(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
}

/** Accepts WebSocket handshakes on /live and keeps the connection in the broadcast set. */
export function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  const key = req.headers['sec-websocket-key'];
  if (req.url !== '/live' || req.headers.upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string') {
    reject(socket, '400 Bad Request');
    return;
  }

  const accept = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
  socket.write(
    ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'),
  );

  // small frames, sent as soon as they are ready
  const conn = socket as net.Socket;
  conn.setNoDelay(true);

  if (head.length > 0) socket.unshift(head);
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('error', () => socket.destroy());
}

/** Sends a text frame (payloads under 64 KiB) to every connected client. */
export function broadcast(text: string): void {
  const payload = Buffer.from(text, 'utf8');
  if (payload.length > 0xffff) throw new RangeError('broadcast payload too large');
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  for (const socket of clients) socket.write(Buffer.concat([header, payload]));
}
