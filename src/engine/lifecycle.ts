/**
 * Where in a server's life a point of the code runs: after it is listening (a `listen` callback, a `'listening'`
 * listener, after `await once(server, 'listening')` or an awaited promise that a `listen` callback resolves, or after
 * a synchronous `listen(port)`),
 * and inside which event listeners of an emitter.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeParts,
  contains,
  findProperty,
  isFunction,
  isTransparentWrapper,
  enclosingFunction,
  memberName,
  promiseResolveParameter,
  promisifiedMethod,
  staticString,
  statementList,
  unwrap,
} from './ast.ts';
import {
  functionUses,
  isConst,
  objectLiteralOf,
  parameterIndexOf,
  promisifiedCalls,
  sameReference,
  singleValue,
  walk,
} from './bindings.ts';
import { endpointsOfArguments, type Endpoint } from './endpoints.ts';
import { calleeFunction } from './interprocedural.ts';
import type { FunctionNode } from './provenance/value-info.ts';
import type { FileContext, Variable } from './file-context/index.ts';
import type { TransportEngine } from './engine.ts';
import { LISTENER_METHODS, UNREGISTER_METHODS, WHILE_LISTENING_EVENTS } from './node-members.ts';
import { factoryValues, type ServerFacts } from './provenance/servers.ts';

type Node = TSESTree.Node;
const { DefinitionType } = TSESLint.Scope;

/**
 * The function a callback argument is: the function itself, or a local function it names (`server.on('listening',
 * onListening)`, `function onListening() {…}` or `const onListening = () => …`) that is registered as a listener
 * or callback once and otherwise only taken off again: code calls it nowhere else, so it runs only as that one.
 */
export function callbackFunction(ctx: FileContext, arg: Node | undefined): Node | undefined {
  if (!arg) return undefined;
  if (isFunction(arg)) return arg;
  if (arg.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variable(arg)?.defs;
  if (def?.length !== 1) return undefined;
  const node = def[0]!.node;
  const fn =
    node.type === AST_NODE_TYPES.FunctionDeclaration
      ? node
      : node.type === AST_NODE_TYPES.VariableDeclarator &&
          node.parent.kind === 'const' &&
          node.init &&
          (node.init.type === AST_NODE_TYPES.ArrowFunctionExpression ||
            node.init.type === AST_NODE_TYPES.FunctionExpression)
        ? node.init
        : undefined;
  if (!fn) return undefined;
  const uses = functionUses(ctx, fn);
  if (uses.escapes || uses.exported || uses.calledAt.length > 0) return undefined;
  // registered once (where the caller found it), and otherwise only taken off again
  let registered = 0;
  for (const { call } of uses.passedTo) {
    const { name } = calleeParts(call);
    if (name !== undefined && UNREGISTER_METHODS.has(name)) continue;
    if (name === undefined || !(LISTENER_METHODS.has(name) || name === 'listen')) return undefined;
    registered++;
  }
  return registered === 1 ? fn : undefined;
}

/** The function arguments registered on any of `sites` for one of `events` (`site.on('close', fn)`). */
export function listenersOf(ctx: FileContext, sites: readonly Node[], events: ReadonlySet<string>): Node[] {
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
    const fn = event !== undefined && events.has(event) ? callbackFunction(ctx, call.arguments[1]) : undefined;
    if (fn) out.push(fn);
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
    const callback = callbackFunction(ctx, listen.arguments.at(-1));
    if (callback && contains(callback, point)) return listen;
  }
  // a listener of the server's own connections or requests (also the one its creation call was given) runs only
  // once it is listening
  const listening = listenersOf(ctx, server.sites, WHILE_LISTENING_EVENTS).find((fn) => contains(fn, point));
  if (listening) return listening;
  for (const site of server.sites) {
    if (site.type !== AST_NODE_TYPES.CallExpression && site.type !== AST_NODE_TYPES.NewExpression) continue;
    if (!SERVER_CREATION.test(ctx.calleeDeclaration(site) ?? '')) continue;
    const handler = site.arguments.find((a) => isFunction(a) && contains(a, point));
    if (handler) return handler;
  }
  // earlier statements: `await once(server, 'listening')`, `await new Promise((r) => server.listen(0, r))`, `server.listen(0)`
  for (const statement of statementsBefore(point)) {
    const found = provesListening(ctx, server, statement);
    if (found) return found;
  }
  return hookListening(ctx, server, point);
}

