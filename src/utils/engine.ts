/**
 * The transport-classification engine: one question, asked by every rule at a member access. What can this value
 * be here, and how do we know? Types, then provenance, then the guards that dominate the point.
 * One engine per linted file, shared by all of our rules (keyed by the file's AST).
 */
import { AST_NODE_TYPES, ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { memberName, unwrap } from './ast.ts';
import { RULED_OUT, type Classification, type Evidence, type Guard, type Kind } from './evidence.ts';
import { FileContext, registerFileStats } from './file-context.ts';
import { guardsAt } from './guards.ts';
import { Provenance, type ValueInfo } from './provenance.ts';

/** Members that every net.Socket has and a plain Duplex does not: testing one proves the value is a socket. */
export const SOCKET_ONLY_MEMBERS: ReadonlySet<string> = new Set([
  'setNoDelay',
  'setKeepAlive',
  'setTypeOfService',
  'getTypeOfService',
  'setTimeout',
  'ref',
  'unref',
  'address',
  'connect',
  'destroySoon',
  'resetAndDestroy',
  'remoteAddress',
  'remotePort',
  'remoteFamily',
  'localAddress',
  'localPort',
  'bytesRead',
  'bytesWritten',
]);

/** Socket options: testing one with `in` proves the others (a value with one of them is a net.Socket). */
export const SOCKET_OPTIONS: ReadonlySet<string> = new Set(['setNoDelay', 'setKeepAlive', 'setTypeOfService']);

/**
 * Members of the HTTP/2 session proxy's throw list that `Http2Session` itself lacks: `'m' in proxy` asks the
 * session (the proxy has no `has` trap), so it is false for these and never throws (RUNTIME-FACTS 4a).
 */
export const ABSENT_ON_SESSION: ReadonlySet<string> = new Set(['setNoDelay', 'setKeepAlive', 'setTypeOfService', 'setEncoding', 'end', 'pause', 'read', 'resume', 'write']);

export interface ClassifyOptions {
  /** The point where the value is used (the member access); guards are looked for around it. Default: the node. */
  at?: TSESTree.Node;
  /** The member about to be used: guards that test another member prove less. */
  member?: string;
}

export class TransportEngine {
  readonly provenance: Provenance;
  private readonly memo = new Map<TSESTree.Node, Map<string, Classification>>();

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
    this.ctx.countClassification();
    const info = this.provenance.info(node);
    const guards = guardsAt(this.ctx, at, node);
    // `req.socket` is no HTTP/2 proxy where `req` is proven HTTP/1 (`req.httpVersionMajor === 1`)
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.MemberExpression && ['socket', 'connection'].includes(memberName(inner) ?? '')) {
      guards.push(...guardsAt(this.ctx, at, inner.object).filter((g) => g.fact === 'http1'));
    }
    if (at.type === AST_NODE_TYPES.MemberExpression && at.optional && unwrap(at.object) === unwrap(node)) {
      guards.push({ fact: 'nonnull', node: at, says: '`?.`' });
    }
    const result = this.combine(info, guards, options.member);
    if (!byPoint) this.memo.set(node, (byPoint = new Map()));
    byPoint.set(memoKey, result);
    return result;
  }

  private combine(info: ValueInfo, guards: Guard[], member: string | undefined): Classification {
    const ruled = new Set<Kind>();
    for (const guard of guards) for (const kind of ruledOutBy(guard, member)) ruled.add(kind);
    const possible = new Set([...info.possible].filter((k) => !ruled.has(k)));
    const doubts = info.doubts.filter((d) => !ruled.has(d.kind));
    const tcpGuard = guards.find((g) => g.fact === 'tcp' || g.fact === 'tls');
    const capability = guards.find((g) => ruledOutBy(g, member).includes('duplex'));
    const proof: Evidence | Guard | undefined = tcpGuard ?? info.proofs[0] ?? capability;
    const tls = info.tlsProof ?? guards.find((g) => g.fact === 'tls');
    return { possible, proof, doubts, tls, guards, untyped: info.untyped };
  }
}

/** What a guard rules out for a use of `member`: a test of another member proves only what it shares. */
export function ruledOutBy(guard: Guard, member: string | undefined): readonly Kind[] {
  if (guard.fact === 'in') {
    const tested = guard.member ?? '';
    const sameCapability = tested === member || (SOCKET_OPTIONS.has(tested) && (member === undefined || SOCKET_OPTIONS.has(member)));
    if (sameCapability) return ABSENT_ON_SESSION.has(tested) ? RULED_OUT.in : RULED_OUT['has-member'];
    return SOCKET_ONLY_MEMBERS.has(tested) ? RULED_OUT['has-member'] : RULED_OUT.nonnull;
  }
  if (guard.fact === 'has-member' && guard.member !== undefined && guard.member !== member && !SOCKET_ONLY_MEMBERS.has(guard.member)) {
    return RULED_OUT.nonnull;
  }
  return RULED_OUT[guard.fact];
}

const engines = new WeakMap<TSESTree.Program, TransportEngine>();

/**
 * The engine for the file being linted. Requires type information: without it, typescript-eslint's own clear
 * error ("You have used a rule which requires type information …") names the rule.
 */
export function getEngine(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TransportEngine {
  const ast = context.sourceCode.ast;
  const cached = engines.get(ast);
  // every rule asks on every file: check the services once per file (an engine exists only where they were there)
  if (cached) return cached;
  const services = ESLintUtils.getParserServices(context);
  const engine = new TransportEngine(new FileContext(context.sourceCode, services));
  engines.set(ast, engine);
  registerFileStats(context.filename, engine.ctx.stats);
  return engine;
}
