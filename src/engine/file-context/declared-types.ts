/**
 * Declared types: the type at a reference read from declarations (a written annotation, a listener's declared
 * parameter, a call's declared return type) where it must equal what flow analysis would say, without asking for it.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { instanceClass, memberName, propertyKeyName, soleProperty, staticString } from '../ast.ts';
import { LISTENER_METHODS } from '../node-members.ts';
import ts from '../typescript.cts';
import { calleeDeclarations, closed, COMPUTED, declaredReturnType, mayNarrowArgument } from './callees.ts';
import type { FileContext, Variable } from './index.ts';
import { isPathPrefix, narrowedPaths, thisNarrowingsAt, type Narrowing } from './narrowing.ts';

const { DefinitionType } = TSESLint.Scope;

/**
 * The type at a reference (`x`, `x.a`, `x.a.b`) read from declarations instead of from flow analysis at the use,
 * where the two must be the same: the variable is never written after its declaration, and no use narrows this
 * path or one above it (narrowingPath), nor one below it through a union (a discriminant). So `if (!s.authorized)`
 * leaves `s` (a TLSSocket, no union) and `s.remoteAddress` to this, and `s.authorized` to TypeScript. The variable:
 *
 * - a parameter with a written type (an optional one: with `undefined`), and a `const` with a written type that is
 *   not a union (a union is narrowed by the initializer) or initialized by an assertion (`const conn = socket as
 *   net.Socket`): the written type, with no comparison of the assertion's two types;
 * - an unannotated listener parameter (`session` in `server.on('session', (session) => …)`): the type the
 *   receiver's `on` declares for that event name. TypeScript can only give the contextual type by resolving the
 *   whole call against the overloads of `on` (for an HTTP/2 server, the generic event maps of @types/node), where
 *   the type of the receiver's method is one lookup;
 * - a `const` initialized by a call whose overloads all declare one return type (declaredReturnType), or by `await`
 *   of such a call (the awaited type), and a `const` of a `for…of` over an array whose type the declarations give
 *   (its element type); `await x` where the declarations give the type of `x`;
 * - a callback's parameter, from the called function's declaration (callbackParameterType);
 * - `this` in a member of a class without type parameters (`this.stream.session`): the class's instance type, where no
 *   use of `this` in the same member narrows the path (thisNarrowingsAt).
 *
 * `x!` is the declared type without null and undefined.
 *
 * Undefined, so the caller asks TypeScript, whenever the answer is not plain.
 */
