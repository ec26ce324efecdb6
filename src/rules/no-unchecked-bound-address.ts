import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  BUN_SERVER_ADDRESS,
  bunUnixEvidence,
  DENO_LOCAL_ADDRESS,
  denoAddrVisitors,
  getEngine,
  hasBunTypes,
  isBunServer,
  isEmptyObject,
  isStringLike,
  isTestPosition,
  isTransparentWrapper,
  memberName,
  outermostWrapper,
  provesTcp,
  statementList,
  unwrap,
  variableWrites,
  type TransportEngine,
} from '../engine/index.ts';
import { createRule, optionsSchema } from '../rule-kit/create-rule.ts';
import { BUN_UNIX, DENO_TCP_CHECK, DENO_UNIX_ADDR, MAYBE_PIPE_STRING, PIPE } from '../rule-kit/messages.ts';
import {
  accessPattern,
  assertedPattern,
  invokedPattern,
  memberSelector,
  mentionsByRuntime,
} from '../rule-kit/prefilter.ts';

type MessageIds = 'serverAddress' | 'socketAddress' | 'denoAddr' | 'bunServer' | 'checkAddress';
type Node = TSESTree.Node;

/** `x.address()`: its listener needs the call (`address` is also a common field, and a word in doc comments). */
const ADDRESS = invokedPattern(['address']);
/** Deno's `x.addr as Deno.NetAddr`: a member read (`addr` is a common parameter name), in a program with Deno's types. */
const DENO_NAMES = accessPattern(DENO_LOCAL_ADDRESS);
/**
 * Bun's `x.port!` and `x.hostname as string`: names read everywhere (options), so only where asserted, in a program
 * with Bun's types.
 */
const BUN_NAMES = assertedPattern(BUN_SERVER_ADDRESS);

/** `x.port!`, `x.hostname as string` (and the computed forms). */
const BUN_MEMBERS = [
  'TSNonNullExpression > MemberExpression.expression',
  'TSAsExpression > MemberExpression.expression',
]
  .map((node) => memberSelector(BUN_SERVER_ADDRESS, node))
  .join(', ');
/** `x.address()`: ESLint calls the listener on these calls alone, not on every call without arguments. */
const ADDRESS_CALLS = memberSelector(['address'], 'CallExpression[arguments.length=0]', 'callee.');

/** Where an `address()` result is used as an AddressInfo. */
type Use = { node: Node; how: 'asserted' | 'non-null' | 'read' };

type Options = [{ requireProof?: boolean }];

