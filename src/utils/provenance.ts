/**
 * Provenance: what produced a value, followed through the bindings of one file. Creation calls and their targets
 * (port or path), the server whose listener received a socket (its `listen` targets and `emit('connection', …)`
 * injections), the client request whose `'socket'` event gave it (its agent), HTTP/2 access paths, and type
 * assertions (a value is only as good as the type it was asserted from). Falls back to the declared type.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeParts,
  findProperty,
  isFunction,
  LISTENER_METHODS,
  memberName,
  promiseResolveParameter,
  propertyKeyName,
  SOCKET_ACCESSORS,
  staticString,
  unwrap,
} from './ast.ts';
import {
  fieldWrites,
  functionUses,
  liveFieldWrites,
  objectLiteralOf,
  parameterOf,
  reachingWrite,
  singleValue,
  thisClass,
  thisMemberUses,
  variableWrites,
  type Write,
} from './bindings.ts';
import { endpointsOfArguments, shortText, type Endpoint } from './endpoints.ts';
import type { Evidence, Kind } from './evidence.ts';
import type { FileContext } from './file-context.ts';
import { guardsAt, ruledOutBy } from './guards.ts';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** What a value may be from its types and provenance, before guards. */
export interface ValueInfo {
  possible: ReadonlySet<Kind>;
  doubts: readonly Evidence[];
  /** Proofs that hold on every path (TCP or TLS creation, a server that listens only on ports). */
  proofs: readonly Evidence[];
  /** Why the value is a TLS socket on every path (its type, `tls.connect`, an HTTPS or TLS server), if it is. */
  tlsProof?: Evidence;
  untyped: boolean;
}

const NOTHING: ValueInfo = { possible: new Set(), doubts: [], proofs: [], untyped: false };
/** Server and socket methods that return `this`, so a chain keeps the same object. */
const CHAINABLE = new Set([
  ...LISTENER_METHODS,
  'off',
  'removeListener',
  'removeAllListeners',
  'setMaxListeners',
  'ref',
  'unref',
  'setTimeout',
  'setNoDelay',
  'setKeepAlive',
  'setEncoding',
  'pause',
  'resume',
]);
const SOCKET_RETURNING_THIS = new Set([
  'setNoDelay',
  'setKeepAlive',
  'setTimeout',
  'setEncoding',
  'pause',
  'resume',
  'ref',
  'unref',
  'setTypeOfService',
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
]);
const CONNECT_FUNCTIONS = new Set(['net.connect', 'net.createConnection', 'tls.connect', 'net.Socket.connect']);
const DEFAULT_AGENTS = new Set(['http.Agent', 'https.Agent']);
const SECURE_SERVERS = new Set([
  'https.createServer',
  'tls.createServer',
  'http2.createSecureServer',
  'https.Server',
  'tls.Server',
]);

export function merge(infos: readonly ValueInfo[]): ValueInfo {
  if (infos.length === 1) return infos[0]!;
  if (infos.length === 0) return NOTHING;
  const possible = new Set<Kind>();
  const doubts: Evidence[] = [];
  for (const info of infos) {
    for (const kind of info.possible) possible.add(kind);
    doubts.push(...info.doubts);
  }
  // A proof survives a merge only when every path has one.
  const proofs = infos.every((i) => i.proofs.length > 0) ? infos.flatMap((i) => i.proofs) : [];
  const tlsProof = infos.every((i) => i.tlsProof) ? infos[0]!.tlsProof : undefined;
  return { possible, doubts, proofs, tlsProof, untyped: infos.every((i) => i.untyped) };
}

/** What a file shows of one server. */
export interface ServerFacts {
  /** Every expression that evaluates to the server. */
  sites: Node[];
  listens: TSESTree.CallExpression[];
  endpoints: Endpoint[];
  injections: Evidence[];
  /** The creation of an HTTPS, TLS or secure HTTP/2 server: its sockets are TLS sockets. */
  secure?: TSESTree.CallExpression | TSESTree.NewExpression;
}

type Role =
  | { role: 'connection'; owner: Node; raw: boolean }
  | { role: 'request' | 'response'; owner: Node }
  | { role: 'client-socket'; owner: Node }
  /** The response of a client request: `https.get(url, (res) => …)` (owner: the call), `req.on('response', …)` (owner: `req`). */
  | { role: 'client-response'; owner: Node }
  /** An HTTP/2 session or stream: `server.on('session', …)`, `server.on('stream', …)`, `session.on('stream', …)`. */
  | { role: 'h2-session' | 'h2-stream'; owner: Node };

/** What a function is registered as (the roles of one of its parameters), the arguments of its direct calls, and whether it is used otherwise. */
interface FunctionRoles {
  roles: Role[];
  args: Node[];
  escapes: boolean;
}

/** The callees whose callback is a client request's 'response' listener, and whose socket the request's agent makes. */
const CLIENT_REQUEST = /^https?\.(?:request|get)$/;

export class Provenance {
  private readonly memo = new Map<Node, ValueInfo>();
  private readonly active = new Set<Node>();
  private readonly servers = new Map<ServerFacts, ValueInfo>();

  constructor(private readonly ctx: FileContext) {}

