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
export function denoNetAddrAssertion(
  engine: TransportEngine,
  node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion,
  properties: ReadonlySet<string>,
): { property: string; subject: string } | undefined {
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
 * What to say of a Bun server that may listen on a Unix socket: `undefined` when its visible `Bun.serve({ … })`
 * options have no `unix` (proven TCP, nothing to say), the line of `unix` when they have it, '' when its creation is
 * not visible.
 */
export function bunUnixEvidence(engine: TransportEngine, server: Node): string | undefined {
  const options = engine.provenance.bunServeOptions(server);
  if (!options) return '';
  const unix = findProperty(options, 'unix');
  if (unix === 'spread') return '';
  return unix ? `, and it does (line ${engine.lineOf(unix)})` : undefined;
}

/** Visitors that call `report` for `x.<property> as Deno.NetAddr` (and `<Deno.NetAddr>x.<property>`) on a possible UnixAddr. */
export function denoAddrVisitors(
  engineOf: () => TransportEngine,
  properties: ReadonlySet<string>,
  report: (node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion, subject: string) => void,
): Record<'TSAsExpression' | 'TSTypeAssertion', (node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion) => void> {
  const check = (node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion): void => {
    const found = denoNetAddrAssertion(engineOf(), node, properties);
    if (found) report(node, found.subject);
  };
  return { TSAsExpression: check, TSTypeAssertion: check };
}

/** Whether an expression's type is Bun's HTTP `Server`. */
export function isBunServer(engine: TransportEngine, node: Node): boolean {
  // `x.port!` and `x.hostname!` are everywhere: without Bun's types in the program, ask no type
  if (!engine.ctx.matcher.hasBunTypes) return false;
  return engine.ctx.membersAt(node).some((m) => m.lineage.has('bun.Server'));
}
