/**
 * The program around the linted file: the other files of its TypeScript program, turned into ESTree on demand so
 * that the engine can follow a value into them, and the references of a declaration across the program (imports,
 * re-exports, CommonJS `require` and `module.exports`, methods through an instance), found by name and confirmed by
 * the type checker. One index per `ts.Program` (a WeakMap), built lazily and shared by every rule and file.
 *
 * Bounds: a declaration whose name occurs in more than MAX_FILES files, or that has more than MAX_REFERENCES
 * candidate names, is not followed (references returns undefined), and the caller lets the type decide.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from './typescript.cts';
import { FileContext } from './file-context/index.ts';
import { Provenance } from './provenance/index.ts';

type Node = TSESTree.Node;

/** What the engine needs of another file of the program. */
export interface ProgramFile {
  readonly fileName: string;
  readonly ctx: FileContext;
  readonly provenance: Provenance;
}

/** Files that hold candidate names beyond this many: the declaration is too common a name to follow. */
const MAX_FILES = 40;
/** Candidate identifiers beyond this many: likewise. */
const MAX_REFERENCES = 400;

const requireHere = createRequire(import.meta.url);

interface Parsed {
  ast: TSESTree.Program;
  services: FileContext['services'];
  scopeManager: unknown;
  visitorKeys: TSESLint.SourceCode.VisitorKeys;
}

/** The ESTree of a file of the program, from the program's own source file (no new parse of the text). */
function convert(program: ts.Program, sourceFile: ts.SourceFile): Readonly<TSESLint.SourceCode> {
  const parser = requireHere('@typescript-eslint/parser') as {
    parseForESLint(code: string, options: object): Parsed;
  };
  const { SourceCode } = requireHere('eslint') as { SourceCode: new (config: object) => TSESLint.SourceCode };
  const parsed = parser.parseForESLint(sourceFile.text, {
    filePath: sourceFile.fileName,
    programs: [program],
    range: true,
    loc: true,
    tokens: true,
    comment: true,
  });
  setParents(parsed.ast, parsed.visitorKeys);
  return new SourceCode({
    text: sourceFile.text,
    ast: parsed.ast,
    parserServices: parsed.services,
    scopeManager: parsed.scopeManager,
    visitorKeys: parsed.visitorKeys,
  });
}

/** ESLint sets `parent` while it traverses a file; a file converted here is not traversed, so set them. */
function setParents(root: Node, keys: TSESLint.SourceCode.VisitorKeys): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) {
          (item as { parent: Node }).parent = node;
          stack.push(item as Node);
        }
      }
    }
  }
}

export class ProgramIndex {
  readonly checker: ts.TypeChecker;
  private current: ProgramFile | undefined;
  private readonly converted = new Map<string, ProgramFile | null>();
  private readonly fileNames = new WeakMap<TSESTree.Program, string>();
  private readonly byContext = new WeakMap<FileContext, ProgramFile>();
  private readonly identifiers = new Map<ts.SourceFile, Map<string, ts.Identifier[]>>();
  private readonly referenceMemo = new Map<ts.Symbol, readonly ts.Identifier[] | undefined>();
  private entries: Map<string, readonly ts.Symbol[]> | undefined;
  /** Cross-file steps under way (program-wide): deeper chains stop and let the type decide. */
  depth = 0;

  constructor(readonly program: ts.Program) {
    this.checker = program.getTypeChecker();
  }

  /** The linted file: questions that come back to it use its own AST and memo. */
  setCurrent(file: ProgramFile): void {
    this.current = file;
    this.byContext.set(file.ctx, file);
    this.fileNames.set(file.ctx.sourceCode.ast, file.fileName);
  }

  /** A file of the program written by the project (not a declaration file, not a dependency). */
  isProjectFile(sourceFile: ts.SourceFile): boolean {
    return (
      !sourceFile.isDeclarationFile &&
      !this.program.isSourceFileFromExternalLibrary(sourceFile) &&
      !sourceFile.fileName.includes('/node_modules/')
    );
  }

  /** The engine's view of a file of the program: the linted file, or another one converted on first use. */
  file(sourceFile: ts.SourceFile): ProgramFile | undefined {
    if (this.current?.fileName === sourceFile.fileName) return this.current;
    if (!this.isProjectFile(sourceFile)) return undefined;
    const known = this.converted.get(sourceFile.fileName);
    if (known !== undefined) return known ?? undefined;
    let file: ProgramFile | null;
    try {
      const sourceCode = convert(this.program, sourceFile);
      const ctx = new FileContext(sourceCode, sourceCode.parserServices as FileContext['services']);
      file = { fileName: sourceFile.fileName, ctx, provenance: new Provenance(ctx) };
      this.byContext.set(ctx, file);
      this.fileNames.set(sourceCode.ast, sourceFile.fileName);
    } catch {
      file = null; // a file the parser cannot convert: nothing is followed into it
    }
    this.converted.set(sourceFile.fileName, file);
    return file ?? undefined;
  }

