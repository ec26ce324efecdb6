/**
 * Lints a snippet as the typed fixture file `file.ts` with one probe rule, and returns what the probe reported: each
 * message is the JSON of one probe. The engine tests use it to look at the engine's answers directly.
 */
import tsParser from '@typescript-eslint/parser';
import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';
import { Linter } from 'eslint';
import path from 'node:path';
import { getEngine, type TransportEngine } from '../../src/engine/engine.ts';
import type { FileContext } from '../../src/engine/file-context/index.ts';
import { fixtures } from './rule-tester.ts';

const linter = new Linter({ configType: 'flat', cwd: fixtures });

export function probeResults<T>(rule: RuleModule<string>, code: string): T[] {
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
        plugins: { test: { rules: { probe: rule as never } } },
        rules: { 'test/probe': 'error' },
      },
    ],
    path.join(fixtures, 'file.ts'),
  );
  for (const m of messages) if (m.fatal) throw new Error(m.message);
  return messages.map((m) => JSON.parse(m.message) as T);
}

/** A probe rule: at each node the selector picks, it reports the JSON of what `probe` finds there with the file's engine. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the node type their selector picks
export function engineProbe<N extends TSESTree.Node>(
  selector: string,
  probe: (ctx: FileContext, node: N, engine: TransportEngine) => unknown,
): RuleModule<string> {
  return ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', messages: { probe: '{{json}}' }, schema: [], defaultOptions: [] },
    create(context) {
      const engine = getEngine(context);
      return {
        [selector](node: N) {
          context.report({ node, messageId: 'probe', data: { json: JSON.stringify(probe(engine.ctx, node, engine)) } });
        },
      };
    },
  });
}
