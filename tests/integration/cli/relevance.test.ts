/**
 * Which files transport-lint hands to ESLint: those in which a rule's `create` returns listeners. A name that
 * occurs only in comments does not make a file relevant (a generated file whose doc comments say `address` would
 * cost a full parse and conversion for nothing); the comments come from TypeScript's parse, and must be exactly the
 * comments ESLint's parser sees, or a file with a real use could be left out.
 */
import { describe, expect, it } from 'vitest';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import ts from 'typescript';
import path from 'node:path';
import plugin from '../../../src/index.ts';
import { commentRanges, configuredRules, mayReport, namePositions } from '../../../src/cli/relevance.ts';
import { Position } from '../../../src/rule-kit/prefilter.ts';
import type { Rule } from 'eslint';

const rules = configuredRules(
  Object.fromEntries(Object.keys(plugin.rules).map((name) => [`transport/${name}`, 'error' as const])),
  (id) => plugin.rules[id.slice('transport/'.length) as keyof typeof plugin.rules] as unknown as Rule.RuleModule,
);

/** The comment ranges ESLint's parser (typescript-eslint) gives for the code. */
function eslintComments(code: string, file: string): [number, number][] {
  const ranges: [number, number][] = [];
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        plugins: {
          probe: {
            rules: {
              comments: {
                create(context: Rule.RuleContext) {
                  for (const c of context.sourceCode.getAllComments()) if (c.range) ranges.push(c.range);
                  return {};
                },
              },
            },
          },
        },
        rules: { 'probe/comments': 'error' },
      },
    ],
    file,
  );
  expect(messages).toEqual([]);
  return ranges;
}

function ourComments(code: string, file: string): [number, number][] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false);
  return commentRanges(source).map((c) => c.range);
}

describe('commentRanges', () => {
  it.each([
    ['plain.ts', `// one\nconst a = 1; /* two */ const b = 2;\n/** three\n * address\n */\nfunction f() {}\n`],
    ['strings.ts', `const url = 'http://host/*not*/'; // real\nconst s = "a // b"; const t = \`x // \${'/*'} y\`;\n`],
    ['regex.ts', `const r = /\\/\\/*x/g; /* after */ const q = /[/*]/; // end\nconst d = a / b / c; // div\n`],
    ['template.ts', `const t = \`line\n// not a comment \${x /* inside */} /* nor this */\`;\n// yes\n`],
    ['shebang.ts', `#!/usr/bin/env node\n// first\nconst x = 1;`],
    ['view.tsx', `const v = <div>// text {/* c */}<a href="//x" /></div>; // tail\n`],
    ['generics.ts', `const a = f<string>(x) /* c */ as Array</* d */ number>; // e\n`],
  ])('finds the comments ESLint finds in %s', (file, code) => {
    expect(ourComments(code, file)).toEqual(eslintComments(code, file));
  });
});

describe('mayReport', () => {
  const doc = `/**
 * Returns the address of the node.
 * @see server.address()
 */
export function info(): string {
  return 'x';
}
`;
  it('leaves out a file that names a rule member only in comments', () => {
    expect(mayReport('doc.ts', doc, rules)).toBe(false);
    expect(mayReport('line.ts', `// socket.setNoDelay(true) was removed\nexport const a = 1;\n`, rules)).toBe(false);
  });

  it('keeps a file whose code uses the member, also on a line that looks like a comment', () => {
    expect(mayReport('use.ts', `${doc}export const p = (server.address() as any).port;\n`, rules)).toBe(true);
    // a continued multiplication: the line starts with `*`, and it is code
    expect(mayReport('mul.ts', `export const n = 2\n  * server.address().port;\n`, rules)).toBe(true);
    // after a comment ends on the line
    expect(mayReport('after.ts', `/* a */ s.setNoDelay(true);\n`, rules)).toBe(true);
    // a comment-looking line inside a template literal is code for the rules' scan
    expect(mayReport('tpl.ts', `const t = \`\n * \${server.address()}\`;\n`, rules)).toBe(true);
  });
});

