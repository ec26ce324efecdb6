/** Where a variable's uses narrow it (the paths TypeScript narrows), so that its declared type stands elsewhere. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { classMemberOf, memberName, outermostLoop, plainAssignmentOf, staticString } from '../ast.ts';
import { walk } from '../bindings.ts';
import { SOCKET_ONLY_MEMBERS } from '../node-members.ts';
import type { FileContext, Variable } from './index.ts';

/** A reference whose property paths TypeScript narrows: a variable's identifier, or `this`. */
type Reference = TSESTree.Identifier | TSESTree.ThisExpression;

/**
 * The property paths of a variable that some use may narrow (see narrowingPath), relative to it: '' for the
 * variable itself, 'a.b' for `x.a.b`; where that use starts, and the outermost loop around it (through a loop's
 * back edge a narrowing reaches uses before it). Null when the variable is written after its declaration otherwise
 * than by a plain assignment (`x = value`, a narrowing of '' marked `assigned`).
 */
export function narrowedPaths(p: FileContext, variable: Variable): readonly Narrowing[] | null {
  if (p.narrowed.has(variable)) return p.narrowed.get(variable)!;
  let paths: Narrowing[] | null = [];
  for (const reference of variable.references) {
    // a plain `x = value` is a narrowing (of a union only: declaredTypeAt); any other write gives up
    if (reference.isWrite() && reference.init !== true && !plainAssignmentOf(reference.identifier)) {
      paths = null;
      break;
    }
    const narrowing = narrowingAt(reference.identifier as TSESTree.Identifier, variable.name);
    if (narrowing) paths.push(narrowing);
  }
  p.narrowed.set(variable, paths);
  return paths;
}

const thisNarrowed = new WeakMap<TSESTree.Node, readonly Narrowing[]>();

/**
 * The property paths of `this` that some use may narrow where `use` is, as narrowedPaths has them for a variable:
 * those in the class member that holds `use` (`this.socket = s` in the constructor narrows nothing in another
 * method: flow analysis does not cross from one member into another), so only that member is walked, once. Every
 * `this` of the member counts, also those of nested functions and classes, which only adds narrowings. Null (not
 * known) where the use is in no member of the class.
 */
export function thisNarrowingsAt(
  p: FileContext,
  owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  use: TSESTree.Node,
): readonly Narrowing[] | null {
  const member = classMemberOf(use, owner.body);
  if (!member) return null;
  let paths = thisNarrowed.get(member);
  if (!paths) {
    const found: Narrowing[] = [];
    walk(p, member, (node) => {
      if (node.type !== AST_NODE_TYPES.ThisExpression) return;
      const narrowing = narrowingAt(node, 'this');
      if (narrowing) found.push(narrowing);
    });
    thisNarrowed.set(member, (paths = found));
  }
  return paths;
}

function narrowingAt(reference: Reference, name: string): Narrowing | undefined {
  const site = narrowingSite(reference, name);
  if (!site) return undefined;
  const { path, argumentOf, assigned } = site;
  return {
    path,
    start: reference.range[0],
    loop: outermostLoop(reference),
    presence: isPresenceTest(reference, path),
    ...(argumentOf && { argumentOf }),
    ...(assigned && { assigned }),
  };
}

/**
 * The property path (relative to the variable) that a use narrows, if it sits where TypeScript narrows: a
 * condition, a comparison, `typeof`, `!`, `in` or `instanceof` (also stored in a variable, which TypeScript follows),
 * the left side of `&&`, `||` or `??` when the right side uses the variable again, a call argument (a type predicate
 * or assertion function), the target of an assignment. `if (!s.authorized)` narrows 'authorized'; `check(s)` and
 * `if (s.isFoo())` (a method may be a `this is T` predicate) narrow ''. Purely syntactic and conservative; undefined
 * where the use narrows nothing (`const peer = s.a ?? 'unknown'`, `s.a.write(x)`).
 */
