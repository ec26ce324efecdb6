import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  ADDRESS_MEMBERS,
  BUN_REQUEST_IP,
  bunUnixEvidence,
  calleeParts,
  DENO_REMOTE_ADDRESS,
  denoAddrVisitors,
  enclosingListener,
  getEngine,
  isBunServer,
  isFunction,
  isNumberLike,
  memberName,
  SOCKET_CLOSE_EVENTS,
  SOCKET_CONNECTED_EVENTS,
  unwrapAssertions,
} from '../engine/index.ts';
import { createRule } from '../rule-kit/create-rule.ts';
import { BUN_UNIX, DENO_TCP_CHECK, DENO_UNIX_ADDR, PIPE } from '../rule-kit/messages.ts';
import { memberPattern, memberSelector, mentionsByRuntime } from '../rule-kit/prefilter.ts';

type MessageIds = 'notProven' | 'dereferenced' | 'afterClose' | 'denoRemoteAddr' | 'bunRequestIP' | 'useFallback';
type Node = TSESTree.Node;

/** The socket members, Deno's `remoteAddr`, Bun's `requestIP`. */
const NAMES = memberPattern(ADDRESS_MEMBERS);
/** Deno's `conn.remoteAddr` and Bun's `server.requestIP(req)`: only in a program with that runtime's types. */
const DENO_NAMES = memberPattern(DENO_REMOTE_ADDRESS);
const BUN_NAMES = memberPattern([BUN_REQUEST_IP]);
const SELECTOR = memberSelector(ADDRESS_MEMBERS);

