/** Callee resolution: the module and name of the function a call resolves to, from its declarations. */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { observer } from '../stats.ts';
import ts from '../typescript.cts';
import { isGlobal, memberDeclarations } from './bounds.ts';
import type { FileContext } from './index.ts';
import { classMembersNamed, requiredModule, unwrap } from '../ast.ts';
import { variableWrites } from '../bindings.ts';

const { DefinitionType } = TSESLint.Scope;

/**
 * The module and name of the function or method a call resolves to, e.g. `net.connect`, `http.Server.listen`.
 * For a call, read from the declarations of the callee's symbol when all of them (the overloads) have the same
 * name, without resolving the call against the overloads (what `getResolvedSignature` does, which checks every
 * overload for `server.listen({ … })` or `http.createServer((req, res) => …)`). Otherwise, and for `new`, the resolved
 * signature.
 */
export function calleeDeclaration(
  p: FileContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): string | undefined {
  return observer ? observer.observe(() => resolveCallee(p, call)) : resolveCallee(p, call);
}

export function resolveCallee(
  p: FileContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): string | undefined {
  if (call.type === AST_NODE_TYPES.CallExpression) {
    const names = new Set(calleeDeclarations(p, call)?.map(qualifiedDeclarationName));
    if (names.size === 1) {
      const [name] = names;
      if (name !== undefined) return name;
    }
  }
  const tsNode = p.services.esTreeNodeToTSNodeMap.get(call);
  if (!ts.isCallExpression(tsNode) && !ts.isNewExpression(tsNode)) return undefined;
  const declaration = p.query(() => p.checker.getResolvedSignature(tsNode)?.declaration);
  if (!declaration) return undefined;
  return qualifiedDeclarationName(declaration);
}

/**
 * The declarations of the function or method a call's callee names, without resolving the call: through the import
 * for `connect(…)` and `http2.createServer(…)`, through the receiver's type (memberDeclarations) for
 * `server.listen(…)`. Undefined unless every declaration is a function or method.
 */
export function calleeDeclarations(
  p: FileContext,
  call: TSESTree.CallExpression,
  flow = true,
): readonly ts.SignatureDeclaration[] | undefined {
  // asked for a creation call both by calleeDeclaration and by the declared type of the const it initializes
  if (p.callees.has(call)) return p.callees.get(call);
  const callee = call.callee;
  let symbol: ts.Symbol | undefined;
  let declarations: readonly ts.Declaration[] | undefined;
  // an import, or a global the file does not declare (`setImmediate(…)`: TypeScript would check the callback's body)
  if (callee.type === AST_NODE_TYPES.Identifier)
    symbol = isImport(p, callee) || isGlobal(p.variable(callee)) ? aliasedSymbol(p, callee) : undefined;
  else if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier
  ) {
    const object = callee.object;
    if (object.type === AST_NODE_TYPES.Identifier && isImport(p, object)) symbol = aliasedSymbol(p, callee.property);
    else {
      // no recursion through a bound back to this call
      p.callees.set(call, undefined);
      declarations = memberDeclarations(p, lazilyRequired(p, object) ?? object, callee.property.name, flow);
      // without the receiver's flow type: not known yet, not an answer to keep
      if (!declarations && !flow) {
        p.callees.delete(call);
        return undefined;
      }
    }
  } else if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.property.type === AST_NODE_TYPES.PrivateIdentifier
  )
    declarations = privateMemberDeclarations(p, callee.property);
  declarations ??= symbol?.declarations;
  // a namespace merged with the function (`namespace setTimeout { const __promisify__ … }`) has no call signatures
  const functions = declarations?.filter(isFunctionDeclarationLike);
  const found =
    functions?.length && declarations!.every((d) => isFunctionDeclarationLike(d) || ts.isModuleDeclaration(d))
      ? (functions as ts.SignatureDeclaration[])
      : undefined;
  p.callees.set(call, found);
  return found;
}

