/**
 * Guards: the conditions that dominate a point for one reference, each mapped to what it really proves.
 * `if`/`else`, `&&`, `||`, `?:`, early `return`/`throw`/`continue`/`break`, negations, guards stored in a `const`,
 * `assert(...)`, and `try`/`catch` around the point.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

const { DefinitionType } = TSESLint.Scope;
import ts from './typescript.cts';
import { alwaysExits, calleeParts, isFunction, memberName, staticString, statementList, unwrap } from './ast.ts';
import { isConst, parameterOf, referenceKey, singleValue } from './bindings.ts';
import { fieldAliases, provesTargetNotPath, storedFieldCondition } from './stored-conditions.ts';
import { RULED_OUT, type Guard, type Kind } from './evidence.ts';
import type { FileContext } from './file-context/index.ts';
import { calleeFunction, crossing, returnedValues } from './interprocedural.ts';
import {
  ABSENT_ON_SESSION,
  IP_CHECKS,
  REMOTE_ADDRESS_MEMBERS,
  SOCKET_ONLY_MEMBERS,
  SOCKET_OPTIONS,
} from './node-members.ts';

type Node = TSESTree.Node;

/** What a guard rules out for a use of `member`: a test of another member proves only what it shares. */
export function ruledOutBy(guard: Guard, member: string | undefined): readonly Kind[] {
  if (guard.fact === 'in') {
    const tested = guard.member ?? '';
    const sameCapability =
      tested === member || (SOCKET_OPTIONS.has(tested) && (member === undefined || SOCKET_OPTIONS.has(member)));
    if (sameCapability) return ABSENT_ON_SESSION.has(tested) ? RULED_OUT.in : RULED_OUT['has-member'];
    return SOCKET_ONLY_MEMBERS.has(tested) ? RULED_OUT['has-member'] : RULED_OUT.nonnull;
  }
  if (guard.fact === 'optional-call' && guard.member !== member) return [];
  if (
    guard.fact === 'has-member' &&
    guard.member !== undefined &&
    guard.member !== member &&
    !SOCKET_ONLY_MEMBERS.has(guard.member)
  ) {
    return RULED_OUT.nonnull;
  }
  return RULED_OUT[guard.fact];
}

/** Whether the reference keeps its value across function boundaries (no reassignment of its root variable). */
function isStable(ctx: FileContext, node: Node): boolean {
  let root = unwrap(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ctx.variable(root);
  if (!variable) return false;
  if (isConst(variable)) return true;
  return variable.references.every((ref) => !ref.isWrite() || ref.init === true);
}

/** The guards that dominate `point` for `subject`. */
export function guardsAt(ctx: FileContext, point: Node, subject: Node): Guard[] {
  const key = referenceKey(ctx, subject);
  const guards: Guard[] = [];
  const facts = new Facts(ctx, key, subject);
  const stable = key !== undefined && isStable(ctx, subject);
  let crossedFunction = false;
  const callback = errorFirstResult(ctx, subject);
  let child: Node = point;
  for (let parent = point.parent; parent; child = parent, parent = parent.parent) {
    if (isFunction(parent)) {
      crossedFunction = true;
      const called = calledBack(ctx, parent, key);
      if (called) guards.push(called);
      if (!stable) break;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent) facts.collect(parent.test, true, guards);
        else if (child === parent.alternate) facts.collect(parent.test, false, guards);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator !== '??')
          facts.collect(parent.left, parent.operator === '&&', guards);
        break;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.ForStatement:
        if (child === parent.body && parent.test) facts.collect(parent.test, true, guards);
        break;
      case AST_NODE_TYPES.TryStatement:
        if (child === parent.block && parent.handler && !crossedFunction)
          guards.push({ fact: 'caught', node: parent, says: 'the call is inside `try` with a `catch`' });
        break;
      default:
        break;
    }
    const list = statementList(parent);
    if (list && key !== undefined) {
      for (const statement of list) {
        if (statement === child) break;
        earlyExit(statement, facts, guards);
        if (callback && errorExit(ctx, statement, callback.error))
          guards.push({ fact: 'nonnull', node: statement, says: `\`${callback.error.name}\` was checked first` });
      }
    }
  }
  return guards;
}

