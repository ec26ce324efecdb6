/**
 * Following values across functions and files: where a function is called or passed in the whole program, which
 * function a call reaches and what it returns, where an exported value is read in other modules, and which
 * declaration an import names. Syntax and symbols only; provenance evaluates what these find, each node in its own
 * file's engine (ProgramFile).
 *
 * What stops here (the type decides, as within a file): a function exported from its package's entry point (code
 * outside the program may call it); a function or value used in a way that is not a call, an argument, an import or
 * an export (stored in a structure, returned, spread); names found in more files or places than the bounds of
 * ProgramIndex; files that are declaration files or dependencies.
 */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import ts from './typescript.cts';
import { boundCall, isFunction, unwrap } from './ast.ts';
import { isLink } from './bindings.ts';
import type { FileContext } from './file-context/index.ts';
import { programIndex, type ProgramFile, type ProgramIndex } from './program-index.ts';

const { DefinitionType } = TSESLint.Scope;

type Node = TSESTree.Node;
export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** A call or an argument position in some file of the program. */
export interface CallSite {
  file: ProgramFile;
  call: TSESTree.CallExpression;
}

/** A call of a function, or `new C(…)` of a class whose constructor it is. */
export interface Call {
  file: ProgramFile;
  call: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** Where a function goes in the whole program. */
export interface ProgramUses {
  calls: Call[];
  passed: (CallSite & { index: number })[];
  /** Used in a way that is not followed, or callable from outside the program. */
  escapes: boolean;
}

/** Cross-file steps of one question: deeper chains stop and let the type decide. */
const MAX_DEPTH = 6;

export function indexOf(ctx: FileContext): ProgramIndex {
  return programIndex(ctx.services.program);
}

/** Runs a step into another file with the program-wide depth bound; undefined past it. */
export function crossing<T>(ctx: FileContext, step: () => T): T | undefined {
  const index = indexOf(ctx);
  if (index.depth >= MAX_DEPTH) return undefined;
  index.depth++;
  try {
    return step();
  } finally {
    index.depth--;
  }
}

/** The TypeScript symbol that names a function: its declaration, variable, method, property or `exports.f`. */
export function functionSymbol(ctx: FileContext, fn: FunctionNode): ts.Symbol | undefined {
  let name: Node | undefined;
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id ?? undefined;
  else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn) name = parent.id;
  else if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') {
    // `new C(…)` calls the constructor: the class's references are its calls
    const body = parent.parent;
    const cls = body.parent;
    name =
      cls.type === AST_NODE_TYPES.ClassDeclaration || cls.type === AST_NODE_TYPES.ClassExpression
        ? (cls.id ?? (cls.parent.type === AST_NODE_TYPES.VariableDeclarator ? cls.parent.id : undefined))
        : undefined;
  } else if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.Property)
    name = parent.key;
  else if (parent.type === AST_NODE_TYPES.PropertyDefinition && parent.value === fn) name = parent.key;
  else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn)
    name = parent.left.type === AST_NODE_TYPES.MemberExpression ? parent.left.property : parent.left;
  if (!name || (name.type !== AST_NODE_TYPES.Identifier && name.type !== AST_NODE_TYPES.Literal)) return undefined;
  const tsNode = ctx.services.esTreeNodeToTSNodeMap.get(name);
  try {
    return tsNode ? ctx.checker.getSymbolAtLocation(tsNode) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every call of a function in the program and every call it is passed to, found through its symbol. Undefined where
 * it cannot be followed (no symbol, past the bounds).
 */
export function programUses(ctx: FileContext, fn: FunctionNode): ProgramUses | undefined {
  const symbol = functionSymbol(ctx, fn);
  if (!symbol) return undefined;
  const index = indexOf(ctx);
  const references = index.references(symbol);
  if (!references) return undefined;
  const uses: ProgramUses = { calls: [], passed: [], escapes: index.isPackageApi(symbol) };
  for (const reference of references) {
    const found = index.esNode(reference);
    if (!found) {
      uses.escapes = true;
      continue;
    }
    classifyReference(found.file, found.node, uses);
  }
  return uses;
}

/** Sorts one reference of a function into a call, an argument, a link (import, export) or an escape. */
function classifyReference(file: ProgramFile, node: Node, uses: ProgramUses): void {
  let expr: Node = node;
  const parent = node.parent;
  if (!parent) return;
  // `ns.f`, `lib.f`, `obj.method`, `this.method`: the member access is the value
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) expr = parent;
  // `this.onConnection.bind(this)`: the bound function goes where the method would
  const bound = boundCall(expr);
  if (bound) expr = bound;
  else if (expr.parent?.type === AST_NODE_TYPES.MemberExpression && expr.parent.object === expr) {
    // `f.call(x, …)`, `f.apply(…)`, `f.bind(x, a)`: not followed
    uses.escapes = true;
    return;
  }
  while (expr.parent && unwrap(expr.parent) !== expr.parent && unwrap(expr.parent) === unwrap(expr)) expr = expr.parent;
  const holder = expr.parent;
  if (!holder) return;
  if (isLink(holder, expr)) return;
  // type positions (`x: C`, `typeof f`) and `x instanceof C` pass no value
  if (holder.type.startsWith('TS') && !isExpressionWrapper(holder)) return;
  if (holder.type === AST_NODE_TYPES.BinaryExpression && holder.operator === 'instanceof' && holder.right === expr)
    return;
  if (holder.type === AST_NODE_TYPES.NewExpression && holder.callee === expr) {
    uses.calls.push({ file, call: holder });
    return;
  }
  if (holder.type === AST_NODE_TYPES.CallExpression) {
    if (holder.callee === expr) uses.calls.push({ file, call: holder });
    else
      uses.passed.push({
        file,
        call: holder,
        index: holder.arguments.indexOf(expr as TSESTree.CallExpressionArgument),
      });
    return;
  }
  uses.escapes = true;
}

