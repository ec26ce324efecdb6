/**
 * What transport a `listen(...)` or `connect(...)` target selects, following Node's own argument rules
 * (lib/net.js `normalizeArgs`, `isPipeName`): a string is a path unless it is a non-negative number; with both
 * `port` and `path`, `Server#listen` takes the port and `Socket#connect` takes the path.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, staticString, unwrap } from './ast.ts';
import { keyOf, optionsShapes, type KeyValue, type OptionsShape } from './options-shape.ts';
import type { Kind } from './evidence.ts';
import type { FileContext } from './file-context/index.ts';
import { isNumberLike, isStringLike, requiresProperty } from './type-predicates.ts';
import { parameterOf } from './bindings.ts';
import { crossing, indexOf } from './interprocedural.ts';

const { DefinitionType } = TSESLint.Scope;

type Node = TSESTree.Node;

export interface Endpoint {
  /** The transport the target selects: one of the kinds a value can be. */
  kind: Extract<Kind, 'tcp' | 'pipe' | 'unknown'>;
  /** False when the target only may be a pipe (a `string` that is not a literal). */
  certain: boolean;
  /** The node that shows the target. */
  node: Node;
  /** How to name the target in a message: "port `3000`", "the path `'/tmp/a.sock'`", "`process.env.PORT`". */
  target: string;
  /** An `unknown` target given as a handle or file descriptor (`{ fd: 3 }`): a socket made elsewhere, TCP or not. */
  handle?: boolean;
}

export type EndpointMode = 'listen' | 'connect';

const MAX_TEXT = 40;
/** Names that say a string is a filesystem path or pipe name, not a port. */
const PATH_NAME = /(path|sock|socket|pipe|ipc)$/i;

/** The last name in an identifier or member chain: `config.listen.path` → 'path'. */
function lastName(node: Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.property.type === AST_NODE_TYPES.Identifier
  )
    return node.property.name;
  return undefined;
}

export function shortText(ctx: FileContext, node: Node): string {
  const text = ctx.sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Node's `isPipeName`: a string is a pipe name unless `Number(s) >= 0`. */
export function isPipeName(value: string): boolean {
  return !(Number(value) >= 0);
}

/** The endpoints a call's arguments may select (several for conditionals). */
export function endpointsOfArguments(
  ctx: FileContext,
  args: readonly TSESTree.CallExpressionArgument[],
  mode: EndpointMode,
  call: Node,
): Endpoint[] {
  const first = args[0];
  if (!first || (mode === 'listen' && isFunction(first))) {
    return mode === 'listen'
      ? [{ kind: 'tcp', certain: true, node: call, target: 'a random TCP port' }]
      : [{ kind: 'unknown', certain: true, node: call, target: 'no target' }];
  }
  if (first.type === AST_NODE_TYPES.SpreadElement)
    return [{ kind: 'unknown', certain: true, node: first, target: shortText(ctx, first) }];
  const found = endpointsOfValue(ctx, first, mode, 0);
  const host = args[1];
  if (!host || !isHostArgument(ctx, host) || isOptionsValue(ctx, first)) return found;
  // `listen(port, host)`, `connect(this.port, this.host)`: Node reads a lone string as a path unless it is all digits,
  // but nobody passes a host after a path; only a value shown to be a path stays one
  return found.map((e) =>
    e.kind === 'tcp' || (e.kind === 'pipe' && e.certain) || e.handle
      ? e
      : {
          kind: 'tcp',
          certain: true,
          node: first,
          target: `port \`${shortText(ctx, first)}\` with the host \`${shortText(ctx, host)}\``,
        },
  );
}

/** Names a host is given by: `host`, `hostname`, `this.address`, `addr`. */
const HOST_NAME = /(host|hostname|address|addr)$/i;

/**
 * The second argument of `listen`/`connect` as a host: a non-numeric string literal (`'127.0.0.1'`), a value typed
 * `string`, one named as a host, or a default host (`host || 'localhost'`). A backlog (a number) or a callback is not.
 */
function isHostArgument(ctx: FileContext, node: TSESTree.CallExpressionArgument): boolean {
  if (node.type === AST_NODE_TYPES.SpreadElement || isFunction(node)) return false;
  const inner = unwrap(node);
  const literal = staticString(inner);
  if (literal !== undefined) return isPipeName(literal);
  if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator !== '&&')
    return [inner.left, inner.right].some((side) => {
      const text = staticString(unwrap(side));
      return text !== undefined && isPipeName(text);
    });
  if (HOST_NAME.test(lastName(inner) ?? '')) return true;
  const members = ctx.membersAt(inner).filter((m) => m.verdict !== 'nullish');
  return members.length > 0 && members.every((m) => isStringLike(m.type));
}

