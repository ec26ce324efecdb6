/**
 * Per-file state shared by every part of the engine: type queries (counted, for the benchmark), variable
 * resolution, and declaration-module lookups. One instance per linted file, shared by all rules.
 */
import {
  AST_NODE_TYPES,
  ASTUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils';
import { isFunction, LISTENER_METHODS, memberName, requiredModule, staticString, unwrap } from './ast.ts';
import { variableWrites } from './bindings.ts';
import ts from './typescript.cts';
import { SOCKET_ONLY_MEMBERS } from './guards.ts';
import { countQuery, type EngineStats, timed } from './stats.ts';
import { TypeMatcher, type TypeMember } from './types.ts';

type Variable = TSESLint.Scope.Variable;

const matchers = new WeakMap<ts.TypeChecker, TypeMatcher>();

/** The type matcher of a checker: one per program, shared by the files and rules that use it. */
export function matcherFor(checker: ts.TypeChecker): TypeMatcher {
  let matcher = matchers.get(checker);
  if (!matcher) matchers.set(checker, (matcher = new TypeMatcher(checker)));
  return matcher;
}
/** Written types that mean the same in every file of a program (FileContext.writtenType), by their text. */
const globalWrittenTypes = new WeakMap<ts.TypeChecker, Map<string, ts.Type>>();

export class FileContext {
  readonly checker: ts.TypeChecker;
  readonly matcher: TypeMatcher;
  /** This file's counters (the global ones count every file). */
  readonly stats: EngineStats = { typeQueries: 0, classifications: 0, queryMs: 0 };
  private readonly types = new Map<TSESTree.Node, ts.Type>();
  private readonly memberTypes = new Map<TSESTree.Node, ts.Type>();
  private readonly variables = new Map<TSESTree.Identifier, Variable | null>();
  private readonly narrowed = new Map<Variable, readonly Narrowing[] | null>();
  private readonly callees = new Map<TSESTree.CallExpression, readonly ts.SignatureDeclaration[] | undefined>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly services: ParserServicesWithTypeInformation,
  ) {
    this.checker = services.program.getTypeChecker();
    this.matcher = matcherFor(this.checker);
  }

  /** The (flow-narrowed) type at a node. */
  typeAt(node: TSESTree.Node): ts.Type {
    let type = this.types.get(node);
    if (!type) {
      type = timed(() => this.declaredTypeAt(node)) ?? this.flowType(node);
      this.types.set(node, type);
    }
    return type;
  }

  /** TypeScript's type at the node, with flow analysis; remembered for typeAt. */
  private flowType(node: TSESTree.Node): ts.Type {
    const type = this.query(() => this.services.getTypeAtLocation(node));
    this.types.set(node, type);
    return type;
  }

  /**
   * The type at a reference (`x`, `x.a`, `x.a.b`) read from declarations instead of from flow analysis at the use,
   * where the two must be the same: the variable is never written after its declaration, and no use narrows this
   * path or one above it (narrowingPath), nor one below it through a union (a discriminant). So `if (!s.authorized)`
   * leaves `s` (a TLSSocket, no union) and `s.remoteAddress` to this, and `s.authorized` to TypeScript. The variable:
   *
   * - a parameter with a written type, and a `const` with a written type that is not a union (a union is narrowed by
   *   the initializer) or initialized by an assertion (`const conn = socket as net.Socket`): the written type, with
   *   no comparison of the assertion's two types;
   * - an unannotated listener parameter (`session` in `server.on('session', (session) => …)`): the type the
   *   receiver's `on` declares for that event name. TypeScript can only give the contextual type by resolving the
   *   whole call against the overloads of `on`: 0.5 s the first time for an HTTP/2 server (the generic event maps of
   *   @types/node), where the type of the receiver's method costs a few milliseconds;
   * - a `const` initialized by a call whose overloads all declare one return type (declaredReturnType);
   * - a callback's parameter, from the called function's declaration (callbackParameterType).
   *
   * `x!` is the declared type without null and undefined.
   *
   * Undefined, so the caller asks TypeScript, whenever the answer is not plain.
   */
  declaredTypeAt(node: TSESTree.Node, presence = false): ts.Type | undefined {
    // `res.socket!`: what the path declares, without null and undefined
    if (node.type === AST_NODE_TYPES.TSNonNullExpression) {
      const inner = this.declaredTypeAt(node.expression, presence);
      return inner && this.checker.getNonNullableType(inner);
    }
    // `server.address()`: what the method declares it returns (a call's value is not narrowed); TypeScript would type
    // the receiver first, `const server = net.createServer((socket) => …)` by resolving that whole call (20 ms)
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const optional =
        node.optional ||
        node.parent.type === AST_NODE_TYPES.ChainExpression ||
        (node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.optional);
      const type = optional ? undefined : plain(this.declaredReturnType(node));
      return type && this.closed(type) ? type : undefined;
    }
    // the path: `session.socket` is the variable `session` and ['socket']
    const path: string[] = [];
    let root: TSESTree.Node = node;
    while (root.type === AST_NODE_TYPES.MemberExpression) {
      const name = root.computed || root.optional ? undefined : memberName(root);
      if (name === undefined) return undefined;
      path.unshift(name);
      root = root.object;
    }
    if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = this.variable(root);
    const narrowed = variable ? this.narrowedPaths(variable) : null;
    const rootType = narrowed ? this.declaredTypeOf(variable!) : undefined;
    if (!rootType) return undefined;
    const type = this.propertyPath(rootType, path);
    if (!type) return undefined;
    const here = path.join('.');
    const at = node.range[0];
    for (const { path: narrowedPath, start, loop, presence: presenceTest } of narrowed!) {
      // a narrowing that comes later, outside any loop around both, cannot reach this use; nor can the use itself
      // (`listen(port)` may be an assertion call, which narrows `port` after it, not in it)
      if (start >= at && !(loop && loop[0] <= at && at <= loop[1])) continue;
      // `'setKeepAlive' in socket` on a Duplex: `Duplex & Record<"setKeepAlive", unknown>`, the same class for typeForMembers
      if (presence && presenceTest && narrowedPath === here && type.flags & ts.TypeFlags.Object && !type.isUnion())
        continue;
      // narrowed here or above (`if (s instanceof X) s.a`): not the declared type
      if (narrowedPath === here || isPathPrefix(narrowedPath, here)) return undefined;
      // narrowed below (`if (!s.authorized) s`): only a union on the way down has a discriminant to narrow by
      if (
        isPathPrefix(here, narrowedPath) &&
        (this.propertyPath(type, narrowedPath.split('.').slice(path.length, -1))?.isUnion() ?? true)
      )
        return undefined;
    }
    return plain(type);
  }

  /** The declared type of the property path down from a type; undefined through a union or a missing property. */
  private propertyPath(type: ts.Type, names: readonly string[]): ts.Type | undefined {
    let current = type;
    for (const name of names) {
      const property = current.isUnion() ? undefined : current.getProperty(name);
      if (!property) return undefined;
      current = this.checker.getTypeOfSymbol(property);
    }
    return current;
  }

  /** The declared type of a variable, where declaredTypeAt can read one (see there). */
  private declaredTypeOf(variable: Variable): ts.Type | undefined {
    const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (!def || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (def.type === 'Variable') {
      const declarator = def.node;
      if (def.parent.kind !== 'const' || declarator.id !== def.name) return undefined;
      if (def.name.typeAnnotation) {
        const type = this.writtenType(def.name.typeAnnotation.typeAnnotation);
        return type.isUnion() ? undefined : type;
      }
      const init = declarator.init;
      if (
        (init?.type === AST_NODE_TYPES.TSAsExpression || init?.type === AST_NODE_TYPES.TSTypeAssertion) &&
        !isConstAssertion(init.typeAnnotation)
      ) {
        return this.writtenType(init.typeAnnotation);
      }
      return init?.type === AST_NODE_TYPES.CallExpression ? plain(this.declaredReturnType(init)) : undefined;
    }
    if (def.type !== 'Parameter') return undefined;
    const fn = def.node;
    const index = fn.params.indexOf(def.name);
    if (index < 0 || def.name.optional) return undefined;
    if (def.name.typeAnnotation) return this.writtenType(def.name.typeAnnotation.typeAnnotation);
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
      return plain(this.parameterOfListener(this.typeAt(call.callee), event, index, fn.params.length));
    }
    return plain(this.callbackParameterType(call, call.arguments.indexOf(fn), index, fn.params.length));
  }

  /**
   * The type of parameter `index` of a callback passed as argument `position` of a call to a declared function
   * (`http.createServer((req, res) => …)`), read from the overload TypeScript picks by arity, where the callback's
   * parameter type is declared. In a generic overload whose type parameters only the callback could infer, they take
   * their defaults, which is what TypeScript infers then: `InstanceType<Request>` is `IncomingMessage`. Asking for the
   * contextual type instead resolves the whole call (13-50 ms the first time for a request listener).
   */
  private callbackParameterType(
    call: TSESTree.CallExpression,
    position: number,
    index: number,
    arity: number,
  ): ts.Type | undefined {
    const declarations = this.calleeDeclarations(call);
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
      const listener = this.query(() => this.checker.getTypeFromTypeNode(written)).getCallSignatures();
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
      return this.withDefaults(this.checker.getTypeOfSymbol(parameter));
    }
    return undefined;
  }

  /**
   * `InstanceType<T>` for a type parameter `T` with a default: the instance type of the default (of a generic class,
   * its own type parameters left open: `ServerResponse<Request>`, the same class, which is what the engine matches).
   * An intersection of one such part with object literal types (`InstanceType<Response> & { req: … }`) is read as
   * that part. Undefined for anything else computed from type parameters.
   */
  private withDefaults(type: ts.Type): ts.Type | undefined {
    if (type.isIntersection()) {
      const computed = type.types.filter((t) => t.flags & COMPUTED);
      const rest = type.types.filter((t) => !(t.flags & COMPUTED));
      if (
        computed.length !== 1 ||
        !rest.every((t) => t.flags & ts.TypeFlags.Object && (t.getSymbol()?.flags ?? 0) & ts.SymbolFlags.TypeLiteral)
      )
        return undefined;
      return this.withDefaults(computed[0]!);
    }
    if (!(type.flags & COMPUTED)) return type;
    const [argument] = type.aliasTypeArguments ?? [];
    if (type.aliasSymbol?.name !== 'InstanceType' || !argument || !(argument.flags & ts.TypeFlags.TypeParameter))
      return undefined;
    const fallback = this.checker.getDefaultFromTypeParameter(argument);
    const constructs = fallback?.getConstructSignatures() ?? [];
    return constructs.length === 1 ? constructs[0]!.getReturnType() : undefined;
  }

  /**
   * The property paths of a variable that some use may narrow (see narrowingPath), relative to it: '' for the
   * variable itself, 'a.b' for `x.a.b`; where that use starts, and the outermost loop around it (through a loop's
   * back edge a narrowing reaches uses before it). Null when the variable is written after its declaration.
   */
  private narrowedPaths(variable: Variable): readonly Narrowing[] | null {
    if (this.narrowed.has(variable)) return this.narrowed.get(variable)!;
    let paths: Narrowing[] | null = [];
    for (const reference of variable.references) {
      if (reference.isWrite() && reference.init !== true) {
        paths = null;
        break;
      }
      const identifier = reference.identifier as TSESTree.Identifier;
      const path = narrowingPath(identifier, variable.name);
      if (path !== undefined)
        paths.push({
          path,
          start: identifier.range[0],
          loop: outermostLoop(identifier),
          presence: isPresenceTest(identifier, path),
        });
    }
    this.narrowed.set(variable, paths);
    return paths;
  }

  /**
   * The type a type annotation or assertion writes (`x: T`, `private field: T`, `as T`): no flow analysis at a use,
   * no comparison with anything. Far cheaper than the type at a use where the answer only depends on the declared
   * class (`this.timer.unref()`).
   */
  writtenType(node: TSESTree.TypeNode): ts.Type {
    // `private sweeper: NodeJS.Timeout | undefined` in many files: every name in it is global, so it is the same type
    // in each, and resolving it again cost about 0.2 ms per file
    const key = this.globalTypeText(node);
    let byText = key === undefined ? undefined : globalWrittenTypes.get(this.checker);
    if (key !== undefined && !byText) globalWrittenTypes.set(this.checker, (byText = new Map()));
    const cached = key === undefined ? undefined : byText?.get(key);
    if (cached) return cached;
    const written = this.services.esTreeNodeToTSNodeMap.get(node) as ts.TypeNode;
    // `Duplex`, `net.Socket`: the class's declared type, without resolving the import as TypeScript does it
    const type = this.query(() => this.matcher.declaredClassType(written) ?? this.checker.getTypeFromTypeNode(written));
    if (key !== undefined) byText?.set(key, type);
    return type;
  }

  /**
   * The text of a written type made only of keywords and references to names that this file does not declare
   * (`NodeJS.Timeout | undefined`), so that it means the same in every file of the program; undefined otherwise.
   */
  private globalTypeText(node: TSESTree.TypeNode): string | undefined {
    const plainNames = (type: TSESTree.Node): boolean => {
      switch (type.type) {
        case AST_NODE_TYPES.TSUnionType:
        case AST_NODE_TYPES.TSIntersectionType:
          return type.types.every(plainNames);
        case AST_NODE_TYPES.TSTypeReference: {
          let root: TSESTree.EntityName = type.typeName;
          while (root.type === AST_NODE_TYPES.TSQualifiedName) root = root.left;
          if (root.type !== AST_NODE_TYPES.Identifier || this.declaredAround(root)) return false;
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
    return plainNames(node) ? this.sourceCode.getText(node) : undefined;
  }

  /**
   * Whether a scope of this file around the name declares it (a variable, import, type, type parameter): read from
   * TypeScript's symbol tables of the enclosing declarations (TypeMatcher.localSymbol), a few lookups (all the scopes
   * of the file were 10-18 µs per file).
   */
  private declaredAround(name: TSESTree.Identifier): boolean {
    const id = this.services.esTreeNodeToTSNodeMap.get(name);
    return !ts.isIdentifier(id) || this.matcher.localSymbol(id) !== undefined;
  }

  /**
   * The type of parameter `index` of the listener that the overloads of `on` (its type given) take for `event`, for a
   * listener with `arity` parameters (one with more than the overload offers makes TypeScript pick a later overload).
   */
  private parameterOfListener(method: ts.Type, event: string, index: number, arity: number): ts.Type | undefined {
    for (const signature of method.getCallSignatures()) {
      const [eventParameter, listenerParameter] = signature.getParameters();
      if (!eventParameter || !listenerParameter) return undefined;
      const eventType = this.checker.getTypeOfSymbol(eventParameter);
      const listener = this.checker.getTypeOfSymbol(listenerParameter).getCallSignatures();
      if (listener.length !== 1) return undefined;
      const parameters = listener[0]!.getParameters();
      if (eventType.isStringLiteral()) {
        // one overload per event: on(event: "session", listener: (session: ServerHttp2Session) => void)
        if (eventType.value !== event) continue;
        const parameter = parameters[index];
        return parameter && arity <= parameters.length && !parameters.some(isRest)
          ? this.checker.getTypeOfSymbol(parameter)
          : undefined;
      }
      // an event map: on<E extends keyof Map>(event: E, listener: (...args: Map[E]) => void)
      if (!(eventType.flags & ts.TypeFlags.TypeParameter) || parameters.length !== 1 || !isRest(parameters[0]!))
        return undefined;
      const args = this.checker.getTypeOfSymbol(parameters[0]!);
      if (!(args.flags & ts.TypeFlags.IndexedAccess) || (args as ts.IndexedAccessType).indexType !== eventType)
        return undefined;
      const entry = this.checker.getPropertyOfType((args as ts.IndexedAccessType).objectType, event);
      if (!entry) continue;
      const tuple = this.checker.getTypeOfSymbol(entry);
      if (!this.checker.isTupleType(tuple)) return undefined;
      const elements = ((tuple as ts.TypeReference).target as ts.TupleType).elementFlags;
      const flags = elements[index];
      return arity <= elements.length &&
        flags !== undefined &&
        flags & ts.ElementFlags.Required &&
        !elements.some((f) => f & ts.ElementFlags.Variable)
        ? this.checker.getTypeArguments(tuple as ts.TypeReference)[index]
        : undefined;
    }
    return undefined;
  }

  membersAt(node: TSESTree.Node): readonly TypeMember[] {
    return timed(() => this.matcher.members(this.typeForMembers(node)));
  }

  /**
   * The type at a node for what its members are: the class or interface, and where each member comes from. The same
   * as typeAt, except where the only narrowing of a reference to an object type that is no union is a test of a
   * member that sockets have and plain streams lack (`'setKeepAlive' in socket`): TypeScript then types `socket` as
   * `Duplex & Record<"setKeepAlive", unknown>`, which only adds that member (with no class that declares it), and it
   * resolves every member of `Duplex` to find out (17 ms the first time); here it is the declared `Duplex`. The guard
   * itself is the engine's to read.
   */
  typeForMembers(node: TSESTree.Node): ts.Type {
    let type = this.memberTypes.get(node) ?? this.types.get(node);
    if (!type) {
      // where the declarations do not answer even with member tests allowed, they do not answer typeAt either
      type = timed(() => this.declaredTypeAt(node, true)) ?? this.flowType(node);
      this.memberTypes.set(node, type);
    }
    return type;
  }

  /**
   * The module and name of the function or method a call resolves to, e.g. `net.connect`, `http.Server.listen`.
   * For a call, read from the declarations of the callee's symbol when all of them (the overloads) have the same
   * name: resolving the call against the overloads (what `getResolvedSignature` does) can cost 50-150 ms the first
   * time for `server.listen({ … })` or `http.createServer((req, res) => …)`. Otherwise, and for `new`, the resolved
   * signature.
   */
  calleeDeclaration(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
    return timed(() => this.resolveCallee(call));
  }

  private resolveCallee(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
    if (call.type === AST_NODE_TYPES.CallExpression) {
      const names = new Set(this.calleeDeclarations(call)?.map(qualifiedDeclarationName));
      if (names.size === 1) {
        const [name] = names;
        if (name !== undefined) return name;
      }
    }
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(call);
    if (!ts.isCallExpression(tsNode) && !ts.isNewExpression(tsNode)) return undefined;
    const declaration = this.query(() => this.checker.getResolvedSignature(tsNode)?.declaration);
    if (!declaration) return undefined;
    return qualifiedDeclarationName(declaration);
  }

  /**
   * The declarations of the function or method a call's callee names, without resolving the call: through the import
   * for `connect(…)` and `http2.createServer(…)`, through the receiver's type (which typeAt may read from
   * declarations) for `server.listen(…)`. Undefined unless every declaration is a function or method.
   */
  private calleeDeclarations(call: TSESTree.CallExpression): readonly ts.SignatureDeclaration[] | undefined {
    // asked for a creation call both by calleeDeclaration and by the declared type of the const it initializes
    if (this.callees.has(call)) return this.callees.get(call);
    const callee = call.callee;
    let symbol: ts.Symbol | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier)
      symbol = this.isImport(callee) ? this.aliasedSymbol(callee) : undefined;
    else if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      !callee.computed &&
      callee.property.type === AST_NODE_TYPES.Identifier
    ) {
      const object = callee.object;
      if (object.type === AST_NODE_TYPES.Identifier && this.isImport(object))
        symbol = this.aliasedSymbol(callee.property);
      else {
        const owner = this.typeAt(lazilyRequired(this, object) ?? object);
        symbol = owner.isUnion() ? undefined : owner.getProperty(callee.property.name);
      }
    }
    const declarations = symbol?.declarations;
    const found =
      declarations?.length && declarations.every(isFunctionDeclarationLike)
        ? (declarations as ts.SignatureDeclaration[])
        : undefined;
    this.callees.set(call, found);
    return found;
  }

  /** Whether the name is an import binding (`connect`, or `http2` of `http2.createServer`). */
  private isImport(id: TSESTree.Identifier): boolean {
    return this.variable(id)?.defs[0]?.type === 'ImportBinding';
  }

  /**
   * The symbol a name resolves to, through an import's alias: `connect`, or `createServer` of `http.createServer`.
   * Read a step at a time from the symbol tables (TypeMatcher.symbolOfName); TypeScript's own lookup of
   * `http.createServer` checks the property access, the type of the `http` import first (0.25 ms in every file).
   */
  private aliasedSymbol(name: TSESTree.Identifier): ts.Symbol | undefined {
    const node = this.services.esTreeNodeToTSNodeMap.get(name);
    if (!ts.isIdentifier(node)) return undefined;
    const access = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : undefined;
    return this.query(() => this.matcher.symbolOfName(access ?? node));
  }

  /**
   * The type a call returns as its callee declares it, when every overload declares the same type (the same class or
   * interface, perhaps with other type arguments) and it is not computed from the arguments (a type parameter, a
   * conditional type): `http2.createServer()` is an `Http2Server` whatever the arguments, and that is known without
   * inferring them. Of the overloads' types, the first without type parameters in its type arguments
   * (`Http2Server`, which is `Http2Server<typeof IncomingMessage, …>`).
   */
  private declaredReturnType(call: TSESTree.CallExpression): ts.Type | undefined {
    const declarations = this.calleeDeclarations(call);
    if (!declarations) return undefined;
    const types: ts.Type[] = [];
    for (const declaration of declarations) {
      const written = declaration.type;
      if (!written) return undefined;
      types.push(this.query(() => this.checker.getTypeFromTypeNode(written)));
    }
    const [first] = types;
    const same = (t: ts.Type): boolean =>
      t === first || (t.getSymbol() !== undefined && t.getSymbol() === first!.getSymbol());
    if (!first || !types.every(same)) return undefined;
    const concrete = (t: ts.Type): boolean =>
      !(t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) ||
      this.checker.getTypeArguments(t as ts.TypeReference).every((a) => !(a.flags & COMPUTED));
    return types.find(concrete) ?? first;
  }

  /** No type parameter or computed type in it, down through union parts and type arguments (`Promise<T>` is not). */
  private closed(type: ts.Type, depth = 0): boolean {
    if (type.flags & COMPUTED || depth > 6) return false;
    if (type.isUnionOrIntersection()) return type.types.every((t) => this.closed(t, depth + 1));
    const reference =
      type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference;
    return (
      !reference || this.checker.getTypeArguments(type as ts.TypeReference).every((t) => this.closed(t, depth + 1))
    );
  }

  /** The type predicate of the called signature, if the call is a user type guard. */
  typePredicate(call: TSESTree.CallExpression): ts.TypePredicate | undefined {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(call);
    if (!ts.isCallExpression(tsNode)) return undefined;
    return this.query(() => {
      const signature = this.checker.getResolvedSignature(tsNode);
      return signature ? this.checker.getTypePredicateOfSignature(signature) : undefined;
    });
  }

  /** Asks the type checker something: counted, and timed while recording. */
  private query<T>(ask: () => T): T {
    countQuery();
    return timed(ask);
  }

  /** The variable an identifier refers to, or null for globals and unresolved names. */
  variable(id: TSESTree.Identifier): Variable | null {
    if (this.variables.has(id)) return this.variables.get(id) ?? null;
    const found = ASTUtils.findVariable(this.sourceCode.getScope(id), id) ?? null;
    this.variables.set(id, found);
    return found;
  }
}