/**
 * The statements that have run when `point` runs: the earlier statements of the same function, and of the functions
 * around it, past function expressions: a callback made after those statements can only run after them (not past a
 * function declaration, which exists before any statement of its scope runs). Innermost first.
 */
function* statementsBefore(point: Node): Generator<TSESTree.Statement> {
  let child: Node = point;
  for (
    let parent = point.parent;
    parent && child.type !== AST_NODE_TYPES.FunctionDeclaration;
    child = parent, parent = parent.parent
  ) {
    const list = statementList(parent);
    if (!list) continue;
    for (const statement of list) {
      if (statement === child) break;
      yield statement;
    }
  }
}

/** The functions of test frameworks (Mocha, Jest, Vitest, node:test) that take a test body, and their hooks. */
const TEST_FUNCTIONS = new Set(['it', 'test', 'specify']);
const BEFORE_HOOKS = new Set(['before', 'beforeEach', 'beforeAll']);

/**
 * A `before`/`beforeEach`/`beforeAll` hook that makes the server listen, completes only once it is listening
 * (`listen(0, host, done)` or a callback that calls `done`, an awaited listen or `once(server, 'listening')` in an
 * async hook, a synchronous bind), and has run when `point` runs: a hook of a suite around the test body that holds
 * the point (the framework runs those to completion before the body), or, for a point in a hook, a hook that runs
 * before that one (registered before it in the same suite, or of a suite around it; a once-per-suite hook before a
 * per-test one, not the other way).
 */
