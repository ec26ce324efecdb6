/**
 * The rule docs are tests. For every `docs/rules/<rule>.md`:
 * - the required headings exist, with one `` ### `option` `` heading per option in the rule's schema;
 * - every ```ts block under a `❌ Incorrect` heading gets at least one report from the rule, and every block under a
 *   `✅ Correct` heading gets none (a block may start with `// options: {…json…}` to pass rule options);
 * - every ```ts block in the doc type-checks under the fixture tsconfig (strict).
 *
 * A block whose first line is `// runtime: deno` or `// runtime: bun` (an `// options:` line may follow it) is code for
 * that runtime: it is linted and type-checked in the runtime's own fixture project, tests/fixtures/deno (@types/deno)
 * or tests/fixtures/bun (bun-types), whose global declarations would clash with @types/node's.
 *
 * The project service only serves files that exist on disk and that the fixture tsconfig includes (`docs-*.ts`), so
 * each block is written to `tests/fixtures/docs-<rule>-<n>.ts` (or `tests/fixtures/<runtime>/docs-<rule>-<n>.ts`)
 * first and removed afterwards.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.ts';

const root = path.join(import.meta.dirname, '..', '..');
const docsDir = path.join(root, 'docs', 'rules');
const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

type Kind = 'incorrect' | 'correct';

/** Where a block runs: Node (the main fixture project, @types/node) or a runtime with a fixture project of its own. */
type Runtime = 'node' | 'deno' | 'bun';

const RUNTIME_ROOTS: Record<Runtime, string> = {
  node: fixtures,
  deno: path.join(fixtures, 'deno'),
  bun: path.join(fixtures, 'bun'),
};

interface Heading {
  level: number;
  text: string;
}

interface Block {
  rule: string;
  /** 1-based, over every ```ts block of the doc. */
  index: number;
  /** The line of the opening fence. */
  line: number;
  /** The headings the block sits under, outermost first. */
  headings: readonly Heading[];
  /** Set when one of those headings is `❌ Incorrect` or `✅ Correct` (the innermost one wins). */
  kind: Kind | undefined;
  code: string;
  options: unknown[];
  /** From a first line `// runtime: deno` or `// runtime: bun`; `node` without one. */
  runtime: Runtime;
  file: string;
}

interface Doc {
  rule: string;
  headings: readonly Heading[];
  blocks: readonly Block[];
}

const OPTIONS_COMMENT = /^\/\/ options: (.*)$/;
const RUNTIME_COMMENT = /^\/\/ runtime: (.*?)\s*$/;

function isRuntime(name: string): name is Runtime {
  return Object.hasOwn(RUNTIME_ROOTS, name);
}

/** The `// runtime: …` and `// options: …` lines a block starts with, in that order. */
function directives(rule: string, line: number, body: readonly string[]): { runtime: Runtime; options: unknown[] } {
  let next = 0;
  let runtime: Runtime = 'node';
  const declared = RUNTIME_COMMENT.exec(body[next] ?? '');
  if (declared) {
    const name = declared[1]!;
    if (!isRuntime(name) || name === 'node') {
      throw new Error(`${rule}.md:${line}: unknown runtime '${name}' (use deno or bun, or no runtime line for Node)`);
    }
    runtime = name;
    next++;
  }
  const options = OPTIONS_COMMENT.exec(body[next] ?? '');
  return { runtime, options: options ? [JSON.parse(options[1]!) as unknown] : [] };
}

function kindOf(text: string): Kind | undefined {
  if (/^❌ Incorrect\b/.test(text)) return 'incorrect';
  if (/^✅ Correct\b/.test(text)) return 'correct';
  return undefined;
}

