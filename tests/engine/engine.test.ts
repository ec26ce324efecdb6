/**
 * The engine by itself: `classify` over small snippets, through a probe rule that reports what the engine says
 * about the argument of every `probe(x)` call.
 */
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { topLevelModules } from '../../src/engine/ast.ts';
import { engineProbe, probeResults } from '../helpers/probe.ts';

interface Probe {
  possible: string[];
  doubts: string[];
  proof: string | null;
  guards: string[];
  untyped: boolean;
}

const probeRule = engineProbe<TSESTree.CallExpression>(
  'CallExpression[callee.name="probe"]',
  (_ctx, node, engine): Probe => {
    const c = engine.classify(node.arguments[0]!, { at: node, member: 'setNoDelay' });
    return {
      possible: [...c.possible].sort(),
      doubts: c.doubts.map((d) => `${d.kind}${d.certain ? '' : '?'}@${d.node.loc.start.line}: ${d.says}`),
      proof: c.proof
        ? c.proof.by === 'guard'
          ? `guard ${c.proof.guard.fact}`
          : `${c.proof.evidence.kind}@${c.proof.evidence.node.loc.start.line}`
        : null,
      guards: c.guards.map((g) => g.fact),
      untyped: c.untyped,
    };
  },
);

/**
 * Each snippet is the whole file, a module (`export {};` where it imports nothing, as a fixture file may not be a script);
 * its first line is the one with the opening backtick, so `@5` is the fifth line.
 */
function classify(code: string): Probe[] {
  return probeResults<Probe>(probeRule, code);
}

const one = (code: string): Probe => {
  const [probe, ...rest] = classify(code);
  expect(rest).toEqual([]);
  return probe!;
};

describe('types', () => {
  it('a net.Socket from nowhere may be TCP or a pipe, with no doubt', () => {
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket;
probe(s);
`),
    ).toEqual({
      possible: ['pipe', 'tcp'],
      doubts: [],
      proof: null,
      guards: [],
      untyped: false,
    });
  });
  it('a TLSSocket is tls', () => {
    expect(
      one(`
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare const s: tls.TLSSocket;
probe(s);
`).possible,
    ).toEqual(['tls']);
  });
  it('a Duplex is a doubt from its type', () => {
    expect(
      one(`
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const s: Duplex;
probe(s);
`).doubts,
    ).toEqual(['duplex@5: it is typed `Duplex`']);
  });
  it('a nullable socket: nullish doubt; narrowed by TypeScript it is gone', () => {
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | null;
probe(s);
`).possible,
    ).toEqual(['nullish', 'pipe', 'tcp']);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | null;
if (s) probe(s);
`).possible,
    ).toEqual(['pipe', 'tcp']);
  });
  it('any and unknown are doubts only where the value comes from outside the module; unresolved types are untyped', () => {
    expect(
      one(`
export {};
declare function probe(x: unknown): void;
declare const s: any;
probe(s);
`),
    ).toMatchObject({ possible: ['unknown'], doubts: [] });
    expect(
      one(`
export {};
declare function probe(x: unknown): void;
declare function make(): any;
const s = make();
probe(s);
`).doubts,
    ).toEqual([]);
    expect(
      one(`
declare function probe(x: unknown): void;
export function f(s: any) {
  probe(s);
}
`).doubts,
    ).toEqual(['unknown@3: `s` comes from the caller and may be any stream']);
    expect(
      one(`
declare function probe(x: unknown): void;
export function f(s: unknown) {
  probe(s);
}
`).doubts,
    ).toEqual(['unknown@3: `s` comes from the caller and may be any stream']);
    expect(
      one(`
declare function probe(x: unknown): void;
export function f(config: { stream: any }) {
  probe(config.stream);
}
`).doubts,
    ).toEqual(['unknown@4: `config.stream` comes from the caller and may be any stream']);
    expect(
      one(`
declare function probe(x: unknown): void;
export class C {
  options: any;
  constructor(options: any) {
    this.options = options;
  }
  m() {
    probe(this.options.stream);
  }
}
`).doubts,
    ).toEqual(['unknown@5: `this.options.stream` comes from the caller and may be any stream']);
    expect(
      one(`
export {};
declare function probe(x: unknown): void;
declare const emitter: any;
emitter.on('data', (s: any) => probe(s));
`).doubts,
    ).toEqual(['unknown@5: `s` is given by a listener on `emitter`, an untyped emitter, and may be any stream']);
    // a local function with its arguments in view: judged by them
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
function f(s: any) {
  probe(s);
}
f(net.connect(80));
`).doubts,
    ).toEqual([]);
    expect(
      one(`
declare function probe(x: unknown): void;
// @ts-expect-error missing
import { x } from "nope";
probe(x);
`).untyped,
    ).toBe(true);
  });
  it('generics through their constraint', () => {
    expect(
      one(`
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
function f<T extends Duplex>(s: T) {
  probe(s);
}
`).possible,
    ).toEqual(['duplex']);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
function f<T extends net.Socket>(s: T) {
  probe(s);
}
`).possible,
    ).toEqual(['pipe', 'tcp']);
  });
  it('subclasses of net.Socket (process.stdout) are sockets; dgram sockets are not', () => {
    expect(
      one(`
export {};
declare function probe(x: unknown): void;
probe(process.stdout);
`).possible,
    ).toEqual(['pipe', 'tcp']);
    expect(
      one(`
import * as dgram from 'node:dgram';
declare function probe(x: unknown): void;
probe(dgram.createSocket('udp4'));
`).possible,
    ).toEqual(['unknown']);
  });
});

describe('provenance', () => {
  it('connect targets: port, numeric string, path, options, unknown options', () => {
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
probe(net.connect(80));
`).proof,
    ).toBe('tcp@4');
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
probe(net.connect('8080'));
`).proof,
    ).toBe('tcp@4');
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
probe(net.connect('/tmp/a.sock'));
`).doubts,
    ).toEqual(["pipe@4: it is created by `net.connect(…)` with the path `'/tmp/a.sock'`"]);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