function hookListening(ctx: FileContext, server: ServerFacts, point: Node): Node | undefined {
  let body: Node | undefined;
  for (let node = point.parent; node && !body; node = node.parent)
    if (isFunction(node) && (isCallbackOf(node, TEST_FUNCTIONS) || isCallbackOf(node, BEFORE_HOOKS))) body = node;
  if (!body) return undefined;
  const kind = isCallbackOf(body, BEFORE_HOOKS) ? hookName(body) : undefined;
  const registration = body.parent!;
  for (let parent = body.parent; parent; parent = parent.parent) {
    const list = statementList(parent);
    for (const statement of list ?? []) {
      // in the suite of the hook that holds the point, only the hooks registered before it
      if (kind && contains(statement, registration)) break;
      const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : undefined;
      const hook =
        expression?.type === AST_NODE_TYPES.CallExpression
          ? expression.arguments.find((a) => isFunction(a) && isCallbackOf(a, BEFORE_HOOKS))
          : undefined;
      if (!hook || !isFunction(hook)) continue;
      if (kind !== undefined && kind !== 'beforeEach' && hookName(hook) === 'beforeEach') continue;
      const done = hook.params[0]?.type === AST_NODE_TYPES.Identifier ? hook.params[0].name : undefined;
      for (const listen of server.listens) {
        if (!contains(hook.body, listen)) continue;
        if (done !== undefined && signalsDone(ctx, listen.arguments.at(-1), done)) return listen;
      }
      // `beforeEach((done) => server.listen(0, done))`: an arrow's expression body is its one statement
      for (const inner of hook.body.type === AST_NODE_TYPES.BlockStatement ? hook.body.body : [hook.body]) {
        const found = provesListening(ctx, server, inner);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The name of the hook a function is registered with (`beforeEach` of `beforeEach(fn)`). */
function hookName(fn: Node): string | undefined {
  const callee = fn.parent?.type === AST_NODE_TYPES.CallExpression ? unwrap(fn.parent.callee) : undefined;
  return callee?.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
}

/** Whether a function is an argument of a call of one of the names (`it(…)`, `it.only(…)`, `test.concurrent(…)`). */
function isCallbackOf(fn: Node, names: ReadonlySet<string>): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument))
    return false;
  let callee = unwrap(call.callee);
  while (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
  return callee.type === AST_NODE_TYPES.Identifier && names.has(callee.name);
}

/** A listen callback that completes the hook: its `done` itself, or a function that calls it. */
function signalsDone(ctx: FileContext, callback: Node | undefined, done: string): boolean {
  const inner = callback && unwrap(callback);
  if (inner?.type === AST_NODE_TYPES.Identifier) return inner.name === done;
  if (!isFunction(inner)) return false;
  let calls = false;
  walk(ctx, inner.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(node.callee);
    calls ||= callee.type === AST_NODE_TYPES.Identifier && callee.name === done;
  });
  return calls;
}

/** Creation calls of Node servers (their declarations, as FileContext.calleeDeclaration names them). */
const SERVER_CREATION = /^(?:net|tls|http|https|http2)\.(?:createServer|createSecureServer|Server(?:\.constructor)?)$/;

/** Why a server is certainly not listening at `point`, where that is certain; undefined otherwise. */
export interface NotListening {
  node: Node;
  says: string;
}

/**
 * Where it is certain that a server is not listening at `point`: straight-line code of the function that creates it,
 * before its `listen`; right after a `listen` that binds asynchronously (a host to look up), with no `await` in
 * between; a server created in the file that nothing makes listen and that is never passed on. Code that runs later
 * (listeners, test hooks, awaited helpers, a framework's `listen` or `start`) is never certain: undefined there.
 */
export function notListeningAt(ctx: FileContext, server: ServerFacts, point: Node): NotListening | undefined {
  const fn = enclosingFunction(point);
  const creation = server.sites.find(
    (site) =>
      (site.type === AST_NODE_TYPES.CallExpression || site.type === AST_NODE_TYPES.NewExpression) &&
      SERVER_CREATION.test(ctx.calleeDeclaration(site) ?? ''),
  );
  if (!creation) return undefined;
  if (server.listens.length === 0) {
    const passedOn = server.sites.some((site) => escapes(site));
    return passedOn
      ? undefined
      : {
          node: creation,
          says: `nothing in this file makes the server created on line ${creation.loc.start.line} listen, so it is \`null\``,
        };
  }
  if (enclosingFunction(creation) !== fn || creation.range[1] > point.range[0]) return undefined;
  const here = server.listens.filter((listen) => enclosingFunction(listen) === fn);
  // every listen of the server is in this function; one of them after the point in straight-line code
  if (here.length !== server.listens.length) return undefined;
  const before = here.filter((listen) => listen.range[1] < point.range[0]);
  if (before.length === 0) {
    const after = here.find((listen) => straightLine(ctx, point, listen));
    return after
      ? { node: after, says: `its \`listen\` on line ${after.loc.start.line} comes after this call, so it is \`null\`` }
      : undefined;
  }
  // right after a `listen` that has to look up its host first
  const last = before.at(-1)!;
  if (before.length !== 1 || bindsSynchronously(ctx, last) || !straightLine(ctx, last, point)) return undefined;
  return { node: last, says: `here the \`listen\` on line ${last.loc.start.line} has not completed yet` };
}

/**
 * Whether `later` runs after `earlier` in straight-line code: both in the same function, not in a callback, the
 * statement of `earlier` before that of `later` in one statement list, and no `await` or `yield` from one to the other.
 */
function straightLine(ctx: FileContext, earlier: Node, later: Node): boolean {
  if (earlier.range[1] > later.range[0] || enclosingFunction(earlier) !== enclosingFunction(later)) return false;
  // the statement list that holds both, and the statements in it that hold each
  for (
    let child: Node = later, parent = later.parent;
    parent && !isFunction(child);
    child = parent, parent = parent.parent
  ) {
    const list = statementList(parent);
    if (!list) continue;
    const holder = list.find((statement) => contains(statement, earlier));
    if (!holder) continue;
    if (holder === child) return false; // the same statement: a condition or loop may be in between
    const between = list.slice(list.indexOf(holder), list.indexOf(child as TSESTree.Statement) + 1);
    return !between.some((statement) => suspends(ctx, statement)) && !inLoop(parent);
  }
  return false;
}

/** Whether a statement may pause the function (`await`, `yield`) outside nested functions. */
function suspends(ctx: FileContext, statement: Node): boolean {
  const keys = ctx.sourceCode.visitorKeys;
  const stack: Node[] = [statement];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) return true;
    if (node !== statement && isFunction(node)) continue;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child])
        if (item && typeof item === 'object' && 'type' in item) stack.push(item as Node);
    }
  }
  return false;
}

