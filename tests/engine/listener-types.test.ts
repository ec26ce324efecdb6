/**
 * The engine reads the type of an unannotated listener parameter (`session` in `server.on('session', (session) => …)`)
 * from the declarations of the receiver's `on`, instead of asking TypeScript for the parameter's contextual type
 * (docs/performance.md). Here every `void <expr>` is probed: where the engine takes that path, its type must be the
 * one TypeScript gives at the same place; where a use could be narrowed, or the overload is not plain, it must not.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { FileContext } from '../../src/engine/file-context/index.ts';
import { engineProbe, probeResults } from '../helpers/probe.ts';

interface Probe {
  /** The engine's type from the listener declarations, or null where it asks TypeScript. */
  declared: string | null;
  /** TypeScript's type at the same node. */
  checker: string;
}

const text = (ctx: FileContext, type: ts.Type): string =>
  ctx.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);

/** `void x`, and `probe(x)`: x as a call argument, a place where a use may narrow (an assertion call) what comes after it. */
const probeRule = engineProbe<TSESTree.UnaryExpression | TSESTree.CallExpression>(
  'UnaryExpression[operator="void"], CallExpression[callee.name="probe"]',
  (ctx, at): Probe => {
    const node = at.type === AST_NODE_TYPES.UnaryExpression ? at.argument : at.arguments[0]!;
    const declared = ctx.declaredTypeAt(node);
    return {
      declared: declared ? text(ctx, declared) : null,
      checker: text(ctx, ctx.services.getTypeAtLocation(node)),
    };
  },
);

const HEADER = `import * as net from 'node:net';\nimport * as http from 'node:http';\nimport * as tls from 'node:tls';\nimport * as http2 from 'node:http2';\n`;

function probes(code: string): Probe[] {
  return probeResults<Probe>(probeRule, HEADER + code);
}

/** The probes read from the declarations (null: asked TypeScript); each one read agrees with TypeScript. */
function expectDeclared(code: string, expected: (string | null)[]): void {
  const found = probes(code);
  expect(found.map((p) => p.declared)).toEqual(expected);
  for (const p of found) if (p.declared !== null) expect(p.declared).toBe(p.checker);
}

/** No probe is read from the declarations (TypeScript is asked). */
function expectAsked(code: string): void {
  const found = probes(code);
  expect(found.length).toBeGreaterThan(0);
  expect(found.map((p) => p.declared)).toEqual(found.map(() => null));
}

