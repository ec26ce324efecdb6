/**
 * Fixes shared by every rule that offers a capability guard: wrap a call statement in `if (guard)`, or turn a call
 * whose value is used into `(guard ? call : receiver)`. Only the text around the call is added, so comments and
 * formatting inside it are kept.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  isSideEffectFreeReference,
  LISTENER_METHODS,
  memberName,
  requiredModule,
  statementList,
  unwrapAssertions,
  type Classification,
  type TransportEngine,
} from '../engine/index.ts';

type Fix = TSESLint.ReportFixFunction;

export interface CallSite {
  /** The call expression (for `x.m.call(x)`, the outer call). */
  call: TSESTree.CallExpression;
  /** The expression whose value is the call's result in its context: the call, or the `?.` chain around it. */
  expression: TSESTree.Expression;
  /** The expression statement that holds only this call, if any. */
  statement?: TSESTree.ExpressionStatement;
}

/** The call that uses a member access: `x.m()`, `x?.m()`, `x['m']()`, `x.m.call(x, …)` / `.apply`. */
export function callSiteOf(member: TSESTree.MemberExpression): CallSite | undefined {
  let call: TSESTree.CallExpression | undefined;
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member) call = parent;
  else if (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === member &&
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    (parent.property.name === 'call' || parent.property.name === 'apply') &&
    parent.parent.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  ) {
    call = parent.parent;
  }
  if (!call) return undefined;
  let expression: TSESTree.Expression = call;
  if (expression.parent?.type === AST_NODE_TYPES.ChainExpression) expression = expression.parent;
  const statement = expression.parent?.type === AST_NODE_TYPES.ExpressionStatement ? expression.parent : undefined;
  return { call, expression, statement };
}

/** The guard text `x != null && 'm' in x`, with the null check only where the value may be nullish. */
export function capabilityGuard(
  engine: TransportEngine,
  receiver: TSESTree.Node,
  member: string,
  classification: Classification,
): string {
  const reference = unwrapAssertions(receiver);
  const text = engine.sourceCode.getText(reference);
  const provenNonNull = classification.guards.some((g) => g.fact === 'nonnull');
  const mayBeNullish =
    !provenNonNull &&
    (classification.possible.has('nullish') ||
      classification.possible.has('unknown') ||
      engine
        .membersAt(reference)
        .some((m) => m.verdict === 'nullish' || m.verdict === 'any' || m.verdict === 'unknown'));
  const quoted = `'${member}'`;
  return mayBeNullish ? `${text} != null && ${quoted} in ${text}` : `${quoted} in ${text}`;
}

/** Whether the receiver can be written twice (guard and call) without changing behaviour. */
export function canGuard(receiver: TSESTree.Node): boolean {
  return isSideEffectFreeReference(receiver);
}

/** `if (guard) x.m();`, braced where the statement is the body of another statement. */
export function wrapStatementFix(statement: TSESTree.ExpressionStatement, guard: string): Fix {
  const inList = !!statementList(statement.parent);
  return (fixer) => [
    fixer.insertTextBefore(statement, inList ? `if (${guard}) ` : `{ if (${guard}) `),
    ...(inList ? [] : [fixer.insertTextAfter(statement, ' }')]),
  ];
}

/** `(guard ? x.m() : x)` for a call whose value is used. */
export function guardExpressionFix(
  engine: TransportEngine,
  site: CallSite,
  receiver: TSESTree.Node,
  guard: string,
): Fix {
  const receiverText =
    receiver.type === AST_NODE_TYPES.Identifier ||
    receiver.type === AST_NODE_TYPES.MemberExpression ||
    receiver.type === AST_NODE_TYPES.ThisExpression
      ? engine.sourceCode.getText(receiver)
      : `(${engine.sourceCode.getText(receiver)})`;
  return (fixer) =>
    fixer.replaceText(site.expression, `(${guard} ? ${engine.sourceCode.getText(site.expression)} : ${receiverText})`);
}

/**
 * Removes a `this`-returning call: the whole statement when it is `x.m(…);` on a plain reference in a statement
 * list, otherwise the call is replaced by its receiver (`net.connect(p).setNoDelay()` → `net.connect(p)`). Where the
 * call is all that a listener does (`req.on('socket', (s) => s.setKeepAlive(true))`), the listener goes with it: what
 * would be left (`(s) => s`) is a listener that does nothing.
 */
