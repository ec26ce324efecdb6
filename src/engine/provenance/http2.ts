/** Whether an HTTP/2 session or stream is secure (its socket a TLS socket). */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { memberName, staticString, unwrap } from '../ast.ts';
import { singleValue } from '../bindings.ts';
import type { Evidence } from '../evidence.ts';
import type { Provenance } from './index.ts';
import { onlyRole, serversOfRequest } from './listeners.ts';
import { secureEvidence, serverFacts } from './servers.ts';
import type { Node } from './value-info.ts';

/**
 * Evidence that an HTTP/2 session is secure (its socket a TLS socket): a session or stream of a secure server
 * (`createSecureServer`) with no `emit('connection', …)`, reached as a `'session'`/`'stream'` listener's parameter,
 * `stream.session`, or `req.stream.session` of a compatibility request; or a session of `http2.connect` to an
 * `https:` URL. `depth` bounds the walk through streams and sessions.
 */
export function secureSession(p: Provenance, session: Node, depth: number): Evidence | undefined {
  const inner = unwrap(session);
  if (depth > 4) return undefined;
  // `stream.session`, `req.stream.session`
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && memberName(inner) === 'session')
    return secureStream(p, inner.object, depth + 1);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const role = onlyRole(p, inner);
  if (role?.role === 'h2-session') return secureServer(p, role.owner);
  if (role) return undefined;
  // `const client = http2.connect('https://…')`
  const value = singleValue(p.ctx.variable(inner));
  const creation = value && unwrap(value);
  if (creation?.type !== AST_NODE_TYPES.CallExpression || p.ctx.calleeDeclaration(creation) !== 'http2.connect')
    return undefined;
  const authority = staticString(creation.arguments[0]);
  return authority?.startsWith('https:')
    ? {
        kind: 'tls',
        node: creation,
        says: 'it is the session of `http2.connect` to an `https:` URL',
        certain: true,
        from: 'provenance',
      }
    : undefined;
}

/** secureSession for the session of a stream: a `'stream'` listener's parameter, or `req.stream` of a compatibility request. */
export function secureStream(p: Provenance, stream: Node, depth: number): Evidence | undefined {
  const inner = unwrap(stream);
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && memberName(inner) === 'stream') {
    const evidence = serversOfRequest(p, inner.object).map((server) => secureServer(p, server));
    return evidence.length > 0 && evidence.every((e) => e) ? evidence[0] : undefined;
  }
  const role = onlyRole(p, inner);
  if (role?.role !== 'h2-stream') return undefined;
  // `server.on('stream', …)` or `session.on('stream', …)`
  return secureServer(p, role.owner) ?? secureSession(p, role.owner, depth + 1);
}

/** Evidence that a server is secure, where nothing injects other connections into it. */
export function secureServer(p: Provenance, server: Node): Evidence | undefined {
  const { secure, injections } = serverFacts(p, server);
  return secure && injections.length === 0 ? secureEvidence(secure) : undefined;
}
