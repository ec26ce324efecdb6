/**
 * Provenance: what produced a value, followed through the bindings of one file. Creation calls and their targets
 * (port or path), the server whose listener received a socket (its `listen` targets and `emit('connection', …)`
 * injections), the client request whose `'socket'` event gave it (its agent), HTTP/2 access paths, and type
 * assertions (a value is only as good as the type it was asserted from). Falls back to the declared type.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from '../ast.ts';
import { SOCKET_ACCESSORS } from '../node-members.ts';
import { fieldClass, liveFieldWrites, parameterOf, reachingWrite, variableWrites, type Write } from '../bindings.ts';
import type { Kind } from '../evidence.ts';
import type { FileContext } from '../file-context/index.ts';
import { guardsAt, ruledOutBy } from '../guards.ts';
import { bunConnection, bunHandlerSocket, bunServeOptions } from './bun.ts';
import { callbackElement, collectionRead, heldDestructured, heldProperty, loopElement } from './holders.ts';
import { clientRequest } from './clients.ts';
import { callInfo, connectedLater, connectedNext, returned } from './connections.ts';
import {
  type Argument,
  destructuredParameter,
  type FunctionRoles,
  functionRoles,
  parameterArguments,
} from './listeners.ts';
import { serverConnection, type ServerFacts, serverFacts } from './servers.ts';
import { socketOf } from './sockets.ts';
import { asserted, fromType, narrowedAt } from './types.ts';
import {
  type FunctionNode,
  merge,
  type Node,
  rawSocket,
  secureSocket,
  type ValueInfo,
  withBase,
  withoutNullish,
} from './value-info.ts';

const { DefinitionType } = TSESLint.Scope;

export class Provenance {
  readonly memo = new Map<Node, ValueInfo>();

  readonly active = new Set<Node>();

  readonly servers = new Map<ServerFacts, ValueInfo>();

  constructor(readonly ctx: FileContext) {}

  /** What the value of an expression may be, from its provenance and types. */
  info(node: Node): ValueInfo {
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.active.has(node) || this.active.size > 40) return fromType(this, node);
    this.active.add(node);
    try {
      const result = this.compute(node);
      this.memo.set(node, result);
      return result;
    } finally {
      this.active.delete(node);
    }
  }

  private compute(node: Node): ValueInfo {
    switch (node.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSNonNullExpression:
        return asserted(this, node);
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
        return this.info(node.expression);
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(node);
      case AST_NODE_TYPES.CallExpression:
        return collectionRead(this, node) ?? callInfo(this, node);
      case AST_NODE_TYPES.ConditionalExpression:
        return merge([this.info(node.consequent), this.info(node.alternate)]);
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator === '&&'
          ? this.info(node.right)
          : merge([withoutNullish(this.info(node.left)), this.info(node.right)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.info(node.right) : fromType(this, node);
      case AST_NODE_TYPES.SequenceExpression:
        return this.info(node.expressions.at(-1)!);
      case AST_NODE_TYPES.AwaitExpression: {
        // `await Bun.connect({ unix })`
        const argument = unwrap(node.argument);
        const bun = argument.type === AST_NODE_TYPES.CallExpression ? bunConnection(this, argument) : undefined;
        const awaited =
          !bun && argument.type === AST_NODE_TYPES.CallExpression ? returned(this, argument, true) : undefined;
        return bun ?? awaited ?? fromType(this, node);
      }
      default:
        return fromType(this, node);
    }
  }

  private identifier(id: TSESTree.Identifier): ValueInfo {
    const variable = this.ctx.variable(id);
    const def = variable?.defs[0];
    if (!variable || !def) return fromType(this, id);
    if (def.type === DefinitionType.Parameter && def.name.type === AST_NODE_TYPES.Identifier) {
      // `({ socket }) => …` / `(req, { socket: out }) => …`: a request's or response's socket, destructured in place
      const destructured = destructuredParameter(def.name);
      if (destructured && SOCKET_ACCESSORS.has(destructured.property)) {
        const { roles } = functionRoles(this, destructured.fn, destructured.index);
        const servers = roles.every((r) => r.role === 'request' || r.role === 'response') ? roles : [];
        if (servers.length > 0)
          return narrowedAt(
            this,
            withBase(fromType(this, id), merge(servers.map((s) => serverConnection(s.in, s.owner)))),
            id,
          );
      }
      const param = parameterOf(def.name);
      const info = param ? this.parameter(param.fn, param.index, id) : undefined;
      return info ? narrowedAt(this, info, id) : fromType(this, id);
    }
    if (def.type === DefinitionType.Variable) {
      const writes = variableWrites(variable);
      const element = !writes ? loopElement(this, def.node) : undefined;
      if (element) return narrowedAt(this, element, id);
      if (!writes || writes.length === 0) return fromType(this, id);
      const connected = writes.length === 1 ? connectedLater(this, variable, writes[0]!) : undefined;
      if (connected) return narrowedAt(this, connected, id);
      // of several values, the one an assignment before the use wrote on every path to it
      const reaching = writes.length > 1 ? reachingWrite(this.ctx, id, id) : undefined;
      if (reaching) return narrowedAt(this, this.assigned({ value: reaching }), id);
      return narrowedAt(this, merge(writes.map((w) => this.written(w, id))), id);
    }
    return fromType(this, id);
  }

  /** The value a plain write gives: a socket the next statement connects (connectedNext), else the value's. */
  private assigned(write: Write): ValueInfo {
    return connectedNext(this, write) ?? this.info(write.value);
  }

  private written(write: Write, id: TSESTree.Identifier): ValueInfo {
    if (!write.property) return this.assigned(write);
    if (SOCKET_ACCESSORS.has(write.property)) {
      const socket = socketOf(this, write.value, id);
      if (socket) return socket;
    }
    const held = heldDestructured(this, write.value, write.property);
    return held ? narrowedAt(this, held, id) : fromType(this, id);
  }

  private member(node: TSESTree.MemberExpression): ValueInfo {
    const name = memberName(node);
    if (name !== undefined && SOCKET_ACCESSORS.has(name)) {
      const found = socketOf(this, node.object, node);
      if (found) return found;
    }
    // `this.socket`, and `self.socket` through `const self = this`
    const body = fieldClass(this.ctx, node);
    if (name !== undefined && body) {
      const writes = liveFieldWrites(this.ctx, body, name, node);
      const reaching = writes.length > 1 ? reachingWrite(this.ctx, node, node) : undefined;
      if (reaching) return narrowedAt(this, this.assigned({ value: reaching }), node);
      if (writes.length > 0) return narrowedAt(this, merge(writes.map((w) => this.assigned(w))), node);
    }
    const held = heldProperty(this, node);
    return held ? narrowedAt(this, held, node) : fromType(this, node);
  }

  /** A parameter's value: from the listener it was registered as, or from the arguments of local calls. */
  private parameter(fn: FunctionNode, index: number, id: TSESTree.Identifier): ValueInfo | undefined {
    const bun = index === 0 ? bunHandlerSocket(this, fn) : undefined;
    if (bun) return bun;
    const element = callbackElement(this, fn, index);
    if (element) return element;
    const { roles, args, escapes } = functionRoles(this, fn, index);
    const infos: ValueInfo[] = [];
    for (const role of roles) {
      const where = role.in;
      if (role.role === 'connection')
        infos.push(
          role.raw
            ? rawSocket(serverConnection(where, role.owner))
            : role.secure
              ? secureSocket(serverConnection(where, role.owner), role.secure)
              : serverConnection(where, role.owner),
        );
      else if (role.role === 'client-socket') infos.push(clientRequest(where, role.owner) ?? fromType(this, id));
      else return undefined; // a request or response object, not a socket
    }
    // each argument as it is at its call: `if (socket) tune(socket)` passes no null
    for (const arg of args) infos.push(arg.in.guarded(arg.in.info(arg.node), arg.node));
    if (infos.length === 0) return undefined;
    if (escapes) infos.push(fromType(this, id));
    return merge(infos);
  }

  /** What the guards around `at` rule out of a value (for values followed into calls, in the file of the call). */
  guarded(info: ValueInfo, at: Node): ValueInfo {
    if (info.doubts.length === 0) return info;
    const ruled = new Set<Kind>(guardsAt(this.ctx, at, at).flatMap((g) => ruledOutBy(g, undefined)));
    if (ruled.size === 0) return info;
    return {
      ...info,
      possible: new Set([...info.possible].filter((k) => !ruled.has(k))),
      doubts: info.doubts.filter((d) => !ruled.has(d.kind)),
    };
  }

  /**
   * The arguments every call of a function passes for one parameter, in the files of the calls; undefined where
   * the function is also used otherwise (registered as a listener, escaping, callable from outside the program).
   */
  parameterArguments(fn: FunctionNode, index: number): readonly Argument[] | undefined {
    return parameterArguments(this, fn, index);
  }

  readonly roleMemo = new Map<FunctionNode, Map<number, FunctionRoles>>();

  readonly serverFactMemo = new Map<Node, ServerFacts>();

  /** serverFacts with what the other files of the program show (servers.ts). */
  readonly programFactMemo = new Map<Node, ServerFacts>();

  /** What the declared (or flow-narrowed) type at a node says. */
  fromType(node: Node): ValueInfo {
    return fromType(this, node);
  }

  /**
   * `owner.socket` / `owner.connection` (or `const { socket } = owner`): HTTP/2 proxies by the owner's type, server
   * request sockets by the server's listen targets, client request sockets by the request's agent.
   */
  socketOf(owner: Node, node: Node): ValueInfo | undefined {
    return socketOf(this, owner, node);
  }

  /**
   * The sockets a server hands to its `connection`/`request` listeners: the transport of its visible `listen(...)`
   * targets, tainted by any `emit('connection', x)` with a value that is not a socket.
   */
  serverConnection(owner: Node): ValueInfo {
    return serverConnection(this, owner);
  }

  /**
   * What the file shows of a server: every expression that is the server, its `listen(...)` calls and their
   * targets, and `emit('connection', x)` calls whose `x` is not a socket.
   */
  serverFacts(owner: Node): ServerFacts {
    return serverFacts(this, owner);
  }

  /**
   * Bun: `Bun.connect({ unix })` and `Bun.listen({ unix })` give the same `Socket` type as TCP; the options tell.
   * The socket of `Bun.connect(…)` (awaited), or undefined when the call is something else.
   */
  bunConnection(call: TSESTree.CallExpression): ValueInfo | undefined {
    return bunConnection(this, call);
  }

  /**
   * The options object of the `Bun.serve(…)` that made a server: through a variable, or the `server` parameter of
   * its own `fetch(req, server)` handler. Undefined when the server's creation is not visible.
   */
  bunServeOptions(node: Node): TSESTree.ObjectExpression | undefined {
    return bunServeOptions(this, node);
  }
}
