/** Servers: every expression that is the same server, its `listen` calls and targets, and what its sockets are. */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeParts,
  isFunction,
  memberName,
  outermostWrapper,
  promiseResolveParameter,
  promisifiedMethod,
  propertyKeyName,
  staticString,
  unwrap,
} from '../ast.ts';
import { PLAIN_SERVERS, SECURE_SERVERS, SERVER_CHAIN_METHODS } from '../node-members.ts';
import {
  fieldClass,
  fieldWrites,
  functionUses,
  parameterOf,
  promisifiedCalls,
  thisMemberUses,
  variableWrites,
} from '../bindings.ts';
import type { FileContext } from '../file-context/index.ts';
import {
  calleeFunction,
  crossing,
  importedDeclaration,
  isExported,
  programUses,
  readsElsewhere,
  returnedValues,
} from '../interprocedural.ts';
import type { Argument } from './listeners.ts';
import { type Endpoint, endpointsOfArguments, shortText } from '../endpoints.ts';
import { MAYBE_PIPE_STRING, type Evidence, type Kind } from '../evidence.ts';
import type { Provenance } from './index.ts';
import type { FunctionNode, Node, ValueInfo } from './value-info.ts';

const { DefinitionType } = TSESLint.Scope;

/**
 * The sockets a server hands to its `connection`/`request` listeners: the transport of its visible `listen(...)`
 * targets, tainted by any `emit('connection', x)` with a value that is not a socket.
 */
export function serverConnection(p: Provenance, owner: Node): ValueInfo {
  const facts = serverFacts(p, owner);
  const cached = p.servers.get(facts);
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
            : `its server listens on ${e.target}, ${MAYBE_PIPE_STRING}`,
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
  const plain: Evidence | undefined =
    !secure && facts.plain
      ? {
          kind: 'tcp',
          node: facts.plain.node,
          says: `it is a connection of the \`${facts.plain.text}(…)\` server`,
          certain: false,
          from: 'provenance',
        }
      : undefined;
  const result: ValueInfo = { possible, doubts, proofs, tlsProof, plain, untyped: false };
  p.servers.set(facts, result);
  return result;
}

/**
 * What the file shows of a server: every expression that is the server, its `listen(...)` calls and their
 * targets, and `emit('connection', x)` calls whose `x` is not a socket.
 */
export function serverFacts(p: Provenance, owner: Node): ServerFacts {
  const local = localServerFacts(p, owner);
  const key = local.sites[0] ?? owner;
  const cached = p.programFactMemo.get(key);
  if (cached) return cached;
  p.programFactMemo.set(key, local); // a question that comes back here gets what this file shows
  const elsewhere = crossing(p.ctx, () => serverFactsElsewhere(p, local)) ?? [];
  const facts: ServerFacts =
    elsewhere.length === 0
      ? local
      : {
          ...local,
          endpoints: [...local.endpoints],
          injections: [...local.injections],
          elsewhere: [...(local.elsewhere ?? [])],
        };
  for (const other of elsewhere) {
    for (const e of other.endpoints) if (!facts.endpoints.some((f) => f.node === e.node)) facts.endpoints.push(e);
    for (const i of other.injections) if (!facts.injections.some((f) => f.node === i.node)) facts.injections.push(i);
    for (const l of [...other.listens, ...(other.elsewhere ?? [])])
      if (!facts.listens.includes(l) && !facts.elsewhere!.includes(l)) facts.elsewhere!.push(l);
    facts.secure ??= other.secure;
    facts.plain ??= other.plain;
  }
  for (const site of local.sites) p.programFactMemo.set(site, facts);
  return facts;
}

/**
 * What the other files of the program show of a server this file shows: the declaration that an imported server
 * names (`import { server } from './server'`), the reads of an exported server in other modules, and the callers of
 * a function that returns it (a factory). Each is asked in its own file.
 */
function serverFactsElsewhere(p: Provenance, local: ServerFacts): ServerFacts[] {
  const out: ServerFacts[] = [];
  const seen = new Set<Node>();
  for (const site of local.sites) {
    // a read of the variable, or the creation stored in it (`export const server = net.createServer(…)`)
    const stored = site.type === AST_NODE_TYPES.Identifier ? undefined : storedIn(p.ctx, site);
    const reference = site.type === AST_NODE_TYPES.Identifier ? site : stored && 'id' in stored ? stored.id : undefined;
    if (reference) {
      const variable = p.ctx.variable(reference);
      const name = variable?.defs[0]?.name;
      if (name?.type !== AST_NODE_TYPES.Identifier || seen.has(name)) continue;
      seen.add(name);
      // `function announce(server) { … }`: the servers every call passes
      const param = variable!.defs[0]!.type === DefinitionType.Parameter ? parameterOf(name) : undefined;
      if (param && !variable!.references.some((r) => r.isWrite())) {
        for (const arg of p.parameterArguments(param.fn, param.index) ?? []) out.push(serverFacts(arg.in, arg.node));
        continue;
      }
      const imported = importedDeclaration(p.ctx, name);
      if (imported) out.push(serverFacts(imported.file.provenance, imported.node));
      else if (isExported(p.ctx, name))
        for (const read of readsElsewhere(p.ctx, name) ?? [])
          out.push(localServerFacts(read.file.provenance, read.node));
    }
    // `class App { server = http.createServer() }` and `new App().server.listen(path)` in another module
    const key = stored && 'body' in stored ? fieldKey(stored.body, stored.name) : undefined;
    if (key && !seen.has(key)) {
      seen.add(key);
      for (const read of readsElsewhere(p.ctx, key) ?? []) out.push(localServerFacts(read.file.provenance, read.node));
    }
    // `return net.createServer(…)`, `return server`: what the callers of the function do with it
    const fn = returnedFrom(site);
    if (fn && !seen.has(fn)) {
      seen.add(fn);
      for (const call of callsOf(p, fn)) out.push(localServerFacts(call.in, call.node));
    }
  }
  return out;
}

