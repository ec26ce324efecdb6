/**
 * The file-level pre-filters: a rule returns no listeners for a file whose text lacks its names, so a pattern that
 * misses a shape the rule reports on would hide findings. Each shape the rules handle must match.
 */
import { describe, expect, it } from 'vitest';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import {
  accessPattern,
  assertedPattern,
  calledPattern,
  invokedPattern,
  memberPattern,
  memberSelector,
  mentions,
  perOptions,
  Position,
  renamedCallees,
  wordPattern,
} from '../../src/rule-kit/prefilter.ts';
import { createRule, sameValue } from '../../src/rule-kit/create-rule.ts';

describe('memberPattern', () => {
  const pattern = memberPattern(['setNoDelay', 'setTimeout']);
  it.each([
    's.setNoDelay(true)',
    's?.setNoDelay()',
    's!.setNoDelay()',
    's\n  .setNoDelay()',
    's.\n  setNoDelay()',
    "s['setNoDelay']()",
    's["setNoDelay"]()',
    's[`setNoDelay`]()',
    'const { setNoDelay } = s',
    'const { a, setNoDelay: f } = s',
    'const {\n  setNoDelay,\n} = s',
    's./* why */setNoDelay()',
    'req.socket.setTimeout(5000)',
  ])('matches %j', (text) => {
    expect(pattern.test(text)).toBe(true);
    // the shared scan of all names finds the same (what the rules ask)
    expect(mentions({ text }, pattern)).toBe(true);
  });
  it.each(['setTimeout(() => {}, 10)', 'const t = setTimeout(f)', 's.setNoDelayed()', 'mySetNoDelay()'])(
    'does not match %j',
    (text) => {
      expect(pattern.test(text)).toBe(false);
      expect(mentions({ text }, pattern)).toBe(false);
    },
  );
});

describe('accessPattern', () => {
  const pattern = accessPattern(['port', 'hostname']);
  it.each([
    'server.port!',
    'server?.port as number',
    's\n  .hostname!',
    "server['port']!",
    'server[`hostname`]',
    's./* c */port',
  ])('matches %j', (text) => {
    expect(pattern.test(text)).toBe(true);
    expect(mentions({ text }, pattern)).toBe(true);
  });
  // a name that stands only where memberPattern or wordPattern counts it: the file has no member read of it
  it.each([
    'connect(host: string, port: number)',
    'const { port } = options',
    'const { host, hostname: h } = options',
    'port = 80',
    'server.portNumber',
  ])('does not match %j', (text) => {
    expect(pattern.test(text)).toBe(false);
    expect(mentions({ text }, pattern)).toBe(false);
  });
  it('a name found in both positions counts for both kinds of pattern', () => {
    const member = memberPattern(['port']);
    const text = 'function f(a, port) { return server.port!; }';
    expect(mentions({ text }, pattern)).toBe(true);
    expect(mentions({ text }, member)).toBe(true);
    expect(mentions({ text: 'function f(a, port) {}' }, member)).toBe(true);
  });
});

describe('assertedPattern', () => {
  const pattern = assertedPattern(['port', 'hostname']);
  it.each([
    'server.port!',
    'server?.port! + 1',
    'server.hostname as string',
    "server['port']!",
    '(server.port)!',
    '((server.hostname)) as string',
    'server.port /* set by serve */ as number',
    'const p = s\n  .port!;',
  ])('matches %j', (text) => {
    expect(pattern.test(text)).toBe(true);
    expect(mentions({ text }, pattern)).toBe(true);
  });
  it.each([
    'options.port ?? 80',
    'if (server.port !== 0) {}',
    'server.port != null',
    'const { port } = options',
    'import { port as p } from "./config"',
    'server.portNumber!',
    'server.port\n!flag',
  ])('does not match %j', (text) => {
    expect(pattern.test(text)).toBe(false);
    expect(mentions({ text }, pattern)).toBe(false);
  });
  it('counts a name asserted once for assertedPattern, and any read of it for accessPattern', () => {
    const access = accessPattern(['port']);
    const text = 'const a = options.port;\nconst b = server.port!;';
    expect(mentions({ text }, pattern)).toBe(true);
    expect(mentions({ text }, access)).toBe(true);
    expect(mentions({ text: 'const a = options.port;' }, pattern)).toBe(false);
    expect(mentions({ text: 'const a = options.port;' }, access)).toBe(true);
  });
});

