/**
 * What an options object ends up holding where it is used (`net.connect(opts)`, `server.listen(opts)`): the keys it
 * has on each path, followed through every JavaScript form that builds one. Object literals with spreads,
 * conditionals and `||`/`??`, `Object.assign`, variables and the later `opts.path = …`, `delete opts.path` and
 * `Object.assign(opts, …)` before the use, members of other objects (`config.net`), parameters (what the calls pass,
 * in any module) and builders (what a function of the program returns). A `'path' in opts` or `opts.path ===
 * undefined` test that dominates the use keeps only the paths it allows.
 *
 * A key is `unknown` where something we cannot see may set it (a spread of a value of no known shape); a shape is
 * `open` when such a value may add keys. Past MAX_SHAPES paths or MAX_DEPTH steps, no shape (the type decides).
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { requiresProperty } from './type-predicates.ts';
import {
  alwaysExits,
  cannotReach,
  contains,
  isFunction,
  memberName,
  propertyKeyName,
  staticString,
  unwrap,
} from './ast.ts';
import { fieldClass, fieldWrites, parameterIndexOf, parameterOf, variableWrites } from './bindings.ts';
import type { FileContext } from './file-context/index.ts';
import { calleeFunction, type FunctionNode, indexOf, returnedValues } from './interprocedural.ts';

const { DefinitionType } = TSESLint.Scope;

type Node = TSESTree.Node;

/** A key's value where it is set, in the file of that node. */
export interface KeyValue {
  /** What shows the key: the property, the assignment, or a typed value whose type requires it. */
  node: Node;
  value: Node;
  ctx: FileContext;
}

export interface OptionsShape {
  keys: ReadonlyMap<string, KeyValue | 'unknown'>;
  /** Keys not in `keys` may be present (an unresolved spread). */
  open: boolean;
  /** The object literal, where the shape is exactly one literal's own keys (fixes edit it). */
  literal?: TSESTree.ObjectExpression;
}

const MAX_SHAPES = 8;
const MAX_DEPTH = 8;

/** The shapes an options value may have at its use, or undefined where none is known. */
export function optionsShapes(ctx: FileContext, node: Node): OptionsShape[] | undefined {
  const shapes = shapesOf(ctx, node, 0);
  return shapes && narrowByTests(ctx, node, shapes);
}

/** A key as the shape has it: set, unknown, or (open shape) perhaps set. */
export function keyOf(shape: OptionsShape, key: string): KeyValue | 'unknown' | undefined {
  return shape.keys.get(key) ?? (shape.open ? 'unknown' : undefined);
}

function shapesOf(ctx: FileContext, node: Node, depth: number): OptionsShape[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrap(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return literalShapes(ctx, inner, depth);
    case AST_NODE_TYPES.ConditionalExpression:
      return union(shapesOf(ctx, inner.consequent, depth + 1), shapesOf(ctx, inner.alternate, depth + 1));
    case AST_NODE_TYPES.LogicalExpression:
      return inner.operator === '&&'
        ? shapesOf(ctx, inner.right, depth + 1)
        : union(shapesOf(ctx, inner.left, depth + 1), shapesOf(ctx, inner.right, depth + 1));
    case AST_NODE_TYPES.AwaitExpression:
      return shapesOf(ctx, inner.argument, depth + 1);
    case AST_NODE_TYPES.Identifier:
      return variableShapes(ctx, inner, depth);
    case AST_NODE_TYPES.MemberExpression:
      return memberShapes(ctx, inner, depth);
    case AST_NODE_TYPES.CallExpression:
      return callShapes(ctx, inner, depth);
    default:
      return undefined;
  }
}

function literalShapes(ctx: FileContext, object: TSESTree.ObjectExpression, depth: number): OptionsShape[] {
  let shapes: OptionsShape[] = [{ keys: new Map(), open: false }];
  let plain = true;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      plain = false;
      shapes = assign(ctx, shapes, prop.argument, depth);
      continue;
    }
    const name = propertyKeyName(prop);
    if (name === undefined) {
      // a computed key: any key may be set
      shapes = shapes.map((s) => ({ keys: unknownAll(s.keys), open: true }));
      continue;
    }
    for (const shape of shapes)
      (shape.keys as Map<string, KeyValue | 'unknown'>).set(name, { node: prop, value: prop.value, ctx });
  }
  return plain ? shapes.map((s) => ({ ...s, literal: object })) : shapes;
}

/** The shapes after copying `source`'s keys over each of `shapes` (a spread, `Object.assign`). */
function assign(ctx: FileContext, shapes: OptionsShape[], source: Node, depth: number): OptionsShape[] {
  const sources = shapesOf(ctx, source, depth + 1) ?? [typedShape(ctx, source)];
  const out: OptionsShape[] = [];
  for (const shape of shapes) {
    for (const from of sources) {
      const keys = new Map(from.open ? unknownAll(shape.keys) : shape.keys);
      for (const [key, value] of from.keys) keys.set(key, value);
      out.push({ keys, open: shape.open || from.open });
    }
  }
  return out.slice(0, MAX_SHAPES);
}

