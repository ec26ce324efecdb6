/**
 * The engine's public entry: everything a rule may ask. A rule gets the engine of its file (getEngine) and asks it
 * what a value can be at a point (TransportEngine.classify), what owns a member, whether a server is listening, the
 * types of a node; the syntax helpers below read the AST only. Rules import this file and src/rule-kit/, nothing else
 * of the engine.
 */
export { getEngine, hasBunTypes, provesTcp, type ClassifyOptions, type TransportEngine } from './engine.ts';
export type { Classification, Evidence, Guard, GuardFact, Kind, Proof } from './evidence.ts';
export type { ServerAddress } from './lifecycle.ts';
export type { TypeMember } from './type-matcher.ts';
export type { KeyValue, OptionsShape } from './options-shape.ts';
export { enclosingListener } from './lifecycle.ts';
export { bunUnixEvidence, denoAddrVisitors, isBunServer } from './runtimes.ts';
export { isEmptyObject, isNumberLike, isStringLike, requiresProperty } from './type-predicates.ts';
export { variableWrites } from './bindings.ts';
export {
  calleeParts,
  isFunction,
  isSideEffectFreeReference,
  isTransparentWrapper,
  LISTENER_METHODS,
  memberName,
  propertyKeyName,
  requiredModule,
  SOCKET_ACCESSORS,
  socketOwner,
  statementList,
  unwrap,
  unwrapAssertions,
} from './ast.ts';