/** An options object or a value typed as one: its own keys decide, whatever follows it. */
function isOptionsValue(ctx: FileContext, node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return true;
  return ctx.membersAt(inner).some((m) => m.verdict === 'other' && !isStringLike(m.type) && !isNumberLike(m.type));
}

function endpointsOfValue(ctx: FileContext, node: Node, mode: EndpointMode, depth: number): Endpoint[] {
  const inner = unwrap(node);
  if (depth < 4 && inner.type === AST_NODE_TYPES.ConditionalExpression) {
    return [
      ...endpointsOfValue(ctx, inner.consequent, mode, depth + 1),
      ...endpointsOfValue(ctx, inner.alternate, mode, depth + 1),
    ];
  }
  // `process.env.SOCKET_PATH ?? '/run/app.sock'`, `env.SOCK || '/tmp/app.sock'`: a default path is a path
  if (depth < 4 && inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator !== '&&') {
    const sides = [
      ...endpointsOfValue(ctx, inner.left, mode, depth + 1),
      ...endpointsOfValue(ctx, inner.right, mode, depth + 1),
    ];
    if (sides.some((e) => e.kind === 'pipe' && e.certain)) return sides;
  }
  const text = shortText(ctx, inner);
  const literal = staticString(inner);
  if (literal !== undefined) {
    return isPipeName(literal)
      ? [{ kind: 'pipe', certain: true, node: inner, target: `the path \`${text}\`` }]
      : [{ kind: 'tcp', certain: true, node: inner, target: `port \`${text}\`` }];
  }
  // `/tmp/worker-${id}.sock`: a template that starts as a path is one, whatever it holds
  if (inner.type === AST_NODE_TYPES.TemplateLiteral && /^[/\\]/.test(inner.quasis[0]?.value.cooked ?? ''))
    return [{ kind: 'pipe', certain: true, node: inner, target: `the path \`${text}\`` }];
  if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number')
    return [{ kind: 'tcp', certain: true, node: inner, target: `port \`${text}\`` }];
  // an options object, however it was built (options-shape.ts): one endpoint for each shape it may have
  const shapes = optionsShapes(ctx, inner);
  if (shapes && shapes.length > 0) return shapes.map((shape) => optionsEndpoint(ctx, shape, mode, inner));

  // a parameter: what every call in the program passes (`function open(path) { return net.connect(path) }`)
  const passed = depth < 4 ? parameterEndpoints(ctx, inner, mode, depth) : undefined;
  if (passed) return passed;
  const members = ctx.membersAt(inner).filter((m) => m.verdict !== 'nullish');
  if (members.length > 0 && members.every((m) => isNumberLike(m.type)))
    return [{ kind: 'tcp', certain: true, node: inner, target: `port \`${text}\`` }];
  // a constant: its literal type says what it is
  if (members.length > 0 && members.every((m) => m.type.isStringLiteral() || m.type.isNumberLiteral())) {
    return members.map((m) =>
      m.type.isStringLiteral() && isPipeName(m.type.value)
        ? {
            kind: 'pipe' as const,
            certain: true,
            node: inner,
            target: `the path \`${text}\` (${JSON.stringify(m.type.value)})`,
          }
        : { kind: 'tcp' as const, certain: true, node: inner, target: `port \`${text}\`` },
    );
  }
  if (members.some((m) => isStringLike(m.type))) {
    // `socketPath`, `config.path`, `PIPE_NAME`: a string named as a path is one
    const named = PATH_NAME.test(lastName(inner) ?? '');
    return [{ kind: 'pipe', certain: named, node: inner, target: named ? `the path \`${text}\`` : `\`${text}\`` }];
  }
  if (members.length > 0 && members.every((m) => m.verdict === 'other'))
    return [optionsTypeEndpoint(ctx, inner, mode, text)];
  return [{ kind: 'unknown', certain: true, node: inner, target: `\`${text}\`` }];
}

/** The endpoints of what every call passes for a parameter never written in its function; undefined if unknown. */
function parameterEndpoints(ctx: FileContext, node: Node, mode: EndpointMode, depth: number): Endpoint[] | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variable(node);
  const def = variable?.defs[0];
  if (def?.type !== DefinitionType.Parameter || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (variable!.references.some((r) => r.isWrite())) return undefined;
  const param = parameterOf(def.name);
  const args = param && indexOf(ctx).fileOfContext(ctx)?.provenance.parameterArguments(param.fn, param.index);
  if (!args || args.length === 0) return undefined;
  // one unknown argument answers for all: those the syntax or the declarations decide first, so that an argument
  // only TypeScript's flow analysis can type (a callback's parameter in `list.map((a) => open(a))` with `list`
  // inferred) is not asked where another is already unknown; the endpoints in the order of the calls
  const found = new Map<(typeof args)[number], Endpoint[]>();
  const cost = new Map(args.map((arg) => [arg, argumentCost(arg.in.ctx, arg.node)]));
  for (const arg of [...args].sort((a, b) => cost.get(a)! - cost.get(b)!)) {
    const endpoints = crossing(ctx, () => endpointsOfValue(arg.in.ctx, arg.node, mode, depth + 1));
    if (!endpoints || endpoints.some((e) => e.kind === 'unknown')) return undefined;
    found.set(arg, endpoints);
  }
  return args.flatMap((arg) => found.get(arg)!);
}