/** A value of no visible shape: the keys its type requires, and any other key may be there. */
function typedShape(ctx: FileContext, node: Node): OptionsShape {
  const keys = new Map<string, KeyValue | 'unknown'>();
  const members = ctx.membersAt(node).filter((m) => m.verdict !== 'nullish');
  if (members.length > 0 && members.every((m) => m.verdict === 'other')) {
    for (const property of members[0]!.type.getProperties())
      if (requiresProperty(members, property.name)) keys.set(property.name, { node, value: node, ctx });
  }
  return { keys, open: true };
}

function unknownAll(keys: ReadonlyMap<string, KeyValue | 'unknown'>): Map<string, KeyValue | 'unknown'> {
  return new Map([...keys.keys()].map((k) => [k, 'unknown' as const]));
}

function union(a: OptionsShape[] | undefined, b: OptionsShape[] | undefined): OptionsShape[] | undefined {
  if (!a || !b) return undefined;
  const all = [...a, ...b];
  return all.length > MAX_SHAPES ? undefined : all;
}

/** A variable: what was written to it, then what changed it before the use. A parameter: what its calls pass. */
function variableShapes(ctx: FileContext, id: TSESTree.Identifier, depth: number): OptionsShape[] | undefined {
  const variable = ctx.variable(id);
  const def = variable?.defs[0];
  if (!variable || !def) return undefined;
  let shapes: OptionsShape[] | undefined;
  if (def.type === DefinitionType.Parameter && def.name.type === AST_NODE_TYPES.Identifier) {
    const param = parameterOf(def.name);
    const program = indexOf(ctx).fileOfContext(ctx);
    const args = param && program?.provenance.parameterArguments(param.fn, param.index);
    if (!args || args.length === 0) return undefined;
    for (const arg of args) {
      shapes =
        shapes === undefined && arg === args[0]
          ? shapesOf(arg.in.ctx, arg.node, depth + 1)
          : union(shapes, shapesOf(arg.in.ctx, arg.node, depth + 1));
      if (!shapes) return undefined;
    }
    if (variable.references.some((r) => r.isWrite())) return undefined;
  } else if (def.type === DefinitionType.Variable) {
    const writes = variableWrites(variable);
    if (!writes || writes.length !== 1 || writes[0]!.property) return undefined;
    shapes = shapesOf(ctx, writes[0]!.value, depth + 1);
  }
  if (!shapes) return undefined;
  return mutated(ctx, variable.references, id, shapes, depth);
}

/**
 * The changes made to the object through a variable before the use: `opts.path = p`, `delete opts.path`,
 * `Object.assign(opts, …)`. A change in a block that does not hold the use may or may not have run: both shapes;
 * but of the changes in the two branches of an `if … else` before the use, one branch's run or the other's.
 * The object passed to another function before the use may be changed there: unknown keys.
 */
function mutated(
  ctx: FileContext,
  references: readonly { identifier: TSESTree.Identifier | TSESTree.JSXIdentifier; init?: boolean | null }[],
  use: Node,
  shapes: OptionsShape[],
  depth: number,
): OptionsShape[] | undefined {
  const changes: Change[] = [];
  const sorted = [...references].sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
  for (const reference of sorted) {
    const id = reference.identifier as Node;
    if (id.range[0] >= use.range[0] || reference.init) continue;
    const parent = id.parent!;
    let change: ((shape: OptionsShape) => OptionsShape[]) | undefined;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === id) {
      const key = memberName(parent);
      const holder = parent.parent;
      if (holder.type === AST_NODE_TYPES.AssignmentExpression && holder.left === parent) {
        change = (s) => {
          const keys = new Map(s.keys);
          if (key === undefined) return [{ keys: unknownAll(keys), open: true }];
          keys.set(key, { node: holder, value: holder.right, ctx });
          return [{ keys, open: s.open }];
        };
      } else if (holder.type === AST_NODE_TYPES.UnaryExpression && holder.operator === 'delete') {
        change = (s) => {
          const keys = new Map(s.keys);
          if (key === undefined) return [{ keys: unknownAll(keys), open: true }];
          keys.delete(key);
          return [{ keys, open: s.open }];
        };
      }
    } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === id && isObjectAssign(parent)) {
      const sources = parent.arguments.slice(1);
      change = (s) => {
        let out = [s];
        for (const source of sources) {
          if (source.type === AST_NODE_TYPES.SpreadElement) return [{ keys: unknownAll(s.keys), open: true }];
          out = assign(ctx, out, source, depth);
        }
        return out;
      };
    } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== id) {
      // passed to a function before the use: it may set or delete keys
      change = (s) => [{ keys: unknownAll(s.keys), open: true }];
    }
    // `r.path = p; return r;` in one branch, `r.port = n; return r;` in another: a change that never gets to the use
    if (change && !cannotReach(id, use)) changes.push({ id, change });
  }
  return applyChanges(changes, shapes, (node) => contains(node, use));
}

