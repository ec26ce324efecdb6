/**
 * The programs transport-lint builds (src/cli/programs.ts): a file the plan already read is not read again, and the
 * text a program holds is the text TypeScript would read (readSource).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Programs } from '../../../src/cli/programs.ts';
import { planPrograms } from '../../../src/cli/projects.ts';
import { readSource } from '../../../src/cli/relevance.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transport-lint-programs-'));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Programs', () => {
  it("builds a config's program with the texts already read, and keeps none of them after", () => {
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true }, "include": ["*.ts"] }');
    const a = path.join(dir, 'a.ts');
    const b = path.join(dir, 'b.ts');
    fs.writeFileSync(a, 'export const a = 1;\n');
    // a byte order mark: TypeScript drops it, and so does readSource
    fs.writeFileSync(b, '\uFEFFexport const b = 2;\n');
    expect(readSource(b)).toBe('export const b = 2;\n');
    expect(readSource(path.join(dir, 'missing.ts'))).toBeUndefined();

    const plan = planPrograms([a, b], { bundledTypeRoot: undefined, cwd: dir });
    const group = plan.groups.find((g) => g.kind === 'config')!;
    expect(group.owned.sort()).toEqual([a, b]);
    group.lint.push(a);
    // what the plan read: a's text differs from the disk's, which shows which one the program took
    const texts = new Map([
      [a, 'export const a = "read once";\n'],
      [b, readSource(b)!],
    ]);
    const program = new Programs(plan.groups, plan.configs, texts).program(group);
    expect(program.getSourceFile(a)?.text).toBe('export const a = "read once";\n');
    expect(program.getSourceFile(b)?.text).toBe('export const b = 2;\n');
    expect(texts.size).toBe(0);
  });
});
