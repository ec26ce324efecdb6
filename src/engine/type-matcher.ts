/**
 * Type knowledge: which Node (and runtime) classes a TypeScript type is, matched by the module that declares the
 * class and its name, never by the text of the type. `"node:net".Socket` (@types/node >= 25) and `"net".Socket`
 * (@types/node <= 24) both become `net.Socket`; subclasses carry the names of all their bases, so a
 * `tls.TLSSocket` is also a `net.Socket` and a `stream.Duplex`.
 */
import { observer } from './stats.ts';
import { qualifiedName, SymbolNames, type Lineage } from './type-names.ts';
import { isClassOrInterface, isErrorType, isTypeReference, KEYWORD_TYPES } from './type-predicates.ts';
import ts from './typescript.cts';
/** What one member of a (union) type is, for transport purposes. */
export type TypeVerdict =
  | 'socket' // net.Socket or a subclass other than TLSSocket (tty streams, process.stdout)
  | 'tls' // tls.TLSSocket
  | 'duplex' // a stream (Duplex, Readable, Writable, …) that is not a net.Socket: the Kind it maps to
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

/** Type matching with a per-checker cache; one instance is shared by every rule on a program. */
export class TypeMatcher extends SymbolNames {
  private readonly lineages = new WeakMap<ts.Type, Lineage>();
  private readonly memberCache = new WeakMap<ts.Type, readonly TypeMember[]>();
  /** declaringOwners by type and property: `timer.unref()` on every file asks about the same `Timeout` type. */
  private readonly ownerCache = new WeakMap<ts.Type, Map<string, readonly (string | undefined)[]>>();

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
    if (STREAM_CLASSES.some((n) => names.has(n))) return 'duplex';
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