/**
 * Whether a call may narrow its arguments: unless every declaration of its callee (calleeDeclarations) is neither a
 * type predicate nor an assertion function. One that declares another return type is neither; so is one without a
 * written return type whose body returns no value (TypeScript infers a predicate only from a returned boolean, and
 * an assertion function must say so).
 */
export function mayNarrowArgument(p: FileContext, call: TSESTree.CallExpression): boolean {
  const declarations = localFunction(p, call.callee) ?? calleeDeclarations(p, call, false);
  return !declarations?.every((d) => (d.type ? !ts.isTypePredicateNode(d.type) : returnsNothing(d)));
}

/** The declarations of a function of this file that a callee names (`check` of `function check(…)`, overloads too). */
function localFunction(p: FileContext, callee: TSESTree.Node): ts.SignatureDeclaration[] | undefined {
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const defs = p.variable(callee)?.defs;
  if (!defs?.length || !defs.every((d) => d.type === DefinitionType.FunctionName)) return undefined;
  return defs.map((d) => p.services.esTreeNodeToTSNodeMap.get(d.node) as ts.SignatureDeclaration);
}

/** A function with a body that has no `return` of a value (not counting nested functions). */
function returnsNothing(declaration: ts.SignatureDeclaration): boolean {
  const body = (declaration as ts.FunctionLikeDeclaration).body;
  if (!body || !ts.isBlock(body)) return false;
  const returns = (node: ts.Node): boolean =>
    (ts.isReturnStatement(node) && node.expression !== undefined) ||
    (!ts.isFunctionLike(node) && !ts.isClassLike(node) && (ts.forEachChild(node, returns) ?? false));
  return !ts.forEachChild(body, returns);
}

/**
 * The declarations of a private name (`#connect` of `this.#connect()`): the members of that name of the nearest class
 * around that declares one, which is what the name means whatever the receiver (TypeScript would type the receiver).
 */
function privateMemberDeclarations(p: FileContext, name: TSESTree.PrivateIdentifier): ts.Declaration[] | undefined {
  for (let node: TSESTree.Node | undefined = name.parent; node; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.ClassBody) continue;
    const members = classMembersNamed(node, `#${name.name}`).filter(
      (m) => m.key.type === AST_NODE_TYPES.PrivateIdentifier,
    );
    if (members.length > 0) return members.map((m) => p.services.esTreeNodeToTSNodeMap.get(m) as ts.Declaration);
  }
  return undefined;
}

/** Whether the name is an import binding (`connect`, or `http2` of `http2.createServer`). */
export function isImport(p: FileContext, id: TSESTree.Identifier): boolean {
  return p.variable(id)?.defs[0]?.type === DefinitionType.ImportBinding;
}

/**
 * The symbol a name resolves to, through an import's alias: `connect`, or `createServer` of `http.createServer`.
 * Read a step at a time from the symbol tables (TypeMatcher.symbolOfName); TypeScript's own lookup of
 * `http.createServer` checks the property access, the type of the `http` import first, in every file.
 */
export function aliasedSymbol(p: FileContext, name: TSESTree.Identifier): ts.Symbol | undefined {
  const node = p.services.esTreeNodeToTSNodeMap.get(name);
  if (!ts.isIdentifier(node)) return undefined;
  const access = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : undefined;
  return p.query(() => p.matcher.symbolOfName(access ?? node));
}

/**
 * The type a call returns as its callee declares it, when every overload declares the same type (the same class or
 * interface, perhaps with other type arguments) and it is not computed from the arguments (a type parameter, a
 * conditional type): `http2.createServer()` is an `Http2Server` whatever the arguments, and that is known without
 * inferring them. Of the overloads' types, the first without type parameters in its type arguments
 * (`Http2Server`, which is `Http2Server<typeof IncomingMessage, …>`).
 */