  /** The file of a file context (the linted file, or one converted here). */
  fileOfContext(ctx: FileContext): ProgramFile | undefined {
    return this.byContext.get(ctx);
  }

  /** The ESTree node of a TypeScript node of the program, with its file. */
  esNode(node: ts.Node): { file: ProgramFile; node: Node } | undefined {
    const file = this.file(node.getSourceFile());
    const es = file?.ctx.services.tsNodeToESTreeNodeMap.get(node);
    return file && es ? { file, node: es } : undefined;
  }

  /** The file an ESTree node of the program belongs to, by its root. */
  fileNameOf(node: Node): string | undefined {
    let root: Node = node;
    while (root.parent) root = root.parent;
    return root.type === AST_NODE_TYPES.Program ? this.fileNames.get(root) : undefined;
  }

  /** The symbol a name refers to, through import and `require` aliases. */
  resolve(symbol: ts.Symbol | undefined): ts.Symbol | undefined {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      try {
        return this.checker.getAliasedSymbol(symbol);
      } catch {
        return undefined;
      }
    }
    return symbol;
  }

  /** Whether two symbols name the same declaration (a merged or re-exported symbol shares its declarations). */
  same(a: ts.Symbol | undefined, b: ts.Symbol): boolean {
    if (!a) return false;
    if (a === b) return true;
    const declarations = b.declarations ?? [];
    return !!a.declarations?.some((d) => declarations.includes(d));
  }

  /**
   * Every identifier of the program's project files that refers to `target` (its declaration's own name excluded),
   * through renamed and default imports, `require`, and re-exports; undefined past the bounds.
   */
  references(target: ts.Symbol): readonly ts.Identifier[] | undefined {
    if (this.referenceMemo.has(target)) return this.referenceMemo.get(target);
    this.referenceMemo.set(target, undefined); // a cycle through this symbol stops here
    const found = this.findReferences(target);
    this.referenceMemo.set(target, found);
    return found;
  }

  private findReferences(target: ts.Symbol): ts.Identifier[] | undefined {
    const declarationNames = new Set((target.declarations ?? []).map((d) => ts.getNameOfDeclaration(d)));
    const names = [target.name === 'default' || target.name === 'export=' ? '' : target.name];
    // a default export or `module.exports = f` is imported under any name: the import bindings of the files that
    // name the declaring file decide
    const declaringFiles = new Set((target.declarations ?? []).map((d) => d.getSourceFile()));
    const out: ts.Identifier[] = [];
    const seenNames = new Set<string>();
    let candidates = 0;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (seenNames.has(name)) continue;
      seenNames.add(name);
      // a default export is imported under any name: only files that name the declaring module can import it
      const stems = name === '' ? [...declaringFiles].map(moduleStem) : [];
      const files = this.program
        .getSourceFiles()
        .filter(
          (sf) => this.isProjectFile(sf) && this.mentions(sf, name) && stems.every((stem) => sf.text.includes(stem)),
        );
      if (files.length > MAX_FILES) return undefined;
      for (const sourceFile of files) {
        const ids = name ? this.identifiersOf(sourceFile, name) : this.importBindings(sourceFile);
        candidates += ids.length;
        if (candidates > MAX_REFERENCES) return undefined;
        for (const id of ids) {
          if (declarationNames.has(id)) continue;
          const symbol = this.symbolAt(id);
          if (!this.same(this.resolve(symbol), target) && !this.same(symbol, target)) continue;
          const parent = id.parent;
          // `import { f as g }`, `export { f as g }`, `import g from`, `const { f: g } = require(…)`: follow `g` too
          // the binding of a default import or `require` (name ''): its uses go by the local name
          const local = name === '' ? id.text : localNameOf(parent, id);
          if (local !== undefined && local !== name) names.push(local);
          out.push(id);
        }
      }
      if (i === 0 && name !== '' && [...declaringFiles].some((sf) => this.isDefaultExport(sf, target))) names.push('');
    }
    return out;
  }

  private symbolAt(id: ts.Identifier): ts.Symbol | undefined {
    try {
      // `module.exports = { f }`: the shorthand property's value is the variable
      if (ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id)
        return this.checker.getShorthandAssignmentValueSymbol(id.parent);
      return this.checker.getSymbolAtLocation(id);
    } catch {
      return undefined;
    }
  }

  private isDefaultExport(sourceFile: ts.SourceFile, target: ts.Symbol): boolean {
    const module = this.checker.getSymbolAtLocation(sourceFile);
    if (!module) return false;
    const exported = this.checker.getExportsOfModule(module);
    return exported.some(
      (s) => (s.name === 'default' || s.name === 'export=') && this.same(this.resolve(s) ?? s, target),
    );
  }

  /** Whether the file's text has the name as a word (the empty name: an import or `require`). */
  private mentions(sourceFile: ts.SourceFile, name: string): boolean {
    if (name === '') return /\b(?:import|require)\b/.test(sourceFile.text);
    const text = sourceFile.text;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const before = text.charCodeAt(at - 1);
      const after = text.charCodeAt(at + name.length);
      if (!isWordChar(before) && !isWordChar(after)) return true;
    }
    return false;
  }

  /** The identifiers of a file with this text, in source order (identifiersNamed), remembered per file and name. */
  private identifiersOf(sourceFile: ts.SourceFile, name: string): ts.Identifier[] {
    let byName = this.identifiers.get(sourceFile);
    if (!byName) this.identifiers.set(sourceFile, (byName = new Map<string, ts.Identifier[]>()));
    let found = byName.get(name);
    if (!found) byName.set(name, (found = identifiersNamed(sourceFile, name)));
    return found;
  }

  /** The names that imports and `require` calls bind in a file: `import g from`, `const g = require(…)`. */
  private importBindings(sourceFile: ts.SourceFile): ts.Identifier[] {
    const out: ts.Identifier[] = [];
    for (const statement of sourceFile.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause?.name) out.push(statement.importClause.name);
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const init = declaration.initializer;
          if (
            init &&
            ts.isCallExpression(init) &&
            ts.isIdentifier(init.expression) &&
            init.expression.text === 'require' &&
            ts.isIdentifier(declaration.name)
          )
            out.push(declaration.name);
        }
      }
    }
    return out;
  }

  /**
   * Whether the declaration is exported from an entry point of its package (package.json `main`, `module`,
   * `exports`, `bin`, or `index` where none is given): code outside the program may then call or read it.
   */
  isPackageApi(target: ts.Symbol): boolean {
    const declaration = target.declarations?.[0];
    if (!declaration) return true;
    const fileName = declaration.getSourceFile().fileName;
    const entries = this.entrySymbols(fileName);
    if (!entries) return false;
    // a method or field: exported where its class is; a method or property of an object literal, where the variable
    // that holds the object is (`export const handlers = { onConnection(socket) {…} }`)
    const owner = (target as { parent?: ts.Symbol }).parent;
    const holder = this.objectHolder(declaration);
    return entries.some(
      (e) => this.same(e, target) || (!!owner && this.same(e, owner)) || (!!holder && this.same(e, holder)),
    );
  }

  /** The variable whose initializer is the object literal that declares a member: `const x = { m() {…} }`. */
  private objectHolder(member: ts.Declaration): ts.Symbol | undefined {
    const literal = member.parent;
    const holder = ts.isObjectLiteralExpression(literal) ? literal.parent : undefined;
    return holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)
      ? this.checker.getSymbolAtLocation(holder.name)
      : undefined;
  }

  /** What the entry points of a file's package export (resolved), or undefined where it has no package.json. */
  private entrySymbols(fileName: string): readonly ts.Symbol[] | undefined {
    const dir = packageDir(path.dirname(fileName));
    if (dir === undefined) return undefined;
    this.entries ??= new Map();
    let symbols = this.entries.get(dir);
    if (!symbols) {
      const out: ts.Symbol[] = [];
      for (const sourceFile of entryFiles(this.program, dir)) {
        const module = this.checker.getSymbolAtLocation(sourceFile);
        if (!module) continue;
        for (const s of this.checker.getExportsOfModule(module)) {
          out.push(s);
          const resolved = this.resolve(s);
          if (resolved && resolved !== s) out.push(resolved);
        }
      }
      this.entries.set(dir, (symbols = out));
    }
    return symbols;
  }
}

