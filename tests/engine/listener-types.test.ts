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

/** Each snippet is the whole file, a module (`export {};` where it imports nothing, as with a name it declares). */
function probes(code: string): Probe[] {
  return probeResults<Probe>(probeRule, code);
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
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
import * as http2 from 'node:http2';
const a = net.connect(80);
const b = http2.createServer();
const c = tls.connect({ port: 443 });
void a; void b; void c;
`,
      [
        'Socket',
        'Http2Server<typeof IncomingMessage, typeof ServerResponse, typeof Http2ServerRequest, typeof Http2ServerResponse>',
        'TLSSocket',
      ],
    );
    // a return type computed from the arguments is asked
    expectAsked(`
import * as net from 'node:net';
declare function same<T>(x: T): T;
const s = same(net.connect(80));
void s;
`);
  });

  it('calls of methods and functions whose overloads all declare one return type', () => {
    expectDeclared(
      `
import * as net from 'node:net';
const server = net.createServer((socket) => socket.end());
void server.address();
void net.connect(80);
void net.isIP('::1');
function f(s: net.Socket) { void s.address(); void s.setNoDelay(true); }
`,
      // `setNoDelay` returns `this`: asked
      ['string | AddressInfo | null', 'Socket', 'number', '{} | AddressInfo', null],
    );
    // computed from the arguments, or part of an optional chain: asked
    expectAsked(`
import * as net from 'node:net';
declare function same<T>(x: T): T;
void same(net.connect(80));
declare const s: net.Socket | undefined;
void s?.address();
`);
    expectAsked(`
import * as net from 'node:net';
declare function wrap<T>(x: T): Promise<T>;
void wrap(net.connect(80));
`);
  });

  it('annotated parameters, assertions and annotated consts, and paths through them', () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as http from 'node:http';
import * as tls from 'node:tls';
function f(socket: net.Socket, res: http.ServerResponse) {
  const conn = res.socket as tls.TLSSocket;
  const other: net.Server = net.createServer();
  void socket; void socket.remoteAddress; void conn; void other;
}
net.createServer().on('connection', (x: net.Socket) => void x);
`,
      ['Socket', 'string | undefined', 'TLSSocket', 'Server', 'Socket'],
    );
  });

  it('narrowing below a path that is no union leaves the path to the declarations', () => {
    // `!s.authorized` narrows `s.authorized` (asked), not `s` (a TLSSocket: no discriminant to narrow it by)
    expectDeclared(
      `
import * as tls from 'node:tls';
function f(s: tls.TLSSocket) {
  if (!s.authorized) void s;
  if (s.remoteAddress) void s.remotePort;
  void s.authorized;
  void s.remoteAddress;
}
`,
      ['TLSSocket', 'number | undefined', null, null],
    );
    // a narrowing that comes later cannot reach a use, unless a loop takes it back there
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
function f(s: net.Socket | tls.TLSSocket) {
  void s;
  if (s instanceof tls.TLSSocket) return;
}
`,
      ['Socket | TLSSocket'],
    );
    expectAsked(`
import * as net from 'node:net';
import * as tls from 'node:tls';
function f(s: net.Socket | tls.TLSSocket) {
  for (;;) {
    void s;
    if (s instanceof tls.TLSSocket) break;
  }
}
`);
    // a use narrows what comes after it, not itself: `probe(s)` may be an assertion call
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare function assertTls(x: unknown): asserts x is tls.TLSSocket;
function f(s: net.Socket | tls.TLSSocket) {
  probe(s);
}
`,
      ['Socket | TLSSocket'],
    );
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare function assertTls(x: unknown): asserts x is tls.TLSSocket;
function f(s: net.Socket | tls.TLSSocket) {
  assertTls(s);
  void s;
}
`,
      [null],
    );
    expectAsked(`
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare function assertTls(x: unknown): asserts x is tls.TLSSocket;
function f(s: net.Socket | tls.TLSSocket) {
  for (;;) {
    probe(s);
    assertTls(s);
  }
}
`);
    // a union has discriminants: `s.encrypted` may narrow `net.Socket | tls.TLSSocket`
    expectAsked(`
import * as net from 'node:net';
import * as tls from 'node:tls';
function f(s: net.Socket | tls.TLSSocket) {
  if (s.readable) void s;
}
`);
  });

  it('a written type of global names is resolved once per program, a name the file declares is not shared', () => {
    // the same text means the same type in every file where no name in it is declared
    expectDeclared(
      `
export {};
function f(t: NodeJS.Timeout | undefined, p: Promise<number>) { void t; void p; }
`,
      ['Timeout | undefined', 'Promise<number>'],
    );
    expectDeclared(
      `
export {};
function g(t: NodeJS.Timeout | undefined) { void t; }
`,
      ['Timeout | undefined'],
    );
    // here `Socket` is this file's own interface
    expectDeclared(
      `
export {};
interface Socket { own: true }
function h(s: Socket) { void s.own; }
`,
      ['true'],
    );
    // declared in a function around the annotation; `NodeJS` of another function's scope does not reach `k`
    expectDeclared(
      `
export {};
function f() {
  interface Socket { inner: 1 }
  return (s: Socket) => void s.inner;
}
function g() { type NodeJS = string; }
function k(t: NodeJS.Timeout) { void t; }
`,
      ['1', 'Timeout'],
    );
  });

  it('asks TypeScript for a written union (narrowed by the initializer), `as const`, `let`', () => {
    expectAsked(`
import * as net from 'node:net';
declare const a: net.Socket;
const s: net.Socket | undefined = a;
void s;
`);
    expectAsked(`
export {};
const port = 80 as const;
void port;
`);
    expectAsked(`
import * as net from 'node:net';
declare const a: net.Socket;
let s = a as net.Socket;
void s;
`);
    expectAsked(`
import * as net from 'node:net';
import * as tls from 'node:tls';
function f(s: net.Socket | tls.TLSSocket) { if (s instanceof tls.TLSSocket) void s; }
`);
  });
});

describe('callback parameters read from the declarations', () => {
  it('a request listener: the type parameters that only the callback could infer take their defaults', () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as http from 'node:http';
import * as http2 from 'node:http2';
net.createServer((socket) => void socket);
http.createServer((req) => void req);
http2.createServer((req) => void req);
http.createServer({ keepAlive: true }, (req) => void req);
`,
      ['Socket', 'IncomingMessage', 'Http2ServerRequest', null],
    );
    // the response is `InstanceType<Response> & { req: … }` of a generic class: read as the class (the lineage the
    // engine matches on), its type argument left open, and TypeScript is asked for paths through that (`res.req`)
    const [res, resReq] = probes(`
import * as http from 'node:http';
http.createServer((req, res) => { void res; void res.req; });
`);
    expect(res).toEqual({
      declared: 'ServerResponse<Request>',
      checker: 'ServerResponse<IncomingMessage> & { req: IncomingMessage; }',
    });
    expect(resReq?.declared).toBeNull();
    expectDeclared(
      `
import * as http from 'node:http';
http.createServer((req, res) => {
  res.on('finish', () => void res.socket!);
});
`,
      ['Socket'],
    );
  });

  it('asks TypeScript where another argument can infer the type parameters, or the overload is not plain', () => {
    expectAsked(`
import * as http from 'node:http';
class MyRequest extends http.IncomingMessage {}
http.createServer({ IncomingMessage: MyRequest }, (req) => void req);
`);
    expectAsked(`
import * as net from 'node:net';
declare function run<T>(make: () => T, use: (value: T) => void): void;
run(() => net.connect(80), (socket) => void socket);
`);
    expectAsked(`
import * as net from 'node:net';
net.createServer((...all) => void all);
`);
  });
});