describe('written types read from the declarations', () => {
  it('consts initialized by calls whose overloads all declare one return type', () => {
    expectDeclared(
      'const a = net.connect(80);\nconst b = http2.createServer();\nconst c = tls.connect({ port: 443 });\nvoid a; void b; void c;',
      [
        'Socket',
        'Http2Server<typeof IncomingMessage, typeof ServerResponse, typeof Http2ServerRequest, typeof Http2ServerResponse>',
        'TLSSocket',
      ],
    );
    // a return type computed from the arguments is asked
    expectAsked('declare function same<T>(x: T): T;\nconst s = same(net.connect(80));\nvoid s;');
  });

  it('calls of methods and functions whose overloads all declare one return type', () => {
    expectDeclared(
      "const server = net.createServer((socket) => socket.end());\nvoid server.address();\nvoid net.connect(80);\nvoid net.isIP('::1');\nfunction f(s: net.Socket) { void s.address(); void s.setNoDelay(true); }",
      // `setNoDelay` returns `this`: asked
      ['string | AddressInfo | null', 'Socket', 'number', '{} | AddressInfo', null],
    );
    // computed from the arguments, or part of an optional chain: asked
    expectAsked(
      'declare function same<T>(x: T): T;\nvoid same(net.connect(80));\ndeclare const s: net.Socket | undefined;\nvoid s?.address();',
    );
    expectAsked('declare function wrap<T>(x: T): Promise<T>;\nvoid wrap(net.connect(80));');
  });

  it('annotated parameters, assertions and annotated consts, and paths through them', () => {
    expectDeclared(
      "function f(socket: net.Socket, res: http.ServerResponse) {\n  const conn = res.socket as tls.TLSSocket;\n  const other: net.Server = net.createServer();\n  void socket; void socket.remoteAddress; void conn; void other;\n}\nnet.createServer().on('connection', (x: net.Socket) => void x);",
      ['Socket', 'string | undefined', 'TLSSocket', 'Server', 'Socket'],
    );
  });

  it('narrowing below a path that is no union leaves the path to the declarations', () => {
    // `!s.authorized` narrows `s.authorized` (asked), not `s` (a TLSSocket: no discriminant to narrow it by)
    expectDeclared(
      'function f(s: tls.TLSSocket) {\n  if (!s.authorized) void s;\n  if (s.remoteAddress) void s.remotePort;\n  void s.authorized;\n  void s.remoteAddress;\n}',
      ['TLSSocket', 'number | undefined', null, null],
    );
    // a narrowing that comes later cannot reach a use, unless a loop takes it back there
    expectDeclared(
      'function f(s: net.Socket | tls.TLSSocket) {\n  void s;\n  if (s instanceof tls.TLSSocket) return;\n}',
      ['Socket | TLSSocket'],
    );
    expectAsked(
      'function f(s: net.Socket | tls.TLSSocket) {\n  for (;;) {\n    void s;\n    if (s instanceof tls.TLSSocket) break;\n  }\n}',
    );
    // a use narrows what comes after it, not itself: `probe(s)` may be an assertion call
    const probeDeclaration =
      'declare function probe(x: unknown): void;\ndeclare function assertTls(x: unknown): asserts x is tls.TLSSocket;\n';
    expectDeclared(`${probeDeclaration}function f(s: net.Socket | tls.TLSSocket) {\n  probe(s);\n}`, [
      'Socket | TLSSocket',
    ]);
    expectDeclared(`${probeDeclaration}function f(s: net.Socket | tls.TLSSocket) {\n  assertTls(s);\n  void s;\n}`, [
      null,
    ]);
    expectAsked(
      `${probeDeclaration}function f(s: net.Socket | tls.TLSSocket) {\n  for (;;) {\n    probe(s);\n    assertTls(s);\n  }\n}`,
    );
    // a union has discriminants: `s.encrypted` may narrow `net.Socket | tls.TLSSocket`
    expectAsked('function f(s: net.Socket | tls.TLSSocket) {\n  if (s.readable) void s;\n}');
  });

  it('a written type of global names is resolved once per program, a name the file declares is not shared', () => {
    // the same text means the same type in every file where no name in it is declared
    expectDeclared('function f(t: NodeJS.Timeout | undefined, p: Promise<number>) { void t; void p; }', [
      'Timeout | undefined',
      'Promise<number>',
    ]);
    expectDeclared('function g(t: NodeJS.Timeout | undefined) { void t; }', ['Timeout | undefined']);
    // here `Socket` is this file's own interface
    expectDeclared('interface Socket { own: true }\nfunction h(s: Socket) { void s.own; }', ['true']);
    // declared in a function around the annotation; `NodeJS` of another function's scope does not reach `k`
    expectDeclared(
      'function f() {\n  interface Socket { inner: 1 }\n  return (s: Socket) => void s.inner;\n}\nfunction g() { type NodeJS = string; }\nfunction k(t: NodeJS.Timeout) { void t; }',
      ['1', 'Timeout'],
    );
  });

  it('asks TypeScript for a written union (narrowed by the initializer), `as const`, `let`, optional parameters', () => {
    expectAsked('declare const a: net.Socket;\nconst s: net.Socket | undefined = a;\nvoid s;');
    expectAsked('const port = 80 as const;\nvoid port;');
    expectAsked('declare const a: net.Socket;\nlet s = a as net.Socket;\nvoid s;');
    expectAsked('function f(s?: net.Socket) { void s; }');
    expectAsked('function f(s: net.Socket | tls.TLSSocket) { if (s instanceof tls.TLSSocket) void s; }');
  });
});

describe('callback parameters read from the declarations', () => {
  it('a request listener: the type parameters that only the callback could infer take their defaults', () => {
    expectDeclared(
      'net.createServer((socket) => void socket);\nhttp.createServer((req) => void req);\nhttp2.createServer((req) => void req);\nhttp.createServer({ keepAlive: true }, (req) => void req);',
      ['Socket', 'IncomingMessage', 'Http2ServerRequest', null],
    );
    // the response is `InstanceType<Response> & { req: … }` of a generic class: read as the class (the lineage the
    // engine matches on), its type argument left open, and TypeScript is asked for paths through that (`res.req`)
    const [res, resReq] = probes('http.createServer((req, res) => { void res; void res.req; });');
    expect(res).toEqual({
      declared: 'ServerResponse<Request>',
      checker: 'ServerResponse<IncomingMessage> & { req: IncomingMessage; }',
    });
    expect(resReq?.declared).toBeNull();
    expectDeclared("http.createServer((req, res) => {\n  res.on('finish', () => void res.socket!);\n});", ['Socket']);
  });

  it('asks TypeScript where another argument can infer the type parameters, or the overload is not plain', () => {
    expectAsked(
      'class MyRequest extends http.IncomingMessage {}\nhttp.createServer({ IncomingMessage: MyRequest }, (req) => void req);',
    );
    expectAsked(
      'declare function run<T>(make: () => T, use: (value: T) => void): void;\nrun(() => net.connect(80), (socket) => void socket);',
    );
    expectAsked('net.createServer((...all) => void all);');
  });
});

