import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

const { DefinitionType } = TSESLint.Scope;
import {
  getEngine,
  isTestPosition,
  memberName,
  propertyKeyName,
  TLS_DISCRIMINATORS,
  TLS_MEMBER_OWNERS,
  TLS_METHODS,
  TLS_PROPERTIES,
  unwrapAssertions,
  type Kind,
} from '../engine/index.ts';
import { createRule } from '../rule-kit/create-rule.ts';
import { callSiteOf, canGuard, runtimeName, wrapStatementFix } from '../rule-kit/fixes.ts';
import { memberPattern, memberSelector, mentions } from '../rule-kit/prefilter.ts';

type MessageIds = 'notTls' | 'guardTls';
type Node = TSESTree.Node;

const TLS_MODULES = ['node:tls', 'tls'];
const NAMES = memberPattern([...TLS_METHODS, ...TLS_PROPERTIES]);
const SELECTOR = memberSelector([...TLS_METHODS, ...TLS_PROPERTIES]);
/** What a value may be on which TLS members are missing. */
const PLAIN_KINDS: readonly Kind[] = ['tcp', 'pipe', 'duplex', 'h2-compat-proxy', 'h2-session-proxy'];

export default createRule<[], MessageIds>({
  name: 'no-unguarded-tls-api',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow TLS-only socket members on sockets not proven to be TLS sockets',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      notTls:
        '`{{subject}}.{{member}}` exists only on TLS sockets, but {{why}}: on a plain socket {{effect}}. Check `{{subject}} instanceof tls.TLSSocket` first.',
      guardTls: 'Use it only when `{{subject}} instanceof {{tlsSocket}}`.',
    },
    languages: ['js/js'],
  },
  create(context) {
    if (!mentions(context.sourceCode, NAMES)) return {};
    const engine = getEngine(context);

    function check(
      reportNode: Node,
      receiver: Node,
      member: string,
      access: TSESTree.MemberExpression | undefined,
    ): void {
      // `socket.encrypted && socket.authorized`, `if (socket.alpnProtocol === 'h2')`: telling the kinds apart; and a
      // method read only to test that it is there (`socket.getCipher ? socket.getCipher() : null`). Syntax only, so
      // asked before any type question: both checks only return early, in either order
      if (
        access &&
        (TLS_DISCRIMINATORS.has(member) || TLS_METHODS.has(member)) &&
        isDiscriminatorRead(outermostChain(access))
      )
        return;
      const at = access ?? reportNode;
      // `x instanceof TLSSocket` around the read: TLS whatever the type says (classify would say so after it)
      if (engine.tlsByGuard(receiver, at)) return;
      // a class that declares the member itself (Bun's native Socket) is not a Node socket asserted to TLS
      if (!engine.memberOwnedBy(receiver, member, TLS_MEMBER_OWNERS)) return;
      const c = engine.classify(receiver, { at, member });
      if (c.untyped || c.tls) return;
      // `typeof x.getPeerCertificate === 'function'` / `'getPeerCertificate' in x` before; `try`/`catch` around a call
      const isMethod = TLS_METHODS.has(member);
      const guarded = c.guards.some(
        (g) =>
          ((g.fact === 'has-member' || g.fact === 'in' || g.fact === 'optional-call') &&
            g.member !== undefined &&
            (TLS_METHODS.has(g.member) || TLS_PROPERTIES.has(g.member))) ||
          (g.fact === 'caught' && isMethod),
      );
      if (guarded) return;
      const plain = PLAIN_KINDS.some((k) => c.possible.has(k));
      // an untyped value asserted to TLSSocket: reported where it comes from outside the module (the doubt says so)
      const asserted = receiver !== unwrapAssertions(receiver) || !!engine.assertionBehind(unwrapAssertions(receiver));
      const outside = asserted ? c.doubts.find((d) => d.kind === 'unknown') : undefined;
      if (!plain && !outside) return;
      const reference = unwrapAssertions(receiver);
      const subject = engine.text(reference);
      const why = !plain && outside ? outside.says : reason(receiver, reference);
      if (why === undefined) return;
      const effect = isMethod
        ? 'it is not a function (TypeError)'
        : 'it is `undefined`, so a check on it silently fails';
      const tlsSocket = runtimeName(engine, TLS_MODULES, 'TLSSocket');
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (tlsSocket && access && canGuard(receiver)) {
        const guard = `${context.sourceCode.getText(reference)} instanceof ${tlsSocket}`;
        const site = isMethod ? callSiteOf(access) : undefined;
        if (site?.statement)
          suggest.push({
            messageId: 'guardTls',
            data: { subject, tlsSocket },
            fix: wrapStatementFix(site.statement, guard),
          });
        else if (isTestPosition(site?.expression ?? outermostChain(access))) {
          // only where `undefined` is as good as a falsy value: a condition, `!`, `&&`/`||`
          const expression = site?.expression ?? outermostChain(access);
          suggest.push({
            messageId: 'guardTls',
            data: { subject, tlsSocket },
            fix: (fixer) =>
              fixer.replaceText(expression, `(${guard} ? ${context.sourceCode.getText(expression)} : undefined)`),
          });
        }
      }
      context.report({ node: reportNode, messageId: 'notTls', data: { subject, member, why, effect }, suggest });
    }

    /**
     * Whether a read's value is only tested (isTestPosition, a `&&`/`||` operand, a comparison with anything but
     * `false`, `Boolean(…)`), directly or through a `const` whose every use is: then `undefined` on a plain socket gives
     * the plain socket's answer.
     */
    function isDiscriminatorRead(node: Node, depth = 0): boolean {
      const parent = node.parent;
      if (!parent) return false;
      if (isTestPosition(node)) return true;
      switch (parent.type) {
        case AST_NODE_TYPES.LogicalExpression:
          return parent.operator !== '??';
        case AST_NODE_TYPES.BinaryExpression: {
          if (!['===', '!==', '==', '!='].includes(parent.operator)) return false;
          const other = parent.left === node ? parent.right : parent.left;
          return !(other.type === AST_NODE_TYPES.Literal && other.value === false);
        }
        case AST_NODE_TYPES.CallExpression:
          return parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'Boolean';
        case AST_NODE_TYPES.VariableDeclarator: {
          if (depth > 1 || parent.init !== node || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
          const variable = engine.variable(parent.id);
          const isConst =
            variable?.defs[0]?.type === DefinitionType.Variable && variable.defs[0].parent.kind === 'const';
          const reads = variable && isConst ? variable.references.filter((r) => !r.init) : [];
          return reads.length > 0 && reads.every((r) => isDiscriminatorRead(r.identifier, depth + 1));
        }
        default:
          return false;
      }
    }

    /**
     * Why the value may be a plain socket: an assertion from a socket type, its server, or its type. Where the type
     * says nothing (`any` in plain JavaScript), the value's provenance must: a plain creation or a server without TLS
     * (undefined, no report, where it does not).
     */
    function reason(receiver: Node, reference: Node): string | undefined {
      const inner = receiver.type === AST_NODE_TYPES.ChainExpression ? receiver.expression : receiver;
      const typeText = engine.typeText(reference);
      const c = engine.classify(reference, { at: reference });
      const compat = c.doubts.find((d) => d.kind === 'h2-compat-proxy');
      if (compat) return `${compat.says} of a server without TLS`;
      // the session proxy hands TLS members to its socket, which is a plain one for a cleartext (h2c) session
      const session = c.doubts.find((d) => d.kind === 'h2-session-proxy');
      if (session) return 'it is the socket of an HTTP/2 session that may be cleartext (h2c)';
      if (inner !== reference) return `it is asserted to \`${engine.typeText(inner)}\` from \`${typeText}\``;
      // `const socket = req.socket as TLSSocket`: the assertion is where the value was written
      const assertion = engine.assertionBehind(reference);
      if (assertion) {
        const from = engine.typeText(assertion.expression);
        return `it is asserted to \`${engine.typeText(assertion)}\` from \`${from}\` on line ${assertion.loc.start.line}`;
      }
      if (typeText === 'any' || typeText === 'unknown') {
        if (c.plain) return `${c.plain.says} on line ${engine.lineOf(c.plain.node)}`;
        return c.doubts.find((d) => d.from === 'provenance' && PLAIN_KINDS.includes(d.kind))?.says;
      }
      return `it is typed \`${typeText}\``;
    }

    return {
      [SELECTOR](node: TSESTree.MemberExpression) {
        const member = memberName(node);
        if (member === undefined || (!TLS_METHODS.has(member) && !TLS_PROPERTIES.has(member))) return;
        if (node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node) return;
        // `typeof x.getPeerCertificate` reads without calling: that is the check, not the problem
        if (node.parent.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'typeof') return;
        check(node.property, node.object, member, node);
      },
      'VariableDeclarator > ObjectPattern.id > Property'(node: TSESTree.Property) {
        const member = propertyKeyName(node);
        const declarator = node.parent.parent as TSESTree.VariableDeclarator;
        if (member === undefined || (!TLS_METHODS.has(member) && !TLS_PROPERTIES.has(member)) || !declarator.init)
          return;
        check(node.key, declarator.init, member, undefined);
      },
    };
  },
});

/** The member access, or the optional chain it ends. */
function outermostChain(access: TSESTree.MemberExpression): Node {
  return access.parent.type === AST_NODE_TYPES.ChainExpression ? access.parent : access;
}