describe("callbacks of a method of a receiver whose declared type is generic: the receiver's type arguments", () => {
  it("`map`, `forEach`, `filter` of an array, a Set, a Map, a readonly array: TypeScript's contextual type", () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
type Address = { port: number } | { path: string };
export function use(
  addresses: Address[],
  sockets: Set<net.Socket>,
  byName: Map<string, tls.TLSSocket>,
  frozen: readonly net.Socket[],
) {
  addresses.map((address) => void address);
  sockets.forEach((socket) => void socket);
  byName.forEach((socket, name) => { void socket; void name; });
  frozen.filter((socket, i, all) => { void socket; void all; return i > 0; });
}
`,
      ['Address', 'Socket', 'TLSSocket', 'string', 'Socket', 'readonly Socket[]'],
    );
  });

  it("asks TypeScript for the method's own type parameters, overloads that differ, no declared receiver, a union", () => {
    expectAsked(`
import * as net from 'node:net';
export function use(sockets: net.Socket[], maybe: net.Socket[] | Set<net.Socket>) {
  sockets.reduce((total, socket) => { void total; void socket; return total + socket.bytesRead; }, 0);
  const copies = sockets.map((s) => ({ s }));
  copies.forEach((copy) => void copy);
  maybe.forEach((socket) => void socket);
}
`);
  });
});

describe('optional parameters with a written type', () => {
  it("the declared type with `undefined` (strict null checks): TypeScript's type where no use narrows it", () => {
    expectDeclared(
      `
import * as net from 'node:net';
export function use(err: Error | null, stream?: net.Socket, port?: number) {
  if (err) return;
  void stream;
  void port;
  if (stream) void stream;
}
`,
      ['Socket | undefined', 'number | undefined', null],
    );
  });
});

describe('`await` of a value whose type the declarations give', () => {
  it("a declared promise, a union in it, a method of the class, a private one: TypeScript's type of the `await`", () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
export class Client {
  async open(): Promise<net.Socket> {
    return new net.Socket();
  }
  async make(): Promise<net.Socket | tls.TLSSocket> {
    return this.open();
  }
  async #connect(): Promise<tls.TLSSocket> {
    return tls.connect(443);
  }
  async use() {
    const socket = await this.open();
    void socket;
    void (await this.make());
    void (await this.#connect());
  }
}
`,
      ['Socket', 'Socket | TLSSocket', 'TLSSocket'],
    );
  });

  it('asks TypeScript for a promise of a type parameter, inferred return types, overloads that resolve apart', () => {
    expectAsked(`
import * as net from 'node:net';
declare function generic<T>(make: () => T): Promise<T>;
declare function either(): Promise<net.Socket> | net.Socket;
export class Client {
  open(path: string): Promise<net.Socket>;
  open(port: number): Promise<net.Server>;
  open(where: string | number): Promise<net.Socket | net.Server> {
    return Promise.resolve(typeof where === 'string' ? new net.Socket() : new net.Server());
  }
}
export class Holder {
  #make = async () => new net.Socket();
  async use() {
    void (await this.#make());
  }
}
export async function use(client: Client) {
  const inferred = async () => new net.Socket();
  void (await generic(() => new net.Socket()));
  void (await inferred());
  const s = await either();
  void s;
  const overloaded = await client.open(80);
  void overloaded;
}
`);
  });
});

