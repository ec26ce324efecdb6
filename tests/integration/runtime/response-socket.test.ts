/**
 * Where Node leaves `res.socket` null inside the 'request' handler itself: a second request pipelined on one
 * connection gets its response while the first response is still being written, and Node gives it the socket only
 * once the first has finished (`lib/_http_server.js`, parserOnIncoming: `state.outgoing.push(res)` when the socket
 * has a message). So `res.socket.setNoDelay()` in a handler's first line throws for such a request, and
 * `no-unguarded-socket-options` keeps the `Socket | null` of the type there (realworld/FINDINGS.md,
 * response-socket-in-handler).
 */
import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';

describe('Node 20: the response socket of a pipelined request', () => {
  it('is null in the handler until the response before it has finished', async () => {
    const seen: (string | null)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(res.socket === null ? null : req.url!);
      // the first response waits, so the second request arrives while it is still open
      if (req.url === '/first') setTimeout(() => res.end('1'), 50);
      else res.end('2');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const client = net.connect(port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => {
      client.on('close', () => {
        resolve();
      });
    });
    client.on('data', () => {});
    client.write('GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await closed;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    expect(seen).toEqual(['/first', null]);
  });
});
