/** What a function's parameter is, from the listener or callback it is registered as (its roles). */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, propertyKeyName, staticString, unwrap } from '../ast.ts';
import { LISTENER_METHODS } from '../node-members.ts';
import { functionUses, parameterOf } from '../bindings.ts';
import { crossing, programUses } from '../interprocedural.ts';
import type { Provenance } from './index.ts';
import type { FunctionNode, Node } from './value-info.ts';

const { DefinitionType } = TSESLint.Scope;

/** The servers a request/response parameter came from: those whose visible request listener it is a parameter of. */
export function serversOfRequest(p: Provenance, owner: Node, depth = 0): Role[] {
  const uses = parameterRoles(p, owner);
  if (!uses) return [];
  const roles = uses.roles.filter((r) => r.role === 'request' || r.role === 'response');
  // `log(req)` from a request listener: the servers of each request a helper is called with
  if (depth < 3 && !uses.reassigned)
    for (const arg of uses.args)
      roles.push(...(crossing(p.ctx, () => serversOfRequest(arg.in, arg.node, depth + 1)) ?? []));
  return roles;
}

/**
 * The client request whose response a parameter is (`https.get(url, (res) => …)`, `req.on('response', (res) => …)`),
 * where that is all the function is used for and the parameter is never reassigned (onlyRole).
 */
export function requestOfResponse(p: Provenance, owner: Node): Role | undefined {
  const role = onlyRole(p, owner);
  return role?.role === 'client-response' ? role : undefined;
}

/**
 * The one role of the parameter `owner` names, where the function is used for nothing else and the parameter is
 * never reassigned: what the role proves must hold on every call.
 */
export function onlyRole(p: Provenance, owner: Node): Role | undefined {
  const uses = parameterRoles(p, owner);
  if (!uses || uses.reassigned || uses.args.length > 0 || uses.escapes || uses.roles.length !== 1) return undefined;
  return uses.roles[0];
}

/** What the function whose parameter `owner` names is registered as (roles), with how else it is used. */
export function parameterRoles(p: Provenance, owner: Node): (FunctionRoles & { reassigned: boolean }) | undefined {
  const inner = unwrap(owner);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = p.ctx.variable(inner);
  const def = variable?.defs[0];
  if (def?.type !== DefinitionType.Parameter || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const param = parameterOf(def.name);
  if (!param) return undefined;
  return { ...functionRoles(p, param.fn, param.index), reassigned: variable!.references.some((r) => r.isWrite()) };
}

export function functionRoles(p: Provenance, fn: FunctionNode, index: number): FunctionRoles {
  let byIndex = p.roleMemo.get(fn);
  if (!byIndex) p.roleMemo.set(fn, (byIndex = new Map<number, FunctionRoles>()));
  const cached = byIndex.get(index);
  if (cached) return cached;
  byIndex.set(index, { roles: [], args: [], escapes: true }); // a recursive question stops here
  const uses = functionUses(p.ctx, fn);
  const passed: { call: TSESTree.CallExpression; index: number; in: Provenance }[] = uses.passedTo.map((use) => ({
    ...use,
    in: p,
  }));
  const called: { call: TSESTree.CallExpression | TSESTree.NewExpression; in: Provenance }[] = uses.calledAt.map(
    (call) => ({ call, in: p }),
  );
  let escapes = uses.escapes;
  if (uses.exported) {
    // exported, a method, a handler object's property: its calls anywhere in the program (imports, `require`,
    // instances), or the type where they cannot all be seen
    const program = crossing(p.ctx, () => programUses(p.ctx, fn));
    if (!program) escapes = true;
    else {
      escapes ||= program.escapes;
      for (const use of program.passed)
        if (!passed.some((q) => q.call === use.call && q.index === use.index))
          passed.push({ call: use.call, index: use.index, in: use.file.provenance });
      for (const c of program.calls)
        if (!called.some((q) => q.call === c.call)) called.push({ call: c.call, in: c.file.provenance });
    }
  }
  const result: FunctionRoles = { roles: [], args: [], escapes };
  for (const { call, index: argIndex, in: where } of passed) {
    const role = roleOf(where, call, argIndex, index);
    if (role) result.roles.push(role);
    else result.escapes = true;
  }
  for (const { call, in: where } of called) {
    // `this.handle(socket)` inside a method: an instance method called with the argument
    const arg = call.arguments[index];
    if (
      !arg ||
      arg.type === AST_NODE_TYPES.SpreadElement ||
      call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)
    )
      result.escapes = true;
    else result.args.push({ node: arg, in: where });
  }
  byIndex.set(index, result);
  return result;
}