describe('`for…of` over an array the declarations type', () => {
  it("the element type of a parameter's, a field's, a readonly array: TypeScript's type of the loop's const", () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
type Child = { socket: net.Socket };
export class Pool {
  private children: Child[] = [];
  use(sockets: net.Socket[], frozen: readonly tls.TLSSocket[]) {
    for (const socket of sockets) void socket;
    for (const child of this.children) void child.socket;
    for (const socket of frozen) void socket;
    for (const { remotePort } of sockets) void remotePort;
  }
}
`,
      ['Socket', 'Socket', 'TLSSocket', 'number | undefined'],
    );
  });

  it('asks TypeScript for a Set, a tuple, a union, an inferred array, `for await`, a written binding', () => {
    expectAsked(`
import * as net from 'node:net';
export async function use(set: Set<net.Socket>, pair: [net.Socket, net.Socket], either: net.Socket[] | undefined[], sockets: net.Socket[]) {
  for (const socket of set) void socket;
  for (const socket of pair) void socket;
  for (const socket of either) void socket;
  const copies = sockets.map((s) => s);
  for (const socket of copies) void socket;
  for await (const socket of sockets) void socket;
  for (let socket of sockets) { socket = new net.Socket(); void socket; }
}
`);
  });
});

describe('paths from `this` in the members of a class', () => {
  it("reads a field's declared type where no use of `this` in the same member narrows the path", () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as http2 from 'node:http2';
export class Link {
  socket: net.Socket;
  session: http2.ClientHttp2Session;
  backup: net.Socket | null = null;
  constructor(socket: net.Socket, session: http2.ClientHttp2Session) {
    this.socket = socket;
    this.session = session;
  }
  describe() {
    void this.socket;
    void this.session.socket;
    void this.backup;
    const later = () => this.socket.remoteAddress;
    return later;
  }
  get address() {
    return this.socket.address();
  }
  peer = () => this.socket;
}
`,
      ['Socket', 'Socket | TLSSocket', 'Socket | null'],
    );
  });

  it('asks TypeScript where a use in the member narrows the path, and outside instance members', () => {
    expectAsked(`
import * as net from 'node:net';
export class Link {
  backup: net.Socket | null = null;
  socket: net.Socket | net.Server = new net.Socket();
  check() {
    if (this.backup) void this.backup;
    if (this.socket instanceof net.Socket) void this.socket;
  }
  replace(next: net.Socket) {
    this.backup = next;
    void this.backup;
  }
}
`);
    // a generic class, a static member, a function with a `this` of its own
    expectAsked(`
import * as net from 'node:net';
export class Box<T> {
  socket = new net.Socket();
  value?: T;
  show() { void this.socket; }
}
export class Holder {
  static socket = new net.Socket();
  static show() { void this.socket; }
}
export class Outer {
  socket = new net.Socket();
  show() {
    return function (this: { socket: net.Server }) { void this.socket; };
  }
}
`);
  });
});

