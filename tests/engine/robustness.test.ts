/**
 * Robustness: every rule (the `all` config) over odd shapes of code, files with syntax errors, files outside the
 * project, and no type information at all. Nothing may crash; errors must be the clear ones.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.ts';
import { fixtures } from '../helpers/rule-tester.ts';

const linter = new Linter({ configType: 'flat', cwd: fixtures });
const typed = (sourceType: 'module' | 'script' = 'module'): Linter.Config[] => [
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.cjs'],
    languageOptions: {
      parser: tsParser,
      sourceType,
      parserOptions: { projectService: true, tsconfigRootDir: fixtures },
    },
  },
  plugin.configs.strict as Linter.Config,
];

/** Lints with every rule (`all`, which must not crash) and returns what `recommended` reports. */
function lint(code: string, file = 'file.ts', sourceType: 'module' | 'script' = 'module'): Linter.LintMessage[] {
  const all = linter.verify(code, typed(sourceType), path.join(fixtures, file));
  expect(all.filter((m) => m.fatal && !m.message.startsWith('Parsing error'))).toEqual([]);
  const recommended = [typed(sourceType)[0]!, plugin.configs.recommended as Linter.Config];
  return linter.verify(code, recommended, path.join(fixtures, file));
}

const HEADER =
  "import * as net from 'node:net';\nimport * as http from 'node:http';\nimport { Duplex } from 'node:stream';\n";

/** Rule ids of the reports, after checking that nothing was fatal. */
function ruleIds(messages: Linter.LintMessage[]): string[] {
  expect(messages.filter((m) => m.fatal || !m.ruleId)).toEqual([]);
  return messages.map((m) => m.ruleId!.replace('transport/', ''));
}

describe('odd shapes: no crash, and the reports that are due', () => {
  it.each([
    [
      'private fields',
      `${HEADER}class Pool {\n  #socket = net.connect('/run/db.sock');\n  tune() { this.#socket.setNoDelay(true); }\n}`,
      ['no-unguarded-socket-options'],
    ],
    [
      'computed members with a dynamic key',
      `${HEADER}declare const name: 'setNoDelay' | 'setKeepAlive';\ndeclare const d: Duplex;\n(d as net.Socket)[name](true);`,
      [],
    ],
    [
      'deep optional chains',
      `${HEADER}declare const app: { server?: { conn?: net.Socket | null } } | undefined;\napp?.server?.conn?.setNoDelay?.(true);`,
      [],
    ],
    [
      'any, unknown and never',
      `${HEADER}export function f(a: any, u: unknown, n: never) {\n  a?.ref?.();\n  (u as net.Socket).setKeepAlive(true);\n  n.setNoDelay(true);\n}`,
      ['no-unguarded-socket-options'],
    ],
    [
      'generics and overloads',
      `${HEADER}function tune(s: net.Socket): void;\nfunction tune<T extends Duplex>(s: T): void;\nfunction tune(s: unknown) {\n  (s as net.Socket).setNoDelay(true);\n}\ntune(net.connect(1));\ntune(new Duplex());`,
      ['no-unguarded-socket-options'],
    ],
    [
      'decorators',
      `${HEADER}function logged(_: unknown, __: ClassMethodDecoratorContext) {}\nclass Conn {\n  constructor(private socket: net.Socket) {}\n  @logged tune() { this.socket.setNoDelay(true); }\n}\nexport { Conn };`,
      [],
    ],
    [
      'satisfies',
      `${HEADER}const s = net.connect('/tmp/a.sock') satisfies net.Socket;\ns.setNoDelay(true);`,
      ['no-unguarded-socket-options'],
    ],
    [
      'self-referential bindings',
      `${HEADER}let a: net.Socket = net.connect(1);\nlet b: net.Socket = a;\na = b;\nb = a;\nb.setNoDelay(true);\nfunction f(s: net.Socket): void { f(s); s.setKeepAlive(true); }`,
      [],
    ],
    [
      'super and this at odd places',
      `${HEADER}class Tuned extends net.Socket {\n  tune() { super.setNoDelay(true); return this.setKeepAlive(true); }\n}\nexport { Tuned };`,
      [],
    ],
    ['a long chain', `${HEADER}net.connect(1)${'.setNoDelay(true)'.repeat(200)};`, []],
    [
      'labels, loops, switch and blocks',
      `${HEADER}declare const list: Duplex[];\nouter: for (const d of list) {\n  switch (typeof d) {\n    case 'object': { if (!('setNoDelay' in d)) continue outer; (d as net.Socket).setNoDelay(true); break; }\n    default: break outer;\n  }\n}`,
      [],
    ],
    [
      'destructuring in odd places',
      `${HEADER}http.createServer(({ socket }, { socket: out }) => {\n  const [{ setNoDelay }] = [socket as unknown as net.Socket];\n  out?.setNoDelay(true);\n  return setNoDelay;\n}).listen(1);`,
      [],
    ],
    ['an empty file', '', []],
    ['only comments', '// nothing here\n/* at all */', []],
  ])('%s', (_name, code, expected) => {
    expect(ruleIds(lint(code))).toEqual(expected);
  });

  it('JSX in a .tsx file', () => {
    const code = `${HEADER}declare const d: Duplex;\nexport const App = () => <button onClick={() => (d as net.Socket).setNoDelay(true)}>tune</button>;`;
    expect(ruleIds(lint(code, 'react.tsx'))).toEqual(['no-unguarded-socket-options']);
  });

  it('`with` in sloppy-mode JavaScript', () => {
    const code =
      "const net = require('node:net');\nconst o = { s: net.connect('/tmp/a.sock') };\nwith (o) { s.setNoDelay(true); }\nconst p = net.connect('/tmp/b.sock');\np.setKeepAlive(true);";
    expect(ruleIds(lint(code, 'sloppy.cjs', 'script'))).toEqual(['no-unguarded-socket-options']);
  });
});

