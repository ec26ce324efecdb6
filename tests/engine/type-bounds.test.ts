/**
 * Upper bounds of a type read from declarations (FileContext.typeBound), and the questions answered from them where
 * every part of the bound gives the same answer: which declarations a method call resolves to (calleeDeclaration),
 * and askByParts. TypeScript's type at a use is made of some of the bound's parts; each probe here checks that
 * against TypeScript's own type and resolved call at the same node, and that the bound is not given where a use could
 * narrow the value to something else.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { FileContext } from '../../src/engine/file-context/index.ts';
import { engineProbe, probeResults } from '../helpers/probe.ts';

interface Probe {
  /** The bound's parts, or null where declarations give none. */
  bound: string[] | null;
  /** The parts of TypeScript's type at the same node. */
  checker: string[];
}

/** The type's text without type arguments (`Http2Server<typeof IncomingMessage, …>` is `Http2Server`). */
const text = (ctx: FileContext, type: ts.Type): string =>
  ctx.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation).replace(/<.*>$/, '');
const parts = (type: ts.Type): readonly ts.Type[] => (type.isUnion() ? type.types : [type]);
/** `void x`: the type of `x` read from declarations (null when they do not tell) next to TypeScript's. */
const declared = engineProbe<TSESTree.UnaryExpression>('UnaryExpression[operator="void"]', (ctx, at) => {
  const type = ctx.declaredTypeAt(at.argument);
  return [type ? text(ctx, type) : null, text(ctx, ctx.services.getTypeAtLocation(at.argument))];
});

/** `void x`: the bound of `x` next to TypeScript's type (asked after the bound, so the bound cannot reuse it). */
const boundRule = engineProbe<TSESTree.UnaryExpression>('UnaryExpression[operator="void"]', (ctx, at): Probe => {
  const bound = ctx.typeBound(at.argument);
  return {
    bound: bound ? bound.map((t) => text(ctx, t)).sort() : null,
    checker: parts(ctx.services.getTypeAtLocation(at.argument))
      .map((t) => text(ctx, t))
      .sort(),
  };
});

interface CallProbe {
  /** The engine's callee, and whether it asked TypeScript for the receiver's flow type. */
  engine: string | undefined;
  askedReceiver: boolean;
  /** The declaration TypeScript resolves the call to. */
  checker: string | undefined;
}