/** Every call of a function: in this file, and in the program where it is exported or a method. */
function callsOf(p: Provenance, fn: FunctionNode): Argument[] {
  const uses = functionUses(p.ctx, fn);
  const calls: Argument[] = uses.calledAt.map((node) => ({ node, in: p }));
  if (uses.exported) {
    const program = programUses(p.ctx, fn);
    for (const c of program?.calls ?? [])
      if (c.call.type === AST_NODE_TYPES.CallExpression && !calls.some((k) => k.node === c.call))
        calls.push({ node: c.call, in: c.file.provenance });
  }
  return calls;
}

/** The function whose return value a node is: `return x`, or an arrow function's expression body. */
function returnedFrom(node: Node): FunctionNode | undefined {
  const current = outermostWrapper(node);
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) return parent;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  for (let up: Node | undefined = parent.parent; up; up = up.parent) if (isFunction(up)) return up;
  return undefined;
}

/** What this file shows of a server (serverFacts without the other files). */
export function localServerFacts(p: Provenance, owner: Node): ServerFacts {
  const sites = serverSites(p, owner);
  const key = sites[0] ?? owner;
  const cached = p.serverFactMemo.get(key);
  if (cached) return cached;
  const facts: ServerFacts = { sites, listens: [], endpoints: [], injections: [] };
  const addListen = (call: TSESTree.CallExpression): void => {
    if (facts.listens.includes(call)) return;
    facts.listens.push(call);
    facts.endpoints.push(...endpointsOfArguments(p.ctx, call.arguments, 'listen', call));
  };
  for (const site of sites) {
    if (site.type !== AST_NODE_TYPES.CallExpression && site.type !== AST_NODE_TYPES.NewExpression) continue;
    const declared = p.ctx.calleeDeclaration(site)?.replace(/\.constructor$/, '');
    if (declared && SECURE_SERVERS.has(declared)) facts.secure = site;
    else if (declared && PLAIN_SERVERS.has(declared)) facts.plain = { node: site, text: shortText(p.ctx, site.callee) };
    // the server is the value of a `listen` call: `const server = app.listen(3000)` (Express and Koa return the
    // server they made listen there), `http.createServer(…).listen(3000)`
    if (site.type === AST_NODE_TYPES.CallExpression && calleeParts(site).name === 'listen') addListen(site);
  }
  // `await promisify(server.listen.bind(server))(0)`, or `const listen = promisify(…)` and `await listen(0)`: a listen
  // whose callback settles the promise
  for (const site of sites) {
    const promisified = promisifiedMethod(site, 'listen');
    for (const call of promisified ? promisifiedCalls(p.ctx, promisified) : []) addListen(call);
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
        const info = p.info(injected);
        const isSocket =
          info.doubts.length === 0 && [...info.possible].every((k) => k === 'tcp' || k === 'pipe' || k === 'tls');
        if (!isSocket) {
          const what = info.doubts[0]?.typeText ?? p.ctx.matcher.display(p.ctx.typeAt(injected));
          facts.injections.push({
            kind: 'duplex',
            node: call,
            says: `its server is given a \`${what}\` through \`emit('connection', …)\``,
            certain: true,
            from: 'provenance',
          });
        }
      }
      if (method === 'listen' || (method !== undefined && SERVER_CHAIN_METHODS.has(method))) current = call;
      else break;
    }
  }
  for (const site of sites) p.serverFactMemo.set(site, facts);
  return facts;
}

/**
 * A server or request expression and, down a chain of calls that return it (`http.createServer(…).on(…).listen(…)`),
 * each receiver down to the creation call. Node's `listen` returns its server; another `listen` (Express's
 * `app.listen`) returns a new server and ends the chain.
 */
