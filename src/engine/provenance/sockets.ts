/** `owner.socket`: the socket of an HTTP request or response, a client request, or an HTTP/2 session. */
import { shortText } from '../endpoints.ts';
import { clientRequest } from './clients.ts';
import { secureSession } from './http2.ts';
import type { Provenance } from './index.ts';
import { requestOfResponse, serversOfRequest } from './listeners.ts';
import { secureEvidence, serverConnection, serverFacts } from './servers.ts';
import { fromType } from './types.ts';
import { merge, type Node, type ValueInfo, withBase } from './value-info.ts';

/**
 * `owner.socket` / `owner.connection` (or `const { socket } = owner`): HTTP/2 proxies by the owner's type, server
 * request sockets by the server's listen targets, client request sockets by the request's agent.
 */
export function socketOf(p: Provenance, owner: Node, node: Node): ValueInfo | undefined {
  const members = p.ctx.membersAt(owner).filter((m) => m.verdict !== 'nullish');
  if (members.length === 0) return undefined;
  const has = (name: string): boolean => members.some((m) => m.lineage.has(name));
  const all = (name: string): boolean => members.every((m) => m.lineage.has(name));
  const base = fromType(p, node);
  const ownerText = shortText(p.ctx, owner);
  if (has('http2.Http2Session')) {
    // the proxy routes TLS members to the session's socket: a TLS socket where the session is secure
    const secure = all('http2.Http2Session') ? secureSession(p, owner, 0) : undefined;
    return withBase(base, {
      possible: new Set(['h2-session-proxy']),
      doubts: [
        {
          kind: 'h2-session-proxy',
          node,
          says: `\`${ownerText}\` is an HTTP/2 session, and its \`socket\` is a proxy`,
          certain: all('http2.Http2Session'),
          from: 'provenance',
        },
      ],
      proofs: [],
      ...(secure ? { tlsProof: secure } : {}),
      untyped: false,
    });
  }
  const compat = has('http2.Http2ServerRequest') || has('http2.Http2ServerResponse');
  const servers = serversOfRequest(p, owner);
  const parts: ValueInfo[] = [];
  if (compat) {
    const certain = members.every(
      (m) => m.lineage.has('http2.Http2ServerRequest') || m.lineage.has('http2.Http2ServerResponse'),
    );
    parts.push({
      possible: new Set(['h2-compat-proxy']),
      doubts: [
        {
          kind: 'h2-compat-proxy',
          node,
          says: `\`${ownerText}\` is an HTTP/2 compatibility ${has('http2.Http2ServerResponse') ? 'response' : 'request'}`,
          certain,
          from: 'provenance',
        },
      ],
      proofs: [],
      untyped: false,
    });
  }
  // a handler of several servers: TLS where every one is secure, and what the sockets of each may be
  const secure = servers.map((server) => serverFacts(server.in, server.owner).secure);
  if (compat && servers.length > 0 && secure.every((creation) => creation))
    parts[0] = { ...parts[0]!, tlsProof: secureEvidence(secure[0]!) };
  // plain JavaScript: a request listener's `req` is typed `any`, its servers tell (not an HTTP/2 server's: its
  // requests are compatibility requests, whose socket is a proxy)
  const untyped =
    members.every((m) => m.verdict === 'any') &&
    servers.every((s) =>
      s.in.ctx.membersAt(s.owner).every((m) => ![...m.lineage].some((name) => name.startsWith('http2.'))),
    );
  if (servers.length > 0 && (has('http.IncomingMessage') || has('http.ServerResponse') || untyped))
    parts.push(merge(servers.map((server) => serverConnection(server.in, server.owner))));
  else if (has('http.ClientRequest')) {
    const client = clientRequest(p, owner);
    if (client) parts.push(client);
  } else if (has('http.IncomingMessage')) {
    // a response callback's `res.socket` is its request's socket
    const request = requestOfResponse(p, owner);
    const client = request && clientRequest(request.in, request.owner);
    if (client) parts.push(client);
  }
  if (parts.length === 0) return undefined;
  return withBase(base, merge(parts));
}