/** `probe(x.m())`: the engine's callee of the call, then TypeScript's. */
const calleeRule = engineProbe<TSESTree.CallExpression>('CallExpression[callee.name="probe"]', (ctx, at) => {
  const call = at.arguments[0] as TSESTree.CallExpression;
  const receiver = (call.callee as TSESTree.MemberExpression).object;
  const engine = ctx.calleeDeclaration(call);
  const askedReceiver = asked(ctx, receiver);
  const tsCall = ctx.services.esTreeNodeToTSNodeMap.get(call);
  const declaration = ctx.checker.getResolvedSignature(tsCall)?.declaration;
  const name = declaration && ts.getNameOfDeclaration(declaration);
  const owner = declaration?.parent;
  const checker =
    name && owner && (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name
      ? `${owner.name.text}.${name.getText()}`
      : undefined;
  return { engine, askedReceiver, checker } satisfies CallProbe;
});

/** Whether the context holds a type for the node: read exactly from declarations, or asked of TypeScript. */
function asked(ctx: FileContext, node: TSESTree.Node): boolean {
  return (ctx as unknown as { types: Map<TSESTree.Node, unknown> }).types.has(node);
}

const HEADER = `import * as net from 'node:net';\nimport * as tls from 'node:tls';\nimport * as http2 from 'node:http2';\ndeclare function probe(x: unknown): void;\n`;

const bounds = (code: string): Probe[] => probeResults<Probe>(boundRule, HEADER + code);
const callees = (code: string): CallProbe[] => probeResults<CallProbe>(calleeRule, HEADER + code);

/** Every part of TypeScript's type is one of the bound's. */
function expectBounded(found: Probe[]): void {
  for (const p of found) {
    expect(p.bound).not.toBeNull();
    for (const part of p.checker) expect(p.bound).toContain(part);
  }
}

const METHOD = `
class Holder {
  make(secure: boolean) {
    let server: http2.Http2Server | net.Server;
    if (secure) {
      server = http2.createSecureServer({});
      server.on('close', () => {});
    } else server = net.createServer();
    this.setup(server);
    return server;
  }
  setup(server: net.Server): void {
    void server;
  }
`;

describe('upper bounds from declarations', () => {
  it("a let with a written union: every part of TypeScript's type is one of the written parts", () => {
    const found = bounds(
      `let s: net.Socket | tls.TLSSocket = new net.Socket();\nvoid s;\ns = tls.connect({ port: 443 });\nvoid s;`,
    );
    expect(found.map((p) => p.bound)).toEqual([
      ['Socket', 'TLSSocket'],
      ['Socket', 'TLSSocket'],
    ]);
    // assignments narrow to the parts the value may be (a TLSSocket is also a Socket)
    expect(found.map((p) => p.checker)).toEqual([['Socket'], ['Socket', 'TLSSocket']]);
    expectBounded(found);
  });

  it('a const initialized by a method of the file that returns such a let, through calls that are no predicates', () => {
    const found = bounds(`${METHOD}  use() {\n    const server = this.make(true);\n    void server;\n  }\n}`);
    // the parameter of `setup`: its written type, exactly
    expect(found.map((p) => p.bound)).toEqual([['Server'], ['Http2Server', 'Server']]);
    expectBounded(found);
  });

  it('no bound where a use may narrow to another type: instanceof, in, a predicate, a method test, ++, +=', () => {
    const found = bounds(
      [
        'let a: net.Socket | tls.TLSSocket = new net.Socket();\nif (a instanceof tls.TLSSocket) void a;',
        "let b: net.Socket | tls.TLSSocket = new net.Socket();\nif ('encrypted' in b) void b;",
        'declare function isTls(x: unknown): x is tls.TLSSocket;\nlet c: net.Socket = new net.Socket();\nisTls(c);\nvoid c;',
        'declare function check(x: unknown): asserts x is tls.TLSSocket;\nlet d: net.Socket = new net.Socket();\ncheck(d);\nvoid d;',
        'interface Q { isT(): this is tls.TLSSocket }\nlet e: net.Socket & Q = new net.Socket() as net.Socket & Q;\nif (e.isT()) void e;',
        'let f: net.Socket | undefined = undefined;\nf ??= new net.Socket();\nvoid f;',
      ].join('\n'),
    );
    expect(found.map((p) => p.bound)).toEqual([null, null, null, null, null, null]);
  });

  it('no bound through a method that may end without a return, is async, generic, or declares its return type', () => {
    const found = bounds(`
class Maker {
  a(x: boolean) { let s: net.Server = net.createServer(); if (x) return s; }
  async b() { let s: net.Server = net.createServer(); return s; }
  c<T>(t: T) { let s: net.Server = net.createServer(); return t ? s : s; }
  d(): net.Server | http2.Http2Server { let s: net.Server = net.createServer(); return s; }
  e() { let s = net.createServer(); return s; }
  use() {
    const a = this.a(true); const b = this.b(); const c = this.c(1); const d = this.d(); const e = this.e();
    void a; void b; void c; void d; void e;
  }
}`);
    // `d` declares a union return type: read from the declarations exactly (declaredTypeAt), TypeScript's own type
    expect(found.map((p) => p.bound)).toEqual([null, null, null, ['Http2Server', 'Server'], null]);
    expect(found[3]!.checker).toEqual(['Http2Server', 'Server']);
  });
});

describe('callees from the declarations of every part of the receiver', () => {
  it('a union whose parts inherit the method from one class: the same declaration as TypeScript resolves', () => {
    const found = callees(
      'declare const u: http2.Http2Server | http2.Http2SecureServer;\nprobe(u.address());\ndeclare const v: net.Socket | tls.TLSSocket;\nprobe(v.setNoDelay());',
    );
    expect(found).toEqual([
      { engine: 'net.Server.address', askedReceiver: false, checker: 'Server.address' },
      { engine: 'net.Socket.setNoDelay', askedReceiver: false, checker: 'Socket.setNoDelay' },
    ]);
  });

  it("a receiver bounded through a method's return: no flow type of the receiver", () => {
    const found = callees(
      `${METHOD}  use() {\n    const server = this.make(true);\n    probe(server.address());\n  }\n}`,
    );
    expect(found).toEqual([{ engine: 'net.Server.address', askedReceiver: false, checker: 'Server.address' }]);
  });

  it('parts that declare the method apart: TypeScript is asked', () => {
    const found = callees(
      'declare const u: net.Socket | http2.Http2Session;\nprobe(u.setTimeout(1));\ndeclare const w: net.Server | null;\nprobe(w!.address());',
    );
    // `w!`: no bound through the assertion, TypeScript's type of `w!` is asked; the callee is the same
    expect(found.map((p) => p.askedReceiver)).toEqual([true, true]);
    expect(found.map((p) => p.engine)).toEqual(['net.Socket.setTimeout', 'net.Server.address']);
    expect(found.map((p) => p.checker)).toEqual(['Socket.setTimeout', 'Server.address']);
  });
});

describe('members of `this` from the declared type of its class', () => {
  it("a method of `this` in a class's methods, constructor, accessors and field initializers: TypeScript's callee, no flow type of `this`", () => {
    const found = callees(
      [
        'class Listener extends net.Server {',
        '  port = probe(this.address());',
        '  constructor() { super(); probe(this.address()); }',
        '  get bound() { return probe(this.address()); }',
        '  start() { this.listen(0); const later = () => probe(this.address()); later(); probe(this.own()); }',
        '  own() { return 1; }',
        '}',
        'const Anonymous = class extends net.Server { g() { probe(this.address()); } };',
      ].join('\n'),
    );
    expect(found.map((p) => p.askedReceiver)).toEqual([false, false, false, false, false, false]);
    expect(found.map((p) => p.engine)).toEqual(
      new Array(4).fill('net.Server.address').concat(['Listener.own', 'net.Server.address']),
    );
    expect(found.map((p) => p.checker)).toEqual(
      new Array(4).fill('Server.address').concat(['Listener.own', 'Server.address']),
    );
  });

  it('TypeScript is asked where the member may narrow `this`', () => {
    const found = callees(
      [
        'declare function assertTls(x: unknown): asserts x is tls.Server;',
        'class A extends net.Server {',
        '  isTls(): this is tls.Server { return false; }',
        '  a() { if (this instanceof tls.Server) probe(this.address()); }',
        '  b() { if (this.isTls()) probe(this.address()); }',
        '  c() { assertTls(this); probe(this.address()); }',
        "  d() { if ('x' in this) probe(this.address()); }",
        '}',
        "const B = class extends net.Server { g() { if ('x' in this) probe(this.address()); } };",
      ].join('\n'),
    );
    expect(found.map((p) => p.askedReceiver)).toEqual([true, true, true, true, true]);
    // the same callee as TypeScript's wherever the engine gives one
    for (const p of found) if (p.engine) expect(p.engine.endsWith(p.checker ?? '')).toBe(true);
  });
});

describe('global functions read from their declarations', () => {
  it("`setImmediate(…)`: the return type its overloads declare, TypeScript's type of the call", () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        'void setImmediate(() => { new net.Socket(); });\nvoid setTimeout(() => {}, 10);\nconst setInterval = (f: () => void) => f;\nvoid setInterval(() => {});',
    );
    expect(found).toEqual([
      ['Immediate', 'Immediate'],
      // the fixture's program has the DOM's `setTimeout` too, which returns a number: TypeScript is asked
      [null, 'Timeout'],
      // a local function of that name is not the global one
      [null, '() => void'],
    ]);
  });
});

