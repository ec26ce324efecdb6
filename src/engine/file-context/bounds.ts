/**
 * Upper bounds of a type read from declarations, and the questions answered from them where every part agrees: which
 * declarations a member has (memberDeclarations, for callees), askByParts (the type for members).
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  classMemberOf,
  constructorOf,
  enclosingFunction,
  instanceClass,
  isFunction,
  memberName,
  outermostLoop,
  plainAssignmentOf,
  propertyKeyName,
  soleProperty,
} from '../ast.ts';
import { COMPUTED_MEMBER, thisMemberUses, walk } from '../bindings.ts';
import { observer } from '../stats.ts';
import ts from '../typescript.cts';
import { calleeDeclarations, mayNarrowArgument } from './callees.ts';
import { classSymbol, constructedType, declaredTypeAt } from './declared-types.ts';
import type { FileContext, Variable } from './index.ts';
import { narrowingPath } from './narrowing.ts';

/**
 * The declarations of member `name` of the value of `object`, where every part of its type declares the member
 * alike (one class, or a union whose parts inherit it from one class: `Http2Server | Http2SecureServer` and
 * `net.Server.address`). The receiver's type is read from declarations where they give it exactly (declaredTypeAt);
 * otherwise from an upper bound (typeBound), which answers whenever all its parts agree, since TypeScript's type
 * is made of some of them; only then is the flow type asked (not without `flow`: then undefined). `const server =
 * p.createServer(…)` with a method that returns a `let server: Http2Server | Http2SecureServer`: TypeScript infers
 * the method's return type by checking its body, the calls assigned to `server` and every call on the way (grpc-js's
 * server.ts: docs/performance.md).
 */
export function memberDeclarations(
  p: FileContext,
  object: TSESTree.Node,
  name: string,
  flow = true,
): readonly ts.Declaration[] | undefined {
  if (object.type === AST_NODE_TYPES.ThisExpression && !p.types.has(object)) {
    const found = observer
      ? observer.observe(() => thisMemberDeclarations(p, object, name))
      : thisMemberDeclarations(p, object, name);
    if (found) return found;
  }
  if (!p.types.has(object)) {
    // before declaredTypeAt, which would have TypeScript infer the field's type from the literals' whole makers
    const literal = observer
      ? observer.observe(() => literalMembers(p, object, name))
      : literalMembers(p, object, name);
    if (literal) return literal;
    const declared = observer ? observer.observe(() => declaredTypeAt(p, object)) : declaredTypeAt(p, object);
    if (declared) p.types.set(object, declared);
    else {
      const bound = observer ? observer.observe(() => typeBound(p, object)) : typeBound(p, object);
      const found = bound && sameDeclarations(bound, name);
      if (found) return found;
    }
  }
  const owner = flow || p.types.has(object) ? p.typeAt(object) : undefined;
  return owner && sameDeclarations(owner.isUnion() ? owner.types : [owner], name);
}

/**
 * The declarations of member `name` of `this` in a non-static member of a class (through arrow functions),
 * read from the class's declared type. TypeScript types `this` there as the class's `this` type, whose members are
 * those of the declared type, but it finds that type by flow analysis of the enclosing function (7 ms for
 * `this._setupHandlers(…)` in grpc-js's server.ts). Undefined, so that the flow type is asked, where something in
 * that class member may narrow `this` (mayNarrowThis).
 */
function thisMemberDeclarations(
  p: FileContext,
  node: TSESTree.ThisExpression,
  name: string,
): readonly ts.Declaration[] | undefined {
  const owner = instanceClass(node);
  if (!owner) return undefined;
  const member = classMemberOf(node, owner.body);
  if (!member) return undefined;
  const type = p.query(() => {
    const symbol = classSymbol(p, owner);
    return symbol ? p.checker.getDeclaredTypeOfSymbol(symbol) : undefined;
  });
  if (!type || mayNarrowThis(p, member, type)) return undefined;
  return sameDeclarations([type], name);
}

const narrowsThis = new WeakMap<TSESTree.Node, boolean>();

