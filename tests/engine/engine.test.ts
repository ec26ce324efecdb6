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

const HEADER = `import * as net from 'node:net';\nimport * as http from 'node:http';\nimport * as tls from 'node:tls';\nimport * as http2 from 'node:http2';\nimport { Duplex } from 'node:stream';\ndeclare function probe(x: unknown): void;\n`;

function classify(code: string): Probe[] {
  return probeResults<Probe>(probeRule, HEADER + code);
}

const one = (code: string): Probe => {
  const [probe, ...rest] = classify(code);
  expect(rest).toEqual([]);
  return probe!;
};

describe('types', () => {
  it('a net.Socket from nowhere may be TCP or a pipe, with no doubt', () => {
    expect(one('declare const s: net.Socket;\nprobe(s);')).toEqual({
      possible: ['pipe', 'tcp'],
      doubts: [],
      proof: null,
      guards: [],
      untyped: false,
    });
  });
  it('a TLSSocket is tls', () => {
    expect(one('declare const s: tls.TLSSocket;\nprobe(s);').possible).toEqual(['tls']);
  });
  it('a Duplex is a doubt from its type', () => {
    expect(one('declare const s: Duplex;\nprobe(s);').doubts).toEqual(['duplex@8: it is typed `Duplex`']);
  });
  it('a nullable socket: nullish doubt; narrowed by TypeScript it is gone', () => {
    expect(one('declare const s: net.Socket | null;\nprobe(s);').possible).toEqual(['nullish', 'pipe', 'tcp']);
    expect(one('declare const s: net.Socket | null;\nif (s) probe(s);').possible).toEqual(['pipe', 'tcp']);
  });
  it('any and unknown are doubts only where the value comes from outside the module; unresolved types are untyped', () => {
    expect(one('declare const s: any;\nprobe(s);')).toMatchObject({ possible: ['unknown'], doubts: [] });
    expect(one('declare function make(): any;\nconst s = make();\nprobe(s);').doubts).toEqual([]);
    expect(one('export function f(s: any) {\n  probe(s);\n}').doubts).toEqual([
      'unknown@7: `s` comes from the caller and may be any stream',
    ]);
    expect(one('export function f(s: unknown) {\n  probe(s);\n}').doubts).toEqual([
      'unknown@7: `s` comes from the caller and may be any stream',
    ]);
    expect(one('export function f(config: { stream: any }) {\n  probe(config.stream);\n}').doubts).toEqual([
      'unknown@8: `config.stream` comes from the caller and may be any stream',
    ]);
    expect(
      one(
        'export class C {\n  options: any;\n  constructor(options: any) {\n    this.options = options;\n  }\n  m() {\n    probe(this.options.stream);\n  }\n}',
      ).doubts,
    ).toEqual(['unknown@13: `this.options.stream` comes from the caller and may be any stream']);
    expect(one("declare const emitter: any;\nemitter.on('data', (s: any) => probe(s));").doubts).toEqual([
      'unknown@8: `s` is given by a listener on `emitter`, an untyped emitter, and may be any stream',
    ]);
    // a local function with its arguments in view: judged by them
    expect(one('function f(s: any) {\n  probe(s);\n}\nf(net.connect(80));').doubts).toEqual([]);
    expect(one('// @ts-expect-error missing\nimport { x } from "nope";\nprobe(x);').untyped).toBe(true);
  });
  it('generics through their constraint', () => {
    expect(one('function f<T extends Duplex>(s: T) { probe(s); }').possible).toEqual(['duplex']);
    expect(one('function f<T extends net.Socket>(s: T) { probe(s); }').possible).toEqual(['pipe', 'tcp']);
  });
  it('subclasses of net.Socket (process.stdout) are sockets; dgram sockets are not', () => {
    expect(one('probe(process.stdout);').possible).toEqual(['pipe', 'tcp']);
    expect(one("import * as dgram from 'node:dgram';\nprobe(dgram.createSocket('udp4'));").possible).toEqual([
      'unknown',
    ]);
  });
});