describe('fields of the class and `new C()` read from their declarations', () => {
  it("`new C()` of a class without type parameters: TypeScript's type of the expression", () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        [
          'class Local { a = 1 }',
          'class Boxed<T> { constructor(readonly t: T) {} }',
          'declare const Ctor: typeof net.Socket;',
          'void new net.Socket();',
          'void new Local();',
          'const made = new net.Server();',
          'void made;',
          'void new Boxed(1);',
          'void new Ctor();',
          'void new Map<string, number>();',
        ].join('\n'),
    );
    expect(found).toEqual([
      ['Socket', 'Socket'],
      ['Local', 'Local'],
      ['Server', 'Server'],
      // a generic class, a variable holding a constructor, an interface with a constructor variable: TypeScript's
      [null, 'Boxed'],
      [null, 'Socket'],
      [null, 'Map'],
    ]);
  });

  it("`this.field` and `this.#field`: the written type or the class constructed, TypeScript's type one of its parts", () => {
    const found = bounds(`
class Conn {
  private s: net.Socket | tls.TLSSocket;
  #server: net.Server = net.createServer();
  readonly made = new net.Socket();
  constructor() {
    this.s = new net.Socket();
  }
  use() {
    void this.s;
    void this.#server;
    const later = () => void this.made;
    later();
  }
}`);
    expect(found.map((p) => p.bound)).toEqual([['Socket', 'TLSSocket'], ['Server'], ['Socket']]);
    expectBounded(found);
  });

  it('no bound for `this.field` where a use may narrow it apart; the declared type where nothing in the member narrows it', () => {
    const found = bounds(`
declare function isTls(x: unknown): x is tls.TLSSocket;
class Base { inherited: net.Socket = new net.Socket(); }
class Conn extends Base {
  a: net.Socket | tls.TLSSocket = new net.Socket();
  b: net.Socket = new net.Socket();
  c?: net.Socket;
  d: net.Socket | undefined;
  static e: net.Socket = new net.Socket();
  constructor(public f: net.Socket) { super(); }
  use() {
    if (this.a instanceof tls.TLSSocket) void this.a;
    if (isTls(this.b)) void this.b;
    void this.c;
    void this.d;
    void Conn.e;
    void this.f;
    void this.inherited;
    const g = function (this: Conn) { void this.b; };
    g.call(this);
  }
}`);
    // `this.c`, `this.d`, the parameter property and the inherited field: what the class declares (declaredTypeAt
    // reads paths from `this` where no use in the member narrows them), which is TypeScript's type there
    expect(found.map((p) => p.bound)).toEqual([
      null,
      null,
      ['Socket', 'undefined'],
      ['Socket', 'undefined'],
      null,
      ['Socket'],
      ['Socket'],
      null,
    ]);
    expectBounded(found.filter((p) => p.bound !== null));
  });

  it("a method of a field: the callee from the field's declaration, no flow type of the receiver", () => {
    const found = callees(`
class Conn {
  private s: net.Socket | tls.TLSSocket = new net.Socket();
  #t = new tls.TLSSocket(new net.Socket());
  use() {
    if (this.s) probe(this.s.setNoDelay());
    probe(this.#t.setKeepAlive());
  }
}`);
    expect(found).toEqual([
      { engine: 'net.Socket.setNoDelay', askedReceiver: false, checker: 'Socket.setNoDelay' },
      { engine: 'net.Socket.setKeepAlive', askedReceiver: false, checker: 'Socket.setKeepAlive' },
    ]);
  });
});