export function declaredTypeAt(p: FileContext, node: TSESTree.Node, presence = false): ts.Type | undefined {
  // `res.socket!`: what the path declares, without null and undefined
  if (node.type === AST_NODE_TYPES.TSNonNullExpression) {
    const inner = declaredTypeAt(p, node.expression, presence);
    return inner && p.checker.getNonNullableType(inner);
  }
  // `server.address()`: what the method declares it returns (a call's value is not narrowed); TypeScript would type
  // the receiver first, `const server = net.createServer((socket) => …)` by resolving that whole call
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const optional =
      node.optional ||
      node.parent.type === AST_NODE_TYPES.ChainExpression ||
      (node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.optional);
    const type = optional ? undefined : plain(declaredReturnType(p, node));
    return type && closed(p, type) ? type : undefined;
  }
  // `new net.Socket()`: the instance type of the class, without resolving the call
  if (node.type === AST_NODE_TYPES.NewExpression) return constructedType(p, node);
  // `await this.connect()` with `connect(): Promise<Socket>`: what the declared promise resolves to
  if (node.type === AST_NODE_TYPES.AwaitExpression) return awaitedCall(p, node);
  // the path: `session.socket` is the variable `session` and ['socket']
  const path: string[] = [];
  let root: TSESTree.Node = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    const name = root.computed || root.optional ? undefined : memberName(root);
    if (name === undefined) return undefined;
    path.unshift(name);
    root = root.object;
  }
  let narrowed: readonly Narrowing[] | null = null;
  let rootType: ts.Type | undefined;
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    // `this.stream.session` in a method: from the class's declaration, where no use in this member narrows it
    const owner = instanceClass(root);
    narrowed = owner ? thisNarrowingsAt(p, owner, node) : null;
    rootType = owner && instanceTypeOf(p, owner);
  } else if (root.type === AST_NODE_TYPES.Identifier) {
    const variable = p.variable(root);
    narrowed = variable ? narrowedPaths(p, variable) : null;
    rootType = narrowed ? declaredTypeOf(p, variable!) : undefined;
  }
  if (!rootType || !narrowed) return undefined;
  const type = propertyPath(p, rootType, path);
  if (!type) return undefined;
  const here = path.join('.');
  const at = node.range[0];
  for (const { path: narrowedPath, start, loop, presence: presenceTest, argumentOf, assigned } of narrowed) {
    // a narrowing that comes later, outside any loop around both, cannot reach this use; nor can the use itself
    // (`listen(port)` may be an assertion call, which narrows `port` after it, not in it)
    if (start >= at && !(loop && loop[0] <= at && at <= loop[1])) continue;
    // an argument of a call that is no type predicate or assertion function (`this.track(this)`) is not narrowed
    if (argumentOf && !mayNarrowArgument(p, argumentOf)) continue;
    // `'setKeepAlive' in socket` on a Duplex: `Duplex & Record<"setKeepAlive", unknown>`, the same class for typeForMembers
    if (presence && presenceTest && narrowedPath === here && type.flags & ts.TypeFlags.Object && !type.isUnion())
      continue;
    // narrowed here or above (`if (s instanceof X) s.a`): not the declared type, unless that is an assignment
    // to a path whose declared type is no union (`this.timer = setTimeout(…)` with `timer: NodeJS.Timeout`)
    if (narrowedPath === here || isPathPrefix(narrowedPath, here)) {
      if (assigned && !assignmentNarrows(p, rootType, narrowedPath)) continue;
      return undefined;
    }
    // narrowed below (`if (!s.authorized) s`): only a union on the way down has a discriminant to narrow by
    if (
      isPathPrefix(here, narrowedPath) &&
      (propertyPath(p, type, narrowedPath.split('.').slice(path.length, -1))?.isUnion() ?? true)
    )
      return undefined;
  }
  return plain(type);
}

/**
 * Whether an assignment to the property path may give it another type than its declared one. TypeScript's flow type
 * of a reference after `ref = value` is the assigned type narrowed from the declared type only where that is a union;
 * for any other declared type it is the declared type itself (getTypeAtFlowAssignment). Except for a property that
 * has neither a written type nor an initializer: then its declared type is inferred from the constructor's
 * assignments, and after each of them it is the assigned type. So: no, for a property with a written type or an
 * initializer, or the variable itself (declaredTypeOf gives the type of a parameter, never inferred so, or of a
 * `const`), whose declared type is an object type and no union.
 */
function assignmentNarrows(p: FileContext, rootType: ts.Type, path: string): boolean {
  let type = rootType;
  if (path !== '') {
    const names = path.split('.');
    const owner = propertyPath(p, rootType, names.slice(0, -1));
    const property = owner && !owner.isUnion() ? owner.getProperty(names.at(-1)!) : undefined;
    const declaration = property?.valueDeclaration;
    const written =
      declaration &&
      (((ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) &&
        (declaration.type ?? declaration.initializer)) ||
        (ts.isPropertySignature(declaration) && declaration.type));
    if (!written) return true;
    type = p.checker.getTypeOfSymbol(property);
  }
  return type.isUnion() || !(type.flags & ts.TypeFlags.Object);
}

/** The declared type of the property path down from a type; undefined through a union or a missing property. */
export function propertyPath(p: FileContext, type: ts.Type, names: readonly string[]): ts.Type | undefined {
  let current = type;
  for (const name of names) {
    const property = current.isUnion() ? undefined : current.getProperty(name);
    if (!property) return undefined;
    current = p.checker.getTypeOfSymbol(property);
  }
  return current;
}

/**
 * The type of `this` in a member of a class without type parameters: the class's declared instance type, which has
 * the members TypeScript's `this` type has there. Undefined for a generic class.
 */
function instanceTypeOf(p: FileContext, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression) {
  return p.query(() => p.matcher.nonGenericType(classSymbol(p, owner), ts.SymbolFlags.Class));
}

/**
 * The symbol of a class: through its name, or for a class expression without one (`static Impl = class { … }`,
 * `module.exports = class extends EventEmitter { … }`) the symbol TypeScript's binder gave the declaration (an
 * internal property: undefined where a TypeScript version lacks it).
 */
