/**
 * Values kept in holders: a property of an object literal (`{ socket: net.connect(path) }.socket`, also returned by
 * a function of the program), a property written on an object later (`conn.socket = …`, `self.socket = …` after
 * `const self = this`), and the elements of arrays, sets and maps (`this.sockets.push(net.connect(path))` read by
 * `for (const s of this.sockets)` or `this.sockets.forEach((s) => …)`, `clients.set(id, socket)` read by
 * `clients.get(id)`).
 *
 * What a holder gives is every value the program is seen putting there (each in its own file), merged: one pipe
 * among them is a doubt at the read. What stops it: a holder reached through a parameter or `any` call, a property
 * that a spread or an unseen write may set (only the seen values count), collections filled in other files.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, isFunction, memberName, propertyKeyName, unwrap } from '../ast.ts';
import {
  classOfThis,
  fieldClass,
  fieldWrites,
  reachingWrite,
  referenceKey,
  variableWrites,
  walk,
} from '../bindings.ts';
import type { FileContext } from '../file-context/index.ts';
import { calleeFunction, crossing, importedDeclaration, returnedValues } from '../interprocedural.ts';
import type { Provenance } from './index.ts';
import { merge, type Node, type ValueInfo } from './value-info.ts';

const { DefinitionType } = TSESLint.Scope;

/** A node with the provenance of its file. */
interface Located {
  p: Provenance;
  node: Node;
}

const MAX_DEPTH = 4;

/** `holder.name` where the holder is an object the program builds: every value seen written to that property. */
export function heldProperty(p: Provenance, member: TSESTree.MemberExpression): ValueInfo | undefined {
  const name = memberName(member);
  if (name === undefined || member.object.type === AST_NODE_TYPES.ThisExpression) return undefined;
  // `conn.socket = a; …; conn.socket.setNoDelay(true)`: the write that reaches the read on every path
  const reaching = reachingWrite(p.ctx, member, member);
  if (reaching) return p.info(reaching);
  return infoOf(propertyValues(p, member.object, name, 0));
}

/** `const { socket } = makeConn()`: the destructured property of an object the program builds. */
export function heldDestructured(p: Provenance, value: Node, name: string): ValueInfo | undefined {
  return infoOf(propertyValues(p, value, name, 0));
}

function infoOf(values: Located[] | undefined): ValueInfo | undefined {
  if (!values || values.length === 0) return undefined;
  return merge(values.map((v) => v.p.info(v.node)));
}

/** The values written to `name` of the objects an expression may be; undefined where none is seen. */
function propertyValues(p: Provenance, object: Node, name: string, depth: number): Located[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrap(object);
  const out: Located[] = [];
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of inner.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) continue;
      if (propertyKeyName(property) === name && !isFunction(property.value)) out.push({ p, node: property.value });
    }
    return out;
  }
  // `this.x`, `self.x` in a class (a constructor function's `self` is a variable like any other, below)
  const body = classOfThis(p.ctx, inner);
  if (inner.type === AST_NODE_TYPES.ThisExpression || body) {
    if (body) for (const write of fieldWrites(p.ctx, body, name)) out.push({ p, node: write.value });
    return out;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const target = crossing(p.ctx, () => calleeFunction(p.ctx, inner));
    if (!target || target.fn.async || target.fn.generator) return undefined;
    for (const value of returnedValues(target.fn)) {
      const found = crossing(p.ctx, () => propertyValues(target.file.provenance, value, name, depth + 1));
      if (found) out.push(...found);
    }
    return out;
  }
  if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
  const imported = importedDeclaration(p.ctx, inner);
  if (imported) return crossing(p.ctx, () => propertyValues(imported.file.provenance, imported.node, name, depth + 1));
  const variable = p.ctx.variable(inner);
  if (!variable || variable.defs[0]?.type !== DefinitionType.Variable) return undefined;
  for (const write of variableWrites(variable) ?? []) {
    if (write.property) continue;
    out.push(...(propertyValues(p, write.value, name, depth + 1) ?? []));
  }
  // `conn.socket = …`, `self.socket = …`: properties set on the object after it was made
  for (const ref of variable.references) {
    const use = ref.identifier.parent;
    if (use?.type !== AST_NODE_TYPES.MemberExpression || use.object !== ref.identifier || memberName(use) !== name)
      continue;
    const assignment = use.parent;
    if (
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.left === use &&
      assignment.operator === '='
    )
      out.push({ p, node: assignment.right });
  }
  return out;
}