describe('namePositions', () => {
  const NAMES = new Set(['setNoDelay', 'port', 'address', 'connect', 'listen', 'authorized']);
  /** The position of each name found in the code, by the position's name, from a parse without parent pointers. */
  function positions(code: string, file = 'x.ts'): Record<string, string> {
    const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false);
    const label = (p: Position) => Object.entries(Position).find(([, v]) => v === p)![0];
    return Object.fromEntries([...namePositions(source, NAMES).found].map(([name, p]) => [name, label(p)]));
  }

  it.each([
    ['s.setNoDelay(true)', { setNoDelay: 'Access' }],
    ["s?.['setNoDelay']?.()", { setNoDelay: 'Access' }],
    ['s[`setNoDelay`]()', { setNoDelay: 'Access' }],
    ['const p = (server.address() as AddressInfo).port', { address: 'Access', port: 'Access' }],
    // the call is asserted, not the member read: BUN_MEMBERS' selectors (TSNonNullExpression > MemberExpression) agree
    ['const p = (server.address())!.port!', { address: 'Access', port: 'Asserted' }],
    ['const p = ((s.port)) as number', { port: 'Asserted' }],
    ['const { setNoDelay } = s', { setNoDelay: 'Member' }],
    ["const { 'setNoDelay': f, port: p = 1 } = s", { setNoDelay: 'Member', port: 'Member' }],
    ['({ setNoDelay } = s)', { setNoDelay: 'Member' }],
    [
      "const o = { ['listen']: f, port() {}, get address() { return 1 } }",
      { listen: 'Member', port: 'Member', address: 'Member' },
    ],
    ["import { connect } from 'node:net'; connect(80)", { connect: 'Word' }],
    ['class C { #authorized = 1; listen() {} }', { authorized: 'Word', listen: 'Word' }],
    ['type A = net.Socket["setNoDelay"]; let q: tls.TLSSocket.authorized', { authorized: 'Access' }],
  ])('%s', (code, expected) => {
    expect(positions(code)).toEqual(expected);
  });

  /** The names the code uses so, sorted. */
  const used = (code: string, use: 'called' | 'invoked') =>
    [...namePositions(ts.createSourceFile('u.ts', code, ts.ScriptTarget.Latest, false), NAMES)[use]].sort();

  it('tells which names are the callee of a call with arguments', () => {
    const called = (code: string) => used(code, 'called');
    expect(called('connect(opts); s.listen(port); s["setNoDelay"](true); (s.port as F)(1); s.#address!(x)')).toEqual([
      'address',
      'connect',
      'listen',
      'port',
      'setNoDelay',
    ]);
    expect(called('s?.connect?.(o); super.listen(...args)')).toEqual(['connect', 'listen']);
    // no arguments, a declaration, a reference, a call of something else with the name as argument
    expect(called('s.connect(); class C { connect(o) {} }; f(s.listen); g(listen, connect)')).toEqual([]);
  });

  it('counts a function held under another name as called (not invoked): its calls use the other name', () => {
    const called = (code: string) => used(code, 'called');
    // a renaming import or destructuring, a member copied into a variable, a field or by assignment, or bound
    expect(called("import { connect as tlsConnect } from 'node:tls'")).toEqual(['connect']);
    expect(called("const { listen: start, port } = server; const { connect: dial } = require('net')")).toEqual([
      'connect',
      'listen',
    ]);
    expect(called('const dial = net.connect; class C { open = tls.connect.bind(tls) }')).toEqual(['connect']);
    expect(called('let go; go = server.listen')).toEqual(['listen']);
    // imported or destructured as itself, passed on, compared, the value of its call without arguments
    expect(called("import { connect } from 'x'; const { listen } = s; f(s.connect); s.listen === s.connect")).toEqual(
      [],
    );
    expect(called('const c = net.connect(); let l; l = s.listen.call(s)')).toEqual([]);
    // invoked is about members called as members: a copy is a field's value more often than a method's
    expect(used('const address = node.address; const { connect: dial } = tls', 'invoked')).toEqual([]);
  });

  it('tells which names are invoked: the callee of any call, or before call, apply or bind', () => {
    const invoked = (code: string) => used(code, 'invoked');
    expect(invoked('s.connect(); (s.port as F)(); s?.listen?.(); s.address!()')).toEqual([
      'address',
      'connect',
      'listen',
      'port',
    ]);
    expect(invoked("s.setNoDelay.call(s, true); s.port.apply(s, []); f(s.listen['bind'](s)); s.address.name")).toEqual([
      'listen',
      'port',
      'setNoDelay',
    ]);
    // reads, a declaration, a destructuring, `new`, the name as an argument
    expect(invoked('n.address; class C { connect() {} }; const { port } = s; new s.listen(); g(s.connect)')).toEqual(
      [],
    );
  });

  it('does not count names in strings, templates or comments', () => {
    const code = [
      "type E = 'connect' | 'listen';",
      '// s.setNoDelay(true)',
      "const help = { a: 'server.address().port' };",
      '/* s.authorized */ const t = `socket.${x}.setNoDelay()`;',
    ].join('\n');
    expect(positions(code)).toEqual({});
  });

  it('reads JavaScript and JSX the same way', () => {
    expect(positions('const v = <a onClick={() => s.setNoDelay()} title="address" />;', 'v.jsx')).toEqual({
      setNoDelay: 'Access',
    });
  });

  it("decides mayReport with the parse: a file that names the rules' members only in strings is left out", () => {
    const strings = `export type Event = 'connect' | 'listening';\nexport const help = 'call server.address() after listen';\n`;
    const parse = (code: string) => ts.createSourceFile('s.ts', code, ts.ScriptTarget.Latest, false);
    // the text scan alone cannot tell strings from code
    expect(mayReport('s.ts', strings, rules)).toBe(true);
    expect(mayReport('s.ts', strings, rules, parse(strings))).toBe(false);
    const use = `${strings}export const p = (server.address() as any).port;\n`;
    expect(mayReport('s.ts', use, rules, parse(use))).toBe(true);
    const call = `import { connect } from 'node:net';\nexport const c = connect('/tmp/s.sock');\n`;
    expect(mayReport('c.ts', call, rules, parse(call))).toBe(true);
  });

  it('leaves out a file for no-ambiguous-listen-options where connect and listen are never called with arguments', () => {
    const listenOptions = configuredRules(
      { 'transport/no-ambiguous-listen-options': 'error' },
      () => plugin.rules['no-ambiguous-listen-options'] as unknown as Rule.RuleModule,
    );
    const parse = (code: string) => ts.createSourceFile('c.ts', code, ts.ScriptTarget.Latest, false);
    const lazy = `export class Client {\n  async connect() {}\n  start() { return this.connect().catch(() => {}); }\n}\n`;
    // the text scan cannot tell: every word `connect` may be a call
    expect(mayReport('c.ts', lazy, listenOptions)).toBe(true);
    expect(mayReport('c.ts', lazy, listenOptions, parse(lazy))).toBe(false);
    const withOptions = `${lazy}export const s = net.connect(options);\n`;
    expect(mayReport('c.ts', withOptions, listenOptions, parse(withOptions))).toBe(true);
  });
});

