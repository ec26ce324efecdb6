/** The vocabulary of the engine's answers. */
import type { TSESTree } from '@typescript-eslint/utils';

/** What a value can be at runtime, as far as transport goes. */
export type Kind =
  | 'tcp' // a net.Socket over TCP
  | 'pipe' // a net.Socket over a Unix domain socket or Windows named pipe
  | 'tls' // a tls.TLSSocket
  | 'h2-session-proxy' // Http2Session#socket: throws on setNoDelay/setKeepAlive/… reads
  | 'h2-compat-proxy' // Http2ServerRequest/Response#socket: forwards to the shared session socket
  | 'duplex' // a stream without the socket methods
  | 'nullish' // null or undefined
  | 'deno-unix' // a Deno.UnixConn: no setNoDelay/setKeepAlive, so calling them throws
  | 'deno-tls' // a Deno.TlsConn: the same
  | 'unknown'; // `any`, `unknown`, or a type we know nothing about

/** How every message and evidence phrase names the transport that is not TCP. */
export const PIPE = 'Unix domain socket or named pipe';

/** What a listen or connect target typed `string` (not a literal) may be. */
export const MAYBE_PIPE_STRING = `a string that names a ${PIPE} unless it is all digits`;

/** Where a doubt or proof came from: a declared type, the value's provenance, or a type assertion. */
export type Source = 'type' | 'provenance' | 'assertion';

export interface Evidence {
  kind: Kind;
  /** The node that shows it: a `listen` call, an assertion, an `emit('connection', …)`, a type annotation's use. */
  node: TSESTree.Node;
  /** A phrase for messages, e.g. "it is asserted to `Socket` from `Duplex`". */
  says: string;
  /** False for "may be": a listen target typed `string` may name a pipe. */
  certain: boolean;
  from: Source;
  /** For TCP proofs: the socket was accepted by a listening server, so it is connected. */
  accepted?: boolean;
  /** For doubts that come from a type: the type as written, so an assertion can say what it was asserted from. */
  typeText?: string;
}

/** What a dominating condition proves about a reference. */
export type GuardFact =
  | 'nonnull' // `x != null`, `x`, `typeof x === 'object'`
  | 'has-member' // `x instanceof net.Socket`, `typeof x.m === 'function'`, a type predicate: throws on the HTTP/2 core proxy
  | 'in' // `'m' in x`: never throws, false on the HTTP/2 core proxy for the socket-option names
  | 'tcp' // `x.remoteFamily`, `typeof x.remotePort === 'number'`, `net.isIP(x.remoteAddress)`
  | 'tls' // `x instanceof tls.TLSSocket`, `x.encrypted === true`
  | 'http1' // `req.httpVersionMajor === 1`, `!('stream' in req)`, `req instanceof http.IncomingMessage`
  | 'ip' // Deno: `conn.remoteAddr.transport === 'tcp'`: not a Unix connection (TLS stays possible)
  | 'caught' // the call sits in a `try` block with a `catch`
  | 'optional-call'; // `x.m?.()`: called only where `x.m` is there (a plain stream has no `ref`); `x` itself is read

export interface Guard {
  fact: GuardFact;
  node: TSESTree.Node;
  says: string;
  /** For `in`, `has-member` and `optional-call`: the member whose presence was tested. */
  member?: string;
}

/** A proof, tagged by what shows it: evidence (a type, the value's provenance) or a guard that dominates the point. */
export type Proof = { by: 'evidence'; evidence: Evidence } | { by: 'guard'; guard: Guard };

/** The engine's answer for an expression at a point. */
export interface Classification {
  /** Every kind the value may be here, after guards. */
  possible: ReadonlySet<Kind>;
  /** Why the value is known to be TCP (or TLS over TCP), or guarded for the member asked about. */
  proof?: Proof;
  /** Why the value may be something else, after guards removed what they rule out. Rules quote these. */
  doubts: readonly Evidence[];
  /** Why the value is a TLS socket here (its type, its creation, its server, or a guard), if it is. */
  tls?: Proof;
  /**
   * Where provenance shows the value may be a socket without TLS (a plain creation, a server without TLS); its
   * `says` names no line: add `engine.lineOf(plain.node)`, which names the file too where it is another.
   */
  plain?: Evidence;
  /** The guards that dominate the point for this reference. */
  guards: readonly Guard[];
  /** True when type information is missing for the value (an unresolved type): rules stay silent. */
  untyped: boolean;
}

/** What each guard rules out. */
export const RULED_OUT: Readonly<Record<GuardFact, readonly Kind[]>> = {
  nonnull: ['nullish'],
  'has-member': ['duplex', 'nullish', 'unknown', 'deno-unix', 'deno-tls'],
  in: ['duplex', 'nullish', 'unknown', 'h2-session-proxy', 'deno-unix', 'deno-tls'],
  tcp: ['pipe', 'duplex', 'nullish', 'unknown', 'deno-unix'],
  tls: ['duplex', 'nullish', 'unknown'],
  http1: ['h2-compat-proxy', 'h2-session-proxy'],
  ip: ['pipe', 'deno-unix', 'nullish'],
  // not the compat proxy: tuning it retunes the shared connection, which no `catch` undoes
  caught: ['duplex', 'nullish', 'unknown', 'h2-session-proxy', 'deno-unix', 'deno-tls'],
  // not `nullish` (`x.m?.()` reads `m` of `x`), nor the session proxy (its get trap throws on the read)
  'optional-call': ['duplex', 'unknown', 'deno-unix', 'deno-tls'],
};
