/**
 * Type knowledge: which Node (and runtime) classes a TypeScript type is, matched by the module that declares the
 * class and its name, never by the text of the type. `"node:net".Socket` (@types/node >= 25) and `"net".Socket`
 * (@types/node <= 24) both become `net.Socket`; subclasses carry the names of all their bases, so a
 * `tls.TLSSocket` is also a `net.Socket` and a `stream.Duplex`.
 */
import { timed } from './stats.ts';
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

function qualifiedName(symbol: ts.Symbol): string | undefined {
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
    return timed(() => this.lineageOf(type));
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
      for (const base of this.baseSymbols(symbol) ?? []) visitSymbol(base, depth + 1);
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
      if (isClassOrInterface(target)) for (const base of this.checker.getBaseTypes(target)) visit(base, depth + 1);
    };
    visit(type, 0);
    this.lineages.set(type, names);
    return names;
  }

  /**
   * The classes and interfaces a class or interface symbol extends, read from its `extends` clauses by resolving
   * their names alone: `getBaseTypes` would make TypeScript resolve the base constructor's type (15 ms the first time
   * for `net.Socket extends stream.Duplex`). Undefined where a clause is not a plain name of a class or interface (a
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
          let base = isNameExpression(written.expression) ? this.checker.getSymbolAtLocation(written.expression) : undefined;
          if (base && base.flags & ts.SymbolFlags.Alias) base = this.checker.getAliasedSymbol(base);
          if (!base || !(base.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) out = undefined;
          else out?.push(base);
        }
      }
    }
    this.bases.set(symbol, out);
    return out;
  }

  /** Splits a type into union members (generics through their constraint) with a verdict for each. */
  members(type: ts.Type): readonly TypeMember[] {
    return timed(() => this.membersOf(type));
  }

  private membersOf(type: ts.Type): readonly TypeMember[] {
    const cached = this.memberCache.get(type);
    if (cached) return cached;
    const out: TypeMember[] = [];
    const add = (t: ts.Type, depth: number): void => {
      if (t.flags & ts.TypeFlags.TypeParameter || t.flags & ts.TypeFlags.Index || t.flags & ts.TypeFlags.IndexedAccess) {
        const constraint = this.checker.getBaseConstraintOfType(t);
        if (constraint && constraint !== t && depth < 8) add(constraint, depth + 1);
        else out.push({ verdict: 'unknown', type: t, lineage: EMPTY });
        return;
      }
      if (t.isUnion()) {
        for (const part of t.types) add(part, depth + 1);
        return;
      }
      out.push({ verdict: this.verdict(t), type: t, lineage: t.flags & ts.TypeFlags.Object || t.isIntersection() ? this.lineage(t) : EMPTY });
    };
    add(type, 0);
    this.memberCache.set(type, out);
    return out;
  }

  private nodeTypes: boolean | undefined;

  /**
   * Whether the program has Node's types (`@types/node`). Without them every socket is `any`, and `any` says
   * nothing: it is then treated like a missing type, never as evidence.
   */
  get hasNodeTypes(): boolean {
    this.nodeTypes ??= this.checker.getAmbientModules().some((m) => m.name === '"net"' || m.name === '"node:net"');
    return this.nodeTypes;
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

  /** True when every non-nullish member of the type is a net.Socket (TLS included). */
  isSocketType(type: ts.Type): boolean {
    const members = this.members(type).filter((m) => m.verdict !== 'nullish');
    return members.length > 0 && members.every((m) => m.verdict === 'socket' || m.verdict === 'tls');
  }

  /** True when some member of the type has the qualified name in its lineage. */
  has(type: ts.Type, qualified: string): boolean {
    return this.members(type).some((m) => m.lineage.has(qualified));
  }

  /**
   * Where each member of the type gets a property from: the qualified name of the class or interface that declares
   * it (`net.Socket`, `http.IncomingMessage`), `class Name` for a class or interface outside any module (a user
   * type), `?` for a type literal, `undefined` for a member that lacks it.
   */
  declaringOwners(type: ts.Type, property: string): readonly (string | undefined)[] {
    return timed(() => this.ownersOf(type, property));
  }

  private ownersOf(type: ts.Type, property: string): readonly (string | undefined)[] {
    let byProperty = this.ownerCache.get(type);
    if (!byProperty) this.ownerCache.set(type, (byProperty = new Map()));
    let owners = byProperty.get(property);
    if (!owners) byProperty.set(property, (owners = this.computeOwners(type, property)));
    return owners;
  }

  private computeOwners(type: ts.Type, property: string): (string | undefined)[] {
    return this.members(type)
      .filter((m) => m.verdict !== 'nullish')
      .map((m) => {
        if (m.verdict === 'any' || m.verdict === 'unknown' || m.verdict === 'error') return undefined;
        const declaration = this.inheritedDeclaration(m.type, property) ?? m.type.getProperty(property)?.declarations?.[0];
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
   * resolve every member of the type and its bases (about 20 ms the first time for `net.Socket`), this reads a few
   * symbol tables. Undefined for other types, or when no class in the chain declares the member.
   */
  private inheritedDeclaration(t: ts.Type, property: string): ts.Declaration | undefined {
    const target = isTypeReference(t) ? t.target : t;
    const symbol = t.getSymbol();
    if (!symbol || !isClassOrInterface(target)) return undefined;
    const key = ts.escapeLeadingUnderscores(property);
    const find = (s: ts.Symbol, depth: number): ts.Declaration | undefined => {
      const own = s.members?.get(key)?.declarations?.[0];
      if (own || depth > 12) return own;
      for (const base of this.baseSymbols(s) ?? []) {
        const found = find(base, depth + 1);
        if (found) return found;
      }
      return undefined;
    };
    // with a base that is not a plain name, TypeScript's own lookup
    return this.baseSymbols(symbol) ? find(symbol, 0) : undefined;
  }

  /** A short name for messages: `Duplex`, `Socket | null`, `any`. Only called when a report is made. */
  display(type: ts.Type): string {
    const text = timed(() => this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation));
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
}

const EMPTY: Lineage = new Set();

function isTypeReference(t: ts.Type): t is ts.TypeReference {
  return !!(t.flags & ts.TypeFlags.Object) && !!((t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference);
}

/** `Name` or `a.b.Name`: an `extends` clause whose symbol resolves by name. */
function isNameExpression(node: ts.Expression): boolean {
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
  return !!(t.flags & ts.TypeFlags.Object) && t.getProperties().length === 0 && t.getCallSignatures().length === 0 && t.getConstructSignatures().length === 0;
}