describe('listener parameters read from the declarations', () => {
  it('an HTTP/2 session and its socket (event map with type arguments)', () => {
    expectDeclared(
      "const server = http2.createServer();\nserver.on('session', (session) => {\n  void session;\n  void session.socket;\n  const peer = session.socket.remoteAddress ?? 'unknown';\n  session.on('close', () => console.log(peer));\n});",
      [
        'ServerHttp2Session<typeof IncomingMessage, typeof ServerResponse, typeof Http2ServerRequest, typeof Http2ServerResponse>',
        'Socket | TLSSocket',
      ],
    );
  });

  it('net and http servers: connection sockets, upgrades, once and prependListener; not generic request types', () => {
    // `http.createServer()` is read as the declared `Server<Request, Response>`: its request listener's parameters
    // are `InstanceType<Request>`, computed from the type parameters, so TypeScript is asked for those
    expectDeclared(
      "const a = net.createServer();\na.on('connection', (socket) => void socket);\nconst b = http.createServer();\nb.once('request', (req, res) => { void req; void res; });\nb.prependListener('upgrade', (req, socket, head) => { void socket; void head; });",
      ['Socket', null, null, 'Duplex', 'NonSharedBuffer'],
    );
  });

  it('one overload per event name (the older @types/node layout)', () => {
    expectDeclared(
      "interface Legacy { on(event: 'close', listener: () => void): this; on(event: 'connection', listener: (socket: net.Socket, id: number) => void): this; on(event: string, listener: (...args: any[]) => void): this; }\ndeclare const legacy: Legacy;\nlegacy.on('connection', (socket, id) => { void socket; void id; });",
      ['Socket', 'number'],
    );
  });

  it('asks TypeScript where a use may be narrowed', () => {
    for (const body of [
      'if (socket instanceof tls.TLSSocket) void socket;',
      "if ('encrypted' in socket) void socket;",
      'if (socket.remoteAddress) void socket.remoteAddress;',
      'void (socket.remoteAddress && socket.remoteAddress);',
      "void (typeof socket.remoteAddress === 'string');",
      'const isTls = socket instanceof tls.TLSSocket; void socket;',
      'check(socket); void socket;',
      'switch (socket.remoteFamily) { default: void socket.remoteFamily; }',
      'socket = new net.Socket(); void socket;',
    ]) {
      expectAsked(
        `declare function check(s: unknown): asserts s is tls.TLSSocket;\nconst server = net.createServer();\nserver.on('connection', (socket) => { ${body} });`,
      );
    }
  });

  it('asks TypeScript where the overload is not plain', () => {
    // an event outside the map (the catch-all overload), more parameters than the listener takes, a rest
    // parameter, a listener that is not the second argument, a generic emitter
    expectAsked("const s = net.createServer();\ns.on('custom', (x) => void x);");
    expectAsked("const s = net.createServer();\ns.on('close', (x) => void x);");
    expectAsked("const s = net.createServer();\ns.on('connection', (...all) => void all);");
    expectAsked(
      "import { EventEmitter } from 'node:events';\nconst e = new EventEmitter<{ conn: [net.Socket] }>();\ne.on('conn', (x) => void x);",
    );
    expectAsked("const handler = function (x) { void x; };\nnet.createServer().on('connection', handler);");
  });
});

interface MemberProbe {
  forMembers: string;
  checker: string;
  /** The verdicts and lineages of both types' union members, as the engine computes them. */
  sameClassification: boolean;
}

const memberProbeRule = engineProbe<TSESTree.UnaryExpression>(
  'UnaryExpression[operator="void"]',
  (ctx, node): MemberProbe => {
    // the verdicts and lineages of a type's union members, as the engine computes them
    const classification = (type: import('typescript').Type): string =>
      JSON.stringify(ctx.matcher.members(type).map((m) => [m.verdict, [...m.lineage].sort()]));
    const forMembers = ctx.typeForMembers(node.argument);
    const checker = ctx.services.getTypeAtLocation(node.argument);
    return {
      forMembers: text(ctx, forMembers),
      checker: text(ctx, checker),
      sameClassification: classification(forMembers) === classification(checker),
    };
  },
);

describe('the type for members where a guard tests a member', () => {
  it("reads the declared class where `'m' in x` is the only narrowing of an object type that is no union", () => {
    const found = probeResults<MemberProbe>(
      memberProbeRule,
      `${HEADER}import type { Duplex } from 'node:stream';\nfunction f(socket: Duplex, s: net.Socket, u: net.Socket | Duplex, v: unknown) {\n  if ('setKeepAlive' in socket) void socket;\n  if ('setKeepAlive' in s) void s;\n  if ('setKeepAlive' in u) void u;\n  if ('setKeepAlive' in socket && socket instanceof net.Socket) void socket;\n  if (v && typeof v === 'object' && 'setNoDelay' in v) void v;\n  if ('agent' in socket) void socket;\n}`,
    );
    // a test of another member than a socket's is left to TypeScript
    expect(found.map((p) => p.forMembers)).toEqual([
      'Duplex',
      'Socket',
      'Socket',
      'Socket',
      'object & Record<"setNoDelay", unknown>',
      'Duplex & Record<"agent", unknown>',
    ]);
    // TypeScript's type there: the tested member added, or the union filtered, or an instanceof narrowing
    expect(found.map((p) => p.checker)).toEqual([
      'Duplex & Record<"setKeepAlive", unknown>',
      'Socket',
      'Socket',
      'Socket',
      'object & Record<"setNoDelay", unknown>',
      'Duplex & Record<"agent", unknown>',
    ]);
    // the engine classifies both alike: the same verdicts and lineage
    for (const p of found) expect(p.sameClassification, JSON.stringify(p)).toBe(true);
  });
});
