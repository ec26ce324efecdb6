import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  getEngine,
  memberName,
  propertyKeyName,
  SOCKET_OPTION_OWNERS,
  SOCKET_OPTIONS,
  unwrapAssertions,
  type Classification,
  type Evidence,
} from '../engine/index.ts';
import { createRule, optionsSchema } from '../rule-kit/create-rule.ts';
import { GUARD_CALL, GUARD_ONLY_ACCEPTS, PIPE, TCP_CHECK } from '../rule-kit/messages.ts';
import {
  callSiteOf,
  canGuard,
  capabilityGuard,
  guardExpressionFix,
  removeCallFix,
  wrapStatementFix,
} from '../rule-kit/fixes.ts';
import { invokedPattern, memberPattern, memberSelector, mentions, perOptions } from '../rule-kit/prefilter.ts';

type Options = [{ methods?: string[]; socketOnlyMethods?: string[]; requireTcp?: boolean }];
type MessageIds =
  | 'duplex'
  | 'nullish'
  | 'unknown'
  | 'deno'
  | 'pipe'
  | 'pipeOnSomePaths'
  | 'notTcp'
  | 'notTcpMaybePipe'
  | 'guardExpression'
  | 'removeCall';

const DEFAULT_METHODS = [...SOCKET_OPTIONS];
const DEFAULT_SOCKET_ONLY = ['setTimeout', 'ref', 'unref', 'address'];

/** Function.prototype's methods: `x.m.call(x, …)`, `.apply`, `.bind` call or extract the member. */
const FUNCTION_METHODS = new Set(['call', 'apply', 'bind']);

/** The order in which doubts are reported: what throws first, then what silently does nothing. */
const PRIORITY = ['duplex', 'deno-unix', 'deno-tls', 'unknown', 'nullish', 'pipe'] as const;

