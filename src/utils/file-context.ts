/**
 * Per-file state shared by every part of the engine: type queries (counted, for the benchmark), variable
 * resolution, and declaration-module lookups. One instance per linted file, shared by all rules.
 */
import { ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from './typescript.cts';
import { TypeMatcher, type TypeMember } from './types.ts';

type Variable = TSESLint.Scope.Variable;

/** Counters the benchmark reads: how often our rules asked the type checker something. */
export interface EngineStats {
  typeQueries: number;
  classifications: number;
  /** Milliseconds spent inside type-checker queries; measured only while recording (see recordFileStats). */
  queryMs: number;
}

export const globalStats: EngineStats = { typeQueries: 0, classifications: 0, queryMs: 0 };

/**
 * The counters of each linted file, by file name. Filled only while recording is on (the benchmark turns it on),
 * so that editors and long-running processes keep nothing per file.
 */
export const fileStats = new Map<string, EngineStats>();
let recording = false;

/** Turns per-file counting and query timing on or off (for the benchmark); clears what was recorded. */
export function recordFileStats(on: boolean): void {
  recording = on;
  fileStats.clear();
}

/** Remembers a file's counters under its name, when recording is on. */
export function registerFileStats(filename: string, stats: EngineStats): void {
  if (recording) fileStats.set(filename, stats);
}

const matchers = new WeakMap<ts.TypeChecker, TypeMatcher>();
const BUN_WORD = /\bbun\b/;
const filesWithBun = new WeakMap<ts.SourceFile, boolean>();
const programsWithBun = new WeakMap<ts.Program, boolean>();

export class FileContext {
  readonly checker: ts.TypeChecker;
  readonly matcher: TypeMatcher;
  /** This file's counters (the global ones count every file). */
  readonly stats: EngineStats = { typeQueries: 0, classifications: 0, queryMs: 0 };
  private readonly types = new Map<TSESTree.Node, ts.Type>();
  private readonly variables = new Map<TSESTree.Identifier, Variable | null>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly services: ParserServicesWithTypeInformation,
  ) {
    this.checker = services.program.getTypeChecker();
    let matcher = matchers.get(this.checker);
    if (!matcher) {
      matcher = new TypeMatcher(this.checker);
      matchers.set(this.checker, matcher);
    }
    this.matcher = matcher;
  }

  /** The (flow-narrowed) type at a node. */
  typeAt(node: TSESTree.Node): ts.Type {
    let type = this.types.get(node);
    if (!type) {
      type = this.query(() => this.services.getTypeAtLocation(node));
      this.types.set(node, type);
    }
    return type;
  }

  /**
   * The type written on a declaration (`x: T`, `private field: T`), without flow analysis at a use: far cheaper than
   * the type at the use when the answer only depends on the declared class (`this.timer.unref()`).
   */
  annotatedType(annotation: TSESTree.TSTypeAnnotation): ts.Type {
    this.stats.typeQueries++;
    return this.checker.getTypeFromTypeNode(this.services.esTreeNodeToTSNodeMap.get(annotation.typeAnnotation) as ts.TypeNode);
  }

  membersAt(node: TSESTree.Node): readonly TypeMember[] {
    return this.matcher.members(this.typeAt(node));
  }

  /** The module and name of the function or method a call resolves to, e.g. `net.connect`, `http.Server.listen`. */
  calleeDeclaration(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(call);
    if (!ts.isCallExpression(tsNode) && !ts.isNewExpression(tsNode)) return undefined;
    const declaration = this.query(() => this.checker.getResolvedSignature(tsNode)?.declaration);
    if (!declaration) return undefined;
    return qualifiedDeclarationName(declaration);
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
    globalStats.typeQueries++;
    this.stats.typeQueries++;
    if (!recording) return ask();
    const start = performance.now();
    try {
      return ask();
    } finally {
      const ms = performance.now() - start;
      this.stats.queryMs += ms;
      globalStats.queryMs += ms;
    }
  }

  /** Counts one classification (the engine's question at a member access). */
  countClassification(): void {
    globalStats.classifications++;
    this.stats.classifications++;
  }

  /**
   * Whether a type of this program can be a Bun type. Bun's types (`bun.Server`, `bun.Socket`) are declared in
   * `declare module "bun"` (bun-types) or a namespace `bun`: in a program where no file has the word `bun`, none can
   * be, and the Bun checks need no type query. Cached per source file, so a new program version scans only new files.
   */
  mayHaveBunTypes(): boolean {
    const program = this.services.program;
    let found = programsWithBun.get(program);
    if (found === undefined) {
      found = program.getSourceFiles().some((file) => {
        let has = filesWithBun.get(file);
        if (has === undefined) filesWithBun.set(file, (has = BUN_WORD.test(file.text)));
        return has;
      });
      programsWithBun.set(program, found);
    }
    return found;
  }

  /** The variable an identifier refers to, or null for globals and unresolved names. */
  variable(id: TSESTree.Identifier): Variable | null {
    if (this.variables.has(id)) return this.variables.get(id) ?? null;
    const found = ASTUtils.findVariable(this.sourceCode.getScope(id), id) ?? null;
    this.variables.set(id, found);
    return found;
  }
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