describe('provenance', () => {
  it('connect targets: port, numeric string, path, options, unknown options', () => {
    expect(one('probe(net.connect(80));').proof).toBe('tcp@7');
    expect(one("probe(net.connect('8080'));").proof).toBe('tcp@7');
    expect(one("probe(net.connect('/tmp/a.sock'));").doubts).toEqual([
      "pipe@7: it is created by `net.connect(…)` with the path `'/tmp/a.sock'`",
    ]);
    expect(one("probe(net.createConnection({ port: 1, path: '/x' }));").possible).toEqual(['pipe']);
    expect(one('declare const o: net.NetConnectOpts;\nprobe(net.connect(o));')).toMatchObject({
      possible: ['pipe', 'tcp'],
      doubts: [],
      proof: null,
    });
    expect(one('declare const p: string;\nprobe(net.connect(p));').doubts[0]).toMatch(/^pipe\?@8/);
  });
  it('constants by their literal type; strings named as paths are paths', () => {
    expect(one("const SOCK = '/run/app.sock';\nprobe(net.connect(SOCK));").doubts).toEqual([
      'pipe@8: it is created by `net.connect(…)` with the path `SOCK` ("/run/app.sock")',
    ]);
    expect(one("const PORT = '8080';\nprobe(net.connect(PORT));").proof).toBe('tcp@8');
    expect(
      one('declare const cfg: { socketPath: string; port: string };\nprobe(net.connect(cfg.socketPath));').doubts[0],
    ).toMatch(/^pipe@8/);
    expect(
      one('declare const cfg: { socketPath: string; port: string };\nprobe(net.connect(cfg.port));').doubts[0],
    ).toMatch(/^pipe\?@8/);
  });
  it('tls.connect with a port is TLS over TCP; over an existing socket it is TLS of unknown transport', () => {
    expect(one('probe(tls.connect(443));')).toMatchObject({ possible: ['tls'], proof: 'tcp@7' });
    expect(one('declare const raw: Duplex;\nprobe(tls.connect({ socket: raw }));')).toMatchObject({
      possible: ['tls'],
      proof: null,
    });
  });
  it('let: every assignment counts', () => {
    expect(one("let s = net.connect(80);\nif (Math.random()) s = net.connect('/p');\nprobe(s);").possible).toEqual([
      'pipe',
      'tcp',
    ]);
  });
  it('listen targets: a port proves TCP; both port and path: listen takes the port', () => {
    expect(one('net.createServer((s) => probe(s)).listen(3000);').proof).toBe('tcp@7');
    expect(one("const srv = net.createServer((s) => probe(s));\nsrv.listen({ port: 1, path: '/x' });").proof).toBe(
      'tcp@8',
    );
    expect(one("const srv = net.createServer((s) => probe(s));\nsrv.listen('/tmp/s');").doubts).toEqual([
      "pipe@8: its server listens on the path `'/tmp/s'`",
    ]);
  });
  it('a string-typed listen target is a possible pipe', () => {
    const probe = one('const srv = http.createServer((req) => probe(req.socket));\nsrv.listen(process.env.PORT);');
    expect(probe.possible).toEqual(['pipe', 'tcp']);
    expect(probe.doubts[0]).toMatch(/^pipe\?@8: its server listens on `process\.env\.PORT`/);
  });
  it("emit('connection', duplex) taints the server's sockets and voids the proof", () => {
    const probe = one(
      "declare const d: Duplex;\nconst srv = net.createServer();\nsrv.on('connection', (s) => probe(s));\nsrv.listen(1);\nsrv.emit('connection', d);",
    );
    expect(probe.proof).toBeNull();
    expect(probe.doubts).toEqual(["duplex@11: its server is given a `Duplex` through `emit('connection', …)`"]);
  });
  it('a class-field server', () => {
    const probe = one(
      "class App {\n  server = net.createServer((s) => probe(s));\n  start() { this.server.listen('/run/app.sock'); }\n}",
    );
    expect(probe.doubts).toEqual(["pipe@9: its server listens on the path `'/run/app.sock'`"]);
  });
  it('HTTP/2 access paths', () => {
    expect(one('declare const session: http2.ClientHttp2Session;\nprobe(session.socket);').possible).toEqual([
      'h2-session-proxy',
    ]);
    expect(one('declare const stream: http2.ServerHttp2Stream;\nprobe(stream.session!.socket);').possible).toEqual([
      'h2-session-proxy',
    ]);
    expect(one('http2.createServer((req, res) => probe(req.socket));').possible).toEqual(['h2-compat-proxy']);
    expect(
      one('declare const req: http.IncomingMessage | http2.Http2ServerRequest;\nprobe(req.socket);').doubts[0],
    ).toMatch(/^h2-compat-proxy\?/);
  });
  it('assertions keep the source’s doubts and say what was asserted', () => {
    expect(one('declare const d: Duplex;\nprobe(d as unknown as net.Socket);').doubts).toEqual([
      'duplex@8: it is asserted to `Socket` from `Duplex`',
    ]);
    expect(one('declare const s: net.Socket | null;\nprobe(s!);').doubts).toEqual([
      'nullish@8: it is asserted non-null with `!` though it is typed `Socket | null`',
    ]);
    expect(one('declare const s: net.Socket;\nprobe(s as tls.TLSSocket);').doubts).toEqual([]);
  });
});