function isExpressionWrapper(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion
  );
}

/** The function a call reaches, where it is declared in a file of the program (not a dependency). */
export function calleeFunction(
  ctx: FileContext,
  call: TSESTree.CallExpression,
): { file: ProgramFile; fn: FunctionNode } | undefined {
  const callee = unwrap(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee
      : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed
        ? callee.property
        : undefined;
  if (!name) return undefined;
  const tsName = ctx.services.esTreeNodeToTSNodeMap.get(name);
  const index = indexOf(ctx);
  let symbol: ts.Symbol | undefined;
  try {
    symbol = index.resolve(ctx.checker.getSymbolAtLocation(tsName));
  } catch {
    return undefined;
  }
  const declarations = symbol?.declarations ?? [];
  if (declarations.length !== 1) return undefined;
  const fn = functionOfDeclaration(declarations[0]!);
  if (!fn || !index.isProjectFile(fn.getSourceFile())) return undefined;
  const found = index.esNode(fn);
  // a method's declaration is its MethodDefinition (or the object literal's Property): the function is its value
  const node =
    found?.node.type === AST_NODE_TYPES.MethodDefinition || found?.node.type === AST_NODE_TYPES.Property
      ? found.node.value
      : found?.node;
  return found && isFunction(node) ? { file: found.file, fn: node } : undefined;
}

/** The function node a declaration names: `function f`, `const f = () => …`, a method, `exports.f = function`. */
function functionOfDeclaration(declaration: ts.Declaration): ts.Node | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration))
    return declaration.body ? declaration : undefined;
  let init: ts.Node | undefined;
  if (
    ts.isVariableDeclaration(declaration) ||
    ts.isPropertyAssignment(declaration) ||
    ts.isPropertyDeclaration(declaration)
  )
    init = declaration.initializer;
  else if (ts.isBinaryExpression(declaration)) init = declaration.right;
  else if (ts.isPropertyAccessExpression(declaration) && ts.isBinaryExpression(declaration.parent))
    init = declaration.parent.right;
  while (init && ts.isParenthesizedExpression(init)) init = init.expression;
  return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
}

/** The values a function returns: each `return x` of its own body, or an arrow function's expression body. */
export function returnedValues(fn: FunctionNode): Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const out: Node[] = [];
  const visit = (node: Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) out.push(node.argument);
      return;
    }
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    for (const value of Object.values(node)) {
      if (value === node.parent) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as Node);
      } else if (value && typeof value === 'object' && 'type' in value && value !== node.parent) visit(value as Node);
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return out;
}

