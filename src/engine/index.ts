/**
 * The engine's public entry: everything a rule may ask. A rule gets the engine of its file (getEngine) and asks it
 * what a value can be at a point (TransportEngine.classify), what owns a member, whether a server is listening, the
 * types of a node; the syntax helpers below read the AST only. Rules import this file and src/rule-kit/, nothing else
 * of the engine.
 */
export { getEngine, hasBunTypes, provesTcp, type ClassifyOptions, type TransportEngine } from './engine.ts';
export type { Classification, Evidence, Guard, GuardFact, Kind, Proof } from './evidence.ts';
export { MAYBE_PIPE_STRING, PIPE } from './evidence.ts';
export type { ServerAddress } from './lifecycle.ts';
export type { TypeMember } from './type-matcher.ts';
export type { KeyValue, OptionsShape } from './options-shape.ts';
export { enclosingListener } from './lifecycle.ts';
export { bunUnixEvidence, denoAddrVisitors, isBunServer } from './runtimes.ts';
export { isEmptyObject, isNumberLike, isStringLike, requiresProperty } from './type-predicates.ts';
export { variableWrites } from './bindings.ts';
export {
  ADDRESS_MEMBERS,
  BUN_REQUEST_IP,
  BUN_SERVER_ADDRESS,
  DENO_LOCAL_ADDRESS,
  DENO_REMOTE_ADDRESS,
  H2_COMPAT_PROXY_SHARED,
  H2_COMPAT_PROXY_THROWS,
  H2_SESSION_PROXY_THROWS,
  LISTENER_METHODS,
  SOCKET_ACCESSORS,
  SOCKET_CLOSE_EVENTS,
  SOCKET_CONNECTED_EVENTS,
  SOCKET_OPTION_OWNERS,
  SOCKET_OPTIONS,
  TLS_DISCRIMINATORS,
  TLS_MEMBER_OWNERS,
  TLS_METHODS,
  TLS_PROPERTIES,
} from './node-members.ts';
export {
  calleeParts,
  isFunction,
  isSideEffectFreeReference,
  isTestPosition,
  isTransparentWrapper,
  memberName,
  outermostWrapper,
  propertyKeyName,
  requiredModule,
  socketOwner,
  statementList,
  unwrap,
  unwrapAssertions,
} from './ast.ts';
