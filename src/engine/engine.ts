/**
 * The transport-classification engine: one question, asked by every rule at a member access. What can this value
 * be here, and how do we know? Types, then provenance, then the guards that dominate the point.
 * One engine per linted file, shared by all of our rules (keyed by the file's AST).
 */
import {
  AST_NODE_TYPES,
  ESLintUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils';
import { memberName, topLevelModules, unwrap } from './ast.ts';
import { isSocketAccess, socketOwnerThrough } from './bindings.ts';
import { shortText } from './endpoints.ts';
import { TRANSPORT_MODULES } from './node-members.ts';
import { assertionBehind, isMemberOwnedBy } from './members.ts';
import { serverAddressAt, type ServerAddress } from './lifecycle.ts';
import type { TypeMember } from './type-matcher.ts';

import type { Classification, Evidence, Guard, Kind, Proof } from './evidence.ts';
import { FileContext, matcherFor } from './file-context/index.ts';
import { observer } from './stats.ts';
import { guardsAt, ruledOutBy } from './guards.ts';
import { Provenance } from './provenance/index.ts';
import type { ValueInfo } from './provenance/value-info.ts';
import { programIndex } from './program-index.ts';
import { lineOf } from './interprocedural.ts';
import { optionsShapes, type OptionsShape } from './options-shape.ts';

export interface ClassifyOptions {
  /** The point where the value is used (the member access); guards are looked for around it. Default: the node. */
  at?: TSESTree.Node;
  /** The member about to be used: guards that test another member prove less. */
  member?: string;
}

export class TransportEngine {
  readonly provenance: Provenance;
  private readonly memo = new Map<TSESTree.Node, Map<string, Classification>>();
  private readonly guardMemo = new Map<TSESTree.Node, Map<TSESTree.Node, readonly Guard[]>>();

  constructor(readonly ctx: FileContext) {
    this.provenance = new Provenance(ctx);
  }

  /** What the value of `node` can be at `options.at`, with the evidence. */
  classify(node: TSESTree.Node, options: ClassifyOptions = {}): Classification {
    const at = options.at ?? node;
    const memoKey = `${options.member ?? ''}@${at.range[0]}`;
    let byPoint = this.memo.get(node);
    const cached = byPoint?.get(memoKey);
    if (cached) return cached;
    observer?.countClassification();
    const info = this.provenance.info(node);
    const guards = [...this.guardsAt(node, at)];
    // `req.socket` is no HTTP/2 proxy where `req` is proven HTTP/1 (`req.httpVersionMajor === 1`), and the socket of
    // a session that is `encrypted` is a TLS socket (the session proxy hands TLS members to it)
    const owner = socketOwnerThrough(this.ctx, node);
    if (owner) guards.push(...guardsAt(this.ctx, at, owner).filter((g) => g.fact === 'http1' || g.fact === 'tls'));
    if (at.type === AST_NODE_TYPES.MemberExpression && at.optional && unwrap(at.object) === unwrap(node)) {
      guards.push({ fact: 'nonnull', node: at, says: '`?.`' });
    }
    // `x.ref?.()`: the member is called only where it is there
    const call = at.parent;
    if (
      at.type === AST_NODE_TYPES.MemberExpression &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === at &&
      call.optional &&
      unwrap(at.object) === unwrap(node)
    ) {
      guards.push({ fact: 'optional-call', node: call, says: '`?.()`', member: options.member ?? memberName(at) });
    }
    const result = this.combine(info, guards, options.member);
    if (!byPoint) this.memo.set(node, (byPoint = new Map<string, Classification>()));
    byPoint.set(memoKey, result);
    return result;
  }

  /**
   * Whether a guard that dominates `at` proves `node` a TLS socket (`node instanceof tls.TLSSocket`, `node.encrypted`):
   * from the guards alone, before anything is asked about the node's own type or provenance. Where it does, classify
   * says `tls` too, so a rule that stops on `tls` can stop here first: on grpc-js a `getPeerCertificate()` inside
   * `if (this.stream.session?.socket instanceof TLSSocket)` no longer has TypeScript type `this.stream.session.socket`.
   */
  tlsByGuard(node: TSESTree.Node, at: TSESTree.Node): boolean {
    return this.guardsAt(node, at).some((g) => g.fact === 'tls');
  }

  /** The guards that dominate `at` for `node` (guards.ts), once per pair. */
  private guardsAt(node: TSESTree.Node, at: TSESTree.Node): readonly Guard[] {
    let byPoint = this.guardMemo.get(node);
    if (!byPoint) this.guardMemo.set(node, (byPoint = new Map<TSESTree.Node, readonly Guard[]>()));
    let guards = byPoint.get(at);
    if (!guards) byPoint.set(at, (guards = guardsAt(this.ctx, at, node)));
    return guards;
  }

  /** The linted file's source. */
  get sourceCode(): Readonly<TSESLint.SourceCode> {
    return this.ctx.sourceCode;
  }

  /** The type members at a node (one per union part), each with its verdict and lineage. */
  membersAt(node: TSESTree.Node): readonly TypeMember[] {
    return this.ctx.membersAt(node);
  }

  /** The module and name of the function or method a call resolves to, e.g. `net.Server.address`. */
  calleeDeclaration(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
    return this.ctx.calleeDeclaration(call);
  }

  /** The variable an identifier refers to, or null for globals and unresolved names. */
  variable(id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
    return this.ctx.variable(id);
  }

  /** A node's source text for messages, shortened. */
  text(node: TSESTree.Node): string {
    return shortText(this.ctx, node);
  }

  /** The type at a node, as TypeScript prints it. */
  typeText(node: TSESTree.Node): string {
    return this.ctx.matcher.display(this.ctx.typeAt(node));
  }

  /**
   * The shapes an options value may have at its use (options-shape.ts: literals, spreads, `Object.assign`, later
   * assignments and `delete`, builders and parameters across modules). `literal` only where that object literal is
   * in this file, where a fix can edit it. Undefined where no shape is known (the type decides).
   */
  optionsShapes(node: TSESTree.Node): OptionsShape[] | undefined {
    return optionsShapes(this.ctx, node)?.map((shape) =>
      shape.literal && [...shape.keys.values()].some((k) => k !== 'unknown' && k.ctx !== this.ctx)
        ? { ...shape, literal: undefined }
        : shape,
    );
  }

  /** "12" for a node in this file, "12 of src/main.ts" for one in another file of the program: for messages. */
  lineOf(node: TSESTree.Node): string {
    return lineOf(this.ctx, node);
  }

  /** Whether the value is read from a `.socket` or `.connection` (through `const` bindings). */
  isSocketAccess(node: TSESTree.Node): boolean {
    return isSocketAccess(this.ctx, node);
  }

  /** What owns a member: whether every class or interface that declares it on the receiver is one of `owners`. */
  memberOwnedBy(receiver: TSESTree.Node, member: string, owners: ReadonlySet<string>, declared = false): boolean {
    return isMemberOwnedBy(this.ctx, receiver, member, owners, declared);
  }

  /** The type assertion a `const` (or a chain of them) was initialised with, if any. */
  assertionBehind(node: TSESTree.Node): TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | undefined {
    return assertionBehind(this.ctx, node);
  }

  /** Is this server listening at `point`, and on what: for `server.address()`. */
  serverAddressAt(server: TSESTree.Node, point: TSESTree.Node): ServerAddress {
    return serverAddressAt(this, server, point);
  }

  private combine(info: ValueInfo, guards: Guard[], member: string | undefined): Classification {
    const ruled = new Set<Kind>();
    for (const guard of guards) for (const kind of ruledOutBy(guard, member)) ruled.add(kind);
    const possible = new Set([...info.possible].filter((k) => !ruled.has(k)));
    const doubts = info.doubts.filter((d) => !ruled.has(d.kind));
    const tcpGuard = guards.find((g) => g.fact === 'tcp' || g.fact === 'tls');
    // a `catch` keeps a throwing call from crashing, but a call that does nothing on a pipe never throws: no proof
    const capability = guards.find((g) => g.fact !== 'caught' && ruledOutBy(g, member).includes('duplex'));
    const proof = byGuard(tcpGuard) ?? byEvidence(info.proofs[0]) ?? byGuard(capability);
    const tls = byEvidence(info.tlsProof) ?? byGuard(guards.find((g) => g.fact === 'tls'));
    const plain = possible.has('tcp') || possible.has('pipe') ? info.plain : undefined;
    return { possible, proof, doubts, tls, plain, guards, untyped: info.untyped };
  }
}

function byEvidence(evidence: Evidence | undefined): Proof | undefined {
  return evidence && { by: 'evidence', evidence };
}

function byGuard(guard: Guard | undefined): Proof | undefined {
  return guard && { by: 'guard', guard };
}

/** Whether a proof shows TCP: evidence of a TCP socket, or a guard that tests for one. */
export function provesTcp(proof: Proof | undefined): boolean {
  if (!proof) return false;
  return proof.by === 'guard' ? proof.guard.fact === 'tcp' : proof.evidence.kind === 'tcp';
}

const engines = new WeakMap<TSESTree.Program, TransportEngine>();

/**
 * Whether the program has Bun's types (TypeMatcher.hasBunTypes), without building the file's engine: `x.port!` is
 * common, and without Bun's types it is nothing to these rules. True where type information is missing, so that
 * getEngine reports that.
 */
export function hasBunTypes(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): boolean {
  const program = context.sourceCode.parserServices?.program;
  return !program || matcherFor(program.getTypeChecker()).hasBunTypes;
}

/**
 * The error for a file that imports one of Node's transport modules in a program without Node's types. Every value
 * from the module is then an unresolved `any`, which the rules take for missing type information, never for evidence:
 * they could not report anything there. TypeScript 6 loads only the @types packages that `types` lists, so a
 * tsconfig without `"types": ["node"]` is the usual cause.
 */
function noNodeTypes(filename: string, nodeModule: string): string {
  return (
    `eslint-plugin-transport: ${filename} imports '${nodeModule}', but its TypeScript program has no Node types (@types/node), ` +
    "so its sockets, servers and streams are unresolved and the transport rules cannot check them. Install @types/node and list it in the tsconfig's " +
    'compilerOptions: "types": ["node"] (TypeScript 6 loads only the @types packages that "types" lists). ' +
    "To lint such files without these rules, turn them off there with transport.configs['disable-type-checked']."
  );
}

/**
 * The engine for the file being linted. Requires type information: without it, typescript-eslint's own clear
 * error ("You have used a rule which requires type information …") names the rule. A file that imports Node's
 * transport modules also requires Node's types in its program (noNodeTypes).
 */
export function getEngine(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TransportEngine {
  const ast = context.sourceCode.ast;
  const cached = engines.get(ast);
  // every rule asks on every file: check the services once per file (an engine exists only where they were there)
  if (cached) return cached;
  // typescript-eslint's check reads the parser's name through ESLint's getters first, for its error message only
  const given = context.sourceCode.parserServices;
  const services =
    given?.program && given.esTreeNodeToTSNodeMap && given.tsNodeToESTreeNodeMap
      ? (given as ParserServicesWithTypeInformation)
      : ESLintUtils.getParserServices(context);
  const engine = new TransportEngine(new FileContext(context.sourceCode, services));
  if (!engine.ctx.matcher.hasNodeTypes) {
    const nodeModule = topLevelModules(ast).find((m) => TRANSPORT_MODULES.has(m));
    if (nodeModule !== undefined) throw new Error(noNodeTypes(context.filename, nodeModule));
  }
  engines.set(ast, engine);
  // questions that follow a value from another file back into this one use this file's engine
  const sourceFile = services.esTreeNodeToTSNodeMap.get(ast) as { fileName?: string } | undefined;
  if (sourceFile?.fileName)
    programIndex(services.program).setCurrent({
      fileName: sourceFile.fileName,
      ctx: engine.ctx,
      provenance: engine.provenance,
    });
  observer?.startFile(context.filename, engine.ctx.checker);
  return engine;
}
