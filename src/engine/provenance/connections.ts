/** Sockets made by connecting calls (`net.connect`, `tls.connect`, `socket.connect`) and methods that return the socket. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, findProperty, memberName, statementList, unwrap } from '../ast.ts';
import { CONNECT_FUNCTIONS, SOCKET_CHAIN_METHODS } from '../node-members.ts';
import { objectLiteralOf, sameReference, type Write } from '../bindings.ts';
import { endpointsOfArguments, shortText } from '../endpoints.ts';
import type { Evidence, Kind } from '../evidence.ts';
import type { Provenance } from './index.ts';
import { fromType } from './types.ts';
import { merge, type ValueInfo, withBase } from './value-info.ts';
import { calleeFunction, crossing, returnedValues } from '../interprocedural.ts';

/**
 * `const s = new net.Socket(); s.connect(8080)`: a socket created without a target is what its `connect` calls make
 * it (before or after the use: options set before `connect` apply when it connects). Only where the variable holds
 * nothing else and every use of it is a member of it (`s.connect(…)`, `s.on(…)`): passed on, it may be connected
 * elsewhere. Undefined otherwise, and where no `connect` call is visible.
 */
export function connectedLater(p: Provenance, variable: TSESLint.Scope.Variable, write: Write): ValueInfo | undefined {
  if (write.property || !isNewSocket(p, write.value)) return undefined;
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
    ? merge(connects.map((call) => connecting(p, call, 'net.Socket.connect', 'connected')))
    : undefined;
}

/**
 * `this.socket = new net.Socket(); this.socket.connect(port, host)`: a socket written to a field or a variable and
 * connected by the statement right after the write, through the same reference (sameReference), before any other code
 * can read it: what that `connect` makes it, wherever it is read later (connectedLater covers a variable written once,
 * connected anywhere). Undefined otherwise.
 */
export function connectedNext(p: Provenance, write: Write): ValueInfo | undefined {
  // the syntax first; the type of the constructor last
  if (write.property || unwrap(write.value).type !== AST_NODE_TYPES.NewExpression) return undefined;
  const written = write.value.parent;
  let target: TSESTree.Node;
  let statement: TSESTree.Node | undefined;
  if (
    written?.type === AST_NODE_TYPES.AssignmentExpression &&
    written.operator === '=' &&
    written.right === write.value
  ) {
    target = written.left;
    statement = written.parent;
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  } else if (written?.type === AST_NODE_TYPES.VariableDeclarator && written.init === write.value) {
    target = written.id;
    statement = written.parent;
    if (statement.declarations.at(-1) !== written) return undefined;
  } else return undefined;
  const list = statement.parent && statementList(statement.parent);
  const index = list ? list.indexOf(statement) : -1;
  const next = index >= 0 ? list![index + 1] : undefined;
  const call = next?.type === AST_NODE_TYPES.ExpressionStatement ? unwrap(next.expression) : undefined;
  if (
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.callee.type !== AST_NODE_TYPES.MemberExpression ||
    memberName(call.callee) !== 'connect' ||
    !sameReference(p.ctx, call.callee.object, target, true) ||
    !isNewSocket(p, write.value)
  )
    return undefined;
  return connecting(p, call, 'net.Socket.connect', 'connected');
}

/** `new net.Socket(…)`: a socket without a target until something connects it. */
function isNewSocket(p: Provenance, value: TSESTree.Node): boolean {
  const creation = unwrap(value);
  return (
    creation.type === AST_NODE_TYPES.NewExpression &&
    p.ctx.calleeDeclaration(creation)?.replace(/\.constructor$/, '') === 'net.Socket'
  );
}

/** Creation calls (`net.connect(…)`, `tls.connect(…)`, `socket.connect(…)`) and `this`-returning socket methods. */
export function callInfo(p: Provenance, call: TSESTree.CallExpression): ValueInfo {
  const { object, name } = calleeParts(call);
  if (name === 'connect' || name === 'createConnection' || (object && SOCKET_CHAIN_METHODS.has(name ?? ''))) {
    const declared = p.ctx.calleeDeclaration(call);
    if (declared && CONNECT_FUNCTIONS.has(declared)) return connecting(p, call, declared);
    if (object && declared && /^(net\.Socket|tls\.TLSSocket)\./.test(declared) && SOCKET_CHAIN_METHODS.has(name ?? ''))
      return p.info(object);
  }
  return returned(p, call, false) ?? fromType(p, call);
}

/**
 * What a call of a function of the program gives: what the function returns (`return net.connect(path)`), in its own
 * file, where that says more than the type (a creation, a server's connection, an assertion). `awaited`: the value of
 * `await f()`, where an async function's returns are the values. Undefined otherwise.
 */
export function returned(p: Provenance, call: TSESTree.CallExpression, awaited: boolean): ValueInfo | undefined {
  const target = crossing(p.ctx, () => calleeFunction(p.ctx, call));
  if (!target || target.fn.async !== awaited || target.fn.generator) return undefined;
  const values = returnedValues(target.fn);
  if (values.length === 0) return undefined;
  const where = target.file.provenance;
  const infos = crossing(p.ctx, () => values.map((value) => where.guarded(where.info(value), value)));
  if (!infos) return undefined;
  const info = merge(infos);
  const learned = info.proofs.length > 0 || info.tlsProof !== undefined || info.doubts.some((d) => d.from !== 'type');
  return learned ? withBase(fromType(p, call), info) : undefined;
}

/** A connecting call's socket; `how` says what the call does to it in the evidence (`created`, `connected`). */
export function connecting(
  p: Provenance,
  call: TSESTree.CallExpression,
  declared: string,
  how: 'created' | 'connected' = 'created',
): ValueInfo {
  const tls = declared.startsWith('tls.');
  const options =
    call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement
      ? objectLiteralOf(p.ctx, call.arguments[0])
      : undefined;
  const tlsProof: Evidence | undefined = tls
    ? {
        kind: 'tls',
        node: call,
        says: `it is ${how} by \`${shortText(p.ctx, call.callee)}(…)\``,
        certain: true,
        from: 'provenance',
      }
    : undefined;
  if (tls && options && findProperty(options, 'socket'))
    return { possible: new Set(['tls']), doubts: [], proofs: [], tlsProof, untyped: false };
  const created = `\`${shortText(p.ctx, call.callee)}(…)\``;
  const endpoints = endpointsOfArguments(p.ctx, call.arguments, 'connect', call);
  // a TLS socket over what the call connects to; one connected only to a path is a pipe alone
  const onlyPipes = endpoints.every((e) => e.kind === 'pipe' && e.certain);
  const possible = new Set<Kind>(tls && !onlyPipes ? ['tls'] : []);
  const doubts: Evidence[] = [];
  const proofs: Evidence[] = [];
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
    plain: tls
      ? undefined
      : { kind: 'tcp', node: call, says: `it is ${how} by ${created}`, certain: false, from: 'provenance' },
    untyped: false,
  };
}