describe('wordPattern', () => {
  const pattern = wordPattern(['connect', 'addr']);
  it.each([
    "import { connect } from 'node:net';\nconnect({ port, path })",
    'listener.addr as Deno.NetAddr',
    'x.connect(1)',
  ])('matches %j', (text) => {
    expect(pattern.test(text)).toBe(true);
    // the shared scan of all names finds the same (what the rules ask)
    expect(mentions({ text }, pattern)).toBe(true);
  });
  it.each(['reconnect()', 'connection', 'address'])('does not match %j', (text) => {
    expect(pattern.test(text)).toBe(false);
    expect(mentions({ text }, pattern)).toBe(false);
  });
});

describe('mentions', () => {
  it('answers per pattern after the scan for all names, and sees names of patterns made later', () => {
    const file = { text: 'const a = s.setNoDelay(true); server.listen(80);' };
    const member = memberPattern(['setNoDelay']);
    expect(mentions(file, member)).toBe(true);
    expect(mentions(file, memberPattern(['unref']))).toBe(false);
    expect(mentions({ text: 'const b = 1;' }, member)).toBe(false);
    // a file scanned before a pattern with a new name existed is scanned again
    const plain = { text: 'conn.zzzPrefilterOnly();' };
    expect(mentions(plain, member)).toBe(false);
    expect(mentions(plain, wordPattern(['zzzPrefilterOnly']))).toBe(true);
  });

  it('tells a name where a member name stands from the same name elsewhere', () => {
    const file = { text: 'const t = setTimeout(f, 10);\n// later: socket.setTimeout(5)\n' };
    expect(mentions(file, memberPattern(['setTimeout']))).toBe(true);
    expect(mentions({ text: 'const t = setTimeout(f, 10);' }, memberPattern(['setTimeout']))).toBe(false);
    expect(mentions({ text: 'const t = setTimeout(f, 10);' }, wordPattern(['setTimeout']))).toBe(true);
    // the first occurrence is not in member position, a later one is
    expect(
      mentions({ text: 'setTimeout(f);\nconst { setTimeout: st } = timers;' }, memberPattern(['setTimeout'])),
    ).toBe(true);
  });
});

/**
 * Patterns whose names count only where the source tells they are used so (transport-lint's parse): calledPattern
 * (the callee of a call with arguments) and invokedPattern (any call, `.call`, `.apply`, `.bind`). In a bare text each
 * matches as the pattern of its position does, since the text cannot tell a call.
 */
describe.each([
  {
    make: calledPattern,
    use: 'called' as const,
    name: 'zzzConnect',
    position: Position.Word,
    plain: wordPattern,
    bare: { yes: 'class C { zzzConnect() {} }', no: 'reconnect()' },
  },
  {
    make: invokedPattern,
    use: 'invoked' as const,
    name: 'zzzUnref',
    position: Position.Access,
    plain: accessPattern,
    bare: { yes: 'const t = node.zzzUnref;', no: 'const { zzzUnref } = node;' },
  },
])('$make.name', ({ make, use, name, position, plain, bare }) => {
  const pattern = make([name]);
  /** A source that tells where the name stands (`position`) and whether it is used so. */
  const parsed = (used: boolean) => ({
    text: `x.${name}(); ${name}(options);`,
    namePositions: () => ({
      found: new Map([[name, position]]),
      called: new Set<string>(),
      invoked: new Set<string>(),
      [use]: new Set(used ? [name] : []),
    }),
  });

  it('in a bare text, matches where the position does', () => {
    expect(mentions({ text: bare.yes }, pattern)).toBe(true);
    expect(mentions({ text: bare.no }, pattern)).toBe(false);
  });

  it('where the source tells, counts the name only where it is used so', () => {
    expect(mentions(parsed(true), pattern)).toBe(true);
    expect(mentions(parsed(false), pattern)).toBe(false);
    // the plain pattern of the same names is its own pattern, and still counts the name
    expect(mentions(parsed(false), plain([name]))).toBe(true);
  });
});