/**
 * The property path (relative to the variable) that a use narrows, if it sits where TypeScript narrows: a
 * condition, a comparison, `typeof`, `!`, `in` or `instanceof` (also stored in a variable, which TypeScript follows),
 * the left side of `&&`, `||` or `??` when the right side uses the variable again, a call argument (a type predicate
 * or assertion function), the target of an assignment. `if (!s.authorized)` narrows 'authorized'; `check(s)` and
 * `if (s.isFoo())` (a method may be a `this is T` predicate) narrow ''. Purely syntactic and conservative; undefined
 * where the use narrows nothing (`const peer = s.a ?? 'unknown'`, `s.a.write(x)`).
 */
function narrowingPath(reference: TSESTree.Identifier, name: string): string | undefined {
  const names: string[] = [];
  let called: number | undefined;
  const path = (): string => names.slice(0, called ?? names.length).join('.');
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
        if (parent.callee !== node) return path();
        // the call's value is not a reference: from here on, what can be narrowed is its receiver
        called ??= Math.max(0, names.length - 1);
        continue;
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.left === node && mentions(parent.right, name)) return path();
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return path();
        continue;
      case AST_NODE_TYPES.BinaryExpression:
        return ['===', '!==', '==', '!=', 'instanceof', 'in'].includes(parent.operator) ? path() : undefined;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'typeof' || parent.operator === '!' ? path() : undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.left === node ? path() : undefined;
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.SwitchStatement:
        return path();
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        return parent.test === node ? path() : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** A use that may narrow a property path of a variable (FileContext.narrowedPaths). */
interface Narrowing {
  path: string;
  start: number;
  loop: TSESTree.Range | undefined;
  /**
   * `'setKeepAlive' in x`, a test of a member that a socket has and a plain stream lacks: on an object type that is no
   * union, TypeScript's narrowing only adds that member (typeForMembers).
   */
  presence: boolean;
}