describe('listener parameters read from the declarations', () => {
  it('an HTTP/2 session and its socket (event map with type arguments)', () => {
    expectDeclared(
      `
import * as http2 from 'node:http2';
const server = http2.createServer();
server.on('session', (session) => {
  void session;
  void session.socket;
  const peer = session.socket.remoteAddress ?? 'unknown';
  session.on('close', () => console.log(peer));
});
`,
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
      `
import * as net from 'node:net';
import * as http from 'node:http';
const a = net.createServer();
a.on('connection', (socket) => void socket);
const b = http.createServer();
b.once('request', (req, res) => { void req; void res; });
b.prependListener('upgrade', (req, socket, head) => { void socket; void head; });
`,
      ['Socket', null, null, 'Duplex', 'NonSharedBuffer'],
    );
  });

  it('one overload per event name (the older @types/node layout)', () => {
    expectDeclared(
      `
import * as net from 'node:net';
interface Legacy {
  on(event: 'close', listener: () => void): this;
  on(event: 'connection', listener: (socket: net.Socket, id: number) => void): this;
  on(event: string, listener: (...args: any[]) => void): this;
}
declare const legacy: Legacy;
legacy.on('connection', (socket, id) => { void socket; void id; });
`,
      ['Socket', 'number'],
    );
  });

  it("reads the declared type after a plain assignment to the parameter, which narrows only a union: TypeScript's", () => {
    expectDeclared(
      `
import * as net from 'node:net';
import * as tls from 'node:tls';
const server = net.createServer();
server.on('connection', (socket) => { socket = new tls.TLSSocket(socket); void socket; });
`,
      ['Socket'],
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
      'socket ||= new net.Socket(); void socket;',
    ]) {
      expectAsked(`
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function check(s: unknown): asserts s is tls.TLSSocket;
const server = net.createServer();
server.on('connection', (socket) => { ${body} });
`);
    }
  });

  it('asks TypeScript where the overload is not plain', () => {
    // an event outside the map (the catch-all overload), more parameters than the listener takes, a rest
    // parameter, a listener that is not the second argument, a generic emitter
    expectAsked(`
import * as net from 'node:net';
const s = net.createServer();
s.on('custom', (x) => void x);
`);
    expectAsked(`
import * as net from 'node:net';
const s = net.createServer();
s.on('close', (x) => void x);
`);
    expectAsked(`
import * as net from 'node:net';
const s = net.createServer();
s.on('connection', (...all) => void all);
`);
    expectAsked(`
import * as net from 'node:net';
import { EventEmitter } from 'node:events';
const e = new EventEmitter<{ conn: [net.Socket] }>();
e.on('conn', (x) => void x);
`);
    expectAsked(`
import * as net from 'node:net';
const handler = function (x) { void x; };
net.createServer().on('connection', handler);
`);
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
      `
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
function f(socket: Duplex, s: net.Socket, u: net.Socket | Duplex, v: unknown) {
  if ('setKeepAlive' in socket) void socket;
  if ('setKeepAlive' in s) void s;
  if ('setKeepAlive' in u) void u;
  if ('setKeepAlive' in socket && socket instanceof net.Socket) void socket;
  if (v && typeof v === 'object' && 'setNoDelay' in v) void v;
  if ('agent' in socket) void socket;
}
`,
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