  /** What the value of an expression may be, from its provenance and types. */
  info(node: Node): ValueInfo {
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.active.has(node) || this.active.size > 40) return this.fromType(node);
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
        return this.asserted(node);
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.ChainExpression:
        return this.info(node.expression);
      case AST_NODE_TYPES.Identifier:
        return this.identifier(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(node);
      case AST_NODE_TYPES.CallExpression:
        return this.call(node);
      case AST_NODE_TYPES.ConditionalExpression:
        return merge([this.info(node.consequent), this.info(node.alternate)]);
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator === '&&'
          ? this.info(node.right)
          : merge([withoutNullish(this.info(node.left)), this.info(node.right)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? this.info(node.right) : this.fromType(node);
      case AST_NODE_TYPES.SequenceExpression:
        return this.info(node.expressions.at(-1)!);
      case AST_NODE_TYPES.AwaitExpression: {
        // `await Bun.connect({ unix })`
        const argument = unwrap(node.argument);
        const bun = argument.type === AST_NODE_TYPES.CallExpression ? this.bunConnection(argument) : undefined;
        return bun ?? this.fromType(node);
      }
      default:
        return this.fromType(node);
    }
  }

  /** What the declared (or flow-narrowed) type at a node says. */
  fromType(node: Node): ValueInfo {
    const possible = new Set<Kind>();
    const doubts: Evidence[] = [];
    const proofs: Evidence[] = [];
    let untyped = false;
    const members = this.ctx.membersAt(node);
    const typeText = (): string => this.ctx.matcher.display(this.ctx.typeAt(node));
    for (const member of members) {
      switch (member.verdict) {
        case 'socket':
          possible.add('tcp').add('pipe');
          break;
        case 'tls':
          possible.add('tls');
          break;
        case 'stream': {
          const text = this.ctx.matcher.display(member.type);
          possible.add('duplex');
          doubts.push({
            kind: 'duplex',
            node,
            says: `it is typed \`${text}\``,
            typeText: text,
            certain: true,
            from: 'type',
          });
          break;
        }
        case 'nullish':
          possible.add('nullish');
          if (!doubts.some((d) => d.kind === 'nullish')) {
            const text = typeText();
            // a `null` or `undefined` written to it is a value, not a declared type
            const literal =
              (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
              (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
            const says = literal ? `it is assigned \`${text}\`` : `it is typed \`${text}\``;
            doubts.push({ kind: 'nullish', node, says, typeText: text, certain: true, from: 'type' });
          }
          break;
        case 'any':
        case 'unknown': {
          possible.add('unknown');
          // evidence only where the value comes from outside the module; what it made itself is judged by its creation
          const outside = this.outside(node);
          if (outside && !doubts.some((d) => d.kind === 'unknown'))
            doubts.push({ kind: 'unknown', typeText: member.verdict, certain: true, from: 'provenance', ...outside });
          break;
        }
        case 'error':
          untyped = true;
          break;
        case 'other':
          possible.add('unknown');
          break;
        case 'deno-tcp':
          possible.add('tcp');
          break;
        case 'bun-socket':
          possible.add('tcp').add('pipe');
          break;
        case 'deno-unix':
        case 'deno-tls':
        case 'deno-conn': {
          const kinds = member.verdict === 'deno-conn' ? this.ctx.matcher.denoConnKinds(member.type) : [member.verdict];
          const text = this.ctx.matcher.display(member.type);
          for (const kind of kinds) {
            if (kind === 'deno-tcp') {
              possible.add('tcp');
              continue;
            }
            possible.add(kind);
            doubts.push({
              kind,
              node,
              says: `it is typed \`${text}\``,
              typeText: text,
              certain: member.verdict !== 'deno-conn',
              from: 'type',
            });
          }
          break;
        }
      }
    }
    if (members.length > 0 && members.every((m) => m.verdict === 'deno-tcp')) {
      proofs.push({ kind: 'tcp', node, says: 'it is typed `Deno.TcpConn`', certain: true, from: 'type' });
    }
    const tls =
      members.length > 0 && members.every((m) => m.verdict === 'tls' || m.verdict === 'nullish') && possible.has('tls');
    const tlsProof: Evidence | undefined = tls
      ? { kind: 'tls', node, says: 'it is typed `TLSSocket`', certain: true, from: 'type' }
      : undefined;
    return { possible, doubts, proofs, tlsProof, untyped: untyped && possible.size === 0 };
  }

  /**
   * Where an untyped value comes from outside the module's control, the phrase that says so: a parameter of a
   * function that others call (exported, a method, stored away), a property of such a parameter (a caller's options
   * or config object), also through `this.options = options` and `const` bindings, or a parameter of a listener on an
   * emitter that is itself untyped. Undefined for a value the module made (a call, `new`, `require(…)`): its creation
   * decides, and an untyped creation says nothing.
   */
  private outside(node: Node, depth = 0): { node: Node; says: string } | undefined {
    const text = shortText(this.ctx, node);
    let root = unwrap(node);
    while (root.type === AST_NODE_TYPES.MemberExpression && root.object.type !== AST_NODE_TYPES.ThisExpression)
      root = unwrap(root.object);
    if (depth > 3) return undefined;
    const fromCaller = { node, says: `\`${text}\` comes from the caller and may be any stream` };
    if (root.type === AST_NODE_TYPES.MemberExpression) {
      // `this.options.socket`: what the class stored in `this.options`
      const name = memberName(root);
      const body = thisClass(root);
      const writes = name !== undefined && body ? fieldWrites(this.ctx, body, name) : [];
      return writes.some((w) => this.outside(w.value, depth + 1)) ? fromCaller : undefined;
    }
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.ctx.variable(root);
    const def = variable?.defs[0];
    if (def?.type === 'Variable') {
      const writes = variableWrites(variable!) ?? [];
      return writes.some((w) => this.outside(w.value, depth + 1)) ? fromCaller : undefined;
    }
    if (def?.type !== 'Parameter') return undefined;
    const param = def.name.type === AST_NODE_TYPES.Identifier ? parameterOf(def.name) : undefined;
    if (!param) return undefined;
    const uses = functionUses(this.ctx, param.fn);
    // `emitter.on('data', (x) => …)` on an emitter typed `any`
    const untypedEmitter = uses.passedTo.find(({ call, index }) => {
      const { object, name } = calleeParts(call);
      return (
        index === 1 &&
        object !== undefined &&
        LISTENER_METHODS.has(name ?? '') &&
        this.ctx.membersAt(object).some((m) => m.verdict === 'any')
      );
    });
    if (untypedEmitter) {
      const emitter = shortText(this.ctx, calleeParts(untypedEmitter.call).object!);
      return {
        node: root === unwrap(node) ? def.name : node,
        says: `\`${text}\` is given by a listener on \`${emitter}\`, an untyped emitter, and may be any stream`,
      };
    }
    // the parameter itself: shown where it is declared
    return uses.escapes ? { ...fromCaller, node: root === unwrap(node) ? def.name : node } : undefined;
  }

  /** `x as net.Socket`, `<net.Socket>x`, `x!`: the value is what `x` is; say what it was asserted from. */
  private asserted(node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | TSESTree.TSNonNullExpression): ValueInfo {
    const source = this.info(node.expression);
    if (node.type === AST_NODE_TYPES.TSNonNullExpression) {
      return relabel(source, (d) =>
        d.kind === 'nullish' && d.from === 'type'
          ? { ...d, node, from: 'assertion', says: `it is asserted non-null with \`!\` though ${d.says}` }
          : d,
      );
    }
    const target = this.ctx.membersAt(node);
    if (target.every((m) => m.verdict === 'any' || m.verdict === 'unknown' || m.verdict === 'error')) return source;
    if (source.doubts.length === 0) return source;
    const targetText = this.ctx.matcher.display(this.ctx.typeAt(node));
    return relabel(source, (d) =>
      d.from === 'type'
        ? {
            ...d,
            node,
            from: 'assertion',
            says: `it is asserted to \`${targetText}\` from \`${d.typeText ?? 'another type'}\``,
          }
        : d,
    );
  }

  private identifier(id: TSESTree.Identifier): ValueInfo {
    const variable = this.ctx.variable(id);
    const def = variable?.defs[0];
    if (!variable || !def) return this.fromType(id);
    if (def.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier) {
      // `({ socket }) => …` / `(req, { socket: out }) => …`: a request's or response's socket, destructured in place
      const destructured = destructuredParameter(def.name);
      if (destructured && SOCKET_ACCESSORS.has(destructured.property)) {
        const { roles } = this.roles(destructured.fn, destructured.index);
        const servers = roles.every((r) => r.role === 'request' || r.role === 'response')
          ? roles.map((r) => r.owner)
          : [];
        if (servers.length > 0)
          return this.narrowedAt(withBase(this.fromType(id), merge(servers.map((s) => this.serverConnection(s)))), id);
      }
      const param = parameterOf(def.name);
      const info = param ? this.parameter(param.fn, param.index, id) : undefined;
      return info ? this.narrowedAt(info, id) : this.fromType(id);
    }
    if (def.type === 'Variable') {
      const writes = variableWrites(variable);
      if (!writes || writes.length === 0) return this.fromType(id);
      const connected = writes.length === 1 ? this.connectedLater(variable, writes[0]!) : undefined;
      if (connected) return this.narrowedAt(connected, id);
      // of several values, the one an assignment before the use wrote on every path to it
      const reaching = writes.length > 1 ? reachingWrite(this.ctx, id, id) : undefined;
      if (reaching) return this.narrowedAt(this.info(reaching), id);
      return this.narrowedAt(merge(writes.map((w) => this.written(w, id))), id);
    }
    return this.fromType(id);
  }

  /**
   * `const s = new net.Socket(); s.connect(8080)`: a socket created without a target is what its `connect` calls make
   * it (before or after the use: options set before `connect` apply when it connects). Only where the variable holds
   * nothing else and every use of it is a member of it (`s.connect(…)`, `s.on(…)`): passed on, it may be connected
   * elsewhere. Undefined otherwise, and where no `connect` call is visible.
   */
  private connectedLater(variable: TSESLint.Scope.Variable, write: Write): ValueInfo | undefined {
    const creation = unwrap(write.value);
    if (
      write.property ||
      creation.type !== AST_NODE_TYPES.NewExpression ||
      this.ctx.calleeDeclaration(creation)?.replace(/\.constructor$/, '') !== 'net.Socket'
    )
      return undefined;
    const connects: TSESTree.CallExpression[] = [];
    for (const reference of variable.references) {
      if (reference.init) continue;
      const use = reference.identifier.parent;
      if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference.identifier) return undefined;
      if (memberName(use) !== 'connect') continue;
      // `s.connect` read without being called is passed on as well
      if (use.parent.type !== AST_NODE_TYPES.CallExpression || use.parent.callee !== use) return undefined;
      connects.push(use.parent);
    }
    return connects.length > 0
      ? merge(connects.map((call) => this.connection(call, 'net.Socket.connect', 'connected')))
      : undefined;
  }

  private written(write: Write, id: TSESTree.Identifier): ValueInfo {
    if (!write.property) return this.info(write.value);
    if (SOCKET_ACCESSORS.has(write.property)) return this.socketOf(write.value, id) ?? this.fromType(id);
    return this.fromType(id);
  }

  /**
   * TypeScript's own narrowing at the reference (`instanceof`, `in`, type predicates, `!= null`) rules out what the
   * declared types said: drop type-based doubts whose kind the reference's type no longer has.
   */
  private narrowedAt(info: ValueInfo, reference: Node): ValueInfo {
    if (!info.doubts.some((d) => d.from === 'type')) return info;
    const here = this.fromType(reference);
    // `unknown`/`any` at the reference is wider than what was written to it, not narrower: it proves nothing
    if (here.untyped || here.possible.has('unknown')) return info;
    const keep = (d: Evidence): boolean => d.from !== 'type' || here.possible.has(d.kind);
    if (info.doubts.every(keep)) return info;
    const doubts = info.doubts.filter(keep);
    const possible = new Set(
      [...info.possible].filter(
        (k) =>
          (k !== 'nullish' && k !== 'duplex' && k !== 'unknown') ||
          doubts.some((d) => d.kind === k) ||
          here.possible.has(k),
      ),
    );
    return { ...info, possible, doubts };
  }

  private member(node: TSESTree.MemberExpression): ValueInfo {
    const name = memberName(node);
    if (name !== undefined && SOCKET_ACCESSORS.has(name)) {
      const found = this.socketOf(node.object, node);
      if (found) return found;
    }
    if (name !== undefined && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const body = thisClass(node);
      const writes = body ? liveFieldWrites(this.ctx, body, name, node) : [];
      const reaching = writes.length > 1 ? reachingWrite(this.ctx, node, node) : undefined;
      if (reaching) return this.narrowedAt(this.info(reaching), node);
      if (writes.length > 0) return this.narrowedAt(merge(writes.map((w) => this.info(w.value))), node);
    }
    return this.fromType(node);
  }

  /**
   * `owner.socket` / `owner.connection` (or `const { socket } = owner`): HTTP/2 proxies by the owner's type, server
   * request sockets by the server's listen targets, client request sockets by the request's agent.
   */
  socketOf(owner: Node, node: Node): ValueInfo | undefined {
    const members = this.ctx.membersAt(owner).filter((m) => m.verdict !== 'nullish');
    if (members.length === 0) return undefined;
    const has = (name: string): boolean => members.some((m) => m.lineage.has(name));
    const all = (name: string): boolean => members.every((m) => m.lineage.has(name));
    const base = this.fromType(node);
    const ownerText = shortText(this.ctx, owner);
    if (has('http2.Http2Session')) {
      // the proxy routes TLS members to the session's socket: a TLS socket where the session is secure
      const secure = all('http2.Http2Session') ? this.secureSession(owner, 0) : undefined;
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
    const servers = this.serversOfRequest(owner);
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
    const secure = servers.map((server) => this.serverFacts(server).secure);
    if (compat && servers.length > 0 && secure.every((creation) => creation))
      parts[0] = { ...parts[0]!, tlsProof: secureEvidence(secure[0]!) };
    if (servers.length > 0 && (has('http.IncomingMessage') || has('http.ServerResponse')))
      parts.push(merge(servers.map((server) => this.serverConnection(server))));
    else if (has('http.ClientRequest')) {
      const client = this.clientRequest(owner);
      if (client) parts.push(client);
    } else if (has('http.IncomingMessage')) {
      // a response callback's `res.socket` is its request's socket
      const request = this.requestOfResponse(owner);
      const client = request && this.clientRequest(request);
      if (client) parts.push(client);
    }
    if (parts.length === 0) return undefined;
    return withBase(base, merge(parts));
  }

  /** The servers a request/response parameter came from: those whose visible request listener it is a parameter of. */
  private serversOfRequest(owner: Node): Node[] {
    const uses = this.parameterRoles(owner);
    return uses?.roles.filter((r) => r.role === 'request' || r.role === 'response').map((r) => r.owner) ?? [];
  }

  /**
   * The client request whose response a parameter is (`https.get(url, (res) => …)`, `req.on('response', (res) => …)`),
   * where that is all the function is used for and the parameter is never reassigned (onlyRole).
   */
  private requestOfResponse(owner: Node): Node | undefined {
    const role = this.onlyRole(owner);
    return role?.role === 'client-response' ? role.owner : undefined;
  }

  /**
   * The one role of the parameter `owner` names, where the function is used for nothing else and the parameter is
   * never reassigned: what the role proves must hold on every call.
   */
  private onlyRole(owner: Node): Role | undefined {
    const uses = this.parameterRoles(owner);
    if (!uses || uses.reassigned || uses.args.length > 0 || uses.escapes || uses.roles.length !== 1) return undefined;
    return uses.roles[0];
  }

  /**
   * Evidence that an HTTP/2 session is secure (its socket a TLS socket): a session or stream of a secure server
   * (`createSecureServer`) with no `emit('connection', …)`, reached as a `'session'`/`'stream'` listener's parameter,
   * `stream.session`, or `req.stream.session` of a compatibility request; or a session of `http2.connect` to an
   * `https:` URL. `depth` bounds the walk through streams and sessions.
   */
  private secureSession(session: Node, depth: number): Evidence | undefined {
    const inner = unwrap(session);
    if (depth > 4) return undefined;
    // `stream.session`, `req.stream.session`
    if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && memberName(inner) === 'session')
      return this.secureStream(inner.object, depth + 1);
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    const role = this.onlyRole(inner);
    if (role?.role === 'h2-session') return this.secureServer(role.owner);
    if (role) return undefined;
    // `const client = http2.connect('https://…')`
    const value = singleValue(this.ctx.variable(inner));
    const creation = value && unwrap(value);
    if (creation?.type !== AST_NODE_TYPES.CallExpression || this.ctx.calleeDeclaration(creation) !== 'http2.connect')
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
  private secureStream(stream: Node, depth: number): Evidence | undefined {
    const inner = unwrap(stream);
    if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && memberName(inner) === 'stream') {
      const evidence = this.serversOfRequest(inner.object).map((server) => this.secureServer(server));
      return evidence.length > 0 && evidence.every((e) => e) ? evidence[0] : undefined;
    }
    const role = this.onlyRole(inner);
    if (role?.role !== 'h2-stream') return undefined;
    // `server.on('stream', …)` or `session.on('stream', …)`
    return this.secureServer(role.owner) ?? this.secureSession(role.owner, depth + 1);
  }

  /** Evidence that a server is secure, where nothing injects other connections into it. */
  private secureServer(server: Node): Evidence | undefined {
    const { secure, injections } = this.serverFacts(server);
    return secure && injections.length === 0 ? secureEvidence(secure) : undefined;
  }

  /** What the function whose parameter `owner` names is registered as (roles), with how else it is used. */
  private parameterRoles(owner: Node): (FunctionRoles & { reassigned: boolean }) | undefined {
    const inner = unwrap(owner);
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.ctx.variable(inner);
    const def = variable?.defs[0];
    if (def?.type !== 'Parameter' || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const param = parameterOf(def.name);
    if (!param) return undefined;
    return { ...this.roles(param.fn, param.index), reassigned: variable!.references.some((r) => r.isWrite()) };
  }

  /** A parameter's value: from the listener it was registered as, or from the arguments of local calls. */
  private parameter(fn: FunctionNode, index: number, id: TSESTree.Identifier): ValueInfo | undefined {
    const bun = index === 0 ? this.bunHandlerSocket(fn) : undefined;
    if (bun) return bun;
    const { roles, args, escapes } = this.roles(fn, index);
    const infos: ValueInfo[] = [];
    for (const role of roles) {
      if (role.role === 'connection')
        infos.push(role.raw ? rawSocket(this.serverConnection(role.owner)) : this.serverConnection(role.owner));
      else if (role.role === 'client-socket') infos.push(this.clientRequest(role.owner) ?? this.fromType(id));
      else return undefined; // a request or response object, not a socket
    }
    // each argument as it is at its call: `if (socket) tune(socket)` passes no null
    for (const arg of args) infos.push(this.guarded(this.info(arg), arg));
    if (infos.length === 0) return undefined;
    if (escapes) infos.push(this.fromType(id));
    return merge(infos);
  }

  /** What the guards around `at` rule out of a value (for values followed into calls). */
  private guarded(info: ValueInfo, at: Node): ValueInfo {
    if (info.doubts.length === 0) return info;
    const ruled = new Set<Kind>(guardsAt(this.ctx, at, at).flatMap((g) => ruledOutBy(g, undefined)));
    if (ruled.size === 0) return info;
    return {
      ...info,
      possible: new Set([...info.possible].filter((k) => !ruled.has(k))),
      doubts: info.doubts.filter((d) => !ruled.has(d.kind)),
    };
  }

  private readonly roleMemo = new Map<FunctionNode, Map<number, FunctionRoles>>();

  private roles(fn: FunctionNode, index: number): FunctionRoles {
    let byIndex = this.roleMemo.get(fn);
    if (!byIndex) this.roleMemo.set(fn, (byIndex = new Map()));
    const cached = byIndex.get(index);
    if (cached) return cached;
    const uses = functionUses(this.ctx, fn);
    const result: FunctionRoles = { roles: [], args: [], escapes: uses.escapes };
    for (const { call, index: argIndex } of uses.passedTo) {
      const role = this.roleOf(call, argIndex, index);
      if (role) result.roles.push(role);
      else result.escapes = true;
    }
    for (const call of uses.calledAt) {
      const arg = call.arguments[index];
      if (
        !arg ||
        arg.type === AST_NODE_TYPES.SpreadElement ||
        call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)
      )
        result.escapes = true;
      else result.args.push(arg);
    }
    byIndex.set(index, result);
    return result;
  }

  /** What a listener's parameter is, from the call that registered the listener. */
  private roleOf(call: TSESTree.CallExpression, argIndex: number, paramIndex: number): Role | undefined {
    const { object, name } = calleeParts(call);
    if (!name) return undefined;
    if (object && LISTENER_METHODS.has(name) && argIndex === 1) {
      const event = staticString(call.arguments[0]);
      // 'connection' gives the raw socket even on a TLS server; 'secureConnection' the TLS socket
      if ((event === 'connection' || event === 'secureConnection') && paramIndex === 0)
        return { role: 'connection', owner: object, raw: event === 'connection' };
      if (event === 'request' && paramIndex <= 1)
        return { role: paramIndex === 0 ? 'request' : 'response', owner: object };
      if (event === 'socket' && paramIndex === 0 && this.isClientRequest(object))
        return { role: 'client-socket', owner: object };
      if (event === 'response' && paramIndex === 0 && this.isClientRequest(object))
        return { role: 'client-response', owner: object };
      if (event === 'session' && paramIndex === 0) return { role: 'h2-session', owner: object };
      if (event === 'stream' && paramIndex === 0) return { role: 'h2-stream', owner: object };
      return undefined;
    }
    // `http.get(url, (res) => …)`: the callback (the last argument) is the request's 'response' listener
    if (
      (name === 'get' || name === 'request') &&
      argIndex === call.arguments.length - 1 &&
      paramIndex === 0 &&
      CLIENT_REQUEST.test(this.ctx.calleeDeclaration(call) ?? '')
    ) {
      return { role: 'client-response', owner: call };
    }
    if (name === 'createServer' || name === 'createSecureServer') {
      const declared = this.ctx.calleeDeclaration(call);
      const module = declared?.split('.')[0];
      if (module === 'net' || module === 'tls')
        return paramIndex === 0 ? { role: 'connection', owner: call, raw: false } : undefined;
      if (module === 'http' || module === 'https' || module === 'http2') {
        return paramIndex <= 1 ? { role: paramIndex === 0 ? 'request' : 'response', owner: call } : undefined;
      }
    }
    return undefined;
  }

  private isClientRequest(node: Node): boolean {
    return this.ctx.membersAt(node).some((m) => m.lineage.has('http.ClientRequest'));
  }

  /**
   * The sockets a server hands to its `connection`/`request` listeners: the transport of its visible `listen(...)`
   * targets, tainted by any `emit('connection', x)` with a value that is not a socket.
   */
  serverConnection(owner: Node): ValueInfo {
    const facts = this.serverFacts(owner);
    const cached = this.servers.get(facts);
    if (cached) return cached;
    const { endpoints, injections, secure } = facts;
    const possible = new Set<Kind>(['tcp', 'pipe']);
    const doubts: Evidence[] = [...injections];
    let proofs: Evidence[] = [];
    if (endpoints.length > 0) {
      possible.clear();
      for (const e of endpoints) {
        if (e.kind === 'tcp') {
          possible.add('tcp');
          proofs.push({
            kind: 'tcp',
            node: e.node,
            says: `its server listens on ${e.target}`,
            certain: true,
            from: 'provenance',
            accepted: true,
          });
        } else if (e.kind === 'pipe') {
          possible.add('pipe');
          doubts.push({
            kind: 'pipe',
            node: e.node,
            says: e.certain
              ? `its server listens on ${e.target}`
              : `its server listens on ${e.target}, a string that names a Unix socket or pipe unless it is all digits`,
            certain: e.certain,
            from: 'provenance',
          });
          if (!e.certain) possible.add('tcp');
        } else possible.add('tcp').add('pipe');
      }
      if (!endpoints.every((e) => e.kind === 'tcp')) proofs = [];
    }
    if (injections.length > 0) {
      possible.add('duplex');
      proofs = [];
    }
    if (secure) {
      possible.delete('tcp');
      possible.add('tls');
    }
    const tlsProof = secure && injections.length === 0 ? secureEvidence(secure) : undefined;
    const result: ValueInfo = { possible, doubts, proofs, tlsProof, untyped: false };
    this.servers.set(facts, result);
    return result;
  }

  private readonly serverFactMemo = new Map<Node, ServerFacts>();

  /**
   * What the file shows of a server: every expression that is the server, its `listen(...)` calls and their
   * targets, and `emit('connection', x)` calls whose `x` is not a socket.
   */
  serverFacts(owner: Node): ServerFacts {
    const sites = this.serverSites(owner);
    const key = sites[0] ?? owner;
    const cached = this.serverFactMemo.get(key);
    if (cached) return cached;
    const facts: ServerFacts = { sites, listens: [], endpoints: [], injections: [] };
    const addListen = (call: TSESTree.CallExpression): void => {
      if (facts.listens.includes(call)) return;
      facts.listens.push(call);
      facts.endpoints.push(...endpointsOfArguments(this.ctx, call.arguments, 'listen', call));
    };
    for (const site of sites) {
      if (site.type !== AST_NODE_TYPES.CallExpression && site.type !== AST_NODE_TYPES.NewExpression) continue;
      const declared = this.ctx.calleeDeclaration(site)?.replace(/\.constructor$/, '');
      if (declared && SECURE_SERVERS.has(declared)) facts.secure = site;
      // the server is the value of a `listen` call: `const server = app.listen(3000)` (Express and Koa return the
      // server they made listen there), `http.createServer(…).listen(3000)`
      if (site.type === AST_NODE_TYPES.CallExpression && calleeParts(site).name === 'listen') addListen(site);
    }
    const visited = new Set<Node>();
    for (const site of sites) {
      let current: Node = site;
      while (!visited.has(current)) {
        visited.add(current);
        const parent = current.parent;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current) break;
        const call = parent.parent;
        if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) break;
        const method = memberName(parent);
        if (method === 'listen') {
          addListen(call);
        } else if (method === 'emit' && staticString(call.arguments[0]) === 'connection' && call.arguments[1]) {
          const injected = call.arguments[1];
          const info = this.info(injected);
          const isSocket =
            info.doubts.length === 0 && [...info.possible].every((k) => k === 'tcp' || k === 'pipe' || k === 'tls');
          if (!isSocket) {
            const what = info.doubts[0]?.typeText ?? this.ctx.matcher.display(this.ctx.typeAt(injected));
            facts.injections.push({
              kind: 'duplex',
              node: call,
              says: `its server is given a \`${what}\` through \`emit('connection', …)\``,
              certain: true,
              from: 'provenance',
            });
          }
        }
        if (method === 'listen' || (method !== undefined && CHAINABLE.has(method))) current = call;
        else break;
      }
    }
    for (const site of sites) this.serverFactMemo.set(site, facts);
    return facts;
  }

