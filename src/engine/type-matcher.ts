/**
 * Type knowledge: which Node (and runtime) classes a TypeScript type is, matched by the module that declares the
 * class and its name, never by the text of the type. `"node:net".Socket` (@types/node >= 25) and `"net".Socket`
 * (@types/node <= 24) both become `net.Socket`; subclasses carry the names of all their bases, so a
 * `tls.TLSSocket` is also a `net.Socket` and a `stream.Duplex`.
 */
import { observer } from './stats.ts';
import ts from './typescript.cts';

/** Qualified names such as `net.Socket`, `stream.Duplex`, `http2.Http2Session`, `Deno.TcpConn`. */
export type Lineage = ReadonlySet<string>;

/** What one member of a (union) type is, for transport purposes. */
export type TypeVerdict =
  | 'socket' // net.Socket or a subclass other than TLSSocket (tty streams, process.stdout)
  | 'tls' // tls.TLSSocket
  | 'stream' // a stream (Duplex, Readable, Writable, …) that is not a net.Socket
  | 'nullish' // null, undefined, void
  | 'any' // any
  | 'unknown' // unknown, or an unconstrained type parameter
  | 'error' // an unresolved type: type information is missing for it, never report
  | 'deno-tcp' // Deno.TcpConn
  | 'deno-unix' // Deno.UnixConn
  | 'deno-tls' // Deno.TlsConn
  | 'deno-conn' // Deno.Conn<A>: which ones its address type allows (see denoConnKinds)
  | 'bun-socket' // Bun's Socket: TCP or Unix, the type cannot tell
  | 'other'; // anything else: user classes, EventEmitter, objects

export interface TypeMember {
  verdict: TypeVerdict;
  type: ts.Type;
  lineage: Lineage;
}

const NULLISH = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
const STREAM_CLASSES = ['stream.Duplex', 'stream.Readable', 'stream.Writable', 'stream.Stream', 'stream.Transform'];

function moduleOf(declaration: ts.Node): string | undefined {
  const path: string[] = [];
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node)) {
      if (ts.isStringLiteral(node.name)) {
        // `namespace Stream` inside `declare module "stream"` is transparent: `stream.Duplex`, not `stream.Stream.Duplex`
        return node.name.text.replace(/^node:/, '');
      }
      path.unshift(node.name.text);
    }
  }
  // A global namespace such as `Deno` or `NodeJS`.
  return path.length > 0 ? path.join('.') : undefined;
}

/** `net.Socket` for the class Socket of `declare module "net"` (or "node:net"), `Deno.TcpConn`; undefined outside modules and namespaces. */
export function qualifiedName(symbol: ts.Symbol): string | undefined {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return undefined;
  const module = moduleOf(declaration);
  return module ? `${module}.${symbol.name}` : undefined;
}

/** Type matching with a per-checker cache; one instance is shared by every rule on a program. */
export class TypeMatcher {
  private readonly lineages = new WeakMap<ts.Type, Lineage>();
  private readonly memberCache = new WeakMap<ts.Type, readonly TypeMember[]>();
  /** declaringOwners by type and property: `timer.unref()` on every file asks about the same `Timeout` type. */
  private readonly ownerCache = new WeakMap<ts.Type, Map<string, readonly (string | undefined)[]>>();
  private readonly bases = new Map<ts.Symbol, readonly ts.Symbol[] | undefined>();

  constructor(readonly checker: ts.TypeChecker) {}

  /** The qualified names of a type's class or interface and all its bases. */
  lineage(type: ts.Type): Lineage {
    return observer ? observer.observe(() => this.lineageOf(type)) : this.lineageOf(type);
  }