describe('mayReport with the program (programMayHold)', () => {
  const NODE_TYPES = path.resolve(import.meta.dirname, '../../../node_modules/@types');
  const http2Rule = configuredRules(
    { 'transport/no-http2-socket-manipulation': 'error' },
    () => plugin.rules['no-http2-socket-manipulation'] as unknown as Rule.RuleModule,
  );
  const pool = `export function drop(c: { socket: { destroy(): void } }) {\n  c.socket.destroy();\n}\n`;
  /** A program of the files (in memory, under /virtual), with the installed Node types, and its parse of pool.ts. */
  function program(files: Record<string, string>): { program: ts.Program; source: ts.SourceFile } {
    const root = '/virtual';
    const options: ts.CompilerOptions = {
      noEmit: true,
      allowJs: true,
      types: ['node'],
      typeRoots: [NODE_TYPES],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    };
    const host = ts.createCompilerHost(options);
    const virtual = new Map(Object.entries(files).map(([name, text]) => [path.posix.join(root, name), text]));
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    host.readFile = (file) => virtual.get(file) ?? read(file);
    host.fileExists = (file) => virtual.has(file) || exists(file);
    const isDirectory = host.directoryExists?.bind(host);
    host.directoryExists = (dir) =>
      [...virtual.keys()].some((f) => f.startsWith(`${dir}/`)) || (isDirectory?.(dir) ?? false);
    host.realpath = (file) => file;
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, ...rest) => {
      const text = virtual.get(file);
      return text === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, text, language);
    };
    const built = ts.createProgram(
      [...virtual.keys()].filter((f) => !f.includes('node_modules')),
      options,
      host,
    );
    return { program: built, source: built.getSourceFile(path.posix.join(root, 'pool.ts'))! };
  }
  const decide = (files: Record<string, string>, configured = http2Rule): boolean => {
    const { program: built, source } = program({ 'pool.ts': pool, ...files });
    // every file given is in the program (a library's declarations through its import)
    for (const file of Object.keys(files).filter((f) => /\.[jt]s$/.test(f)))
      expect(built.getSourceFile(`/virtual/${file}`), file).toBeDefined();
    return mayReport(source.fileName, source.text, configured, source, built);
  };

  it("leaves out a file for the HTTP/2 rule when nothing in the program but Node's own types names http2", () => {
    const { program: built, source } = program({ 'pool.ts': pool });
    // Node's types are in the program, and they name http2 in several files
    expect(built.getSourceFiles().some((f) => f.fileName.endsWith('/@types/node/http2.d.ts'))).toBe(true);
    expect(mayReport(source.fileName, source.text, http2Rule, source, built)).toBe(false);
    // without the program, or without the parse, nothing tells: the file is kept
    expect(mayReport(source.fileName, source.text, http2Rule, source)).toBe(true);
    expect(mayReport(source.fileName, source.text, http2Rule)).toBe(true);
    // the word alone names no module: Deno's client option, a comment
    expect(decide({ 'deno.d.ts': `// http2 clients\ninterface ClientOptions { http2?: boolean }\n` })).toBe(false);
  });

  it.each([
    ['an import', { 'server.ts': `import http2 from 'node:http2';\nexport const s = http2.createServer();\n` }],
    ['a type import', { 'types.ts': `export type S = import('http2').Http2Session;\n` }],
    ['require in JavaScript', { 'server.js': `const h = require('http2');\nmodule.exports = h.connect('x');\n` }],
    ['getBuiltinModule', { 'late.ts': `export const h = process.getBuiltinModule('http2');\n` }],
    [
      "a library's declarations",
      {
        'node_modules/fw/package.json': `{ "name": "fw", "types": "index.d.ts" }`,
        'node_modules/fw/index.d.ts': `import type { Http2ServerRequest } from 'http2';\nexport type Req = Http2ServerRequest;\n`,
        'app.ts': `import type { Req } from 'fw';\nexport const f = (r: Req) => r.socket;\n`,
      },
    ],
  ])('keeps it when the program names http2 through %s', (_, files) => {
    expect(decide(files)).toBe(true);
  });

  const only = (name: keyof typeof plugin.rules) =>
    configuredRules({ [`transport/${name}`]: 'error' }, () => plugin.rules[name] as unknown as Rule.RuleModule);

  it("leaves out Deno's and Bun's member names in a program without their types, and keeps them with", () => {
    const deno = `declare namespace Deno {\n  interface NetAddr { port: number }\n}\n`;
    const bun = `declare module 'bun' {\n  interface Server { port?: number }\n}\n`;
    const uses = {
      'no-unchecked-bound-address': [
        `export const a = (l: { addr: unknown }) => l.addr as { port: number };\n`,
        `export const p = (s: { port?: number }) => s.port!;\n`,
      ],
      'no-unchecked-peer-address': [
        `export const a = (c: { remoteAddr: unknown }) => c.remoteAddr;\n`,
        `export const i = (s: { requestIP(r: unknown): unknown }) => s.requestIP(1)!;\n`,
      ],
    } as const;
    for (const [rule, [denoUse, bunUse]] of Object.entries(uses)) {
      const configured = only(rule as keyof typeof plugin.rules);
      expect(decide({ 'pool.ts': denoUse }, configured), `${rule} Deno`).toBe(false);
      expect(decide({ 'pool.ts': denoUse, 'deno.d.ts': deno }, configured), `${rule} Deno`).toBe(true);
      expect(decide({ 'pool.ts': bunUse }, configured), `${rule} Bun`).toBe(false);
      expect(decide({ 'pool.ts': bunUse, 'bun.d.ts': bun }, configured), `${rule} Bun`).toBe(true);
    }
  });

  it('leaves out `address` where it is never invoked, for both rules that call it', () => {
    const read = `export const key = (node: { address: string }) => node.address;\n`;
    const called = `export const at = (s: { address(): unknown }) => s.address();\n`;
    const extracted = `export const at = (s: { address(): unknown }) => s.address.call(s);\n`;
    for (const rule of ['no-unchecked-bound-address', 'no-unguarded-socket-options'] as const) {
      expect(decide({ 'pool.ts': read }, only(rule)), rule).toBe(false);
      expect(decide({ 'pool.ts': called }, only(rule)), rule).toBe(true);
    }
    expect(decide({ 'pool.ts': extracted }, only('no-unguarded-socket-options'))).toBe(true);
  });
});