type Change = { id: Node; change: (shape: OptionsShape) => OptionsShape[] };

/** The shapes a change makes of a shape: no longer one literal's own keys (`literal`), which fixes would edit. */
function changedBy(change: Change['change'], shape: OptionsShape): OptionsShape[] {
  return change(shape).map((s) => ({ keys: s.keys, open: s.open }));
}

/**
 * The shapes after the changes, in order, up to the node `reached` tells (around the use, or the `if` statement
 * whose branch they are in).
 * A change that runs whenever that point is reached applies; the changes inside an `if` statement apply branch by
 * branch (one branch's or the other's, never both nor neither: a branch that always exits gives none), and within a
 * branch the same way; any other change may or may not have run (both shapes).
 */
function applyChanges(
  changes: readonly Change[],
  shapes: OptionsShape[],
  reached: (node: Node) => boolean,
): OptionsShape[] | undefined {
  let current = shapes;
  for (let i = 0; i < changes.length; i++) {
    const { id, change } = changes[i]!;
    const site = branchSite(id, reached);
    let next: OptionsShape[] = [];
    if (site === 'certain') next = current.flatMap((shape) => changedBy(change, shape));
    else if (site) {
      const group = changes.slice(i).filter((c) => contains(site, c.id));
      for (const branch of [site.consequent, site.alternate]) {
        if (branch && alwaysExits(branch)) continue;
        const inBranch = branch ? group.filter((c) => contains(branch, c.id)) : [];
        // up to the statement itself: a branch that is an `if` of its own (`else if`) is taken apart in turn
        const there = applyChanges(inBranch, current, (node) => node === site);
        if (!there) return undefined;
        next.push(...there);
      }
      i += group.length - 1;
    } else next = current.flatMap((shape) => [...changedBy(change, shape), shape]);
    if (next.length > MAX_SHAPES) return undefined;
    current = next;
  }
  return current;
}

function isObjectAssign(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(callee) === 'assign' &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Object'
  );
}

/** `config.net`, `this.options`: the key of the object's shape, or the writes of a class field. */
function memberShapes(ctx: FileContext, member: TSESTree.MemberExpression, depth: number): OptionsShape[] | undefined {
  const name = memberName(member);
  if (name === undefined) return undefined;
  const body = fieldClass(ctx, member);
  if (body) {
    const writes = fieldWrites(ctx, body, name);
    if (writes.length !== 1) return undefined;
    return shapesOf(ctx, writes[0]!.value, depth + 1);
  }
  const owners = shapesOf(ctx, member.object, depth + 1);
  if (!owners) return undefined;
  let out: OptionsShape[] | undefined;
  for (const owner of owners) {
    const value = owner.keys.get(name);
    if (!value || value === 'unknown') return undefined;
    const shapes = shapesOf(value.ctx, value.value, depth + 1);
    out = out ? union(out, shapes) : shapes;
    if (!out) return undefined;
  }
  return out;
}

/** `Object.assign({}, a, b)`, and a builder of the program: what it returns, in its own file. */
function callShapes(ctx: FileContext, call: TSESTree.CallExpression, depth: number): OptionsShape[] | undefined {
  if (isObjectAssign(call)) {
    const [target, ...sources] = call.arguments;
    if (!target || target.type === AST_NODE_TYPES.SpreadElement) return undefined;
    let shapes = shapesOf(ctx, target, depth + 1);
    if (!shapes) return undefined;
    for (const source of sources) {
      if (source.type === AST_NODE_TYPES.SpreadElement) return undefined;
      shapes = assign(ctx, shapes, source, depth);
    }
    return shapes.map((s) => ({ keys: s.keys, open: s.open }));
  }
  const target = calleeFunction(ctx, call);
  if (!target || target.fn.generator) return undefined;
  const values = returnedValues(target.fn);
  let out: OptionsShape[] | undefined;
  for (const value of values) {
    const bound = returnedParameter(ctx, call, target, value, depth);
    const shapes = bound === null ? shapesOf(target.file.ctx, value, depth + 1) : bound;
    out = out ? union(out, shapes) : shapes;
    if (!out) return undefined;
  }
  return out?.map((s) => ({ keys: s.keys, open: s.open }));
}