export function classSymbol(
  p: FileContext,
  owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): ts.Symbol | undefined {
  const declaration = p.services.esTreeNodeToTSNodeMap.get(owner) as ts.ClassLikeDeclaration & { symbol?: ts.Symbol };
  return declaration.name ? p.checker.getSymbolAtLocation(declaration.name) : declaration.symbol;
}

/** The declared type of a variable, where declaredTypeAt can read one (see there). */
export function declaredTypeOf(p: FileContext, variable: Variable): ts.Type | undefined {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (def.type === DefinitionType.Variable) {
    const declarator = def.node;
    if (def.parent.kind !== 'const') return undefined;
    if (declarator.id !== def.name) return destructuredType(p, def.name, declarator);
    if (def.name.typeAnnotation) {
      const type = writtenType(p, def.name.typeAnnotation.typeAnnotation);
      return type.isUnion() ? undefined : type;
    }
    // `for (const socket of this.sockets)`: the element type of an array the declarations give
    const loop = def.parent.parent;
    if (loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === def.parent && !loop.await)
      return plain(arrayElement(p, loop.right));
    const init = declarator.init;
    if (
      (init?.type === AST_NODE_TYPES.TSAsExpression || init?.type === AST_NODE_TYPES.TSTypeAssertion) &&
      !isConstAssertion(init.typeAnnotation)
    ) {
      return writtenType(p, init.typeAnnotation);
    }
    if (init?.type === AST_NODE_TYPES.NewExpression) return constructedType(p, init);
    if (init?.type === AST_NODE_TYPES.AwaitExpression) return awaitedCall(p, init);
    return init?.type === AST_NODE_TYPES.CallExpression ? plain(declaredReturnType(p, init)) : undefined;
  }
  if (def.type !== DefinitionType.Parameter) return undefined;
  const fn = def.node;
  const index = fn.params.indexOf(def.name);
  if (index < 0) return undefined;
  // `stream?: NetStream`: the parameter's declared type, which adds `undefined` where null checks are strict
  if (def.name.optional) return def.name.typeAnnotation ? optionalParameterType(p, def.name) : undefined;
  if (def.name.typeAnnotation) return writtenType(p, def.name.typeAnnotation.typeAnnotation);
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression)
    return undefined;
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const event = call.arguments.length === 2 && call.arguments[1] === fn ? staticString(call.arguments[0]) : undefined;
  if (
    event !== undefined &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    LISTENER_METHODS.has(memberName(call.callee) ?? '')
  ) {
    return plain(parameterOfListener(p, p.typeAt(call.callee), event, index, fn.params.length));
  }
  return plain(callbackParameterType(p, call, call.arguments.indexOf(fn), index, fn.params.length));
}

/** The declared type of an optional parameter with a written type (TypeScript's type of its symbol). */
function optionalParameterType(p: FileContext, name: TSESTree.Identifier): ts.Type | undefined {
  const id = p.services.esTreeNodeToTSNodeMap.get(name);
  return p.query(() => {
    const symbol = ts.isIdentifier(id) ? p.checker.getSymbolAtLocation(id) : undefined;
    return symbol && p.checker.getTypeOfSymbol(symbol);
  });
}

/**
 * The type of `await f(…)` where every overload of `f` declares the same return type (not only the same class:
 * `Promise<UnixConn>` and `Promise<TcpConn>` differ) with no type parameters in it: TypeScript's getAwaitedType of
 * it (`Promise<Socket>`: `Socket`).
 */
function awaitedCall(p: FileContext, node: TSESTree.AwaitExpression): ts.Type | undefined {
  const call = node.argument;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.optional) return undefined;
  const declarations = calleeDeclarations(p, call);
  if (!declarations?.length || declarations.some((d) => !d.type)) return undefined;
  const types = declarations.map((d) => p.query(() => p.checker.getTypeFromTypeNode(d.type!)));
  const type = types[0]!;
  if (types.some((t) => t !== type) || !closed(p, type)) return undefined;
  const awaited = p.checker.getAwaitedType(type);
  return awaited && closed(p, awaited) ? awaited : undefined;
}

/**
 * The type of `name` in `const { name } = value` or `for (const { name } of list)` (one level, no default): the
 * property's declared type in the declared type of the value, or of the list's element, where that is no union
 * (TypeScript's type of the binding is that property's type). Over `list.map((x) => ({ name: value, … }))`, where
 * TypeScript infers the element type from the literal by typing the whole callback: the declared type of `value`
 * (mappedLiteralValue), where that is an object type (a literal's type would be widened).
 */
