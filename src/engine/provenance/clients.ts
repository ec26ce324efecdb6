/** The socket of a client request (`http.get`, `https.request`): from its agent, `createConnection` or `socketPath`. */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { findProperty, isFunction, memberName, staticString, unwrap } from '../ast.ts';
import { DEFAULT_AGENTS } from '../node-members.ts';
import { objectLiteralOf, singleValue } from '../bindings.ts';
import { shortText } from '../endpoints.ts';
import type { Evidence, Kind } from '../evidence.ts';
import type { Provenance } from './index.ts';
import { CLIENT_REQUEST } from './listeners.ts';
import { chainSites } from './servers.ts';
import type { Node, ValueInfo } from './value-info.ts';

/**
 * The socket of a client request: created by the default agent (TCP), by `socketPath` (a Unix socket), or by a
 * caller-supplied `agent`/`createConnection`, which may return any Duplex.
 */
export function clientRequest(p: Provenance, owner: Node): ValueInfo | undefined {
  let creation: Node = unwrap(owner);
  if (creation.type === AST_NODE_TYPES.Identifier) {
    const value = singleValue(p.ctx.variable(creation));
    if (!value) return undefined;
    creation = unwrap(value);
  }
  // `http.get(…).on(…)`: the creation call at the bottom of the chain
  creation = chainSites(p, creation).at(-1)!;
  if (creation.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const declared = p.ctx.calleeDeclaration(creation);
  if (!declared || !CLIENT_REQUEST.test(declared)) return undefined;
  const options = creation.arguments
    .map((a) => (a.type === AST_NODE_TYPES.SpreadElement ? undefined : objectLiteralOf(p.ctx, a)))
    .find((o) => o);
  const doubts: Evidence[] = [];
  const possible = new Set<Kind>();
  let unknown = false;
  if (options) {
    const agent = findProperty(options, 'agent');
    const createConnection = findProperty(options, 'createConnection');
    const socketPath = findProperty(options, 'socketPath');
    if (agent === 'spread' || createConnection === 'spread') unknown = true;
    if (agent && agent !== 'spread' && !isDefaultAgent(p, agent.value)) {
      doubts.push({
        kind: 'duplex',
        node: agent,
        says: `its request is given the agent \`${shortText(p.ctx, agent.value)}\`, whose \`createConnection\` may return any Duplex`,
        certain: true,
        from: 'provenance',
      });
    }
    if (createConnection && createConnection !== 'spread') {
      doubts.push({
        kind: 'duplex',
        node: createConnection,
        says: 'its request is given a `createConnection` that may return any Duplex',
        certain: true,
        from: 'provenance',
      });
    }
    if (socketPath && socketPath !== 'spread') {
      doubts.push({
        kind: 'pipe',
        node: socketPath,
        says: `its request connects through \`socketPath\` (${shortText(p.ctx, socketPath.value)})`,
        certain: true,
        from: 'provenance',
      });
    }
  } else if (
    creation.arguments.some(
      (a) =>
        !isFunction(a) &&
        staticString(a) === undefined &&
        p.ctx
          .membersAt(a)
          .some((m) => m.verdict !== 'other' || m.type.getProperty('agent') || m.type.getProperty('createConnection')),
    )
  ) {
    // an options value we cannot see into: nothing proven, nothing doubted (the response callback and a literal URL
    // are none: their types, a callback's contextual one above all, are not asked)
    unknown = true;
  }
  for (const d of doubts) possible.add(d.kind);
  if (doubts.length === 0) possible.add('tcp');
  const proofs: Evidence[] =
    doubts.length === 0 && !unknown
      ? [
          {
            kind: 'tcp',
            node: creation,
            says: 'its request uses the default agent, which connects over TCP',
            certain: true,
            from: 'provenance',
          },
        ]
      : [];
  if (unknown) possible.add('pipe');
  // `https.request`/`https.get`: a TLS socket, unless it is given an agent or `createConnection` we can see (which
  // may return any Duplex). Options we cannot see into (merged from a caller's config) do not undo it: HTTPS agents,
  // Node's and proxy agents alike, hand the request a TLS socket, and one with another protocol makes the call throw
  const tlsProof: Evidence | undefined =
    declared.startsWith('https.') && doubts.every((d) => d.kind !== 'duplex')
      ? {
          kind: 'tls',
          node: creation,
          says: 'it is the socket of an HTTPS request',
          certain: true,
          from: 'provenance',
        }
      : undefined;
  return { possible, doubts, proofs, tlsProof, untyped: false };
}

export function isDefaultAgent(p: Provenance, value: Node): boolean {
  const inner = unwrap(value);
  if (inner.type === AST_NODE_TYPES.Literal && (inner.value === false || inner.value === null)) return true;
  if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return true;
  if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(inner) === 'globalAgent') return true;
  if (inner.type === AST_NODE_TYPES.NewExpression) {
    const declared = p.ctx.calleeDeclaration(inner);
    return !!declared && DEFAULT_AGENTS.has(declared.replace(/\.constructor$/, ''));
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const value = singleValue(p.ctx.variable(inner));
    return value ? isDefaultAgent(p, value) : false;
  }
  return false;
}