  /**
   * A server or request expression and, down a chain of calls that return it (`http.createServer(…).on(…).listen(…)`),
   * each receiver down to the creation call. Node's `listen` returns its server; another `listen` (Express's
   * `app.listen`) returns a new server and ends the chain.
   */
  private chainSites(value: Node): Node[] {
    const sites = [value];
    let base: Node = value;
    while (base.type === AST_NODE_TYPES.CallExpression && base.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberName(base.callee);
      if (
        !(method !== undefined && CHAINABLE.has(method)) &&
        !(method === 'listen' && this.ctx.calleeDeclaration(base) === 'net.Server.listen')
      )
        break;
      base = unwrap(base.callee.object);
      sites.push(base);
    }
    return sites;
  }

  /**
   * The values a `new Promise(executor)` resolves with: the argument of every `resolve(x)` call (`resolve` the
   * executor's first parameter). Undefined for anything else, and where `resolve` is used otherwise (passed on as a
   * callback, it resolves with whatever calls it) or called without exactly one argument.
   */
  private resolvedValues(node: Node): Node[] | undefined {
    const resolve = promiseResolveParameter(unwrap(node));
    const variable = resolve ? this.ctx.variable(resolve) : null;
    if (!variable) return undefined;
    const values: Node[] = [];
    for (const reference of variable.references) {
      const call = reference.identifier.parent;
      if (
        call?.type !== AST_NODE_TYPES.CallExpression ||
        call.callee !== reference.identifier ||
        call.arguments.length !== 1
      )
        return undefined;
      const [value] = call.arguments;
      if (value!.type === AST_NODE_TYPES.SpreadElement) return undefined;
      values.push(unwrap(value!));
    }
    return values.length > 0 ? values : undefined;
  }