export function removeCallFix(engine: TransportEngine, site: CallSite, receiver: TSESTree.Node): Fix | undefined {
  if (!isSideEffectFreeReference(receiver)) return replaceByReceiver(engine, site, receiver);
  const registration = listenerDoingOnly(site);
  if (registration) {
    const { call, expression } = registration;
    const statement = expression.parent.type === AST_NODE_TYPES.ExpressionStatement ? expression.parent : undefined;
    const emitter = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : undefined;
    if (statement && emitter && isSideEffectFreeReference(emitter)) return removeStatementFix(engine, statement);
    // `http.get(url).on('socket', …)`: the request stays, only the registration goes (`on` returns the emitter)
    return replaceByReceiver(engine, registration, emitter);
  }
  if (site.statement) return removeStatementFix(engine, site.statement);
  return replaceByReceiver(engine, site, receiver);
}

/** `x.m(…)` (or `x?.m(…)`) replaced by `x`, for a method that returns its receiver; not `x.m.call(x)`. */
function replaceByReceiver(
  engine: TransportEngine,
  { call, expression }: { call: TSESTree.CallExpression; expression: TSESTree.Expression },
  receiver: TSESTree.Node | undefined,
): Fix | undefined {
  const member = call.callee;
  if (!receiver || member.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) return undefined;
  return (fixer) => fixer.replaceText(expression, engine.sourceCode.getText(receiver));
}

/** The statement removed: its whole line in a statement list, an empty block as the body of `if`/`else`/a loop. */
function removeStatementFix(engine: TransportEngine, statement: TSESTree.Statement): Fix {
  if (statementList(statement.parent))
    return (fixer) => fixer.removeRange(lineRange(engine, statement) ?? statement.range);
  return (fixer) => fixer.replaceText(statement, '{}');
}

/**
 * The registration `emitter.on('event', fn)` whose listener `fn` does nothing but this call: `(s) => s.m()` or
 * `(s) => { s.m(); }`. Its call and the expression that holds it (the `?.` chain around it, if any).
 */
function listenerDoingOnly(
  site: CallSite,
): { call: TSESTree.CallExpression; expression: TSESTree.Expression } | undefined {
  const parent = site.expression.parent;
  let listener: TSESTree.Node | undefined;
  if (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === site.expression) listener = parent;
  else if (
    site.statement?.parent.type === AST_NODE_TYPES.BlockStatement &&
    site.statement.parent.body.length === 1 &&
    (site.statement.parent.parent.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      site.statement.parent.parent.type === AST_NODE_TYPES.FunctionExpression) &&
    site.statement.parent.parent.body === site.statement.parent
  )
    listener = site.statement.parent.parent;
  const call = listener?.parent;
  if (
    call?.type !== AST_NODE_TYPES.CallExpression ||
    call.arguments.length !== 2 ||
    call.arguments[1] !== listener ||
    call.callee.type !== AST_NODE_TYPES.MemberExpression ||
    !LISTENER_METHODS.has(memberName(call.callee) ?? '')
  )
    return undefined;
  const expression = call.parent.type === AST_NODE_TYPES.ChainExpression ? call.parent : call;
  return { call, expression };
}

/** The range of the whole line(s) a statement stands on alone, newline included, so removal leaves no blank line. */
function lineRange(engine: TransportEngine, statement: TSESTree.Node): [number, number] | undefined {
  const text = engine.sourceCode.text;
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  let lineEnd = text.indexOf('\n', statement.range[1]);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, statement.range[0]);
  const after = text.slice(statement.range[1], lineEnd);
  if (before.trim() !== '' || after.trim() !== '') return undefined;
  return [lineStart, Math.min(lineEnd + 1, text.length)];
}

/**
 * How the file can name a runtime value exported by a Node module, e.g. `tls.TLSSocket`: through a namespace or
 * default import, a named (value) import, or `require`. Undefined when the file has no such binding.
 */
export function runtimeName(engine: TransportEngine, modules: readonly string[], exported: string): string | undefined {
  const program = engine.sourceCode.ast;
  for (const statement of program.body) {
    if (
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      modules.includes(statement.source.value) &&
      statement.importKind !== 'type'
    ) {
      for (const spec of statement.specifiers) {
        if (
          spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier ||
          spec.type === AST_NODE_TYPES.ImportDefaultSpecifier
        )
          return `${spec.local.name}.${exported}`;
        if (
          spec.type === AST_NODE_TYPES.ImportSpecifier &&
          spec.importKind !== 'type' &&
          spec.imported.type === AST_NODE_TYPES.Identifier &&
          spec.imported.name === exported
        )
          return spec.local.name;
      }
    }
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const required = requiredModule(declarator.init);
        if (declarator.id.type === AST_NODE_TYPES.Identifier && required !== undefined && modules.includes(required))
          return `${declarator.id.name}.${exported}`;
      }
    }
  }
  return undefined;
}
