import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  getEngine,
  H2_COMPAT_PROXY_SHARED,
  H2_COMPAT_PROXY_THROWS,
  H2_SESSION_PROXY_THROWS,
  isSideEffectFreeReference,
  memberName,
  propertyKeyName,
  SOCKET_ACCESSORS,
  socketOwner,
  unwrapAssertions,
  type Evidence,
} from '../engine/index.ts';
import { createRule, optionsSchema } from '../rule-kit/create-rule.ts';
import {
  HTTP2_MODULE,
  memberPattern,
  memberSelector,
  mentions,
  perOptions,
  programMayHold,
} from '../rule-kit/prefilter.ts';
import { callSiteOf, removeCallFix, wrapStatementFix } from '../rule-kit/fixes.ts';

type Options = [{ destroyThrows?: boolean }];
type MessageIds = 'sessionThrows' | 'compatThrows' | 'compatShared' | 'removeCall' | 'useStream' | 'onlyHttp1';

const ACCESSORS = memberPattern(SOCKET_ACCESSORS);
const prepare = perOptions(({ destroyThrows = true }: Options[0]) => {
  const sessionThrows: ReadonlySet<string> = destroyThrows
    ? new Set([...H2_SESSION_PROXY_THROWS, 'destroy'])
    : H2_SESSION_PROXY_THROWS;
  const watched = new Set([...sessionThrows, ...H2_COMPAT_PROXY_THROWS, ...H2_COMPAT_PROXY_SHARED]);
  return { sessionThrows, watched, selector: memberSelector(watched) };
});

const SESSION_ADVICE: Record<string, string> = {
  setNoDelay: 'Node already disables Nagle on every HTTP/2 socket: remove the call',
  setKeepAlive: "Set keep-alive on the real socket in the server's 'connection' listener or in `createConnection`",
  setEncoding: 'Read from the stream, not from the session socket',
  destroy: 'Call `session.destroy()` instead',
  end: 'Call `session.close()` instead',
  emit: 'Emit on the session or the stream instead',
};

export default createRule<Options, MessageIds>({
  name: 'no-http2-socket-manipulation',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow socket calls that throw on HTTP/2 socket proxies or retune the connection every stream shares',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: optionsSchema({
      destroyThrows: {
        type: 'boolean',
        description:
          'Report `destroy` on the HTTP/2 session socket proxy: it throws on Node versions before it was changed to destroy the session.',
      },
    }),
    defaultOptions: [{ destroyThrows: true }],
    messages: {
      sessionThrows:
        '`{{subject}}.{{member}}` throws ERR_HTTP2_NO_SOCKET_MANIPULATION: {{evidence}} (line {{line}}), which refuses `{{member}}` on any read, even `typeof` or `?.`. {{advice}}.',
      compatThrows:
        '`{{subject}}.{{member}}` throws ERR_HTTP2_NO_SOCKET_MANIPULATION{{when}}: {{evidence}} (line {{line}}). Use the request or response stream itself, e.g. `{{owner}}.{{member}}(…)`.',
      compatShared:
        "`{{subject}}.{{member}}()` tunes the one connection that every stream of the HTTP/2 session shares{{when}}, not this request alone: {{evidence}} (line {{line}}). Move it to the server's 'connection' listener, or check `{{owner}}.httpVersionMajor === 1` first.",
      removeCall: 'Remove the call.',
      useStream: 'Call `{{owner}}.{{member}}` on the stream instead.',
      onlyHttp1: 'Make the call only for HTTP/1 requests: `if ({{guard}})`.',
    },
    languages: ['js/js'],
  },
  create(context, [settings]) {
    // every receiver this rule looks at is read from `.socket` or `.connection` (isSocketAccess), and is HTTP/2's
    if (!mentions(context.sourceCode, ACCESSORS) || !programMayHold(context.sourceCode, HTTP2_MODULE)) return {};
    const { sessionThrows, watched, selector } = prepare(settings);
    const engine = getEngine(context);

    function check(
      reportNode: TSESTree.Node,
      receiver: TSESTree.Node,
      member: string,
      access: TSESTree.MemberExpression | undefined,
    ): void {
      if (!engine.isSocketAccess(receiver)) return;
      const c = engine.classify(receiver, { at: access ?? reportNode, member });
      const session = c.doubts.find((d) => d.kind === 'h2-session-proxy');
      const subject = engine.text(unwrapAssertions(receiver));
      const site = access ? callSiteOf(access) : undefined;
      const line = (e: Evidence) => engine.lineOf(e.node);
      if (session && sessionThrows.has(member)) {
        const remove = member === 'setNoDelay' && site ? removeCallFix(engine, site, receiver) : undefined;
        context.report({
          node: reportNode,
          messageId: 'sessionThrows',
          data: {
            subject,
            member,
            evidence: session.says,
            line: line(session),
            advice: SESSION_ADVICE[member] ?? 'Use the session or stream API instead',
          },
          suggest: remove ? [{ messageId: 'removeCall', fix: remove }] : [],
        });
        return;
      }
      const compat = c.doubts.find((d) => d.kind === 'h2-compat-proxy');
      if (!compat) return;
      const ownerNode = socketOwner(receiver);
      const owner = ownerNode ? engine.text(ownerNode) : 'req';
      const when = compat.certain ? '' : ' when the request is HTTP/2';
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      // `req.socket.pause()` → `req.pause()`; `req.socket.setTimeout(…)` → `req.setTimeout(…)` (this stream only)
      const receiverInner = unwrapAssertions(receiver);
      if (
        ownerNode &&
        site &&
        receiverInner.type === AST_NODE_TYPES.MemberExpression &&
        (member === 'pause' || member === 'resume' || member === 'setTimeout')
      ) {
        suggest.push({
          messageId: 'useStream',
          data: { owner, member },
          fix: (fixer) => fixer.replaceText(receiver, context.sourceCode.getText(ownerNode)),
        });
      }
      if (H2_COMPAT_PROXY_THROWS.has(member)) {
        context.report({
          node: reportNode,
          messageId: 'compatThrows',
          data: { subject, member, evidence: compat.says, line: line(compat), owner, when },
          suggest,
        });
      } else if (H2_COMPAT_PROXY_SHARED.has(member) && site) {
        // where the request may be HTTP/1, keep the call for it; on HTTP/2 alone Node already tunes the socket
        if (!compat.certain && site.statement && ownerNode && isSideEffectFreeReference(ownerNode)) {
          const guard = `${context.sourceCode.getText(ownerNode)}.httpVersionMajor === 1`;
          suggest.push({ messageId: 'onlyHttp1', data: { guard }, fix: wrapStatementFix(site.statement, guard) });
        }
        const remove = member !== 'setTimeout' && compat.certain ? removeCallFix(engine, site, receiver) : undefined;
        if (remove) suggest.push({ messageId: 'removeCall', fix: remove });
        context.report({
          node: reportNode,
          messageId: 'compatShared',
          data: { subject, member, evidence: compat.says, line: line(compat), owner, when },
          suggest,
        });
      }
    }

    return {
      [selector](node: TSESTree.MemberExpression) {
        const member = memberName(node);
        if (member === undefined || !watched.has(member)) return;
        check(node.property, node.object, member, node);
      },
      // const { setNoDelay } = session.socket;
      'VariableDeclarator > ObjectPattern.id > Property'(node: TSESTree.Property) {
        const member = propertyKeyName(node);
        const declarator = node.parent.parent as TSESTree.VariableDeclarator;
        if (member === undefined || !sessionThrows.has(member) || !declarator.init) return;
        check(node.key, declarator.init, member, undefined);
      },
    };
  },
});