export default createRule<[], MessageIds>({
  name: 'no-unchecked-peer-address',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow asserting socket address properties defined on sockets that may be Unix sockets, unconnected or closed',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      notProven:
        '`{{subject}}.{{member}}` is asserted to be defined, but it is `undefined` on a ' +
        PIPE +
        ', before the socket connects and once it is destroyed{{evidence}}. Use `?? {{fallback}}` or check it for `undefined`.',
      dereferenced:
        '`{{subject}}.{{member}}` is used as if it were defined (`.{{next}}`), but it is `undefined` on a ' +
        PIPE +
        '{{evidence}}, and then this throws a TypeError. Check it for `undefined` first, or use `({{subject}}.{{member}} ?? {{fallback}})`.',
      afterClose:
        "`{{subject}}.{{member}}` is asserted to be defined in a '{{event}}' listener, but once the socket is closed {{when}}, and always on a " +
        PIPE +
        '. Read it when the connection starts, or use `?? {{fallback}}`.',
      denoRemoteAddr:
        '`{{subject}}` ' + DENO_UNIX_ADDR + ' for a connection over a Unix domain socket. ' + DENO_TCP_CHECK,
      bunRequestIP:
        '`{{subject}}` is asserted to be non-null, but Bun returns `null` ' +
        BUN_UNIX +
        '{{evidence}}. Check it for `null`.',
      useFallback: 'Use `{{member}} ?? {{fallback}}` instead of the assertion.',
    },
    languages: ['js/js'],
  },
  create(context) {
    if (!mentionsByRuntime(context.sourceCode, { node: NAMES, deno: DENO_NAMES, bun: BUN_NAMES })) return {};
    const engine = getEngine(context);

    /**
     * Plain JavaScript has no `!` or cast: `socket.remoteAddress.split(':')` dereferences the value itself. Reported
     * only where provenance shows the socket is a Unix socket or pipe on some path (a path listen or connect in
     * reach, in any module), never on every read.
     */
    function dereference(node: TSESTree.MemberExpression, member: string): void {
      const parent = node.parent;
      if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || parent.optional) return;
      const next = memberName(parent);
      if (next === undefined) return;
      const c = engine.classify(node.object, { at: node, member });
      if (c.guards.some((g) => g.fact === 'tcp' || g.fact === 'ip')) return;
      const pipe = c.doubts.find((d) => d.kind === 'pipe' && d.certain && d.from === 'provenance');
      if (!pipe) return;
      const here = engine.membersAt(node);
      const fallback =
        here.length > 0 && here.every((m) => isNumberLike(m.type))
          ? '0'
          : member === 'remotePort' || member === 'localPort'
            ? '0'
            : "''";
      const subject = engine.text(node.object);
      context.report({
        node,
        messageId: 'dereferenced',
        data: { subject, member, next, fallback, evidence: `: ${pipe.says} (line ${engine.lineOf(pipe.node)})` },
        suggest: [
          {
            messageId: 'useFallback',
            data: { member, fallback },
            fix: (fixer) => fixer.replaceText(node, `(${context.sourceCode.getText(node)} ?? ${fallback})`),
          },
        ],
      });
    }

    return {
      ...denoAddrVisitors(
        () => engine,
        DENO_REMOTE_ADDRESS,
        (node, subject) => {
          context.report({ node, messageId: 'denoRemoteAddr', data: { subject } });
        },
      ),
      // Bun: `server.requestIP(req)!`
      'TSNonNullExpression > CallExpression.expression'(node: TSESTree.CallExpression) {
        const callee = node.callee;
        if (
          callee.type !== AST_NODE_TYPES.MemberExpression ||
          memberName(callee) !== BUN_REQUEST_IP ||
          !isBunServer(engine, callee.object)
        )
          return;
        const evidence = bunUnixEvidence(engine, callee.object);
        if (evidence === undefined) return;
        context.report({
          node: node.parent,
          messageId: 'bunRequestIP',
          data: { subject: engine.text(node), evidence },
        });
      },
      [SELECTOR](node: TSESTree.MemberExpression) {
        const member = memberName(node);
        if (member === undefined || !ADDRESS_MEMBERS.has(member)) return;
        const assertion = assertionAround(node);
        if (!assertion) {
          dereference(node, member);
          return;
        }
        // the type here must still include `undefined` (a check narrows it), and the object must be a Node socket
        const here = engine.membersAt(node);
        if (!here.some((m) => m.verdict === 'nullish')) return;
        if (!engine.membersAt(node.object).some((m) => m.verdict === 'socket' || m.verdict === 'tls')) return;
        const subject = engine.text(unwrapAssertions(node.object));
        const fallback = here.some((m) => isNumberLike(m.type)) ? '0' : "''";
        const suggest = [
          {
            messageId: 'useFallback' as const,
            data: { member, fallback },
            fix: (fixer: import('@typescript-eslint/utils').TSESLint.RuleFixer) =>
              fixer.replaceText(assertion, `(${context.sourceCode.getText(node)} ?? ${fallback})`),
          },
        ];
        const c = engine.classify(node.object, { at: node, member });
        // `remoteFamily` truthy: the remote values were read while connected and are cached
        const tcpGuard = c.guards.some((g) => g.fact === 'tcp');
        const closing = enclosingListener(node, SOCKET_CLOSE_EVENTS);
        if (closing && !(tcpGuard && member.startsWith('remote'))) {
          // destroy clears the cached local address; the remote one survives only if it was read before
          const when = member.startsWith('local')
            ? 'it is `undefined`'
            : 'it is `undefined` unless it was read while connected';
          context.report({
            node: assertion,
            messageId: 'afterClose',
            data: { subject, member, event: closing, fallback, when },
            suggest,
          });
          return;
        }
        const proof = c.proof?.by === 'evidence' && c.proof.evidence.kind === 'tcp' ? c.proof.evidence : undefined;
        const connected =
          !!proof &&
          (proof.accepted === true ||
            !!enclosingListener(node, SOCKET_CONNECTED_EVENTS) ||
            insideConnectCallback(node));
        if (tcpGuard || (connected && c.doubts.length === 0)) return;
        const doubt = c.doubts.find((d) => d.kind === 'pipe') ?? c.doubts[0];
        const evidence = doubt
          ? `: ${doubt.says} (line ${engine.lineOf(doubt.node)})`
          : proof
            ? `: here \`${subject}\` may not have connected yet (${proof.says}, line ${engine.lineOf(proof.node)}); read it in its 'connect' listener`
            : '';
        context.report({
          node: assertion,
          messageId: 'notProven',
          data: { subject, member, evidence, fallback },
          suggest,
        });
      },
    };
  },
});

/** `x.remoteAddress!`, `x.remoteAddress as string`, `<number>x.remotePort`: the assertion node. */
function assertionAround(node: TSESTree.MemberExpression): Node | undefined {
  let current: Node = node;
  if (current.parent?.type === AST_NODE_TYPES.ChainExpression) current = current.parent;
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.TSNonNullExpression) return parent;
  if (
    (parent?.type === AST_NODE_TYPES.TSAsExpression || parent?.type === AST_NODE_TYPES.TSTypeAssertion) &&
    isDefinedTypeAnnotation(parent.typeAnnotation)
  )
    return parent;
  return undefined;
}

/** `as string`, `as number`: an assertion that drops `undefined` (not `as string | undefined`, not `as any`). */
function isDefinedTypeAnnotation(type: TSESTree.TypeNode): boolean {
  return (
    type.type === AST_NODE_TYPES.TSStringKeyword ||
    type.type === AST_NODE_TYPES.TSNumberKeyword ||
    type.type === AST_NODE_TYPES.TSLiteralType
  );
}

/** Inside the callback of `net.connect(…, cb)` / `tls.connect(…, cb)` / `socket.connect(…, cb)`. */
function insideConnectCallback(node: Node): boolean {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.at(-1) === current) {
      const { name } = calleeParts(call);
      if (name === 'connect' || name === 'createConnection') return true;
    }
  }
  return false;
}