/**
 * The identifiers of a file whose text is `name`, in source order: the same as walking every node of the file
 * (identifiersNamedByWalk), but only the nodes around the name's occurrences in the text are visited. Where the text
 * has a `\u` escape (an identifier may spell the name with one), the whole file is walked.
 */
export function identifiersNamed(sourceFile: ts.SourceFile, name: string): ts.Identifier[] {
  const text = sourceFile.text;
  if (name === '' || text.includes('\\u')) return identifiersNamedByWalk(sourceFile, name);
  const out: ts.Identifier[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(at + name.length))) continue;
    const node = innermostAt(sourceFile, at);
    if (ts.isIdentifier(node) && node.end === at + name.length && node.text === name) out.push(node);
  }
  return out;
}

/** The identifiers of a file whose text is `name`, by a walk of all its nodes (the reference for identifiersNamed). */
export function identifiersNamedByWalk(sourceFile: ts.SourceFile, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) out.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return out;
}

/** The innermost node (of those forEachChild visits) whose full range, with its leading trivia, holds the position. */
function innermostAt(sourceFile: ts.SourceFile, at: number): ts.Node {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = ts.forEachChild(node, (c) => (c.pos <= at && at < c.end ? c : undefined));
    if (!child) return node;
    node = child;
  }
}