export function chainSites(p: Provenance, value: Node): Node[] {
  const sites = [value];
  let base: Node = value;
  while (base.type === AST_NODE_TYPES.CallExpression && base.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(base.callee);
    if (
      !(method !== undefined && SERVER_CHAIN_METHODS.has(method)) &&
      !(method === 'listen' && p.ctx.calleeDeclaration(base) === 'net.Server.listen')
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
export function resolvedValues(p: Provenance, node: Node): Node[] | undefined {
  const resolve = promiseResolveParameter(unwrap(node));
  const variable = resolve ? p.ctx.variable(resolve) : null;
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

/** The values an async function of this file returns, for `await f()` (the server of a test's `startServer()`). */
export function factoryValues(ctx: FileContext, node: Node): Node[] | undefined {
  const call = unwrap(node);
  const target = call.type === AST_NODE_TYPES.CallExpression ? calleeFunction(ctx, call) : undefined;
  if (!target || target.file.ctx !== ctx || !target.fn.async || target.fn.generator) return undefined;
  const values = returnedValues(target.fn).map((v) => unwrap(v));
  return values.length > 0 ? values : undefined;
}

/** Every expression in the file that evaluates to the same server as `owner`. */
export function serverSites(p: Provenance, owner: Node): Node[] {
  const inner = unwrap(owner);
  const sites: Node[] = [];
  const seen = new Set<TSESTree.Identifier>();
  const addVariableReads = (id: TSESTree.Identifier): void => {
    const variable = p.ctx.variable(id);
    const name = variable?.defs[0]?.name;
    if (!variable || (name?.type === AST_NODE_TYPES.Identifier && seen.has(name))) return;
    if (name?.type === AST_NODE_TYPES.Identifier) seen.add(name);
    for (const ref of variable.references) if (!ref.isWrite() || ref.isReadWrite()) sites.push(ref.identifier);
    const writes = variableWrites(variable) ?? [];
    for (const w of writes) {
      if (w.property) continue;
      const value = unwrap(w.value);
      // `const server = await new Promise((resolve) => { const s = app.listen(0, () => resolve(s)); })`, and
      // `const server = await startServer()`: what an async function of this file returns
      const resolved =
        value.type === AST_NODE_TYPES.AwaitExpression
          ? (resolvedValues(p, value.argument) ?? factoryValues(p.ctx, value.argument))
          : undefined;
      if (!resolved) sites.push(...chainSites(p, value));
      for (const r of resolved ?? []) {
        if (r.type === AST_NODE_TYPES.Identifier) addVariableReads(r);
        else sites.push(...chainSites(p, r));
      }
    }
  };
  const body = fieldClass(p.ctx, inner);
  if (inner.type === AST_NODE_TYPES.Identifier) addVariableReads(inner);
  else if (inner.type === AST_NODE_TYPES.MemberExpression && body) {
    const name = memberName(inner);
    if (name !== undefined) {
      sites.push(...thisMemberUses(p.ctx, body, name));
      for (const w of fieldWrites(p.ctx, body, name)) sites.push(unwrap(w.value));
    }
  } else {
    const chain = chainSites(p, inner);
    sites.push(...chain);
    // where the created server is stored: a variable, a class field, `p.x = …`, `x = …`
    const stored = storedIn(p.ctx, chain.at(-1)!);
    if (stored && 'id' in stored) addVariableReads(stored.id);
    else if (stored) sites.push(...thisMemberUses(p.ctx, stored.body, stored.name));
  }
  return sites.length > 0 ? sites : [inner];
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
  /** The creation of a server without TLS (`net.createServer`, `http.createServer`). */
  plain?: { node: Node; text: string };
  /** `listen(...)` calls in other files of the program (their targets are in `endpoints`). */
  elsewhere?: TSESTree.CallExpression[];
}

/** The binding a value is stored in: `const x = v`, `x = v`, `this.x = v`, `class { x = v }`. */
function storedIn(
  ctx: FileContext,
  value: Node,
): { id: TSESTree.Identifier } | { body: TSESTree.ClassBody; name: string } | undefined {
  const node = outermostWrapper(value);
  const parent = node.parent;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === node &&
    parent.id.type === AST_NODE_TYPES.Identifier
  )
    return { id: parent.id };
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=') {
    if (parent.left.type === AST_NODE_TYPES.Identifier) return { id: parent.left };
    const body = fieldClass(ctx, parent.left);
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

/** The name that declares a class field: its property definition's key, or its first `this.name = …`. */
function fieldKey(body: TSESTree.ClassBody, name: string): TSESTree.Identifier | undefined {
  for (const member of body.body)
    if (
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === name &&
      !member.computed
    )
      return member.key;
  let found: TSESTree.Identifier | undefined;
  const visit = (node: Node): void => {
    if (found) return;
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      node.property.type === AST_NODE_TYPES.Identifier &&
      node.property.name === name &&
      node.parent.type === AST_NODE_TYPES.AssignmentExpression &&
      node.parent.left === node
    )
      found = node.property;
  };
  for (const member of body.body)
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor')
      for (const statement of member.value.body?.body ?? [])
        if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
          const e = statement.expression;
          if (e.type === AST_NODE_TYPES.AssignmentExpression) visit(e.left);
        }
  return found;
}

export function secureEvidence(creation: Node): Evidence {
  return {
    kind: 'tls',
    node: creation,
    says: 'its server is an HTTPS or TLS server',
    certain: true,
    from: 'provenance',
  };
}
