/**
 * Guards (guards.ts): the tests, early exits, assertions, type predicates and boolean helpers that dominate a use,
 * and what each proves of the value. The probe prints, for the argument of every `probe(x)`, the facts of the guards
 * around it (with the member a guard tests, as `in:setNoDelay`) and the transports still possible. Each snippet
 * puts a use the guard covers next to a use it does not.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { engineProbe, probeResults } from '../helpers/probe.ts';

interface Probe {
  guards: string[];
  possible: string;
}

const guardsRule = engineProbe<TSESTree.CallExpression>(
  'CallExpression[callee.name="probe"]',
  (_ctx, node, engine): Probe => {
    const c = engine.classify(node.arguments[0]!, { at: node, member: 'setNoDelay' });
    return {
      guards: c.guards.map((g) => ('member' in g && g.member ? `${g.fact}:${g.member}` : g.fact)),
      possible: [...c.possible].sort().join(' '),
    };
  },
);

/** The guards at each `probe(x)` of a snippet (the whole file). */
function guards(code: string): Probe[] {
  return probeResults<Probe>(guardsRule, code);
}

const unguarded: Probe = { guards: [], possible: 'nullish pipe tcp' };
const tcp: Probe = { guards: ['tcp'], possible: 'tcp' };
const nonnull: Probe = { guards: ['nonnull'], possible: 'pipe tcp' };

describe('tests that dominate the use', () => {
  it('the test of a while or for loop holds in its body, not after it', () => {
    expect(
      guards(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
while (s?.remotePort) probe(s);
for (; s?.remoteAddress; ) probe(s);
for (;;) {
  probe(s);
  break;
}
probe(s);
`),
    ).toEqual([tcp, tcp, unguarded, unguarded]);
  });

  it('typeof x is object, or not undefined: present (undefined: TypeScript narrows); compared with a value that is not a string: nothing', () => {
    expect(
      guards(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
declare const kind: string;
if (typeof s === 'object') probe(s);
if (typeof s !== 'undefined') probe(s);
if (typeof s === 'undefined') probe(s);
if (typeof s === kind) probe(s);
`),
    ).toEqual([nonnull, nonnull, { guards: [], possible: 'nullish' }, unguarded]);
  });

  it('a remote address that is not undefined proves TCP; `s && s.bytesRead < 10` proves only the `s`, `s?.bytesRead === 1` nothing (TypeScript narrows)', () => {
    expect(
      guards(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
if (s?.remoteAddress !== undefined) probe(s);
if (s?.remoteAddress === undefined) probe(s);
if (s && s.bytesRead < 10) probe(s);
if (s?.bytesRead === 1) probe(s);
`),
    ).toEqual([tcp, unguarded, nonnull, { guards: [], possible: 'pipe tcp' }]);
  });

  it("Reflect.has(x, 'm') is 'm' in x; with a member that is not a string, only the test of x counts", () => {
    expect(
      guards(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
declare const member: string;
if (s != null && Reflect.has(s, 'setNoDelay')) probe(s);
if (s != null && Reflect.has(s, member)) probe(s);
`),
    ).toEqual([{ guards: ['nonnull', 'in:setNoDelay'], possible: 'pipe tcp' }, nonnull]);
  });
});

describe('early exits and assertions', () => {
  it('an else that leaves the function proves the test after the if; assert, assert.ok and strict prove their argument', () => {
    expect(
      guards(`
import * as net from 'node:net';
import assert, { strict } from 'node:assert';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
export function elseExits() {
  if (s) {
    console.log('open');
  } else return;
  probe(s);
}
export function bothExit() {
  if (s) {
    return;
  } else return;
}
export function asserted() {
  assert(s);
  probe(s);
}
export function assertedOk() {
  assert.ok(s);
  probe(s);
}
export function strictAsserted() {
  strict(s);
  probe(s);
}
export function logged() {
  console.log(s);
  probe(s);
}
`),
    ).toEqual([nonnull, nonnull, nonnull, nonnull, unguarded]);
  });
});

