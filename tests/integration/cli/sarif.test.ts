/** The SARIF writer on hand-made lint results: the cases the fixture repositories do not reach. */
import type { ESLint, Linter } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanResult } from '../../../src/cli/report.ts';
import { PARSE_ERROR_RULE, relativeUri, toSarif } from '../../../src/cli/sarif.ts';

const cwd = path.join(path.sep, 'repo');
const tool = {
  name: 'transport-lint',
  version: '1.2.3',
  informationUri: 'https://example.test/transport',
  rules: [{ id: 'transport/a', description: 'Disallow a', url: 'https://example.test/a.md' }],
};

function result(file: string, messages: Partial<Linter.LintMessage>[]): ESLint.LintResult {
  return {
    ...cleanResult(path.join(cwd, file)),
    messages: messages.map((m) => ({ ruleId: null, message: 'm', line: 1, column: 1, severity: 2, ...m })),
  };
}

describe('relativeUri', () => {
  it('is relative to the working folder, with forward slashes and percent-encoded segments', () => {
    expect(relativeUri(path.join(cwd, 'src', 'a b', 'ü#1.ts'), cwd)).toBe('src/a%20b/%C3%BC%231.ts');
    expect(relativeUri(path.join(path.sep, 'elsewhere', 'x.js'), cwd)).toBe('../elsewhere/x.js');
  });
});

describe('toSarif', () => {
  it('describes every rule that ran, and the parse-error rule', () => {
    const log = toSarif([], tool, cwd);
    expect(log.runs[0]!.tool.driver).toEqual({
      name: 'transport-lint',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://example.test/transport',
      rules: [
        {
          id: 'transport/a',
          shortDescription: { text: 'Disallow a' },
          helpUri: 'https://example.test/a.md',
          help: {
            text: 'Disallow a. See https://example.test/a.md',
            markdown: 'Disallow a.\n\n[Documentation](https://example.test/a.md)',
          },
          defaultConfiguration: { level: 'error' },
        },
        {
          id: PARSE_ERROR_RULE,
          shortDescription: { text: 'The file could not be parsed, so no rule could check it' },
          defaultConfiguration: { level: 'error' },
        },
      ],
    });
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('turns a parse error into a result of the parse-error rule, with a valid region', () => {
    const log = toSarif(
      [result('broken.ts', [{ fatal: true, message: 'Parsing error: x', line: 0, column: 0 }])],
      tool,
      cwd,
    );
    expect(log.runs[0]!.results).toEqual([
      {
        ruleId: PARSE_ERROR_RULE,
        ruleIndex: 1,
        level: 'error',
        message: { text: 'Parsing error: x' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'broken.ts', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1 },
            },
          },
        ],
      },
    ]);
  });

  it('gives warnings their level, adds rules it was not told about, and turns a fix and suggestions into fixes', () => {
    const log = toSarif(
      [
        result('src/x.ts', [
          {
            ruleId: 'transport/a',
            severity: 1,
            line: 2,
            column: 3,
            endLine: 2,
            endColumn: 9,
            fix: { range: [10, 14], text: 'abc' },
            suggestions: [{ desc: 'Remove it.', fix: { range: [8, 15], text: '' } }],
          },
          { ruleId: 'other/b', line: 4, column: 1, endLine: 5, endColumn: 1 },
        ]),
      ],
      tool,
      cwd,
    );
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['transport/a', PARSE_ERROR_RULE, 'other/b']);
    const [a, b] = run.results;
    expect(a).toMatchObject({ ruleId: 'transport/a', ruleIndex: 0, level: 'warning' });
    expect(a!.locations[0]!.physicalLocation.region).toEqual({
      startLine: 2,
      startColumn: 3,
      endLine: 2,
      endColumn: 9,
    });
    const location = { uri: 'src/x.ts', uriBaseId: '%SRCROOT%' };
    expect(a!.fixes).toEqual([
      {
        description: { text: 'Fix' },
        artifactChanges: [
          {
            artifactLocation: location,
            replacements: [{ deletedRegion: { charOffset: 10, charLength: 4 }, insertedContent: { text: 'abc' } }],
          },
        ],
      },
      {
        description: { text: 'Remove it.' },
        artifactChanges: [
          { artifactLocation: location, replacements: [{ deletedRegion: { charOffset: 8, charLength: 7 } }] },
        ],
      },
    ]);
    expect(b).toMatchObject({ ruleId: 'other/b', ruleIndex: 2, level: 'error' });
    expect(b!.locations[0]!.physicalLocation.region).toEqual({
      startLine: 4,
      startColumn: 1,
      endLine: 5,
      endColumn: 1,
    });
    expect(b!.fixes).toBeUndefined();
  });
});
