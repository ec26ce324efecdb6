import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

// The admin API runs over plain HTTP on the internal network and over mutual TLS from outside.
function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse): void {
  const socket = req.socket as TLSSocket;
  const caller = socket.getPeerCertificate().subject?.CN ?? 'internal';
  const client = `${req.socket.remoteAddress!}:${req.socket.remotePort!}`;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ caller, client }));
}

export function startAdmin(tls: { key: string; cert: string; ca: string }, adminPort: string): void {
  const internal = http.createServer(handleAdmin);
  internal.listen(adminPort, () => {
    const { port } = internal.address() as AddressInfo;
    console.log(`admin API on http://127.0.0.1:${port}`);
  });
  https.createServer({ ...tls, requestCert: true }, handleAdmin).listen(8443);
}