/** Whether a loop encloses `node` within its function (a later iteration runs after the listen). */
function inLoop(node: Node): boolean {
  for (let current: Node | undefined = node; current && !isFunction(current); current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.ForStatement ||
      current.type === AST_NODE_TYPES.ForInStatement ||
      current.type === AST_NODE_TYPES.ForOfStatement ||
      current.type === AST_NODE_TYPES.WhileStatement ||
      current.type === AST_NODE_TYPES.DoWhileStatement
    )
      return true;
  }
  return false;
}

/**
 * Whether a server expression is handed to code the file does not show: an argument of a call (other than the
 * server's own methods and `once(server, …)`), returned, exported, or stored in an object or array.
 */
function escapes(site: Node): boolean {
  let node = site;
  while (node.parent && (isTransparentWrapper(node.parent) || node.parent.type === AST_NODE_TYPES.ChainExpression))
    node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== node;
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.YieldExpression:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      // `module.exports = server`, `obj.server = server`; `this.server = …` is followed through its uses
      return (
        parent.right === node &&
        parent.left.type === AST_NODE_TYPES.MemberExpression &&
        parent.left.object.type !== AST_NODE_TYPES.ThisExpression
      );
    default:
      return false;
  }
}

function provesListening(ctx: FileContext, server: ServerFacts, statement: Node): Node | undefined {
  for (const listen of server.listens) {
    if (!contains(statement, listen)) continue;
    if (topLevelValues(statement).some((value) => unwrap(value) === listen) && bindsSynchronously(ctx, listen))
      return listen;
    // `await new Promise((resolve) => server.listen(0, resolve))`: awaited, and bound once the promise settles
    if (
      hasAwaitAround(statement, listen) &&
      (bindsSynchronously(ctx, listen) || resolvesOnListening(ctx, listen) || isPromisifiedListen(ctx, listen))
    )
      return listen;
  }
  // `await once(server, 'listening')`, and `await once(server.listen(0, host), 'listening')`: `listen` returns the server
  for (const site of [...server.sites, ...server.listens]) {
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
 * `promisify(server.listen).call(server, …args)`: the server (the `this` it is called with) and the listen's
 * arguments, past the `this`; its promise settles in the listen callback. Undefined for anything else.
 */
function promisifiedListenCall(
  ctx: FileContext,
  call: TSESTree.CallExpression,
): { server: Node; args: TSESTree.CallExpressionArgument[] } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'call') return undefined;
  const promisify = unwrap(callee.object);
  if (promisify.type !== AST_NODE_TYPES.CallExpression || calleeParts(promisify).name !== 'promisify') return undefined;
  const method = promisify.arguments[0] && unwrap(promisify.arguments[0]);
  const server = call.arguments[0];
  if (method?.type !== AST_NODE_TYPES.MemberExpression || memberName(method) !== 'listen' || !server) return undefined;
  if (server.type === AST_NODE_TYPES.SpreadElement || !sameReference(ctx, method.object, server)) return undefined;
  return { server, args: call.arguments.slice(1) };
}

/**
 * `promisify(server.listen.bind(server))(…)`, or a call of the `const` that holds `promisify(…)`: its promise settles
 * in the listen callback.
 */