function destructuredType(
  p: FileContext,
  name: TSESTree.Identifier,
  declarator: TSESTree.VariableDeclarator,
): ts.Type | undefined {
  const property = name.parent;
  if (property.type !== AST_NODE_TYPES.Property || property.value !== name || property.parent !== declarator.id)
    return undefined;
  const key = property.computed ? undefined : propertyKeyName(property);
  if (key === undefined) return undefined;
  const loop = declarator.parent.parent;
  let source: ts.Type | undefined;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
    if (loop.await) return undefined;
    const value = mappedLiteralValue(p, loop.right, key);
    if (value) {
      const type = declaredTypeAt(p, value);
      return type && type.flags & ts.TypeFlags.Object && closed(p, type) ? plain(type) : undefined;
    }
    source = arrayElement(p, loop.right);
  } else source = declarator.init ? declaredTypeAt(p, declarator.init) : undefined;
  return source && !source.isUnion() ? plain(propertyPath(p, source, [key])) : undefined;
}

/**
 * The value of property `key` in the object literal that `list.map((x) => ({ key: value, … }))` makes of each
 * element (the call itself, or the `const` without written type it initializes), where `list` has a declared array
 * type whose `map` is the default library's: the arrow has no written return type and returns the literal as its
 * body, which has that property once and no spread.
 */
function mappedLiteralValue(p: FileContext, node: TSESTree.Node, key: string): TSESTree.Node | undefined {
  let call: TSESTree.Node | undefined | null = node;
  if (node.type === AST_NODE_TYPES.Identifier) {
    // a `const` without written type that no use narrows itself
    const variable = p.variable(node);
    const only = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    call =
      only?.type === DefinitionType.Variable &&
      only.parent.kind === 'const' &&
      only.node.id === only.name &&
      !only.name.typeAnnotation &&
      narrowedPaths(p, variable!)?.every((n) => n.path !== '')
        ? only.node.init
        : undefined;
  }
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.optional || call.arguments.length !== 1) return undefined;
  const callee = call.callee;
  const fn = call.arguments[0]!;
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.computed ||
    callee.optional ||
    memberName(callee) !== 'map' ||
    fn.type !== AST_NODE_TYPES.ArrowFunctionExpression ||
    fn.async ||
    fn.returnType ||
    fn.body.type !== AST_NODE_TYPES.ObjectExpression
  )
    return undefined;
  const property = soleProperty(fn.body, key);
  if (!property || property.kind !== 'init' || property.method) return undefined;
  const list = p.types.get(callee.object) ?? declaredTypeAt(p, callee.object);
  if (!list || list.isUnion() || !p.checker.isArrayType(list)) return undefined;
  const program = p.services.program;
  const map = list.getProperty('map')?.declarations;
  return map?.length && map.every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()))
    ? property.value
    : undefined;
}

/**
 * The element type of an array or readonly array (`Socket[]`, `readonly Socket[]`) that the declarations give an
 * expression (or that TypeScript already gave it): what `for…of` over it yields. Undefined for anything else
 * (a union, a tuple, a Set, an iterable).
 */
function arrayElement(p: FileContext, node: TSESTree.Node): ts.Type | undefined {
  const type = p.types.get(node) ?? declaredTypeAt(p, node);
  return type && !type.isUnion() && p.checker.isArrayType(type)
    ? p.checker.getTypeArguments(type as ts.TypeReference)[0]
    : undefined;
}

/**
 * The instance type of `new C(…)` where C names a class without type parameters (TypeMatcher.constructedClassType):
 * TypeScript's type of the expression, without resolving the call against the constructor's overloads, which checks
 * the arguments (a callback's body among them).
 */
export function constructedType(p: FileContext, node: TSESTree.NewExpression): ts.Type | undefined {
  const tsNode = p.services.esTreeNodeToTSNodeMap.get(node);
  return ts.isNewExpression(tsNode) ? p.query(() => p.matcher.constructedClassType(tsNode)) : undefined;
}

/**
 * The type of parameter `index` of a callback passed as argument `position` of a call to a declared function
 * (`http.createServer((req, res) => …)`), read from the overload TypeScript picks by arity, where the callback's
 * parameter type is declared. In a generic overload whose type parameters only the callback could infer, they take
 * their defaults, which is what TypeScript infers then: `InstanceType<Request>` is `IncomingMessage`. Asking for the
 * contextual type instead resolves the whole call.
 */