/**
 * A parameter the function returns (`function copyInto(from, to) { …; return to; }`), as this call binds it: the
 * call's argument there, with what the function does to it before the return. Not what every call passes (the
 * parameter's own shapes), which one caller with an unknown argument leaves unknown. Null where the value is no such
 * parameter.
 */
function returnedParameter(
  ctx: FileContext,
  call: TSESTree.CallExpression,
  target: { fn: FunctionNode; file: { ctx: FileContext } },
  value: Node,
  depth: number,
): OptionsShape[] | undefined | null {
  const inner = unwrap(value);
  const there = target.file.ctx;
  const index = parameterIndexOf(there, target.fn, inner);
  if (index < 0 || target.fn.params[index]!.type !== AST_NODE_TYPES.Identifier) return null;
  const argument = call.arguments[index];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const shapes = shapesOf(ctx, argument, depth + 1);
  const variable = there.variable(inner as TSESTree.Identifier);
  return shapes && variable ? mutated(there, variable.references, inner, shapes, depth) : undefined;
}

/**
 * Tests that dominate the use keep the shapes they allow: `'path' in opts` (present), `opts.path === undefined`
 * and `!opts.path` (absent or empty: the key may still be there, so only shapes without it are kept where the test
 * says absent), and their negations through `else`. Tests of an `if`, a `?:` or the left side of `&&` around the
 * use count; an early exit before it (`if (!('path' in opts)) return;`) does not yet.
 */
function narrowByTests(ctx: FileContext, use: Node, shapes: OptionsShape[]): OptionsShape[] {
  const subject = unwrap(use);
  if (subject.type !== AST_NODE_TYPES.Identifier) return shapes;
  const variable = ctx.variable(subject);
  if (!variable) return shapes;
  const same = (node: Node): boolean => {
    const inner = unwrap(node);
    return inner.type === AST_NODE_TYPES.Identifier && ctx.variable(inner) === variable;
  };
  /** What a test says of a key when it is `truth`: present, absent, or nothing. */
  const facts = (test: Node, truth: boolean, out: { key: string; present: boolean }[]): void => {
    const node = unwrap(test);
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
      facts(node.argument, !truth, out);
      return;
    }
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&' && truth) {
      facts(node.left, true, out);
      facts(node.right, true, out);
      return;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === 'in' && same(node.right)) {
      const key = staticString(node.left);
      if (key !== undefined) out.push({ key, present: truth });
      return;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
      const [member, other] =
        unwrap(node.left).type === AST_NODE_TYPES.MemberExpression ? [node.left, node.right] : [node.right, node.left];
      const inner = unwrap(member);
      const isUndefined =
        (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined') ||
        (other.type === AST_NODE_TYPES.Literal && other.value === null && node.operator.length === 2);
      if (inner.type !== AST_NODE_TYPES.MemberExpression || !same(inner.object) || !isUndefined) return;
      const key = memberName(inner);
      const equal = node.operator.startsWith('=');
      // `opts.path !== undefined` true: present; `opts.path === undefined` true: unset or undefined (`listen`
      // still sees a present key, so only "present" is kept from this test)
      if (key !== undefined && equal !== truth) out.push({ key, present: true });
      return;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && same(node.object) && truth) {
      const key = memberName(node);
      if (key !== undefined) out.push({ key, present: true });
    }
  };
  const found: { key: string; present: boolean }[] = [];
  let child: Node = use;
  for (let parent = use.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      if (child === parent.consequent) facts(parent.test, true, found);
      else if (child === parent.alternate) facts(parent.test, false, found);
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && child === parent.right && parent.operator === '&&')
      facts(parent.left, true, found);
  }
  if (found.length === 0) return shapes;
  const kept = shapes.filter((shape) =>
    found.every(({ key, present }) => {
      const value = keyOf(shape, key);
      return present ? value !== undefined : value === undefined || value === 'unknown';
    }),
  );
  // a present key the shape left unknown is now known to be there, but not its value: keep the shape as it was
  return kept.length > 0 ? kept : shapes;
}

/**
 * Where the change at `node` runs, up to the node `reached` tells: `certain` where it runs whenever that node does
 * (no branch, loop, `catch` or function between them), the outermost `if` statement between them where only
 * what lies inside that statement's branches is uncertain (applyChanges takes it branch by branch), undefined
 * otherwise.
 */
function branchSite(node: Node, reached: (node: Node) => boolean): 'certain' | TSESTree.IfStatement | undefined {
  let statement: TSESTree.IfStatement | undefined;
  let uncertain = false;
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (reached(parent)) return uncertain ? undefined : (statement ?? 'certain');
    if (isFunction(parent)) return undefined;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
        if (child !== parent.test) {
          statement = parent;
          uncertain = false;
        }
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child !== parent.test) uncertain = true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right) uncertain = true;
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.CatchClause:
        uncertain = true;
        break;
      default:
        break;
    }
  }
  return undefined;
}