function isPromisifiedListen(ctx: FileContext, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const variable = callee.type === AST_NODE_TYPES.Identifier ? ctx.variable(callee) : null;
  const stored = variable && isConst(variable) ? singleValue(variable) : undefined;
  const promisify = callee.type === AST_NODE_TYPES.CallExpression ? callee : stored && unwrap(stored);
  const bind = promisify?.type === AST_NODE_TYPES.CallExpression ? promisify.arguments[0] : undefined;
  const bound = bind && unwrap(bind);
  if (bound?.type !== AST_NODE_TYPES.CallExpression || bound.callee.type !== AST_NODE_TYPES.MemberExpression)
    return false;
  const listen = bound.callee.object;
  const promisified =
    listen.type === AST_NODE_TYPES.MemberExpression ? promisifiedMethod(listen.object, 'listen') : undefined;
  return promisified !== undefined && promisified === promisify && promisifiedCalls(ctx, promisified).includes(call);
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
  /** It is certain that the server is not listening at the point (notListeningAt), and why. */
  | { state: 'not-listening'; node: Node; says: string }
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
  if (tcp && (listeningAt(engine.ctx, facts, point) || listeningFactory(engine.ctx, facts, server)))
    return { state: 'listening' };
  // in the callback of the very `listen` call that made it listen: where that call listens, whatever its other
  // `listen` calls give
  const own = ownListenAt(engine.ctx, server, point) ?? settledAt(engine.ctx, facts, server, point);
  if (own && own.length > 0 && own.every((e) => e.kind === 'tcp')) return { state: 'listening' };
  if (calledWhereListening(engine, server, point)) return { state: 'listening' };
  // a path, or a handle (`{ fd: 3 }`) that may be a Unix socket
  const pipe = pipeOf(own ?? []) ?? pipeOf(facts.endpoints);
  if (pipe) return { state: 'pipe', endpoint: pipe };
  const notYet = notListeningAt(engine.ctx, facts, point);
  if (notYet) return { state: 'not-listening', ...notYet };
  if (tcp) return { state: 'pending', listen: facts.listens[0] };
  return { state: 'unknown' };
}

/**
 * `const server = await startServer()`, where `server` is the owner: an async function of this file that returns the
 * server only after a statement that proves it listening (provesListening: `await once(server.listen(0),
 * 'listening')`, an awaited listen), on every `return`. Any read of the `const` runs after the `await`.
 */
function listeningFactory(ctx: FileContext, server: ServerFacts, owner: Node): boolean {
  const id = unwrap(owner);
  const variable = id.type === AST_NODE_TYPES.Identifier ? ctx.variable(id) : null;
  const init = variable && isConst(variable) ? singleValue(variable) : undefined;
  const awaited = init && unwrap(init);
  const returned = awaited?.type === AST_NODE_TYPES.AwaitExpression ? factoryValues(ctx, awaited.argument) : undefined;
  return (
    returned !== undefined &&
    returned.every((value) => {
      for (const statement of statementsBefore(value)) if (provesListening(ctx, server, statement)) return true;
      return false;
    })
  );
}

/** A path to listen on, or else a handle (`{ fd: 3 }`) that may be a Unix socket. */
function pipeOf(endpoints: readonly Endpoint[]): Endpoint | undefined {
  return endpoints.find((e) => e.kind === 'pipe') ?? endpoints.find((e) => e.handle);
}

/**
 * What the `listen` call whose callback holds the point listens on, where that call makes the very server `owner`
 * reads listen: `server.listen(0, host, () => …)` around a read of `server`, or a call of a method that hands all its
 * parameters on to a `listen` of a field of its object (`listen(...args) { return this.server.listen(...args); }`)
 * around a read of that field of the same object (`wrapper.listen(0, host, () => wrapper.server.address())`). In
 * that callback the server listens where that call said (a server listens once at a time), whatever its other
 * `listen` calls say. Undefined where no callback around the point is one.
 */
function ownListenAt(ctx: FileContext, owner: Node, point: Node): Endpoint[] | undefined {
  const server = unwrap(owner);
  for (let fn = enclosingFunction(point); fn; fn = enclosingFunction(fn)) {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.at(-1) !== fn) continue;
    const { object, name } = calleeParts(call);
    if (!object) continue;
    const direct = name === 'listen' && sameReference(ctx, object, server);
    const forwarded =
      !direct &&
      server.type === AST_NODE_TYPES.MemberExpression &&
      sameReference(ctx, object, server.object) &&
      (forwardedListenField(ctx, call) === memberName(server) || frameworkListen(ctx, call, server));
    if (direct || forwarded) return endpointsOfArguments(ctx, call.arguments, 'listen', call);
  }
  return undefined;
}