export function callbackParameterType(
  p: FileContext,
  call: TSESTree.CallExpression,
  position: number,
  index: number,
  arity: number,
): ts.Type | undefined {
  const generic = instantiatedCallbackParameter(p, call, position, index, arity);
  return generic ? generic.type : callbackParameterOf(p, call, position, index, arity);
}

/**
 * callbackParameterType for a method of a receiver whose type the declarations give as an instance of a generic
 * type (`addresses.map((a) => …)` with `addresses: Address[]`, `sockets.forEach((s) => …)` with `sockets:
 * Set<Socket>`): the same reading of the overloads, from the method's signatures on that type, where the receiver's
 * type arguments stand for its type parameters (`value: T` is `Address`). TypeScript's contextual type of the
 * parameter is that; asking for it infers the whole call, and the receiver's type by flow analysis. `{ type:
 * undefined }` where the parameter's type still depends on type parameters (the method's own), or overloads of the
 * call's arity differ (`reduce(f, 0)`, which TypeScript resolves by the initial value's type); undefined where the
 * receiver's type is not known without flow analysis or is no generic instance (callbackParameterOf reads those).
 */
function instantiatedCallbackParameter(
  p: FileContext,
  call: TSESTree.CallExpression,
  position: number,
  index: number,
  arity: number,
): { type: ts.Type | undefined } | undefined {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.optional) return undefined;
  const name = memberName(callee);
  const receiver = p.types.get(callee.object) ?? declaredTypeAt(p, callee.object);
  if (name === undefined || !receiver || !isGenericInstance(p, receiver)) return undefined;
  const none = { type: undefined };
  if (!closed(p, receiver)) return none;
  const signatures = p.query(() => {
    const method = p.checker.getPropertyOfType(receiver, name);
    return method && p.checker.getTypeOfSymbol(method).getCallSignatures();
  });
  if (!signatures?.length || signatures.some((s) => !s.declaration || ts.isJSDocSignature(s.declaration))) return none;
  // TypeScript picks the first overload the arguments fit, which the arity alone does not tell (`reduce(f, 0)`):
  // every overload of that arity must give the same type
  const count = call.arguments.length;
  let found: ts.Type | undefined;
  for (const signature of signatures) {
    const parameters = (signature.declaration as ts.SignatureDeclaration).parameters;
    const required = parameters.filter((p) => !p.questionToken && !p.initializer).length;
    if (count > parameters.length || count < required) continue;
    const type = callbackParameterOf(
      p,
      call,
      position,
      index,
      arity,
      [signature.declaration as ts.SignatureDeclaration],
      () => p.checker.getTypeOfSymbol(signature.getParameters()[position]!),
    );
    if (!type || !closed(p, type) || (found && found !== type)) return none;
    found = type;
  }
  return { type: found };
}

/** An instance of a generic class or interface (`Address[]`, `Set<Socket>`): a type reference with type arguments. */
function isGenericInstance(p: FileContext, type: ts.Type): boolean {
  return (
    !!(type.flags & ts.TypeFlags.Object) &&
    !!((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) &&
    p.checker.getTypeArguments(type as ts.TypeReference).length > 0
  );
}

/**
 * The overload reading of callbackParameterType over the callee's declarations (or `declarations`), with the type
 * of the callback parameter from `parameterType` (default: its written type).
 */
function callbackParameterOf(
  p: FileContext,
  call: TSESTree.CallExpression,
  position: number,
  index: number,
  arity: number,
  declarations = calleeDeclarations(p, call),
  parameterType?: () => ts.Type,
): ts.Type | undefined {
  const count = call.arguments.length;
  if (!declarations || position < 0 || call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement))
    return undefined;
  for (const declaration of declarations) {
    const parameters = declaration.parameters;
    if (parameters.some((p) => p.dotDotDotToken)) return undefined;
    const required = parameters.filter((p) => !p.questionToken && !p.initializer).length;
    if (count > parameters.length || count < required) continue;
    const written = parameters[position]?.type;
    if (!written) return undefined;
    const listener = p
      .query(() => (parameterType ? parameterType() : p.checker.getTypeFromTypeNode(written)))
      .getCallSignatures();
    // a non-function parameter here: TypeScript tries the next overload
    if (listener.length === 0) continue;
    if (listener.length > 1) return undefined;
    // another argument could infer the type parameters (`createServer({ IncomingMessage: MyRequest }, …)`)
    const typeParameters = new Set(declaration.typeParameters?.map((t) => t.name.text));
    if (
      typeParameters.size > 0 &&
      parameters.some((p, i) => i !== position && i < count && p.type && namesAny(p.type, typeParameters))
    )
      return undefined;
    const callbackParameters = listener[0]!.getParameters();
    const parameter = callbackParameters[index];
    if (!parameter || arity > callbackParameters.length || callbackParameters.some(isRest)) return undefined;
    return withDefaults(p, p.checker.getTypeOfSymbol(parameter));
  }
  return undefined;
}

