/**
 * Names of declarations: the qualified name of a class or interface (`net.Socket` for the Socket of `declare module
 * "net"` or "node:net", `Deno.TcpConn`), and the symbol a written name refers to, found through the scopes and
 * module exports it names without asking TypeScript to check it as an expression.
 */
import { isClassOrInterface, isNameExpression } from './type-predicates.ts';
import ts from './typescript.cts';

/** Qualified names such as `net.Socket`, `stream.Duplex`, `http2.Http2Session`, `Deno.TcpConn`. */
export type Lineage = ReadonlySet<string>;

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

/** Symbols of written names and the bases of classes, with a per-checker cache; TypeMatcher builds on it. */
export class SymbolNames {
  private readonly bases = new Map<ts.Symbol, readonly ts.Symbol[] | undefined>();

  constructor(readonly checker: ts.TypeChecker) {}

  /**
   * The classes and interfaces a class or interface symbol extends, read from its `extends` clauses by resolving
   * their names alone: `getBaseTypes` would make TypeScript resolve the base constructor's type (for
   * `net.Socket extends stream.Duplex`, the whole `stream` module). Undefined where a clause is not a plain name of a class or interface (a
   * mixin call, a variable, a type alias): the caller then asks for the base types.
   */
  protected baseSymbols(symbol: ts.Symbol): readonly ts.Symbol[] | undefined {
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
    return this.nonGenericType(this.nameSymbol(node.typeName), ts.SymbolFlags.Class | ts.SymbolFlags.Interface);
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
    return this.nonGenericType(this.nameSymbol(callee), ts.SymbolFlags.Class);
  }

  /** The declared type of a symbol with one of `flags`, where it is a class or interface without type parameters. */
  nonGenericType(symbol: ts.Symbol | undefined, flags: ts.SymbolFlags): ts.Type | undefined {
    if (!symbol || !(symbol.flags & flags)) return undefined;
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
}