  private lineageOf(type: ts.Type): Lineage {
    const cached = this.lineages.get(type);
    if (cached) return cached;
    const names = new Set<string>();
    const seen = new Set<ts.Type | ts.Symbol>();
    const visitSymbol = (symbol: ts.Symbol, depth: number): void => {
      if (depth > 12 || seen.has(symbol)) return;
      seen.add(symbol);
      const name = qualifiedName(symbol);
      if (name) names.add(name);
      const bases = this.baseSymbols(symbol);
      if (bases) for (const base of bases) visitSymbol(base, depth + 1);
      else visitBases(this.checker.getDeclaredTypeOfSymbol(symbol), depth);
    };
    const visitBases = (t: ts.Type, depth: number): void => {
      if (isClassOrInterface(t)) for (const base of this.checker.getBaseTypes(t)) visit(base, depth + 1);
    };
    const visit = (t: ts.Type, depth: number): void => {
      if (depth > 12 || seen.has(t)) return;
      seen.add(t);
      if (t.isIntersection()) {
        for (const part of t.types) visit(part, depth + 1);
        return;
      }
      const target = isTypeReference(t) ? t.target : t;
      const symbol = t.getSymbol();
      if (symbol && isClassOrInterface(target) && this.baseSymbols(symbol)) {
        visitSymbol(symbol, depth);
        return;
      }
      if (symbol) {
        const name = qualifiedName(symbol);
        if (name) names.add(name);
      }
      visitBases(target, depth);
    };
    visit(type, 0);
    this.lineages.set(type, names);
    return names;
  }