/**
 * Whether anything in a class member may narrow `this`: `this` compared, tested with `instanceof`, `in`, `typeof`
 * or `switch`, passed to a call (a type predicate or assertion function), or a method of `this` called that is not a
 * method declared with a return type other than a type predicate (`isOpen(): this is Open`, `asserts this`).
 */
function mayNarrowThis(p: FileContext, member: TSESTree.Node, classType: ts.Type): boolean {
  let found = narrowsThis.get(member);
  if (found !== undefined) return found;
  found = false;
  walk(p, member, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ThisExpression) {
      const parent = node.parent;
      if (
        parent.type === AST_NODE_TYPES.BinaryExpression ||
        parent.type === AST_NODE_TYPES.SpreadElement ||
        parent.type === AST_NODE_TYPES.SwitchStatement ||
        (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') ||
        ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
          parent.callee !== node)
      )
        found = true;
    } else if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.object.type === AST_NODE_TYPES.ThisExpression
    ) {
      const method = memberName(node.callee);
      const declarations = method === undefined ? undefined : classType.getProperty(method)?.declarations;
      if (
        !declarations ||
        declarations.some(
          (d) =>
            !(ts.isMethodDeclaration(d) || ts.isMethodSignature(d)) || (!!d.type && ts.isTypePredicateNode(d.type)),
        )
      )
        found = true;
    }
  });
  narrowsThis.set(member, found);
  return found;
}

/**
 * Types that every part of TypeScript's type at a reference is one of, read from declarations (an upper bound, not
 * the type: a union may have fewer parts at the use). Undefined where they do not bound it. A variable:
 *
 * - with a written type that is an object type or a union of them (`let server: A | B`): TypeScript narrows such a
 *   variable by assignments, by tests and by discriminants to some of its parts; never by `instanceof`, `in`, a
 *   type predicate or an assertion function before the use (mayNarrowApart), nor by a compound assignment;
 * - a `const` initialized by a call to a function or method of this file that declares no return type: the bounds
 *   of what its `return` statements return (TypeScript infers the union of their types).
 */
export function typeBound(p: FileContext, node: TSESTree.Node, depth = 0): readonly ts.Type[] | undefined {
  if (p.bounds.has(node)) return p.bounds.get(node);
  p.bounds.set(node, undefined);
  const bound = computeBound(p, node, depth);
  p.bounds.set(node, bound);
  return bound;
}