export default createRule<Options, MessageIds>({
  name: 'no-unguarded-socket-options',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow TCP socket options on sockets that may be plain streams, null, or Unix sockets and pipes',
      recommended: true,
      requiresTypeChecking: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: optionsSchema({
      methods: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Socket options to check: reported on plain streams, nullish values and Unix sockets or pipes.',
      },
      socketOnlyMethods: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description:
          'Other net.Socket members to check: reported only where the receiver may be a plain stream or nullish.',
      },
      requireTcp: {
        type: 'boolean',
        description: 'Also report socket options on sockets that are not proven to be TCP.',
      },
    }),
    defaultOptions: [{ methods: DEFAULT_METHODS, socketOnlyMethods: DEFAULT_SOCKET_ONLY, requireTcp: false }],
    messages: {
      duplex:
        '`{{subject}}.{{method}}()` throws a TypeError when `{{subject}}` is a plain Duplex stream, not a net.Socket, and {{evidence}} (line {{line}}). ' +
        GUARD_CALL,
      unknown:
        '`{{subject}}.{{method}}()` throws a TypeError unless `{{subject}}` is a real socket, and {{evidence}} (line {{line}}), so nothing shows it is one. ' +
        GUARD_CALL,
      nullish:
        '`{{subject}}.{{method}}()` throws a TypeError when `{{subject}}` is null or undefined, and {{evidence}} (line {{line}}). ' +
        GUARD_CALL,
      deno:
        '`{{subject}}.{{method}}()` throws a TypeError on a Deno connection that is not a `Deno.TcpConn` (only `TcpConn` has it), and {{evidence}} (line {{line}}). ' +
        GUARD_CALL,
      pipe:
        '`{{subject}}.{{method}}()` has no effect on a ' +
        PIPE +
        ', and {{evidence}} (line {{line}}). Remove the call, or make it depend on the transport.',
      pipeOnSomePaths:
        '`{{subject}}.{{method}}()` has no effect on a ' +
        PIPE +
        ', and {{evidence}} (line {{line}}), while elsewhere it may be a TCP socket, where the call works. Make the call depend on the transport (`{{subject}}.remoteFamily` is set only on TCP).',
      notTcp:
        '`{{subject}}.{{method}}()` assumes a TCP socket, but nothing proves `{{subject}}` is one: on a ' +
        PIPE +
        ' it does nothing. Make the call depend on the transport: ' +
        TCP_CHECK +
        ', or decide by the listen or connect target. ' +
        GUARD_ONLY_ACCEPTS,
      notTcpMaybePipe:
        '`{{subject}}.{{method}}()` assumes a TCP socket, but {{evidence}} (line {{line}}): on a ' +
        PIPE +
        ' it does nothing. Make the call depend on the transport: ' +
        TCP_CHECK +
        ', or decide by that target. ' +
        GUARD_ONLY_ACCEPTS,
      guardExpression: 'Call `{{method}}` only when `{{guard}}`.',
      removeCall: 'Remove the call: it has no effect on this socket.',
    },
    languages: ['js/js'],
  },
  create(context, [settings]) {
    const { options, socketOnly, optionNames, socketOnlyNames, selector, requireTcp } = prepare(settings);
    if (!mentions(context.sourceCode, optionNames) && !mentions(context.sourceCode, socketOnlyNames)) return {};
    const engine = getEngine(context);

    function check(
      reportNode: TSESTree.Node,
      receiver: TSESTree.Node,
      method: string,
      member: TSESTree.MemberExpression | undefined,
    ): void {
      // the member must be net.Socket's own (or missing): `req.setTimeout()` on an IncomingMessage is another API
      if (!engine.memberOwnedBy(receiver, method, SOCKET_OPTION_OWNERS, true)) return;
      const c = engine.classify(receiver, { at: member ?? reportNode, member: method });
      if (c.untyped || isOwnedElsewhere(c)) return;
      const isOption = options.has(method);
      const doubt = pickDoubt(c, isOption);
      const subject = engine.text(unwrapAssertions(receiver));
      const guard = canGuard(receiver) ? capabilityGuard(engine, receiver, method, c) : `'${method}' in socket`;
      const site = member ? callSiteOf(member) : undefined;
      const evidenceData = (e: Evidence) => ({ subject, method, guard, evidence: e.says, line: engine.lineOf(e.node) });

      if (doubt && doubt.kind !== 'pipe') {
        const wrap = site?.statement && canGuard(receiver) ? wrapStatementFix(site.statement, guard) : undefined;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        if (!wrap && site && !site.statement && canGuard(receiver) && site.call.callee === member) {
          suggest.push({
            messageId: 'guardExpression',
            data: { method, guard },
            fix: guardExpressionFix(engine, site, receiver, guard),
          });
        }
        const messageId =
          doubt.kind === 'deno-unix' || doubt.kind === 'deno-tls'
            ? 'deno'
            : (doubt.kind as 'duplex' | 'unknown' | 'nullish');
        context.report({ node: reportNode, messageId, data: evidenceData(doubt), fix: wrap, suggest });
        return;
      }
      if (!isOption) return;
      if (doubt) {
        // removing the call is right only where it has no effect on any path: a socket that may also be TCP keeps it
        if (![...c.possible].every((k) => k === 'pipe')) {
          context.report({ node: reportNode, messageId: 'pipeOnSomePaths', data: evidenceData(doubt) });
          return;
        }
        const remove = site ? removeCallFix(engine, site, receiver) : undefined;
        context.report({
          node: reportNode,
          messageId: 'pipe',
          data: evidenceData(doubt),
          suggest: remove ? [{ messageId: 'removeCall', fix: remove }] : [],
        });
        return;
      }
      if (!requireTcp || c.proof || !(c.possible.has('pipe') || c.possible.has('tls'))) return;
      // no suggestion: the capability guard (`'m' in s`) is true on a pipe too and changes nothing at runtime, and a
      // transport check (`if (s.remoteFamily)`) also skips the call on a TCP socket that has not connected yet
      const maybePipe = c.doubts.find((d) => d.kind === 'pipe');
      if (maybePipe) context.report({ node: reportNode, messageId: 'notTcpMaybePipe', data: evidenceData(maybePipe) });
      else context.report({ node: reportNode, messageId: 'notTcp', data: { subject, method, guard } });
    }

    return {
      [selector](node: TSESTree.MemberExpression) {
        const method = memberName(node);
        if (method === undefined || (!options.has(method) && !socketOnly.has(method))) return;
        // only calls and their `.call`/`.apply`/`.bind` (`x.m.call(x)`); not assignments to the member, nor other reads
        // of it (`x.ref.id` on a message with a `ref` field): they call nothing (a read that throws on an HTTP/2 proxy
        // is no-http2-socket-manipulation's, which this rule leaves that proxy to)
        const parent = node.parent;
        const isCallee = parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node;
        const isExtracted =
          parent.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === node &&
          FUNCTION_METHODS.has(memberName(parent) ?? '');
        if (!isCallee && !isExtracted) return;
        // `s.setNoDelay(true).setKeepAlive(true)`: one report, on the first call of the chain
        if (isChainedOption(node.object, options, socketOnly)) return;
        check(node.property, node.object, method, node);
      },
      // const { setNoDelay } = socket;
      'VariableDeclarator > ObjectPattern.id > Property'(node: TSESTree.Property) {
        const method = propertyKeyName(node);
        if (method === undefined || !options.has(method)) return;
        const declarator = node.parent.parent as TSESTree.VariableDeclarator;
        if (declarator.init) check(node.key, declarator.init, method, undefined);
      },
    };
  },
});