  /** Every expression in the file that evaluates to the same server as `owner`. */
  private serverSites(owner: Node): Node[] {
    const inner = unwrap(owner);
    const sites: Node[] = [];
    const seen = new Set<TSESTree.Identifier>();
    const addVariableReads = (id: TSESTree.Identifier): void => {
      const variable = this.ctx.variable(id);
      const name = variable?.defs[0]?.name;
      if (!variable || (name?.type === AST_NODE_TYPES.Identifier && seen.has(name))) return;
      if (name?.type === AST_NODE_TYPES.Identifier) seen.add(name);
      for (const ref of variable.references) if (!ref.isWrite() || ref.isReadWrite()) sites.push(ref.identifier);
      const writes = variableWrites(variable) ?? [];
      for (const w of writes) {
        if (w.property) continue;
        const value = unwrap(w.value);
        // `const server = await new Promise((resolve) => { const s = app.listen(0, () => resolve(s)); })`
        const resolved =
          value.type === AST_NODE_TYPES.AwaitExpression ? this.resolvedValues(value.argument) : undefined;
        if (!resolved) sites.push(...this.chainSites(value));
        for (const r of resolved ?? []) {
          if (r.type === AST_NODE_TYPES.Identifier) addVariableReads(r);
          else sites.push(...this.chainSites(r));
        }
      }
    };
    if (inner.type === AST_NODE_TYPES.Identifier) addVariableReads(inner);
    else if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = memberName(inner);
      const body = thisClass(inner);
      if (name !== undefined && body) {
        sites.push(...thisMemberUses(this.ctx, body, name));
        for (const w of fieldWrites(this.ctx, body, name)) sites.push(unwrap(w.value));
      }
    } else {
      const chain = this.chainSites(inner);
      sites.push(...chain);
      // where the created server is stored: a variable, a class field, `this.x = …`, `x = …`
      const stored = storedIn(chain.at(-1)!);
      if (stored && 'id' in stored) addVariableReads(stored.id);
      else if (stored) sites.push(...thisMemberUses(this.ctx, stored.body, stored.name));
    }
    return sites.length > 0 ? sites : [inner];
  }

  /**
   * The socket of a client request: created by the default agent (TCP), by `socketPath` (a Unix socket), or by a
   * caller-supplied `agent`/`createConnection`, which may return any Duplex.
   */
  private clientRequest(owner: Node): ValueInfo | undefined {
    let creation: Node = unwrap(owner);
    if (creation.type === AST_NODE_TYPES.Identifier) {
      const value = singleValue(this.ctx.variable(creation));
      if (!value) return undefined;
      creation = unwrap(value);
    }
    // `http.get(…).on(…)`: the creation call at the bottom of the chain
    creation = this.chainSites(creation).at(-1)!;
    if (creation.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const declared = this.ctx.calleeDeclaration(creation);
    if (!declared || !CLIENT_REQUEST.test(declared)) return undefined;
    const options = creation.arguments
      .map((a) => (a.type === AST_NODE_TYPES.SpreadElement ? undefined : objectLiteralOf(this.ctx, a)))
      .find((o) => o);
    const doubts: Evidence[] = [];
    const possible = new Set<Kind>();
    let unknown = false;
    if (options) {
      const agent = findProperty(options, 'agent');
      const createConnection = findProperty(options, 'createConnection');
      const socketPath = findProperty(options, 'socketPath');
      if (agent === 'spread' || createConnection === 'spread') unknown = true;
      if (agent && agent !== 'spread' && !this.isDefaultAgent(agent.value)) {
        doubts.push({
          kind: 'duplex',
          node: agent,
          says: `its request is given the agent \`${shortText(this.ctx, agent.value)}\`, whose \`createConnection\` may return any Duplex`,
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
          says: `its request connects through \`socketPath\` (${shortText(this.ctx, socketPath.value)})`,
          certain: true,
          from: 'provenance',
        });
      }
    } else if (
      creation.arguments.some(
        (a) =>
          !isFunction(a) &&
          staticString(a) === undefined &&
          this.ctx
            .membersAt(a)
            .some(
              (m) => m.verdict !== 'other' || m.type.getProperty('agent') || m.type.getProperty('createConnection'),
            ),
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
    // `https.request`/`https.get` with the default agent or none given: a TLS socket
    const tlsProof: Evidence | undefined =
      declared.startsWith('https.') && doubts.every((d) => d.kind !== 'duplex') && !unknown
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

  private isDefaultAgent(value: Node): boolean {
    const inner = unwrap(value);
    if (inner.type === AST_NODE_TYPES.Literal && (inner.value === false || inner.value === null)) return true;
    if (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') return true;
    if (inner.type === AST_NODE_TYPES.MemberExpression && memberName(inner) === 'globalAgent') return true;
    if (inner.type === AST_NODE_TYPES.NewExpression) {
      const declared = this.ctx.calleeDeclaration(inner);
      return !!declared && DEFAULT_AGENTS.has(declared.replace(/\.constructor$/, ''));
    }
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const value = singleValue(this.ctx.variable(inner));
      return value ? this.isDefaultAgent(value) : false;
    }
    return false;
  }

  /**
   * Bun: `Bun.connect({ unix })` and `Bun.listen({ unix })` give the same `Socket` type as TCP; the options tell.
   * The socket of `Bun.connect(…)` (awaited), or undefined when the call is something else.
   */
  bunConnection(call: TSESTree.CallExpression): ValueInfo | undefined {
    const { name } = calleeParts(call);
    if (name !== 'connect' && name !== 'listen') return undefined;
    const declared = this.ctx.calleeDeclaration(call);
    if (declared !== 'bun.connect' && declared !== 'bun.listen') return undefined;
    const options =
      call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement
        ? objectLiteralOf(this.ctx, call.arguments[0])
        : undefined;
    const unix = options && findProperty(options, 'unix');
    const created = `\`${shortText(this.ctx, call.callee)}(…)\``;
    if (unix && unix !== 'spread') {
      return {
        possible: new Set(['pipe']),
        doubts: [
          {
            kind: 'pipe',
            node: unix,
            says: `it is created by ${created} with \`unix\``,
            certain: true,
            from: 'provenance',
          },
        ],
        proofs: [],
        untyped: false,
      };
    }
    const port = options && findProperty(options, 'port');
    if (port && port !== 'spread' && !unix) {
      return {
        possible: new Set(['tcp']),
        doubts: [],
        proofs: [
          {
            kind: 'tcp',
            node: port,
            says: `it is created by ${created} with a \`port\``,
            certain: true,
            from: 'provenance',
          },
        ],
        untyped: false,
      };
    }
    return { possible: new Set(['tcp', 'pipe']), doubts: [], proofs: [], untyped: false };
  }

  /** The socket parameter of a handler in `Bun.listen({ socket: { open(socket) {…} } })` or `Bun.connect`. */
  private bunHandlerSocket(fn: FunctionNode): ValueInfo | undefined {
    const handler = fn.parent;
    if (handler?.type !== AST_NODE_TYPES.Property || handler.value !== fn) return undefined;
    const handlers = handler.parent;
    const socketProp = handlers.parent;
    if (
      socketProp?.type !== AST_NODE_TYPES.Property ||
      socketProp.value !== handlers ||
      propertyKeyName(socketProp) !== 'socket'
    )
      return undefined;
    const options = socketProp.parent;
    const call = options.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== options) return undefined;
    return this.bunConnection(call);
  }

  /**
   * The options object of the `Bun.serve(…)` that made a server: through a variable, or the `server` parameter of
   * its own `fetch(req, server)` handler. Undefined when the server's creation is not visible.
   */
  bunServeOptions(node: Node): TSESTree.ObjectExpression | undefined {
    let inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const variable = this.ctx.variable(inner);
      const def = variable?.defs[0];
      if (def?.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier) {
        const param = parameterOf(def.name);
        const handler = param?.fn.parent;
        if (param?.index !== 1 || handler?.type !== AST_NODE_TYPES.Property || propertyKeyName(handler) !== 'fetch')
          return undefined;
        inner = handler.parent.parent as Node;
      } else {
        const value = singleValue(variable);
        if (!value) return undefined;
        inner = unwrap(value);
      }
    }
    if (
      inner.type !== AST_NODE_TYPES.CallExpression ||
      calleeParts(inner).name !== 'serve' ||
      this.ctx.calleeDeclaration(inner) !== 'bun.serve'
    )
      return undefined;
    const first = inner.arguments[0];
    return first && first.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(this.ctx, first) : undefined;
  }

  /** Creation calls (`net.connect(…)`, `tls.connect(…)`, `socket.connect(…)`) and `this`-returning socket methods. */
  private call(call: TSESTree.CallExpression): ValueInfo {
    const { object, name } = calleeParts(call);
    if (name === 'connect' || name === 'createConnection' || (object && SOCKET_RETURNING_THIS.has(name ?? ''))) {
      const declared = this.ctx.calleeDeclaration(call);
      if (declared && CONNECT_FUNCTIONS.has(declared)) return this.connection(call, declared);
      if (
        object &&
        declared &&
        /^(net\.Socket|tls\.TLSSocket)\./.test(declared) &&
        SOCKET_RETURNING_THIS.has(name ?? '')
      )
        return this.info(object);
    }
    return this.fromType(call);
  }

  /** A connecting call's socket; `how` says what the call does to it in the evidence (`created`, `connected`). */
  private connection(
    call: TSESTree.CallExpression,
    declared: string,
    how: 'created' | 'connected' = 'created',
  ): ValueInfo {
    const tls = declared.startsWith('tls.');
    const options =
      call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement
        ? objectLiteralOf(this.ctx, call.arguments[0])
        : undefined;
    const tlsProof: Evidence | undefined = tls
      ? {
          kind: 'tls',
          node: call,
          says: `it is ${how} by \`${shortText(this.ctx, call.callee)}(…)\``,
          certain: true,
          from: 'provenance',
        }
      : undefined;
    if (tls && options && findProperty(options, 'socket'))
      return { possible: new Set(['tls']), doubts: [], proofs: [], tlsProof, untyped: false };
    const created = `\`${shortText(this.ctx, call.callee)}(…)\``;
    const possible = new Set<Kind>(tls ? ['tls'] : []);
    const doubts: Evidence[] = [];
    const proofs: Evidence[] = [];
    const endpoints = endpointsOfArguments(this.ctx, call.arguments, 'connect', call);
    for (const e of endpoints) {
      if (e.kind === 'tcp') {
        possible.add(tls ? 'tls' : 'tcp');
        proofs.push({
          kind: 'tcp',
          node: e.node,
          says: `it is ${how} by ${created} with ${e.target}`,
          certain: true,
          from: 'provenance',
        });
      } else if (e.kind === 'pipe') {
        possible.add('pipe');
        if (!e.certain) possible.add('tcp');
        doubts.push({
          kind: 'pipe',
          node: e.node,
          says: e.certain
            ? `it is ${how} by ${created} with ${e.target}`
            : `it is ${how} by ${created} with ${e.target}, a string that Node treats as a path unless it is all digits`,
          certain: e.certain,
          from: 'provenance',
        });
      } else possible.add('tcp').add('pipe');
    }
    return {
      possible,
      doubts,
      proofs: endpoints.every((e) => e.kind === 'tcp') ? proofs : [],
      tlsProof,
      untyped: false,
    };
  }
}

/** The binding a value is stored in: `const x = v`, `x = v`, `this.x = v`, `class { x = v }`. */
function storedIn(value: Node): { id: TSESTree.Identifier } | { body: TSESTree.ClassBody; name: string } | undefined {
  let node = value;
  while (node.parent && isWrapperOf(node.parent, node)) node = node.parent;
  const parent = node.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === node &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return { id: parent.id };
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') {
    if (parent.left.type === AST_NODE_TYPES.Identifier) return { id: parent.left };
    const body =
      parent.left.type === AST_NODE_TYPES.MemberExpression && parent.left.object.type === AST_NODE_TYPES.ThisExpression
        ? thisClass(parent.left)
        : undefined;
    const name = parent.left.type === AST_NODE_TYPES.MemberExpression ? memberName(parent.left) : undefined;
    if (body && name !== undefined) return { body, name };
  }
  if (
    parent?.type === AST_NODE_TYPES.PropertyDefinition &&
    parent.value === node &&
    parent.parent.type === AST_NODE_TYPES.ClassBody
  ) {
    const name = propertyKeyName(parent);
    if (name !== undefined) return { body: parent.parent, name };
  }
  return undefined;
}