/**
 * `void x` for `const x = this.f.m()`: the bound of `x` next to TypeScript's type, and whether the receiver `this.f`
 * was asked of TypeScript (asked after the bound).
 */
const factoryRule = engineProbe<TSESTree.UnaryExpression>('UnaryExpression[operator="void"]', (ctx, at) => {
  const bound = ctx.typeBound(at.argument);
  const variable = ctx.variable(at.argument as TSESTree.Identifier);
  const init = (variable?.defs[0]?.node as TSESTree.VariableDeclarator).init as TSESTree.CallExpression;
  const receiver = (init.callee as TSESTree.MemberExpression).object;
  return {
    bound: bound ? bound.map((t) => text(ctx, t)).sort() : null,
    askedReceiver: asked(ctx, receiver),
    checker: parts(ctx.services.getTypeAtLocation(at.argument))
      .map((t) => text(ctx, t))
      .sort(),
  };
});
const factories = (code: string) => probeResults<Probe & { askedReceiver: boolean }>(factoryRule, HEADER + code);

/** A class whose field `f` holds what `make` returns; `body` is the rest of the class. */
const factoryClass = (field: string, make: string, body = '') => `
class Conn {
  ${field}
  constructor(secure: boolean) {
    this.f = this.make(secure);
  }
  make(secure: boolean) {
    ${make}
  }
  ${body}
  open() {
    const socket = this.f.create();
    void socket;
  }
}`;
const TWO_LITERALS = `if (secure) return { create() { return tls.connect({ port: 443 }); }, event: 'secureConnect' };
    return { create() { return net.createConnection({ port: 80 }); }, event: 'connect' };`;

