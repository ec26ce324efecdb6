/**
 * Per-file state shared by every part of the engine: type queries (counted, for the benchmark), variable
 * resolution, and declaration-module lookups. One instance per linted file, shared by all rules.
 */
import {
  ASTUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils';
import { observer } from '../stats.ts';
import { TypeMatcher, type TypeMember } from '../type-matcher.ts';
import ts from '../typescript.cts';
import { askByParts, typeBound } from './bounds.ts';
import { calleeDeclaration, typePredicate } from './callees.ts';
import { declaredTypeAt, writtenType } from './declared-types.ts';
import type { Narrowing } from './narrowing.ts';

export class FileContext {
  readonly checker: ts.TypeChecker;

  readonly matcher: TypeMatcher;

  readonly types = new Map<TSESTree.Node, ts.Type>();

  readonly memberTypes = new Map<TSESTree.Node, ts.Type>();

  readonly variables = new Map<TSESTree.Identifier, Variable | null>();

  readonly narrowed = new Map<Variable, readonly Narrowing[] | null>();

  readonly callees = new Map<TSESTree.CallExpression, readonly ts.SignatureDeclaration[] | undefined>();

  readonly bounds = new Map<TSESTree.Node, readonly ts.Type[] | undefined>();

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
      type = this.declaredType(node, false) ?? this.flowType(node);
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

  membersAt(node: TSESTree.Node): readonly TypeMember[] {
    return observer
      ? observer.observe(() => this.matcher.members(this.typeForMembers(node)))
      : this.matcher.members(this.typeForMembers(node));
  }

  /**
   * The type at a node for what its members are: the class or interface, and where each member comes from. The same
   * as typeAt, except where the only narrowing of a reference to an object type that is no union is a test of a
   * member that sockets have and plain streams lack (`'setKeepAlive' in socket`): TypeScript then types `socket` as
   * `Duplex & Record<"setKeepAlive", unknown>`, which only adds that member (with no class that declares it), and it
   * resolves every member of `Duplex` to find out; here it is the declared `Duplex`. The guard
   * itself is the engine's to read.
   */
  typeForMembers(node: TSESTree.Node): ts.Type {
    let type = this.memberTypes.get(node) ?? this.types.get(node);
    if (!type) {
      // where the declarations do not answer even with member tests allowed, they do not answer typeAt either
      type = this.declaredType(node, true) ?? this.flowType(node);
      this.memberTypes.set(node, type);
    }
    return type;
  }

  /** The type the declarations give a node (declaredTypeAt), seen by the observer if one is installed. */
  private declaredType(node: TSESTree.Node, presence: boolean): ts.Type | undefined {
    return observer
      ? observer.observe(() => declaredTypeAt(this, node, presence))
      : declaredTypeAt(this, node, presence);
  }

  /** Asks the type checker something, seen by the observer if one is installed. */
  query<T>(ask: () => T): T {
    if (!observer) return ask();
    observer.countQuery();
    return observer.observe(ask);
  }

  /** The variable an identifier refers to, or null for globals and unresolved names. */
  variable(id: TSESTree.Identifier): Variable | null {
    if (this.variables.has(id)) return this.variables.get(id) ?? null;
    const found = ASTUtils.findVariable(this.sourceCode.getScope(id), id) ?? null;
    this.variables.set(id, found);
    return found;
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
   *   whole call against the overloads of `on` (for an HTTP/2 server, the generic event maps of @types/node), where
   *   the type of the receiver's method is one lookup;
   * - a `const` initialized by a call whose overloads all declare one return type (declaredReturnType);
   * - a callback's parameter, from the called function's declaration (callbackParameterType).
   *
   * `x!` is the declared type without null and undefined.
   *
   * Undefined, so the caller asks TypeScript, whenever the answer is not plain.
   */
  declaredTypeAt(node: TSESTree.Node, presence = false): ts.Type | undefined {
    return declaredTypeAt(this, node, presence);
  }

  /**
   * The type a type annotation or assertion writes (`x: T`, `private field: T`, `as T`): no flow analysis at a use,
   * no comparison with anything. Far cheaper than the type at a use where the answer only depends on the declared
   * class (`this.timer.unref()`).
   */
  writtenType(node: TSESTree.TypeNode): ts.Type {
    return writtenType(this, node);
  }

  /**
   * The module and name of the function or method a call resolves to, e.g. `net.connect`, `http.Server.listen`.
   * For a call, read from the declarations of the callee's symbol when all of them (the overloads) have the same
   * name, without resolving the call against the overloads (what `getResolvedSignature` does, which checks every
   * overload for `server.listen({ … })` or `http.createServer((req, res) => …)`). Otherwise, and for `new`, the resolved
   * signature.
   */
  calleeDeclaration(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
    return calleeDeclaration(this, call);
  }

  /**
   * Types that every part of TypeScript's type at a reference is one of, read from declarations (an upper bound, not
   * the type): see bounds.ts. Undefined where declarations do not bound it.
   */
  typeBound(node: TSESTree.Node): readonly ts.Type[] | undefined {
    return typeBound(this, node);
  }

  /**
   * What `ask` says of the type for members at a node, from the upper bound where all its parts agree, else from
   * typeForMembers. `ask` must answer a union as its parts do when they agree (`every` over its members).
   */
  askByParts<T>(node: TSESTree.Node, ask: (type: ts.Type) => T): T {
    return askByParts(this, node, ask);
  }

  /** The type predicate of the called signature, if the call is a user type guard. */
  typePredicate(call: TSESTree.CallExpression): ts.TypePredicate | undefined {
    return typePredicate(this, call);
  }
}

export type Variable = TSESLint.Scope.Variable;

const matchers = new WeakMap<ts.TypeChecker, TypeMatcher>();

/** The type matcher of a checker: one per program, shared by the files and rules that use it. */
export function matcherFor(checker: ts.TypeChecker): TypeMatcher {
  let matcher = matchers.get(checker);
  if (!matcher) matchers.set(checker, (matcher = new TypeMatcher(checker)));
  return matcher;
}