describe('a project without @types/node', () => {
  const root = path.join(fixtures, 'no-node-types');
  const config: Linter.Config[] = [
    {
      files: ['**/*.cjs'],
      languageOptions: {
        parser: tsParser,
        sourceType: 'commonjs',
        parserOptions: { projectService: true, tsconfigRootDir: root },
      },
    },
    plugin.configs.strict as Linter.Config,
  ];
  const verify = (file: string) => () =>
    new Linter({ configType: 'flat', cwd: root }).verify(
      fs.readFileSync(path.join(root, file), 'utf8'),
      config,
      path.join(root, file),
    );

  it('a file that imports a Node transport module: a clear error naming the file, the module and the fix', () => {
    // without Node's types every socket is an unresolved `any`: silence would look like a clean file
    expect(verify('server.cjs')).toThrow(
      /rule 'transport\/[a-z-]+'[\s\S]*server\.cjs imports 'net', but its TypeScript program has no Node types[\s\S]*"types": \["node"\]/,
    );
  });

  it('a file that imports none: `any` is missing type information, not evidence, and nothing is reported', () => {
    expect(verify('tune.cjs')()).toEqual([]);
  });

  it('while the same files with Node types have the `any` parameters reported', () => {
    for (const file of ['server.cjs', 'tune.cjs']) {
      const code = fs.readFileSync(path.join(root, file), 'utf8');
      expect(ruleIds(lint(code, 'sloppy.cjs', 'script'))).toEqual(['no-unguarded-socket-options']);
    }
  });
});

describe('bad input gets a clear error, never a crash', () => {
  it('a syntax error is one fatal message from the parser', () => {
    const messages = lint(`${HEADER}const s = net.connect(;`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, ruleId: null });
    expect(messages[0]!.message).toMatch(/^Parsing error: /);
  });

  it('a file outside the project is the project service’s clear parse error', () => {
    const messages = lint(`${HEADER}net.connect(1).setNoDelay(true);`, 'outside.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(/outside\.ts was not found by the project service/);
  });

  it('no type information: typescript-eslint’s message naming the rule', () => {
    const config: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configs.recommended as Linter.Config,
    ];
    expect(() =>
      linter.verify(`${HEADER}net.connect(1).setNoDelay(true);`, config, path.join(fixtures, 'file.ts')),
    ).toThrow(/rule 'transport\/[a-z-]+'[\s\S]*You have used a rule which requires type information/);
  });

  it('no type information: the same message from a rule that builds its engine at its first candidate', () => {
    const config: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      {
        files: ['**/*.ts'],
        plugins: { transport: plugin as never },
        rules: { 'transport/no-unchecked-bound-address': 'error' },
      },
    ];
    const verify = (code: string) => () => linter.verify(`${HEADER}${code}`, config, path.join(fixtures, 'file.ts'));
    // thrown from the listener: ESLint names the rule after typescript-eslint's message
    expect(
      verify('const server = net.createServer();\nconsole.log((server.address() as net.AddressInfo).port);'),
    ).toThrow(
      /You have used a rule which requires type information[\s\S]*Rule: "transport\/no-unchecked-bound-address"/,
    );
    expect(verify('declare const options: { port?: number };\nconsole.log(options.port!);')).toThrow(
      /You have used a rule which requires type information/,
    );
  });

  it('disable-type-checked turns every rule off for such files', () => {
    const config: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      plugin.configs.recommended as Linter.Config,
      plugin.configs['disable-type-checked'] as Linter.Config,
    ];
    expect(
      linter.verify(`${HEADER}net.connect('/x').setNoDelay(true);`, config, path.join(fixtures, 'file.ts')),
    ).toEqual([]);
  });

  it.each([
    ['no-unguarded-socket-options', { requireTCP: true }, /Unexpected property "requireTCP"/],
    ['no-unguarded-socket-options', { methods: 'setNoDelay' }, /property name 'methods' is invalid/],
    ['no-unguarded-socket-options', { requireTcp: 'yes' }, /property name 'requireTcp' is invalid/],
    ['no-http2-socket-manipulation', { destroyThrows: 1 }, /property name 'destroyThrows' is invalid/],
    ['no-unchecked-bound-address', { any: true }, /Unexpected property "any"/],
    ['no-unchecked-bound-address', { requireProof: 'yes' }, /property name 'requireProof' is invalid/],
  ])('invalid options for %s are rejected by the schema, naming the option', (rule, options, pattern) => {
    const config: Linter.Config[] = [...typed(), { rules: { [`transport/${rule}`]: ['error', options] } }];
    expect(() => linter.verify('', config, path.join(fixtures, 'file.ts'))).toThrow(pattern);
  });
});