/**
 * The callback of a socket method called on the subject (`this.socket.connect(port, () => …)`) runs only where that
 * method was there: the subject is a socket, or was when the callback was given.
 */
function calledBack(ctx: FileContext, fn: Node, key: string | undefined): Guard | undefined {
  const call = fn.parent;
  if (key === undefined || call?.type !== AST_NODE_TYPES.CallExpression || call.callee === fn) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || referenceKey(ctx, callee.object) !== key) return undefined;
  const member = memberName(callee);
  if (member === undefined || !SOCKET_ONLY_MEMBERS.has(member)) return undefined;
  return { fact: 'has-member', node: call, says: `the callback of \`${ctx.sourceCode.getText(callee)}(…)\``, member };
}

/** Names of the first parameter of a Node-style callback, `(err, result) => …`. */
const ERROR_NAME = /^(?:e|er|err|error|\w*(?:Err|Error))$/;

/**
 * For a result parameter of a Node-style callback (`(err, socket) => …`, the subject itself): the error parameter.
 * Node's convention passes the result only where it passes no error, so after `if (err) return …` it is there.
 */
function errorFirstResult(ctx: FileContext, subject: Node): { error: TSESTree.Identifier } | undefined {
  const inner = unwrap(subject);
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = ctx.variable(inner)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const param = parameterOf(def.name);
  const error = param?.fn.params[0];
  if (!param || param.index === 0 || error?.type !== AST_NODE_TYPES.Identifier || !ERROR_NAME.test(error.name))
    return undefined;
  return { error };
}

/** `if (err) return …;`, `if (err != null) throw err;`: a test of the callback's error that leaves the function. */
function errorExit(ctx: FileContext, statement: TSESTree.Statement, error: TSESTree.Identifier): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !alwaysExits(statement.consequent))
    return false;
  let test = unwrap(statement.test);
  if (
    test.type === AST_NODE_TYPES.BinaryExpression &&
    (test.operator === '!=' || test.operator === '!==') &&
    unwrap(test.right).type === AST_NODE_TYPES.Literal &&
    (unwrap(test.right) as TSESTree.Literal).value === null
  )
    test = unwrap(test.left);
  if (test.type !== AST_NODE_TYPES.Identifier) return false;
  return ctx.variable(test)?.defs[0]?.name === error;
}

/** `if (!ok) return;` before the point proves `ok` after it; `assert(ok)` too. */
function earlyExit(statement: TSESTree.Statement, facts: Facts, guards: Guard[]): void {
  if (statement.type === AST_NODE_TYPES.IfStatement) {
    const consequentExits = alwaysExits(statement.consequent);
    const alternateExits = !!statement.alternate && alwaysExits(statement.alternate);
    if (consequentExits && !alternateExits) facts.collect(statement.test, false, guards);
    else if (alternateExits && !consequentExits) facts.collect(statement.test, true, guards);
    return;
  }
  if (
    statement.type === AST_NODE_TYPES.ExpressionStatement &&
    statement.expression.type === AST_NODE_TYPES.CallExpression
  ) {
    const call = statement.expression;
    const { object, name } = calleeParts(call);
    const isAssert = (name === 'assert' && !object) || (name === 'ok' && object) || (name === 'strict' && !object);
    if (isAssert && call.arguments[0]) facts.collect(call.arguments[0], true, guards);
  }
}

class Facts {
  private depth = 0;
  /** Other names of the subject, while a condition stored in a field of its class is read (fieldAliases). */
  private aliases: readonly string[] = [];
  constructor(
    private readonly ctx: FileContext,
    private readonly key: string | undefined,
    private readonly subject?: Node,
  ) {}

  private matches(node: Node): boolean {
    if (this.key === undefined) return false;
    const key = referenceKey(this.ctx, node);
    return key === this.key || (key !== undefined && this.aliases.includes(key));
  }