probe(net.createConnection({ port: 1, path: '/x' }));
`).possible,
    ).toEqual(['pipe']);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const o: net.NetConnectOpts;
probe(net.connect(o));
`),
    ).toMatchObject({
      possible: ['pipe', 'tcp'],
      doubts: [],
      proof: null,
    });
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const p: string;
probe(net.connect(p));
`).doubts[0],
    ).toMatch(/^pipe\?@5/);
  });
  it('constants by their literal type; strings named as paths are paths', () => {
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const SOCK = '/run/app.sock';
probe(net.connect(SOCK));
`).doubts,
    ).toEqual(['pipe@5: it is created by `net.connect(…)` with the path `SOCK` ("/run/app.sock")']);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const PORT = '8080';
probe(net.connect(PORT));
`).proof,
    ).toBe('tcp@5');
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const cfg: { socketPath: string; port: string };
probe(net.connect(cfg.socketPath));
`).doubts[0],
    ).toMatch(/^pipe@5/);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const cfg: { socketPath: string; port: string };
probe(net.connect(cfg.port));
`).doubts[0],
    ).toMatch(/^pipe\?@5/);
  });
  it('tls.connect with a port is TLS over TCP; over an existing socket it is TLS of unknown transport', () => {
    expect(
      one(`
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
probe(tls.connect(443));
`),
    ).toMatchObject({ possible: ['tls'], proof: 'tcp@4' });
    expect(
      one(`
import * as tls from 'node:tls';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const raw: Duplex;
probe(tls.connect({ socket: raw }));
`),
    ).toMatchObject({
      possible: ['tls'],
      proof: null,
    });
  });
  it('let: every assignment counts', () => {
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
let s = net.connect(80);
if (Math.random()) s = net.connect('/p');
probe(s);
`).possible,
    ).toEqual(['pipe', 'tcp']);
  });
  it('listen targets: a port proves TCP; both port and path: listen takes the port', () => {
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
net.createServer((s) => probe(s)).listen(3000);
`).proof,
    ).toBe('tcp@4');
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const srv = net.createServer((s) => probe(s));
srv.listen({ port: 1, path: '/x' });
`).proof,
    ).toBe('tcp@5');
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const srv = net.createServer((s) => probe(s));
srv.listen('/tmp/s');
`).doubts,
    ).toEqual(["pipe@5: its server listens on the path `'/tmp/s'`"]);
  });
  it('a string-typed listen target is a possible pipe', () => {
    const probe = one(`
import * as http from 'node:http';
declare function probe(x: unknown): void;
const srv = http.createServer((req) => probe(req.socket));
srv.listen(process.env.PORT);
`);
    expect(probe.possible).toEqual(['pipe', 'tcp']);
    expect(probe.doubts[0]).toMatch(/^pipe\?@5: its server listens on `process\.env\.PORT`/);
  });
  it("emit('connection', duplex) taints the server's sockets and voids the proof", () => {
    const probe = one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const srv = net.createServer();
srv.on('connection', (s) => probe(s));
srv.listen(1);
srv.emit('connection', d);
`);
    expect(probe.proof).toBeNull();
    expect(probe.doubts).toEqual(["duplex@9: its server is given a `Duplex` through `emit('connection', …)`"]);
  });
  it('a class-field server', () => {
    const probe = one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
class App {
  server = net.createServer((s) => probe(s));
  start() { this.server.listen('/run/app.sock'); }
}
`);
    expect(probe.doubts).toEqual(["pipe@6: its server listens on the path `'/run/app.sock'`"]);
  });
  it('HTTP/2 access paths', () => {
    expect(
      one(`
import * as http2 from 'node:http2';
declare function probe(x: unknown): void;
declare const session: http2.ClientHttp2Session;
probe(session.socket);
`).possible,
    ).toEqual(['h2-session-proxy']);
    expect(
      one(`
import * as http2 from 'node:http2';
declare function probe(x: unknown): void;
declare const stream: http2.ServerHttp2Stream;
probe(stream.session!.socket);
`).possible,
    ).toEqual(['h2-session-proxy']);
    expect(
      one(`
import * as http2 from 'node:http2';
declare function probe(x: unknown): void;
http2.createServer((req, res) => probe(req.socket));
`).possible,
    ).toEqual(['h2-compat-proxy']);
    expect(
      one(`
import * as http from 'node:http';
import * as http2 from 'node:http2';
declare function probe(x: unknown): void;
declare const req: http.IncomingMessage | http2.Http2ServerRequest;
probe(req.socket);
`).doubts[0],
    ).toMatch(/^h2-compat-proxy\?/);
  });
  it('assertions keep the source’s doubts and say what was asserted', () => {
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
probe(d as unknown as net.Socket);
`).doubts,
    ).toEqual(['duplex@6: it is asserted to `Socket` from `Duplex`']);
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
declare const s: net.Socket | null;
probe(s!);
`).doubts,
    ).toEqual(['nullish@5: it is asserted non-null with `!` though it is typed `Socket | null`']);
    expect(
      one(`
