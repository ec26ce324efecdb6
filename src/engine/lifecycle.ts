/**
 * Where in a server's life a point of the code runs: after it is listening (a `listen` callback, a `'listening'`
 * listener, after `await once(server, 'listening')` or an awaited promise that a `listen` callback resolves, or after
 * a synchronous `listen(port)`),
 * and inside which event listeners of an emitter.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeParts,
  findProperty,
  isFunction,
  LISTENER_METHODS,
  memberName,
  promiseResolveParameter,
  staticString,
  statementList,
  unwrap,
} from './ast.ts';
import { objectLiteralOf } from './bindings.ts';
import type { FileContext } from './file-context/index.ts';
import type { Endpoint } from './endpoints.ts';
import type { TransportEngine } from './engine.ts';
import type { ServerFacts } from './provenance/servers.ts';

type Node = TSESTree.Node;

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The function arguments registered on any of `sites` for one of `events` (`site.on('close', fn)`). */
export function listenersOf(sites: readonly Node[], events: ReadonlySet<string>): Node[] {
  const out: Node[] = [];
  for (const site of sites) {
    const member = site.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== site) continue;
    const call = member.parent;
    if (
      call?.type !== AST_NODE_TYPES.CallExpression ||
      call.callee !== member ||
      !LISTENER_METHODS.has(memberName(member) ?? '')
    )
      continue;
    const event = staticString(call.arguments[0]);
    const fn = call.arguments[1];
    if (event !== undefined && events.has(event) && isFunction(fn)) out.push(fn);
  }
  return out;
}

/** The event name when `node` is inside a function registered with `.on(event, fn)` for one of `events`. */
export function enclosingListener(node: Node, events: ReadonlySet<string>): string | undefined {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== current) continue;
    const { name } = calleeParts(call);
    const event = staticString(call.arguments[0]);
    if (name && LISTENER_METHODS.has(name) && event !== undefined && events.has(event)) return event;
  }
  return undefined;
}

/** Whether a `listen(...)` call binds synchronously: a port (or `{ port }`) and no host, which needs a DNS lookup. */
function bindsSynchronously(ctx: FileContext, call: TSESTree.CallExpression): boolean {
  const [first, second] = call.arguments;
  if (!first) return true;
  const object = objectLiteralOf(ctx, first);
  if (object) return !findProperty(object, 'host') && !findProperty(object, 'path');
  return !second || isFunction(second);
}

/** The listen call or listener that proves the server is listening at `point`, if any. */
export function listeningAt(ctx: FileContext, server: ServerFacts, point: Node): Node | undefined {
  for (const listen of server.listens) {
    const callback = listen.arguments.at(-1);
    if (callback && isFunction(callback) && contains(callback, point)) return listen;
  }
  const listening = listenersOf(server.sites, new Set(['listening'])).find((fn) => contains(fn, point));
  if (listening) return listening;
  // earlier statements of the same function: `await once(server, 'listening')`, `await new Promise((r) => server.listen(0, r))`, `server.listen(0)`
  let child: Node = point;
  for (let parent = point.parent; parent && !isFunction(child); child = parent, parent = parent.parent) {
    const list = statementList(parent);
    if (!list) continue;
    for (const statement of list) {
      if (statement === child) break;
      const found = provesListening(ctx, server, statement);
      if (found) return found;
    }
  }
  return undefined;
}

function provesListening(ctx: FileContext, server: ServerFacts, statement: Node): Node | undefined {
  for (const listen of server.listens) {
    if (!contains(statement, listen)) continue;
    if (topLevelValues(statement).some((value) => unwrap(value) === listen) && bindsSynchronously(ctx, listen))
      return listen;
    // `await new Promise((resolve) => server.listen(0, resolve))`: awaited, and bound once the promise settles
    if (hasAwaitAround(statement, listen) && (bindsSynchronously(ctx, listen) || resolvesOnListening(ctx, listen)))
      return listen;
  }
  for (const site of server.sites) {
    const call = site.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== site || !contains(statement, call))
      continue;
    if (
      calleeParts(call).name === 'once' &&
      staticString(call.arguments[1]) === 'listening' &&
      hasAwaitAround(statement, call)
    )
      return call;
  }
  return undefined;
}

/**
 * The values a statement computes at its top: `listen(0);`, `server = app.listen(0);`, `const server =
 * app.listen(0);`. A synchronous bind there has happened once the statement is done.
 */
function topLevelValues(statement: Node): Node[] {
  if (statement.type === AST_NODE_TYPES.VariableDeclaration)
    return statement.declarations.flatMap((d) => (d.init ? [d.init] : []));
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return [];
  const expression = unwrap(statement.expression);
  return expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '='
    ? [expression.right]
    : [expression];
}

/**
 * Whether a `listen` call inside `new Promise((resolve) => …)` resolves that promise from its callback: `resolve`
 * itself is the callback, or the callback calls it. Resolving anywhere else (right away, on 'error') says nothing
 * about a bind that is not synchronous.
 */
function resolvesOnListening(ctx: FileContext, listen: TSESTree.CallExpression): boolean {
  // the executor: the nearest function around the call that is the argument of a `new` expression
  let executor: Node | undefined = listen.parent;
  while (
    executor &&
    !(
      isFunction(executor) &&
      executor.parent?.type === AST_NODE_TYPES.NewExpression &&
      executor.parent.arguments[0] === executor
    )
  )
    executor = executor.parent;
  const resolve = executor?.parent ? promiseResolveParameter(executor.parent) : undefined;
  const callback = listen.arguments.at(-1);
  if (!resolve || !callback) return false;
  const references = ctx.variable(resolve)?.references ?? [];
  // `listen(0, resolve)`, or a callback that calls `resolve`
  const isCall = (id: TSESTree.Identifier): boolean =>
    id.parent?.type === AST_NODE_TYPES.CallExpression && id.parent.callee === id;
  return references.some(
    ({ identifier }) =>
      identifier === callback ||
      (isFunction(callback) && contains(callback, identifier) && isCall(identifier as TSESTree.Identifier)),
  );
}

/** Whether `target` sits inside an `await` expression within `statement`. */
function hasAwaitAround(statement: Node, target: Node): boolean {
  for (let node: Node | undefined = target.parent; node && node !== statement.parent; node = node.parent) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
  }
  return false;
}

/** What `server.address()` returns at a point, as far as the file shows (serverAddressAt). */
export type ServerAddress =
  /** The server listens only on TCP ports, and is listening at the point. */
  | { state: 'listening' }
  /** The server listens on a Unix socket or pipe (perhaps: `certain` false for a string that may be a port). */
  | { state: 'pipe'; endpoint: Endpoint }
  /**
   * The server listens only on TCP ports, but this `listen` has not completed at the point (`listen`: undefined
   * where every `listen` call is in another file of the program).
   */
  | { state: 'pending'; listen: TSESTree.CallExpression | undefined }
  /** Nothing visible says. */
  | { state: 'unknown' };

/** Whether a server is listening at a point, and on what. */
export function serverAddressAt(engine: TransportEngine, server: Node, point: Node): ServerAddress {
  const facts = engine.provenance.serverFacts(server);
  const tcp = facts.endpoints.length > 0 && facts.endpoints.every((e) => e.kind === 'tcp');
  if (tcp && listeningAt(engine.ctx, facts, point)) return { state: 'listening' };
  const pipe = facts.endpoints.find((e) => e.kind === 'pipe');
  if (pipe) return { state: 'pipe', endpoint: pipe };
  if (tcp) return { state: 'pending', listen: facts.listens[0] };
  return { state: 'unknown' };
}