/**
 * `InstanceType<T>` for a type parameter `T` with a default: the instance type of the default (of a generic class,
 * its own type parameters left open: `ServerResponse<Request>`, the same class, which is what the engine matches).
 * An intersection of one such part with object literal types (`InstanceType<Response> & { req: … }`) is read as
 * that part. Undefined for anything else computed from type parameters.
 */
export function withDefaults(p: FileContext, type: ts.Type): ts.Type | undefined {
  if (type.isIntersection()) {
    const computed = type.types.filter((t) => t.flags & COMPUTED);
    const rest = type.types.filter((t) => !(t.flags & COMPUTED));
    if (
      computed.length !== 1 ||
      !rest.every((t) => t.flags & ts.TypeFlags.Object && (t.getSymbol()?.flags ?? 0) & ts.SymbolFlags.TypeLiteral)
    )
      return undefined;
    return withDefaults(p, computed[0]!);
  }
  if (!(type.flags & COMPUTED)) return type;
  const [argument] = type.aliasTypeArguments ?? [];
  if (type.aliasSymbol?.name !== 'InstanceType' || !argument || !(argument.flags & ts.TypeFlags.TypeParameter))
    return undefined;
  const fallback = p.checker.getDefaultFromTypeParameter(argument);
  const constructs = fallback?.getConstructSignatures() ?? [];
  return constructs.length === 1 ? constructs[0]!.getReturnType() : undefined;
}

/**
 * The type a type annotation or assertion writes (`x: T`, `private field: T`, `as T`): no flow analysis at a use,
 * no comparison with anything. Far cheaper than the type at a use where the answer only depends on the declared
 * class (`p.timer.unref()`).
 */
export function writtenType(p: FileContext, node: TSESTree.TypeNode): ts.Type {
  // `private sweeper: NodeJS.Timeout | undefined` in many files: every name in it is global, so it is the same type
  // in each: resolve it once per program
  const key = globalTypeText(p, node);
  let byText = key === undefined ? undefined : globalWrittenTypes.get(p.checker);
  if (key !== undefined && !byText) globalWrittenTypes.set(p.checker, (byText = new Map<string, ts.Type>()));
  const cached = key === undefined ? undefined : byText?.get(key);
  if (cached) return cached;
  const written = p.services.esTreeNodeToTSNodeMap.get(node) as ts.TypeNode;
  // `Duplex`, `net.Socket`: the class's declared type, without resolving the import as TypeScript does it
  const type = p.query(() => p.matcher.declaredClassType(written) ?? p.checker.getTypeFromTypeNode(written));
  if (key !== undefined) byText?.set(key, type);
  return type;
}

/**
 * The text of a written type made only of keywords and references to names that this file does not declare
 * (`NodeJS.Timeout | undefined`), so that it means the same in every file of the program; undefined otherwise.
 */
export function globalTypeText(p: FileContext, node: TSESTree.TypeNode): string | undefined {
  const plainNames = (type: TSESTree.Node): boolean => {
    switch (type.type) {
      case AST_NODE_TYPES.TSUnionType:
      case AST_NODE_TYPES.TSIntersectionType:
        return type.types.every(plainNames);
      case AST_NODE_TYPES.TSTypeReference: {
        let root: TSESTree.EntityName = type.typeName;
        while (root.type === AST_NODE_TYPES.TSQualifiedName) root = root.left;
        if (root.type !== AST_NODE_TYPES.Identifier || declaredAround(p, root)) return false;
        return type.typeArguments?.params.every(plainNames) ?? true;
      }
      case AST_NODE_TYPES.TSUndefinedKeyword:
      case AST_NODE_TYPES.TSNullKeyword:
      case AST_NODE_TYPES.TSStringKeyword:
      case AST_NODE_TYPES.TSNumberKeyword:
      case AST_NODE_TYPES.TSBooleanKeyword:
        return true;
      default:
        return false;
    }
  };
  return plainNames(node) ? p.sourceCode.getText(node) : undefined;
}