export function declaredReturnType(p: FileContext, call: TSESTree.CallExpression): ts.Type | undefined {
  const declarations = calleeDeclarations(p, call);
  if (!declarations) return undefined;
  const types: ts.Type[] = [];
  for (const declaration of declarations) {
    const written = declaration.type;
    if (!written) return undefined;
    types.push(p.query(() => p.checker.getTypeFromTypeNode(written)));
  }
  const [first] = types;
  const same = (t: ts.Type): boolean =>
    t === first || (t.getSymbol() !== undefined && t.getSymbol() === first!.getSymbol());
  if (!first || !types.every(same)) return undefined;
  const concrete = (t: ts.Type): boolean =>
    !(t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) ||
    p.checker.getTypeArguments(t as ts.TypeReference).every((a) => !(a.flags & COMPUTED));
  return types.find(concrete) ?? first;
}

/** No type parameter or computed type in it, down through union parts and type arguments (`Promise<T>` is not). */
export function closed(p: FileContext, type: ts.Type, depth = 0): boolean {
  if (type.flags & COMPUTED || depth > 6) return false;
  if (type.isUnionOrIntersection()) return type.types.every((t) => closed(p, t, depth + 1));
  const reference = type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference;
  return !reference || p.checker.getTypeArguments(type as ts.TypeReference).every((t) => closed(p, t, depth + 1));
}

/** The type predicate of the called signature, if the call is a user type guard. */
export function typePredicate(p: FileContext, call: TSESTree.CallExpression): ts.TypePredicate | undefined {
  const tsNode = p.services.esTreeNodeToTSNodeMap.get(call);
  if (!ts.isCallExpression(tsNode)) return undefined;
  return p.query(() => {
    const signature = p.checker.getResolvedSignature(tsNode);
    return signature ? p.checker.getTypePredicateOfSignature(signature) : undefined;
  });
}

export const COMPUTED =
  ts.TypeFlags.TypeParameter |
  ts.TypeFlags.Conditional |
  ts.TypeFlags.IndexedAccess |
  ts.TypeFlags.Index |
  ts.TypeFlags.Substitution;

function isFunctionDeclarationLike(declaration: ts.Declaration): boolean {
  return (
    ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)
  );
}

/** `net.connect`, `http.createServer`, `net.Socket.connect`: the declaring module, the containers, the name. */
function qualifiedDeclarationName(declaration: ts.Declaration): string | undefined {
  const names: string[] = [];
  const own = ts.getNameOfDeclaration(declaration);
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own))) names.push(own.text);
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name) names.unshift(node.name.text);
    else if (ts.isModuleDeclaration(node)) {
      if (ts.isStringLiteral(node.name)) {
        names.unshift(node.name.text.replace(/^node:/, ''));
        return names.join('.');
      }
      names.unshift(node.name.text);
    }
  }
  return names.length > 1 ? names.join('.') : undefined;
}

/**
 * The `require('m')` call behind a module bound lazily: `let net; … net = net || require('net')`, or `if (!net) net =
 * require('net')`. The variable is `any` (it starts out undefined), but each of its values is the same module: a
 * call of its members is a call of the module's. Undefined unless every value written to it is that one module.
 */
function lazilyRequired(p: FileContext, object: TSESTree.Node): TSESTree.CallExpression | undefined {
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = p.variable(object);
  const writes = variable ? variableWrites(variable) : undefined;
  let found: TSESTree.CallExpression | undefined;
  for (const write of writes ?? []) {
    let value = unwrap(write.value);
    // `net = net || require('net')`
    if (value.type === AST_NODE_TYPES.LogicalExpression) {
      const left = unwrap(value.left);
      if (left.type === AST_NODE_TYPES.Identifier && left.name === object.name) value = unwrap(value.right);
    }
    if (write.property || value.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const module = requiredModule(value);
    if (module === undefined || (found && requiredModule(found) !== module)) return undefined;
    found = value;
  }
  return found;
}