  /**
   * The classes and interfaces a class or interface symbol extends, read from its `extends` clauses by resolving
   * their names alone: `getBaseTypes` would make TypeScript resolve the base constructor's type (for
   * `net.Socket extends stream.Duplex`, the whole `stream` module). Undefined where a clause is not a plain name of a class or interface (a
   * mixin call, a variable, a type alias): the caller then asks for the base types.
   */
  private baseSymbols(symbol: ts.Symbol): readonly ts.Symbol[] | undefined {
    if (this.bases.has(symbol)) return this.bases.get(symbol);
    let out: ts.Symbol[] | undefined = [];
    for (const declaration of symbol.declarations ?? []) {
      if (!ts.isClassLike(declaration) && !ts.isInterfaceDeclaration(declaration)) continue;
      for (const clause of declaration.heritageClauses ?? []) {
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        for (const written of clause.types) {
          const base = isNameExpression(written.expression) ? this.symbolOfName(written.expression) : undefined;
          if (!base || !(base.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) out = undefined;
          else out?.push(base);
        }
      }
    }
    this.bases.set(symbol, out);
    return out;
  }

  /**
   * The symbol a name in an `extends` clause or a type refers to (`Duplex`, `stream.Duplex`), aliases followed. A
   * qualified name is resolved a step at a time: its first identifier, each alias to its target, then each name in the
   * exports of what the previous step found. Asking for `stream.Duplex` as a whole makes TypeScript check it as an
   * expression: the type of the `stream` namespace import, which for an `export =` module under esModuleInterop means
   * the type of every export of `node:stream`. Undefined where a step finds nothing.
   */
  nameSymbol(name: ts.EntityName | ts.PropertyAccessExpression): ts.Symbol | undefined {
    const steps: ts.Identifier[] = [];
    let left: ts.Node = name;
    for (;;) {
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.name)) {
        steps.unshift(left.name);
        left = left.expression;
      } else if (ts.isQualifiedName(left)) {
        steps.unshift(left.right);
        left = left.left;
      } else break;
    }
    let symbol = ts.isIdentifier(left)
      ? this.resolved(this.localSymbol(left) ?? this.checker.getSymbolAtLocation(left))
      : undefined;
    for (const step of steps) {
      if (!symbol) break;
      symbol = this.resolved(symbol.exports?.get(step.escapedText));
    }
    return symbol;
  }

  /**
   * The symbol an identifier names, looked up in the symbol tables of the scopes around it (the module's imports and
   * declarations, a namespace's exports), without resolving it: TypeScript's lookup resolves an imported name to check
   * its meaning, which for a named import from an `export =` module (`import { EventEmitter } from "node:events"`)
   * resolves the type of the module's value. Undefined for globals: the caller asks TypeScript.
   */
  localSymbol(id: ts.Identifier): ts.Symbol | undefined {
    for (let node: ts.Node | undefined = id.parent; node; node = node.parent) {
      const found = (node as { locals?: ts.SymbolTable }).locals?.get(id.escapedText);
      // an exported declaration's local symbol (flags 0 for a type) stands for its export symbol
      if (found) return this.checker.getExportSymbolOfSymbol(found);
      if (ts.isModuleDeclaration(node) || ts.isSourceFile(node)) {
        const exported = (node as { symbol?: ts.Symbol }).symbol?.exports?.get(id.escapedText);
        if (exported) return exported;
      }
    }
    return undefined;
  }

  /**
   * The symbol a name (`Duplex`, `stream.Duplex`, `http.createServer`) refers to, aliases followed: nameSymbol, or
   * TypeScript's answer for the whole name where a step finds nothing.
   */
  symbolOfName(name: ts.Identifier | ts.PropertyAccessExpression): ts.Symbol | undefined {
    const symbol = this.nameSymbol(name);
    if (symbol) return symbol;
    const whole = this.checker.getSymbolAtLocation(name);
    return whole && whole.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(whole) : whole;
  }

  /**
   * The type a written reference to a class or interface without type parameters stands for (`net.Socket`,
   * `Duplex`): its declared type, found through nameSymbol. Undefined for anything else (generics, aliases, type
   * arguments), which the caller asks TypeScript about.
   */
  declaredClassType(node: ts.TypeNode): ts.Type | undefined {
    if (!ts.isTypeReferenceNode(node) || node.typeArguments) return undefined;
    const symbol = this.nameSymbol(node.typeName);
    if (!symbol || !(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) return undefined;
    const type = this.checker.getDeclaredTypeOfSymbol(symbol);
    return isClassOrInterface(type) && !type.typeParameters && !type.outerTypeParameters ? type : undefined;
  }

  /**
   * The instance type `new C(…)` gives, read from the class C names (`new Socket()`, `new net.Socket()`, a class of
   * the file) through nameSymbol, without resolving the call: the declared type of a class without type parameters
   * (a generic class's type arguments are inferred from the arguments). Undefined for anything else: a variable
   * holding a constructor, an interface with a constructor variable (`Map`), type arguments written at the call.
   */
  constructedClassType(expression: ts.NewExpression): ts.Type | undefined {
    const callee = expression.expression;
    if (expression.typeArguments || !(ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)))
      return undefined;
    const symbol = this.nameSymbol(callee);
    if (!symbol || !(symbol.flags & ts.SymbolFlags.Class)) return undefined;
    const type = this.checker.getDeclaredTypeOfSymbol(symbol);
    return isClassOrInterface(type) && !type.typeParameters && !type.outerTypeParameters ? type : undefined;
  }

  /**
   * An alias followed to its target one declaration at a time (`import * as stream`, `export =`, `import x =
   * require`). A named import reads the name from the exports of its module (of its `export =` target), as the
   * module's symbol table has it; TypeScript's own step for a named import from an `export =` module also looks the
   * name up in the type of the exported value (the static side of `EventEmitter`, resolved in full the first time).
   */
  private resolved(symbol: ts.Symbol | undefined): ts.Symbol | undefined {
    for (let i = 0; symbol && symbol.flags & ts.SymbolFlags.Alias && i < 8; i++)
      symbol = this.namedImport(symbol) ?? this.checker.getImmediateAliasedSymbol(symbol);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? undefined : symbol;
  }

  /** Nested namedImport calls: a module that imports from itself through `export =` must not loop. */
  private importDepth = 0;

  private namedImport(alias: ts.Symbol): ts.Symbol | undefined {
    const declaration = alias.declarations?.[0];
    if (!declaration || !ts.isImportSpecifier(declaration) || this.importDepth > 4) return undefined;
    const imported = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(imported)) return undefined;
    this.importDepth++;
    try {
      const module = this.resolved(this.checker.getSymbolAtLocation(declaration.parent.parent.parent.moduleSpecifier));
      const exportEquals = module?.exports?.get(ts.InternalSymbolName.ExportEquals);
      const target = exportEquals ? this.resolved(exportEquals) : module;
      return target?.exports?.get(imported.escapedText);
    } finally {
      this.importDepth--;
    }
  }

  /** Splits a type into union members (generics through their constraint) with a verdict for each. */
  members(type: ts.Type): readonly TypeMember[] {
    return observer ? observer.observe(() => this.membersOf(type)) : this.membersOf(type);
  }

  private membersOf(type: ts.Type): readonly TypeMember[] {
    const cached = this.memberCache.get(type);
    if (cached) return cached;
    const out: TypeMember[] = [];
    const add = (t: ts.Type, depth: number): void => {
      if (
        t.flags & ts.TypeFlags.TypeParameter ||
        t.flags & ts.TypeFlags.Index ||
        t.flags & ts.TypeFlags.IndexedAccess
      ) {
        const constraint = this.checker.getBaseConstraintOfType(t);
        if (constraint && constraint !== t && depth < 8) add(constraint, depth + 1);
        else out.push({ verdict: 'unknown', type: t, lineage: EMPTY });
        return;
      }
      if (t.isUnion()) {
        for (const part of t.types) add(part, depth + 1);
        return;
      }
      out.push({
        verdict: this.verdict(t),
        type: t,
        lineage: t.flags & ts.TypeFlags.Object || t.isIntersection() ? this.lineage(t) : EMPTY,
      });
    };
    add(type, 0);
    this.memberCache.set(type, out);
    return out;
  }

  private ambientModules: ReadonlySet<string> | undefined;

  private declaresModule(...names: string[]): boolean {
    this.ambientModules ??= new Set(this.checker.getAmbientModules().map((m) => m.name));
    return names.some((name) => this.ambientModules!.has(name));
  }

  /**
   * Whether the program has Node's types (`@types/node`). Without them every socket is `any`, and `any` says
   * nothing: it is then treated like a missing type, never as evidence.
   */
  get hasNodeTypes(): boolean {
    return this.declaresModule('"net"', '"node:net"');
  }

  /**
   * Whether the program has Bun's types: bun-types (and @types/bun, which loads it) declare them in
   * `declare module "bun"`, where `bun.Server` and `bun.Socket` come from. Without it no type is a Bun type, and the
   * Bun checks on `x.port!` (common everywhere) need no type query.
   */
  get hasBunTypes(): boolean {
    return this.declaresModule('"bun"');
  }

  private verdict(t: ts.Type): TypeVerdict {
    if (t.flags & ts.TypeFlags.Any) return isErrorType(t) || !this.hasNodeTypes ? 'error' : 'any';
    if (t.flags & ts.TypeFlags.Unknown) return 'unknown';
    if (t.flags & NULLISH) return 'nullish';
    const names = this.lineage(t);
    if (names.has('Deno.TcpConn')) return 'deno-tcp';
    if (names.has('Deno.UnixConn')) return 'deno-unix';
    if (names.has('Deno.TlsConn')) return 'deno-tls';
    if (names.has('Deno.Conn')) return 'deno-conn';
    if (names.has('bun.Socket')) return 'bun-socket';
    if (names.has('tls.TLSSocket')) return 'tls';
    if (names.has('net.Socket')) return 'socket';
    if (STREAM_CLASSES.some((n) => names.has(n))) return 'stream';
    return 'other';
  }

  /** What a `Deno.Conn<A>` may be, from its address type argument: NetAddr (TCP or TLS), UnixAddr, or both. */
  denoConnKinds(t: ts.Type): ('deno-tcp' | 'deno-unix' | 'deno-tls')[] {
    const args = isTypeReference(t) ? this.checker.getTypeArguments(t) : [];
    const addr = args[0];
    if (!addr) return ['deno-tcp', 'deno-unix', 'deno-tls'];
    const names = this.members(addr).flatMap((m) => [...m.lineage]);
    const out: ('deno-tcp' | 'deno-unix' | 'deno-tls')[] = [];
    if (names.includes('Deno.NetAddr')) out.push('deno-tcp', 'deno-tls');
    if (names.includes('Deno.UnixAddr')) out.push('deno-unix');
    return out.length > 0 ? out : ['deno-tcp', 'deno-unix', 'deno-tls'];
  }

  /**
   * Where each member of the type gets a property from: the qualified name of the class or interface that declares
   * it (`net.Socket`, `http.IncomingMessage`), `class Name` for a class or interface outside any module (a user
   * type), `?` for a type literal, `undefined` for a member that lacks it.
   */
  declaringOwners(type: ts.Type, property: string): readonly (string | undefined)[] {
    return observer ? observer.observe(() => this.ownersOf(type, property)) : this.ownersOf(type, property);
  }

  private ownersOf(type: ts.Type, property: string): readonly (string | undefined)[] {
    let byProperty = this.ownerCache.get(type);
    if (!byProperty) this.ownerCache.set(type, (byProperty = new Map<string, readonly (string | undefined)[]>()));
    let owners = byProperty.get(property);
    if (!owners) byProperty.set(property, (owners = this.computeOwners(type, property)));
    return owners;
  }

  private computeOwners(type: ts.Type, property: string): (string | undefined)[] {
    return this.members(type)
      .filter((m) => m.verdict !== 'nullish')
      .map((m) => {
        if (m.verdict === 'any' || m.verdict === 'unknown' || m.verdict === 'error') return undefined;
        const inherited = this.inheritedDeclaration(m.type, property);
        const declaration = inherited === undefined ? m.type.getProperty(property)?.declarations?.[0] : inherited;
        if (!declaration) return undefined;
        const owner = declaration.parent;
        if (!owner || !(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner))) return '?';
        const ownerSymbol = owner.name ? this.checker.getSymbolAtLocation(owner.name) : undefined;
        return (ownerSymbol && qualifiedName(ownerSymbol)) ?? `class ${owner.name?.text ?? '(anonymous)'}`;
      });
  }

  /**
   * The declaration a class or interface type gets a member from, found in its own members, then its bases' (in
   * order, as TypeScript merges them), through the same bases as lineage(). Where `getProperty` would make TypeScript
   * resolve every member of the type and its bases, this reads a few
   * symbol tables. Null when no class or interface in the chain declares it (`setKeepAlive` on a `Duplex`);
   * undefined when this cannot tell: other types, a base that is not a plain name, and the members every object
   * type gets from `Object` (`toString`), which TypeScript's own lookup answers.
   */
  private inheritedDeclaration(t: ts.Type, property: string): ts.Declaration | null | undefined {
    const target = isTypeReference(t) ? t.target : t;
    const symbol = t.getSymbol();
    if (!symbol || !isClassOrInterface(target) || OBJECT_MEMBERS.has(property)) return undefined;
    const key = ts.escapeLeadingUnderscores(property);
    let complete = true;
    const find = (s: ts.Symbol, depth: number): ts.Declaration | undefined => {
      const own = s.members?.get(key)?.declarations?.[0];
      if (own) return own;
      const bases = this.baseSymbols(s);
      if (!bases || depth > 12) complete = false;
      for (const base of depth > 12 ? [] : (bases ?? [])) {
        const found = find(base, depth + 1);
        if (found) return found;
      }
      return undefined;
    };
    return find(symbol, 0) ?? (complete ? null : undefined);
  }

  /**
   * A short name for messages: `Duplex`, `Socket | null`, `any`. TypeScript's printer is set up and checks where
   * each name is accessible the first time it prints, so the common shapes are named here, as it names
   * them: a class or interface without type parameters declared in a module (or a namespace inside one), alone or
   * with `null` and `undefined` after it, and keyword types. Anything else is TypeScript's text.
   */
  display(type: ts.Type): string {
    const text =
      this.simpleText(type) ?? (observer ? observer.observe(() => this.typeText(type)) : this.typeText(type));
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }

  private typeText(type: ts.Type): string {
    return this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
  }

  /** The text TypeScript prints for a simple type (see display), or undefined. */
  simpleText(type: ts.Type): string | undefined {
    if (type.isUnion()) {
      const objects = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      if (objects.length !== 1 || type.aliasSymbol || type.types.length > 3) return undefined;
      const name = this.simpleText(objects[0]!);
      if (name === undefined || !(objects[0]!.flags & ts.TypeFlags.Object)) return undefined;
      // TypeScript prints `null` before `undefined`, after the rest
      const has = (flag: ts.TypeFlags): boolean => type.types.some((t) => t.flags & flag);
      return [
        name,
        ...(has(ts.TypeFlags.Null) ? ['null'] : []),
        ...(has(ts.TypeFlags.Undefined) ? ['undefined'] : []),
      ].join(' | ');
    }
    if (type.flags & KEYWORD_TYPES) return (type as { intrinsicName?: string }).intrinsicName;
    const symbol = type.getSymbol();
    if (!isClassOrInterface(type) || type.typeParameters || type.outerTypeParameters || type.aliasSymbol || !symbol)
      return undefined;
    const container = symbol.declarations?.[0]?.parent;
    return container && symbol.declarations!.every((d) => d.parent === container) && insideModule(container)
      ? symbol.name
      : undefined;
  }
}