describe('a field holding object literals that a method of the class makes', () => {
  it("`this.f.create()` of literals' methods: the union of what they return, TypeScript's, without typing `this.f`", () => {
    const found = factories(
      factoryClass('readonly f;', TWO_LITERALS) +
        factoryClass('readonly #f;', TWO_LITERALS).replaceAll('this.f', 'this.#f') +
        // an initializer, and a literal with a property of a function value: no declaration of a method
        `
class Direct {
  f = { create() { return new net.Socket(); } };
  open() { const socket = this.f.create(); void socket; }
}`,
    );
    expect(found.map((p) => [p.bound, p.askedReceiver])).toEqual([
      [['Socket', 'TLSSocket'], false],
      [['Socket', 'TLSSocket'], false],
      [['Socket'], false],
    ]);
    expectBounded(found);
  });

  it('TypeScript is asked where a literal may not be all: spread, assertion, written type, other writes, a narrowing', () => {
    const found = factories(
      [
        // a spread may bring another `create`
        factoryClass('readonly f;', `const base = {}; return { ...base, create() { return new net.Socket(); } };`),
        // the assertion's type is the field's, not the literal's
        factoryClass(
          'readonly f;',
          `return { create() { return new net.Socket(); } } as { create(): net.Socket | tls.TLSSocket };`,
        ),
        // a written type
        factoryClass(
          'readonly f: { create(): net.Socket | tls.TLSSocket };',
          `return { create() { return new net.Socket(); } };`,
        ),
        // written in another method too: without an initializer, only the constructor's writes make the type
        factoryClass(
          'f;',
          `return { create() { return new net.Socket(); } };`,
          'reset() { this.f = this.make(true); }',
        ),
        // written in a callback of the constructor
        `
class Later {
  f;
  constructor() { setImmediate(() => { this.f = { create() { return new net.Socket(); } }; }); this.f = { create() { return new net.Socket(); } }; }
  open() { const socket = this.f.create(); void socket; }
}`,
        // narrowed apart by `in` before the use
        factoryClass(
          'readonly f;',
          `return { create() { return new net.Socket(); } };`,
          "check() { if ('x' in this.f) return; }",
        ).replace('open() {\n', "open() {\n    if ('x' in this.f) return;\n"),
      ].join('\n'),
    );
    expect(found.map((p) => p.askedReceiver)).toEqual([true, true, true, true, true, true]);
  });
});

describe('arguments of calls that are no type predicate or assertion function', () => {
  it("a value passed to a function or method that declares another return type, or returns nothing: the declared type, TypeScript's", () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
declare function log(x: unknown): void;
class Registry {
  add(item: unknown) {
    this.items.push(item);
  }
  items: unknown[] = [];
}
class Wrapper {
  constructor(readonly inner: net.Socket | tls.TLSSocket) {}
}
class Conn {
  constructor(private registry: Registry, private socket: net.Socket | tls.TLSSocket) {}
  open(s: net.Socket | tls.TLSSocket) {
    log(s);
    void s;
    this.registry.add(this);
    void this.socket;
    new Wrapper(this.socket);
    void this.socket;
  }
}`,
    );
    expect(found).toEqual([
      ['Socket | TLSSocket', 'Socket | TLSSocket'],
      ['Socket | TLSSocket', 'Socket | TLSSocket'],
      ['Socket | TLSSocket', 'Socket | TLSSocket'],
    ]);
  });

  it('TypeScript is asked where the callee may be a predicate or an assertion, or is not known', () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
declare function isTls(x: unknown): x is tls.TLSSocket;
declare function check(x: unknown): asserts x is tls.TLSSocket;
class Conn {
  constructor(private socket: net.Socket | tls.TLSSocket) {}
  inferred(x: unknown) {
    return x instanceof tls.TLSSocket;
  }
  a(s: net.Socket | tls.TLSSocket) {
    if (isTls(s)) void s;
  }
  b(s: net.Socket | tls.TLSSocket) {
    check(s);
    void s;
  }
  c() {
    if (this.inferred(this.socket)) void this.socket;
  }
  d(s: net.Socket | tls.TLSSocket, f: (x: unknown) => void) {
    f(s);
    void s;
  }
}`,
    );
    expect(found).toEqual([
      [null, 'TLSSocket'],
      [null, 'TLSSocket'],
      [null, 'TLSSocket'],
      [null, 'Socket | TLSSocket'],
    ]);
  });
});