export function narrowingPath(reference: Reference, name: string): string | undefined {
  return narrowingSite(reference, name)?.path;
}

/**
 * narrowingPath, and the call where the use narrows only as an argument (`check(s)`, `this.track(this)`): TypeScript
 * narrows an argument only where the callee is a type predicate or an assertion function (mayNarrowArgument). A
 * `new` expression's arguments narrow nothing: a constructor is neither.
 */
function narrowingSite(
  reference: Reference,
  name: string,
): { path: string; argumentOf?: TSESTree.CallExpression; assigned?: boolean } | undefined {
  const names: string[] = [];
  let called: number | undefined;
  const path = (): string => names.slice(0, called ?? names.length).join('.');
  const at = (): { path: string } => ({ path: path() });
  let node: TSESTree.Node = reference;
  for (let parent = node.parent; parent; node = parent, parent = node.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) return undefined;
        const member = memberName(parent);
        if (member === undefined) return undefined;
        if (called === undefined) names.push(member);
        continue;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== node)
          return parent.type === AST_NODE_TYPES.NewExpression ? undefined : { path: path(), argumentOf: parent };
        // the call's value is not a reference: from here on, what can be narrowed is its receiver
        called ??= Math.max(0, names.length - 1);
        continue;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.left === node && mentions(parent.right, name)) return at();
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return at();
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        return ['===', '!==', '==', '!=', 'instanceof', 'in'].includes(parent.operator) ? at() : undefined;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'typeof' || parent.operator === '!' ? at() : undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.left !== node) return undefined;
        return parent.operator === '=' ? { path: path(), assigned: true } : at();
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.SwitchStatement:
        return at();
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        return parent.test === node ? at() : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A use that may narrow a property path of a variable (FileContext.narrowedPaths). */
export interface Narrowing {
  path: string;
  start: number;
  loop: TSESTree.Range | undefined;
  /**
   * `'setKeepAlive' in x`, a test of a member that a socket has and a plain stream lacks: on an object type that is no
   * union, TypeScript's narrowing only adds that member (typeForMembers).
   */
  presence: boolean;
  /** The call the use is an argument of, where that is all that may narrow it (mayNarrowArgument decides). */
  argumentOf?: TSESTree.CallExpression;
  /**
   * The use is the target of a plain `=` (`this.timer = setTimeout(…)`): TypeScript's flow type after it is the
   * assigned type only where the path's declared type is a union (or inferred from such assignments); otherwise the
   * declared type (assignmentNarrows decides).
   */
  assigned?: boolean;
}

/**
 * Whether the use is the right operand of `in` with a socket member on the left (`'setKeepAlive' in socket`), through
 * the member path it narrows. Only those: another member's type could matter elsewhere (`'agent' in options`).
 */
function isPresenceTest(reference: Reference, path: string): boolean {
  let node: TSESTree.Node = reference;
  for (let i = path === '' ? 0 : path.split('.').length; i > 0; i--) node = node.parent!;
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.BinaryExpression || parent.operator !== 'in' || parent.right !== node)
    return false;
  return SOCKET_ONLY_MEMBERS.has(staticString(parent.left) ?? '');
}

/** Whether `prefix` is a strict prefix of the property path (`''` of every other, `a` of `a.b`). */
export function isPathPrefix(prefix: string, path: string): boolean {
  return prefix !== path && (prefix === '' || path.startsWith(`${prefix}.`));
}

/** Whether an identifier of this name occurs in the expression (a cheap syntactic scan). */
function mentions(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name;
  if (node.type === AST_NODE_TYPES.ThisExpression) return name === 'this';
  for (const key of Object.keys(node) as (keyof typeof node)[]) {
    if (key === 'parent') continue;
    const value = node[key] as unknown;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children)
      if (child && typeof (child as TSESTree.Node).type === 'string' && mentions(child as TSESTree.Node, name))
        return true;
  }
  return false;
}
