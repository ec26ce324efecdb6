/** What provenance says of a value (ValueInfo), and how answers combine. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Evidence, Kind } from '../evidence.ts';

export type Node = TSESTree.Node;

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** What a value may be from its types and provenance, before guards. */
export interface ValueInfo {
  possible: ReadonlySet<Kind>;
  doubts: readonly Evidence[];
  /** Proofs that hold on every path (TCP or TLS creation, a server that listens only on ports). */
  proofs: readonly Evidence[];
  /** Why the value is a TLS socket on every path (its type, `tls.connect`, an HTTPS or TLS server), if it is. */
  tlsProof?: Evidence;
  /**
   * Where the value may be a socket without TLS, on some path: the plain `net.connect` that created it, the server
   * without TLS that accepted it. Quoted by the TLS rule where the type says nothing (`any` in plain JavaScript).
   */
  plain?: Evidence;
  untyped: boolean;
}

const NOTHING: ValueInfo = { possible: new Set(), doubts: [], proofs: [], untyped: false };

export function merge(infos: readonly ValueInfo[]): ValueInfo {
  if (infos.length === 1) return infos[0]!;
  if (infos.length === 0) return NOTHING;
  const possible = new Set<Kind>();
  const doubts: Evidence[] = [];
  for (const info of infos) {
    for (const kind of info.possible) possible.add(kind);
    doubts.push(...info.doubts);
  }
  // A proof survives a merge only when every path has one.
  const proofs = infos.every((i) => i.proofs.length > 0) ? infos.flatMap((i) => i.proofs) : [];
  const tlsProof = infos.every((i) => i.tlsProof) ? infos[0]!.tlsProof : undefined;
  const plain = infos.find((i) => i.plain)?.plain;
  return { possible, doubts, proofs, tlsProof, plain, untyped: infos.every((i) => i.untyped) };
}

/**
 * The socket a `'secureConnection'` listener gets: a TLS socket over what the server's sockets are (as a secure
 * server's connection: TLS instead of TCP, a pipe under it stays a doubt).
 */
export function secureSocket(info: ValueInfo, registration: Node): ValueInfo {
  const possible = new Set([...info.possible].filter((k) => k !== 'tcp')).add('tls');
  const tlsProof: Evidence = {
    kind: 'tls',
    node: registration,
    says: "it is the socket of a `'secureConnection'` listener",
    certain: true,
    from: 'provenance',
  };
  return { ...info, possible, tlsProof: info.tlsProof ?? tlsProof };
}

/** The socket a TLS server's 'connection' listener gets: the TCP (or pipe) socket under the TLS layer. */
export function rawSocket(info: ValueInfo): ValueInfo {
  if (!info.possible.has('tls')) return info;
  const possible = new Set([...info.possible].map((k) => (k === 'tls' ? 'tcp' : k)));
  return { ...info, possible, tlsProof: undefined };
}

export function relabel(info: ValueInfo, map: (d: Evidence) => Evidence): ValueInfo {
  return { ...info, doubts: info.doubts.map(map) };
}

export function withoutNullish(info: ValueInfo): ValueInfo {
  if (!info.possible.has('nullish')) return info;
  return {
    ...info,
    possible: new Set([...info.possible].filter((k) => k !== 'nullish')),
    doubts: info.doubts.filter((d) => d.kind !== 'nullish'),
  };
}

/** Provenance decides the transport; the declared type of the access still says whether it may be null. */
export function withBase(base: ValueInfo, provenance: ValueInfo): ValueInfo {
  const nullish = base.doubts.filter((d) => d.kind === 'nullish');
  const possible = new Set(provenance.possible);
  if (base.possible.has('nullish')) possible.add('nullish');
  return {
    possible,
    doubts: [...provenance.doubts, ...nullish],
    proofs: provenance.proofs,
    tlsProof: provenance.tlsProof ?? base.tlsProof,
    plain: provenance.plain,
    untyped: base.untyped && provenance.possible.size === 0,
  };
}