/**
 * How much an argument's endpoints may cost: 0 where the syntax shows them (a literal, a template, an object), 1 where
 * the declarations give its type (FileContext.declaredTypeAt), 2 where TypeScript's flow analysis may be asked.
 */
function argumentCost(ctx: FileContext, node: Node): number {
  const inner = unwrap(node);
  if (
    inner.type === AST_NODE_TYPES.Literal ||
    inner.type === AST_NODE_TYPES.TemplateLiteral ||
    inner.type === AST_NODE_TYPES.ObjectExpression
  )
    return 0;
  return ctx.types.has(inner) || ctx.memberTypes.has(inner) || ctx.declaredTypeAt(inner, true) ? 1 : 2;
}

/**
 * `{ port }`, `{ path }`, `{ fd }`: the options object's keys decide (a present key counts, whatever its value).
 * `listen` takes `port` whenever it is there, `connect` takes `path`; a key that something unseen may set leaves the
 * target unknown, except an unseen `path` beside a port and a host the code sets (portWithHost).
 */
function optionsEndpoint(ctx: FileContext, shape: OptionsShape, mode: EndpointMode, shown: Node): Endpoint {
  const port = keyOf(shape, 'port');
  const path = keyOf(shape, 'path');
  const fd = keyOf(shape, 'fd') ?? keyOf(shape, 'handle');
  const first = mode === 'listen' ? port : path;
  const unknown = { kind: 'unknown', certain: true, node: shown, target: `\`${shortText(ctx, shown)}\`` } as const;
  let winner: KeyValue | undefined;
  if (first && first !== 'unknown') winner = first;
  else if (mode === 'connect' && portWithHost(shape, port)) winner = port;
  else if (port === 'unknown' || path === 'unknown' || fd === 'unknown') return unknown;
  else winner = port ?? path;
  if (winner && winner === port) {
    return {
      kind: 'tcp',
      certain: true,
      node: winner.node,
      target: `port \`${shortText(winner.ctx, winner.value)}\``,
    };
  }
  if (winner && winner === path) {
    const value = staticString(winner.value);
    const certain =
      value !== undefined ||
      !winner.ctx.membersAt(winner.value).some((m) => m.verdict === 'nullish' || m.verdict === 'any');
    return {
      kind: 'pipe',
      certain,
      node: winner.node,
      target: `the path \`${shortText(winner.ctx, winner.value)}\``,
    };
  }
  if (fd && fd !== 'unknown')
    return {
      kind: 'unknown',
      certain: true,
      node: fd.node,
      target: `\`${shortText(fd.ctx, fd.node)}\``,
      handle: true,
    };
  return {
    kind: mode === 'listen' ? 'tcp' : 'unknown',
    certain: true,
    node: shown,
    target: mode === 'listen' ? 'a random TCP port' : `\`${shortText(ctx, shown)}\``,
  };
}

/**
 * A copy of someone else's options with a port and a host set by the code (`{ ...socketOptions, host, port }`,
 * `opts = clone(user); opts.host = h; opts.port = p`): only an unresolved part could hold a `path`, which would win
 * over them; as with `connect(port, host, options)` (endpointsOfArguments), nobody passes a path with a port and a
 * host, so the port decides.
 */
function portWithHost(shape: OptionsShape, port: KeyValue | 'unknown' | undefined): port is KeyValue {
  const host = keyOf(shape, 'host');
  return (
    port !== undefined &&
    port !== 'unknown' &&
    host !== undefined &&
    host !== 'unknown' &&
    shape.open &&
    !shape.keys.has('path')
  );
}

/** An options value that is not a literal: its type decides when it has only one of `port` and `path`. */
function optionsTypeEndpoint(ctx: FileContext, node: Node, mode: EndpointMode, text: string): Endpoint {
  const type = ctx.typeAt(node);
  const members = ctx.matcher.members(type).filter((m) => m.verdict !== 'nullish');
  const required = (name: string): boolean => requiresProperty(members, name);
  const hasPath = required('path');
  const hasPort = required('port');
  if (hasPort && (mode === 'listen' || !hasPath))
    return { kind: 'tcp', certain: true, node, target: `port from \`${text}\`` };
  if (hasPath && !hasPort) return { kind: 'pipe', certain: true, node, target: `the path from \`${text}\`` };
  return { kind: 'unknown', certain: true, node, target: `\`${text}\`` };
}