/**
 * Whether the use is the right operand of `in` with a socket member on the left (`'setKeepAlive' in socket`), through
 * the member path it narrows. Only those: another member's type could matter elsewhere (`'agent' in options`).
 */
function isPresenceTest(reference: TSESTree.Identifier, path: string): boolean {
  let node: TSESTree.Node = reference;
  for (let i = path === '' ? 0 : path.split('.').length; i > 0; i--) node = node.parent!;
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.BinaryExpression || parent.operator !== 'in' || parent.right !== node)
    return false;
  return SOCKET_ONLY_MEMBERS.has(staticString(parent.left) ?? '');
}

/** The range of the outermost loop statement around a node, within its function. */
function outermostLoop(node: TSESTree.Node): TSESTree.Range | undefined {
  let loop: TSESTree.Range | undefined;
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        loop = current.range;
    }
  }
  return loop;
}

/** Whether `prefix` is a strict prefix of the property path (`''` of every other, `a` of `a.b`). */
function isPathPrefix(prefix: string, path: string): boolean {
  return prefix !== path && (prefix === '' || path.startsWith(`${prefix}.`));
}

/** Whether an identifier of this name occurs in the expression (a cheap syntactic scan). */
function mentions(node: TSESTree.Node, name: string): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === name;
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

const COMPUTED =
  ts.TypeFlags.TypeParameter |
  ts.TypeFlags.Conditional |
  ts.TypeFlags.IndexedAccess |
  ts.TypeFlags.Index |
  ts.TypeFlags.Substitution;

/**
 * The type, unless it is computed from type parameters (`T`, `InstanceType<Request>`): read from a generic
 * declaration, such a type is not what TypeScript infers at the call, and says nothing about the value.
 */
function plain(type: ts.Type | undefined): ts.Type | undefined {
  if (!type) return undefined;
  const parts = type.isUnion() || type.isIntersection() ? type.types : [type];
  return parts.some((t) => t.flags & COMPUTED) ? undefined : type;
}

function isFunctionDeclarationLike(declaration: ts.Declaration): boolean {
  return (
    ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration)
  );
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
function lazilyRequired(ctx: FileContext, object: TSESTree.Node): TSESTree.CallExpression | undefined {
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ctx.variable(object);
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
