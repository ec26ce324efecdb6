/** Questions about one TypeScript type or node that need no checker: its flags, its shape, its kind of declaration. */
import type { TypeMember } from './type-matcher.ts';
import ts from './typescript.cts';

/** Types whose text is their keyword (an error type is an `any` named `error`: not one of them). */
export const KEYWORD_TYPES =
  ts.TypeFlags.Null |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Void |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.String |
  ts.TypeFlags.Number |
  ts.TypeFlags.Boolean |
  ts.TypeFlags.BigInt |
  ts.TypeFlags.Never;

export function isTypeReference(t: ts.Type): t is ts.TypeReference {
  return !!(t.flags & ts.TypeFlags.Object) && !!((t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference);
}

/** `Name` or `a.b.Name`: an `extends` clause whose symbol resolves by name. */
export function isNameExpression(node: ts.Expression): node is ts.Identifier | ts.PropertyAccessExpression {
  return ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && isNameExpression(node.expression));
}

export function isClassOrInterface(t: ts.Type): t is ts.InterfaceType {
  return !!(t.flags & ts.TypeFlags.Object) && !!((t as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface);
}

export function isErrorType(t: ts.Type): boolean {
  // The checker's error type is an `any` whose intrinsic name is 'error' (ts-api-utils' isIntrinsicErrorType).
  return (t as { intrinsicName?: string }).intrinsicName === 'error';
}

export function isNumberLike(t: ts.Type): boolean {
  return !!(t.flags & ts.TypeFlags.NumberLike);
}

export function isStringLike(t: ts.Type): boolean {
  return !!(t.flags & ts.TypeFlags.StringLike);
}

/** `{}`: an object type with no members (what `socket.address()` returns on a pipe). */
export function isEmptyObject(t: ts.Type): boolean {
  return (
    !!(t.flags & ts.TypeFlags.Object) &&
    t.getProperties().length === 0 &&
    t.getCallSignatures().length === 0 &&
    t.getConstructSignatures().length === 0
  );
}

/** Whether every member has the property, and not as an optional one. False without members. */
export function requiresProperty(members: readonly TypeMember[], name: string): boolean {
  return (
    members.length > 0 &&
    members.every((m) => {
      const prop = m.type.getProperty(name);
      return !!prop && !(prop.flags & ts.SymbolFlags.Optional);
    })
  );
}