/**
 * `app.listen(…)` around a read of `app.server`, where `listen` has no body in the program's code (a package's types,
 * as Fastify's `listen(options, callback)`): a framework's `listen` makes its own server listen with what it was
 * given, as a method of the program that hands its parameters on does (forwardedListenField), and calls back or
 * settles once that server listens. The name `server` is the convention of the frameworks that expose it (Fastify,
 * webpack-dev-server); a method of the program is judged by its body instead.
 */
function frameworkListen(ctx: FileContext, call: TSESTree.CallExpression, server: Node): boolean {
  const { object, name } = calleeParts(call);
  return (
    name === 'listen' &&
    object !== undefined &&
    server.type === AST_NODE_TYPES.MemberExpression &&
    memberName(server) === 'server' &&
    sameReference(ctx, object, server.object) &&
    calleeFunction(ctx, call) === undefined
  );
}

/**
 * The field `f` where the method a call reaches hands all its parameters, in order, on to `this.f.listen(…)` in a
 * statement of its body: `listen(...args) { return this.server.listen(...args); }`, `listen(port, cb) {
 * this.server.listen(port, cb); }`, or `this.server.listen.apply(this.server, arguments)`. Undefined otherwise, and
 * where a parameter is assigned.
 */
function forwardedListenField(ctx: FileContext, call: TSESTree.CallExpression): string | undefined {
  const callee = calleeFunction(ctx, call);
  const fn = callee?.fn;
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  for (const statement of fn.body.body) {
    const expression =
      statement.type === AST_NODE_TYPES.ExpressionStatement
        ? statement.expression
        : statement.type === AST_NODE_TYPES.ReturnStatement
          ? statement.argument
          : undefined;
    const listen = expression && unwrap(expression);
    if (listen?.type !== AST_NODE_TYPES.CallExpression) continue;
    const field = listenField(listen);
    if (field && forwardsParameters(callee.file.ctx, fn, listen)) return field;
  }
  return undefined;
}

/** `f` of `this.f.listen(…)` and of `this.f.listen.apply(this.f, …)`. */
function listenField(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  const applied = memberName(callee) === 'apply' ? unwrap(callee.object) : undefined;
  const listen = applied ?? callee;
  if (listen.type !== AST_NODE_TYPES.MemberExpression || listen.computed || memberName(listen) !== 'listen')
    return undefined;
  const receiver = unwrap(listen.object);
  if (
    receiver.type !== AST_NODE_TYPES.MemberExpression ||
    receiver.computed ||
    unwrap(receiver.object).type !== AST_NODE_TYPES.ThisExpression
  )
    return undefined;
  const field = memberName(receiver);
  // `.apply(this.f, arguments)`: called on the same field
  if (applied) {
    const self = call.arguments[0] && unwrap(call.arguments[0]);
    if (
      self?.type !== AST_NODE_TYPES.MemberExpression ||
      self.computed ||
      unwrap(self.object).type !== AST_NODE_TYPES.ThisExpression ||
      memberName(self) !== field
    )
      return undefined;
  }
  return field;
}

/**
 * Whether a `listen` call hands on every parameter of the function, in order and unassigned: `(...args)` as
 * `...args`, `(port, cb)` as `port, cb`, or (in a function that is no arrow function) `.apply(x, arguments)`.
 */
function forwardsParameters(ctx: FileContext, fn: FunctionNode, listen: TSESTree.CallExpression): boolean {
  const callee = unwrap(listen.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'apply') {
    const args = listen.arguments[1];
    return (
      fn.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
      listen.arguments.length === 2 &&
      args?.type === AST_NODE_TYPES.Identifier &&
      args.name === 'arguments' &&
      isImplicitArguments(ctx.variable(args))
    );
  }
  if (listen.arguments.length !== fn.params.length) return false;
  return fn.params.every((param, i) => {
    const arg = listen.arguments[i]!;
    // a rest parameter as a spread of it, any other as itself
    const rest = param.type === AST_NODE_TYPES.RestElement;
    if (rest !== (arg.type === AST_NODE_TYPES.SpreadElement)) return false;
    return parameterIndexOf(ctx, fn, arg.type === AST_NODE_TYPES.SpreadElement ? arg.argument : arg) === i;
  });
}

