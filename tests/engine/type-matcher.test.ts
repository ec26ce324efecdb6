/**
 * The type matcher reads a class's bases from its `extends` clauses by symbol, and a member's declaring class from
 * the member tables along them, instead of asking TypeScript for base types and properties (docs/performance.md).
 * Here both ways run over every class and interface that @types/node declares: the lineage and the declaring class
 * of the members our rules look at must be what TypeScript's own lookups give.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { qualifiedName } from '../../src/engine/type-names.ts';
import { engineProbe, probeResults } from '../helpers/probe.ts';

const MEMBERS = [
  'setNoDelay',
  'setKeepAlive',
  'address',
  'unref',
  'ref',
  'setTimeout',
  'remoteAddress',
  'getPeerCertificate',
  'socket',
  'on',
  'write',
  'destroy',
  'toString',
  'notAMember',
];

interface Report {
  classes: number;
  withBases: number;
  lineageMismatches: string[];
  ownerMismatches: string[];
  /** Names of some classes and their lineage, to see that real answers were compared. */
  samples: Record<string, string[]>;
}

const probeRule = engineProbe<TSESTree.Program>('Program', (ctx): Report => {
  const checker = ctx.checker;
  const report: Report = { classes: 0, withBases: 0, lineageMismatches: [], ownerMismatches: [], samples: {} };
  const declarations: (ts.ClassDeclaration | ts.InterfaceDeclaration)[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isClassDeclaration(n) || ts.isInterfaceDeclaration(n)) && n.name) declarations.push(n);
    ts.forEachChild(n, visit);
  };
  for (const file of ctx.services.program.getSourceFiles()) if (file.fileName.includes('/@types/node/')) visit(file);
  const seen = new Set<ts.Symbol>();
  for (const declaration of declarations) {
    const symbol = checker.getSymbolAtLocation(declaration.name!);
    if (!symbol || seen.has(symbol)) continue;
    seen.add(symbol);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const name = qualifiedName(symbol) ?? symbol.name;
    report.classes++;
    const expected = referenceLineage(checker, type);
    if (expected.size > 1) report.withBases++;
    const actual = ctx.matcher.lineage(type);
    if ([...expected].sort().join() !== [...actual].sort().join()) {
      report.lineageMismatches.push(`${name}: ${[...actual].sort().join()} != ${[...expected].sort().join()}`);
    }
    if (name === 'net.Socket' || name === 'tls.TLSSocket' || name === 'http2.Http2ServerRequest')
      report.samples[name] = [...actual].sort();
    for (const member of MEMBERS) {
      const owner = ctx.matcher.declaringOwners(type, member)[0];
      const reference = referenceOwner(checker, type, member);
      if (owner !== reference)
        report.ownerMismatches.push(`${name}.${member}: ${String(owner)} != ${String(reference)}`);
    }
  }
  return report;
});

/** The lineage from TypeScript's base types. */
function referenceLineage(checker: ts.TypeChecker, type: ts.Type, out = new Set<string>()): Set<string> {
  const symbol = type.getSymbol();
  const name = symbol && qualifiedName(symbol);
  if (name) out.add(name);
  const target: ts.Type = (type as Partial<ts.TypeReference>).target ?? type;
  if (target.flags & ts.TypeFlags.Object && (target as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface) {
    for (const base of checker.getBaseTypes(target as ts.InterfaceType)) referenceLineage(checker, base, out);
  }
  return out;
}

/** The declaring class of a member from TypeScript's property lookup, named as declaringOwners names it. */
function referenceOwner(checker: ts.TypeChecker, type: ts.Type, member: string): string | undefined {
  const declaration = type.getProperty(member)?.declarations?.[0];
  if (!declaration) return undefined;
  const owner = declaration.parent;
  if (!(ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner))) return '?';
  const symbol = owner.name ? checker.getSymbolAtLocation(owner.name) : undefined;
  return (symbol && qualifiedName(symbol)) ?? `class ${owner.name?.text ?? '(anonymous)'}`;
}

describe('lineage and declaring classes from extends clauses', () => {
  it('agree with TypeScript on every class and interface of @types/node', () => {
    const [report] = probeResults<Report>(probeRule, 'export {};\n');
    // enough classes were compared, many of them with bases (qualified names through `stream.Duplex` and the like)
    expect(report!.classes).toBeGreaterThan(300);
    expect(report!.withBases).toBeGreaterThan(100);
    expect(report!.samples['net.Socket']).toEqual(
      expect.arrayContaining(['net.Socket', 'stream.Duplex', 'stream.Readable', 'events.EventEmitter']),
    );
    expect(report!.samples['tls.TLSSocket']).toEqual(
      expect.arrayContaining(['tls.TLSSocket', 'net.Socket', 'stream.Duplex']),
    );
    expect(report!.lineageMismatches).toEqual([]);
    expect(report!.ownerMismatches).toEqual([]);
  });
});