function computeBound(p: FileContext, node: TSESTree.Node, depth: number): readonly ts.Type[] | undefined {
  const declared = p.types.get(node) ?? declaredTypeAt(p, node);
  if (declared) return declared.isUnion() ? declared.types : [declared];
  if (node.type === AST_NODE_TYPES.MemberExpression) return fieldBound(p, node);
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return undefined;
  const variable = p.variable(node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    def?.type !== TSESLint.Scope.DefinitionType.Variable ||
    def.name.type !== AST_NODE_TYPES.Identifier ||
    def.node.id !== def.name
  )
    return undefined;
  if (mayNarrowApart(p, variable!, node)) return undefined;
  if (def.name.typeAnnotation) {
    const written = p.writtenType(def.name.typeAnnotation.typeAnnotation);
    const parts = written.isUnion() ? written.types : [written];
    return parts.every((t) => t.flags & ts.TypeFlags.Object) ? parts : undefined;
  }
  const init = def.node.init;
  if (def.parent.kind !== 'const' || init?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const returned = returnedValues(p, init);
  if (!returned) return undefined;
  const parts = new Set<ts.Type>();
  for (const value of returned) {
    const bound = typeBound(p, value, depth + 1);
    if (!bound) return undefined;
    for (const t of bound) parts.add(t);
  }
  return [...parts];
}

/**
 * The bound of `this.field` (or `this.#field`) in a method, constructor or field initializer of the class that
 * declares the field: its written type where that is an object type or a union of them, or, without one, the class
 * an initializer `new C(…)` constructs (constructedType). TypeScript's type of `this.field` there is that declared
 * type, narrowed by assignments and tests to some of its parts; not where a use in the class may narrow it otherwise
 * (mayNarrowApart over every `this.field` of the class). No bound for an optional field (undefined is a part), a
 * parameter property, a static one, through a function with its own `this`, or a field the class only inherits.
 */
function fieldBound(p: FileContext, node: TSESTree.MemberExpression): readonly ts.Type[] | undefined {
  const found = ownField(node);
  if (!found) return undefined;
  const { owner, field, name } = found;
  let parts: readonly ts.Type[] | undefined;
  if (field.typeAnnotation) {
    const written = p.writtenType(field.typeAnnotation.typeAnnotation);
    parts = written.isUnion() ? written.types : [written];
  } else if (field.value?.type === AST_NODE_TYPES.NewExpression) {
    const constructed = constructedType(p, field.value);
    parts = constructed && [constructed];
  }
  if (!parts?.every((t) => t.flags & ts.TypeFlags.Object)) return undefined;
  return mayNarrowApart(p, fieldUses(p, owner, name), node, name) ? undefined : parts;
}

/**
 * The field that `this.field` (or `this.#field`) names in a method, constructor or field initializer of the class
 * that declares it: one instance property of that name, neither optional nor `declare`, nor a parameter property.
 */
function ownField(
  node: TSESTree.MemberExpression,
):
  | { owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression; field: TSESTree.PropertyDefinition; name: string }
  | undefined {
  if (node.object.type !== AST_NODE_TYPES.ThisExpression || node.computed || node.optional) return undefined;
  const name = memberName(node);
  const owner = instanceClass(node);
  if (name === undefined || !owner) return undefined;
  const fields = owner.body.body.filter(
    (m) =>
      (m.type === AST_NODE_TYPES.PropertyDefinition ||
        m.type === AST_NODE_TYPES.MethodDefinition ||
        m.type === AST_NODE_TYPES.AccessorProperty ||
        m.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
        m.type === AST_NODE_TYPES.TSAbstractMethodDefinition) &&
      !m.computed &&
      propertyKeyName(m) === name,
  );
  const field = fields.length === 1 ? fields[0]! : undefined;
  if (field?.type !== AST_NODE_TYPES.PropertyDefinition || field.static || field.optional || field.declare)
    return undefined;
  const constructor = constructorOf(owner.body);
  if (
    constructor?.value.params.some(
      (param) =>
        param.type === AST_NODE_TYPES.TSParameterProperty &&
        param.parameter.type === AST_NODE_TYPES.Identifier &&
        param.parameter.name === name,
    )
  )
    return undefined;
  return { owner, field, name };
}

/**
 * The declarations of member `name` of `this.field` where every value the field is written is an object literal of
 * this file with one property of that name (no spread): `this.#factory = this.#createFactory(options)` in the
 * constructor, with a method that returns `{ create() { … }, event: 'connect' }` on each path (returnedValues).
 * TypeScript's type of a field without a written type is the union of those literals' types (from its initializer,
 * or, under noImplicitAny, from the constructor's writes), and the member of that union has their declarations;
 * finding them so, it would check the whole body of the method that makes them. Undefined where the field has a
 * written type, is written otherwise than `this.field = value`, or may be narrowed apart before the use.
 */
function literalMembers(p: FileContext, object: TSESTree.Node, name: string): readonly ts.Declaration[] | undefined {
  if (object.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const found = ownField(object);
  if (!found || found.field.typeAnnotation) return undefined;
  const { owner, field } = found;
  const uses = fieldUses(p, owner, found.name);
  const values: TSESTree.Node[] = field.value ? [field.value] : [];
  const constructor = constructorOf(owner.body)?.value;
  for (const use of uses) {
    if (!isWriteTarget(use)) continue;
    const assignment = plainAssignmentOf(use);
    if (!assignment) return undefined;
    // without an initializer, TypeScript infers the type from the constructor's own writes (not those of callbacks
    // in it, nor of other methods), and only under noImplicitAny (otherwise the field is `any`)
    if (!field.value && enclosingFunction(use) !== constructor) return undefined;
    values.push(assignment.right);
  }
  if (values.length === 0 || (!field.value && !noImplicitAny(p))) return undefined;
  if (mayNarrowApart(p, uses, object, found.name)) return undefined;
  const declarations = new Set<ts.Declaration>();
  const collect = (value: TSESTree.Node, depth: number): boolean => {
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      const property = soleProperty(value, name);
      if (!property) return false;
      declarations.add(p.services.esTreeNodeToTSNodeMap.get(property));
      return true;
    }
    if (value.type !== AST_NODE_TYPES.CallExpression || depth > 2) return false;
    const returned = returnedValues(p, value);
    return !!returned && returned.every((v) => collect(v, depth + 1));
  };
  return values.every((value) => collect(value, 0)) ? [...declarations] : undefined;
}

/** Whether the program reports implicit `any` (its `noImplicitAny`, or `strict`, whose default TypeScript 6 turned on). */
function noImplicitAny(p: FileContext): boolean {
  const options = p.services.program.getCompilerOptions();
  const internal = ts as unknown as { getStrictOptionValue?: (o: ts.CompilerOptions, flag: string) => boolean };
  return options.noImplicitAny ?? options.strict ?? internal.getStrictOptionValue?.(options, 'noImplicitAny') ?? false;
}

/**
 * Every `this.name` in the class, and every `this[key]` whose key is not known (nested functions and classes
 * included: more uses only answer less), from the class's index of member uses (thisMemberUses).
 */
function fieldUses(
  p: FileContext,
  owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
): TSESTree.MemberExpression[] {
  return [...thisMemberUses(p, owner.body, name), ...thisMemberUses(p, owner.body, COMPUTED_MEMBER)].filter(
    (use): use is TSESTree.MemberExpression =>
      use.type === AST_NODE_TYPES.MemberExpression && use.object.type === AST_NODE_TYPES.ThisExpression,
  );
}

/**
 * The values the `return` statements of the called function return, where the function is of this file, has one
 * declaration, no written return type, no type parameters, is neither async nor a generator, and ends with a
 * `return` of a value (its end is not reached): then TypeScript's inferred return type is the union of their types.
 * Also where the callee is a member of several object literals (literalMembers), each such a function: the call of
 * a union of signatures returns the union of what each returns.
 */
function returnedValues(p: FileContext, call: TSESTree.CallExpression): TSESTree.Node[] | undefined {
  const declarations = calleeDeclarations(p, call);
  if (!declarations?.length) return undefined;
  if (declarations.length > 1 && !declarations.every((d) => ts.isObjectLiteralExpression(d.parent))) return undefined;
  const values: TSESTree.Node[] = [];
  for (const declaration of declarations) {
    const returned = functionReturns(p, declaration);
    if (!returned) return undefined;
    values.push(...returned);
  }
  return values;
}

/** What one function's `return` statements return (see returnedValues), or undefined. */
function functionReturns(p: FileContext, declaration: ts.SignatureDeclaration): TSESTree.Node[] | undefined {
  if (declaration.type || declaration.typeParameters) return undefined;
  let fn = p.services.tsNodeToESTreeNodeMap.get(declaration) as TSESTree.Node | undefined;
  // a class's method, or an object literal's (`{ create() { … } }`)
  if (fn?.type === AST_NODE_TYPES.MethodDefinition || fn?.type === AST_NODE_TYPES.Property) fn = fn.value;
  if (
    fn?.type !== AST_NODE_TYPES.FunctionDeclaration &&
    fn?.type !== AST_NODE_TYPES.FunctionExpression &&
    fn?.type !== AST_NODE_TYPES.ArrowFunctionExpression
  )
    return undefined;
  if (fn.async || fn.generator) return undefined;
  if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) return fn.body ? [fn.body] : undefined;
  const last = fn.body.body.at(-1);
  if (last?.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
  const values: TSESTree.Node[] = [];
  let complete = true;
  const visit = (node: TSESTree.Node): void => {
    if (!complete || isFunction(node)) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) values.push(node.argument);
      else complete = false;
      return;
    }
    for (const key of Object.keys(node) as (keyof typeof node)[]) {
      if (key === 'parent') continue;
      const value = node[key] as unknown;
      for (const child of Array.isArray(value) ? value : [value])
        if (child && typeof (child as TSESTree.Node).type === 'string') visit(child as TSESTree.Node);
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return complete ? values : undefined;
}

/**
 * Whether a use of the variable (or of `this.field`: uses, name) before `use` (or in a loop around it) may narrow it
 * to a type that is none of its declared parts: `instanceof`, `in`, a method call in a condition (`x.isFoo()`,
 * perhaps a `this is T` predicate), an argument of a call whose callee may be a type predicate or an assertion
 * function (one that does not declare a return type other than a predicate), a write other than `x = …`. Tests of
 * truthiness, `typeof`, equality and discriminants only remove parts.
 */
function mayNarrowApart(
  p: FileContext,
  uses: Variable | readonly TSESTree.MemberExpression[],
  use: TSESTree.Node,
  name = (uses as Variable).name,
): boolean {
  const at = use.range[0];
  const found: { node: TSESTree.Node; write: boolean }[] =
    'references' in uses
      ? uses.references.filter((r) => !r.init).map((r) => ({ node: r.identifier, write: r.isWrite() }))
      : uses.map((node) => ({ node, write: isWriteTarget(node) }));
  for (const { node, write } of found) {
    if (node === use) continue;
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed) return true;
    const loop = outermostLoop(node);
    if (node.range[0] >= at && !(loop && loop[0] <= at && at <= loop[1])) continue;
    const parent = node.parent!;
    if (write) {
      if (!plainAssignmentOf(node)) return true;
      continue;
    }
    const path = narrowingPath(node as TSESTree.Identifier, name);
    if (path !== '') continue;
    if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.callee !== node &&
      parent.arguments.includes(node as never)
    ) {
      if (!mayNarrowArgument(p, parent)) continue;
      return true;
    }
    if (
      parent.type === AST_NODE_TYPES.BinaryExpression &&
      (parent.operator === 'instanceof' || parent.operator === 'in')
    )
      return true;
    if (parent.type === AST_NODE_TYPES.MemberExpression || parent.type === AST_NODE_TYPES.UpdateExpression) return true;
  }
  return false;
}