/**
 * What mentions answers on ESLint's own SourceCode of the code (which has getAllComments): parsed by ESLint's default
 * parser, or as `a.ts` by typescript-eslint's (no type information needed).
 */
function onSourceCode(code: string, pattern: RegExp, typescript = false): boolean {
  let answer: boolean | undefined;
  const rule = {
    create: (context: { sourceCode: { text: string } }) => {
      answer = mentions(context.sourceCode, pattern);
      return {};
    },
  };
  new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        ...(typescript ? { files: ['**/*.ts'], languageOptions: { parser: tsParser } } : {}),
        plugins: { t: { rules: { r: rule as never } } },
        rules: { 't/r': 'error' },
      },
    ],
    typescript ? 'a.ts' : undefined,
  );
  if (answer === undefined) throw new Error('the rule did not run');
  return answer;
}

describe("mentions with the parser's comments", () => {
  const member = memberPattern(['setNoDelay']);
  const doc = '/**\n * Calls socket.setNoDelay(true) on each connection.\n */\nfunction f() {}\n';

  it('does not count a name that occurs only in comments', () => {
    expect(onSourceCode(doc, member)).toBe(false);
    expect(onSourceCode('// s.setNoDelay()\nconst a = 1;', member)).toBe(false);
    // without the comments (a bare text), a comment line still counts: never miss a file
    expect(mentions({ text: doc }, member)).toBe(true);
  });

  it('counts the name in code, also on lines that look like comments', () => {
    expect(onSourceCode(`${doc}s.setNoDelay(true);`, member)).toBe(true);
    expect(onSourceCode('const n = 2\n  * s.setNoDelay();', member)).toBe(true);
    expect(onSourceCode('/* a */ s.setNoDelay();', member)).toBe(true);
    expect(onSourceCode('const t = `\n * ${s.setNoDelay()}`;', member)).toBe(true);
  });
});

describe("mentions with typescript-eslint's parse", () => {
  const onParsed = (code: string, pattern: RegExp) => onSourceCode(code, pattern, true);
  const member = memberPattern(['setNoDelay']);

  it('needs no scan of the text where the parse holds none of the names: a name in a string does not count', () => {
    const help = "const help = 'call s.setNoDelay(true) on each socket';";
    expect(onParsed(help, member)).toBe(false);
    // the text scan counts it (a member read on a code line, inside a string)
    expect(mentions({ text: help }, member)).toBe(true);
  });

  it('scans the text for the names the parse holds alone: another name only in a string does not count', () => {
    const code = "declare const s: any;\ns.setKeepAlive(true);\nconst help = 'or call s.setNoDelay(true)';";
    const keepAlive = memberPattern(['setKeepAlive']);
    expect(onParsed(code, keepAlive)).toBe(true);
    expect(onParsed(code, member)).toBe(false);
    // the text scan counts both
    expect(mentions({ text: code }, keepAlive)).toBe(true);
    expect(mentions({ text: code }, member)).toBe(true);
    // and so does the scan of a file with a string after `[`, where the parse's table may lack a name
    expect(onParsed(`${code}\nconst k = s['x'];`, member)).toBe(true);
  });

  it.each([
    's.setNoDelay(true)',
    's?.setNoDelay()',
    "s['setNoDelay']()",
    's[`setNoDelay`]()',
    'const { setNoDelay } = s',
    "const { 'setNoDelay': f } = s",
    // a string in a computed key is not in the parse's table: the text is scanned
    "const { ['setNoDelay']: f } = s",
    'const t = `${s.setNoDelay()}`',
  ])('counts %j', (code) => {
    expect(onParsed(`declare const s: any;\n${code}`, member)).toBe(true);
  });

  it('a private name counts as the name (`#setNoDelay`)', () => {
    expect(onParsed('class C { #setNoDelay = 1; m() { return this.#setNoDelay; } }', wordPattern(['setNoDelay']))).toBe(
      true,
    );
  });
});

