/** Who owns a member of a value, and what a value was asserted from: questions about declarations, for the rules. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { classMembersNamed, memberName, unwrap, unwrapAssertions } from './ast.ts';
import { fieldClass, isConst, singleValue, thisClass } from './bindings.ts';
import type { FileContext } from './file-context/index.ts';
import type ts from './typescript.cts';

/**
 * Whether every class or interface that declares `member` on the receiver's type is one of `owners` (or nothing
 * declares it there, or the declaration is not a class's): a class that declares the member itself (IncomingMessage,
 * Http2Stream, Bun's Socket, a user class) is another API. With `declared`, the written type of the variable,
 * parameter or field the receiver reads is asked first (`private timer: NodeJS.Timeout` says no without flow
 * analysis), then the type for members (FileContext.typeForMembers); without, the type at the receiver.
 */
export function isMemberOwnedBy(
  ctx: FileContext,
  receiver: TSESTree.Node,
  member: string,
  owners: ReadonlySet<string>,
  declared: boolean,
): boolean {
  const ours = (type: ts.Type): boolean =>
    ctx.matcher
      .declaringOwners(type, member)
      .every((owner) => owner === undefined || owner === '?' || owners.has(owner));
  if (!declared) return ours(ctx.typeAt(receiver));
  const annotation = annotationOf(ctx, receiver);
  if (annotation && !ours(ctx.writtenType(annotation.typeAnnotation))) return false;
  return ctx.askByParts(receiver, ours);
}

/** The type annotation of the variable, parameter or class field a receiver reads, if it has one. */
function annotationOf(ctx: FileContext, receiver: TSESTree.Node): TSESTree.TSTypeAnnotation | undefined {
  const inner = unwrapAssertions(receiver);
  if (inner !== receiver) return undefined; // `x as T`: the assertion decides, not the declaration
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const name = ctx.variable(inner)?.defs[0]?.name;
    return name?.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation : undefined;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    const body = fieldClass(ctx, inner) ?? selfFieldClass(inner.object);
    const field = body && classMembersNamed(body, name).find((m) => m.type === AST_NODE_TYPES.PropertyDefinition);
    return field?.type === AST_NODE_TYPES.PropertyDefinition ? (field.typeAnnotation ?? undefined) : undefined;
  }
  return undefined;
}

/**
 * The class of `this._self` where `_self` is a field of the class of `this` initialized with `this` and written with no
 * type (`private _self = this`): its type is the class's `this` type, whose members are the class's (the object may
 * be another at run time, a proxy or a copy, but its type is the class's).
 */
function selfFieldClass(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  if (
    node.type !== AST_NODE_TYPES.MemberExpression ||
    node.computed ||
    node.object.type !== AST_NODE_TYPES.ThisExpression
  )
    return undefined;
  const body = thisClass(node.object);
  const fields =
    body && classMembersNamed(body, memberName(node)).filter((m) => m.type !== AST_NODE_TYPES.AccessorProperty);
  const field = fields?.length === 1 ? fields[0] : undefined;
  return field?.type === AST_NODE_TYPES.PropertyDefinition &&
    !field.static &&
    !field.typeAnnotation &&
    field.value &&
    unwrap(field.value).type === AST_NODE_TYPES.ThisExpression
    ? body
    : undefined;
}

/** The type assertion a `const` (or a chain of them) was initialised with, if any. */
export function assertionBehind(
  ctx: FileContext,
  node: TSESTree.Node,
  depth = 0,
): TSESTree.TSAsExpression | TSESTree.TSTypeAssertion | undefined {
  if (node.type !== AST_NODE_TYPES.Identifier || depth > 3) return undefined;
  const variable = ctx.variable(node);
  const value = variable && isConst(variable) ? singleValue(variable) : undefined;
  if (value?.type === AST_NODE_TYPES.TSAsExpression || value?.type === AST_NODE_TYPES.TSTypeAssertion) return value;
  return value ? assertionBehind(ctx, value, depth + 1) : undefined;
}