function parseDoc(rule: string, markdown: string): Doc {
  const lines = markdown.split(/\r?\n/);
  const headings: Heading[] = [];
  const blocks: Block[] = [];
  const stack: Heading[] = [];
  let fence: { lang: string; line: number; body: string[] } | undefined;
  for (const [i, line] of lines.entries()) {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        if (fence.lang === 'ts') {
          const index = blocks.length + 1;
          const code = `${fence.body.join('\n')}\n`;
          const { runtime, options } = directives(rule, fence.line, fence.body);
          const kind = [...stack]
            .reverse()
            .map((h) => kindOf(h.text))
            .find((k) => k !== undefined);
          blocks.push({
            rule,
            index,
            line: fence.line,
            headings: [...stack],
            kind,
            code,
            options,
            runtime,
            file: path.join(RUNTIME_ROOTS[runtime], `docs-${rule}-${index}.ts`),
          });
        }
        fence = undefined;
      } else fence.body.push(line);
      continue;
    }
    const opening = /^```(\S*)/.exec(line);
    if (opening) {
      fence = { lang: opening[1]!, line: i + 1, body: [] };
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      const h = { level: heading[1]!.length, text: heading[2]! };
      while (stack.length > 0 && stack.at(-1)!.level >= h.level) stack.pop();
      stack.push(h);
      headings.push(h);
    }
  }
  if (fence) throw new Error(`${rule}.md: unclosed code fence at line ${fence.line}`);
  return { rule, headings, blocks };
}

/** The named options of a rule: the properties of every object in its schema. */
function optionNames(schema: unknown): string[] {
  const entries = Array.isArray(schema) ? schema : schema ? [schema] : [];
  return entries.flatMap((entry: { properties?: Record<string, unknown> }) => Object.keys(entry.properties ?? {}));
}

function describeBlock(block: Block): string {
  const where = block.headings
    .filter((h) => h.level > 1)
    .map((h) => h.text)
    .join(' › ');
  const runtime = block.runtime === 'node' ? '' : ` [${block.runtime}]`;
  return `${block.rule} › ${where} › block ${block.index} (line ${block.line})${runtime}`;
}

const docs: Doc[] = fs
  .readdirSync(docsDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => parseDoc(path.basename(name, '.md'), fs.readFileSync(path.join(docsDir, name), 'utf8')));
const allBlocks = docs.flatMap((doc) => doc.blocks);
const rules = plugin.rules as Record<string, { meta: { schema?: unknown } } | undefined>;

const linter = new Linter({ configType: 'flat', cwd: fixtures });

function lint(block: Block): Linter.LintMessage[] {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: { projectService: true, tsconfigRootDir: RUNTIME_ROOTS[block.runtime] },
      },
      plugins: { transport: plugin as never },
      rules: { [`transport/${block.rule}`]: ['error', ...block.options] as Linter.RuleEntry },
    },
  ];
  return linter.verify(block.code, config, block.file);
}

function removeWrittenFiles(): void {
  for (const block of allBlocks) fs.rmSync(block.file, { force: true });
}

const programs = new Map<Runtime, ts.Program>();

/** One program per runtime over the written blocks of that runtime, with its fixture tsconfig's options. */
function typeCheckProgram(runtime: Runtime): ts.Program {
  const cached = programs.get(runtime);
  if (cached) return cached;
  const root = RUNTIME_ROOTS[runtime];
  const configPath = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  const rootNames = allBlocks.filter((b) => b.runtime === runtime).map((b) => b.file);
  const program = ts.createProgram({ rootNames, options: parsed.options });
  programs.set(runtime, program);
  return program;
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${path.basename(diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
}

beforeAll(() => {
  for (const block of allBlocks) fs.writeFileSync(block.file, block.code);
});

afterAll(() => {
  removeWrittenFiles();
});

for (const doc of docs)
  describe(`docs/rules/${doc.rule}.md`, () => {
    const rule = rules[doc.rule];
    const has = (level: number, text: string): boolean =>
      doc.headings.some((h) => h.level === level && h.text === text);

    it(`${doc.rule}: documents a rule of the plugin`, () => {
      expect(rule, `no rule named ${doc.rule} in src/rules`).toBeDefined();
    });

    it(`${doc.rule}: has the required headings`, () => {
      const missing = [
        [2, 'Examples'],
        [3, '❌ Incorrect'],
        [3, '✅ Correct'],
        [2, 'When Not To Use It'],
        ...optionNames(rule?.meta.schema).map((name) => [3, `\`${name}\``] as const),
      ].filter(([level, text]) => !has(level as number, text as string));
      expect(missing.map(([level, text]) => `${'#'.repeat(level as number)} ${String(text)}`)).toEqual([]);
    });

    it(`${doc.rule}: has ❌ and ✅ blocks under Examples and under every option heading`, () => {
      const sections = ['Examples', ...optionNames(rule?.meta.schema).map((name) => `\`${name}\``)];
      const empty: string[] = [];
      for (const section of sections) {
        for (const kind of ['incorrect', 'correct'] as const) {
          const found = doc.blocks.some((b) => b.kind === kind && b.headings.some((h) => h.text === section));
          if (!found) empty.push(`${section} › ${kind}`);
        }
      }
      expect(empty).toEqual([]);
    });

    for (const block of doc.blocks.filter((b) => b.kind !== undefined)) {
      const expected = block.kind === 'incorrect' ? 'is reported' : 'is not reported';
      it(`${describeBlock(block)}: ${expected}`, () => {
        const messages = lint(block);
        const fatal = messages.filter((m) => m.fatal === true || m.ruleId === null);
        expect(
          fatal.map((m) => `${m.line}:${m.column} ${m.message}`),
          'parse errors or problems without a rule',
        ).toEqual([]);
        const reports = messages.filter((m) => m.ruleId === `transport/${block.rule}`);
        if (block.kind === 'incorrect') {
          expect(reports.length, `❌ block got no report from transport/${block.rule}:\n${block.code}`).toBeGreaterThan(
            0,
          );
        } else {
          expect(
            reports.map((m) => `${m.line}:${m.column} ${m.message}`),
            `✅ block was reported:\n${block.code}`,
          ).toEqual([]);
        }
      });
    }

    for (const block of doc.blocks) {
      it(`${describeBlock(block)}: type-checks`, () => {
        const checked = typeCheckProgram(block.runtime);
        const source = checked.getSourceFile(block.file);
        expect(source, `${block.file} is not in the program`).toBeDefined();
        const diagnostics = ts.getPreEmitDiagnostics(checked, source);
        expect(diagnostics.map(formatDiagnostic)).toEqual([]);
      });
    }
  });
