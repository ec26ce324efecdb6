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
import plugin from '../../../src/index.ts';
import { commentRanges, configuredRules, mayReport } from '../../../src/cli/relevance.ts';
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