interface DisplayProbe {
  simple: string | null;
  printed: string;
}

const displayRule = engineProbe<TSESTree.UnaryExpression>(
  'UnaryExpression[operator="void"]',
  (ctx, node): DisplayProbe => {
    const type = ctx.services.getTypeAtLocation(node.argument);
    return {
      simple: ctx.matcher.simpleText(type) ?? null,
      printed: ctx.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation),
    };
  },
);

describe('type texts for messages', () => {
  it('names simple types as TypeScript prints them, and leaves the rest to it', () => {
    const code = [
      "import * as net from 'node:net';",
      "import type { Duplex } from 'node:stream';",
      "import * as http2 from 'node:http2';",
      'export class Local {}',
      'export interface Shape { a: number }',
      'declare const a: net.Socket; void a;',
      'declare const b: net.Socket | null; void b;',
      'declare const c: null | net.Socket; void c;',
      'declare const d: net.Socket | undefined; void d;',
      'declare const e: undefined | null | net.Socket; void e;',
      'declare const f: Duplex; void f;',
      'declare const g: Local | undefined; void g;',
      'declare const h: Shape; void h;',
      'declare const i: string | undefined; void i;',
      'declare const j: net.Socket | Duplex; void j;',
      'declare const k: http2.Http2Session; void k;',
      'declare const l: http2.Http2Server; void l;',
      'declare const m: NodeJS.Timeout; void m;',
      'declare const n: Array<net.Socket>; void n;',
      'declare const o: { x: number }; void o;',
      'declare const p: unknown; void p;',
      'declare const q: null; void q;',
      'declare const r: string; void r;',
      'type Alias = net.Socket | null;',
      'declare const s: Alias; void s;',
      'declare const t: boolean; void t;',
    ].join('\n');
    const found = probeResults<DisplayProbe>(displayRule, code);
    expect(found).toHaveLength(20);
    for (const probe of found) if (probe.simple !== null) expect(probe.simple).toBe(probe.printed);
    // the common shapes are named without the printer
    const simple = found.filter((p) => p.simple !== null).map((p) => p.simple);
    expect(simple).toEqual(
      expect.arrayContaining([
        'Socket',
        'Socket | null',
        'Socket | undefined',
        'Duplex',
        'Local | undefined',
        'Shape',
        'Http2Session',
        'unknown',
        'null',
        'string',
      ]),
    );
  });
});

interface CalleeProbe {
  call: string;
  engine: string | null;
  checker: string | null;
}

const calleeRule = engineProbe<TSESTree.CallExpression>('CallExpression', (ctx, node): CalleeProbe => {
  const tsNode = ctx.services.esTreeNodeToTSNodeMap.get(node);
  const declaration = ctx.checker.getResolvedSignature(tsNode)?.declaration;
  const owner = declaration && !ts.isJSDocSignature(declaration) ? declaration.parent : undefined;
  const ownerName =
    owner && (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name ? `${owner.name.text}.` : '';
  const name =
    declaration && !ts.isJSDocSignature(declaration) && declaration.name && ts.isIdentifier(declaration.name)
      ? declaration.name.text
      : null;
  return {
    call: ctx.sourceCode.getText(node.callee),
    engine: ctx.calleeDeclaration(node) ?? null,
    checker: name && ownerName + name,
  };
});

describe('callees read from the symbol tables', () => {
  it('name the function TypeScript resolves the call to, for every way of importing it', () => {
    const code = [
      "import http from 'node:http';",
      "import * as net from 'node:net';",
      "import { createServer as makeServer, connect } from 'node:net';",
      "import tls = require('node:tls');",
      'http.createServer();',
      'net.createServer();',
      'makeServer();',
      'connect(80);',
      'tls.connect({ port: 443 });',
      'net.isIP("::1");',
    ].join('\n');
    const found = probeResults<CalleeProbe>(calleeRule, code);
    expect(found.map((p) => p.call)).toEqual([
      'http.createServer',
      'net.createServer',
      'makeServer',
      'connect',
      'tls.connect',
      'net.isIP',
    ]);
    for (const p of found) expect(p.engine?.endsWith(p.checker ?? '?'), JSON.stringify(p)).toBe(true);
    expect(found.map((p) => p.engine)).toEqual([
      'http.createServer',
      'net.createServer',
      'net.createServer',
      'net.connect',
      'tls.connect',
      'net.isIP',
    ]);
  });
});
