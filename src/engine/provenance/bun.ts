/** Bun: `Bun.connect`, `Bun.listen` and `Bun.serve` options, which decide the transport where the types do not. */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeParts, findProperty, propertyKeyName, unwrap } from '../ast.ts';
import { objectLiteralOf, parameterOf, singleValue } from '../bindings.ts';
import { shortText } from '../endpoints.ts';
import { crossing, importedDeclaration } from '../interprocedural.ts';
import type { Provenance } from './index.ts';
import type { FunctionNode, Node, ValueInfo } from './value-info.ts';

const { DefinitionType } = TSESLint.Scope;

/**
 * Bun: `Bun.connect({ unix })` and `Bun.listen({ unix })` give the same `Socket` type as TCP; the options tell.
 * The socket of `Bun.connect(…)` (awaited), or undefined when the call is something else.
 */
export function bunConnection(p: Provenance, call: TSESTree.CallExpression): ValueInfo | undefined {
  const { name } = calleeParts(call);
  if (name !== 'connect' && name !== 'listen') return undefined;
  const declared = p.ctx.calleeDeclaration(call);
  if (declared !== 'bun.connect' && declared !== 'bun.listen') return undefined;
  const options =
    call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement
      ? objectLiteralOf(p.ctx, call.arguments[0])
      : undefined;
  const unix = options && findProperty(options, 'unix');
  const created = `\`${shortText(p.ctx, call.callee)}(…)\``;
  if (unix && unix !== 'spread') {
    return {
      possible: new Set(['pipe']),
      doubts: [
        {
          kind: 'pipe',
          node: unix,
          says: `it is created by ${created} with \`unix\``,
          certain: true,
          from: 'provenance',
        },
      ],
      proofs: [],
      untyped: false,
    };
  }
  const port = options && findProperty(options, 'port');
  if (port && port !== 'spread' && !unix) {
    return {
      possible: new Set(['tcp']),
      doubts: [],
      proofs: [
        {
          kind: 'tcp',
          node: port,
          says: `it is created by ${created} with a \`port\``,
          certain: true,
          from: 'provenance',
        },
      ],
      untyped: false,
    };
  }
  return { possible: new Set(['tcp', 'pipe']), doubts: [], proofs: [], untyped: false };
}

/** The socket parameter of a handler in `Bun.listen({ socket: { open(socket) {…} } })` or `Bun.connect`. */
export function bunHandlerSocket(p: Provenance, fn: FunctionNode): ValueInfo | undefined {
  const handler = fn.parent;
  if (handler?.type !== AST_NODE_TYPES.Property || handler.value !== fn) return undefined;
  const handlers = handler.parent;
  const socketProp = handlers.parent;
  if (
    socketProp?.type !== AST_NODE_TYPES.Property ||
    socketProp.value !== handlers ||
    propertyKeyName(socketProp) !== 'socket'
  )
    return undefined;
  const options = socketProp.parent;
  const call = options.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== options) return undefined;
  return bunConnection(p, call);
}

/**
 * The options object of the `Bun.serve(…)` that made a server: through a variable, or the `server` parameter of
 * its own `fetch(req, server)` handler. Undefined when the server's creation is not visible.
 */
export function bunServeOptions(p: Provenance, node: Node): TSESTree.ObjectExpression | undefined {
  let inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = p.ctx.variable(inner);
    const def = variable?.defs[0];
    if (def?.type === DefinitionType.Parameter && def.name.type === AST_NODE_TYPES.Identifier) {
      const param = parameterOf(def.name);
      const handler = param?.fn.parent;
      if (param?.index !== 1 || handler?.type !== AST_NODE_TYPES.Property || propertyKeyName(handler) !== 'fetch')
        return undefined;
      inner = handler.parent.parent;
    } else {
      // `import { api } from './servers'`: the server made in another module
      const imported = importedDeclaration(p.ctx, inner);
      if (imported) return crossing(p.ctx, () => bunServeOptions(imported.file.provenance, imported.node));
      const value = singleValue(variable);
      if (!value) return undefined;
      inner = unwrap(value);
    }
  }
  if (
    inner.type !== AST_NODE_TYPES.CallExpression ||
    calleeParts(inner).name !== 'serve' ||
    p.ctx.calleeDeclaration(inner) !== 'bun.serve'
  )
    return undefined;
  const first = inner.arguments[0];
  return first && first.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(p.ctx, first) : undefined;
}