/** What the options say, built once per options object. */
const prepare = perOptions(
  ({ methods = DEFAULT_METHODS, socketOnlyMethods = DEFAULT_SOCKET_ONLY, requireTcp = false }: Options[0]) => {
    const options = new Set(methods);
    const socketOnly = new Set(socketOnlyMethods.filter((m) => !options.has(m)));
    const names = [...options, ...socketOnly];
    return {
      options,
      socketOnly,
      requireTcp,
      // options are also destructured (`const { setNoDelay } = s`); socket-only members count only where called
      // (`timer.unref()`, `s.address.call(s)`): the listener returns on any other read (`node.address`)
      optionNames: memberPattern(options),
      socketOnlyNames: invokedPattern(socketOnly),
      selector: memberSelector(names),
    };
  },
);

/** The doubt to report: only certain pipes (a `string` listen target is for `requireTcp`), and pipes only for options. */
function pickDoubt(c: Classification, isOption: boolean): Evidence | undefined {
  for (const kind of PRIORITY) {
    // socket-only members (`ref`, `setTimeout`) are common on other types: report them on evidence of a stream or null
    if ((kind === 'pipe' || kind === 'unknown') && !isOption) continue;
    const found = c.doubts.find((d) => d.kind === kind && (kind !== 'pipe' || d.certain));
    if (found) return found;
  }
  return undefined;
}

/** HTTP/2 proxies belong to `no-http2-socket-manipulation`: one rule owns each call. */
function isOwnedElsewhere(c: Classification): boolean {
  return c.doubts.some((d) => d.kind === 'h2-session-proxy' || d.kind === 'h2-compat-proxy');
}

/** Whether the receiver is itself a call of a checked member, e.g. `s.setNoDelay(true)` in `s.setNoDelay(true).setKeepAlive(true)`. */
function isChainedOption(
  receiver: TSESTree.Node,
  options: ReadonlySet<string>,
  socketOnly: ReadonlySet<string>,
): boolean {
  const inner = unwrapAssertions(receiver);
  if (inner.type !== AST_NODE_TYPES.CallExpression || inner.callee.type !== AST_NODE_TYPES.MemberExpression)
    return false;
  const name = memberName(inner.callee);
  return name !== undefined && (options.has(name) || socketOnly.has(name));
}