describe("a member's owner through a field holding `this` (`private self = this`)", () => {
  const ownerRule = engineProbe<TSESTree.CallExpression>(
    'CallExpression[callee.property.name="ref"]',
    (ctx, at, engine) => {
      const receiver = (at.callee as TSESTree.MemberExpression).object;
      const owned = engine.memberOwnedBy(receiver, 'ref', new Set(['net.Socket']), true);
      const flow = asked(ctx, receiver);
      const declarations = ctx.services.getTypeAtLocation(receiver).getProperty('ref')?.declarations ?? [];
      const owners = declarations.map((d) => (d.parent as ts.ClassDeclaration).name?.text);
      return { owned, flow, owners };
    },
  );

  it("the field's written type answers without the receiver's flow type, as TypeScript's declarations say", () => {
    const found = probeResults<{ owned: boolean; flow: boolean; owners: string[] }>(
      ownerRule,
      HEADER +
        `
class Pool {
  ref(): void {}
}
export class Client<T> {
  private self = this;
  #pool: Pool = new Pool();
  socket: net.Socket = new net.Socket();
  constructor(readonly value: T) {}
  use() {
    this.self.#pool.ref();
    this.self.socket.ref();
  }
}`,
    );
    expect(found).toEqual([
      { owned: false, flow: false, owners: ['Pool'] },
      { owned: true, flow: true, owners: ['Socket'] },
    ]);
  });
});

describe('an assignment narrows only a union', () => {
  it("a field or property with a written type or an initializer, assigned before the use: the declared type, TypeScript's", () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
class Holder {
  socket: net.Socket = new net.Socket();
}
class Conn {
  private timer: NodeJS.Timeout;
  private socket = new net.Socket();
  constructor(private holder: Holder, readonly options: { socket: net.Socket }) {
    this.timer = setTimeout(() => {}, 1);
  }
  restart() {
    this.timer = setTimeout(() => {}, 1);
    void this.timer;
    this.socket = new tls.TLSSocket(this.socket);
    void this.socket;
    this.holder.socket = new tls.TLSSocket(this.holder.socket);
    void this.holder.socket;
    this.options.socket = new tls.TLSSocket(this.options.socket);
    void this.options.socket;
    this.holder = new Holder();
    void this.holder.socket;
  }
  restart(s: net.Socket) {
    s = new tls.TLSSocket(s);
    void s;
  }
}`,
    );
    expect(found).toEqual([
      ['Timeout', 'Timeout'],
      ['Socket', 'Socket'],
      ['Socket', 'Socket'],
      ['Socket', 'Socket'],
      ['Socket', 'Socket'],
      ['Socket', 'Socket'],
    ]);
  });

  it('TypeScript is asked for an optional or union field or parameter, a field typed by its constructor, and a compound assignment', () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
class Conn {
  private maybe?: net.Socket;
  private either: net.Socket | tls.TLSSocket = new net.Socket();
  private inferred;
  constructor(s: net.Socket) {
    this.inferred = new net.Socket();
    this.inferred = new tls.TLSSocket(s);
    void this.inferred;
  }
  open(s: net.Socket) {
    this.maybe = new tls.TLSSocket(s);
    void this.maybe;
    this.either = new tls.TLSSocket(s);
    void this.either;
  }
  reopen(s?: net.Socket) {
    s = new tls.TLSSocket(new net.Socket());
    void s;
  }
  // the declared type stands here too, but a write other than a plain x = value is left to TypeScript
  restart(s: net.Socket) {
    s ||= new tls.TLSSocket(s);
    void s;
  }
}`,
    );
    // after the assignment: the constructor's last assigned type; the union's parts the assigned type fits
    expect(found).toEqual([
      [null, 'TLSSocket'],
      [null, 'Socket'],
      [null, 'TLSSocket | Socket'],
      [null, 'Socket'],
      [null, 'Socket'],
    ]);
  });
});