/** The `arguments` every function that is no arrow function has (a variable without a declaration), or none. */
function isImplicitArguments(variable: Variable | null): boolean {
  return variable === null || variable.defs.length === 0;
}

/**
 * Where the server `owner` reads listens at a point that runs only once a promise that waits for its `listen` is
 * fulfilled: in `.then(fn)` of such a promise (or of a chain of `.then` calls on it: each is fulfilled only after the
 * one before), or after an earlier `await` of it. The promise: `new Promise((resolve) => server.listen(0, resolve))`,
 * `promisify(server.listen.bind(server))(0)`, `once(server, 'listening')`, or a call of a function that returns such
 * a promise for a server it is given (`serverListen(server, 0)`, whose `new Promise` executor calls
 * `server.listen(port, …)` and resolves in its callback). Not after `.catch` or `.finally`, which also run when the
 * promise is rejected. Undefined where nothing around the point waits so.
 */
function settledAt(ctx: FileContext, facts: ServerFacts, owner: Node, point: Node): Endpoint[] | undefined {
  for (let fn = enclosingFunction(point); fn; fn = enclosingFunction(fn)) {
    const call = fn.parent;
    const callee =
      call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn ? unwrap(call.callee) : undefined;
    if (callee?.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'then') continue;
    const settled = listenSettling(ctx, facts, owner, callee.object);
    if (settled) return settled;
  }
  for (const statement of statementsBefore(point))
    for (const value of topLevelValues(statement)) {
      const awaited = unwrap(value);
      const settled =
        awaited.type === AST_NODE_TYPES.AwaitExpression
          ? listenSettling(ctx, facts, owner, awaited.argument)
          : undefined;
      if (settled) return settled;
    }
  return undefined;
}

/** Where the server listens once the promise is fulfilled, if it is fulfilled only then (settledAt). */
function listenSettling(ctx: FileContext, facts: ServerFacts, owner: Node, promise: Node): Endpoint[] | undefined {
  const expression = unwrap(promise);
  if (expression.type === AST_NODE_TYPES.NewExpression) {
    const listen = facts.listens.find(
      (l) => contains(expression, l) && promiseOf(l) === expression && resolvesOnListening(ctx, l),
    );
    return listen && endpointsOfArguments(ctx, listen.arguments, 'listen', listen);
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const { object, name } = calleeParts(expression);
  // `p.then(a)`: fulfilled only once `p` is
  if (name === 'then' && object) return listenSettling(ctx, facts, owner, object);
  if (facts.listens.includes(expression) && isPromisifiedListen(ctx, expression))
    return endpointsOfArguments(ctx, expression.arguments, 'listen', expression);
  if (
    name === 'once' &&
    staticString(expression.arguments[1]) === 'listening' &&
    expression.arguments[0] &&
    sameReference(ctx, expression.arguments[0], owner)
  )
    return facts.endpoints.length > 0 ? [...facts.endpoints] : undefined;
  // `await promisify(server.listen).call(server, 0)`: the promisified listen called with the server as `this`
  const called = promisifiedListenCall(ctx, expression);
  if (called && sameReference(ctx, called.server, owner))
    return endpointsOfArguments(ctx, called.args, 'listen', expression);
  // `await app.listen({ port: 0 })` of a framework, before a read of `app.server`
  if (frameworkListen(ctx, expression, unwrap(owner)))
    return endpointsOfArguments(ctx, expression.arguments, 'listen', expression);
  return helperListen(ctx, expression, owner);
}

/** The `new Promise(…)` whose executor a `listen` call is made in (directly, or in a function inside it), if any. */
function promiseOf(listen: Node): Node | undefined {
  for (let fn = enclosingFunction(listen); fn; fn = enclosingFunction(fn)) {
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === fn) return parent;
  }
  return undefined;
}

