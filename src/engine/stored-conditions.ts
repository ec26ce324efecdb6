/**
 * Conditions stored away from the call they guard: a flag in a class field set next to the socket
 * (`this.tcp = stream instanceof net.Socket`, `this.isTcp = !opts.path`), and flags that test the target a socket
 * was created with rather than the socket (`const useTcp = !socketPath; … if (useTcp) socket.setNoDelay(true)`).
 * guards.ts asks these; they only find syntax, and guards.ts decides what a condition proves.
 *
 * What is followed: a field written once in its class (in any method), with the condition as its value; a target
 * flag where the value it proves falsy is the argument (or the `.path` of the options argument) of every
 * `connect`/`createConnection` call that wrote the socket, in the same file. What is not: a flag written in several
 * places, a flag on another object than `this`, a target rebuilt between the flag and the call.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, constructorOf, memberName, staticString, unwrap } from './ast.ts';
import { fieldClass, fieldWrites, isConst, referenceKey, variableWrites } from './bindings.ts';
import type { FileContext } from './file-context/index.ts';

type Node = TSESTree.Node;

/** The calls that create a socket from a target (their first argument is the target). */
const CREATING = new Set(['connect', 'createConnection']);

/** `this.flag` read where the class writes `flag` exactly once, with a condition: that condition. */
export function storedFieldCondition(ctx: FileContext, node: TSESTree.MemberExpression): Node | undefined {
  const name = memberName(node);
  if (name === undefined) return undefined;
  const body = fieldClass(ctx, node);
  if (!body) return undefined;
  const writes = fieldWrites(ctx, body, name);
  if (writes.length !== 1) return undefined;
  const value = unwrap(writes[0]!.value);
  return isCondition(value) ? value : undefined;
}

/** An expression whose value is a test: `!x`, `a === b`, `x instanceof C`, `'m' in x`, `a && b`. */
function isCondition(node: Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') ||
    node.type === AST_NODE_TYPES.BinaryExpression ||
    (node.type === AST_NODE_TYPES.LogicalExpression && node.operator !== '??') ||
    node.type === AST_NODE_TYPES.CallExpression
  );
}

/**
 * The other names of a `this.field` subject in the condition of a field of the same class: the constructor's
 * parameter property (`constructor(private stream: Duplex)`) and the variable its one write copies
 * (`this.socket = socket`). `this.tcp = stream instanceof net.Socket` then speaks of `this.stream`.
 */
export function fieldAliases(ctx: FileContext, subject: Node): string[] {
  const inner = unwrap(subject);
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return [];
  const name = memberName(inner);
  const body = fieldClass(ctx, inner);
  if (name === undefined || !body) return [];
  const out: string[] = [];
  const writes = fieldWrites(ctx, body, name);
  const constructor = constructorOf(body);
  for (const param of constructor?.value.params ?? []) {
    if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
    const id = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
    if (id.type === AST_NODE_TYPES.Identifier && id.name === name && writes.length === 0) {
      const key = referenceKey(ctx, id);
      if (key) out.push(key);
    }
  }
  if (writes.length === 1) {
    const value = unwrap(writes[0]!.value);
    const key = value.type === AST_NODE_TYPES.Identifier && stable(ctx, value) ? referenceKey(ctx, value) : undefined;
    if (key) out.push(key);
  }
  return out;
}

/** A variable that is never written after its declaration. */
function stable(ctx: FileContext, id: TSESTree.Identifier): boolean {
  const variable = ctx.variable(id);
  if (!variable) return false;
  return isConst(variable) || variable.references.every((ref) => !ref.isWrite() || ref.init === true);
}

/**
 * Whether a value proven falsy (`!socketPath`, `!opts.path`, `opts.path == null`) is the target of every call that
 * created the subject and could name a path: then the subject is not a pipe. `tested` is the value proven falsy
 * (`'path' in opts` proven false passes `opts.path`).
 */
export function provesTargetNotPath(ctx: FileContext, subject: Node, tested: Node): boolean {
  const value = unwrap(tested);
  const root = rootOf(value);
  if (!root || !stable(ctx, root)) return false;
  const key = referenceKey(ctx, value);
  if (key === undefined) return false;
  const objectKey =
    value.type === AST_NODE_TYPES.MemberExpression && memberName(value) === 'path'
      ? referenceKey(ctx, value.object)
      : undefined;
  const targets = creationTargets(ctx, subject);
  if (!targets || targets.length === 0) return false;
  let matched = false;
  for (const target of targets) {
    const inner = unwrap(target);
    if (inner.type === AST_NODE_TYPES.Literal && typeof inner.value === 'number') continue;
    const literal = staticString(inner);
    if (literal !== undefined && Number(literal) >= 0) continue;
    const targetKey = referenceKey(ctx, inner);
    if (targetKey === undefined || (targetKey !== key && targetKey !== objectKey)) return false;
    matched = true;
  }
  return matched;
}

function rootOf(node: Node): TSESTree.Identifier | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
}

/**
 * The first arguments of the `connect(…)`/`createConnection(…)` calls whose socket the subject holds (through its
 * variable's or field's writes, and conditionals); undefined where a write is something else.
 */
function creationTargets(ctx: FileContext, subject: Node): Node[] | undefined {
  const inner = unwrap(subject);
  let values: Node[] | undefined;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = ctx.variable(inner);
    values = variable ? variableWrites(variable)?.map((w) => (w.property ? inner : w.value)) : undefined;
  } else if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    const body = fieldClass(ctx, inner);
    values = name !== undefined && body ? fieldWrites(ctx, body, name).map((w) => w.value) : undefined;
  }
  if (!values) return undefined;
  const out: Node[] = [];
  const pending = [...values];
  while (pending.length > 0) {
    const value = unwrap(pending.pop()!);
    if (value.type === AST_NODE_TYPES.ConditionalExpression) {
      pending.push(value.consequent, value.alternate);
      continue;
    }
    if (value.type !== AST_NODE_TYPES.CallExpression || !CREATING.has(calleeParts(value).name ?? '')) return undefined;
    const first = value.arguments[0];
    if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
    out.push(first);
  }
  return out;
}