describe('instanceof and type predicates', () => {
  it('instanceof net.Socket proves the members, tls.TLSSocket TLS; another class or a value with no constructor, only that it is there', () => {
    expect(
      guards(`
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
declare const ctor: any;
if (s instanceof net.Socket) probe(s);
if (s instanceof tls.TLSSocket) probe(s);
if (s instanceof Map) probe(s);
if (s instanceof ctor) probe(s);
`),
    ).toMatchObject([
      { guards: ['has-member'] },
      { guards: ['tls'], possible: 'tls' },
      { guards: ['nonnull'] },
      { guards: ['nonnull'] },
    ]);
  });

  it('a predicate for TLSSocket proves TLS where it tests the value; for another parameter, or an assertion signature, nothing', () => {
    expect(
      guards(`
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare const s: net.Socket | undefined;
declare function isTls(x: unknown): x is tls.TLSSocket;
declare function isTlsFirst(x: unknown, y: unknown): x is tls.TLSSocket;
declare function assertTls(x: unknown): asserts x is tls.TLSSocket;
declare function check(x: unknown): boolean;
if (isTls(s)) probe(s);
if (isTlsFirst(null, s)) probe(s);
if (check(1) && s) probe(s);
export function asserted() {
  assertTls(s);
  probe(s);
}
`),
    ).toMatchObject([{ guards: ['tls'], possible: 'tls' }, { guards: [] }, nonnull, { guards: [] }]);
  });
});

describe('boolean helpers of the program', () => {
  it('a helper that returns one condition on its parameter proves it; a helper that is async, has two returns, writes its parameter or destructures it does not', () => {
    expect(
      guards(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket;
function isTcp(socket: net.Socket) {
  return typeof socket.remotePort === 'number';
}
async function isTcpLater(socket: net.Socket) {
  return typeof socket.remotePort === 'number';
}
function isTcpTwice(socket: net.Socket, strict: boolean) {
  if (strict) return typeof socket.remoteAddress === 'string';
  return typeof socket.remotePort === 'number';
}
function isTcpWritten(socket: net.Socket | undefined) {
  socket = socket ?? undefined;
  return typeof socket?.remotePort === 'number';
}
function isTcpDestructured({ remotePort }: net.Socket) {
  return typeof remotePort === 'number';
}
if (isTcp(s)) probe(s);
if (isTcpLater(s)) probe(s);
if (isTcpTwice(s, true)) probe(s);
if (isTcpWritten(s)) probe(s);
if (isTcpDestructured(s)) probe(s);
`),
    ).toEqual([tcp, ...Array<Probe>(4).fill({ guards: [], possible: 'pipe tcp' })]);
  });
});

/**
 * `tlsByGuard`: a TLS guard around a read (`x instanceof tls.TLSSocket`, `x.encrypted`) answers before the value's
 * type is asked (no-unguarded-tls-api stops there), and agrees with classify's `tls`.
 */
describe('TLS proven by a guard, before any type of the value', () => {
  interface TlsProbe {
    byGuard: boolean;
    /** Whether the receiver's type had been asked when tlsByGuard answered. */
    asked: boolean;
    tls: boolean;
  }
  const tlsRule = engineProbe<TSESTree.CallExpression>('CallExpression[callee.name="probe"]', (ctx, node, engine) => {
    const read = node.arguments[0] as TSESTree.MemberExpression;
    const byGuard = engine.tlsByGuard(read.object, read);
    const asked = (ctx as unknown as { types: Map<TSESTree.Node, unknown> }).types.has(read.object);
    return { byGuard, asked, tls: !!engine.classify(read.object, { at: read }).tls } satisfies TlsProbe;
  });
  const HEADER = `import * as net from 'node:net';\nimport * as tls from 'node:tls';\nimport * as http2 from 'node:http2';\ndeclare function probe(x: unknown): void;\n`;
  const probes = (code: string) => probeResults<TlsProbe>(tlsRule, HEADER + code);
  const proven: TlsProbe = { byGuard: true, asked: false, tls: true };
  const unproven: TlsProbe = { byGuard: false, asked: false, tls: false };

  it('instanceof tls.TLSSocket, in an if and as an early exit; instanceof net.Socket proves no TLS', () => {
    expect(
      probes(`
declare const s: net.Socket;
if (s instanceof tls.TLSSocket) probe(s.authorized);
if (s instanceof net.Socket) probe(s.authorized);
function f(x: net.Socket) {
  if (!(x instanceof tls.TLSSocket)) return;
  probe(x.authorized);
}
probe(s.authorized);`),
    ).toEqual([proven, unproven, proven, unproven]);
  });

  it('a member chain tested with `?.` and read without it', () => {
    expect(
      probes(`
class C {
  constructor(private stream: http2.ServerHttp2Stream) {}
  m() {
    if (this.stream.session?.socket instanceof tls.TLSSocket) probe(this.stream.session.socket.authorized);
    else probe(this.stream.session!.socket.authorized);
  }
}`),
    ).toEqual([proven, unproven]);
  });
});