/**
 * Where `helper(server, 0)` makes `owner` listen, where the helper returns a `new Promise` (its arrow body, or its last
 * statement `return new Promise(…)`) whose executor calls `listen` on one of the helper's parameters, given `owner`
 * here, and resolves it in the `listen` callback: the listen's arguments are the helper's parameters or literals (and
 * the callback last), read at this call.
 */
function helperListen(ctx: FileContext, call: TSESTree.CallExpression, owner: Node): Endpoint[] | undefined {
  const callee = calleeFunction(ctx, call);
  if (!callee) return undefined;
  const { fn, file } = callee;
  const last = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body.at(-1) : undefined;
  const returned =
    fn.body.type !== AST_NODE_TYPES.BlockStatement
      ? fn.body
      : last?.type === AST_NODE_TYPES.ReturnStatement
        ? last.argument
        : undefined;
  const promise = returned && unwrap(returned);
  if (promise?.type !== AST_NODE_TYPES.NewExpression || !promiseResolveParameter(promise)) return undefined;
  /** The index of the helper's parameter an identifier reads (not a rest parameter: a spread would shift them). */
  const parameterIndex = (node: Node): number => {
    const index = parameterIndexOf(file.ctx, fn, node);
    return fn.params[index]?.type === AST_NODE_TYPES.RestElement ? -1 : index;
  };
  let found: Endpoint[] | undefined;
  walk(file.ctx, promise, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || calleeParts(node).name !== 'listen') return;
    const { object } = calleeParts(node);
    const receiver = object ? parameterIndex(unwrap(object)) : -1;
    const given = call.arguments[receiver];
    if (receiver < 0 || !given || !sameReference(ctx, given, owner)) return;
    if (promiseOf(node) !== promise || !resolvesOnListening(file.ctx, node)) return;
    // the arguments at this call, without the callback that resolves (`resolve` itself, or a function that calls
    // it): the helper's parameters, and literals (`server.listen(0, resolve)`), which are the same at every call
    const here = node.arguments
      .slice(0, -1)
      .map((arg) => (arg.type === AST_NODE_TYPES.Literal ? arg : call.arguments[parameterIndex(arg)]));
    if (here.some((arg) => !arg || arg.type === AST_NODE_TYPES.SpreadElement)) return;
    found = endpointsOfArguments(ctx, here as TSESTree.CallExpressionArgument[], 'listen', call);
  });
  return found;
}

/** Nested calledWhereListening questions (a helper called from a helper): deeper ones say no. */
let helperDepth = 0;

/**
 * Whether the point is in a function of this file that reads a server from one of its parameters and is only ever
 * called (every use a call, none exported or passed on) where the server it is given is listening on TCP, so that it
 * runs only then: `const getAddress = (server) => server.address()` called in the `listen(0)` callback and in the
 * server's `'connection'` listener.
 */
function calledWhereListening(engine: TransportEngine, server: Node, point: Node): boolean {
  const ctx = engine.ctx;
  const id = unwrap(server);
  const def = id.type === AST_NODE_TYPES.Identifier ? ctx.variable(id)?.defs[0] : undefined;
  const fn = def?.type === DefinitionType.Parameter ? def.node : undefined;
  if (!isFunction(fn) || !contains(fn, point) || helperDepth > 2) return false;
  const index = parameterIndexOf(ctx, fn, id);
  if (index < 0 || fn.params[index]!.type === AST_NODE_TYPES.RestElement) return false;
  const uses = functionUses(ctx, fn);
  if (uses.escapes || uses.exported || uses.passedTo.length > 0 || uses.calledAt.length === 0) return false;
  helperDepth++;
  try {
    return uses.calledAt.every((call) => {
      const given = call.arguments[index];
      return (
        given !== undefined &&
        given.type !== AST_NODE_TYPES.SpreadElement &&
        !call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement) &&
        serverAddressAt(engine, given, call).state === 'listening'
      );
    });
  } finally {
    helperDepth--;
  }
}
