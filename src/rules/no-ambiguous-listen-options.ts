import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, getEngine, requiresProperty, unwrap } from '../engine/index.ts';
import { createRule } from '../rule-kit/create-rule.ts';
import { calledPattern, memberSelector, mentions, renamedCallees } from '../rule-kit/prefilter.ts';

type MessageIds = 'listen' | 'connect' | 'keepOnly';
type Node = TSESTree.Node;

/**
 * The calls whose options pick a transport, and how: given both `port` and `path`, `Server#listen` checks `port` first
 * and listens on TCP, `Socket#connect` (behind `net.connect` and `tls.connect`) connects to the pipe (Node's
 * `lib/net.js`; tests/integration/runtime/listen-options.test.ts checks it on the running Node).
 */
const CALLS: Record<string, 'listen' | 'connect'> = {
  'net.Server.listen': 'listen',
  'net.connect': 'connect',
  'net.createConnection': 'connect',
  'tls.connect': 'connect',
  'net.Socket.connect': 'connect',
};
const NAMES = new Set(['listen', 'connect', 'createConnection']);
/**
 * Every listener needs a call with a first argument: `s.connect()` and a method `connect() {…}` do not count. A
 * renamed import or a copy of the member counts as a call (transport-lint's namePositions).
 */
const PATTERN = calledPattern(NAMES);
/** A call of one of the names, or of a local name for one (renamedCallees): `dial(…)`. */
const calledByName = (names: Iterable<string>) => `CallExpression[callee.name=/^(?:${[...names].join('|')})$/]`;
/** Calls of one of the names: `listen(…)`, `x.listen(…)`, `x['listen'](…)`, and a wrapped callee (`(f as F)(…)`). */
const CALLS_SELECTOR = [
  calledByName(NAMES),
  memberSelector(NAMES, 'CallExpression', 'callee.'),
  'CallExpression[callee.type=/^TS/]',
].join(', ');

interface Keys {
  port?: Node;
  path?: Node;
  /** The object literal, when the keys are its own properties (for suggestions). */
  literal?: TSESTree.ObjectExpression;
}

export default createRule<[], MessageIds>({
  name: 'no-ambiguous-listen-options',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `listen` and `connect` options that carry both `port` and `path`',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      listen:
        '`{{call}}` is given both `port` and `path`: `listen()` takes `port` whenever the key is present, even when it is `undefined`, binds TCP (on a random port for `undefined`) and ignores `path`. Build the options for one transport: `{ port }` or `{ path }`.',
      connect:
        '`{{call}}` is given both `path` and `port`: it connects to `path` whenever it is truthy and ignores `port`, and to `port` when `path` is empty or `undefined`. Build the options for one transport: `{ path }` or `{ host, port }`.',
      keepOnly: 'Keep only `{{key}}`.',
    },
    languages: ['js/js'],
  },
  create(context) {
    if (!mentions(context.sourceCode, PATTERN)) return {};
    const engine = getEngine(context);
    // `tlsConnect(…)` of `import { connect as tlsConnect }`, `dial(…)` of `const dial = net.connect`, `this.dial(…)`
    // of a field `dial = net.connect`: what the callee is decides, as for every call
    const renamed = renamedCallees(context.sourceCode.text, NAMES);
    const selector =
      renamed.size > 0
        ? `${CALLS_SELECTOR}, ${calledByName(renamed)}, ${memberSelector(renamed, 'CallExpression', 'callee.')}`
        : CALLS_SELECTOR;

    /**
     * The `port` and `path` keys an options value carries for sure on some path (literals, spreads, `Object.assign`,
     * later assignments, builders: TransportEngine.optionsShapes), or the non-optional properties of its type.
     */
    function keysOf(node: Node): Keys {
      const shapes = engine.optionsShapes(node);
      if (!shapes) return { port: requiredProperty(node, 'port'), path: requiredProperty(node, 'path') };
      for (const shape of shapes) {
        const port = shape.keys.get('port');
        const path = shape.keys.get('path');
        if (!port || !path || port === 'unknown' || path === 'unknown') continue;
        return { port: port.node, path: path.node, literal: shape.literal };
      }
      return {};
    }

    /** The node itself when its type has a non-optional `name` property on every union member. */
    function requiredProperty(node: Node, name: string): Node | undefined {
      const members = engine.membersAt(node).filter((m) => m.verdict !== 'nullish');
      if (members.some((m) => m.verdict !== 'other')) return undefined;
      return requiresProperty(members, name) ? node : undefined;
    }

    return {
      [selector](node: TSESTree.CallExpression) {
        const { name } = calleeParts(node);
        const first = node.arguments[0];
        if (!name || !(NAMES.has(name) || renamed.has(name)) || !first || first.type === AST_NODE_TYPES.SpreadElement)
          return;
        // syntax first: an object literal, or a value whose name or type we must look at
        const inner = unwrap(first);
        if (
          inner.type === AST_NODE_TYPES.Literal ||
          inner.type === AST_NODE_TYPES.TemplateLiteral ||
          inner.type === AST_NODE_TYPES.ArrowFunctionExpression ||
          inner.type === AST_NODE_TYPES.FunctionExpression
        )
          return;
        const keys = keysOf(first);
        if (!keys.port || !keys.path) return;
        const declared = engine.calleeDeclaration(node);
        const mode = declared ? CALLS[declared] : undefined;
        if (!mode) return;
        const call = `${context.sourceCode.getText(node.callee)}()`;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        if (keys.literal && keys.port.type === AST_NODE_TYPES.Property && keys.path.type === AST_NODE_TYPES.Property) {
          for (const [key, drop] of [
            ['port', keys.path],
            ['path', keys.port],
          ] as const) {
            // `connect` requires the kept key (`port: number` or `path: string`): not when it may be undefined
            const kept = key === 'port' ? keys.port : keys.path;
            if (mode === 'connect' && engine.membersAt(kept.value).some((m) => m.verdict === 'nullish')) continue;
            suggest.push({ messageId: 'keepOnly', data: { key }, fix: removeProperty(context.sourceCode, drop) });
          }
        }
        context.report({ node: first, messageId: mode, data: { call }, suggest });
      },
    };
  },
});

/** Removes an object-literal property together with the comma that separates it from the next (or previous) one. */
function removeProperty(
  sourceCode: Readonly<TSESLint.SourceCode>,
  prop: TSESTree.Property,
): TSESLint.ReportFixFunction {
  return (fixer) => {
    const after = sourceCode.getTokenAfter(prop);
    if (after?.value === ',') {
      const next = sourceCode.getTokenAfter(after, { includeComments: true });
      return fixer.removeRange([prop.range[0], next && next.value !== '}' ? next.range[0] : after.range[1]]);
    }
    const before = sourceCode.getTokenBefore(prop);
    return fixer.removeRange([before?.value === ',' ? before.range[0] : prop.range[0], prop.range[1]]);
  };
}