  /** `if (this.tcp)` where the class sets `this.tcp = stream instanceof net.Socket` once: that condition. */
  private storedField(node: TSESTree.MemberExpression, truth: boolean, out: Guard[]): boolean {
    const stored = storedFieldCondition(this.ctx, node);
    if (!stored) return false;
    const before = this.aliases;
    this.aliases = this.subject ? fieldAliases(this.ctx, this.subject) : [];
    const found: Guard[] = [];
    try {
      this.collect(stored, truth, found);
    } finally {
      this.aliases = before;
    }
    const says = `\`${this.ctx.sourceCode.getText(node)}\` (\`${this.ctx.sourceCode.getText(stored)}\`)`;
    for (const guard of found) out.push({ ...guard, node, says });
    return true;
  }

  /** A value proven falsy that is the target the subject was created with (`!socketPath`, `!opts.path`): TCP. */
  private falsyTarget(value: Node, out: Guard[]): void {
    if (this.subject && provesTargetNotPath(this.ctx, this.subject, value))
      out.push({ fact: 'tcp', node: value, says: `\`${this.ctx.sourceCode.getText(value)}\` is empty` });
  }

  /** The member of the subject that `node` reads, e.g. `x.remotePort` → 'remotePort'. */
  private memberOfSubject(node: Node): string | undefined {
    const inner = unwrap(node);
    if (inner.type !== AST_NODE_TYPES.MemberExpression || !this.matches(inner.object)) return undefined;
    return memberName(inner);
  }

  collect(test: Node, truth: boolean, out: Guard[]): void {
    if (this.key === undefined || this.depth > 6) return;
    this.depth++;
    try {
      this.visit(test, truth, out);
    } finally {
      this.depth--;
    }
  }