/**
 * The declaration an import or `require` binding names, in its own file: `import { server } from './server'`
 * gives the `server` of `export const server = …`. Undefined for anything else.
 */
export function importedDeclaration(
  ctx: FileContext,
  id: TSESTree.Identifier,
): { file: ProgramFile; node: Node } | undefined {
  const def = ctx.variable(id)?.defs[0];
  const isImport =
    def?.type === DefinitionType.ImportBinding || (def?.type === DefinitionType.Variable && isRequire(def.node.init));
  if (!isImport || !def || def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const index = indexOf(ctx);
  const tsName = ctx.services.esTreeNodeToTSNodeMap.get(def.name);
  let symbol: ts.Symbol | undefined;
  try {
    symbol = index.resolve(ctx.checker.getSymbolAtLocation(tsName));
  } catch {
    return undefined;
  }
  const declaration = symbol?.declarations?.length === 1 ? symbol.declarations[0] : undefined;
  if (!declaration || !index.isProjectFile(declaration.getSourceFile())) return undefined;
  const name = ts.getNameOfDeclaration(declaration);
  const found = name && ts.isIdentifier(name) ? index.esNode(name) : undefined;
  return found?.node.type === AST_NODE_TYPES.Identifier && found.file.ctx !== ctx ? found : undefined;
}

function isRequire(node: Node | null | undefined): boolean {
  let inner = node ? unwrap(node) : undefined;
  if (inner?.type === AST_NODE_TYPES.MemberExpression) inner = unwrap(inner.object);
  return (
    inner?.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.Identifier &&
    inner.callee.name === 'require'
  );
}

/**
 * The reads of an exported variable in the other files of the program (`import { server } from './server'` and
 * its uses, `require('./server').server`), as identifiers or member accesses there. Undefined past the bounds.
 */
export function readsElsewhere(
  ctx: FileContext,
  id: TSESTree.Identifier,
): { file: ProgramFile; node: Node }[] | undefined {
  const index = indexOf(ctx);
  const tsName = ctx.services.esTreeNodeToTSNodeMap.get(id);
  let symbol: ts.Symbol | undefined;
  try {
    symbol = ctx.checker.getSymbolAtLocation(tsName);
  } catch {
    return undefined;
  }
  if (!symbol) return undefined;
  const references = index.references(symbol);
  if (!references) return undefined;
  const out: { file: ProgramFile; node: Node }[] = [];
  for (const reference of references) {
    const found = index.esNode(reference);
    if (!found || found.file.ctx === ctx) continue;
    const node = found.node;
    const parent = node.parent;
    // `lib.server`: the member access is the read
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === node)
      out.push({ file: found.file, node: parent });
    else if (parent && !isLink(parent, node)) out.push(found);
  }
  return out;
}

/** Whether a variable is exported: `export const x`, `export { x }`, `export default x`, `module.exports = { x }`. */
export function isExported(ctx: FileContext, id: TSESTree.Identifier): boolean {
  const variable = ctx.variable(id);
  if (!variable) return false;
  const declaration = variable.defs[0]?.parent;
  if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  return variable.references.some((ref) => {
    const parent = ref.identifier.parent;
    return !!parent && isLink(parent, ref.identifier) && parent.type !== AST_NODE_TYPES.VariableDeclarator;
  });
}

/** "12" in the same file, "12 of src/main.ts" in another: where an evidence node is, for messages. */
export function lineOf(ctx: FileContext, node: Node): string {
  const line = String(node.loc.start.line);
  if (rootOf(node) === ctx.sourceCode.ast) return line;
  const fileName = indexOf(ctx).fileNameOf(node);
  if (!fileName) return line;
  const base = ctx.services.program.getCurrentDirectory();
  let shown = path.relative(base, fileName);
  if (shown.startsWith('..'))
    shown = path.relative(path.dirname(ctx.sourceCode.ast.range ? currentFile(ctx) : fileName), fileName);
  return `${line} of ${shown.split(path.sep).join('/')}`;
}

function currentFile(ctx: FileContext): string {
  return ctx.services.esTreeNodeToTSNodeMap.get<TSESTree.Program>(ctx.sourceCode.ast).fileName;
}

function rootOf(node: Node): Node {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}