describe('fields of a class expression', () => {
  it("a parameter property and a field of a class without a name: the declared type, TypeScript's", () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
class Credentials {
  static Connector = class {
    other = new tls.TLSSocket(new net.Socket());
    constructor(private parent: net.Socket) {}
    destroy() {
      void this.parent;
      void this.other;
    }
  };
}
export default class {
  constructor(readonly socket: tls.TLSSocket) {}
  use() {
    void this.socket;
  }
}`,
    );
    expect(found).toEqual([
      ['Socket', 'Socket'],
      ['TLSSocket', 'TLSSocket'],
      ['TLSSocket', 'TLSSocket'],
    ]);
  });

  it('TypeScript is asked where the member narrows the field, and in a generic class expression', () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
const Narrowing = class {
  constructor(private parent: net.Socket | tls.TLSSocket) {}
  destroy() {
    if (this.parent instanceof tls.TLSSocket) void this.parent;
  }
};
const Generic = class<T> {
  constructor(private parent: net.Socket, readonly extra: T) {}
  destroy() {
    void this.parent;
  }
};`,
    );
    expect(found).toEqual([
      [null, 'TLSSocket'],
      [null, 'Socket'],
    ]);
  });
});

describe('destructured bindings', () => {
  it("a property of a declared value, of a declared array's element, or of the literal a callback of map makes: TypeScript's type", () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
declare const holder: { socket: tls.TLSSocket; id: number };
declare const entries: readonly { socket: net.Socket; id: number }[];
class Pool {
  make(): net.Socket {
    return new net.Socket();
  }
  open(addresses: string[]) {
    const { socket: renamed } = holder;
    void renamed;
    for (const { socket } of entries) void socket;
    const children = addresses.map((address) => ({ socket: this.make(), address, reported: false }));
    for (const { socket } of children) void socket;
    for (const { socket } of addresses.map((a) => ({ socket: new tls.TLSSocket(this.make()), a }))) void socket;
  }
}`,
    );
    expect(found).toEqual([
      ['TLSSocket', 'TLSSocket'],
      ['Socket', 'Socket'],
      ['Socket', 'Socket'],
      ['TLSSocket', 'TLSSocket'],
    ]);
  });

  it('TypeScript is asked for a default, a nested pattern, a union, a spread, a block body, a written type, and a map not the default library’s', () => {
    const found = probeResults<[string | null, string]>(
      declared,
      HEADER +
        `
declare const holder: { socket?: net.Socket; inner: { socket: net.Socket } };
declare const either: { socket: net.Socket } | { socket: tls.TLSSocket };
declare const base: { socket: tls.TLSSocket };
class Mapper {
  map<U>(f: (x: string) => U): U[] {
    return [f('a')];
  }
}
class Pool {
  make(): net.Socket {
    return new net.Socket();
  }
  open(addresses: string[], mapper: Mapper) {
    const { socket = this.make() } = holder;
    void socket;
    const {
      inner: { socket: inner },
    } = holder;
    void inner;
    const { socket: one } = either;
    void one;
    for (const { socket } of addresses.map((a) => ({ socket: this.make(), ...base, a }))) void socket;
    for (const { socket } of addresses.map((a) => {
      return { socket: this.make(), a };
    }))
      void socket;
    for (const { socket } of addresses.map((a): { socket: net.Socket | tls.TLSSocket } => ({ socket: this.make() })))
      void socket;
    for (const { socket } of mapper.map((a) => ({ socket: this.make(), a }))) void socket;
  }
}`,
    );
    expect(found).toEqual([
      [null, 'Socket'],
      [null, 'Socket'],
      [null, 'Socket | TLSSocket'],
      [null, 'TLSSocket'],
      [null, 'Socket'],
      [null, 'Socket | TLSSocket'],
      [null, 'Socket'],
    ]);
  });
});