  private visit(test: Node, truth: boolean, out: Guard[]): void {
    const node = unwrap(test);
    const says = (): string => `\`${this.ctx.sourceCode.getText(node)}\``;
    // `if (this.server)`, `if (req.socket)`: the subject itself is truthy
    if (node.type === AST_NODE_TYPES.MemberExpression && this.matches(node)) {
      if (truth) out.push({ fact: 'nonnull', node, says: says() });
      return;
    }
    switch (node.type) {
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === '!') this.collect(node.argument, !truth, out);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        if ((node.operator === '&&' && truth) || (node.operator === '||' && !truth)) {
          this.collect(node.left, truth, out);
          this.collect(node.right, truth, out);
        } else if (node.operator !== '??') {
          // `a || b` true (or `a && b` false): only what both sides prove, e.g. `f === 'IPv4' || f === 'IPv6'`
          const left: Guard[] = [];
          const right: Guard[] = [];
          this.collect(node.left, truth, left);
          this.collect(node.right, truth, right);
          for (const guard of left)
            if (right.some((g) => g.fact === guard.fact && g.member === guard.member))
              out.push({ ...guard, node, says: `\`${this.ctx.sourceCode.getText(node)}\`` });
        }
        return;
      case AST_NODE_TYPES.Identifier: {
        if (this.matches(node)) {
          if (truth) out.push({ fact: 'nonnull', node, says: says() });
          return;
        }
        // a guard stored in a const: `const ok = 'setNoDelay' in s; if (ok) …`
        const variable = this.ctx.variable(node);
        const value = variable && isConst(variable) ? singleValue(variable) : undefined;
        if (value) this.collect(value, truth, out);
        if (!truth) this.falsyTarget(node, out);
        return;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const member = this.memberOfSubject(node);
        if (member === undefined && this.storedField(node, truth, out)) return;
        if (member === undefined && !truth) this.falsyTarget(node, out);
        if (member === undefined || !truth) return;
        if (REMOTE_ADDRESS_MEMBERS.has(member)) out.push({ fact: 'tcp', node, says: says() });
        else if (member === 'encrypted') out.push({ fact: 'tls', node, says: says() });
        else out.push({ fact: 'has-member', node, says: says(), member });
        return;
      }
      case AST_NODE_TYPES.BinaryExpression:
        this.binary(node, truth, out, says());
        return;
      case AST_NODE_TYPES.CallExpression:
        if (truth) this.call(node, out, says());
        return;
      default:
        return;
    }
  }

  private binary(node: TSESTree.BinaryExpression, truth: boolean, out: Guard[], says: string): void {
    if (node.operator === 'in') {
      const member = staticString(node.left);
      // `!('path' in opts)`: the options the subject was created with have no path
      if (member === 'path' && !truth && !this.matches(node.right)) this.falsyTarget(node.right, out);
      if (member === undefined || !this.matches(node.right)) return;
      if (truth) out.push({ fact: 'in', node, says, member });
      // `!('stream' in req)`: an HTTP/1 request (Http2ServerRequest has `stream`)
      else if (member === 'stream') out.push({ fact: 'http1', node, says });
      return;
    }
    if (node.operator === 'instanceof') {
      if (truth && this.matches(node.left)) {
        const fact = this.instanceFact(node.right);
        out.push(fact ? { fact, node, says } : { fact: 'nonnull', node, says });
      }
      return;
    }
    const positive = node.operator === '===' || node.operator === '==';
    const isZero = (n: Node): boolean => n.type === AST_NODE_TYPES.Literal && n.value === 0;
    // `net.isIP(a) !== 0`, `net.isIP(a) > 0`: the left side is truthy
    if (
      isZero(unwrap(node.right)) &&
      ((node.operator === '>' && truth) ||
        (!positive && (node.operator === '!==' || node.operator === '!=') && truth) ||
        (positive && !truth))
    ) {
      this.collect(node.left, true, out);
      return;
    }
    if (!positive && node.operator !== '!==' && node.operator !== '!=') return;
    const holds = positive === truth; // the comparison is true at the point
    for (const [a, b] of [
      [node.left, node.right],
      [node.right, node.left],
    ] as const) {
      const other = unwrap(b);
      // typeof x === 'object', typeof x.m === 'function', typeof x.remotePort === 'number'
      if (a.type === AST_NODE_TYPES.UnaryExpression && a.operator === 'typeof') {
        const expected = staticString(other);
        if (expected === undefined) continue;
        if (this.matches(a.argument)) {
          if ((holds && (expected === 'object' || expected === 'function')) || (!holds && expected === 'undefined'))
            out.push({ fact: 'nonnull', node, says });
          continue;
        }
        const member = this.memberOfSubject(a.argument);
        if (member === undefined) continue;
        if (holds && expected === 'function') out.push({ fact: 'has-member', node, says, member });
        else if (
          REMOTE_ADDRESS_MEMBERS.has(member) &&
          ((holds && expected !== 'undefined') || (!holds && expected === 'undefined'))
        )
          out.push({ fact: 'tcp', node, says });
        continue;
      }
      const isNullLiteral = other.type === AST_NODE_TYPES.Literal && other.value === null && !('regex' in other);
      const isUndefined = other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined';
      if (isNullLiteral || isUndefined) {
        if (!holds && this.matches(a)) out.push({ fact: 'nonnull', node, says });
        // `opts.path == null`, `socketPath === undefined`: the target the subject was created with is empty
        else if (holds && this.memberOfSubject(a) === undefined) this.falsyTarget(a, out);
        const member = this.memberOfSubject(a);
        if (!holds && member !== undefined && REMOTE_ADDRESS_MEMBERS.has(member)) out.push({ fact: 'tcp', node, says });
        continue;
      }
      // Deno: `conn.remoteAddr.transport === 'tcp'` (true for TLS connections too)
      const address = unwrap(a);
      if (
        holds &&
        address.type === AST_NODE_TYPES.MemberExpression &&
        memberName(address) === 'transport' &&
        other.type === AST_NODE_TYPES.Literal &&
        other.value === 'tcp'
      ) {
        const owner = this.memberOfSubject(address.object);
        if (owner === 'remoteAddr' || owner === 'localAddr') out.push({ fact: 'ip', node, says });
        continue;
      }
      const member = this.memberOfSubject(a);
      if (member === undefined || !holds) continue;
      const value = other.type === AST_NODE_TYPES.Literal ? other.value : undefined;
      if (member === 'remoteFamily' && (value === 'IPv4' || value === 'IPv6' || value === 4 || value === 6))
        out.push({ fact: 'tcp', node, says });
      else if (member === 'encrypted' && value === true) out.push({ fact: 'tls', node, says });
      else if (
        (member === 'httpVersionMajor' && value === 1) ||
        (member === 'httpVersion' && (value === '1.1' || value === '1.0'))
      )
        out.push({ fact: 'http1', node, says });
    }
  }

  /**
   * A boolean helper of the program, in this file or another module: `isTcp(socket)` where `isTcp` returns one
   * condition on its parameter (`return typeof s.remotePort === 'number'`, `(s) => 'setNoDelay' in s`). What that
   * condition proves of the parameter, the call proves of the argument.
   */
  private helper(call: TSESTree.CallExpression, index: number, out: Guard[], says: string): void {
    const found = crossing(this.ctx, () => {
      const target = calleeFunction(this.ctx, call);
      const param = target?.fn.params[index];
      if (!target || param?.type !== AST_NODE_TYPES.Identifier || target.fn.async || target.fn.generator) return [];
      const values = returnedValues(target.fn);
      const writes = target.file.ctx.variable(param)?.references.some((r) => r.isWrite() && !r.init);
      if (values.length !== 1 || writes) return [];
      const guards: Guard[] = [];
      new Facts(target.file.ctx, referenceKey(target.file.ctx, param)).collect(values[0]!, true, guards);
      return guards;
    });
    for (const guard of found ?? []) out.push({ ...guard, node: call, says });
  }

  /** `x instanceof net.Socket` proves the methods exist (not TCP); `tls.TLSSocket` proves TLS. */
  private instanceFact(ctor: Node): Guard['fact'] | undefined {
    const construct = this.ctx.typeAt(ctor).getConstructSignatures()[0];
    if (!construct) return undefined;
    const lineage = this.ctx.matcher.lineage(construct.getReturnType());
    if (lineage.has('tls.TLSSocket')) return 'tls';
    if (lineage.has('net.Socket')) return 'has-member';
    if (lineage.has('http.IncomingMessage') || lineage.has('http.ServerResponse')) return 'http1';
    return undefined;
  }

  private call(node: TSESTree.CallExpression, out: Guard[], says: string): void {
    const { name } = calleeParts(node);
    // net.isIP(x.remoteAddress), net.isIP(x.remoteAddress ?? '')
    if (name && IP_CHECKS.has(name) && node.arguments[0]) {
      let arg = unwrap(node.arguments[0]);
      if (arg.type === AST_NODE_TYPES.LogicalExpression) arg = unwrap(arg.left);
      if (this.memberOfSubject(arg) === 'remoteAddress') out.push({ fact: 'tcp', node, says });
      return;
    }
    // Reflect.has(x, 'm')
    if (name === 'has' && node.arguments.length === 2 && this.matches(node.arguments[0]!)) {
      const member = staticString(node.arguments[1]);
      if (member !== undefined) out.push({ fact: 'in', node, says, member });
      return;
    }
    // a user type predicate: `isSocket(x)` with `x is net.Socket`
    const index = node.arguments.findIndex((arg) => this.matches(arg));
    if (index < 0) return;
    const predicate = this.ctx.typePredicate(node);
    if (!predicate) {
      this.helper(node, index, out, says);
      return;
    }
    if (!predicate.type || predicate.parameterIndex !== index || predicate.kind !== ts.TypePredicateKind.Identifier)
      return;
    const members = this.ctx.matcher.members(predicate.type);
    if (members.length > 0 && members.every((m) => m.verdict === 'tls')) out.push({ fact: 'tls', node, says });
    else if (members.length > 0 && members.every((m) => m.verdict === 'tls' || m.verdict === 'socket'))
      out.push({ fact: 'has-member', node, says });
    else if (members.every((m) => m.verdict !== 'nullish' && m.verdict !== 'any' && m.verdict !== 'unknown'))
      out.push({ fact: 'nonnull', node, says });
  }
}