/** Methods that put a value into a collection, and the index of the value among their arguments. */
const PUTS: Readonly<Record<string, number>> = { push: 0, unshift: 0, add: 0, set: 1 };
/** Methods whose callback gets each element as its first parameter. */
const EACH = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'flatMap', 'reduce']);

const puts = new WeakMap<FileContext, Map<string, Node[]>>();

/** Every value a file puts into a collection, by the collection's reference key (one walk per file). */
function putsOf(ctx: FileContext): Map<string, Node[]> {
  let map = puts.get(ctx);
  if (map) return map;
  const found = new Map<string, Node[]>();
  walk(ctx, ctx.sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const { object, name } = calleeParts(node);
    const index = name === undefined ? undefined : PUTS[name];
    if (!object || index === undefined) return;
    const value = node.arguments[index];
    const key = collectionKey(ctx, object);
    if (!value || value.type === AST_NODE_TYPES.SpreadElement || key === undefined) return;
    found.set(key, [...(found.get(key) ?? []), value]);
  });
  puts.set(ctx, (map = found));
  return map;
}

/** A collection's key: its variable, or `this.name` within its class. */
function collectionKey(ctx: FileContext, node: Node): string | undefined {
  const inner = unwrap(node);
  const key = referenceKey(ctx, inner);
  if (key === undefined) return undefined;
  if (key.startsWith('this.')) {
    const body = fieldClass(ctx, inner);
    return body ? `${key}@${body.range[0]}` : undefined;
  }
  return key;
}

/** The elements of a collection that the file is seen putting into it (and its array literal's), if any. */
export function elementsOf(p: Provenance, collection: Node): ValueInfo | undefined {
  const key = collectionKey(p.ctx, collection);
  if (key === undefined) return undefined;
  const values = [...(putsOf(p.ctx).get(key) ?? [])];
  const inner = unwrap(collection);
  const variable = inner.type === AST_NODE_TYPES.Identifier ? p.ctx.variable(inner) : undefined;
  for (const write of variable ? (variableWrites(variable) ?? []) : []) {
    const value = unwrap(write.value);
    if (!write.property && value.type === AST_NODE_TYPES.ArrayExpression)
      for (const element of value.elements)
        if (element && element.type !== AST_NODE_TYPES.SpreadElement) values.push(element);
  }
  if (values.length === 0) return undefined;
  return merge(values.map((v) => p.info(v)));
}

/** `map.get(k)` of a map the file fills with `map.set(k, v)`: the values it holds. */
export function collectionRead(p: Provenance, call: TSESTree.CallExpression): ValueInfo | undefined {
  const { object, name } = calleeParts(call);
  if (!object || name !== 'get') return undefined;
  return elementsOf(p, object);
}

/** `for (const s of sockets)`: the loop variable is an element of the collection. */
export function loopElement(p: Provenance, declarator: Node): ValueInfo | undefined {
  const declaration = declarator.parent;
  const loop = declaration?.parent;
  if (loop?.type !== AST_NODE_TYPES.ForOfStatement || loop.left !== declaration) return undefined;
  return elementsOf(p, loop.right);
}

/** `sockets.forEach((s) => …)`: the callback's first parameter is an element of the collection. */
export function callbackElement(p: Provenance, fn: Node, index: number): ValueInfo | undefined {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return undefined;
  const { object, name } = calleeParts(call);
  if (!object || !EACH.has(name ?? '') || index !== (name === 'reduce' ? 1 : 0)) return undefined;
  return elementsOf(p, object);
}