describe('guards', () => {
  const sock = 'declare const d: Duplex;\nconst s = d as net.Socket;\n';
  it("'setNoDelay' in s rules out the stream", () => {
    expect(one(`${sock}if ('setNoDelay' in s) probe(s);`)).toMatchObject({
      possible: [],
      doubts: [],
      guards: ['in'],
      proof: 'guard in',
    });
  });
  it('remoteFamily proves TCP; instanceof only the methods', () => {
    expect(one(`${sock}if (s.remoteFamily === 'IPv6') probe(s);`)).toMatchObject({
      guards: ['tcp'],
      proof: 'guard tcp',
    });
    expect(one(`${sock}if (s instanceof net.Socket) probe(s);`)).toMatchObject({ guards: ['has-member'], doubts: [] });
    expect(one(`${sock}if (s.remoteFamily === 'IPv4' || s.remoteFamily === 'IPv6') probe(s);`)).toMatchObject({
      guards: ['tcp'],
      doubts: [],
    });
    expect(one(`${sock}if ('setNoDelay' in s || s.remoteFamily === 'IPv6') probe(s);`)).toMatchObject({
      guards: [],
      doubts: ['duplex@8: it is asserted to `Socket` from `Duplex`'],
    });
  });
  it('early exits, stored guards, negation, && and ?:', () => {
    expect(one(`${sock}if (!('setNoDelay' in s)) throw new Error();\nprobe(s);`).doubts).toEqual([]);
    expect(one(`${sock}const ok = typeof s.setNoDelay === 'function';\nif (!ok) {} else probe(s);`).guards).toEqual([
      'has-member',
    ]);
    expect(one(`${sock}('setNoDelay' in s) && probe(s);`).doubts).toEqual([]);
    expect(one(`${sock}'setNoDelay' in s ? null : probe(s);`).doubts).toHaveLength(1);
  });
  it('a guard on another reference proves nothing', () => {
    expect(one(`${sock}declare const t: net.Socket;\nif ('setNoDelay' in t) probe(s);`).doubts).toHaveLength(1);
  });
  it('try/catch rules out what throws, not what does nothing', () => {
    expect(one(`${sock}try { probe(s); } catch {}`)).toMatchObject({ guards: ['caught'], doubts: [] });
    expect(one("const p = net.connect('/x');\ntry { probe(p); } catch {}").doubts).toHaveLength(1);
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