/**
 * Whether declarations here sit in a module (a file with imports or exports, or `declare module "name"`), possibly
 * in namespaces inside it: TypeScript prints their bare name (`Duplex` of `namespace internal` in "stream"), where a
 * global namespace's members are printed with it (`NodeJS.Timeout`).
 */
function insideModule(container: ts.Node): boolean {
  for (let node: ts.Node = container; ;) {
    if (ts.isSourceFile(node)) return ts.isExternalModule(node);
    if (!ts.isModuleBlock(node)) return false;
    if (ts.isStringLiteral(node.parent.name)) return true;
    node = node.parent.parent;
  }
}

/** Types whose text is their keyword (an error type is an `any` named `error`: not one of them). */
const KEYWORD_TYPES =
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.String |
  ts.TypeFlags.Number |
  ts.TypeFlags.Boolean |
  ts.TypeFlags.BigInt |
  ts.TypeFlags.Never;

const EMPTY: Lineage = new Set();

/** Members of `Object.prototype`, which TypeScript's property lookup adds to every object type. */
const OBJECT_MEMBERS = new Set([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__proto__',
]);

function isTypeReference(t: ts.Type): t is ts.TypeReference {
  return !!(t.flags & ts.TypeFlags.Object) && !!((t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference);
}

/** `Name` or `a.b.Name`: an `extends` clause whose symbol resolves by name. */
function isNameExpression(node: ts.Expression): node is ts.Identifier | ts.PropertyAccessExpression {
  return ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && isNameExpression(node.expression));
}