/**
 * Whether a scope of this file around the name declares it (a variable, import, type, type parameter): read from
 * TypeScript's symbol tables of the enclosing declarations (TypeMatcher.localSymbol), a few lookups.
 */
export function declaredAround(p: FileContext, name: TSESTree.Identifier): boolean {
  const id = p.services.esTreeNodeToTSNodeMap.get(name);
  return !ts.isIdentifier(id) || p.matcher.localSymbol(id) !== undefined;
}

/**
 * The type of parameter `index` of the listener that the overloads of `on` (its type given) take for `event`, for a
 * listener with `arity` parameters (one with more than the overload offers makes TypeScript pick a later overload).
 */
export function parameterOfListener(
  p: FileContext,
  method: ts.Type,
  event: string,
  index: number,
  arity: number,
): ts.Type | undefined {
  for (const signature of method.getCallSignatures()) {
    const [eventParameter, listenerParameter] = signature.getParameters();
    if (!eventParameter || !listenerParameter) return undefined;
    const eventType = p.checker.getTypeOfSymbol(eventParameter);
    const listener = p.checker.getTypeOfSymbol(listenerParameter).getCallSignatures();
    if (listener.length !== 1) return undefined;
    const parameters = listener[0]!.getParameters();
    if (eventType.isStringLiteral()) {
      // one overload per event: on(event: "session", listener: (session: ServerHttp2Session) => void)
      if (eventType.value !== event) continue;
      const parameter = parameters[index];
      return parameter && arity <= parameters.length && !parameters.some(isRest)
        ? p.checker.getTypeOfSymbol(parameter)
        : undefined;
    }
    // an event map: on<E extends keyof Map>(event: E, listener: (...args: Map[E]) => void)
    if (!(eventType.flags & ts.TypeFlags.TypeParameter) || parameters.length !== 1 || !isRest(parameters[0]!))
      return undefined;
    const args = p.checker.getTypeOfSymbol(parameters[0]!);
    if (!(args.flags & ts.TypeFlags.IndexedAccess) || (args as ts.IndexedAccessType).indexType !== eventType)
      return undefined;
    const entry = p.checker.getPropertyOfType((args as ts.IndexedAccessType).objectType, event);
    if (!entry) continue;
    const tuple = p.checker.getTypeOfSymbol(entry);
    if (!p.checker.isTupleType(tuple)) return undefined;
    const elements = ((tuple as ts.TypeReference).target as ts.TupleType).elementFlags;
    const flags = elements[index];
    return arity <= elements.length &&
      flags !== undefined &&
      flags & ts.ElementFlags.Required &&
      !elements.some((f) => f & ts.ElementFlags.Variable)
      ? p.checker.getTypeArguments(tuple as ts.TypeReference)[index]
      : undefined;
  }
  return undefined;
}

/** Written types that mean the same in every file of a program (FileContext.writtenType), by their text. */
const globalWrittenTypes = new WeakMap<ts.TypeChecker, Map<string, ts.Type>>();

/**
 * The type, unless it is computed from type parameters (`T`, `InstanceType<Request>`): read from a generic
 * declaration, such a type is not what TypeScript infers at the call, and says nothing about the value.
 */
export function plain(type: ts.Type | undefined): ts.Type | undefined {
  if (!type) return undefined;
  const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
  return parts.some((t) => t.flags & COMPUTED) ? undefined : type;
}

/** `as const`, which keeps the expression's literal type. */
function isConstAssertion(node: TSESTree.TypeNode): boolean {
  return (
    node.type === AST_NODE_TYPES.TSTypeReference &&
    node.typeName.type === AST_NODE_TYPES.Identifier &&
    node.typeName.name === 'const'
  );
}

/** Whether a type node names any of the names (`ServerOptions<Request, Response>` names `Request`). */
function namesAny(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isIdentifier(node) && names.has(node.text)) return true;
  return ts.forEachChild(node, (child) => namesAny(child, names) || undefined) ?? false;
}

function isRest(parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  return declaration !== undefined && ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
}