/**
 * The arguments every call of a function passes for one parameter, in the files of the calls; undefined where the
 * function is also used otherwise (registered as a listener, escaping, callable from outside the program).
 */
export function parameterArguments(p: Provenance, fn: FunctionNode, index: number): readonly Argument[] | undefined {
  const { roles, args, escapes } = functionRoles(p, fn, index);
  return escapes || roles.length > 0 ? undefined : args;
}

/** What a listener's parameter is, from the call that registered the listener (in the file of `p`). */
function roleOf(p: Provenance, call: TSESTree.CallExpression, argIndex: number, paramIndex: number): Role | undefined {
  const role = localRoleOf(p, call, argIndex, paramIndex);
  return role && { ...role, in: p };
}

function localRoleOf(
  p: Provenance,
  call: TSESTree.CallExpression,
  argIndex: number,
  paramIndex: number,
): DistributiveOmit<Role, 'in'> | undefined {
  const { object, name } = calleeParts(call);
  if (!name) return undefined;
  if (object && LISTENER_METHODS.has(name) && argIndex === 1) {
    const event = staticString(call.arguments[0]);
    // 'connection' gives the raw socket even on a TLS server; 'secureConnection' the TLS socket, whatever made the
    // server (a TLS server emits it, once the handshake is done)
    if ((event === 'connection' || event === 'secureConnection') && paramIndex === 0)
      return event === 'connection'
        ? { role: 'connection', owner: object, raw: true }
        : { role: 'connection', owner: object, raw: false, secure: call };
    if (event === 'request' && paramIndex <= 1)
      return { role: paramIndex === 0 ? 'request' : 'response', owner: object };
    if (event === 'socket' && paramIndex === 0 && isClientRequest(p, object))
      return { role: 'client-socket', owner: object };
    if (event === 'response' && paramIndex === 0 && isClientRequest(p, object))
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
    CLIENT_REQUEST.test(p.ctx.calleeDeclaration(call) ?? '')
  ) {
    return { role: 'client-response', owner: call };
  }
  if (name === 'createServer' || name === 'createSecureServer') {
    const declared = p.ctx.calleeDeclaration(call);
    const module = declared?.split('.')[0];
    if (module === 'net' || module === 'tls')
      return paramIndex === 0 ? { role: 'connection', owner: call, raw: false } : undefined;
    if (module === 'http' || module === 'https' || module === 'http2') {
      return paramIndex <= 1 ? { role: paramIndex === 0 ? 'request' : 'response', owner: call } : undefined;
    }
  }
  return undefined;
}

export function isClientRequest(p: Provenance, node: Node): boolean {
  return p.ctx.membersAt(node).some((m) => m.lineage.has('http.ClientRequest'));
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a listener's parameter is; `in`: the provenance of the file that registered it (another module's). */
type Role = (
  | {
      role: 'connection';
      owner: Node;
      raw: boolean;
      /** The registration of a `'secureConnection'` listener, whose socket is a TLS socket. */
      secure?: TSESTree.CallExpression;
    }
  | { role: 'request' | 'response'; owner: Node }
  | { role: 'client-socket'; owner: Node }
  /** The response of a client request: `https.get(url, (res) => …)` (owner: the call), `req.on('response', …)` (owner: `req`). */
  | { role: 'client-response'; owner: Node }
  /** An HTTP/2 session or stream: `server.on('session', …)`, `server.on('stream', …)`, `session.on('stream', …)`. */
  | { role: 'h2-session' | 'h2-stream'; owner: Node }
) & { in: Provenance };

/** An argument of a call of a function, in the file of the call. */
export interface Argument {
  node: Node;
  in: Provenance;
}

/** What a function is registered as (the roles of one of its parameters), the arguments of its direct calls, and whether it is used otherwise. */
export interface FunctionRoles {
  roles: Role[];
  args: Argument[];
  escapes: boolean;
}

/** The callees whose callback is a client request's 'response' listener, and whose socket the request's agent makes. */
export const CLIENT_REQUEST = /^https?\.(?:request|get)$/;

/** For `{ socket: s }` written directly as a function's parameter: the function, the parameter index, the key. */
export function destructuredParameter(
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