function isClassOrInterface(t: ts.Type): t is ts.InterfaceType {
  return !!(t.flags & ts.TypeFlags.Object) && !!((t as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface);
}

function isErrorType(t: ts.Type): boolean {
  // The checker's error type is an `any` whose intrinsic name is 'error' (ts-api-utils' isIntrinsicErrorType).
  return (t as { intrinsicName?: string }).intrinsicName === 'error';
}

export function isNumberLike(t: ts.Type): boolean {
  return !!(t.flags & ts.TypeFlags.NumberLike);
}

export function isStringLike(t: ts.Type): boolean {
  return !!(t.flags & ts.TypeFlags.StringLike);
}

/** `{}`: an object type with no members (what `socket.address()` returns on a pipe). */
export function isEmptyObject(t: ts.Type): boolean {
  return (
    !!(t.flags & ts.TypeFlags.Object) &&
    t.getProperties().length === 0 &&
    t.getCallSignatures().length === 0 &&
    t.getConstructSignatures().length === 0
  );
}

/** Whether every member has the property, and not as an optional one. False without members. */
export function requiresProperty(members: readonly TypeMember[], name: string): boolean {
  return (
    members.length > 0 &&
    members.every((m) => {
      const prop = m.type.getProperty(name);
      return !!prop && !(prop.flags & ts.SymbolFlags.Optional);
    })
  );
}
