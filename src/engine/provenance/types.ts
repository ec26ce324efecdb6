/** What the declared (or flow-narrowed) type of a value says, and type assertions. */
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

const { DefinitionType } = TSESLint.Scope;
import { calleeParts, memberName, unwrap } from '../ast.ts';
import { LISTENER_METHODS } from '../node-members.ts';
import {
  fieldWrites,
  functionUses,
  isThisFieldWrite,
  parameterOf,
  fieldClass,
  variableWrites,
  walk,
} from '../bindings.ts';
import { shortText } from '../endpoints.ts';
import type { Evidence, Kind } from '../evidence.ts';
import type { Provenance } from './index.ts';
import { type Node, relabel, type ValueInfo } from './value-info.ts';

/** What the declared (or flow-narrowed) type at a node says. */
export function fromType(p: Provenance, node: Node): ValueInfo {
  const possible = new Set<Kind>();
  const doubts: Evidence[] = [];
  const proofs: Evidence[] = [];
  let untyped = false;
  const members = p.ctx.membersAt(node);
  const typeText = (): string => p.ctx.matcher.display(p.ctx.typeAt(node));
  for (const member of members) {
    switch (member.verdict) {
      case 'socket':
        possible.add('tcp').add('pipe');
        break;
      case 'tls':
        possible.add('tls');
        break;
      case 'duplex': {
        const text = p.ctx.matcher.display(member.type);
        possible.add('duplex');
        doubts.push({
          kind: 'duplex',
          node,
          says: `it is typed \`${text}\``,
          typeText: text,
          certain: true,
          from: 'type',
        });
        break;
      }
      case 'nullish':
        possible.add('nullish');
        if (!doubts.some((d) => d.kind === 'nullish')) {
          const text = typeText();
          // a `null` or `undefined` written to it is a value, not a declared type
          const literal =
            (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
            (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
          const says = literal ? `it is assigned \`${text}\`` : `it is typed \`${text}\``;
          doubts.push({ kind: 'nullish', node, says, typeText: text, certain: true, from: 'type' });
        }
        break;
      case 'any':
      case 'unknown': {
        possible.add('unknown');
        // evidence only where the value comes from outside the module; what it made itself is judged by its creation
        const from = outside(p, node);
        if (from && !doubts.some((d) => d.kind === 'unknown'))
          doubts.push({ kind: 'unknown', typeText: member.verdict, certain: true, from: 'provenance', ...from });
        break;
      }
      case 'error':
        untyped = true;
        break;
      case 'other':
        possible.add('unknown');
        break;
      case 'deno-tcp':
        possible.add('tcp');
        break;
      case 'bun-socket':
        possible.add('tcp').add('pipe');
        break;
      case 'deno-unix':
      case 'deno-tls':
      case 'deno-conn': {
        const kinds = member.verdict === 'deno-conn' ? p.ctx.matcher.denoConnKinds(member.type) : [member.verdict];
        const text = p.ctx.matcher.display(member.type);
        for (const kind of kinds) {
          if (kind === 'deno-tcp') {
            possible.add('tcp');
            continue;
          }
          possible.add(kind);
          doubts.push({
            kind,
            node,
            says: `it is typed \`${text}\``,
            typeText: text,
            certain: member.verdict !== 'deno-conn',
            from: 'type',
          });
        }
        break;
      }
    }
  }
  if (members.length > 0 && members.every((m) => m.verdict === 'deno-tcp')) {
    proofs.push({ kind: 'tcp', node, says: 'it is typed `Deno.TcpConn`', certain: true, from: 'type' });
  }
  const tls =
    members.length > 0 && members.every((m) => m.verdict === 'tls' || m.verdict === 'nullish') && possible.has('tls');
  const tlsProof: Evidence | undefined = tls
    ? { kind: 'tls', node, says: 'it is typed `TLSSocket`', certain: true, from: 'type' }
    : undefined;
  return { possible, doubts, proofs, tlsProof, untyped: untyped && possible.size === 0 };
}

/** `x as net.Socket`, `<net.Socket>x`, `x!`: the value is what `x` is; say what it was asserted from. */
export function asserted(
  p: Provenance,
  node: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | TSESTree.TSNonNullExpression,
): ValueInfo {
  const source = p.info(node.expression);
  if (node.type === AST_NODE_TYPES.TSNonNullExpression) {
    return relabel(source, (d) =>
      d.kind === 'nullish' && d.from === 'type'
        ? { ...d, node, from: 'assertion', says: `it is asserted non-null with \`!\` though ${d.says}` }
        : d,
    );
  }
  const target = p.ctx.membersAt(node);
  if (target.every((m) => m.verdict === 'any' || m.verdict === 'unknown' || m.verdict === 'error')) return source;
  if (source.doubts.length === 0) return source;
  const targetText = p.ctx.matcher.display(p.ctx.typeAt(node));
  return relabel(source, (d) =>
    d.from === 'type'
      ? {
          ...d,
          node,
          from: 'assertion',
          says: `it is asserted to \`${targetText}\` from \`${d.typeText ?? 'another type'}\``,
        }
      : d,
  );
}

/**
 * TypeScript's own narrowing at the reference (`instanceof`, `in`, type predicates, `!= null`) rules out what the
 * declared types said: drop type-based doubts whose kind the reference's type no longer has.
 */
export function narrowedAt(p: Provenance, info: ValueInfo, reference: Node): ValueInfo {
  if (!info.doubts.some((d) => d.from === 'type')) return info;
  const here = fromType(p, reference);
  // `unknown`/`any` at the reference is wider than what was written to it, not narrower: it proves nothing
  if (here.untyped || here.possible.has('unknown')) return info;
  const keep = (d: Evidence): boolean => d.from !== 'type' || here.possible.has(d.kind);
  if (info.doubts.every(keep)) return info;
  const doubts = info.doubts.filter(keep);
  const possible = new Set(
    [...info.possible].filter(
      (k) =>
        (k !== 'nullish' && k !== 'duplex' && k !== 'unknown') ||
        doubts.some((d) => d.kind === k) ||
        here.possible.has(k),
    ),
  );
  return { ...info, possible, doubts };
}

/**
 * Where an untyped value comes from outside the module's control, the phrase that says so: a parameter of a
 * function that others call (exported, a method, stored away), a property of such a parameter (a caller's options
 * or config object), also through `this.options = options` and `const` bindings, or a parameter of a listener on an
 * emitter that is itself untyped. Undefined for a value the module made (a call, `new`, `require(…)`): its creation
 * decides, and an untyped creation says nothing.
 */
function outside(p: Provenance, node: Node, depth = 0): { node: Node; says: string } | undefined {
  const text = shortText(p.ctx, node);
  let root = unwrap(node);
  while (root.type === AST_NODE_TYPES.MemberExpression && root.object.type !== AST_NODE_TYPES.ThisExpression)
    root = unwrap(root.object);
  if (depth > 3) return undefined;
  const fromCaller = { node, says: `\`${text}\` comes from the caller and may be any stream` };
  // through a field or variable: shown where the value came in (the parameter), not where it is read
  const fromWrites = (writes: readonly { value: Node }[]) => {
    const origin = writes.map((w) => outside(p, w.value, depth + 1)).find((o) => o !== undefined);
    return origin ? { ...fromCaller, node: origin.node } : undefined;
  };
  if (root.type === AST_NODE_TYPES.MemberExpression) {
    // `this.options.socket`: what the class stored in `this.options`
    const name = memberName(root);
    const body = fieldClass(p.ctx, root);
    // in a constructor function (`function Connection(socket) { this.socket = socket; … }`), its own writes
    const writes = name === undefined ? [] : body ? fieldWrites(p.ctx, body, name) : constructorWrites(p, root, name);
    return fromWrites(writes);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = p.ctx.variable(root);
  const def = variable?.defs[0];
  if (def?.type === DefinitionType.Variable) {
    return fromWrites(variableWrites(variable!) ?? []);
  }
  if (def?.type !== DefinitionType.Parameter) return undefined;
  const param = def.name.type === AST_NODE_TYPES.Identifier ? parameterOf(def.name) : undefined;
  if (!param) return undefined;
  const uses = functionUses(p.ctx, param.fn);
  // the parameter itself is shown where it is declared
  const shown = root === unwrap(node) ? def.name : node;
  // `emitter.on('data', (x) => …)` on an emitter typed `any`
  const untypedEmitter = uses.passedTo.find(({ call, index }) => {
    const { object, name } = calleeParts(call);
    return (
      index === 1 &&
      object !== undefined &&
      LISTENER_METHODS.has(name ?? '') &&
      p.ctx.membersAt(object).some((m) => m.verdict === 'any')
    );
  });
  if (untypedEmitter) {
    const emitter = shortText(p.ctx, calleeParts(untypedEmitter.call).object!);
    return {
      node: shown,
      says: `\`${text}\` is given by a listener on \`${emitter}\`, an untyped emitter, and may be any stream`,
    };
  }
  return uses.escapes || uses.exported ? { ...fromCaller, node: shown } : undefined;
}

/** `this.name = v` in the function a `this.name` read is in, where that is a plain function (a constructor). */
function constructorWrites(p: Provenance, read: Node, name: string): { value: Node }[] {
  let fn: Node | undefined = read.parent;
  while (fn && fn.type !== AST_NODE_TYPES.FunctionDeclaration && fn.type !== AST_NODE_TYPES.FunctionExpression)
    fn = fn.parent;
  if (!fn || fn.parent?.type === AST_NODE_TYPES.MethodDefinition) return [];
  const writes: { value: Node }[] = [];
  walk(p.ctx, fn, (node) => {
    if (isThisFieldWrite(node, name)) writes.push({ value: node.right });
  });
  return writes;
}