/** What an import of a file names: its base name without extension (`./lib/create-client.cjs`), or its folder for an index. */
function moduleStem(sourceFile: ts.SourceFile): string {
  const base = path.basename(sourceFile.fileName).replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');
  return base === 'index' ? path.basename(path.dirname(sourceFile.fileName)) : base;
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 36 ||
    code === 95
  );
}

/** The local name an import, export or destructuring binds for the referenced name `id`, if it binds another. */
function localNameOf(parent: ts.Node, id: ts.Identifier): string | undefined {
  if ((ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && parent.propertyName === id)
    return parent.name.text;
  if (ts.isBindingElement(parent) && parent.propertyName === id && ts.isIdentifier(parent.name))
    return parent.name.text;
  // `import g from …`, `const g = require(…)` (an import binding of a default export): `g` is the local name
  if ((ts.isImportClause(parent) || ts.isVariableDeclaration(parent)) && parent.name === id) return id.text;
  return undefined;
}

const packageDirs = new Map<string, string | null>();

/** The nearest folder with a package.json, up from `dir`. */
function packageDir(dir: string): string | undefined {
  const known = packageDirs.get(dir);
  if (known !== undefined) return known ?? undefined;
  let found: string | null;
  if (fs.existsSync(path.join(dir, 'package.json'))) found = dir;
  else {
    const parent = path.dirname(dir);
    found = parent === dir ? null : (packageDir(parent) ?? null);
  }
  packageDirs.set(dir, found);
  return found ?? undefined;
}

/** The program's source files that are entry points of the package in `dir`. */
function entryFiles(program: ts.Program, dir: string): ts.SourceFile[] {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) collect(v);
  };
  collect(manifest['main']);
  collect(manifest['module']);
  collect(manifest['exports']);
  collect(manifest['bin']);
  if (targets.length === 0) targets.push('index');
  const stems = new Set<string>();
  const patterns: RegExp[] = [];
  for (const target of targets) {
    if (target.includes('*')) {
      // `"./docs/*": "./docs-*.ts"`: every file the pattern matches
      const full = path.resolve(dir, target).replace(/\.(?:[cm]?[jt]s|[jt]sx)$/, '');
      patterns.push(new RegExp(`^${full.split('*').map(escapeRegExp).join('[^/]*')}$`));
      continue;
    }
    const stem = path.resolve(dir, target).replace(/\.(?:[cm]?[jt]s|[jt]sx|d\.[cm]?ts)$/, '');
    stems.add(stem);
    // a build output's source: dist/index.js is src/index.ts
    const relative = path.relative(dir, stem).split(path.sep);
    if (relative.length > 1 && /^(?:dist|lib|build|out)$/.test(relative[0]!))
      stems.add(path.join(dir, 'src', ...relative.slice(1)));
  }
  return program.getSourceFiles().filter((sf) => {
    if (sf.isDeclarationFile) return false;
    const stem = sf.fileName.replace(/\.(?:[cm]?[jt]s|[jt]sx)$/, '');
    return stems.has(stem) || patterns.some((p) => p.test(stem));
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const indexes = new WeakMap<ts.Program, ProgramIndex>();

/** The index of a program: one per `ts.Program`, shared by every file and rule. */
export function programIndex(program: ts.Program): ProgramIndex {
  let index = indexes.get(program);
  if (!index) indexes.set(program, (index = new ProgramIndex(program)));
  return index;
}