function isWrapperOf(parent: Node, child: Node): boolean {
  return (
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion) &&
    parent.expression === child
  );
}

/** The socket a TLS server's 'connection' listener gets: the TCP (or pipe) socket under the TLS layer. */
function rawSocket(info: ValueInfo): ValueInfo {
  if (!info.possible.has('tls')) return info;
  const possible = new Set([...info.possible].map((k) => (k === 'tls' ? 'tcp' : k)));
  return { ...info, possible, tlsProof: undefined };
}

function secureEvidence(creation: Node): Evidence {
  return {
    kind: 'tls',
    node: creation,
    says: 'its server is an HTTPS or TLS server',
    certain: true,
    from: 'provenance',
  };
}

/** For `{ socket: s }` written directly as a function's parameter: the function, the parameter index, the key. */
function destructuredParameter(
  name: TSESTree.Identifier,
): { fn: FunctionNode; index: number; property: string } | undefined {
  const prop = name.parent;
  if (prop?.type !== AST_NODE_TYPES.Property || prop.value !== name) return undefined;
  const pattern = prop.parent;
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const fn = pattern.parent;
  if (
    !fn ||
    !(
      fn.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      fn.type === AST_NODE_TYPES.FunctionExpression ||
      fn.type === AST_NODE_TYPES.FunctionDeclaration
    )
  )
    return undefined;
  const index = fn.params.indexOf(pattern);
  const property = propertyKeyName(prop);
  return index >= 0 && property !== undefined ? { fn, index, property } : undefined;
}

function relabel(info: ValueInfo, map: (d: Evidence) => Evidence): ValueInfo {
  return { ...info, doubts: info.doubts.map(map) };
}

function withoutNullish(info: ValueInfo): ValueInfo {
  if (!info.possible.has('nullish')) return info;
  return {
    ...info,
    possible: new Set([...info.possible].filter((k) => k !== 'nullish')),
    doubts: info.doubts.filter((d) => d.kind !== 'nullish'),
  };
}

/** Provenance decides the transport; the declared type of the access still says whether it may be null. */
function withBase(base: ValueInfo, provenance: ValueInfo): ValueInfo {
  const nullish = base.doubts.filter((d) => d.kind === 'nullish');
  const possible = new Set(provenance.possible);
  if (base.possible.has('nullish')) possible.add('nullish');
  return {
    possible,
    doubts: [...provenance.doubts, ...nullish],
    proofs: provenance.proofs,
    tlsProof: provenance.tlsProof ?? base.tlsProof,
    untyped: base.untyped && provenance.possible.size === 0,
  };
}
