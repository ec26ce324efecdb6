/**
 * Address checks shared by the address rules for Deno and Bun: Deno's `Addr` union asserted to `NetAddr`, and Bun
 * server values that Bun leaves empty when the server listens on a Unix socket.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findProperty, memberName, unwrap } from './ast.ts';
import { shortText } from './endpoints.ts';
import type { TransportEngine } from './engine.ts';

type Node = TSESTree.Node;

/** `x.addr as Deno.NetAddr` where `x.addr` may still be a `Deno.UnixAddr`: the assertion and the property read. */
export function denoNetAddrAssertion(engine: TransportEngine, node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion, properties: ReadonlySet<string>): { property: string; subject: string } | undefined {
  const source = unwrap(node.expression);
  if (source.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const property = memberName(source);
  if (property === undefined || !properties.has(property)) return undefined;
  const ctx = engine.ctx;
  if (!ctx.membersAt(node).some((m) => m.lineage.has('Deno.NetAddr'))) return undefined;
  if (!ctx.membersAt(source).some((m) => m.lineage.has('Deno.UnixAddr'))) return undefined;
  return { property, subject: shortText(ctx, source) };
}

/**
 * Whether a Bun server is proven to listen on TCP: its `Bun.serve({ … })` options are visible and have no `unix`.
 * Returns the `unix` property when it is there, `tcp` when proven, undefined when the creation is not visible.
 */
export function bunServeTransport(engine: TransportEngine, server: Node): { unix: Node } | 'tcp' | undefined {
  const options = engine.provenance.bunServeOptions(server);
  if (!options) return undefined;
  const unix = findProperty(options, 'unix');
  if (unix === 'spread') return undefined;
  return unix ? { unix } : 'tcp';
}

/** Whether an expression's type is Bun's HTTP `Server`. */
export function isBunServer(engine: TransportEngine, node: Node): boolean {
  return engine.ctx.membersAt(node).some((m) => m.lineage.has('bun.Server'));
}
