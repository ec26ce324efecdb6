import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import * as vitest from 'vitest';

export const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

/** Every error must give its full location and data; every suggestion its data. */
export const assertionOptions = { requireLocation: true, requireData: true } as const;

/**
 * A RuleTester with type information (`file.ts` and `plain.js` in the fixture project, covered by its tsconfig) that
 * also checks every fix and suggestion output of the invalid cases: it must parse and type-check, adding no
 * TypeScript diagnostic that the input did not have.
 */
export function typedRuleTester(root = fixtures): RuleTester {
  return new SoundRuleTester(root);
}

class SoundRuleTester extends RuleTester {
  constructor(private readonly root: string) {
    super({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } });
  }

  override run<MessageIds extends string, Options extends readonly unknown[]>(
    name: string,
    rule: RuleModule<MessageIds, Options>,
    tests: RunTests<MessageIds, Options>,
  ): void {
    super.run(name, rule, tests);
    const pairs = tests.invalid.flatMap((test) => {
      const outputs = [
        ...(typeof test.output === 'string' ? [test.output] : Array.isArray(test.output) ? test.output : []),
        ...test.errors.flatMap((error) => (error.suggestions ?? []).map((s) => s.output)),
      ];
      return outputs.map((output) => ({
        name: test.name ?? test.code.slice(0, 40),
        filename: test.filename ?? 'file.ts',
        input: test.code,
        output,
      }));
    });
    if (pairs.length === 0) return;
    vitest.describe(`${name}: fix and suggestion outputs`, () => {
      vitest.it(`all ${pairs.length} parse and type-check`, () => {
        expect(newDiagnostics(this.root, name, pairs)).toEqual([]);
      });
    });
  }
}

const { expect } = vitest;

/** Diagnostics that an output has and its input had not, as readable lines. */
function newDiagnostics(
  root: string,
  suite: string,
  pairs: { name: string; filename: string; input: string; output: string }[],
): string[] {
  // one folder per run: a rule's cases are split over several files, which may run at once
  const tmp = path.join(import.meta.dirname, '..', '.tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const dir = fs.mkdtempSync(path.join(tmp, `sound-${suite.replace(/[^\w-]+/g, '_')}-`));
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f)).config as {
    compilerOptions: object;
  };
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
  const files = pairs.map((pair, i) => {
    const ext = path.extname(pair.filename);
    const input = path.join(dir, `${i}-input${ext}`);
    const output = path.join(dir, `${i}-output${ext}`);
    fs.writeFileSync(input, pair.input);
    fs.writeFileSync(output, pair.output);
    return { ...pair, inputFile: input, outputFile: output };
  });
  const program = ts.createProgram(
    files.flatMap((f) => [f.inputFile, f.outputFile]),
    {
      ...options,
      noEmit: true,
      moduleDetection: ts.ModuleDetectionKind.Force,
      noUnusedLocals: false,
      noUnusedParameters: false,
    },
  );
  const describe = (file: string): string[] =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(file))
      .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  const problems: string[] = [];
  for (const f of files) {
    const before = describe(f.inputFile);
    for (const diagnostic of describe(f.outputFile)) {
      const index = before.indexOf(diagnostic);
      if (index >= 0) before.splice(index, 1);
      else problems.push(`${f.name}: ${diagnostic}\n${f.output}`);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return problems;
}