import * as net from 'node:net';
import * as tls from 'node:tls';
declare function probe(x: unknown): void;
declare const s: net.Socket;
probe(s as tls.TLSSocket);
`).doubts,
    ).toEqual([]);
  });
});

describe('guards', () => {
  // every snippet here starts with these six lines: `s` is a Duplex asserted to a Socket on line 6
  it("'setNoDelay' in s rules out the stream", () => {
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
if ('setNoDelay' in s) probe(s);
`),
    ).toMatchObject({
      possible: [],
      doubts: [],
      guards: ['in'],
      proof: 'guard in',
    });
  });
  it('remoteFamily proves TCP; instanceof only the methods', () => {
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
if (s.remoteFamily === 'IPv6') probe(s);
`),
    ).toMatchObject({
      guards: ['tcp'],
      proof: 'guard tcp',
    });
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
if (s instanceof net.Socket) probe(s);
`),
    ).toMatchObject({ guards: ['has-member'], doubts: [] });
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
if (s.remoteFamily === 'IPv4' || s.remoteFamily === 'IPv6') probe(s);
`),
    ).toMatchObject({
      guards: ['tcp'],
      doubts: [],
    });
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
if ('setNoDelay' in s || s.remoteFamily === 'IPv6') probe(s);
`),
    ).toMatchObject({
      guards: [],
      doubts: ['duplex@6: it is asserted to `Socket` from `Duplex`'],
    });
  });
  it('early exits, stored guards, negation, && and ?:', () => {
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
if (!('setNoDelay' in s)) throw new Error();
probe(s);
`).doubts,
    ).toEqual([]);
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
const ok = typeof s.setNoDelay === 'function';
if (!ok) {} else probe(s);
`).guards,
    ).toEqual(['has-member']);
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
('setNoDelay' in s) && probe(s);
`).doubts,
    ).toEqual([]);
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
'setNoDelay' in s ? null : probe(s);
`).doubts,
    ).toHaveLength(1);
  });
  it('a guard on another reference proves nothing', () => {
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
declare const t: net.Socket;
if ('setNoDelay' in t) probe(s);
`).doubts,
    ).toHaveLength(1);
  });
  it('try/catch rules out what throws, not what does nothing', () => {
    expect(
      one(`
import * as net from 'node:net';
import { Duplex } from 'node:stream';
declare function probe(x: unknown): void;
declare const d: Duplex;
const s = d as net.Socket;
try { probe(s); } catch {}
`),
    ).toMatchObject({ guards: ['caught'], doubts: [] });
    expect(
      one(`
import * as net from 'node:net';
declare function probe(x: unknown): void;
const p = net.connect('/x');
try { probe(p); } catch {}
`).doubts,
    ).toHaveLength(1);
  });
});

describe('topLevelModules (what a file imports, for the Node-types check)', () => {
  const modules = (code: string, sourceType: 'module' | 'script' = 'module') =>
    topLevelModules(parse(code, { sourceType }));

  it('every top-level way of naming a module', () => {
    const code = [
      "import net from 'node:net';",
      "import type { TLSSocket } from 'tls';",
      "import * as http2 from 'node:http2';",
      "export { Duplex } from 'stream';",
      "export * from 'node:https';",
      "import http = require('http');",
      "const { Socket } = require('net'), other = 1;",
      "const connect = require('node:net').connect;",
    ].join('\n');
    expect(modules(code)).toEqual(['node:net', 'tls', 'node:http2', 'stream', 'node:https', 'http', 'net', 'node:net']);
  });

  it('not inside functions, not dynamic names, not other calls', () => {
    const code =
      "function f() { const net = require('net'); }\nconst name = 'net';\nconst a = require(name);\nconst b = load('net');\nconst c = require(`net`);";
    expect(modules(code, 'script')).toEqual([]);
  });
});