export default createRule<Options, MessageIds>({
  name: 'no-unchecked-bound-address',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow using `server.address()` or `socket.address()` as an `AddressInfo` without checking it',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: optionsSchema({
      requireProof: {
        type: 'boolean',
        description:
          'Also report where nothing proves that the server listens only on ports and is listening at the call, or that the socket is a TCP socket.',
      },
    }),
    defaultOptions: [{ requireProof: false }],
    messages: {
      serverAddress:
        '`{{call}}` is used as an `AddressInfo` without a check, but it is a string when the server listens on a ' +
        PIPE +
        ", and `null` before it is listening and after `close()`{{evidence}}. Check `typeof address === 'object' && address !== null` first.",
      socketAddress:
        '`{{call}}` is used as an `AddressInfo` without a check, but it is `{}` on a ' +
        PIPE +
        " and before the socket is connected{{evidence}}. Check `'port' in address` first.",
      denoAddr:
        '`{{subject}}` ' +
        DENO_UNIX_ADDR +
        ' when the listener or connection is a Unix domain socket. ' +
        DENO_TCP_CHECK,
      bunServer:
        '`{{subject}}` is asserted to be defined, but Bun leaves it `undefined` ' +
        BUN_UNIX +
        '{{evidence}}. Check it for `undefined`.',
      checkAddress: 'Check the address and throw when it is not a TCP address.',
    },
    languages: ['js/js'],
  },
  create(context, [{ requireProof = false }]) {
    if (!mentionsByRuntime(context.sourceCode, { node: ADDRESS, deno: DENO_NAMES, bun: BUN_NAMES })) return {};
    // built at the first listener call: `port` and `hostname` are common names, and without Bun's types
    // `this.options.port!` needs no engine
    let engine!: TransportEngine;
    const ready = (): TransportEngine => {
      if (!engine) engine = getEngine(context);
      return engine;
    };

    /** The ways the value of `node` is used as an AddressInfo without a check, following `const` bindings. */
    function unsafeUses(node: Node, depth = 0): Use[] {
      // narrowed by a check (`typeof a === 'object' && a !== null`, `'port' in a`, a type predicate): nothing to say
      if (!stillUnchecked(node)) return [];
      let current = node;
      // walk out through wrappers: an assertion to something that is not the whole union, a `!`
      while (current.parent && isTransparentWrapper(current.parent) && current.parent.expression === current) {
        const wrapper = current.parent;
        if (wrapper.type === AST_NODE_TYPES.TSNonNullExpression) return [{ node: wrapper, how: 'non-null' }];
        if (wrapper.type === AST_NODE_TYPES.TSAsExpression || wrapper.type === AST_NODE_TYPES.TSTypeAssertion) {
          if (!acceptsEveryAddress(wrapper)) return [{ node: wrapper, how: 'asserted' }];
        }
        current = wrapper;
      }
      const parent = current.parent;
      if (!parent) return [];
      // `address().port`, `const { port } = address()`: a JavaScript file, or through `any`
      if (
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === current &&
        memberName(parent) !== undefined &&
        !parent.optional
      ) {
        return stillUnchecked(current) ? [{ node: parent, how: 'read' }] : [];
      }
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current) {
        if (parent.id.type === AST_NODE_TYPES.ObjectPattern)
          return stillUnchecked(current) ? [{ node: parent.id, how: 'read' }] : [];
        if (parent.id.type === AST_NODE_TYPES.Identifier && depth < 2) {
          const variable = engine.variable(parent.id);
          const writes = variable ? variableWrites(variable) : undefined;
          if (!variable || writes?.length !== 1) return [];
          return variable.references.filter((r) => r.isRead()).flatMap((r) => unsafeUses(r.identifier, depth + 1));
        }
      }
      return [];
    }

    /** Whether the value's type here still has more than AddressInfo (TypeScript narrowing shows checks). */
    function stillUnchecked(node: Node): boolean {
      const members = engine.membersAt(node);
      return members.some(
        (m) => m.verdict === 'nullish' || m.verdict === 'any' || isStringLike(m.type) || isEmptyObject(m.type),
      );
    }

    /** `x as AddressInfo | string | null` keeps every case: not an unchecked use. */
    function acceptsEveryAddress(assertion: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion): boolean {
      const target = engine.membersAt(assertion);
      if (target.some((m) => m.verdict === 'any' || m.verdict === 'unknown')) return true;
      return target.some((m) => m.verdict === 'nullish') && target.some((m) => isStringLike(m.type));
    }

    return {
      ...denoAddrVisitors(ready, DENO_LOCAL_ADDRESS, (node, subject) => {
        context.report({ node, messageId: 'denoAddr', data: { subject } });
      }),
      // Bun: `server.port!`, `server.hostname as string`
      [BUN_MEMBERS](node: TSESTree.MemberExpression) {
        const name = memberName(node);
        if ((name !== 'port' && name !== 'hostname') || !hasBunTypes(context) || !isBunServer(ready(), node.object))
          return;
        // `as number | undefined` keeps the case
        if (
          node.parent.type === AST_NODE_TYPES.TSAsExpression &&
          engine.membersAt(node.parent).some((m) => m.verdict === 'nullish' || m.verdict === 'any')
        )
          return;
        const evidence = bunUnixEvidence(engine, node.object);
        if (evidence === undefined) return;
        context.report({
          node: node.parent,
          messageId: 'bunServer',
          data: { subject: engine.text(node), evidence },
        });
      },
      [ADDRESS_CALLS](call: TSESTree.CallExpression) {
        const callee = call.callee as TSESTree.MemberExpression;
        if (memberName(callee) !== 'address') return;
        ready();
        let uses = unsafeUses(call.parent?.type === AST_NODE_TYPES.ChainExpression ? call.parent : call);
        if (uses.length === 0) return;
        const declared = engine.calleeDeclaration(call);
        const isServer = declared === 'net.Server.address';
        if (!isServer && declared !== 'net.Socket.address') return;
        const receiver = callee.object;
        let evidence = '';
        if (isServer) {
          const address = engine.serverAddressAt(receiver, call);
          if (address.state === 'listening') return;
          // evidence: a path or a handle to listen on, or code that certainly runs before the server listens
          if (address.state === 'pipe') {
            const pipe = address.endpoint;
            evidence = pipe.handle
              ? `: it listens on the handle ${pipe.target}, which may be a ${PIPE} (line ${engine.lineOf(pipe.node)})`
              : `: it listens on ${pipe.target}${pipe.certain ? '' : `, ${MAYBE_PIPE_STRING}`} (line ${engine.lineOf(pipe.node)})`;
          } else if (address.state === 'not-listening') evidence = `: ${address.says}`;
          else if (!requireProof) return;
          else if (address.state === 'pending' && address.listen)
            evidence = `: nothing shows that the \`listen\` on line ${address.listen.loc.start.line} has completed here`;
        } else {
          // `socket.address()` is never null: a member of it read only to test it is the check itself
          uses = uses.filter((use) => !testedMember(use));
          if (uses.length === 0) return;
          const c = engine.classify(receiver, { at: call });
          if (provesTcp(c.proof) && c.doubts.length === 0) return;
          const pipe = c.doubts.find((d) => d.kind === 'pipe' && d.certain);
          if (pipe) evidence = `: ${pipe.says} (line ${engine.lineOf(pipe.node)})`;
          else if (!requireProof) return;
        }
        for (const use of uses) {
          const suggest = checkSuggestion(use, call);
          context.report({
            node: use.node,
            messageId: isServer ? 'serverAddress' : 'socketAddress',
            data: { call: engine.text(call), evidence },
            suggest: suggest ? [{ messageId: 'checkAddress', fix: suggest }] : [],
          });
        }
      },
    };

    /**
     * `const { port } = server.address() as AddressInfo;` becomes
     * `const address = server.address(); if (…not TCP…) throw …; const { port } = address;`
     */
    function checkSuggestion(use: Use, call: TSESTree.CallExpression): TSESLint.ReportFixFunction | undefined {
      if (use.how === 'read') return undefined;
      const declarator = use.node.parent;
      if (
        declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
        declarator.init !== use.node ||
        unwrap(use.node) !== call
      )
        return undefined;
      const declaration = declarator.parent;
      if (declaration.declarations.length !== 1 || !statementList(declaration.parent)) return undefined;
      const name = freeName(declaration, 'address');
      const indent = ' '.repeat(declaration.loc.start.column);
      const kind = declaration.kind;
      const pattern = context.sourceCode.getText(declarator.id);
      const text =
        `const ${name} = ${context.sourceCode.getText(call)};\n` +
        `${indent}if (typeof ${name} !== 'object' || ${name} === null || !('port' in ${name})) throw new Error(\`expected a TCP address, got \${JSON.stringify(${name})}\`);\n` +
        `${indent}${kind} ${pattern} = ${name};`;
      return (fixer) => fixer.replaceText(declaration, text);
    }

    function freeName(at: Node, base: string): string {
      const scope = context.sourceCode.getScope(at);
      const taken = (name: string): boolean => {
        for (let s: typeof scope | null = scope; s; s = s.upper) if (s.set.has(name)) return true;
        return scope.through.some((r) => r.identifier.name === name);
      };
      if (!taken(base)) return base;
      for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
    }
  },
});

/**
 * A member of an address read only to test it: `(socket.address() as AddressInfo).address === undefined`,
 * `typeof … .port === 'number'`, `if (… .port)`. On the `{}` of a pipe or an unconnected socket the member is
 * `undefined`, which is the test's right answer (only for `socket.address()`, which is never null).
 */
function testedMember(use: Use): boolean {
  let read: Node | undefined;
  if (use.how === 'read') read = use.node.type === AST_NODE_TYPES.MemberExpression ? use.node : undefined;
  else {
    const node = outermostWrapper(use.node);
    if (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node) read = node.parent;
  }
  if (!read) return false;
  const parent = read.parent;
  if (isTestPosition(read)) return true;
  if (parent?.type === AST_NODE_TYPES.BinaryExpression) return ['===', '!==', '==', '!='].includes(parent.operator);
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof';
}