describe('renamedCallees', () => {
  const names = ['connect', 'listen', 'createConnection'];
  it.each([
    ["import { connect as tlsConnect } from 'node:tls';", ['tlsConnect']],
    ["import {\n  createConnection as dial,\n  connect,\n} from 'net';", ['dial']],
    ["const { connect: dial, listen } = require('net');", ['dial']],
    ['const dial = net.connect;\nlet open; open = tls.connect.bind(tls);', ['dial', 'open']],
    ['class C {\n  start = this.server.listen;\n}', ['start']],
  ])('finds the local names in %j', (text, expected) => {
    expect([...renamedCallees(text, names)].sort()).toEqual(expected);
  });
  it.each([
    "import { connect } from 'net'; connect({ port });",
    'const socket = net.connect({ port });\nconst s = tls.connect\n(opts);',
    'if (a === b.connect) f(s.listen);\nreconnect = x.reconnect;',
  ])('finds none in %j', (text) => {
    expect([...renamedCallees(text, names)]).toEqual([]);
  });
});

describe('memberSelector', () => {
  /** The source text of the nodes the selector selects in the code. */
  function selected(code: string, selector: string): string[] {
    const found: string[] = [];
    const rule = {
      create: (context: { sourceCode: { getText(n: unknown): string } }) => ({
        [selector]: (node: unknown) => void found.push(context.sourceCode.getText(node)),
      }),
    };
    new Linter({ configType: 'flat' }).verify(code, [
      { plugins: { t: { rules: { r: rule as never } } }, rules: { 't/r': 'error' } },
    ]);
    return found;
  }

  it('selects x.name, x?.name, x["name"] and template keys, not other members or computed names', () => {
    const code =
      's.setNoDelay(); s?.setNoDelay(); s["setNoDelay"](); s[`setNoDelay`](); s.write(); s[name](); setNoDelay();';
    expect(selected(code, memberSelector(['setNoDelay']))).toEqual([
      's.setNoDelay',
      's?.setNoDelay',
      's["setNoDelay"]',
      's[`setNoDelay`]',
    ]);
  });

  it('selects calls through their callee', () => {
    const code = 'server.listen(1); server["listen"](2); server.close(); listen(3);';
    expect(selected(code, memberSelector(['listen'], 'CallExpression', 'callee.'))).toEqual([
      'server.listen(1)',
      'server["listen"](2)',
    ]);
  });
});

describe('perOptions', () => {
  it('builds once per options object', () => {
    let built = 0;
    const prepare = perOptions((o: { n: number }) => ({ twice: o.n * 2, id: ++built }));
    const a = { n: 1 };
    expect(prepare(a)).toBe(prepare(a));
    expect(prepare({ n: 1 }).id).toBe(2);
    expect(built).toBe(2);
  });
});

describe('createRule options', () => {
  const received: unknown[] = [];
  const rule = createRule<[{ names?: string[]; strict?: boolean }], 'x'>({
    name: 'probe',
    meta: {
      type: 'problem',
      docs: { description: 'probe', requiresTypeChecking: true },
      schema: [
        {
          type: 'object',
          properties: { names: { type: 'array' }, strict: { type: 'boolean' } },
          additionalProperties: false,
        },
      ],
      defaultOptions: [{ names: ['a'], strict: false }],
      messages: { x: 'x' },
    },
    create(_context, [options]) {
      received.push(options);
      return {};
    },
  });
  const lint = (setting: unknown) => {
    const linter = new Linter({ configType: 'flat' });
    linter.verify('x;', [
      { plugins: { p: { rules: { probe: rule as never } } }, rules: { 'p/probe': setting as never } },
    ]);
    return received.at(-1);
  };

  it('merges the defaults once per configuration, compared by value', () => {
    const configured = ['error', { names: ['b', 'c'] }];
    const first = lint(configured);
    expect(first).toEqual({ names: ['b', 'c'], strict: false });
    expect(Object.isFrozen(first)).toBe(true);
    expect(lint(configured)).toBe(first);
    expect(lint(['error', { names: ['b', 'c'] }])).toBe(first); // equal options written again
    expect(lint(['error', { names: ['b'] }])).toEqual({ names: ['b'], strict: false });
    expect(lint(['error', { names: ['b', 'c'], strict: true }])).toEqual({ names: ['b', 'c'], strict: true });
    expect(lint('error')).toEqual({ names: ['a'], strict: false });
    expect(lint(['error'])).toBe(lint('error'));
  });

  it('compares option values deeply', () => {
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
  });
});