/** Whether a member expression is written: assigned, updated, a destructuring or loop target. */
function isWriteTarget(node: TSESTree.Node): boolean {
  const parent = node.parent!;
  switch (parent.type) {
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.left === node;
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.left === node;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return true;
    case AST_NODE_TYPES.Property:
      return parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete';
    default:
      return false;
  }
}

/**
 * What `ask` says of the type at a node for its members (typeForMembers), read from an upper bound of the type
 * (typeBound) where every part of the bound gives the same answer. `ask` must answer a union as the parts do when
 * they agree (`every`/`some` over its members): TypeScript's type there is made of some of the bound's parts.
 */
export function askByParts<T>(p: FileContext, node: TSESTree.Node, ask: (type: ts.Type) => T): T {
  if (!p.memberTypes.has(node) && !p.types.has(node)) {
    const declared = observer ? observer.observe(() => declaredTypeAt(p, node, true)) : declaredTypeAt(p, node, true);
    if (declared) p.memberTypes.set(node, declared);
    else {
      const bound = observer ? observer.observe(() => typeBound(p, node)) : typeBound(p, node);
      if (bound && bound.length > 0) {
        const first = ask(bound[0]!);
        if (bound.every((part) => part === bound[0] || ask(part) === first)) return first;
      }
    }
  }
  return ask(p.typeForMembers(node));
}

/** A name the file does not declare: unresolved, or a global of the libraries (no definition in the file). */
export function isGlobal(variable: Variable | null): boolean {
  return !variable || variable.defs.length === 0;
}

/** The declarations of a member, where every type declares it with the same ones; undefined where one lacks it. */
function sameDeclarations(types: readonly ts.Type[], name: string): readonly ts.Declaration[] | undefined {
  let found: readonly ts.Declaration[] | undefined;
  for (const type of types) {
    const declarations = type.getProperty(name)?.declarations;
    if (!declarations) return undefined;
    if (found && (found.length !== declarations.length || found.some((d, i) => d !== declarations[i])))
      return undefined;
    found ??= declarations;
  }
  return found;
}
